from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def rating_min_for_rank() -> int:
    """How many approved ratings a company needs before it is ranked in its industry."""
    return settings.RATING_MIN_FOR_RANK

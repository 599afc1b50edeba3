from django import template

from listings.alerts.forms import AlertSubscribeForm, subscribe_form_context

register = template.Library()


@register.simple_tag(takes_context=True)
def alert_form_for(context, search) -> dict:
    """What the "Email me jobs like these" form needs for ``search`` (a SearchRequest)."""
    user = context["request"].user
    initial = {"email": user.email} if user.is_authenticated else {}
    return subscribe_form_context(search, AlertSubscribeForm(initial=initial))

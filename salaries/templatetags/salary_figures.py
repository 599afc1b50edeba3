from decimal import Decimal

from django import template
from django.utils.safestring import SafeString

from listings.jsonld import json_for_script
from salaries.charts import short_money as _short_money
from salaries.jsonld import faq_jsonld

register = template.Library()


@register.filter
def annual(amount: Decimal | None) -> str:
    """A yearly figure in whole dollars: ``{{ 119924.4|annual }}`` -> "$119,924"."""
    return "" if amount is None else f"${Decimal(amount):,.0f}"


@register.filter
def cents(amount: Decimal | None) -> str:
    """An hourly figure with cents: "$57.66"."""
    return "" if amount is None else f"${Decimal(amount):,.2f}"


@register.filter
def short_money(amount: Decimal | None) -> str:
    """ "$119.9K" for boxes and axes."""
    return "" if amount is None else _short_money(amount)


@register.filter
def faq_script(items) -> SafeString:
    """FAQPage JSON-LD for a list of FAQ items, safe inside <script>."""
    data = faq_jsonld(items)
    return json_for_script(data) if data else SafeString("")

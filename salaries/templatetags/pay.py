from django import template

from salaries.display import format_pay_range

register = template.Library()


@register.filter
def pay_range(job) -> str:
    """A job's posted pay: ``{{ job|pay_range }}`` -> "$133.60K - $160.50K/yr"."""
    return format_pay_range(job.pay_min, job.pay_max, job.pay_currency, job.pay_period)

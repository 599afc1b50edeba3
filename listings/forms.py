"""Rules every form that writes a job shares: the posting form and the job admin."""

from decimal import Decimal

from salaries.models import ExchangeRate
from salaries.pay import NO_PERIOD, PERIODS_PER_YEAR, amount_problem


def pay_errors(
    *, pay_min: Decimal | None, pay_max: Decimal | None, currency: str, period: str
) -> dict[str, str]:
    """What is wrong with a form's pay fields, by field name; empty when nothing is.

    The posting form and the job admin both ask this: min <= max, a period for any pay, and
    each figure plausible for its period in US dollars (``salaries.pay.amount_problem``).
    """
    if pay_min is None and pay_max is None:
        return {}
    if pay_min is None:
        return {"pay_min": "Give the lowest pay too (the same figure for a fixed rate)."}
    if pay_max is not None and pay_min > pay_max:
        return {"pay_max": "The highest pay must be at least the lowest."}
    if period not in PERIODS_PER_YEAR:
        return {"pay_period": NO_PERIOD}
    rate = ExchangeRate.objects.usd_per_unit(currency)
    errors = {}
    for name, amount in (("pay_min", pay_min), ("pay_max", pay_max)):
        problem = amount is not None and amount_problem(
            amount=amount, currency=currency, period=period, usd_per_unit=rate
        )
        if problem:
            errors[name] = problem
    return errors

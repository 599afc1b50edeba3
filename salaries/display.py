"""How pay reads on a page: "$133.60K - $160.50K/yr", "$25.50/hr"."""

from decimal import Decimal

CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "CAD": "CA$", "AUD": "A$", "JPY": "¥"}
PERIOD_SUFFIXES = {"hour": "/hr", "day": "/day", "week": "/wk", "month": "/mo", "year": "/yr"}


def format_amount(amount: Decimal, currency: str, period: str) -> str:
    """One figure: thousands as "133.60K" for yearly pay, cents for hourly, whole otherwise."""
    symbol = CURRENCY_SYMBOLS.get(currency, f"{currency} " if currency else "$")
    amount = Decimal(amount)
    if period == "year" and amount >= 1000:
        return f"{symbol}{amount / 1000:,.2f}K"
    if period == "hour" or amount != amount.to_integral_value():
        return f"{symbol}{amount:,.2f}"
    return f"{symbol}{amount:,.0f}"


def format_pay_range(
    pay_min: Decimal | None, pay_max: Decimal | None, currency: str, period: str
) -> str:
    """A posted range with its period, or "" when the posting states no pay."""
    if pay_min is None and pay_max is None:
        return ""
    low = pay_min if pay_min is not None else pay_max
    high = pay_max if pay_max is not None else pay_min
    suffix = PERIOD_SUFFIXES.get(period, "")
    if low == high:
        return f"{format_amount(low, currency, period)}{suffix}"
    return (
        f"{format_amount(low, currency, period)} - {format_amount(high, currency, period)}{suffix}"
    )


def format_annual(amount: Decimal | None) -> str:
    """A yearly figure in whole dollars: "$119,924"."""
    return "" if amount is None else f"${Decimal(amount):,.0f}"

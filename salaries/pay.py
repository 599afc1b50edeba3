"""Pay: annualising figures. Pure Python, no database."""

from decimal import ROUND_HALF_UP, Decimal

HOURS_PER_YEAR = 2080
PERIODS_PER_YEAR = {
    "hour": Decimal(HOURS_PER_YEAR),
    "day": Decimal(260),
    "week": Decimal(52),
    "month": Decimal(12),
    "year": Decimal(1),
}


def annualise(amount: Decimal | None, period: str) -> Decimal | None:
    """The yearly equivalent of ``amount`` paid per ``period`` (2,080 working hours a year)."""
    if amount is None or period not in PERIODS_PER_YEAR:
        return None
    return (Decimal(amount) * PERIODS_PER_YEAR[period]).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )

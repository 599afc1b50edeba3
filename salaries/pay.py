"""Pay: reading pay from what postings say, and annualising it. Pure Python, no database."""

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

HOURS_PER_YEAR = 2080
PERIODS_PER_YEAR = {
    "hour": Decimal(HOURS_PER_YEAR),
    "day": Decimal(260),
    "week": Decimal(52),
    "month": Decimal(12),
    "year": Decimal(1),
}
CENT = Decimal("0.01")
# What a job could plausibly pay per period, in US dollars; outside this is almost always a
# typo (a yearly figure typed as hourly, a missing zero). Ceilings apply to the US-dollar
# equivalent of every currency, since a slipped digit looks the same in any of them; floors
# to US dollars only, because wages differ between countries far more at the bottom than at
# the top (₹400,000 a year is a real Indian salary at about $4,800).
PLAUSIBLE_PAY = {
    "hour": (Decimal(7), Decimal(500)),
    "day": (Decimal(50), Decimal(4_000)),
    "week": (Decimal(250), Decimal(20_000)),
    "month": (Decimal(1_000), Decimal(170_000)),
    "year": (Decimal(10_000), Decimal(2_000_000)),
}
NO_PERIOD = "Choose the period this pay is per (hour, day, week, month or year)."
MAX_AMOUNT = Decimal("9999999999.99")  # what Job's pay columns hold, yearly figures included


def annualise(amount: Decimal | None, period: str) -> Decimal | None:
    """The yearly equivalent of ``amount`` paid per ``period`` (2,080 working hours a year)."""
    if amount is None or period not in PERIODS_PER_YEAR:
        return None
    return (Decimal(amount) * PERIODS_PER_YEAR[period]).quantize(CENT, rounding=ROUND_HALF_UP)


def to_usd(amount: Decimal | None, usd_per_unit: Decimal | None) -> Decimal | None:
    """``amount`` in US dollars at ``usd_per_unit`` (None when either is unknown)."""
    if amount is None or usd_per_unit is None:
        return None
    return (Decimal(amount) * Decimal(usd_per_unit)).quantize(CENT, rounding=ROUND_HALF_UP)


def pay_derived(
    *,
    pay_min: Decimal | None,
    pay_max: Decimal | None,
    period: str,
    usd_per_unit: Decimal | None,
) -> dict[str, Decimal | None]:
    """A job's derived pay columns: yearly figures in its own currency and in US dollars.

    The pay part of ``listings.derived.job_derived_fields``, which every job writer calls; SQL
    that recomputes the dollar figures (``salaries.services.exchange_rate_apply``) rounds the
    same.
    """
    annual_min, annual_max = annualise(pay_min, period), annualise(pay_max, period)
    return {
        "annual_pay_min": annual_min,
        "annual_pay_max": annual_max,
        "usd_annual_pay_min": to_usd(annual_min, usd_per_unit),
        "usd_annual_pay_max": to_usd(annual_max, usd_per_unit),
    }


def amount_problem(
    *, amount: Decimal, currency: str, period: str, usd_per_unit: Decimal | None
) -> str | None:
    """Why one stated figure looks wrong, or None when it is plausible.

    Pay needs a period. The figure, in US dollars where ``usd_per_unit`` is known (1 for
    USD), is checked against ``PLAUSIBLE_PAY``: its ceiling in every currency with a rate,
    its floor in US dollars only. A currency without a rate is only held to what the columns
    hold, its yearly figure included. The form, the job admin and ingest all ask this one function.
    """
    if period not in PLAUSIBLE_PAY:
        return NO_PERIOD
    if annualise(amount, period) > MAX_AMOUNT:
        return f"{amount:,} {currency} per {period} is more than any pay we can store."
    usd = to_usd(amount, usd_per_unit)
    if usd is None:
        return None
    floor, ceiling = PLAUSIBLE_PAY[period]
    if usd <= ceiling and (currency != "USD" or floor <= usd):
        return None
    label = f"per {period}"
    if currency == "USD":
        stated, usual = f"{amount:,} {label}", f"between {floor:,} and {ceiling:,}"
    else:
        stated, usual = f"{amount:,} {currency} {label} (about ${usd:,.0f})", f"below ${ceiling:,}"
    return f"{stated} looks wrong: pay {label} is usually {usual}. Check the period."


def pay_problem(pay: "Pay", *, usd_per_unit: Decimal | None) -> str | None:
    """Why a stated range looks wrong (see ``amount_problem``), or None when it is plausible."""
    for amount in (pay.min, pay.max):
        problem = amount_problem(
            amount=amount, currency=pay.currency, period=pay.period, usd_per_unit=usd_per_unit
        )
        if problem is not None:
            return problem
    return None


@dataclass(frozen=True)
class Pay:
    """A stated pay range: ``min == max`` for a single figure ("Up to $150k" is 150,000)."""

    min: Decimal
    max: Decimal
    currency: str
    period: str

    @property
    def annual_min(self) -> Decimal | None:
        return annualise(self.min, self.period)

    @property
    def annual_max(self) -> Decimal | None:
        return annualise(self.max, self.period)


# Longest first, so "CAD$" wins over "$" and "R$" is read as reais, not dollars.
CURRENCY_SYMBOLS = {
    "CAD$": "CAD",
    "USD$": "USD",
    "AUD$": "AUD",
    "NZD$": "NZD",
    "SGD$": "SGD",
    "US$": "USD",
    "CA$": "CAD",
    "C$": "CAD",
    "A$": "AUD",
    "R$": "BRL",
    "$": "USD",
    "£": "GBP",
    "€": "EUR",
    "¥": "JPY",
    "₹": "INR",
}
CURRENCY_CODES = (
    "USD CAD EUR GBP AUD NZD CHF SEK NOK DKK PLN CZK INR JPY CNY BRL MXN SGD HKD ZAR ILS RSD COP"
).split()

_SYMBOL = "|".join(re.escape(symbol) for symbol in CURRENCY_SYMBOLS)
_CODE = "|".join(CURRENCY_CODES)
# One figure: an optional currency before it (symbol, possibly doubled as in "$$144,183", or
# code), the number with thousands separators or decimals, an optional "k", an optional code.
_FIGURE = (
    rf"(?:(?P<{{p}}code_before>{_CODE})\s?)?(?P<{{p}}symbol>(?:{_SYMBOL})+)?\s?"
    rf"(?P<{{p}}number>\d{{{{1,3}}}}(?:,\d{{{{3}}}})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    rf"(?:\s?(?P<{{p}}thousands>[kK])\b)?"
    # "$12B company", "$300 million raised": sizes of things, never pay.
    rf"(?![A-Za-z0-9])(?!\s?(?:million|billion|bn|mn|[mb])\b)"
    rf"(?:\s?(?P<{{p}}code_after>{_CODE})\b)?"
)
_RANGE = re.compile(
    _FIGURE.format(p="low_") + r"(?:\s*(?:-|–|—|to)\s*" + _FIGURE.format(p="high_") + r")?"
)
_PERIOD_WORDS = [
    ("hour", r"per\s+hour|an\s+hour|/\s?hour|/\s?hr\b|per\s+hr\b|hourly|/h\b"),
    ("day", r"per\s+day|a\s+day|/\s?day\b|daily"),
    ("week", r"per\s+week|a\s+week|/\s?week|/\s?wk\b|weekly"),
    ("month", r"per\s+month|a\s+month|/\s?month|/\s?mo\b|monthly"),
    ("year", r"per\s+year|a\s+year|/\s?year|/\s?yr\b|annually|annual|yearly|per\s+annum|p\.a\."),
]
_PERIODS = [(period, re.compile(words, re.IGNORECASE)) for period, words in _PERIOD_WORDS]
# Structured period names feeds use: Lever "per-year-salary", Ashby "1 YEAR", schema.org
# "HOUR", Himalayas "annual"/"hourly", the US Department of Labor "Bi-Weekly".
_STRUCTURED_PERIODS = {
    "hour": "hour",
    "hourly": "hour",
    "day": "day",
    "daily": "day",
    "week": "week",
    "weekly": "week",
    "month": "month",
    "monthly": "month",
    "year": "year",
    "yearly": "year",
    "annual": "year",
    "annually": "year",
}


def parse_pay(text: str | None) -> Pay | None:
    """The pay a piece of text states ("$133.60K - $160.50K/yr", "$25/hr", "Up to $150k").

    The first figure or range that carries a currency (a symbol or an ISO code) is read;
    a bare "$" is USD. A stated period wins; otherwise the size decides (see
    ``infer_period``). None when no pay is stated ("Competitive", "-1", "DOE", "$0").
    """
    if not text:
        return None
    text = _repair_mojibake(text)
    for match in _RANGE.finditer(text):
        low = _figure(match, "low_")
        if low is None:
            continue
        amount, currency = low
        high = _figure(match, "high_") if match.group("high_number") else None
        if currency is None and (high is None or high[1] is None):
            continue  # a number without a currency is not pay: "100% remote", "-1"
        if high is None:
            low_amount = high_amount = amount
        else:
            high_amount, high_currency = high
            currency = high_currency if currency in (None, "USD") and high_currency else currency
            low_amount = amount
            # "$80-100k": the "k" on the second figure belongs to both.
            if match.group("high_thousands") and not match.group("low_thousands"):
                if low_amount < 1000 <= high_amount:
                    low_amount *= 1000
        if low_amount <= 0 or high_amount <= 0:
            return None
        low_amount, high_amount = sorted((low_amount, high_amount))
        period = _stated_period(text[match.start() :]) or infer_period(high_amount)
        return Pay(
            min=low_amount.quantize(CENT),
            max=high_amount.quantize(CENT),
            currency=currency or "USD",
            period=period,
        )
    return None


def pay_from_amounts(
    *, low: object, high: object, currency: str | None, period: str | None
) -> Pay | None:
    """Pay from a feed's structured fields (numbers or numeric strings); None for blanks.

    Zero is the placeholder some feeds send for "not stated", so it counts as no pay. A
    missing period is inferred from the size, a missing currency is USD.
    """
    amounts = [_decimal(value) for value in (low, high)]
    amounts = [amount for amount in amounts if amount is not None and amount > 0]
    if not amounts:
        return None
    low_amount, high_amount = min(amounts), max(amounts)
    return Pay(
        min=low_amount.quantize(CENT),
        max=high_amount.quantize(CENT),
        currency=(currency or "USD").strip().upper()[:3],
        period=parse_period(period) or infer_period(high_amount),
    )


def parse_period(text: str | None) -> str | None:
    """A pay period from a feed's structured value ("1 YEAR", "per-hour-wage", "Year")."""
    if not text:
        return None
    for word in re.split(r"[^a-z]+", text.lower()):
        if word in _STRUCTURED_PERIODS:
            return _STRUCTURED_PERIODS[word]
    return _stated_period(text)


def infer_period(amount: Decimal) -> str:
    """The period a figure with none stated most likely means, from its size.

    Up to 300 reads as hourly, up to 1,500 as daily, up to 15,000 as monthly, more as
    yearly; "$3k - $10k" is a monthly range, "$15K-$16K" a (low) yearly one.
    """
    if amount <= 300:
        return "hour"
    if amount <= 1500:
        return "day"
    if amount <= 15000:
        return "month"
    return "year"


def _figure(match: re.Match, prefix: str) -> tuple[Decimal, str | None] | None:
    number = match.group(f"{prefix}number")
    if number is None:
        return None
    amount = Decimal(number.replace(",", ""))
    if match.group(f"{prefix}thousands"):
        amount *= 1000
    symbol = match.group(f"{prefix}symbol")
    if symbol:
        symbol = re.sub(r"\$+$", "$", symbol)  # "$$144,183" is a typo for "$144,183"
    code = match.group(f"{prefix}code_after") or match.group(f"{prefix}code_before")
    currency = code or (CURRENCY_SYMBOLS.get(symbol) if symbol else None)
    return amount, currency


def _stated_period(text: str) -> str | None:
    found = [(pattern.search(text), period) for period, pattern in _PERIODS]
    found = [(match.start(), period) for match, period in found if match]
    return min(found)[1] if found else None


def _decimal(value: object) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        amount = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        return None
    return amount if amount.is_finite() else None


def _repair_mojibake(text: str) -> str:
    """UTF-8 read as Windows-1252 ("Â£0") back to what was meant ("£0")."""
    if "Â" not in text and "â" not in text:
        return text
    try:
        return text.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return text.replace("Â", "")

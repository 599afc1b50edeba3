from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salaries.pay import (
    Pay,
    amount_problem,
    annualise,
    parse_pay,
    parse_period,
    pay_derived,
    pay_from_amounts,
)

STRINGS = Path(__file__).parents[1] / "data" / "salary" / "salary_strings.txt"


def usd(low, high, period):
    return Pay(min=Decimal(low), max=Decimal(high), currency="USD", period=period)


# Every line of the recorded file, in order, with what it states, worked out by hand.
EXPECTED = [
    usd("53000", "91000", "year"),
    usd("86000", "143000", "year"),
    usd("17", "24", "hour"),
    usd("10", "17", "hour"),
    usd("110000", "150000", "year"),
    usd("15000", "16000", "year"),
    usd("150000", "160000", "year"),
    usd("25", "28", "hour"),
    None,  # "-1": the scraper's "not stated"
    usd("75", "96", "hour"),
    None,
    None,
    None,
    None,
    usd("55000", "100000", "year"),
    usd("25000", "35000", "year"),
    usd("3000", "10000", "month"),  # no period stated: too small for a year
    usd("9", "11", "hour"),
    usd("65000", "75000", "year"),
    usd("148000", "230000", "year"),
    usd("80000", "110000", "year"),
    usd("65000", "72000", "year"),
    usd("26", "31", "hour"),
    usd("6", "6", "hour"),
    usd("93850", "110910", "year"),
    usd("122005", "144183", "year"),  # "$$144,183"
    None,  # "Â£0 - Â£0 a year": zero is no pay
    usd("200000", "270000", "year"),
    usd("225000", "250000", "year"),
    usd("185500", "185500", "year"),  # "up to": a single figure
    usd("160000", "180000", "year"),  # the senior band in brackets is not the range
    usd("75000", "105000", "year"),  # "100% US-based" is not pay
    Pay(min=Decimal("75"), max=Decimal("75"), currency="GBP", period="hour"),
]


def recorded_strings() -> list[str]:
    return STRINGS.read_text(encoding="utf-8").splitlines()


# strict: a line of the file without its expectation, or an expectation too many, fails the run.
@pytest.mark.parametrize(("text", "expected"), list(zip(recorded_strings(), EXPECTED, strict=True)))
def test_recorded_pay_strings(text, expected):
    assert parse_pay(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$133.60K - $160.50K/yr", usd("133600", "160500", "year")),
        ("$25/hr", usd("25", "25", "hour")),
        ("Up to $150k", usd("150000", "150000", "year")),
        (
            "€60,000 - €70,000 a year",
            Pay(min=Decimal("60000"), max=Decimal("70000"), currency="EUR", period="year"),
        ),
        (
            "CAD$80,000 - CAD$95,000",
            Pay(min=Decimal("80000"), max=Decimal("95000"), currency="CAD", period="year"),
        ),
        (
            "$90,000 - $100,000 CAD",
            Pay(min=Decimal("90000"), max=Decimal("100000"), currency="CAD", period="year"),
        ),
        (
            "R$1,260,000 • Offers Equity",
            Pay(min=Decimal("1260000"), max=Decimal("1260000"), currency="BRL", period="year"),
        ),
        ("$101,382—$209,296 USD", usd("101382", "209296", "year")),
        ("$69.72 – $91.36 per hour • Offers Equity", usd("69.72", "91.36", "hour")),
        ("$80-100k", usd("80000", "100000", "year")),
        ("$4,000 a month", usd("4000", "4000", "month")),
        ("$500 per day", usd("500", "500", "day")),
        ("Competitive", None),
        ("DOE", None),
        ("-1", None),
        ("", None),
        (None, None),
    ],
)
def test_pay_strings_from_the_issue_and_feeds(text, expected):
    assert parse_pay(text) == expected


def test_annual_figures_use_2080_hours():
    pay = parse_pay("$25/hr")
    assert pay.annual_min == Decimal("52000.00") == pay.annual_max
    assert parse_pay("$3k - $10k").annual_max == Decimal("120000.00")


@pytest.mark.parametrize(
    ("value", "period"),
    [
        ("1 YEAR", "year"),
        ("per-year-salary", "year"),
        ("per-hour-wage", "hour"),
        ("HOUR", "hour"),
        ("Month", "month"),
        ("annual", "year"),
        ("hourly", "hour"),
        ("Bi-Weekly", "week"),
        ("", None),
        ("fortnight", None),
    ],
)
def test_structured_periods(value, period):
    assert parse_period(value) == period


def test_structured_amounts_treat_zero_as_not_stated_and_infer_the_period():
    assert pay_from_amounts(low="0.0", high="0.0", currency=None, period=None) is None
    assert pay_from_amounts(low="32.69", high="44.953", currency="usd", period=None) == usd(
        "32.69", "44.95", "hour"
    )
    assert pay_from_amounts(low=120000, high=None, currency="EUR", period="1 YEAR") == Pay(
        min=Decimal("120000"), max=Decimal("120000"), currency="EUR", period="year"
    )


@given(st.text(max_size=200))
def test_any_text_gives_pay_with_sane_figures_or_none(text):
    pay = parse_pay(text)
    assert pay is None or (0 < pay.min <= pay.max and len(pay.currency) == 3)


def test_annualise_keeps_the_existing_contract():
    assert annualise(Decimal("10"), "week") == Decimal("520.00")
    assert annualise(None, "year") is None
    assert annualise(Decimal("10"), "") is None


def test_a_structured_range_without_a_period_gets_one_from_its_size():
    # "Salary Range" names the field, not a period: 24-30 is hourly, 24,000-30,000 yearly.
    hourly = pay_from_amounts(low="24.0", high="30.0", currency="GBP", period="Salary Range")
    yearly = pay_from_amounts(low="24000.0", high="30000.0", currency="GBP", period="Salary Range")
    assert (hourly.period, yearly.period) == ("hour", "year")
    assert parse_period("Salary Range") is None


@pytest.mark.parametrize(
    ("amount", "currency", "period", "usd_per_unit", "wrong"),
    [
        ("5000", "USD", "hour", "1", True),  # $10.4M a year: a typo, whatever the feed says
        ("45", "USD", "hour", "1", False),
        ("170000", "GBP", "month", "1.27", True),  # about $216K a month
        ("5000", "GBP", "month", "1.27", False),
        ("2000000", "JPY", "year", "0.0067", False),  # about $13K a year
        ("5000000", "JPY", "year", "0.0067", False),  # above 2,000,000 only in yen
        ("400000", "INR", "year", "0.012", False),  # floors are US wages: USD pay only
        ("5", "USD", "hour", "1", True),
        ("50000", "XYZ", "year", None, False),  # no rate: nothing to compare with
        ("9000000000", "XYZ", "hour", None, True),  # but its yearly figure must fit a column
        ("50000", "USD", "", "1", True),  # pay needs a period
    ],
)
def test_pay_plausibility_compares_us_dollar_equivalents(
    amount, currency, period, usd_per_unit, wrong
):
    rate = Decimal(usd_per_unit) if usd_per_unit else None
    problem = amount_problem(
        amount=Decimal(amount), currency=currency, period=period, usd_per_unit=rate
    )
    assert (problem is not None) == wrong, problem


def test_derived_pay_has_annual_figures_in_the_currency_and_in_us_dollars():
    assert pay_derived(
        pay_min=Decimal("5000"),
        pay_max=Decimal("6000"),
        period="month",
        usd_per_unit=Decimal("1.25"),
    ) == {
        "annual_pay_min": Decimal("60000.00"),
        "annual_pay_max": Decimal("72000.00"),
        "usd_annual_pay_min": Decimal("75000.00"),
        "usd_annual_pay_max": Decimal("90000.00"),
    }
    no_rate = pay_derived(
        pay_min=Decimal("5000"), pay_max=Decimal("6000"), period="month", usd_per_unit=None
    )
    assert (
        no_rate["annual_pay_max"] == Decimal("72000.00") and no_rate["usd_annual_pay_max"] is None
    )

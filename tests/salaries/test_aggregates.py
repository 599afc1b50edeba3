"""Salary aggregates: SQL figures equal an independent computation over the same postings."""

import statistics
from decimal import Decimal

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from listings.models import Job
from salaries.aggregates import MAX_BINS, aggregates_insert
from salaries.models import Occupation, OpeningCount, SalaryAggregate
from salaries.services import salary_aggregates_refresh
from tests.factories import (
    CompanyFactory,
    DraftJobFactory,
    ExpiredJobFactory,
    PastExpiryJobFactory,
    PublishedJobFactory,
)

pytestmark = pytest.mark.django_db
CENT = Decimal("0.01")

# (pay_min, pay_max, period): ranges, a single figure, hourly pay and an outlier.
SAN_JOSE_PAY = [
    (Decimal("100000"), Decimal("140000"), "year"),
    (Decimal("120000"), Decimal("160000"), "year"),
    (Decimal("133600"), Decimal("160500"), "year"),
    (Decimal("95000"), None, "year"),
    (Decimal("55"), Decimal("70"), "hour"),
    (Decimal("150000"), Decimal("210000"), "year"),
    (Decimal("250000"), Decimal("300000"), "year"),
]
SUNNYVALE_PAY = [
    (Decimal("110000"), Decimal("130000"), "year"),
    (Decimal("9000"), Decimal("11000"), "month"),
]


def midpoint(pay_min, pay_max, period) -> Decimal:
    per_year = {"year": 1, "month": 12, "hour": 2080}[period]
    high = pay_max if pay_max is not None else pay_min
    return (pay_min + high) * per_year / 2


def expected(pays: list[Decimal]) -> dict[str, Decimal]:
    """Python's statistics over the same midpoints; 'inclusive' is percentile_cont's method."""
    deciles = statistics.quantiles(pays, n=10, method="inclusive")
    quartiles = statistics.quantiles(pays, n=4, method="inclusive")
    return {
        "pay_min": min(pays),
        "p10": deciles[0],
        "p25": quartiles[0],
        "median": statistics.median(pays),
        "mean": statistics.fmean(pays),
        "p75": quartiles[2],
        "p90": deciles[8],
        "pay_max": max(pays),
    }


@pytest.fixture
def engineer(db):
    return Occupation.objects.create(name="Computer Vision Machine Learning Engineer")


@pytest.fixture
def postings(places, engineer):
    for pay_min, pay_max, period in SAN_JOSE_PAY:
        PublishedJobFactory(
            occupation=engineer,
            pay_min=pay_min,
            pay_max=pay_max,
            pay_period=period,
            places=[places.san_jose],
        )
    for pay_min, pay_max, period in SUNNYVALE_PAY:
        PublishedJobFactory(
            occupation=engineer,
            pay_min=pay_min,
            pay_max=pay_max,
            pay_period=period,
            places=[places.sunnyvale],
        )
    # None of these count: not live, no pay, another currency, or implausible.
    DraftJobFactory(occupation=engineer, pay_min=1, pay_max=2, places=[places.san_jose])
    ExpiredJobFactory(occupation=engineer, places=[places.san_jose])
    PastExpiryJobFactory(occupation=engineer, places=[places.san_jose])
    PublishedJobFactory(occupation=engineer, pay_min=None, pay_max=None, places=[places.san_jose])
    PublishedJobFactory(
        occupation=engineer, pay_currency="EUR", pay_min=90000, pay_max=90000, places=[places.us]
    )
    PublishedJobFactory(occupation=engineer, pay_min=1, pay_max=2, places=[places.san_jose])
    PublishedJobFactory(occupation=None, places=[places.san_jose])


def aggregate(engineer, place, currency="USD") -> SalaryAggregate:
    return SalaryAggregate.objects.get(occupation=engineer, place=place, currency=currency)


def test_state_figures_equal_python_statistics(postings, engineer, places):
    salary_aggregates_refresh()
    pays = [midpoint(*pay) for pay in SAN_JOSE_PAY + SUNNYVALE_PAY]
    row = aggregate(engineer, places.california)
    assert row.sample_size == len(pays) == 9
    assert row.as_of == timezone.localdate()
    for name, value in expected(pays).items():
        assert abs(getattr(row, name) - Decimal(value)) <= CENT, name


def test_city_and_everywhere_scopes(postings, engineer, places):
    salary_aggregates_refresh()
    san_jose = aggregate(engineer, places.san_jose)
    assert san_jose.sample_size == len(SAN_JOSE_PAY)
    pays = [midpoint(*pay) for pay in SAN_JOSE_PAY]
    assert abs(san_jose.median - statistics.median(pays)) <= CENT
    assert aggregate(engineer, None).sample_size == 9
    assert aggregate(engineer, places.us).sample_size == 9
    euro = aggregate(engineer, places.us, "EUR")
    assert euro.sample_size == 1 and euro.mean is None


def test_histogram_bins_sum_to_the_sample_and_use_round_edges(postings, engineer, places):
    salary_aggregates_refresh()
    row = aggregate(engineer, places.california)
    bins = row.bins
    assert sum(count for _, _, count in bins) == row.sample_size
    assert row.bin_width in {Decimal(w) for w in (10000, 20000, 25000, 50000)}
    assert all(low % row.bin_width == 0 for low, _, _ in bins)
    assert bins[0][0] <= row.pay_min < bins[0][1]
    assert bins[-1][0] <= row.pay_max < bins[-1][1]
    assert len(bins) <= 20


def test_below_the_minimum_sample_nothing_is_published(postings, engineer, places, settings):
    settings.SALARY_MIN_SAMPLE = 5
    salary_aggregates_refresh()
    sunnyvale = aggregate(engineer, places.sunnyvale)
    assert sunnyvale.sample_size == 2
    assert not sunnyvale.is_published
    figures = ["pay_min", "p10", "p25", "median", "mean", "p75", "p90", "pay_max", "bin_width"]
    assert all(getattr(sunnyvale, name) is None for name in figures)
    assert sunnyvale.histogram == []
    assert aggregate(engineer, places.san_jose).is_published


def test_refresh_is_idempotent_and_can_target_one_occupation(postings, engineer, places):
    first = salary_aggregates_refresh()
    assert salary_aggregates_refresh() == first
    assert SalaryAggregate.objects.count() == first
    other = Occupation.objects.create(name="Barista")
    PublishedJobFactory(occupation=other, places=[places.austin])
    assert salary_aggregates_refresh(occupation=other) == 4  # Austin, Texas, US, everywhere
    assert SalaryAggregate.objects.count() == first + 4


def test_openings_count_every_live_posting_whether_or_not_it_states_pay(postings, engineer, places):
    salary_aggregates_refresh()
    counts = {
        count.place_id: count.openings
        for count in OpeningCount.objects.filter(occupation=engineer, as_of=timezone.localdate())
    }
    # San Jose: seven with pay, one without, one implausible; drafts and expired never count.
    assert counts[places.san_jose.pk] == 9
    assert counts[places.sunnyvale.pk] == 2
    assert counts[places.california.pk] == 11
    assert counts[places.us.pk] == counts[None] == 12  # and the posting paid in euros


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(pays=st.lists(st.integers(min_value=5_000, max_value=900_000), min_size=1, max_size=25))
def test_any_set_of_pays_matches_python_and_fills_the_histogram(pays, places, engineer):
    """Whatever the pays, SQL equals Python's statistics and every posting lands in a bin."""
    Job.objects.all().delete()
    SalaryAggregate.objects.all().delete()
    company = CompanyFactory()
    Job.objects.bulk_create(
        Job(
            title="Engineer",
            company=company,
            occupation=engineer,
            pay_min=pay,
            pay_max=pay,
            pay_period="year",
            annual_pay_min=pay,
            annual_pay_max=pay,
            description_html="<p>Build.</p>",
            status=Job.Status.PUBLISHED,
            place_ids=places.san_jose.lineage,
        )
        for pay in pays
    )
    aggregates_insert(as_of=timezone.localdate())
    row = aggregate(engineer, places.san_jose)
    assert row.sample_size == len(pays)
    if len(pays) < 5:
        assert row.mean is None and row.histogram == []
        return
    decimals = [Decimal(pay) for pay in pays]
    for name, value in expected(decimals).items():
        assert abs(getattr(row, name) - Decimal(value)) <= CENT, name
    assert sum(count for _, _, count in row.bins) == len(pays)
    assert len(row.bins) <= MAX_BINS

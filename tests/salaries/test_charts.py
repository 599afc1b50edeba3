"""The histogram's geometry: bars inside the plot, round axis numbers, band and mean placed."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from salaries.charts import histogram_chart, nice_ceiling, short_money
from salaries.models import SalaryAggregate


@pytest.mark.parametrize(
    ("value", "expected"), [(1, 2), (7, 10), (11, 20), (23, 25), (1183 * 1.1, 2000), (400, 500)]
)
def test_axis_tops_are_round_numbers(value, expected):
    assert nice_ceiling(value) == expected


def test_money_labels():
    assert [short_money(Decimal(v)) for v in (950, 120000, 133600, 1_200_000)] == [
        "$950",
        "$120K",
        "$133.6K",
        "$1.2M",
    ]


def aggregate(**figures) -> SalaryAggregate:
    return SalaryAggregate(
        sample_size=12,
        as_of=date(2026, 5, 30),
        computed_at=timezone.now(),
        bin_width=Decimal(10000),
        histogram=[[10, 2], [11, 5], [13, 5]],
        **figures,
    )


def test_bars_band_and_mean_fall_where_the_figures_are():
    chart = histogram_chart(
        aggregate(p25=Decimal(110000), mean=Decimal(120000), p75=Decimal(130000))
    )
    assert [bar.count for bar in chart.bars] == [2, 5, 0, 5]  # the empty bin is drawn, at 0
    assert all(
        chart.plot_left <= bar.x and bar.x + bar.width <= chart.plot_right for bar in chart.bars
    )
    assert all(bar.y >= chart.plot_top for bar in chart.bars)
    assert chart.bars[1].label == "$110K to $120K: 5 postings"
    # Pay runs from $100K to $140K across the plot: $120K is its middle.
    middle = (chart.plot_left + chart.plot_right) / 2
    assert chart.mean_x == pytest.approx(middle, abs=0.1)
    assert chart.band_x == pytest.approx(
        chart.plot_left + (chart.plot_right - chart.plot_left) / 4, abs=0.1
    )
    assert [tick.label for tick in chart.y_ticks] == ["0", "5", "10"]


def test_no_chart_without_published_figures():
    assert histogram_chart(aggregate(p25=None, mean=None, p75=None)) is None

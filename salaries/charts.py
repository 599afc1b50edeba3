"""The pay histogram as plain numbers for an SVG template: drawn on the server, no JavaScript."""

import math
from dataclasses import dataclass
from decimal import Decimal

from salaries.models import SalaryAggregate

WIDTH, HEIGHT = 640, 270
LEFT, RIGHT, TOP, BOTTOM = 60, 28, 28, 56


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    low: Decimal
    high: Decimal
    count: int

    @property
    def label(self) -> str:
        return f"{short_money(self.low)} to {short_money(self.high)}: {self.count} postings"


@dataclass
class Tick:
    position: float
    label: str


@dataclass
class Histogram:
    width: int
    height: int
    bars: list[Bar]
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    band_x: float
    band_width: float
    mean_x: float
    plot_left: int
    plot_right: int
    plot_top: int
    plot_bottom: int

    @property
    def plot_height(self) -> int:
        return self.plot_bottom - self.plot_top

    @property
    def y_title(self) -> int:
        return (self.plot_top + self.plot_bottom) // 2


def short_money(amount: Decimal) -> str:
    """ "$120K", "$1.2M", "$950": an axis label."""
    amount = Decimal(amount)
    if amount >= 1_000_000:
        return f"${amount / 1_000_000:.1f}M".replace(".0M", "M")
    if amount >= 1000:
        return f"${amount / 1000:.1f}K".replace(".0K", "K")
    return f"${amount:.0f}"


def nice_ceiling(value: float) -> int:
    """The next round number at or above ``value`` (1, 2, 2.5 or 5 times a power of ten)."""
    if value <= 2:
        return 2
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value:
            return math.ceil(step * power)
    return math.ceil(10 * power)


def histogram_chart(aggregate: SalaryAggregate) -> Histogram | None:
    """Bars, axis ticks, the p25-p75 band and the average line, in SVG user units."""
    bins = aggregate.bins
    if not aggregate.is_published or not bins:
        return None
    low, high = bins[0][0], bins[-1][1]
    # Headroom above the tallest bar keeps the average's label clear of it.
    tallest = nice_ceiling(max(count for _, _, count in bins) * 1.1)
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM

    def x(amount: Decimal) -> float:
        return round(LEFT + float((Decimal(amount) - low) / (high - low)) * plot_width, 1)

    def y(count: float) -> float:
        return round(TOP + plot_height - count / tallest * plot_height, 1)

    bars = [
        Bar(
            x=x(start) + 1,
            y=y(count),
            width=max(x(end) - x(start) - 2, 1),
            height=round(TOP + plot_height - y(count), 1),
            low=start,
            high=end,
            count=count,
        )
        for start, end, count in bins
    ]
    every = 1 if len(bins) <= 8 else 2
    edges = [start for start, _, _ in bins] + [high]
    x_ticks = [Tick(x(edge), short_money(edge)) for edge in edges[::every]]
    y_values = [0, tallest // 2, tallest] if tallest % 2 == 0 else [0, tallest]
    y_ticks = [Tick(y(value), str(value)) for value in y_values]
    band_x = x(aggregate.p25)
    return Histogram(
        width=WIDTH,
        height=HEIGHT,
        bars=bars,
        x_ticks=x_ticks,
        y_ticks=y_ticks,
        band_x=band_x,
        band_width=round(x(aggregate.p75) - band_x, 1),
        mean_x=x(aggregate.mean),
        plot_left=LEFT,
        plot_right=WIDTH - RIGHT,
        plot_top=TOP,
        plot_bottom=TOP + plot_height,
    )

"""The shapes of the charts, in SVG units of a drawing WIDTH units wide (the
browser scales it to the page): stacked bars (counts by year or by band)
and timelines (periods in lanes along a calendar axis). The templates
under templates/publicdata/charts/ only write these numbers out."""

import datetime
import math
from dataclasses import dataclass, field
from functools import cached_property

WIDTH = 800
# Room around the plot for the axes' labels and titles.
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 28, 60
BAR_HEIGHT = 300
# About how wide a character of the 12-unit labels is.
CHAR_WIDTH = 6.5
# A timeline: its lanes' labels on the left, a lane per row.
LABEL_WIDTH = 200
LANE = 22
SPAN = 14
AXIS = 36
# A lane's label at 11 units: about 6 units a character, in LABEL_WIDTH.
MAX_LABEL = 27


def nice_step(span: float, most: int) -> float:
    """The step of at most `most` ticks over `span`: 1, 2 or 5 times a power
    of ten, at least 1 (counts and years are whole)."""
    if span <= 0:
        return 1
    rough = span / most
    power = 10 ** math.floor(math.log10(rough)) if rough >= 1 else 1
    for multiple in (1, 2, 5, 10):
        if multiple * power >= rough:
            return max(1, multiple * power)
    return 10 * power


def shorten(text: str, most: int = MAX_LABEL) -> str:
    """`text` cut to `most` characters with an ellipsis: a lane's label; the
    whole text is in the lane's <title> and the table."""
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


@dataclass(frozen=True)
class Series:
    key: str
    name: str
    colour: str


@dataclass(frozen=True)
class Segment:
    """One series' part of one bar."""

    x: float
    y: float
    width: float
    height: float
    colour: str
    series: str
    category: str
    value: int


@dataclass(frozen=True)
class Tick:
    position: float
    label: str
    # A label placed at a height of its own (a bar's total above it).
    y: float = 0


@dataclass(frozen=True)
class Row:
    """A line of the table beside the chart: the category, a value per
    series in the legend's order, their total."""

    category: str
    values: tuple[int, ...]
    total: int


@dataclass
class BarChart:
    """Counts by category (a year, a band) stacked by series (a region, a
    category of member). `values[s][c]`: series s, category c."""

    slug: str
    title: str
    description: str
    x_title: str
    y_title: str
    categories: list[str]
    series: list[Series]
    values: list[list[int]]
    height: int = BAR_HEIGHT

    @property
    def plot_width(self) -> float:
        return WIDTH - LEFT - RIGHT

    @property
    def total_height(self) -> int:
        return TOP + self.height + BOTTOM

    @property
    def view_box(self) -> str:
        return f"0 0 {WIDTH} {self.total_height}"

    @property
    def bottom(self) -> int:
        return TOP + self.height

    @cached_property
    def totals(self) -> list[int]:
        return [sum(column) for column in zip(*self.values, strict=True)] or [
            0 for _ in self.categories
        ]

    @cached_property
    def top_value(self) -> int:
        """The value at the top of the axis: a whole number of steps."""
        highest = max(self.totals, default=0)
        step = self.step
        return max(step, math.ceil(highest / step) * step)

    @cached_property
    def step(self) -> int:
        return int(nice_step(max(self.totals, default=0), 5))

    def y(self, value: float) -> float:
        return round(self.bottom - value * self.height / self.top_value, 1)

    @property
    def band(self) -> float:
        return self.plot_width / max(len(self.categories), 1)

    @cached_property
    def segments(self) -> list[Segment]:
        band = self.band
        width = round(band * 0.7, 1)
        segments = []
        for index, category in enumerate(self.categories):
            x = round(LEFT + index * band + (band - width) / 2, 1)
            below = 0
            for series, row in zip(self.series, self.values, strict=True):
                value = row[index]
                if not value:
                    continue
                top, bottom = self.y(below + value), self.y(below)
                segments.append(
                    Segment(
                        x=x,
                        y=top,
                        width=width,
                        height=round(bottom - top, 1),
                        colour=series.colour,
                        series=series.name,
                        category=category,
                        value=value,
                    )
                )
                below += value
        return segments

    @property
    def y_ticks(self) -> list[Tick]:
        return [
            Tick(position=self.y(value), label=str(value))
            for value in range(0, self.top_value + 1, self.step)
        ]

    @property
    def x_labels(self) -> list[Tick]:
        """The categories' labels under their bars, every n-th one where
        they would overlap (years over four decades)."""
        longest = max((len(category) for category in self.categories), default=1)
        every = max(1, math.ceil((longest * CHAR_WIDTH + 8) / self.band))
        return [
            Tick(position=round(LEFT + (index + 0.5) * self.band, 1), label=category)
            for index, category in enumerate(self.categories)
            if index % every == 0
        ]

    @property
    def total_labels(self) -> list[Tick]:
        """Each bar's total above it, where bars are few enough to read one."""
        if len(self.categories) > 12:
            return []
        return [
            Tick(
                position=round(LEFT + (index + 0.5) * self.band, 1),
                label=str(total),
                y=self.y(total) - 4,
            )
            for index, total in enumerate(self.totals)
        ]

    @property
    def rows(self) -> list[Row]:
        return [
            Row(
                category=category,
                values=tuple(row[index] for row in self.values),
                total=self.totals[index],
            )
            for index, category in enumerate(self.categories)
        ]

    @property
    def x_title_y(self) -> int:
        return self.total_height - 8

    @property
    def y_title_x(self) -> int:
        return 14

    @property
    def y_title_middle(self) -> float:
        return TOP + self.height / 2

    @property
    def x_middle(self) -> float:
        return LEFT + self.plot_width / 2

    @property
    def plot_right(self) -> int:
        return WIDTH - RIGHT

    @property
    def left(self) -> int:
        return LEFT

    @property
    def is_empty(self) -> bool:
        return not any(self.totals)


@dataclass(frozen=True)
class Span:
    """A period drawn in a lane: `kind` names its style (a term, an
    extension, a mandate); `label` is its accessible text."""

    x: float
    y: float
    width: float
    colour: str
    kind: str
    label: str


@dataclass(frozen=True)
class Lane:
    label: str
    title: str
    y: float
    spans: tuple[Span, ...]
    # Where the lane's label is written: (x, y) of its baseline end.
    text_y: float


@dataclass(frozen=True)
class Band:
    """A period behind the lanes (a strategic action plan)."""

    x: float
    width: float
    label: str
    shade: str


@dataclass
class TimeScale:
    """Days from `start` to `end` (inclusive) across the plot."""

    start: datetime.date
    end: datetime.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def x(self, day: datetime.date) -> float:
        day = min(max(day, self.start), self.end + datetime.timedelta(days=1))
        plot = WIDTH - LABEL_WIDTH - RIGHT
        return round(LABEL_WIDTH + (day - self.start).days * plot / self.days, 1)

    def width(self, first: datetime.date, last: datetime.date) -> float:
        """From the start of `first` to the end of `last` (inclusive)."""
        return round(self.x(last + datetime.timedelta(days=1)) - self.x(first), 1)

    def year_ticks(self) -> list[Tick]:
        years = self.end.year - self.start.year + 1
        step = int(nice_step(years, 10))
        first = math.ceil(self.start.year / step) * step
        return [
            Tick(position=self.x(datetime.date(year, 1, 1)), label=str(year))
            for year in range(first, self.end.year + 1, step)
            if datetime.date(year, 1, 1) >= self.start
        ]


@dataclass
class Timeline:
    """Periods in lanes along a calendar: `lanes` top to bottom, `bands`
    behind them, `today` a line (None when outside the axis)."""

    slug: str
    title: str
    description: str
    x_title: str
    scale: TimeScale
    lanes: list[Lane] = field(default_factory=list)
    bands: list[Band] = field(default_factory=list)
    today: float | None = None

    @property
    def plot_top(self) -> int:
        return TOP

    @property
    def plot_bottom(self) -> int:
        return TOP + max(len(self.lanes), 1) * LANE

    @property
    def plot_height(self) -> int:
        return self.plot_bottom - TOP

    @property
    def total_height(self) -> int:
        return self.plot_bottom + AXIS + 16

    @property
    def view_box(self) -> str:
        return f"0 0 {WIDTH} {self.total_height}"

    @property
    def ticks(self) -> list[Tick]:
        return self.scale.year_ticks()

    @property
    def label_x(self) -> int:
        return LABEL_WIDTH - 6

    @property
    def plot_left(self) -> int:
        return LABEL_WIDTH

    @property
    def plot_right(self) -> int:
        return WIDTH - RIGHT

    @property
    def tick_label_y(self) -> int:
        return self.plot_bottom + 16

    @property
    def x_title_y(self) -> int:
        return self.plot_bottom + AXIS

    @property
    def x_middle(self) -> float:
        return LABEL_WIDTH + (WIDTH - LABEL_WIDTH - RIGHT) / 2

    @property
    def span_height(self) -> int:
        return SPAN


def lane_y(index: int) -> tuple[float, float]:
    """The top of the spans of lane `index`, and its label's baseline."""
    top = TOP + index * LANE + (LANE - SPAN) / 2
    return top, top + SPAN - 3

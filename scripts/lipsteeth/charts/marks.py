"""What each chart marks, in the order it draws them: the one selection that both the drawing and
the chart's data download (render.exports) read, so the CSV beside a chart holds exactly its marks.

No matplotlib here: a build whose charts are all cached still writes their data.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..analyse import statistics, trade
from ..data.dataset import Dataset
from ..data.model import LEVELS, Event
from . import cache

# The trade chart's lane of events, top row first: (kind, colour role, marker, row from the bottom).
TRADE_LANE = (("nuclear-test", "nuclear", "X", 2), ("un-resolution", "un", "s", 1), ("sanctions", "talks", "D", 0))


@dataclass(frozen=True)
class Stacked:
    """A bar chart of visits per year: one block per visit, stacked in this order, and a cross per test."""

    events: list[Event]  # everything the chart was given (its years run from and to these)
    blocks: list[Event]  # visits, bottom of each year's stack first
    tests: list[Event]


def visits_per_year(dataset: Dataset) -> Stacked:
    """The whole record, China's visits at the bottom of each year's stack."""
    events = cache.inputs(dataset, "visits-per-year", None)
    blocks = [e for origin in ("CN", "KP") for e in events if e.kind == "visit" and e.from_ == origin]
    return Stacked(events, blocks, [e for e in events if e.kind == "nuclear-test"])


def levels_per_year(dataset: Dataset) -> Stacked:
    """Since the record is complete, leaders at the bottom of each year's stack."""
    first_year = statistics.FIRST_DAY.year
    events = [e for e in cache.inputs(dataset, "levels-per-year", None) if e.date.year >= first_year]
    visits = [e for e in events if e.kind == "visit" and e.level in LEVELS]
    blocks = [v for level in LEVELS for v in visits if v.level == level]
    return Stacked(events, blocks, [e for e in events if e.kind == "nuclear-test"])


def trade_lane(dataset: Dataset) -> list[Event]:
    """The events marked above the trade figures, lane by lane as drawn."""
    marked = cache.inputs(dataset, "trade", None)
    return [e for kind, *_ in TRADE_LANE for e in marked if e.kind == kind]


TRADE_FIELDS = ("exports", "imports", "total")


def trade_yearly(dataset: Dataset) -> dict[str, dict[int, float]]:
    """China's yearly figures as drawn, by field: the total as bars, exports and imports as lines."""
    annual = trade.series(dataset, trade.ANNUAL)
    return {field: trade.by_year(annual, field) for field in TRADE_FIELDS}


def trade_monthly(dataset: Dataset) -> list[tuple[int, float, object]]:
    """The monthly totals drawn, as (day the point sits on, total, observation), in date order; a
    month without a total is no point (the line breaks there)."""
    found = trade.series(dataset, trade.MONTHLY)
    points = sorted(
        ((o.period.first_day().toordinal() + 14, trade._figure(o, "total"), o) for o in found.observations) if found else [],
        key=lambda point: point[0],
    )
    return [(x, y, o) for x, y, o in points if y is not None]


def record(dataset: Dataset) -> list[Event]:
    """The record chart's events, one mark each (with the line of its days)."""
    return cache.inputs(dataset, "record", cache.DEFAULT_START_YEAR)

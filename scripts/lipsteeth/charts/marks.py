"""What each chart marks, in the order it draws them: the one selection that the drawing, the
chart's cache key (charts.catalogue) and its data download (render.exports) read, so the CSV beside
a chart holds exactly its marks.

No matplotlib here: a build whose charts are all cached still writes their data.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field

from ..analyse import statistics, trade
from ..analyse.chronology import COMPLETE_FROM, of_kind
from ..data.dataset import Dataset
from ..data.model import LEVELS, Event
from ..wording import ordinal
from .style import lane_of, tooltip

DEFAULT_START_YEAR = COMPLETE_FROM  # where the record chart starts unless asked otherwise


@dataclass
class Source:
    """What a chart is drawn from: the data, where the record chart starts, and the analysis the
    build has already done, handed down so that no chart works it out again."""

    dataset: Dataset
    start_year: int | None = DEFAULT_START_YEAR
    given_tests: tuple[statistics.Wait, ...] | None = field(default=None, repr=False)

    @functools.cached_property
    def tests(self) -> tuple[statistics.Wait, ...]:
        """The wait after each nuclear test: the build's answer's when given, else worked out here, once."""
        return self.given_tests if self.given_tests is not None else statistics.waits_after(self.dataset)


def record_events(dataset: Dataset, start_year: int | None) -> list[Event]:
    """Every event that has a lane, from `start_year` (None: from the first)."""
    start = dt.date(start_year, 1, 1) if start_year else dt.date.min
    return [e for e in dataset.events if lane_of(e) is not None and e.date.first_day() >= start]


def visits_and_tests(dataset: Dataset) -> list[Event]:
    return [e for e in dataset.events if e.kind in ("visit", "nuclear-test")]


def visits_tests_and_closures(dataset: Dataset) -> list[Event]:
    """Border closures shape the waits, and are shaded on the levels chart."""
    return [e for e in dataset.events if e.kind in ("visit", "nuclear-test") or e.border_closed]


def trade_marked(event: Event) -> bool:
    """The events the trade chart marks: tests, steps of sanctions, border closures."""
    return (
        event.kind in ("nuclear-test", "sanctions")
        or (event.kind == "un-resolution" and event.new_sanctions)
        or event.border_closed
    )


def trade_events(dataset: Dataset) -> list[Event]:
    return [e for e in dataset.events if trade_marked(e)]


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
    events = visits_and_tests(dataset)
    blocks = [e for origin in ("CN", "KP") for e in events if e.kind == "visit" and e.from_ == origin]
    return Stacked(events, blocks, [e for e in events if e.kind == "nuclear-test"])


def levels_per_year(dataset: Dataset) -> Stacked:
    """Since the record is complete, leaders at the bottom of each year's stack."""
    first_year = statistics.FIRST_DAY.year
    events = [e for e in visits_tests_and_closures(dataset) if e.date.year >= first_year]
    visits = [e for e in events if e.kind == "visit" and e.level in LEVELS]
    blocks = [v for level in LEVELS for v in visits if v.level == level]
    return Stacked(events, blocks, [e for e in events if e.kind == "nuclear-test"])


def trade_lane(dataset: Dataset) -> list[Event]:
    """The events marked above the trade figures, lane by lane as drawn."""
    marked = trade_events(dataset)
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
    return record_events(dataset, DEFAULT_START_YEAR)


def wait_titles(dataset: Dataset, tests: tuple[statistics.Wait, ...]) -> dict[str, str]:
    """Each nuclear test's tooltip on the waits chart: its wait, and where that falls in its era."""
    waits = {w.event.id: w for w in tests}
    return {test.id: f"{tooltip(test)}: {gap_text(waits.get(test.id))}" for test in of_kind(dataset, "nuclear-test")}


def gap_text(wait: statistics.Wait | None) -> str:
    if wait is None or wait.visit is None:
        return "no visit to compare it with"
    return f"{wait.days:,} days to the next visit ({tooltip(wait.visit)}), {ordinal(wait.percentile)} percentile of its era"

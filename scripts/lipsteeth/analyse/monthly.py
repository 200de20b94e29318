"""Trade month by month (China's customs, from 2016): each month against the same month a year
earlier, around the nuclear tests and the steps of sanctions the monthly series covers. A month
separates a test from the sanctions that answered it where a year cannot. Pure functions."""

from __future__ import annotations

from dataclasses import dataclass

from ..data.dataset import Dataset
from ..data.model import Event
from . import statistics, trade

FIELDS = ("total", "imports")  # imports: China's imports from North Korea, what the sanctions bans struck
AFTER = 12  # months after an event's month that its row looks at


@dataclass(frozen=True)
class MonthChange:
    """One month's figure against the same month a year earlier."""

    year: int
    month: int
    field: str
    value: float
    year_before: float

    @property
    def change(self) -> float:
        return self.value / self.year_before - 1


def _figures(dataset: Dataset, field: str) -> dict[tuple[int, int], float]:
    found = trade.series(dataset, trade.MONTHLY)
    return {
        (o.period.year, o.period.month): getattr(o, field)
        for o in (found.observations if found else ())
        if o.period.month is not None and getattr(o, field) is not None
    }


def year_on_year(dataset: Dataset, field: str) -> tuple[MonthChange, ...]:
    """Every month with a figure for itself and for the same month a year earlier (a zero a year
    earlier gives no change)."""
    figures = _figures(dataset, field)
    return tuple(
        MonthChange(year, month, field, value, figures[(year - 1, month)])
        for (year, month), value in sorted(figures.items())
        if figures.get((year - 1, month))
    )


@dataclass(frozen=True)
class AfterEvent:
    """The months after one event (up to AFTER), each against a year earlier, for each field."""

    event: Event
    months: dict[str, tuple[MonthChange, ...]]  # by field

    def fell(self, field: str) -> int:
        return sum(1 for m in self.months[field] if m.change < 0)


def _months_after(event: Event, changes: tuple[MonthChange, ...]) -> tuple[MonthChange, ...]:
    at = event.date.year * 12 + (event.date.month or 1) - 1
    return tuple(m for m in changes if at < m.year * 12 + m.month - 1 <= at + AFTER)


@dataclass(frozen=True)
class Monthly:
    first: tuple[int, int] | None  # the series' first month
    last: tuple[int, int] | None
    changes: dict[str, tuple[MonthChange, ...]]  # by field, before the first border closure
    events: tuple[AfterEvent, ...]  # the tests and steps of sanctions from the series' first month on
    before_series: tuple[Event, ...]  # tests and steps inside the series' years but before its first month


def monthly(dataset: Dataset) -> Monthly:
    found = trade.series(dataset, trade.MONTHLY)
    months = [(o.period.year, o.period.month) for o in (found.observations if found else ()) if o.period.month]
    if not months:
        return Monthly(None, None, {f: () for f in FIELDS}, (), ())
    first, last = months[0], months[-1]
    closed = min((s for s, _ in statistics.closure_spans(dataset) if (s.year, s.month) > first), default=None)
    cut = (closed.year, closed.month) if closed else (9999, 12)
    changes = {f: tuple(m for m in year_on_year(dataset, f) if (m.year, m.month) < cut) for f in FIELDS}
    marked = [
        e
        for e in dataset.events
        if (e.kind in ("nuclear-test", "sanctions") or (e.kind == "un-resolution" and e.new_sanctions))
        and e.date.month is not None
        and first[0] <= e.date.year
        and (e.date.year, e.date.month) < cut
    ]
    inside = tuple(e for e in marked if (e.date.year, e.date.month) >= first)
    return Monthly(
        first,
        last,
        changes,
        tuple(AfterEvent(e, {f: _months_after(e, changes[f]) for f in FIELDS}) for e in inside),
        tuple(e for e in marked if (e.date.year, e.date.month) < first),
    )

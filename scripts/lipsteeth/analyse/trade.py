"""Relations beyond visits: China's trade with North Korea around each nuclear test and each step
of sanctions, against the usual change from one year to the next but one. Pure functions."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..data.dataset import Dataset
from ..data.model import ANNUAL_TRADE, Event, Observation, Series
from . import statistics

ANNUAL = ANNUAL_TRADE  # the series the comparisons use: one reporter, never spliced
MONTHLY = "china-customs-monthly"
KOTRA = "kotra-annual"  # South Korea's estimate, kept apart


def series(dataset: Dataset, series_id: str) -> Series | None:
    return next((s for s in dataset.series if s.id == series_id), None)


def by_year(found: Series | None, field: str = "total") -> dict[int, float]:
    """{year: figure} for the years that state `field`."""
    values = {}
    for observation in found.observations if found else ():
        value = _figure(observation, field)
        if value is not None:
            values[observation.period.year] = value
    return values


def derived(found: Series | None) -> set[tuple[int, str]]:
    """(year, field) for each yearly figure worked out by arithmetic rather than stated by a source."""
    return {(o.period.year, field) for o in (found.observations if found else ()) for field in o.derived}


def _figure(observation: Observation, field: str) -> float | None:
    """The figure as the record gives it. A missing total is not made up from exports + imports: where
    an editor left it out, the note says why (the parts and the reported total disagree)."""
    return getattr(observation, field)


@dataclass(frozen=True)
class Around:
    """Trade in the year before an event's year and the year after it."""

    event: Event
    before: int  # years
    after: int
    total_before: float | None
    total_after: float | None
    imports_before: float | None
    imports_after: float | None
    change: float | None  # of the total, as a fraction (-0.5: halved)
    imports_change: float | None
    percentile: float | None  # of the change among the two-year changes outside the border closure (0-100)


def changes(values: dict[int, float]) -> dict[int, float]:
    """{middle year: change from the year before it to the year after it}, wherever both are known."""
    if not values:
        return {}
    middles = range(min(values) + 1, max(values))
    return {year: values[year + 1] / values[year - 1] - 1 for year in middles if values.get(year - 1) and year + 1 in values}


def closure_years(dataset: Dataset) -> set[int]:
    """Every year a border closure touches (the same closures the visit analysis sets apart)."""
    return {year for first, last in statistics.closure_spans(dataset) for year in range(first.year, last.year + 1)}


def open_changes(dataset: Dataset, values: dict[int, float]) -> dict[int, float]:
    """The two-year changes that touch no year of a border closure: the baseline, as for the visits,
    leaves the closure out (its falls and rebounds are of another order)."""
    closed = closure_years(dataset)
    return {year: change for year, change in changes(values).items() if not {year - 1, year, year + 1} & closed}


def around(dataset: Dataset, events: list[Event]) -> tuple[Around, ...]:
    annual = series(dataset, ANNUAL)
    totals, imports = by_year(annual), by_year(annual, "imports")
    usual = np.array(sorted(open_changes(dataset, totals).values()))
    found = []
    for event in events:
        year = event.date.year
        change = _change(totals, year)
        percentile = statistics.percentile_of(change, usual) if change is not None else None
        found.append(
            Around(
                event,
                year - 1,
                year + 1,
                totals.get(year - 1),
                totals.get(year + 1),
                imports.get(year - 1),
                imports.get(year + 1),
                change,
                _change(imports, year),
                percentile,
            )
        )
    return tuple(found)


def _change(values: dict[int, float], year: int) -> float | None:
    before, after = values.get(year - 1), values.get(year + 1)
    return after / before - 1 if before and after is not None else None


def tests_and_sanctions(dataset: Dataset) -> tuple[list[Event], list[Event]]:
    """The nuclear tests, and the steps of sanctions: UN resolutions that imposed or tightened them,
    and China's own measures, within the years the annual series covers."""
    annual = series(dataset, ANNUAL)
    if annual is None:
        return [], []
    first, last = annual.observations[0].period.year, annual.observations[-1].period.year
    inside = [e for e in dataset.events if first <= e.date.year <= last]
    tests = [e for e in inside if e.kind == "nuclear-test"]
    sanctions = [e for e in inside if e.kind == "sanctions" or (e.kind == "un-resolution" and e.new_sanctions)]
    return tests, sanctions


@dataclass(frozen=True)
class Figure:
    value: float | None
    derived: bool = False  # worked out by arithmetic from figures a source states, not stated itself


@dataclass(frozen=True)
class TradeYear:
    """One row of the trade figures: China's customs figures and the South Korean estimate's total."""

    year: int
    exports: Figure
    imports: Figure
    total: Figure
    kotra: Figure


def figures(dataset: Dataset) -> tuple[TradeYear, ...]:
    """Every year of the annual series, first to last, with a gap where a year is missing."""
    annual, kotra_series = series(dataset, ANNUAL), series(dataset, KOTRA)
    totals = by_year(annual)
    if not totals:
        return ()
    exports, imports, kotra = by_year(annual, "exports"), by_year(annual, "imports"), by_year(kotra_series)
    worked_out, kotra_worked_out = derived(annual), derived(kotra_series)

    def figure(values: dict[int, float], year: int, field: str, worked: set[tuple[int, str]]) -> Figure:
        return Figure(values.get(year), (year, field) in worked)

    return tuple(
        TradeYear(
            year,
            figure(exports, year, "exports", worked_out),
            figure(imports, year, "imports", worked_out),
            figure(totals, year, "total", worked_out),
            figure(kotra, year, "total", kotra_worked_out),
        )
        for year in range(min(totals), max(totals) + 1)
    )


@dataclass(frozen=True)
class TradeAnswer:
    tests: tuple[Around, ...]
    sanctions: tuple[Around, ...]
    usual: float | None  # the median two-year change of the total, outside the border closure
    largest_fall: tuple[int, int, float] | None  # (from year, to year, change)
    largest_open_fall: tuple[int, int, float] | None  # the same, leaving out spans that touch a border closure
    steps_in_open_fall: tuple[Event, ...]  # the steps of sanctions inside that span
    first_year: int | None
    last_year: int | None
    first_total: float | None  # the total in first_year
    peak: tuple[int, float] | None  # the year with the largest total, and the total
    latest: tuple[int, float] | None
    figures: tuple[TradeYear, ...]  # the table of every year


def trade_answer(dataset: Dataset) -> TradeAnswer:
    tests, sanctions = tests_and_sanctions(dataset)
    totals = by_year(series(dataset, ANNUAL))
    two_year = changes(totals)
    open_ = open_changes(dataset, totals)
    usual = float(np.median(list(open_.values()))) if open_ else None
    fall = min(two_year.items(), key=lambda item: item[1]) if two_year else None
    open_fall = min(open_.items(), key=lambda item: item[1]) if open_ else None
    steps = tuple(e for e in sanctions if open_fall and open_fall[0] - 1 < e.date.year <= open_fall[0] + 1)
    return TradeAnswer(
        tests=around(dataset, tests),
        sanctions=around(dataset, sanctions),
        usual=usual,
        largest_fall=(fall[0] - 1, fall[0] + 1, fall[1]) if fall else None,
        largest_open_fall=(open_fall[0] - 1, open_fall[0] + 1, open_fall[1]) if open_fall else None,
        steps_in_open_fall=steps,
        first_year=min(totals) if totals else None,
        last_year=max(totals) if totals else None,
        first_total=totals[min(totals)] if totals else None,
        peak=max(totals.items(), key=lambda item: item[1]) if totals else None,
        latest=max(totals.items()) if totals else None,
        figures=figures(dataset),
    )

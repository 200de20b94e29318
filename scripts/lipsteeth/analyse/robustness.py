"""What the comparison of waits can detect, and how much its answer depends on choices: its power,
the chance that one of the overlapping tiers looks unusual by luck, the result under other
baselines and measures, and under the other coding of post-congress briefings. Pure functions,
computed once per build with the same draws and seed as the main comparison."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

import numpy as np

from ..data.dataset import Dataset
from ..data.model import Event
from . import statistics
from .statistics import DRAWS, SEED, TIERS, Calendar, Wait

SIGNIFICANT = 0.05  # the threshold the pages use for "unusual"
LOCAL_YEARS = (1, 2, 3)  # local baselines: this many years either side of each test
CALENDAR_DAYS = 14  # calendar-matched baseline: this many days either side of the test's date, in every other year
COUNT_WINDOWS = (180, 365)  # the count measure: visits within this many days after a day
BRIEFING_DAYS = 60  # a post-congress briefing: the first visit from China to North Korea this soon after a congress ends
CPC_CONGRESS = re.compile(r"-cpc-\d+(st|nd|rd|th)-national-congress$")


def power_threshold(waits: tuple[Wait, ...], *, draws: int = DRAWS, seed: int = SEED) -> float | None:
    """The lowest mean percentile the events would need for p < 0.05, from the same permutation
    draws as the test itself (to a tenth of a percentile)."""
    if not statistics.scored(waits):
        return None
    null = np.sort(statistics.null_means(waits, draws=draws, seed=seed))
    for candidate in np.arange(50.0, 100.05, 0.1):
        at_least = len(null) - np.searchsorted(null, candidate - 1e-9, side="left")
        if (1 + at_least) / (len(null) + 1) < SIGNIFICANT:
            return float(candidate)
    return None


@dataclass(frozen=True)
class Family:
    """The tiers tested together: how often at least one looks unusual when every test fell on an
    ordinary day, and on which side of the middle each tier sits."""

    tiers: int
    chance_any: float | None  # of at least one tier with p <= 0.05 under the null
    draws: int


def family_chance(
    dataset: Dataset,
    kinds: tuple[str, ...] = statistics.TESTS,
    *,
    tiers: tuple[statistics.TierResult, ...] | None = None,
    draws: int = DRAWS,
    seed: int = SEED,
) -> Family:
    """Simulates the tiers jointly: each draw puts every event on one random day of its era, the
    same day for every tier (a day that can be compared at all of them), and scores each tier's
    mean percentile against that tier's own draws."""
    found = statistics.events_since(dataset, kinds)
    all_eras = statistics.eras(dataset)
    tiers = tiers if tiers is not None else statistics.sensitivity(dataset, kinds)  # the answer hands its own down
    chosen = [r.tier for r in tiers]
    scored_in = [{w.event.id for w in statistics.scored(r.waits)} for r in tiers]
    last = max((statistics.calendar(dataset, t) for t in chosen), key=lambda c: len(c.waits))
    final = dt.date.fromordinal(last.first + len(last.waits) - 1)
    calendars = [statistics.calendar(dataset, t, last=final) for t in chosen]
    excluded = {e.date.middle_day().toordinal() for e in found}
    rng = np.random.default_rng(seed)
    totals = np.zeros((len(chosen), draws))
    counts = np.zeros(len(chosen))
    for event in found:
        era = next((e for e in all_eras if e.contains(event.date)), None)
        tiers_here = [i for i in range(len(chosen)) if event.id in scored_in[i]]
        if era is None or not tiers_here:
            continue
        index = statistics.era_index(calendars[0], era)
        keep = ~np.isin(index + calendars[0].first, list(excluded))
        for i in tiers_here:
            keep &= calendars[i].comparable[index]
        shared = np.flatnonzero(keep)  # positions in `index` of the days every tier can compare
        if not len(shared):
            continue
        picks = shared[rng.integers(0, len(shared), size=draws)]
        for i in tiers_here:
            # each day's percentile within the tier's baseline, found once, then read off for every draw
            baseline = statistics.baseline_at(calendars[i], index, excluded)
            totals[i] += statistics.percentile_ranks(calendars[i].waits[index], baseline)[picks]
            counts[i] += 1
    tested = [i for i in range(len(chosen)) if counts[i]]
    if not tested:
        return Family(0, None, draws)
    any_unusual = np.zeros(draws, dtype=bool)
    for i in tested:
        means = totals[i] / counts[i]
        ordered = np.sort(means)
        at_least = len(ordered) - np.searchsorted(ordered, means - 1e-9, side="left")
        any_unusual |= at_least / draws <= SIGNIFICANT
    return Family(len(tested), float(np.mean(any_unusual)), draws)


@dataclass(frozen=True)
class Variant:
    """The tests' mean percentile and p-value under one other baseline or measure."""

    group: str  # "baseline", "left out", "count"
    label: str
    overall: statistics.Overall


def _with_baselines(waits: tuple[Wait, ...], baselines: list[np.ndarray], values: list[float | None]) -> tuple[Wait, ...]:
    return tuple(
        dataclasses.replace(w, baseline=b, percentile=statistics.percentile_of(v, b) if v is not None else None)
        for w, b, v in zip(waits, baselines, values, strict=True)
    )


def _window(days_of: Calendar, first: int, last: int) -> np.ndarray:
    start, stop = max(first, days_of.first), min(last, days_of.first + len(days_of.waits) - 1)
    return np.arange(start - days_of.first, stop - days_of.first + 1) if stop >= start else np.array([], dtype=np.int64)


def _same_weeks(days_of: Calendar, event: Event) -> np.ndarray:
    """The days within CALENDAR_DAYS of the event's calendar date in every other year."""
    at = event.date.middle_day()
    first_year = dt.date.fromordinal(days_of.first).year
    last_year = dt.date.fromordinal(days_of.first + len(days_of.waits) - 1).year
    parts = []
    for year in range(first_year, last_year + 1):
        if year == at.year:
            continue
        centre = dt.date(year, at.month, min(at.day, 28) if at.month == 2 else at.day).toordinal()
        parts.append(_window(days_of, centre - CALENDAR_DAYS, centre + CALENDAR_DAYS))
    return np.concatenate(parts) if parts else np.array([], dtype=np.int64)


def baselines(dataset: Dataset, waits: tuple[Wait, ...], *, draws: int = DRAWS, seed: int = SEED) -> list[Variant]:
    """The tests against local, pooled and calendar-matched baselines instead of their eras."""
    days_of = statistics.calendar(dataset)
    excluded = {w.event.date.middle_day().toordinal() for w in waits}
    values = [w.days for w in waits]
    found = []
    for years in LOCAL_YEARS:
        local = []
        for wait in waits:
            at = wait.event.date.middle_day().toordinal()
            local.append(statistics.baseline_at(days_of, _window(days_of, at - 365 * years, at + 365 * years), excluded))
        label = f"Days within {years} year{'s' if years > 1 else ''} either side of each test"
        found.append(
            Variant("baseline", label, statistics.overall(_with_baselines(waits, local, values), draws=draws, seed=seed))
        )
    pooled = statistics.baseline_at(days_of, np.arange(len(days_of.waits)), excluded)
    found.append(
        Variant(
            "baseline",
            f"Every day since {statistics.FIRST_DAY.year}, pooled",
            statistics.overall(_with_baselines(waits, [pooled] * len(waits), values), draws=draws, seed=seed),
        )
    )
    matched = [statistics.baseline_at(days_of, _same_weeks(days_of, w.event), excluded) for w in waits]
    found.append(
        Variant(
            "baseline",
            f"The same weeks in other years (within {CALENDAR_DAYS} days of the test's date)",
            statistics.overall(_with_baselines(waits, matched, values), draws=draws, seed=seed),
        )
    )
    return found


def left_out(waits: tuple[Wait, ...], *, draws: int = DRAWS, seed: int = SEED) -> list[Variant]:
    """The era comparison again with each test left out in turn."""
    return [
        Variant(
            "left out",
            f"Leaving out {wait.event.date.human()}",
            statistics.overall(tuple(w for w in waits if w is not wait), draws=draws, seed=seed),
        )
        for wait in waits
        if wait.percentile is not None
    ]


def visits_within(dataset: Dataset, window: int) -> tuple[int, np.ndarray, np.ndarray]:
    """For every day since FIRST_DAY: how many visits start in the `window` days after it, and
    whether that count can be compared (the window ends by the record's last event and touches no
    border closure). Returns (first ordinal, counts, comparable)."""
    first = statistics.FIRST_DAY.toordinal()
    final = dataset.events[-1].date.first_day().toordinal() if dataset.events else first
    days = np.arange(first, max(final, first) + 1, dtype=np.int64)
    visit_days = np.array(sorted(v.date.middle_day().toordinal() for v in statistics.qualifying_visits(dataset)), dtype=np.int64)
    counts = np.searchsorted(visit_days, days + window, side="right") - np.searchsorted(visit_days, days, side="right")
    comparable = days + window <= final
    for start, stop in statistics.closures(dataset):
        comparable &= ~((days <= stop) & (days + window >= start))
    return first, counts, comparable


def count_measure(dataset: Dataset, waits: tuple[Wait, ...], window: int, *, draws: int = DRAWS, seed: int = SEED) -> Variant:
    """Visits within `window` days after each test against every comparable day of its era. Fewer
    visits is the slower side, so a day's percentile is the share of days with more visits (ties
    half): like the waits, a high percentile means less contact. Counts are negated so the same
    permutation test applies unchanged."""
    first, counts, comparable = visits_within(dataset, window)
    excluded = {w.event.date.middle_day().toordinal() for w in waits}
    chosen, baselines_, values = [], [], []
    for wait in waits:
        at = wait.event.date.middle_day().toordinal() - first
        if wait.era is None or not 0 <= at < len(counts) or not comparable[at]:
            continue
        start = max(wait.era.start.first_day().toordinal(), first)
        stop = wait.era.end.first_day().toordinal() if wait.era.end else first + len(counts)
        index = np.arange(start - first, min(stop, first + len(counts)) - first)
        keep = comparable[index] & ~np.isin(index + first, list(excluded))
        chosen.append(wait)
        baselines_.append(-counts[index[keep]])
        values.append(float(-counts[at]))
    result = statistics.overall(_with_baselines(tuple(chosen), baselines_, values), draws=draws, seed=seed)
    return Variant("count", f"Visits within {window} days after the test, against every day of its era", result)


def briefings(dataset: Dataset) -> tuple[Event, ...]:
    """The post-congress briefings: the first visit from China to North Korea that starts within
    BRIEFING_DAYS of the end of a CPC national congress."""
    found = []
    visits = [v for v in dataset.by_kind.get("visit", ()) if v.from_ == "CN" and v.to == "KP"]
    for congress in dataset.events:
        if not CPC_CONGRESS.search(congress.id):
            continue
        ended = congress.last_date.last_day()
        after = [v for v in visits if ended < v.date.first_day() <= ended + dt.timedelta(days=BRIEFING_DAYS)]
        if after:
            found.append(after[0])
    return tuple(found)


@dataclass(frozen=True)
class Recoded:
    """The tiers without special envoys under the other coding of post-congress briefings."""

    briefings: tuple[Event, ...]
    coded_as_envoys: int  # how many briefings the record codes special-envoy
    alternative_envoys: bool  # the alternative reads every briefing as an envoy's (else as working)
    tiers: tuple[statistics.TierResult, ...]  # the tiers without envoys, recoded


def recoded(dataset: Dataset, kinds: tuple[str, ...] = statistics.TESTS) -> Recoded:
    """The coding rule codes a post-congress briefing the same way each time. The alternative reads
    every briefing the other way: as a special envoy's (the title the sources give some of them)
    where the record codes most of them `working`, as working where it codes most as envoys'."""
    found = briefings(dataset)
    as_envoys = sum(1 for b in found if b.purpose == "special-envoy")
    alternative_envoys = as_envoys * 2 <= len(found)
    flipped = frozenset(b.id for b in found if (b.purpose == "special-envoy") != alternative_envoys)
    results = []
    for tier in (t for t in TIERS if not t.envoys):
        waits = statistics.waits_after(dataset, kinds, tier, flipped)
        visits = len(statistics.qualifying_visits(dataset, tier, flipped))
        results.append(statistics.TierResult(tier, visits, waits, statistics.overall(waits)))
    return Recoded(found, as_envoys, alternative_envoys, tuple(results))


@dataclass(frozen=True)
class Robustness:
    power: float | None  # the mean percentile that would reach p < 0.05
    family: Family
    variants: tuple[Variant, ...]
    recoded: Recoded


def robustness(dataset: Dataset, waits: tuple[Wait, ...], tiers: tuple[statistics.TierResult, ...] | None = None) -> Robustness:
    variants = [
        *baselines(dataset, waits),
        *left_out(waits),
        *(count_measure(dataset, waits, window) for window in COUNT_WINDOWS),
    ]
    family = family_chance(dataset, tiers=tiers)
    return Robustness(power_threshold(waits), family, tuple(variants), recoded(dataset))

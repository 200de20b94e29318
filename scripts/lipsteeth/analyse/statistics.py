"""Did the North's tests dent high-level contact with China? Each test's wait for the next visit,
set against the wait from every other day of the same era; the longest silences; and how the
answer changes with who counts as high-level. Pure functions over the Dataset (numpy for speed).

Conventions, said once here and on the analysis page:
- the record holds every visit under the method's rule from 1999 (COMPLETE_FROM + 1), so days
  before that are never compared;
- a visit's day is the middle of its start date (a visit known only to May is placed mid-May),
  as everywhere on the site; a visit known only to the year cannot be placed within months of its
  true day, so it is left out of the comparison (and said to be);
- the wait from a day is the number of days until the next visit that starts strictly after it
  (a visit on the day itself is not its next visit);
- a percentile counts the days with a shorter wait, and half of those with an equal one (ties
  count half), so 50 is a typical day;
- a border closure (an event marked `border_closed`) is a period of its own: no day in it, and
  no day whose wait runs into it, is part of any comparison.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from dataclasses import dataclass

import numpy as np

from ..data.dataset import Dataset
from ..data.model import Event
from .chronology import COMPLETE_FROM
from .gaps import KNOWN_GAPS, KnownGap
from .leadership import Era, eras

FIRST_DAY = dt.date(COMPLETE_FROM + 1, 1, 1)
SEED = 2016  # the article's year: the same draws at every build
DRAWS = 20_000
SOON = 180  # a silence 'began soon after a test' if it began within this many days after one
TESTS = ("nuclear-test",)
LAUNCHES = ("missile-launch", "satellite-launch")


@dataclass(frozen=True)
class Tier:
    """Which visits count as high-level contact."""

    id: str
    label: str
    levels: tuple[str, ...]
    envoys: bool  # whether special envoys count

    def counts(self, event: Event, flipped: frozenset[str] = frozenset()) -> bool:
        """Whether `event` is one of this tier's visits; `flipped` names visits whose envoy coding is
        read the other way (an alternative coding, see robustness.recoded)."""
        envoy = (event.purpose == "special-envoy") != (event.id in flipped)
        return event.level in self.levels and (self.envoys or not envoy)


TIERS = tuple(
    Tier(f"{base}{'' if envoys else '-no-envoys'}", label + ("" if envoys else ", without special envoys"), levels, envoys)
    for base, label, levels in (
        ("all", "All visits under the method's rule", ("leader", "top", "ministerial")),
        ("top", "Top leadership (Standing Committee and equivalents) and leaders", ("leader", "top")),
        ("leaders", "Leaders only (heads of party or state)", ("leader",)),
    )
    for envoys in (True, False)
)
ALL = TIERS[0]


def qualifying_visits(dataset: Dataset, tier: Tier = ALL, flipped: frozenset[str] = frozenset()) -> tuple[Event, ...]:
    return tuple(
        e
        for e in dataset.by_kind.get("visit", ())
        if e.date.first_day() >= FIRST_DAY and e.date.precision != "year" and tier.counts(e, flipped)
    )


def year_only_visits(dataset: Dataset) -> tuple[Event, ...]:
    """The visits since FIRST_DAY left out of the comparison because only their year is known."""
    return tuple(e for e in dataset.by_kind.get("visit", ()) if e.date.first_day() >= FIRST_DAY and e.date.precision == "year")


def closure_spans(dataset: Dataset) -> list[tuple[dt.date, dt.date]]:
    """The border closures, each as its first and last day."""
    return [e.span for e in dataset.events if e.border_closed]


@dataclass(frozen=True)
class Closure:
    """A border closure and the visits the record holds inside it (they start within its days)."""

    event: Event
    visits: int


def closures_with_visits(dataset: Dataset) -> tuple[Closure, ...]:
    found = []
    for event in (e for e in dataset.events if e.border_closed):
        first, last = event.span
        inside = sum(1 for v in dataset.by_kind.get("visit", ()) if first <= v.date.first_day() <= last)
        found.append(Closure(event, inside))
    return tuple(found)


def closures(dataset: Dataset) -> list[tuple[int, int]]:
    """The border closures, as (first day, last day) ordinals."""
    return [(first.toordinal(), last.toordinal()) for first, last in closure_spans(dataset)]


@dataclass(frozen=True)
class Calendar:
    """Every day of the complete record with its wait for the next visit of one tier, and
    whether it can be compared (not in a closure, not running into one, with a next visit)."""

    first: int  # ordinal of days[0]
    waits: np.ndarray  # days to the next visit; -1 where there is none
    comparable: np.ndarray  # bool

    def wait(self, ordinal: int) -> int | None:
        index = ordinal - self.first
        if not 0 <= index < len(self.waits) or self.waits[index] < 0:
            return None
        return int(self.waits[index])

    def in_closure_or_runs_into_one(self, ordinal: int) -> bool:
        index = ordinal - self.first
        return 0 <= index < len(self.comparable) and self.waits[index] >= 0 and not self.comparable[index]


def calendar(
    dataset: Dataset, tier: Tier = ALL, *, last: dt.date | None = None, flipped: frozenset[str] = frozenset()
) -> Calendar:
    first = FIRST_DAY.toordinal()
    visit_days = np.array(
        sorted(v.date.middle_day().toordinal() for v in qualifying_visits(dataset, tier, flipped)), dtype=np.int64
    )
    final = max([int(visit_days[-1]) if len(visit_days) else first, (last or FIRST_DAY).toordinal()])
    days = np.arange(first, final + 1, dtype=np.int64)
    following = np.searchsorted(visit_days, days, side="right")  # the first visit strictly after each day
    has_next = following < len(visit_days)
    waits = (
        np.where(has_next, visit_days[np.minimum(following, max(len(visit_days) - 1, 0))] - days, -1)
        if len(visit_days)
        else -np.ones(len(days), dtype=np.int64)
    )
    comparable = has_next.copy()
    for start, stop in closures(dataset):
        comparable &= ~((days >= start) & (days <= stop))  # in the closure
        comparable &= ~((days < start) & (days + np.maximum(waits, 0) >= start))  # waiting through it
    return Calendar(first, waits, comparable)


@dataclass(frozen=True)
class Wait:
    """How long after one event the next visit came, and how that compares with its era."""

    event: Event
    visit: Event | None
    days: int | None
    era: Era | None
    percentile: float | None  # of the era's days, the share whose wait was shorter (ties count half), 0-100
    baseline: np.ndarray  # the waits of the era's comparable days (without the events themselves)

    @property
    def median(self) -> float | None:
        return float(np.median(self.baseline)) if len(self.baseline) else None

    @functools.cached_property
    def own_ranks(self) -> np.ndarray:
        """Each day of the baseline's percentile within it, which the permutation tests draw from:
        worked out once per wait, however many comparisons draw from it (each test left out in turn)."""
        return percentile_ranks(self.baseline, self.baseline)

    @property
    def quartiles(self) -> tuple[float, float] | None:
        return (float(np.percentile(self.baseline, 25)), float(np.percentile(self.baseline, 75))) if len(self.baseline) else None


@dataclass(frozen=True)
class WaitRange:
    """Of the events with a visit after them: how many, and the shortest and the longest wait."""

    followed: int
    shortest: Wait
    longest: Wait


def wait_range(waits: tuple[Wait, ...]) -> WaitRange | None:
    """None when no event has a visit after it yet."""
    followed = [w for w in waits if w.days is not None]
    if not followed:
        return None
    return WaitRange(len(followed), min(followed, key=lambda w: w.days), max(followed, key=lambda w: w.days))


def events_since(dataset: Dataset, kinds: tuple[str, ...] = TESTS) -> list[Event]:
    """The events of `kinds` the comparisons use (those since FIRST_DAY), in date order."""
    found = [e for kind in kinds for e in dataset.by_kind.get(kind, ()) if e.date.first_day() >= FIRST_DAY]
    return sorted(found, key=lambda e: (e.date, e.id))


def waits_after(
    dataset: Dataset, kinds: tuple[str, ...] = TESTS, tier: Tier = ALL, flipped: frozenset[str] = frozenset()
) -> tuple[Wait, ...]:
    """For each event of `kinds` since 1999: the wait for the next visit of `tier`, and where that
    wait falls among the waits from every day of the same era."""
    found = events_since(dataset, kinds)
    days_of = calendar(dataset, tier, flipped=flipped)
    visits = sorted(qualifying_visits(dataset, tier, flipped), key=lambda v: (v.date.middle_day().toordinal(), v.id))
    visit_days = [v.date.middle_day().toordinal() for v in visits]
    excluded = {e.date.middle_day().toordinal() for e in found}
    all_eras = eras(dataset)
    result = []
    for event in found:
        at = event.date.middle_day().toordinal()
        era = next((e for e in all_eras if e.contains(event.date)), None)
        baseline = _baseline(days_of, era, excluded) if era else np.array([], dtype=np.int64)
        wait = days_of.wait(at)
        if wait is None or days_of.in_closure_or_runs_into_one(at):
            result.append(Wait(event, None, None, era, None, baseline))
            continue
        visit = visits[int(np.searchsorted(visit_days, at, side="right"))]
        result.append(Wait(event, visit, wait, era, percentile_of(wait, baseline), baseline))
    return tuple(result)


def era_index(days_of: Calendar, era: Era) -> np.ndarray:
    """The positions in `days_of` of the era's days (the era's last day is the day before its end)."""
    start = max(era.start.first_day().toordinal(), days_of.first)
    stop = era.end.first_day().toordinal() if era.end else days_of.first + len(days_of.waits)
    return np.arange(start - days_of.first, min(stop, days_of.first + len(days_of.waits)) - days_of.first)


def baseline_at(days_of: Calendar, index: np.ndarray, excluded: set[int]) -> np.ndarray:
    """The waits of the comparable days among `index`, leaving out the compared events' own days."""
    if not len(index):
        return np.array([], dtype=np.int64)
    keep = days_of.comparable[index] & ~np.isin(index + days_of.first, list(excluded))
    return days_of.waits[index[keep]]


def _baseline(days_of: Calendar, era: Era, excluded: set[int]) -> np.ndarray:
    return baseline_at(days_of, era_index(days_of, era), excluded)


def percentile_ranks(values: np.ndarray, baseline: np.ndarray) -> np.ndarray:
    """For each of `values`, the share (0-100) of `baseline` below it, ties counting half: 50 is a
    typical day. The one definition of a percentile on the site; `baseline` must not be empty."""
    ordered = np.sort(baseline)
    below = np.searchsorted(ordered, values, side="left")
    equal = np.searchsorted(ordered, values, side="right") - below
    return 100 * (below + equal / 2) / len(ordered)


def percentile_of(value: float, baseline: np.ndarray) -> float | None:
    """One value's percentile rank in `baseline` (see percentile_ranks); None when there is no baseline."""
    if not len(baseline):
        return None
    return float(percentile_ranks(np.array([value]), baseline)[0])


@dataclass(frozen=True)
class Overall:
    """'Tests are like any other day of their era': the tests' mean percentile, and how often
    days drawn at random from the same eras do at least as badly."""

    count: int  # events with a wait and a baseline
    mean_percentile: float | None
    above_median: int  # events whose wait was longer than on half of their era's days
    p_value: float | None  # one-sided: random days with a mean percentile at least as high
    draws: int


def scored(waits: tuple[Wait, ...]) -> list[Wait]:
    """The waits that can be compared: with a percentile and a baseline."""
    return [w for w in waits if w.percentile is not None and len(w.baseline)]


def null_means(waits: tuple[Wait, ...], *, draws: int = DRAWS, seed: int = SEED) -> np.ndarray:
    """The mean percentile of `draws` sets of days drawn at random, one from each scored wait's own
    baseline: what the mean looks like when the events fall on ordinary days."""
    found = scored(waits)
    rng = np.random.default_rng(seed)
    total = np.zeros(draws)
    for wait in found:
        own = wait.own_ranks  # each day of the baseline within it
        total += own[rng.integers(0, len(own), size=draws)]
    return total / max(len(found), 1)


def p_value_of(observed: float, null: np.ndarray) -> float:
    """One-sided: the share of random draws with a mean at least `observed` (the usual +1, never zero)."""
    return (1 + int(np.count_nonzero(null >= observed - 1e-9))) / (len(null) + 1)


def overall(waits: tuple[Wait, ...], *, draws: int = DRAWS, seed: int = SEED) -> Overall:
    """A permutation test with a fixed seed: each event's day is replaced by a day drawn at random
    from its own era's comparable days, `draws` times; the p-value is the share of draws whose mean
    percentile is at least the events' own (with the usual +1 so it is never zero)."""
    found = scored(waits)
    if not found:
        return Overall(0, None, 0, None, draws)
    observed = float(np.mean([w.percentile for w in found]))
    p_value = p_value_of(observed, null_means(waits, draws=draws, seed=seed))
    above = sum(1 for w in found if w.percentile > 50)
    return Overall(len(found), observed, above, p_value, draws)


@dataclass(frozen=True)
class Silence:
    """A stretch with no visit: from the end of one visit to the start of the next."""

    after: Event
    before: Event
    days: int
    tests: tuple[Event, ...]  # nuclear tests inside it
    launches: tuple[Event, ...]
    closure: bool  # it holds a border closure
    soon_after: tuple[Event, ...] = ()  # nuclear tests in the SOON days before it began
    gaps: tuple[tuple[KnownGap, bool], ...] = ()  # known gaps that overlap it; True where wholly inside


def silences(dataset: Dataset, tier: Tier = ALL) -> tuple[Silence, ...]:
    """Every gap between consecutive visits since 1999, longest first."""
    visits = sorted(qualifying_visits(dataset, tier), key=lambda v: (v.date.middle_day().toordinal(), v.id))
    tests = [e for e in dataset.by_kind.get("nuclear-test", ()) if e.date.first_day() >= FIRST_DAY]
    launches = [e for kind in LAUNCHES for e in dataset.by_kind.get(kind, ()) if e.date.first_day() >= FIRST_DAY]
    shut = closures(dataset)
    tests_on, launches_on = _by_day(tests), _by_day(launches)
    found = []
    for earlier, later in zip(visits, visits[1:], strict=False):
        start, stop = earlier.last_date.middle_day().toordinal(), later.date.middle_day().toordinal()
        if stop <= start:
            continue
        inside = tests_on.between(start + 1, stop - 1)
        fired = launches_on.between(start + 1, stop - 1)
        before = tests_on.between(start - SOON, start)
        found.append(
            Silence(
                earlier,
                later,
                stop - start,
                inside,
                fired,
                any(a < stop and start < b for a, b in shut),
                before,
                _gaps_inside(start, stop),
            )
        )
    return tuple(sorted(found, key=lambda s: (-s.days, s.after.date)))


@dataclass(frozen=True)
class _ByDay:
    """Events in the order of their (middle) days: those of a span of days found by bisection, in
    the events' own order, so a silence costs a lookup instead of a pass over every event."""

    days: list[int]
    events: list[tuple[int, Event]]  # (position in the events as given, event), by day

    def between(self, first: int, last: int) -> tuple[Event, ...]:
        """The events whose day is from `first` to `last`, both included, in the order given."""
        found = self.events[bisect.bisect_left(self.days, first) : bisect.bisect_right(self.days, last)]
        return tuple(event for _, event in sorted(found, key=lambda pair: pair[0]))


def _by_day(events: list[Event]) -> _ByDay:
    ordered = sorted(((e.date.middle_day().toordinal(), index, e) for index, e in enumerate(events)), key=lambda t: t[:2])
    return _ByDay([day for day, _, _ in ordered], [(index, e) for _, index, e in ordered])


def _gaps_inside(start: int, stop: int) -> tuple[tuple[KnownGap, bool], ...]:
    """The known gaps whose dates overlap the silence (start, stop); True where wholly inside it."""
    found = []
    for gap in KNOWN_GAPS:
        first, last = gap.date.first_day().toordinal(), gap.date.last_day().toordinal()
        if first < stop and start < last:
            found.append((gap, start < first and last < stop))
    return tuple(found)


@dataclass(frozen=True)
class SilenceSummary:
    median_all: float | None  # the median silence, each silence counted once
    median_around_a_day: float | None  # the silence a day drawn at random falls in (longer ones hold more days)
    median_with_tests: float | None  # the silences that hold a nuclear test
    with_tests: int
    without_tests: int
    soon_after_tests: int = 0  # silences that began within SOON days after a test
    median_soon_after_tests: float | None = None

    @property
    def longer_with_tests(self) -> float | None:
        """How much longer at the median the silences that hold a test were than those around any day."""
        if self.median_with_tests is None or self.median_around_a_day is None:
            return None
        return self.median_with_tests - self.median_around_a_day


def silence_summary(found: tuple[Silence, ...]) -> SilenceSummary:
    open_ = [s for s in found if not s.closure]
    lengths = np.array([s.days for s in open_], dtype=float)
    with_tests = [s.days for s in open_ if s.tests]
    soon = [s.days for s in open_ if s.soon_after]
    around = float(_weighted_median(lengths, lengths)) if len(lengths) else None
    return SilenceSummary(
        float(np.median(lengths)) if len(lengths) else None,
        around,
        float(np.median(with_tests)) if with_tests else None,
        len(with_tests),
        len(open_) - len(with_tests),
        len(soon),
        float(np.median(soon)) if soon else None,
    )


def _weighted_median(values: np.ndarray, weights: np.ndarray) -> float:
    order = np.argsort(values)
    cumulative = np.cumsum(weights[order])
    return float(values[order][np.searchsorted(cumulative, cumulative[-1] / 2)])


@dataclass(frozen=True)
class TierResult:
    tier: Tier
    visits: int
    waits: tuple[Wait, ...]
    overall: Overall


def sensitivity(
    dataset: Dataset, kinds: tuple[str, ...] = TESTS, known: tuple[Wait, ...] | None = None
) -> tuple[TierResult, ...]:
    """The same comparison for each tier of seniority, with and without special envoys. `known`:
    the waits of `kinds` for the ALL tier when the caller has them already (computed once)."""
    results = []
    for tier in TIERS:
        waits = known if tier == ALL and known is not None else waits_after(dataset, kinds, tier)
        results.append(TierResult(tier, len(qualifying_visits(dataset, tier)), waits, overall(waits)))
    return tuple(results)


@dataclass(frozen=True)
class Envoys:
    """Crisis or routine: special envoys among all visits, and among the first visit after each test."""

    visits: int
    envoys: int
    first_after_tests: int
    envoys_first_after_tests: int


def envoys(dataset: Dataset, tests: tuple[Wait, ...] | None = None) -> Envoys:
    """`tests`: waits_after(dataset), when the caller has them already."""
    visits = qualifying_visits(dataset)
    firsts = [w.visit for w in (tests if tests is not None else waits_after(dataset)) if w.visit is not None]
    return Envoys(
        len(visits),
        sum(1 for v in visits if v.purpose == "special-envoy"),
        len(firsts),
        sum(1 for v in firsts if v.purpose == "special-envoy"),
    )

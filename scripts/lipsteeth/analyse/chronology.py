"""The record in time order: an event's neighbours and the gap to them, the next visit after a
day, the years, the events of a year, a kind or a person, and how often each kind and each
direction of travel occurs. Pure functions over the Dataset (no I/O), shared by pages, charts and
exports."""

from __future__ import annotations

import bisect
import datetime as dt
import statistics
from collections import Counter
from dataclasses import dataclass

from ..data.dataset import Dataset
from ..data.model import KINDS, Event, Person
from .leadership import eras


@dataclass(frozen=True)
class Gap:
    """Days from one event to another; approximate when either date is known only to the month or year.
    `within` names the month or year of `earlier` when `later` falls inside it (no count of days can be
    known); `during` says `later` began before `earlier` ended, so the days run from `earlier`'s start."""

    days: int
    approximate: bool
    within: str | None = None
    during: bool = False

    def human(self) -> str:
        if self.within:
            return f"within the same {self.within}"
        return f"{'about ' if self.approximate else ''}{self.days:,} day{'s' if self.days != 1 else ''}"


def gap(earlier: Event, later: Event) -> Gap:
    """From the end of `earlier` to the start of `later`, in days (midpoints of imprecise dates)."""
    if earlier.date.precision != "day" and earlier.date.first_day() <= later.date.first_day() <= earlier.date.last_day():
        return Gap(0, True, within=earlier.date.precision)  # '2005-02' then '2005-02-10'
    start, stop = earlier.last_date.middle_day(), later.date.middle_day()
    during = stop < start  # began while `earlier` went on (a border closure, a long visit)
    if during:
        start = earlier.date.middle_day()
    approximate = (earlier.date if during else earlier.last_date).precision != "day" or later.date.precision != "day"
    return Gap(abs((stop - start).days), approximate, during=during)


def previous_and_next(dataset: Dataset, event: Event, kind: str | None = None) -> tuple[Event | None, Event | None]:
    """The events just before and after `event` in the record (or among events of `kind`)."""
    events = dataset.events if kind is None else dataset.by_kind.get(kind, ())
    index = dataset.position[event.id] if kind is None else dataset.position_in_kind[event.id]
    return (events[index - 1] if index else None, events[index + 1] if index + 1 < len(events) else None)


def of_kind(dataset: Dataset, kind: str) -> tuple[Event, ...]:
    return dataset.by_kind.get(kind, ())


def nearest_of_kind(dataset: Dataset, event: Event, kind: str) -> tuple[Event | None, Event | None]:
    """The closest event of `kind` strictly before and strictly after `event` in the record's order."""
    candidates = dataset.by_kind.get(kind, ())
    keys = dataset.kind_positions.get(kind, ())
    here = dataset.position[event.id]
    cut = bisect.bisect_left(keys, here)
    before = candidates[cut - 1] if cut else None
    after_cut = cut + 1 if cut < len(keys) and keys[cut] == here else cut
    after = candidates[after_cut] if after_cut < len(candidates) else None
    return before, after


# Visits below leader level are recorded completely only from 1999 (see the method page), so gaps
# between visits are measured from the year before, where the record chart also starts.
COMPLETE_FROM = 1998


def visits(dataset: Dataset, since_year: int | None = None) -> tuple[Event, ...]:
    return tuple(e for e in dataset.events if e.kind == "visit" and (since_year is None or e.date.year >= since_year))


def median_gap_between_visits(dataset: Dataset, since_year: int | None = COMPLETE_FROM) -> float | None:
    """The typical number of days from one visit (either direction) to the next."""
    chosen = visits(dataset, since_year)
    gaps = [gap(a, b).days for a, b in zip(chosen, chosen[1:], strict=False)]
    return statistics.median(gaps) if gaps else None


def next_visit(dataset: Dataset, event: Event) -> Event | None:
    """The first visit (either direction) after `event` in the record's order."""
    return nearest_of_kind(dataset, event, "visit")[1]


def next_senior_visit(dataset: Dataset, event: Event) -> Event | None:
    """The first visit after `event` made at leader or top level (a Politburo Standing Committee
    member, the premier or above)."""
    here = dataset.position[event.id]
    return next(
        (v for v in dataset.by_kind.get("visit", ()) if dataset.position[v.id] > here and v.level in ("leader", "top")),
        None,
    )


def years(dataset: Dataset) -> list[int]:
    return sorted(dataset.by_year)


def events_in_year(dataset: Dataset, year: int) -> tuple[Event, ...]:
    return dataset.by_year.get(year, ())


def kind_counts(events: tuple[Event, ...]) -> dict[str, int]:
    """Counts per kind, in the vocabulary's order, kinds with no events left out."""
    counts = Counter(e.kind for e in events)
    return {kind: counts[kind] for kind in KINDS if counts[kind]}


def events_of_person(dataset: Dataset, person_id: str) -> tuple[Event, ...]:
    return dataset.by_person.get(person_id, ())


def travel_counts(dataset: Dataset, person: Person) -> dict[str, int]:
    """Visits the person took part in, by role. A visit is led by the person listed first (the
    validator checks they come from the visiting country); others from that country went with
    them or sent them. Hosts are the people listed from the country visited."""
    visits = [e for e in events_of_person(dataset, person.id) if e.kind == "visit"]
    abroad = [e for e in visits if e.from_ == person.country]
    return {
        "led": sum(1 for e in abroad if e.people[0] == person.id),
        "joined": sum(1 for e in abroad if e.people[0] != person.id),
        "received": sum(1 for e in visits if e.to == person.country),
    }


@dataclass(frozen=True)
class VisitYear:
    """One year's visits in each direction, and the eras the year falls in (a year may span two)."""

    year: int
    to_north_korea: int  # visits from China
    to_china: int  # visits from North Korea
    eras: tuple[str, ...]  # their titles
    has_page: bool  # the record holds events that year, so the year has a page


def visits_per_year(dataset: Dataset) -> tuple[VisitYear, ...]:
    """Every year with a visit and, from the year the record is complete, every year without one too:
    there a year without visits is a finding."""
    all_eras = eras(dataset)
    visit_years = {v.date.year for v in visits(dataset)}
    complete = range(COMPLETE_FROM + 1, max(visit_years, default=COMPLETE_FROM) + 1)
    found = []
    for year in sorted(visit_years | set(complete)):
        these = [e for e in events_in_year(dataset, year) if e.kind == "visit"]
        found.append(
            VisitYear(
                year,
                sum(1 for v in these if v.from_ == "CN"),
                sum(1 for v in these if v.from_ == "KP"),
                tuple(e.title for e in all_eras if e.overlaps(dt.date(year, 1, 1), dt.date(year, 12, 31))),
                bool(events_in_year(dataset, year)),
            )
        )
    return tuple(found)

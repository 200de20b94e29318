"""Relations beyond the timing of visits: how senior the contact was year by year, and the signals
the record holds besides visits (China's votes on sanctions, its own sanctions, where its leader
went first). Pure functions over the Dataset."""

from __future__ import annotations

from dataclasses import dataclass

from ..data.dataset import Dataset
from ..data.model import LEVELS, Event
from . import chronology, leadership, statistics


@dataclass(frozen=True)
class LevelYear:
    year: int
    by_level: dict[str, int]  # visits that began in the year, by level, in LEVELS' order
    tests: int  # nuclear tests in the year
    closed: bool  # a border closure touches the year

    @property
    def total(self) -> int:
        return sum(self.by_level.values())


def levels_per_year(dataset: Dataset) -> tuple[LevelYear, ...]:
    """Visits per year by level, from the year the record is complete to the latest visit's year."""
    visits = chronology.visits(dataset, statistics.FIRST_DAY.year)
    if not visits:
        return ()
    closed = {y for first, last in statistics.closure_spans(dataset) for y in range(first.year, last.year + 1)}
    tests = [e.date.year for e in dataset.by_kind.get("nuclear-test", ())]
    last = max(v.date.year for v in visits)
    return tuple(
        LevelYear(
            year,
            {level: sum(1 for v in visits if v.date.year == year and v.level == level) for level in LEVELS},
            tests.count(year),
            year in closed,
        )
        for year in range(statistics.FIRST_DAY.year, last + 1)
    )


@dataclass(frozen=True)
class Run:
    """Consecutive years outside any border closure with no visit at the given levels."""

    first: int
    last: int
    tests: int  # nuclear tests in those years

    @property
    def years(self) -> int:
        return self.last - self.first + 1


def longest_run_without(rows: tuple[LevelYear, ...], levels: tuple[str, ...]) -> Run | None:
    """The longest run of open years with no visit at `levels` (the earliest, where two tie)."""
    best, current = None, []
    for row in [*rows, None]:
        if row is not None and not row.closed and not any(row.by_level[level] for level in levels):
            current.append(row)
            continue
        if current and (best is None or len(current) > best.years):
            best = Run(current[0].year, current[-1].year, sum(r.tests for r in current))
        current = []
    return best


def empty_years(rows: tuple[LevelYear, ...]) -> tuple[int, ...]:
    """The years outside any border closure with no visit at all."""
    return tuple(r.year for r in rows if not r.closed and r.total == 0)


@dataclass(frozen=True)
class Votes:
    """China's votes on the Security Council's sanctions: each resolution that imposed or tightened
    them, and the drafts that would have and failed."""

    sanctions: tuple[Event, ...]
    for_: int
    drafts_failed: tuple[Event, ...]  # kind un-resolution, China voted against or abstained, no new sanctions


def votes(dataset: Dataset) -> Votes:
    resolutions = dataset.by_kind.get("un-resolution", ())
    sanctions = tuple(e for e in resolutions if e.new_sanctions)
    failed = tuple(e for e in resolutions if e.china_vote == "against" and not e.new_sanctions)
    return Votes(sanctions, sum(1 for e in sanctions if e.china_vote == "for"), failed)


@dataclass(frozen=True)
class FirstTrip:
    """A Chinese leader's first trip to Seoul in office, against his first visit to North Korea."""

    leader: str  # person id
    name: str  # the leader's name, as the people file gives it
    seoul: Event
    pyongyang: Event | None  # None: none yet
    days: int | None


def seoul_before_pyongyang(dataset: Dataset) -> tuple[FirstTrip, ...]:
    """For each Chinese paramount leader since 1992 (diplomatic ties with Seoul): where his first
    trip to Seoul in office came before his first visit to North Korea in office."""
    found = []
    for era_leader, start, end in _china_terms(dataset):
        within = [e for e in dataset.events if start <= e.date.first_day() and (end is None or e.date.first_day() < end)]
        led = [e for e in within if e.people and e.people[0] == era_leader]
        seoul = next((e for e in led if e.place and "Seoul" in e.place), None)
        pyongyang = next((e for e in led if e.kind == "visit" and e.to == "KP"), None)
        if seoul and (pyongyang is None or seoul.date.first_day() < pyongyang.date.first_day()):
            days = (pyongyang.date.first_day() - seoul.date.first_day()).days if pyongyang else None
            person = dataset.person_by_id.get(era_leader)
            found.append(FirstTrip(era_leader, person.name if person else era_leader, seoul, pyongyang, days))
    return tuple(found)


def _china_terms(dataset: Dataset):
    terms = {}
    for era in leadership.eras(dataset):
        first, end = era.start.first_day(), era.end.first_day() if era.end else None
        known = terms.get(era.china.id)
        if known is None:
            terms[era.china.id] = [first, end]
        else:
            known[1] = end if end is None or (known[1] is not None and end > known[1]) else known[1]
    return [(leader, start, end) for leader, (start, end) in terms.items()]


@dataclass(frozen=True)
class Relations:
    levels: tuple[LevelYear, ...]
    without_leaders: Run | None
    empty_years: tuple[int, ...]
    votes: Votes
    china_sanctions: tuple[Event, ...]
    seoul_first: tuple[FirstTrip, ...]


def relations(dataset: Dataset) -> Relations:
    rows = levels_per_year(dataset)
    return Relations(
        rows,
        longest_run_without(rows, ("leader",)),
        empty_years(rows),
        votes(dataset),
        tuple(dataset.by_kind.get("sanctions", ())),
        seoul_before_pyongyang(dataset),
    )

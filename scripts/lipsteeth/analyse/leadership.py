"""Who led each country when: leader terms read off the people's roles, and the eras they make
together (a pair of leaders, one for each side), computed once per dataset in one sorted sweep.
Pure functions over the Dataset (no I/O)."""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
from dataclasses import dataclass

from ..data.dataset import Dataset
from ..data.dates import PartialDate
from ..data.model import Person


@dataclass(frozen=True)
class Era:
    """A stretch of time with one paramount leader in Beijing and one in Pyongyang."""

    id: str
    china: Person
    korea: Person
    start: PartialDate
    end: PartialDate | None  # None: still running

    @property
    def title(self) -> str:
        until = "today" if self.end is None else str(self.end.year)
        return f"{self.china.name} and {self.korea.name}, {self.start.year}–{until}"

    def overlaps(self, first: dt.date, last: dt.date) -> bool:
        """Whether any day from `first` to `last` falls in the era."""
        return self.start.first_day() <= last and (self.end is None or first < self.end.first_day())

    def contains(self, date: PartialDate) -> bool:
        after_start = date.first_day() >= self.start.first_day()
        before_end = self.end is None or date.first_day() < self.end.first_day()
        return after_start and before_end


def eras(dataset: Dataset) -> tuple[Era, ...]:
    """Eras from the people's leader roles: a new era begins whenever either side's leader changes.
    Worked out once per dataset (the pages, charts and statistics all ask for them).

    Where sources let two leaders' terms overlap (Deng Xiaoping's informal paramountcy and Jiang
    Zemin's general secretaryship), the one who took office last is taken as the leader."""
    return dataset.computed("eras", _eras)


Term = tuple[Person, PartialDate, "PartialDate | None"]  # who held a leader role, from, to (None: still held)


def leader_terms(dataset: Dataset, country: str) -> tuple[Term, ...]:
    """Every leader role of `country`'s people, in the record's order (people by id, then their roles)."""
    return dataset.computed(f"leader-terms-{country}", lambda d: _leader_terms(d, country))


def _eras(dataset: Dataset) -> tuple[Era, ...]:
    """One sweep over the leader roles in date order: O(n log n) in the number of roles (each start
    is a cut where a leader may change; a heap holds the terms running at it)."""
    china, korea = leader_terms(dataset, "CN"), leader_terms(dataset, "KP")
    cuts = sorted({start for _, start, _ in china + korea}, key=PartialDate.sort_key)
    holders_cn, holders_kp = _holders(china, cuts), _holders(korea, cuts)
    ends = _ends_by_person(china + korea)
    result: list[Era] = []
    for index, start in enumerate(cuts):
        end = cuts[index + 1] if index + 1 < len(cuts) else None
        leader_cn, leader_kp = holders_cn[index], holders_kp[index]
        if not (leader_cn and leader_kp):
            continue
        era_end = _era_end(start, end, ends, (leader_cn, leader_kp))
        if result and (result[-1].china, result[-1].korea) == (leader_cn, leader_kp):
            result[-1] = Era(result[-1].id, leader_cn, leader_kp, result[-1].start, era_end)
        else:
            result.append(Era(_era_id(leader_cn, leader_kp, start, result), leader_cn, leader_kp, start, era_end))
    return tuple(result)


def _era_id(china: Person, korea: Person, start: PartialDate, earlier: list[Era]) -> str:
    """'jiang-zemin-kim-jong-il'; the same pair again (a leader with two separate terms) gets its
    start year, and a number after that, so no two eras ever share a page."""
    taken = {era.id for era in earlier}
    candidate = base = f"{china.id}-{korea.id}"
    if candidate in taken:
        candidate = base = f"{base}-{start.year}"
    count = 2
    while candidate in taken:
        candidate, count = f"{base}-{count}", count + 1
    return candidate


def _leader_terms(dataset: Dataset, country: str) -> tuple[Term, ...]:
    return tuple((p, r.from_, r.to) for p in dataset.people if p.country == country for r in p.roles if r.leader)


def _holders(terms: tuple[Term, ...], cuts: list[PartialDate]) -> list[Person | None]:
    """Who held a leader role on the first day of each cut (in date order): of overlapping terms, the
    most recently begun, and of those begun the same day, the first in the record's order."""
    by_start = sorted(range(len(terms)), key=lambda i: (terms[i][1].first_day(), i))
    running: list[tuple[int, int, int]] = []  # heap of (-start day, order, term index)
    found, added = [], 0
    for cut in cuts:
        day = cut.first_day()
        while added < len(by_start) and terms[by_start[added]][1].first_day() <= day:
            i = by_start[added]
            heapq.heappush(running, (-terms[i][1].first_day().toordinal(), i, i))
            added += 1
        while running and _ended(terms[running[0][2]], day):  # days only move on: an ended term stays ended
            heapq.heappop(running)
        found.append(terms[running[0][2]][0] if running else None)
    return found


def _ended(term: Term, day: dt.date) -> bool:
    end = term[2]
    return end is not None and end.first_day() <= day


def _ends_by_person(terms: tuple[Term, ...]) -> dict[str, list[tuple[dt.date, int, PartialDate]]]:
    """Each person's term ends as (day, order in `terms`, end), sorted: the first end after a day is a bisection away."""
    ends: dict[str, list[tuple[dt.date, int, PartialDate]]] = {}
    for order, (person, _, end) in enumerate(terms):
        if end is not None:
            ends.setdefault(person.id, []).append((end.first_day(), order, end))
    return {person: sorted(found, key=lambda e: e[:2]) for person, found in ends.items()}


def _era_end(start: PartialDate, next_cut: PartialDate | None, ends, holders: tuple[Person, Person]) -> PartialDate | None:
    """An era ends at the next change of leader, or earlier if a holder's term ends with no successor recorded."""
    day = start.first_day()
    later = []
    for person in holders:
        found = ends.get(person.id, [])
        at = bisect.bisect_right(found, day, key=lambda e: e[0])
        if at < len(found):
            later.append(found[at])
    first = min(later, key=lambda e: e[:2], default=None)
    if next_cut is not None and (first is None or next_cut.first_day() <= first[0]):
        return next_cut
    return first[2] if first else None

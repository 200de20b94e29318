"""Visits put off before they took place: the contact the record of visits that happened cannot show.

A postponement is recorded on the visit that finally took place (its `postponed` field); what the
sources tie it to (`after`) says whether it followed a test or a launch. Everything here is counted
from those records, so the analysis page's sentence stays true as the record grows.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ..data.dataset import Dataset
from ..data.dates import PartialDate
from ..data.model import Event

# What counts as 'a test' for the count: the kinds the analysis compares (nuclear tests and launches).
TEST_KINDS = ("nuclear-test", "missile-launch", "satellite-launch")


@dataclass(frozen=True)
class Postponed:
    """One postponed visit: when it was put off, what the sources tie that to, and how long it waited."""

    visit: Event
    announced: PartialDate
    after: Event | None  # the event the sources tie the postponement to, if they name one
    wait_days: int  # from the announcement to the visit's start, by the earliest days the dates can mean
    approximate: bool  # either date is known only to the month or year

    @property
    def after_a_test(self) -> bool:
        return self.after is not None and self.after.kind in TEST_KINDS


@dataclass(frozen=True)
class Postponements:
    all: tuple[Postponed, ...]

    @property
    def after_tests(self) -> tuple[Postponed, ...]:
        return tuple(p for p in self.all if p.after_a_test)

    def of(self, visit: Event) -> Postponed | None:
        """The visit's postponement as worked out here, for its own page; None when it was not put off."""
        return self._by_visit.get(visit.id)

    @functools.cached_property
    def _by_visit(self) -> dict[str, Postponed]:
        return {p.visit.id: p for p in self.all}


def postponements(dataset: Dataset) -> Postponements:
    """Every postponed visit in the record, in the order of the visits."""
    found = (postponed(dataset, visit) for visit in dataset.by_kind.get("visit", ()))
    return Postponements(tuple(p for p in found if p is not None))


def postponed(dataset: Dataset, visit: Event) -> Postponed | None:
    """One visit's postponement, with its wait; None when it was not put off."""
    if visit.postponed is None:
        return None
    announced = visit.postponed.announced
    return Postponed(
        visit=visit,
        announced=announced,
        after=dataset.event_by_id.get(visit.postponed.after) if visit.postponed.after else None,
        wait_days=(visit.date.first_day() - announced.first_day()).days,
        approximate=announced.precision != "day" or visit.date.precision != "day",
    )

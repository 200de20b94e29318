"""The validated dataset: immutable, sorted and indexed by id."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TypeVar

from .model import Article, Claim, Event, Person, Series

T = TypeVar("T")


@dataclass(frozen=True)
class Dataset:
    article: Article
    events: tuple[Event, ...]  # chronological, ties broken by id
    people: tuple[Person, ...]  # sorted by id
    claims: tuple[Claim, ...]  # in article order
    series: tuple[Series, ...] = ()  # time series (trade), by id
    event_by_id: MappingProxyType = field(init=False, repr=False)
    person_by_id: MappingProxyType = field(init=False, repr=False)
    claim_by_id: MappingProxyType = field(init=False, repr=False)
    # Lookups that keep page generation linear in the number of events.
    position: MappingProxyType = field(init=False, repr=False)  # event id -> index in `events`
    by_kind: MappingProxyType = field(init=False, repr=False)  # kind -> its events, in order
    position_in_kind: MappingProxyType = field(init=False, repr=False)  # event id -> index in by_kind[kind]
    kind_positions: MappingProxyType = field(init=False, repr=False)  # kind -> positions of its events in `events`
    by_person: MappingProxyType = field(init=False, repr=False)  # person id -> the events they took part in, in order
    by_year: MappingProxyType = field(init=False, repr=False)  # year -> the events dated in it, in order
    # What analyses work out once per dataset and every page reuses (the leaders' eras): see `computed`.
    _computed: dict = field(init=False, repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "events", tuple(sorted(self.events, key=event_order)))
        object.__setattr__(self, "people", tuple(sorted(self.people, key=lambda p: p.id)))
        object.__setattr__(self, "claims", tuple(sorted(self.claims, key=lambda c: (c.paragraph, c.id))))
        object.__setattr__(self, "series", tuple(sorted(self.series, key=lambda s: s.id)))
        object.__setattr__(self, "event_by_id", MappingProxyType({e.id: e for e in self.events}))
        object.__setattr__(self, "person_by_id", MappingProxyType({p.id: p for p in self.people}))
        object.__setattr__(self, "claim_by_id", MappingProxyType({c.id: c for c in self.claims}))
        object.__setattr__(self, "position", MappingProxyType({e.id: i for i, e in enumerate(self.events)}))
        by_kind: dict[str, list[Event]] = {}
        for event in self.events:
            by_kind.setdefault(event.kind, []).append(event)
        object.__setattr__(self, "by_kind", MappingProxyType({k: tuple(v) for k, v in by_kind.items()}))
        by_person: dict[str, list[Event]] = {}
        by_year: dict[int, list[Event]] = {}
        for event in self.events:
            for person_id in dict.fromkeys(event.people):  # a person named twice is in the event once
                by_person.setdefault(person_id, []).append(event)
            by_year.setdefault(event.date.year, []).append(event)
        object.__setattr__(self, "by_person", MappingProxyType({k: tuple(v) for k, v in by_person.items()}))
        object.__setattr__(self, "by_year", MappingProxyType({k: tuple(v) for k, v in by_year.items()}))
        in_kind = {e.id: i for events in by_kind.values() for i, e in enumerate(events)}
        object.__setattr__(self, "position_in_kind", MappingProxyType(in_kind))
        positions = {k: tuple(self.position[e.id] for e in v) for k, v in by_kind.items()}
        object.__setattr__(self, "kind_positions", MappingProxyType(positions))

    def computed(self, name: str, compute: Callable[[Dataset], T]) -> T:
        """`compute(self)`, worked out on the first call and handed back after: the dataset is frozen,
        so what is derived from it cannot go stale, and it goes when the dataset does (no module state)."""
        if name not in self._computed:
            self._computed[name] = compute(self)
        return self._computed[name]


def event_order(event: Event) -> tuple:
    return (event.date, event.id)

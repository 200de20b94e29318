"""The validated dataset: immutable, sorted and indexed by id."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType

from .model import Article, Claim, Event, Person


@dataclass(frozen=True)
class Dataset:
    article: Article
    events: tuple[Event, ...]  # chronological, ties broken by id
    people: tuple[Person, ...]  # sorted by id
    claims: tuple[Claim, ...]  # in article order
    event_by_id: MappingProxyType = field(init=False, repr=False)
    person_by_id: MappingProxyType = field(init=False, repr=False)
    claim_by_id: MappingProxyType = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "events", tuple(sorted(self.events, key=event_order)))
        object.__setattr__(self, "people", tuple(sorted(self.people, key=lambda p: p.id)))
        object.__setattr__(self, "claims", tuple(sorted(self.claims, key=lambda c: (c.paragraph, c.id))))
        object.__setattr__(self, "event_by_id", MappingProxyType({e.id: e for e in self.events}))
        object.__setattr__(self, "person_by_id", MappingProxyType({p.id: p for p in self.people}))
        object.__setattr__(self, "claim_by_id", MappingProxyType({c.id: c for c in self.claims}))


def event_order(event: Event) -> tuple:
    return (event.date, event.id)

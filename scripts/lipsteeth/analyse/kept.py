"""The answer kept from one build to the next in one process (`mkdocs serve`): a save that changes
only fields no analysis reads (a title, a summary, a source) hands back the answer already worked
out, holding the events as they are now, instead of working it out again (0.17 s at 1,000 events).

Kept as the chart cache keeps a drawing: keyed on the whole dataset but the events' UNANALYSED
fields, so whatever else changes, the answer is worked out afresh.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import enum
import hashlib
from collections.abc import Mapping

import numpy as np
from pydantic import BaseModel

from ..data.dataset import Dataset
from ..data.dates import PartialDate
from ..data.model import Event
from .answer import Answer, answer, scorecard
from .claims import Verdict

# The fields of an event that no analysis in the answer reads: they show only on the pages (and in
# the claims' reasoning, which `check_all` writes at every build). tests/analyse/test_kept.py
# changes each of them on every event of the real record and checks the answer is the same.
UNANALYSED = frozenset({"title", "summary", "note", "sources", "article", "aliases"})

# Values with no event inside: handed back as they are, never walked.
_LEAVES = (str, int, float, bytes, type(None), dt.date, PartialDate, np.ndarray, BaseModel, enum.Enum)


def analysed_key(dataset: Dataset) -> str:
    """A hash of everything the answer may read: the whole dataset but the events' UNANALYSED fields."""
    digest = hashlib.sha256()
    for event in dataset.events:  # pydantic writes fields in the model's fixed order
        digest.update(event.model_dump_json(by_alias=True, exclude=UNANALYSED).encode("utf-8") + b"\n")
    for record in (dataset.article, *dataset.people, *dataset.claims, *dataset.series):
        digest.update(type(record).__name__.encode("utf-8") + record.model_dump_json(by_alias=True).encode("utf-8") + b"\n")
    return digest.hexdigest()


@dataclasses.dataclass(frozen=True)
class Kept:
    """An answer and what it was worked out from."""

    key: str
    dataset: Dataset
    answered: Answer


def answer_keeping(dataset: Dataset, verdicts: dict[str, Verdict], kept: Kept | None) -> Kept:
    """The answer for `dataset`: `kept`'s, with the events as `dataset` has them, when only UNANALYSED
    fields changed since; otherwise worked out. The scorecard sums up `verdicts` (cheap, and the
    verdicts are checked afresh at every build): it is always made from them."""
    key = analysed_key(dataset)
    if kept is None or kept.key != key:
        return Kept(key, dataset, answer(dataset, verdicts))
    changed = {}
    for event in dataset.events:
        before = kept.dataset.event_by_id[event.id]  # the same ids: they are in the key
        if before is not event and before != event:
            changed[event.id] = (before, event)
    try:
        answered = rebound(kept.answered, changed)
    except Unwalkable:  # a result of a shape `rebound` does not know: worked out afresh, never stale
        return Kept(key, dataset, answer(dataset, verdicts))
    return Kept(key, dataset, dataclasses.replace(answered, scorecard=scorecard(dataset, verdicts)))


class KeptAnswer:
    """The last answer worked out, kept for the next build in this process."""

    def __init__(self) -> None:
        self.last: Kept | None = None

    def answer(self, dataset: Dataset, verdicts: dict[str, Verdict]) -> Answer:
        self.last = answer_keeping(dataset, verdicts, self.last)
        return self.last.answered


def rebound(value: object, changed: Mapping[str, tuple[Event, Event]]) -> object:
    """`value` with each event of `changed` (by id: as it was, as it is now) replaced wherever it is
    held, however deep. What holds none of them is handed back as it is (the same object); what
    holds one is copied with it replaced, values worked out on first use (cached properties) too."""
    done: dict[int, object] = {}  # by id: a result held in two places stays one object

    def walk(item: object) -> object:
        if id(item) not in done:
            done[id(item)] = _rebuilt(item, walk, changed)
        return done[id(item)]

    return walk(value) if changed else value


class Unwalkable(TypeError):
    """The answer holds a value `rebound` cannot see inside, which might hold an event."""


def _rebuilt(item: object, walk, changed: Mapping[str, tuple[Event, Event]]) -> object:
    if isinstance(item, Event):
        before, now = changed.get(item.id, (None, None))
        # An event the analysis made itself (a recoded copy) is not the record's: it stays.
        return now if before is not None and (item is before or item == before) else item
    if isinstance(item, _LEAVES):
        return item
    if isinstance(item, (tuple, list, set, frozenset)):
        items = [walk(i) for i in item]
        if all(new is old for new, old in zip(items, item, strict=True)):
            return item
        return type(item)._make(items) if hasattr(item, "_make") else type(item)(items)
    if isinstance(item, dict):
        pairs = [(walk(k), walk(v)) for k, v in item.items()]
        if all(new_k is k and new_v is v for (new_k, new_v), (k, v) in zip(pairs, item.items(), strict=True)):
            return item
        copied = copy.copy(item)  # keeps its type and what it was made with (a defaultdict's factory)
        copied.clear()
        copied.update(pairs)
        return copied
    if dataclasses.is_dataclass(item) and not isinstance(item, type) and not hasattr(item, "__slots__"):
        # a result (a frozen dataclass): its fields and its cached properties, all in its __dict__
        fields = {name: walk(v) for name, v in vars(item).items()}
        if all(fields[name] is v for name, v in vars(item).items()):
            return item
        copied = copy.copy(item)
        vars(copied).update(fields)
        return copied
    raise Unwalkable(f"cannot look inside {type(item).__name__}")

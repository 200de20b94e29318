"""The answer kept between builds under serve (analyse.kept): reused, with the events as they are
now, when a save changed only fields no analysis reads; worked out again when anything else changed."""

from __future__ import annotations

import collections
import dataclasses
import enum
import functools

import numpy as np
import pytest

from lipsteeth.analyse import kept
from lipsteeth.analyse.answer import answer
from lipsteeth.analyse.claims import Ruling, check_all
from lipsteeth.data.dataset import Dataset
from lipsteeth.data.model import ArticleRef
from lipsteeth.data.validate import load_dataset

from ..conftest import ROOT


@pytest.fixture(scope="module")
def real():
    dataset = load_dataset(ROOT / "data")
    return dataset, kept.answer_keeping(dataset, check_all(dataset), None)


def _with_events(dataset: Dataset, events) -> Dataset:
    return Dataset(dataset.article, tuple(events), dataset.people, dataset.claims, dataset.series)


def _unanalysed_changed(event):
    """The event with each of its UNANALYSED fields changed."""
    changes = {
        "title": "A changed title, much longer than the one before it",
        "summary": "A changed summary.",
        "note": "A changed note.",
        "sources": tuple(s.model_copy(update={"publisher": "Changed", "title": "Changed"}) for s in event.sources),
        "article": ArticleRef(paragraph=1, quote="Changed words."),
        "aliases": ("a-changed-alias",),
    }
    assert set(changes) == kept.UNANALYSED, "each unanalysed field is changed here"
    return event.model_copy(update=changes)


def _assert_same(actual, expected, path="answer"):
    """Equal all the way down: events by value, arrays by their numbers, results field by field."""
    assert type(actual) is type(expected), path
    if isinstance(expected, np.ndarray):
        assert np.array_equal(actual, expected), path
    elif isinstance(expected, (tuple, list)):
        assert len(actual) == len(expected), path
        for i, (a, e) in enumerate(zip(actual, expected, strict=True)):
            _assert_same(a, e, f"{path}[{i}]")
    elif isinstance(expected, dict):
        assert list(actual) == list(expected), path
        for k in expected:
            _assert_same(actual[k], expected[k], f"{path}[{k!r}]")
    elif dataclasses.is_dataclass(expected):
        for field in dataclasses.fields(expected):
            _assert_same(getattr(actual, field.name), getattr(expected, field.name), f"{path}.{field.name}")
    else:
        assert actual == expected, path


def _not_worked_out(*args):
    raise AssertionError("the answer was worked out again")


class TestAnswerKeeping:
    def test_no_analysis_reads_an_unanalysed_field(self, real, monkeypatch):
        """With each UNANALYSED field changed on every event of the real record, the kept answer is
        handed back, holding the changed events, and it is the answer worked out afresh."""
        dataset, before = real
        changed = _with_events(dataset, [_unanalysed_changed(e) for e in dataset.events])
        verdicts = check_all(changed)
        fresh = answer(changed, verdicts)
        monkeypatch.setattr(kept, "answer", _not_worked_out)
        reused = kept.answer_keeping(changed, verdicts, before)
        assert reused.key == before.key
        _assert_same(reused.answered, fresh)

    @pytest.mark.parametrize(
        "change",
        [
            {"place": "Somewhere else"},  # the relations look for visits to Seoul
            {"people": ()},
            {"secret": True},
        ],
    )
    def test_an_analysed_field_works_the_answer_out_again(self, real, change):
        dataset, before = real
        visit = next(e for e in dataset.events if e.kind == "visit" and e.people and not e.secret)
        events = [e.model_copy(update=change) if e is visit else e for e in dataset.events]
        changed = _with_events(dataset, events)
        assert kept.answer_keeping(changed, check_all(changed), before).key != before.key

    def test_a_person_changed_works_the_answer_out_again(self, real):
        """The eras come from the leaders' roles: everything but the events' unanalysed fields is in the key."""
        dataset, before = real
        person = dataset.people[0]
        people = [p.model_copy(update={"name": "Someone Else"}) if p is person else p for p in dataset.people]
        changed = Dataset(dataset.article, dataset.events, tuple(people), dataset.claims, dataset.series)
        assert kept.analysed_key(changed) != before.key

    def test_the_scorecard_counts_this_builds_verdicts(self, real):
        """The verdicts are checked at every build; the scorecard kept would count the last build's."""
        dataset, before = real
        verdicts = check_all(dataset)
        first = dataset.claims[0].id
        other = next(r for r in Ruling if r is not verdicts[first].verdict)
        verdicts[first] = dataclasses.replace(verdicts[first], verdict=other)
        reused = kept.answer_keeping(dataset, verdicts, before).answered
        assert reused.scorecard.counts[other] == before.answered.scorecard.counts[other] + 1


@dataclasses.dataclass(frozen=True)
class Held:
    events: tuple
    by_id: dict

    @functools.cached_property
    def first(self):
        return self.events[0]


class TestRebound:
    def test_an_event_is_replaced_wherever_it_is_held(self, real):
        dataset, _ = real
        one, two = dataset.events[:2]
        held = Held((one, two), {one.id: one})
        assert held.first is one  # worked out before the change: the copy must not keep it
        now = one.model_copy(update={"title": "New"})
        found = kept.rebound(held, {one.id: (one, now)})
        assert (found.events, found.by_id, found.first) == ((now, two), {one.id: now}, now)
        assert held.events == (one, two), "the kept value is left as it was"

    def test_what_holds_no_changed_event_is_the_same_object(self, real):
        dataset, _ = real
        one, two = dataset.events[:2]
        held = (Held((two,), {}), [two])
        found = kept.rebound(held, {one.id: (one, one.model_copy(update={"title": "New"}))})
        assert found is held

    def test_a_copy_the_analysis_made_is_not_the_records_event(self, real):
        """An event recoded by an analysis (another value under the same id) is its own, and stays."""
        dataset, _ = real
        one = dataset.events[0]
        recoded = one.model_copy(update={"secret": not one.secret})
        found = kept.rebound((recoded,), {one.id: (one, one.model_copy(update={"title": "New"}))})
        assert found[0] is recoded

    def test_enum_members_and_mappings_of_any_kind_are_walked(self, real):
        """A plain Enum member is a constant (its attributes lead back to its class: walking them
        never ended); a defaultdict keeps its factory."""
        dataset, _ = real
        one = dataset.events[0]
        now = one.model_copy(update={"title": "New"})
        grouped = collections.defaultdict(list, {"a": [one]})
        found = kept.rebound((Colour.RED, grouped), {one.id: (one, now)})
        assert found[0] is Colour.RED
        assert found[1] == {"a": [now]} and found[1].default_factory is list

    def test_a_value_it_cannot_see_inside_is_refused(self, real):
        """Something that might hide an event (a class with __slots__) is never handed back unchanged."""
        dataset, _ = real
        one = dataset.events[0]
        with pytest.raises(kept.Unwalkable):
            kept.rebound((Slotted(one),), {one.id: (one, one.model_copy(update={"title": "New"}))})

    def test_an_answer_it_cannot_see_inside_is_worked_out_again(self, real, monkeypatch):
        dataset, before = real
        events = [e.model_copy(update={"title": "New"}) if i == 0 else e for i, e in enumerate(dataset.events)]
        changed = _with_events(dataset, events)
        unwalkable = dataclasses.replace(before.answered, scorecard=Slotted(None))
        worked_out = []
        monkeypatch.setattr(kept, "answer", lambda *args: worked_out.append(args) or "fresh")
        found = kept.answer_keeping(changed, check_all(changed), dataclasses.replace(before, answered=unwalkable))
        assert (found.answered, len(worked_out)) == ("fresh", 1)


class Colour(enum.Enum):
    RED = 1


class Slotted:
    __slots__ = ("held",)

    def __init__(self, held):
        self.held = held

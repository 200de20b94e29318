"""Each kind of event is declared once, in the model: what its declaration says, the rules, the
editors' schema and `lipsteeth new` all do. Each test declares a field for one kind at a time (the
table the readers consult when they ask) and sees all three follow."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import jsonschema
import pytest

from lipsteeth.data.model import KIND_OF, KINDS, KINDS_OF_EVENT, Event, EventsFile, field_name
from lipsteeth.data.rules import event_checks
from lipsteeth.data.schema import schema_text
from lipsteeth.render.reference import reference_page
from lipsteeth.tools import ask as asking
from lipsteeth.tools.options import required_for_kind

from ..conftest import dataset_of

TODAY = dt.date(2026, 11, 28)
SOURCE = {"url": "https://example.org/a", "publisher": "p", "title": "t"}


def event_of(kind: str, **fields) -> dict:
    """A valid event of the kind as its declaration stands, with `fields` added."""
    record = {"id": "2000-x", "date": "2000", "kind": kind, "title": "t", "summary": "s", "sources": [SOURCE]}
    return record | asking._required_by_kind(kind) | fields


def rule_messages(record: dict) -> list[tuple[tuple, str]]:
    return [(path, message) for path, message, *_ in event_checks(Event.model_validate(record), set(), TODAY)]


def schema_errors(record: dict) -> list[tuple[tuple, str]]:
    """The schema's errors, each at its path below the event."""
    schema = json.loads(schema_text(EventsFile))
    errors = jsonschema.Draft202012Validator(schema).iter_errors({"events": [record]})
    return [(tuple(e.absolute_path)[2:], e.message) for e in errors]


def questions(kind: str, dataset) -> list[str]:
    """The fields `lipsteeth new event` asks of this kind, at a terminal, every optional one left empty."""
    asked: list[str] = []
    answers = {
        "date": "2000",
        "title": "T",
        "summary": "S",
        "source-url": "https://example.org/a",
        "source-publisher": "P",
        "source-title": "T",
    }

    def ask(prompt: str) -> str:
        name = prompt.strip().split(":")[0]
        asked.append(name)
        if name in answers:
            return answers[name]
        return "1" if "Required" in prompt else ""

    asking.ask_event({"kind": kind}, dataset, TODAY, ask, say=lambda _: None)
    return asked


def declare_only_for(monkeypatch, field: str, kind: str) -> None:
    """Declare `field` as one only `kind` may have (and `new` asks it of that kind only)."""
    for declared in KINDS_OF_EVENT:
        fields = tuple(f for f in declared.fields if f != field) + ((field,) if declared.id == kind else ())
        asks = tuple(f for f in declared.asks if f != field)
        monkeypatch.setitem(KIND_OF, declared.id, dataclasses.replace(declared, fields=fields, asks=asks))


def declare_required(monkeypatch, field: str, kind: str) -> None:
    """Declare `field` as one `kind` requires (and only that kind may have)."""
    declare_only_for(monkeypatch, field, kind)
    monkeypatch.setitem(KIND_OF, kind, dataclasses.replace(KIND_OF[kind], required=(*KIND_OF[kind].required, field)))


@pytest.mark.parametrize("kind", KINDS)
def test_a_field_declared_for_one_kind_is_refused_on_the_others_and_asked_only_of_it(kind, monkeypatch, mini):
    """'outcome' declared for this kind alone: the rules and the schema refuse it on every other
    kind, accept it on this one, and `new` asks it of this kind and of no other."""
    dataset = dataset_of(mini)  # read before the declarations change: the fixture has a launch's outcome
    declare_only_for(monkeypatch, "outcome", kind)
    for other in KINDS:
        record = event_of(other, outcome="success")
        rules = rule_messages(record)
        schema = schema_errors(record)
        if other == kind:
            assert (rules, schema) == ([], [])
        else:
            assert rules == [(("outcome",), f"only for {kind} events; this event's kind is '{other}'")]
            assert schema == [(("outcome",), "'success' is not of type 'null'")]
    assert "outcome" in questions(kind, dataset)
    assert "outcome" not in questions(next(k for k in KINDS if k != kind), dataset)


@pytest.mark.parametrize("kind", KINDS)
def test_a_field_a_kind_requires_is_required_by_the_rules_the_schema_and_new(kind, monkeypatch, mini):
    """'place' declared required for this kind: missing from an event of it, the rules name it and
    the schema wants it; `new` asks for it as required and the field reference says so; an event
    of another kind may leave it out."""
    dataset = dataset_of(mini)
    declare_required(monkeypatch, "place", kind)
    missing = event_of(kind)
    missing.pop("place", None)
    name = KIND_OF[kind].mid_sentence()
    assert ((), f"missing required field 'place' for a {name} (text)") in rule_messages(missing)
    assert ((), "'place' is a required property") in schema_errors(missing)
    assert "place" in required_for_kind(kind)
    plural = KIND_OF[kind].plural
    assert f"| `place` | for {plural if plural[:2].isupper() else plural.lower()} |" in reference_page()
    assert "place" in questions(kind, dataset)
    other = next(k for k in KINDS if k != kind)
    assert [m for _, m in rule_messages(event_of(other)) if "'place'" in m] == []
    assert schema_errors(event_of(other)) == []


def test_each_declaration_names_fields_the_model_has():
    """A typo in a declaration ('out_come') would make a field no kind may have, silently."""
    known = {field_name(name, field) for name, field in Event.model_fields.items()}
    for declared in KINDS_OF_EVENT:
        named = {*declared.fields, *declared.required, *declared.asks, *dict(declared.values), *dict(declared.hints)}
        assert named <= known, declared.id
        assert set(declared.required) | set(dict(declared.values)) <= set(declared.fields), declared.id


def test_no_kind_asks_what_it_may_not_have():
    """`new` never asks a field whose answer `check` would then refuse."""
    for declared in KINDS_OF_EVENT:
        others = {f for k in KINDS_OF_EVENT for f in k.fields} - set(declared.fields)
        assert others & set(declared.asks) == set(), declared.id

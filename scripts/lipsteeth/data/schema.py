"""JSON Schemas for editors, generated from the data model (never maintained by hand).

Each data file names its schema in a `# yaml-language-server: $schema=...` line, so editors
such as VS Code autocomplete fields and underline mistakes while typing. The schemas carry what a
schema can say of `check`'s rules: calendar-valid dates, length limits, the known person ids, the
fields each kind of event needs or may not have. What it cannot say (an end before the start,
duplicate ids across files, date order, verbatim quotes) only `check` finds; the contributing
guide lists it. A test checks that the committed files match what the model and people.yaml give.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel

from ..atomic import write_atomically
from .files import PEOPLE_FILE
from .load import load_file
from .model import (
    EVENT_FIELDS,
    KIND_OF,
    ArticleFile,
    ClaimsFile,
    EventsFile,
    PeopleFile,
    SeriesFile,
    kind_only_fields,
)

SCHEMAS: dict[str, type[BaseModel]] = {
    "article.schema.json": ArticleFile,
    "people.schema.json": PeopleFile,
    "claims.schema.json": ClaimsFile,
    "events.schema.json": EventsFile,
    "series.schema.json": SeriesFile,
}


def schema_text(model: type[BaseModel], person_ids: Iterable[str] = ()) -> str:
    schema = model.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    definitions = schema.get("$defs", {})
    if "Event" in definitions:
        definitions["Event"]["allOf"] = kind_rules()
    ids = sorted(set(person_ids))
    if ids:
        for name in ("Event", "CountCheck"):
            if name in definitions:
                definitions[name]["properties"]["people"]["items"]["enum"] = ids
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def kind_rules() -> list[dict]:
    """What `check`'s rules require of each kind, as if/then, read off the kinds' declarations: a
    visit names its countries (China or North Korea), its purpose and level; a field only some kinds
    may have is refused on the others; a border closure has an end."""

    def kind_is(*kinds: str) -> dict:
        return {"properties": {"kind": {"enum": list(kinds)}}, "required": ["kind"]}

    rules = []
    for kind in KIND_OF.values():
        then: dict = {}
        if kind.required:
            then["required"] = list(kind.required)
        if kind.values:
            then["properties"] = {name: {"enum": list(values)} for name, values in kind.values}
        if then:
            rules.append({"if": kind_is(kind.id), "then": then})
    rules.append(
        {"if": {"properties": {"border_closed": {"const": True}}, "required": ["border_closed"]}, "then": {"required": ["end"]}}
    )
    for field, kinds in kind_only_fields().items():
        # check lets an empty value through (`secret: false`), so the schema does too. errorMessage is
        # the message VS Code's YAML extension shows instead of its generic one.
        absent = {"const": False} if EVENT_FIELDS[field].annotation is bool else {"type": "null"}
        absent["errorMessage"] = f"only {' or '.join(kinds)} events have '{field}'"
        rules.append({"if": kind_is(*kinds), "else": {"properties": {field: absent}}})
    return rules


def person_ids(data_dir: Path) -> list[str]:
    """The ids in people.yaml, as far as it can be read (a broken file gives the ids before the break,
    or none: the schema then leaves person ids open rather than refuse them all)."""
    document, _ = load_file(data_dir / PEOPLE_FILE, data_dir.parent)
    people = document.data.get("people") if isinstance(document.data, dict) else None
    return [p["id"] for p in people or () if isinstance(p, dict) and isinstance(p.get("id"), str)]


def write_schemas(folder: Path, ids: Iterable[str] = ()) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    ids = list(ids)
    written = []
    for name, model in SCHEMAS.items():
        path = folder / name
        write_atomically(path, schema_text(model, ids).encode("utf-8"))
        written.append(path)
    return written

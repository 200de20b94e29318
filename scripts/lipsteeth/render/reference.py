"""The field reference page, generated from the data model so it can never drift from it.

Its sections are read off the editors' schemas (data.schema.SCHEMAS): every record a data file
can hold, found by walking each file's model down its fields, so a new model is documented the
day it is used, with where it sits and what its docstring says.
"""

from __future__ import annotations

import functools
import json
import re
import types
import typing
from typing import Annotated, Any

from pydantic import BaseModel

from ..data.files import ARTICLE_FILE, CLAIMS_FILE, EVENTS_DIR, PEOPLE_FILE, SERIES_DIR
from ..data.model import KIND_OF, Event, accepts, field_name, lowercase_first
from ..data.schema import SCHEMAS
from .markup import front_matter, text

# Words a class name abbreviates, spelt out in a heading: ArticleRef -> 'Article reference'.
SPELT_OUT = {"ref": "reference"}


def reference_page() -> str:
    lines = [
        front_matter(
            description="Every field of the Lips and Teeth data files: what it means, whether it is required, and an example."
        ),
        "# Field reference",
        "",
        "Generated from the data model at every build, so it always matches what `lipsteeth check` accepts.",
        "",
    ]
    for model, places in documented_models().items():
        lines += [
            f"## {heading(model)}",
            "",
            _intro(model, places),
            "",
            "| Field | Required | Accepts | Meaning | Example |",
            "| --- | --- | --- | --- | --- |",
        ]
        properties = _schema_properties(model)
        for name, field in model.model_fields.items():
            key = field_name(name, field)
            prop = properties.get(key, {})
            required = _required(model, key, field)
            example = prop.get("examples", field.examples or [""])[0] if (prop.get("examples") or field.examples) else ""
            lines.append(
                f"| `{key}` | {required} | {text(accepts(field))} | {text(field.description or '')} | {_code(example)} |"
            )
        lines.append("")
    return "\n".join(lines)


@functools.cache
def _schema_properties(model: type[BaseModel]) -> dict[str, dict]:
    """The fields of the model's JSON Schema (by the names the files use), made once per process:
    making them was nine tenths of this page's cost, at every build, and a model never changes."""
    return model.model_json_schema(by_alias=True)["properties"]


# Where a record sits: (the model holding it, or the data file's name; the field; a list of them?; the tag that selects it).
Place = tuple[type[BaseModel] | str, str, bool, str | None]


def documented_models() -> dict[type[BaseModel], list[Place]]:
    """Every record the data files can hold, in the order of the schemas and of their fields (each
    where it is first met), with every place it sits. A file's own wrapper (EventsFile) is left
    out: its one field is the list the file holds."""
    found: dict[type[BaseModel], list[Place]] = {}
    for schema_name, file_model in SCHEMAS.items():
        where = data_file(schema_name)
        for name, field in file_model.model_fields.items():
            for model, many, tag in _held(field.annotation):
                _walk(model, (where, field_name(name, field), many, tag), found)
    return found


def _walk(model: type[BaseModel], place: Place, found: dict) -> None:
    if model in found:
        found[model].append(place)
        return
    found[model] = [place]
    for name, field in model.model_fields.items():
        for held, many, tag in _held(field.annotation):
            _walk(held, (model, field_name(name, field), many, tag), found)


def _held(annotation: Any, many: bool = False) -> list[tuple[type[BaseModel], bool, str | None]]:
    """The models a field's type holds, whether in a list, and the `check` tag that picks each from a union."""
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        return _held(typing.get_args(annotation)[0], many)
    if origin is tuple:
        return _held(typing.get_args(annotation)[0], True)
    if origin in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        found = [held for member in members for held in _held(member, many)]
        return [(model, many, _tag(model) if len(members) > 1 else None) for model, many, _ in found]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [(annotation, many, None)]
    return []


def _tag(model: type[BaseModel]) -> str | None:
    """The value of `check` that selects this kind of assertion ('date'), if it has one."""
    field = model.model_fields.get("check")
    return typing.get_args(field.annotation)[0] if field is not None else None


def data_file(schema_name: str) -> str:
    """Where the records a schema describes are written: 'data/people.yaml', or a folder's files, 'data/events/*.yaml'."""
    stem = schema_name.split(".")[0]
    files = {name.split(".")[0]: name for name in (ARTICLE_FILE, PEOPLE_FILE, CLAIMS_FILE)}
    folders = {EVENTS_DIR, SERIES_DIR}
    return f"data/{files[stem]}" if stem in files else f"data/{stem}/*.yaml" if stem in folders else f"data/{stem}"


def heading(model: type[BaseModel]) -> str:
    """'DateCheck' -> 'Date check'; 'ArticleRef' -> 'Article reference'."""
    words = [SPELT_OUT.get(w.lower(), w.lower()) for w in re.findall(r"[A-Z][a-z]*", model.__name__)]
    return " ".join(words)[:1].upper() + " ".join(words)[1:]


def _intro(model: type[BaseModel], places: list[Place]) -> str:
    """Where the record sits, then what its docstring says of it."""
    where = _where(places)
    about = " ".join((model.__doc__ or "").split()) if "__doc__" in vars(model) else ""
    return f"{where} {about}".strip()


def _where(places: list[Place]) -> str:
    """'One entry under `events:` in `data/events/*.yaml`.', 'Each item of an event's `sources`.',
    'Each item of the `sources` of an event, a postponement, a person or an observation.'"""
    owner, key, many, tag = places[0]
    selected = f" whose `check` is `{tag}`" if tag else ""
    if isinstance(owner, str):
        return f"One entry under `{key}:` in `{owner}`{selected}." if many else f"The `{key}:` record in `{owner}`{selected}."
    owners = [_a(heading(o).lower()) for o, k, _, _ in places if k == key and not isinstance(o, str)]
    if len(owners) == 1:
        head = "Each item of" if many else ""
        return _sentence(f"{head} {_possessive(owners[0])} `{key}`{selected}.")
    listed = ", ".join(owners[:-1]) + f" or {owners[-1]}"
    return _sentence(f"{'Each item of' if many else ''} the `{key}` of {listed}{selected}.")


def _a(noun: str) -> str:
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def _possessive(noun: str) -> str:
    return f"{noun}'" if noun.endswith("s") else f"{noun}'s"


def _sentence(words: str) -> str:
    words = words.strip()
    return words[:1].upper() + words[1:]


def _required(model: type[BaseModel], key: str, field) -> str:
    """'yes', 'no', or the kinds of event that require a field the model leaves optional: 'for visits'."""
    if field.is_required():
        return "yes"
    kinds = [kind.plural for kind in KIND_OF.values() if key in kind.required] if model is Event else []
    return "for " + " and ".join(map(lowercase_first, kinds)) if kinds else "no"


def _code(example: object) -> str:
    if example in ("", None):
        return ""
    shown = example if isinstance(example, str) else json.dumps(example, ensure_ascii=False)
    return f"<code>{text(shown)}</code>"

"""Shape validation: run the pydantic models over loaded records and turn their errors into
located, plain-language problems ("what is wrong, what was expected, did you mean")."""

from __future__ import annotations

import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import PathKey, Problem, did_you_mean, quoted
from .load import Document
from .model import ASSERTION_TAGS

_TYPE_NAMES = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "finite_number": "a finite number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "tuple_type": "a list",
    "list_type": "a list",
    "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
    "dict_type": "a mapping of fields",
}


# A record with hundreds of unknown fields gets its first problems listed, not one line each: what a
# file may cost to report is bounded like what it may cost to read.
MAX_PER_RECORD = 25


def validate_records(doc: Document, key: str, model: type[BaseModel]) -> tuple[list, list[Problem]]:
    """Validate each record under top-level `key` separately, so one bad record hides nothing else."""
    if not isinstance(doc.data, dict) or key not in doc.data:
        found = f"got {show(doc.data)}" if not isinstance(doc.data, dict) else f"got keys {sorted(doc.data)}"
        return [], [doc.problem(None, f"expected a mapping with the key '{key}:' at the top, {found}", at=())]
    problems = [
        doc.problem((k,), f"unknown top-level key; expected only '{key}'", key=True, value=k) for k in doc.data if k != key
    ]
    items = doc.data[key]
    if not isinstance(items, list):
        return [], problems + [doc.problem((key,), f"expected a list of records, got {show(items)}", value=items)]
    records = []
    for index, item in enumerate(items):
        record, found = validate_one(doc, (key, index), item, model)
        problems += found
        if record is not None:
            records.append((index, record))
    return records, problems


def validate_one(doc: Document, path: PathKey, raw: Any, model: type[BaseModel]) -> tuple[Any, list[Problem]]:
    try:
        return model.model_validate(raw), []
    except ValidationError as exc:
        errors = exc.errors()
        # An item that failed inside a list also makes pydantic call the list too short; the item's
        # own error is the one worth reading.
        failed_inside = {e["loc"][:i] for e in errors for i in range(len(e["loc"]))}
        errors = [e for e in errors if not (e["type"] == "too_short" and e["loc"] in failed_inside)]
        problems = [_problem(doc, path, raw, model, error) for error in errors[:MAX_PER_RECORD]]
        if len(errors) > MAX_PER_RECORD:
            more = len(errors) - MAX_PER_RECORD
            problems.append(doc.problem(path, f"… and {more:,} more problems in this entry; fix these first"))
        return None, problems


def _problem(doc: Document, base: PathKey, raw: Any, model: type[BaseModel], error: dict) -> Problem:
    """One of pydantic's errors as a located problem that says what was expected and what was found."""
    rel = _data_path(raw, error["loc"])
    path = base + rel
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx", {})
    if kind == "missing":
        return doc.problem(path[:-1], f"missing required field '{path[-1]}'")
    if kind == "extra_forbidden":
        allowed = _fields_at(model, error["loc"][:-1])  # pydantic's loc names the assertion's kind
        hint = _suggestion(doc, str(path[-1]), allowed)
        return doc.problem(
            path[:-1],
            f"unknown field '{path[-1]}'; expected one of: {', '.join(allowed)}{hint}",
            at=path,
            key=True,
            value=path[-1],
        )
    if kind == "literal_error":
        options = re.findall(r"'([^']*)'", ctx.get("expected", ""))
        message = f"expected one of: {', '.join(options)}, got {show(value)}{_suggestion(doc, str(value), options)}"
        return doc.problem(path, message, value=value)
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        # the only tagged union is the assertions'; with the tag missing pydantic names no options
        options = re.findall(r"'([^']*)'", ctx.get("expected_tags", "")) or list(ASSERTION_TAGS)
        tag = ctx.get("tag", value)
        found = show(tag) if kind == "union_tag_invalid" else "nothing"
        return doc.problem(path + ("check",), f"expected one of: {', '.join(options)}, got {found}", at=path, value=tag)
    if kind == "value_error":
        return doc.problem(path, str(ctx.get("error", error["msg"])), value=value)
    if kind in _TYPE_NAMES:
        return doc.problem(path, f"expected {_TYPE_NAMES[kind]}, got {show(value)}", value=value)
    if kind == "too_short":
        return doc.problem(path, f"expected at least {ctx.get('min_length')} item(s), got none", value=value)
    if kind == "too_long":
        count = len(value) if isinstance(value, (list, tuple)) else ctx.get("actual_length")
        return doc.problem(path, f"a list of {count:,} items; it holds at most {ctx.get('max_length')}", value=None)
    if kind == "greater_than_equal":  # the model's only bounds are `ge`; a float field's 0.0 reads as 0
        bound = ctx["ge"]
        return doc.problem(path, f"expected a number of at least {bound:g}, got {show(value)}", value=value)
    return doc.problem(path, f"{error['msg']}, got {show(value)}", value=value)


def _data_path(raw: Any, loc: tuple) -> PathKey:
    """Pydantic's loc names union members too ('assertions', 0, 'timing', 'event'); keep only the
    steps that exist in the data, so positions and messages follow what the editor wrote."""
    path, current = [], raw
    for step in loc:
        if (
            isinstance(current, dict)
            and step in current
            or isinstance(current, list)
            and isinstance(step, int)
            and step < len(current)
        ):
            path.append(step)
            current = current[step]
        elif isinstance(current, dict) and isinstance(step, str) and step not in ASSERTION_TAGS:
            path.append(step)  # a missing or unknown field: name it, there is nothing deeper
            current = None
    return tuple(path)


def _fields_at(model: type[BaseModel], rel: PathKey) -> list[str]:
    """The field names (as editors write them) of the model found at `rel` below `model`; a step
    that names a kind of assertion ('timing') picks that member of the union."""
    current: Any = model
    for step in rel:
        if isinstance(step, int):
            continue
        member = _union_member(current, step)
        if member is not None:
            current = member
            continue
        target = _as_model(current)
        if target is None:
            return []
        field = next((f for n, f in target.model_fields.items() if (f.alias or n) == step), None)
        if field is None:
            return []
        current = field.annotation
    target = _as_model(current)
    return [f.alias or n for n, f in target.model_fields.items()] if target else []


def _union_member(annotation: Any, tag: Any) -> type[BaseModel] | None:
    """The model in `annotation` whose `check` is `tag`, if `annotation` holds such a union."""
    if not isinstance(tag, str) or tag not in ASSERTION_TAGS:
        return None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        check = annotation.model_fields.get("check")
        return annotation if check is not None and tag in typing.get_args(check.annotation) else None
    for arg in typing.get_args(annotation):
        found = _union_member(arg, tag)
        if found:
            return found
    return None


def _as_model(annotation: Any) -> type[BaseModel] | None:
    """Unwrap Optional[...], tuple[...] and Annotated[...] down to a model class."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _as_model(arg) if arg is not type(None) and arg is not Ellipsis else None
        if found:
            return found
    if isinstance(annotation, types.UnionType):
        return None
    return None


def _suggestion(doc: Document, word: str, options: list[str]) -> str:
    """did_you_mean, for the first problems of a file only; the message lists the options anyway."""
    if doc.suggestions_left <= 0:
        return ""
    doc.suggestions_left -= 1
    return did_you_mean(word, options)


def show(value: Any) -> str:
    if isinstance(value, str):
        return quoted(value)
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):  # before int: a bool is an int to Python, not to an editor
        return f"{str(value).lower()} (a true/false value)"
    if isinstance(value, int):
        return f"{value} (a whole number)"
    if isinstance(value, float):
        return f"{value!r} (a number with a decimal point)"
    name = type(value).__name__
    return f"{value!r} ({'an' if name[0] in 'aeiou' else 'a'} {name})"

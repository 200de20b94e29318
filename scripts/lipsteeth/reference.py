"""The field reference page, generated from the data model so it can never drift from it."""

from __future__ import annotations

import json

from pydantic import BaseModel

from .markup import front_matter, text
from .model import ArticleRef, BetweenCheck, Claim, CountCheck, DateCheck, Event, Names, Person, Role, Source, TimingCheck

REFERENCE_PATH = "contributing/fields.md"
SECTIONS: tuple[tuple[str, type[BaseModel], str], ...] = (
    ("Event", Event, "One entry under `events:` in a file of `data/events/`."),
    ("Source", Source, "Each item of an event's `sources`."),
    ("Article reference", ArticleRef, "An event's `article`: where the article mentions it."),
    ("Person", Person, "One entry under `people:` in `data/people.yaml`."),
    ("Names", Names, "A person's `names` in native scripts."),
    ("Role", Role, "Each item of a person's `roles`."),
    ("Claim", Claim, "One entry under `claims:` in `data/claims.yaml`."),
    ("Date check", DateCheck, "An assertion: the event happened in the period."),
    (
        "Timing check",
        TimingCheck,
        "An assertion: the event came less than / about / more than a duration after or before another.",
    ),
    ("Between check", BetweenCheck, "An assertion: the event came after one event and before another."),
    ("Count check", CountCheck, "An assertion: so many matching events in a period."),
)


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
    for title, model, intro in SECTIONS:
        lines += [
            f"## {title}",
            "",
            intro,
            "",
            "| Field | Required | Accepts | Meaning | Example |",
            "| --- | --- | --- | --- | --- |",
        ]
        schema = model.model_json_schema(by_alias=True)
        for name, field in model.model_fields.items():
            key = field.alias or name
            prop = schema["properties"].get(key, {})
            required = "yes" if field.is_required() else "no"
            example = prop.get("examples", field.examples or [""])[0] if (prop.get("examples") or field.examples) else ""
            lines.append(
                f"| `{key}` | {required} | {text(_accepts(prop, schema))} | {text(field.description or '')} | {_code(example)} |"
            )
        lines.append("")
    return "\n".join(lines)


def _accepts(prop: dict, schema: dict) -> str:
    """A short, readable type: 'text', 'one of: a, b', 'list of Source', 'YYYY, YYYY-MM or YYYY-MM-DD'."""
    if "$ref" in prop:
        return prop["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in prop:
        options = [_accepts(p, schema) for p in prop["anyOf"] if p.get("type") != "null"]
        return " or ".join(options)
    if "enum" in prop:
        return "one of: " + ", ".join(map(str, prop["enum"]))
    if "const" in prop:
        return f"'{prop['const']}'"
    if "YYYY" in prop.get("description", "") or isinstance(prop.get("type"), list):
        return "date: YYYY, YYYY-MM or YYYY-MM-DD"
    kind = prop.get("type")
    if kind == "array":
        return f"list of {_accepts(prop.get('items', {}), schema)}"
    if "pattern" in prop and prop["pattern"].startswith("^[a-z0-9]"):
        return "id (lowercase-with-hyphens)"
    if "pattern" in prop and prop["pattern"].startswith("^https?"):
        return "http(s) address"
    return {"string": "text", "integer": "whole number", "boolean": "true or false"}.get(
        kind, "text" if kind is None else str(kind)
    )


def _code(example: object) -> str:
    if example in ("", None):
        return ""
    shown = example if isinstance(example, str) else json.dumps(example, ensure_ascii=False)
    return f"<code>{text(shown)}</code>"

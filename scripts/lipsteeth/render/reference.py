"""The field reference page, generated from the data model so it can never drift from it."""

from __future__ import annotations

import json

from pydantic import BaseModel

from ..data.model import (
    ArticleRef,
    BetweenCheck,
    Claim,
    CountCheck,
    DateCheck,
    Event,
    Names,
    Person,
    Postponement,
    Role,
    Source,
    TimingCheck,
    accepts,
    field_name,
)
from .markup import front_matter, text

SECTIONS: tuple[tuple[str, type[BaseModel], str], ...] = (
    ("Event", Event, "One entry under `events:` in a file of `data/events/`."),
    ("Source", Source, "Each item of an event's `sources`."),
    (
        "Postponement",
        Postponement,
        "A visit's `postponed`: the visit was put off before it took place; the visit's own `date` is when it finally did.",
    ),
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
            key = field_name(name, field)
            prop = schema["properties"].get(key, {})
            required = "yes" if field.is_required() else "no"
            example = prop.get("examples", field.examples or [""])[0] if (prop.get("examples") or field.examples) else ""
            lines.append(
                f"| `{key}` | {required} | {text(accepts(field))} | {text(field.description or '')} | {_code(example)} |"
            )
        lines.append("")
    return "\n".join(lines)


def _code(example: object) -> str:
    if example in ("", None):
        return ""
    shown = example if isinstance(example, str) else json.dumps(example, ensure_ascii=False)
    return f"<code>{text(shown)}</code>"

"""JSON Schemas for editors, generated from the data model (never maintained by hand).

Each data file names its schema in a `# yaml-language-server: $schema=...` line, so editors
such as VS Code autocomplete fields and underline mistakes while typing. A test checks that
the committed files match what the model generates.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from ..atomic import write_atomically
from .model import ArticleFile, ClaimsFile, EventsFile, PeopleFile, SeriesFile

SCHEMAS: dict[str, type[BaseModel]] = {
    "article.schema.json": ArticleFile,
    "people.schema.json": PeopleFile,
    "claims.schema.json": ClaimsFile,
    "events.schema.json": EventsFile,
    "series.schema.json": SeriesFile,
}


def schema_text(model: type[BaseModel]) -> str:
    schema = model.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMAS.items():
        path = folder / name
        write_atomically(path, schema_text(model).encode("utf-8"))
        written.append(path)
    return written

"""The editors' JSON Schemas: generated from the model, up to date, and accepting the real data."""

from __future__ import annotations

import jsonschema
import yaml

from lipsteeth.data.schema import SCHEMAS, schema_text

from .conftest import ROOT

SCHEMA_DIR = ROOT / "data" / "schemas"
FILES = {
    "article.schema.json": ["article.yaml"],
    "people.schema.json": ["people.yaml"],
    "claims.schema.json": ["claims.yaml"],
    "events.schema.json": sorted(p.relative_to(ROOT / "data").as_posix() for p in (ROOT / "data" / "events").glob("*.yaml")),
}


class TestSchemas:
    def test_committed_schemas_match_the_model(self):
        """Run `lipsteeth schema` after changing the model; this fails until you do."""
        stale = [name for name, model in SCHEMAS.items() if (SCHEMA_DIR / name).read_text(encoding="utf-8") != schema_text(model)]
        assert stale == []

    def test_real_data_is_valid_against_the_schemas(self):
        """What the validator accepts, the editor's schema accepts too."""
        for schema_name, files in FILES.items():
            schema = yaml.safe_load((SCHEMA_DIR / schema_name).read_text())
            for name in files:
                data = yaml.safe_load((ROOT / "data" / name).read_text())
                jsonschema.validate(_stringify_dates(data), schema)

    def test_every_data_file_names_its_schema(self):
        """The yaml-language-server line is how editors find the schema."""
        missing = []
        for schema_name, files in FILES.items():
            for name in files:
                first = (ROOT / "data" / name).read_text().splitlines()[0]
                if not (first.startswith("# yaml-language-server: $schema=") and first.endswith(f"schemas/{schema_name}")):
                    missing.append(name)
        assert missing == []

    def test_schema_rejects_an_unknown_kind(self):
        """The schema is closed: a wrong kind is underlined in the editor."""
        schema = yaml.safe_load((SCHEMA_DIR / "events.schema.json").read_text())
        event = {
            "id": "x",
            "date": "2000",
            "kind": "bomb",
            "title": "t",
            "summary": "s",
            "sources": [{"url": "https://a.b/", "publisher": "p", "title": "t"}],
        }
        errors = list(jsonschema.Draft202012Validator(schema).iter_errors({"events": [event]}))
        assert [e.validator for e in errors] == ["enum"]


def _stringify_dates(value):
    """PyYAML's safe loader reads unquoted dates as dates; editors' YAML servers treat them as strings."""
    import datetime

    if isinstance(value, dict):
        return {k: _stringify_dates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_stringify_dates(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value

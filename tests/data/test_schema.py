"""The editors' JSON Schemas: generated from the model, up to date, and accepting the real data."""

from __future__ import annotations

import jsonschema
import yaml

from lipsteeth.data.dates import CALENDAR_PATTERN, PartialDate
from lipsteeth.data.schema import SCHEMAS, person_ids, schema_text, write_schemas

from ..conftest import ROOT

SCHEMA_DIR = ROOT / "data" / "schemas"
FILES = {
    "article.schema.json": ["article.yaml"],
    "people.schema.json": ["people.yaml"],
    "claims.schema.json": ["claims.yaml"],
    "events.schema.json": sorted(p.relative_to(ROOT / "data").as_posix() for p in (ROOT / "data" / "events").glob("*.yaml")),
}


class TestSchemas:
    def test_committed_schemas_match_the_model(self):
        """Run `lipsteeth schema` after changing the model or adding a person by hand; this fails until you do."""
        ids = person_ids(ROOT / "data")
        stale = [
            name for name, model in SCHEMAS.items() if (SCHEMA_DIR / name).read_text(encoding="utf-8") != schema_text(model, ids)
        ]
        assert stale == [], "run `make schema` (or .venv/bin/lipsteeth schema) and commit data/schemas/"

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


GOOD_VISIT = {
    "id": "2001-09-jiang-zemin-visits-pyongyang",
    "date": "2001-09-03",
    "end": "2001-09-05",
    "kind": "visit",
    "title": "Jiang Zemin visits Pyongyang",
    "summary": "A visit.",
    "people": ["jiang-zemin", "kim-jong-il"],
    "from": "CN",
    "to": "KP",
    "purpose": "summit",
    "level": "leader",
    "sources": [{"url": "https://example.org/a", "publisher": "p", "title": "t"}],
}


def schema_errors(event: dict) -> list[str]:
    """What an editor would see underlined: the schema's errors for one event, as 'field: keyword'."""
    schema = yaml.safe_load((SCHEMA_DIR / "events.schema.json").read_text())
    errors = jsonschema.Draft202012Validator(schema).iter_errors({"events": [event]})
    return sorted(f"{'.'.join(str(p) for p in list(e.absolute_path)[2:])}: {e.validator}" for e in errors)


class TestTheEditorUnderlines:
    """The mistakes `check` rejects that a schema can express, underlined as they are typed."""

    def test_a_correct_visit_is_not_underlined(self):
        assert schema_errors(GOOD_VISIT) == []

    def test_month_13(self):
        assert schema_errors(GOOD_VISIT | {"date": "2001-13"}) == ["date: pattern"]

    def test_30_february(self):
        assert schema_errors(GOOD_VISIT | {"date": "2001-02-30"}) == ["date: pattern"]

    def test_29_february_only_in_a_leap_year(self):
        assert schema_errors(GOOD_VISIT | {"date": "2000-02-29"}) == []
        assert schema_errors(GOOD_VISIT | {"date": "1900-02-29"}) == ["date: pattern"]

    def test_a_year_outside_the_record(self):
        assert schema_errors(GOOD_VISIT | {"date": 1850}) == ["date: minimum"]

    def test_an_unknown_person(self):
        assert schema_errors(GOOD_VISIT | {"people": ["jiang-zeming", "kim-jong-il"]}) == ["people.0: enum"]

    def test_a_visit_without_countries(self):
        event = {k: v for k, v in GOOD_VISIT.items() if k not in ("from", "to")}
        assert schema_errors(event) == [": required", ": required"]  # one for each country

    def test_a_visit_between_other_countries(self):
        assert schema_errors(GOOD_VISIT | {"from": "US"}) == ["from: enum"]

    def test_visit_fields_on_a_nuclear_test(self):
        test = GOOD_VISIT | {"kind": "nuclear-test", "people": []}
        assert schema_errors(test) == ["from: type", "level: type", "purpose: type", "to: type"]

    def test_an_outcome_on_a_visit(self):
        assert schema_errors(GOOD_VISIT | {"outcome": "success"}) == ["outcome: type"]

    def test_a_border_closure_without_an_end(self):
        closure = {k: v for k, v in GOOD_VISIT.items() if k not in ("from", "to", "purpose", "level", "end", "people")}
        assert schema_errors(closure | {"kind": "other", "border_closed": True}) == [": required"]

    def test_a_title_too_long(self):
        assert schema_errors(GOOD_VISIT | {"title": "x" * 121}) == ["title: maxLength"]

    def test_a_source_address_whose_host_is_hidden(self):
        """A user name before '@' sends the link elsewhere: underlined, as `check` refuses it."""
        source = {"url": "https://www.irishtimes.com@evil.example/news", "publisher": "p", "title": "t"}
        assert schema_errors(GOOD_VISIT | {"sources": [source]}) == ["sources.0.url: pattern"]
        source["url"] = "https://www.irishtimes.com:443/news?x=1"
        assert schema_errors(GOOD_VISIT | {"sources": [source]}) == []

    def test_an_end_before_the_start_is_left_to_check(self):
        """JSON Schema cannot compare two fields: the contributing guide lists this among the rules only `check` applies."""
        assert schema_errors(GOOD_VISIT | {"end": "2001-09-01"}) == []
        guide = (ROOT / "docs" / "contributing" / "index.md").read_text(encoding="utf-8")
        assert "an end before the start" in guide


def test_the_schema_s_dates_are_exactly_those_check_accepts():
    """Every year, month and day string from 1899 to 2101 (months 00–13, days 00–32), judged by both."""
    import re

    pattern = re.compile(CALENDAR_PATTERN)
    disagree = []
    for year in range(1899, 2102):
        candidates = [f"{year}"] + [f"{year}-{m:02}" for m in range(14)]
        candidates += [f"{year}-{m:02}-{d:02}" for m in range(14) for d in range(33)]
        for text in candidates:
            try:
                PartialDate.parse(text)
                accepted = True
            except ValueError:
                accepted = False
            if accepted != bool(pattern.match(text)):
                disagree.append(text)
    assert disagree == []


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


class TestPersonIds:
    """The enum of person ids is read from people.yaml as far as it can be: never a crash on a broken file."""

    def test_the_ids_of_well_formed_entries_only(self, mini):
        """An entry without an id, one with a number for an id, and a bare string are skipped."""
        text = mini.file("people.yaml").read_text()
        mini.write("people.yaml", text + "\n  - name: No Id\n  - id: 5\n    name: Five\n  - just a line\n")
        assert person_ids(mini.path) == ["kim-jong-il", "jiang-zemin"]

    def test_a_file_that_is_a_list_gives_none(self, mini):
        mini.write("people.yaml", "- id: kim-jong-il\n")
        assert person_ids(mini.path) == []


def test_write_schemas_makes_its_folder_and_returns_what_it_wrote(tmp_path):
    """A fresh clone's missing folder (and its parent) is created; every schema is written and listed."""
    folder = tmp_path / "data" / "schemas"
    written = write_schemas(folder, ["kim-jong-il"])
    assert written == [folder / name for name in SCHEMAS]
    assert sorted(p.name for p in folder.iterdir()) == sorted(SCHEMAS)
    assert all(path.read_text(encoding="utf-8") == schema_text(SCHEMAS[path.name], ["kim-jong-il"]) for path in written)

"""Downloads: the CSV is safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
import json

from lipsteeth.data.model import Claim, Event, Observation, Person, field_name
from lipsteeth.render.exports import datapackage, events_csv, people_csv

from ..conftest import TEST, VISIT, dataset_of

EV = "events/events.yaml"


def test_cells_a_spreadsheet_would_run_are_quoted(mini):
    """A cell starting with =, +, - or @ is prefixed with a quote so Excel or LibreOffice shows it
    as text instead of running it as a formula (CSV injection); other cells are left alone."""
    mini.replace(EV, "title: First nuclear test", 'title: \'=HYPERLINK("https://example.org","x")\'')
    mini.replace(EV, "summary: North Korea tests a nuclear device.", "summary: '+1 more test'")
    mini.replace(EV, "place: Beijing", "place: '@SUM(1)'")
    mini.replace(EV, "summary: Kim Jong-il meets Jiang Zemin in Beijing.", "summary: '-3 days in Beijing'")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(events_csv(dataset_of(mini))))}
    assert rows[TEST]["title"] == '\'=HYPERLINK("https://example.org","x")'
    assert rows[TEST]["summary"] == "'+1 more test"
    assert rows[VISIT]["place"] == "'@SUM(1)"
    assert rows[VISIT]["summary"] == "'-3 days in Beijing"
    assert rows[VISIT]["title"] == "Kim Jong-il makes a secret visit to Beijing"


def test_a_field_of_one_kind_is_empty_for_the_others(mini):
    """`secret` means something only for visits and `new_sanctions` only for Security Council votes: a
    nuclear test's row leaves both empty, so filtering secret == false returns visits, not tests."""
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(events_csv(dataset_of(mini))))}
    assert (rows[TEST]["secret"], rows[TEST]["new_sanctions"]) == ("", "")
    assert rows[VISIT]["secret"] == "true" and rows[VISIT]["new_sanctions"] == ""


def test_a_list_in_a_cell_reads_back_whole(mini):
    """A '|' in a source title once split that row's sources in two (they were joined with ' | '):
    each list is a JSON array in its cell, so every title, publisher and alias reads back whole,
    whatever it holds, and the columns stay in step."""
    odd = 'Kim | Jiang, "talks" \\ | part 2'
    mini.replace(
        EV,
        "        title: Kim in Beijing\n",
        f"        title: '{odd}'\n      - url: https://example.org/b|c\n        publisher: 'A | B'\n        title: Second\n",
    )
    mini.replace("people.yaml", "aliases: [Kim Jong Il]", "aliases: ['Kim Jong Il | KJI', 'K, J. I.']")
    dataset = dataset_of(mini)
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(events_csv(dataset)))}
    assert json.loads(rows[VISIT]["source_titles"]) == [odd, "Second"]
    assert json.loads(rows[VISIT]["source_publishers"]) == ["Example News", "A | B"]
    assert json.loads(rows[VISIT]["source_urls"]) == ["https://example.org/visit", "https://example.org/b|c"]
    assert json.loads(rows[TEST]["people"]) == []
    people = {row["id"]: row for row in csv.DictReader(io.StringIO(people_csv(dataset)))}
    assert json.loads(people["kim-jong-il"]["aliases"]) == ["Kim Jong Il | KJI", "K, J. I."]


def test_the_data_package_says_how_a_list_is_written(mini):
    """Each list column is typed `array` (a JSON array, as Table Schema defines it) and says so."""
    package = json.loads(datapackage(dataset_of(mini)))
    fields = {(r["name"], f["name"]): f for r in package["resources"] if "schema" in r for f in r["schema"]["fields"]}
    lists = sorted(key for key, field in fields.items() if field["type"] == "array")
    assert lists == [
        ("claims", "events"),
        ("events", "people"),
        ("events", "postponed_source_archives"),
        ("events", "postponed_source_urls"),
        ("events", "source_archives"),
        ("events", "source_publishers"),
        ("events", "source_titles"),
        ("events", "source_urls"),
        ("people", "aliases"),
        ("trade", "derived"),
        ("trade", "source_archives"),
        ("trade", "source_publishers"),
        ("trade", "source_titles"),
        ("trade", "source_urls"),
    ]
    assert all("JSON array" in fields[key]["description"] for key in lists)
    assert not any("' | '" in field["description"] for field in fields.values())


# Each table's columns named as a field of the record a row holds: the model describes them.
DESCRIBED_BY = {
    "events": Event,
    "people": Person,
    "claims": Claim,
    "trade": Observation,
}


def test_a_column_holding_a_field_carries_the_model_s_description(mini):
    """The data package's descriptions are read off the model, never re-written beside it: every
    column named after a field of its table's record carries that field's description, and every
    field a column holds has one."""
    package = json.loads(datapackage(dataset_of(mini)))
    checked = []
    for resource in package["resources"]:
        model = DESCRIBED_BY.get(resource["name"])
        if model is None:
            continue
        fields = {field_name(name, field): field for name, field in model.model_fields.items()}
        for column in resource["schema"]["fields"]:
            if column["name"] in fields:
                meaning = fields[column["name"]].description
                assert meaning and meaning in column["description"], (resource["name"], column["name"])
                checked.append(column["name"])
    assert len(checked) > 30  # the check above is not vacuous: most columns are fields


def test_the_events_csv_follows_an_edit_and_the_kinds_declarations(mini, monkeypatch):
    """Rows are remembered by the event's value: an edited event gets its new row, the others are
    not written again, and a kind's new declaration (which a kind-only column reads) makes new rows."""
    import dataclasses

    from lipsteeth.data.model import KIND_OF
    from lipsteeth.render import exports

    events_csv(dataset_of(mini))
    mini.replace("events/events.yaml", "title: First nuclear test", "title: First underground test")
    before = exports._event_row.cache_info()
    edited = dataset_of(mini)
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(events_csv(edited)))}
    assert rows["2006-10-first-nuclear-test"]["title"] == "First underground test"
    after = exports._event_row.cache_info()
    assert (after.misses - before.misses, after.hits - before.hits) == (1, len(edited.events) - 1)
    assert rows["1998-08-taepodong-1"]["secret"] == ""  # not a question for a launch
    launch = KIND_OF["missile-launch"]
    monkeypatch.setitem(KIND_OF, "missile-launch", dataclasses.replace(launch, fields=(*launch.fields, "secret")))
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(events_csv(edited)))}
    assert rows["1998-08-taepodong-1"]["secret"] == "false"


def test_the_events_json_follows_an_edit(mini):
    """Each event's line is remembered by its value: the edited event's line is written again, and
    the download reads as a fresh one does."""
    from lipsteeth.render import exports

    exports.events_json(dataset_of(mini))
    mini.replace("events/events.yaml", "title: First nuclear test", "title: First underground test")
    before = exports._event_line.cache_info()
    edited = exports.events_json(dataset_of(mini))
    after = exports._event_line.cache_info()
    assert after.misses - before.misses == 1
    records = {r["id"]: r for r in json.loads(edited)}
    assert records["2006-10-first-nuclear-test"]["title"] == "First underground test"
    exports._event_line.cache_clear()
    assert exports.events_json(dataset_of(mini)) == edited

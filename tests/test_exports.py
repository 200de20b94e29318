"""Downloads: the CSV is safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io

from lipsteeth.render.exports import events_csv

from .conftest import TEST, VISIT, dataset_of

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

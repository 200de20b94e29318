"""Loading: where each value sits in the text, the messages for YAML an editor got wrong, the data
folder's layout, and the dataset's indexes.

test_load.py covers hostile files (aliases, tags, links, sizes); this module covers the everyday
mistakes and the lookups that every other message relies on.
"""

from __future__ import annotations

import pytest

from lipsteeth.data import load
from lipsteeth.data.dataset import Dataset
from lipsteeth.data.files import data_files, outside_its_file, relative_name, stray_event_files, years_covered
from lipsteeth.data.load import Document, load_file, load_text

from ..conftest import LAUNCH, TEST, VISIT, dataset_of

EV = "events/events.yaml"
TEXT = "events:\n  - id: a\n    date: 1998-08-31\n    people: [x, y]\n    sources:\n      - url: u\n"


def messages(text: str) -> list[str]:
    """The problems found while reading `text`, as an editor reads them."""
    return [str(p) for p in load_text(text, "data/events/x.yaml")[1]]


class TestPosition:
    @pytest.fixture
    def doc(self) -> Document:
        doc, problems = load_text(TEXT, "data/events/x.yaml")
        assert problems == []
        return doc

    @pytest.mark.parametrize(
        ("path", "expected"),
        [
            ((), (1, 1)),
            (("events",), (2, 3)),
            (("events", 0), (2, 5)),
            (("events", 0, "date"), (3, 11)),
            (("events", 0, "people", 1), (4, 17)),
            (("events", 0, "sources", 0, "url"), (6, 14)),
        ],
    )
    def test_the_value_at_a_path(self, doc, path, expected):
        """Without `key`, a path names the value: a date's position is where the date is written."""
        assert doc.position(path) == expected

    @pytest.mark.parametrize(
        ("path", "expected"),
        [
            (("events", 0, "date"), (3, 5)),
            (("events", 0, "sources", 0, "url"), (6, 9)),
            (("events",), (1, 1)),
        ],
    )
    def test_the_key_at_a_path(self, doc, path, expected):
        """With `key`, the name of the field: where an unknown or misplaced field is written."""
        assert doc.position(path, key=True) == expected

    @pytest.mark.parametrize(
        ("path", "expected"),
        [
            (("nope",), (1, 1)),  # no such key at the top: the document
            (("events", 0, "nope"), (2, 5)),  # no such field: its record
            (("events", 0, "people", 5), (4, 13)),  # past the end of a list: the list
            (("events", "first"), (2, 3)),  # a name where a list has positions: the list
            (("events", 0, "date", 0), (3, 11)),  # below a plain value: the value
        ],
    )
    def test_a_path_that_is_not_there_finds_the_nearest_parent(self, doc, path, expected):
        """A missing field is reported where it should have been written: at what holds it."""
        assert doc.position(path) == expected
        assert doc.position(path, key=True) == expected

    def test_a_document_that_could_not_be_read_is_at_its_start(self):
        """Without a node tree (the file did not parse), every position is the file's start."""
        assert Document("data/x.yaml", None).position(("events", 0, "date")) == (1, 1)

    def test_a_problem_keeps_its_path_and_value(self, doc):
        """The path and value are fields of the problem, not only words in its message."""
        problem = doc.problem(("events", 0, "date"), "expected a day", value="1998-08-31")
        assert (str(problem), problem.path, problem.value) == (
            "data/events/x.yaml:3:11: events[0].date: expected a day",
            ("events", 0, "date"),
            "1998-08-31",
        )

    def test_a_problem_can_point_elsewhere(self, doc):
        """`at` places a problem about one path at another (a missing check, at its assertion)."""
        problem = doc.problem(("events", 0, "check"), "missing", at=("events", 0))
        assert (problem.line, problem.column, problem.path) == (2, 5, ("events", 0, "check"))

    def test_a_problem_about_the_whole_file(self, doc):
        """No path: the message stands alone, at the start of the file."""
        problem = doc.problem(None, "not what was expected")
        assert (str(problem), problem.path) == ("data/events/x.yaml:1:1: not what was expected", None)


class TestSyntaxHints:
    def test_a_tab_on_the_last_line(self):
        """The character at the error is read even on the file's last line."""
        assert messages("events:\n\t- x\n") == [
            "data/events/x.yaml:2:1: YAML syntax error: found character that cannot start any token; indent with spaces: "
            "YAML does not allow tabs"
        ]

    def test_an_error_past_the_last_line(self):
        """A list left open at the end of a file without a final newline is reported after the last line, without failing."""
        assert messages("events: [a, b") == ["data/events/x.yaml:2:1: YAML syntax error: did not find expected ',' or ']'"]

    def test_a_second_document(self):
        """No hint is better than a wrong one: the parser's words stand alone."""
        assert messages("events: []\n---\nevents: []\n") == [
            "data/events/x.yaml:2:1: YAML syntax error: but found another document"
        ]

    def test_a_character_yaml_does_not_allow(self):
        """A bell character in the text is named by its code, at its line and column."""
        assert messages("events: []\nnote: a\x07b\n") == [
            "data/events/x.yaml:2:8: the character U+0007 is not allowed in YAML text; remove it"
        ]

    def test_a_file_of_comments_only(self):
        """Comments are not data."""
        assert messages("# nothing yet\n") == ["data/events/x.yaml:1:1: the file is empty; expected a mapping of data"]


class TestKeys:
    def test_a_duplicate_key_keeps_the_first_and_reads_on(self):
        """The first value is kept (YAML would keep the last), and the keys after it are still read."""
        doc, problems = load_text("place: Beijing\nplace: Shanghai\ntitle: Visit\n", "data/x.yaml")
        assert doc.data == {"place": "Beijing", "title": "Visit"}
        assert [(str(p), p.path) for p in problems] == [
            (
                "data/x.yaml:2:1: place: duplicate key 'place' (first given at line 1); YAML would silently keep only the last one",
                ("place",),
            ),
        ]

    def test_a_key_that_is_a_list(self):
        """A complex key is refused at the key, and the keys after it are still read."""
        doc, problems = load_text("events:\n  - ? [a, b]\n    : c\n    title: Visit\n", "data/x.yaml")
        assert doc.data == {"events": [{"title": "Visit"}]}
        assert [(str(p), p.path) for p in problems] == [
            ("data/x.yaml:2:7: events[0]: a key must be a plain name", ("events", 0)),
        ]

    def test_the_document_keeps_its_data_and_tree(self):
        """A clean text gives its values, and positions come from its own tree."""
        doc, problems = load_text(TEXT, "data/events/x.yaml")
        assert problems == []
        assert doc.file == "data/events/x.yaml"
        assert doc.data == {"events": [{"id": "a", "date": "1998-08-31", "people": ["x", "y"], "sources": [{"url": "u"}]}]}
        assert doc.root is not None and doc.position(("events", 0, "id")) == (2, 9)


class TestLoadFile:
    def test_a_folder_is_refused_by_name(self, mini):
        """The refusal is located at the start of the file it names, and the document holds nothing."""
        folder = mini.path / "events" / "folder.yaml"
        folder.mkdir()
        doc, problems = load_file(folder, mini.path.parent)
        assert (doc.file, doc.data) == ("data/events/folder.yaml", None)
        assert [str(p) for p in problems] == [
            "data/events/folder.yaml:1:1: is not a regular file (a folder, device or pipe); expected a YAML file"
        ]

    def test_a_file_of_exactly_the_limit_is_read(self, mini, monkeypatch):
        """The limit is inclusive."""
        text = "events: []\n"
        mini.write("events/extra.yaml", text)
        monkeypatch.setattr(load, "MAX_FILE_BYTES", len(text))
        doc, problems = load_file(mini.file("events/extra.yaml"), mini.path.parent)
        assert (doc.data, problems) == ({"events": []}, [])

    def test_a_file_that_grew_after_its_size_was_checked(self, mini, monkeypatch):
        """What is read is bounded too: a file that grows between the check and the read is refused."""
        mini.write("events/extra.yaml", "events: []\n# grown\n")
        monkeypatch.setattr(load, "MAX_FILE_BYTES", 11)
        monkeypatch.setattr(load, "not_a_data_file", lambda path: None)
        doc, problems = load_file(mini.file("events/extra.yaml"), mini.path.parent)
        assert doc.data is None
        assert [str(p) for p in problems] == [
            "data/events/extra.yaml:1:1: is 12 bytes; a data file is at most 11 bytes: split it (events files by years)"
        ]


class TestFiles:
    @pytest.mark.parametrize(
        ("name", "expected"),
        [
            ("1998-2011.yaml", (1998, 2011)),
            ("2017-today.yaml", (2017, 9999)),
            ("events.yaml", None),
            ("1998.yaml", None),
            ("1998-2011-extra.yaml", None),
        ],
    )
    def test_years_covered(self, name, expected):
        """Only a name made of two years (or a year and 'today') promises years."""
        assert years_covered(name) == expected

    def test_outside_its_file(self):
        """Both ends are inside; a file without years holds any year."""
        assert [outside_its_file("1998-2011.yaml", y) for y in (1997, 1998, 2011, 2012)] == [True, False, False, True]
        assert outside_its_file("2017-today.yaml", 2100) is False
        assert outside_its_file("events.yaml", 1900) is False

    def test_data_files(self, mini):
        """The fixed files, then the events files in name order; only .yaml files."""
        mini.write("events/2020-today.yaml", "events: []\n")
        mini.write("events/notes.txt", "x\n")
        assert [p.relative_to(mini.path).as_posix() for p in data_files(mini.path)] == [
            "article.yaml",
            "people.yaml",
            "claims.yaml",
            "events/2020-today.yaml",
            "events/events.yaml",
        ]

    def test_data_files_without_an_events_folder(self, tmp_path):
        """No folder, no events files (and no error here: validation reports the folder missing)."""
        assert [p.name for p in data_files(tmp_path)] == ["article.yaml", "people.yaml", "claims.yaml"]

    def test_stray_event_files_without_an_events_folder(self, tmp_path):
        """Nothing to report when there is no folder to look in."""
        assert stray_event_files(tmp_path / "events", tmp_path) == []

    def test_a_stray_folder_is_not_a_stray_file(self, mini):
        """A folder named like a .yml file is not an events file left unread."""
        (mini.path / "events" / "old.yml").mkdir()
        assert stray_event_files(mini.path / "events", mini.path.parent) == []

    def test_relative_name(self, tmp_path):
        """Inside the project, relative and with forward slashes; outside it, the full path."""
        assert relative_name(tmp_path / "data" / "events" / "x.yaml", tmp_path) == "data/events/x.yaml"
        assert relative_name(tmp_path / "x.yaml", tmp_path / "data") == str(tmp_path / "x.yaml")


class TestDataset:
    def test_records_are_ordered_whatever_order_they_come_in(self, mini):
        """Events by date, people by id, claims by paragraph; however they are passed in."""
        built = dataset_of(mini)
        again = Dataset(built.article, built.events[::-1], built.people[::-1], built.claims[::-1])
        assert [e.id for e in again.events] == [LAUNCH, VISIT, TEST]
        assert [p.id for p in again.people] == ["jiang-zemin", "kim-jong-il"]
        assert [c.id for c in again.claims] == ["secret-visit-within-two-years"]

    def test_lookups_by_id(self, mini):
        """Each kind of record is found by its id."""
        data = dataset_of(mini)
        assert data.event_by_id[VISIT].id == VISIT
        assert data.person_by_id["kim-jong-il"].name == "Kim Jong-il"
        assert data.claim_by_id["secret-visit-within-two-years"].paragraph == 1
        assert dict(data.position) == {LAUNCH: 0, VISIT: 1, TEST: 2}

    def test_indexes_by_kind_person_and_year(self, mini):
        """The indexes pages use to stay linear in the number of events."""
        data = dataset_of(mini)
        assert {k: [e.id for e in v] for k, v in data.by_kind.items()} == {
            "missile-launch": [LAUNCH],
            "visit": [VISIT],
            "nuclear-test": [TEST],
        }
        assert dict(data.kind_positions) == {"missile-launch": (0,), "visit": (1,), "nuclear-test": (2,)}
        assert dict(data.position_in_kind) == {LAUNCH: 0, VISIT: 0, TEST: 0}
        assert {k: [e.id for e in v] for k, v in data.by_person.items()} == {"kim-jong-il": [VISIT], "jiang-zemin": [VISIT]}
        assert {k: [e.id for e in v] for k, v in data.by_year.items()} == {1998: [LAUNCH], 2000: [VISIT], 2006: [TEST]}

    def test_a_person_named_twice_is_in_the_event_once(self, mini):
        """by_person lists an event once per person, however often they are named in it."""
        data = dataset_of(mini)
        visit = data.event_by_id[VISIT].model_copy(update={"people": ("kim-jong-il", "jiang-zemin", "kim-jong-il")})
        again = Dataset(data.article, (data.events[0], visit, data.events[2]), data.people, data.claims)
        assert [e.id for e in again.by_person["kim-jong-il"]] == [VISIT]


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        # SYNTAX HINTS
        # A field indented further than its neighbours: the hint is about indentation, not quoting.
        pytest.param(
            (EV, "    kind: missile-launch\n", "     kind: missile-launch\n"),
            [
                "data/events/events.yaml:4:10: YAML syntax error: mapping values are not allowed in this context; "
                "check the indentation of this line: the fields of one entry start in the same column"
            ],
            id="a_key_out_of_place",
        ),
        # The quoting hint is chosen from the line with the error, not the line above ('    sources:'
        # has no value, so reading it would give the indentation hint).
        pytest.param(
            (EV, "      - url: https://example.org/taepodong\n", "      - url: https://example.org: taepodong\n"),
            [
                "data/events/events.yaml:9:33: YAML syntax error: mapping values are not allowed in this context; "
                "a value containing ': ' must be in quotes, like title: \"Kim: the visit\""
            ],
            id="a_colon_in_a_value_under_a_line_without_one",
        ),
        # A field indented less than its entry.
        pytest.param(
            (EV, "    kind: missile-launch\n", "  kind: missile-launch\n"),
            [
                "data/events/events.yaml:4:3: YAML syntax error: did not find expected '-' indicator; check the indentation: "
                "list items start with '- ' and the fields of one entry start in the same column"
            ],
            id="a_list_item_out_of_place",
        ),
        # 'name value' inside an entry.
        pytest.param(
            (EV, "    kind: missile-launch\n", "    kind missile-launch\n"),
            [
                "data/events/events.yaml:4:5: YAML syntax error: could not find expected ':'; a field is written 'name: value', "
                "with a space after the colon"
            ],
            id="a_field_without_its_colon",
        ),
        # Words after a closing quote: the hint asks about quotes and indentation.
        pytest.param(
            (EV, "title: Taepodong-1 flies over Japan", 'title: "Taepodong-1" flies over Japan'),
            [
                "data/events/events.yaml:5:26: YAML syntax error: did not find expected key; check the indentation here and "
                "a few lines above, and that every quote that opens also closes"
            ],
            id="a_quote_that_closes_early",
        ),
    ],
)
def test_one_edit(mini, edit, expected):
    """Each case replaces one piece of a file of the fixture (name, old, new); check reports exactly these problems (none: accepted)."""
    mini.replace(*edit)
    assert mini.problems() == expected

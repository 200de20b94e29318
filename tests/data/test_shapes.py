"""The shape check: each kind of pydantic error, translated into a located, plain-language problem.

Each test breaks the small fixture in one place and asserts the whole message (file, line, column
and text) and the Problem's `path` and `value` fields, which tools read instead of the message.
"""

from __future__ import annotations

import pytest
from pydantic import BaseModel, Field

from lipsteeth.data.load import load_text
from lipsteeth.data.model import Event, field_name
from lipsteeth.data.shape_check import did_you_mean, show, validate_one, validate_records

EV = "events/events.yaml"
# The first event's source, written out so a test can replace it.
FIRST_SOURCE = "      - url: https://example.org/taepodong\n        publisher: Example News\n        title: Rocket over Japan\n"


class TestUnknownField:
    def test_an_unknown_field_lists_the_fields_allowed_there(self, mini):
        """The message lists the fields as editors write them ('from', not 'from_'), in the model's order."""
        mini.replace(EV, "    outcome: partial\n", "    outcome: partial\n    colour: red\n")
        allowed = ", ".join(field_name(name, field) for name, field in Event.model_fields.items())
        assert "from" in allowed.split(", ") and "from_" not in allowed.split(", ")
        assert mini.located() == [
            (
                f"data/events/events.yaml:8:5: events[0]: unknown field 'colour'; expected one of: {allowed}",
                ("events", 0),
                "colour",
            ),
        ]

    def test_only_the_first_hundred_misspellings_of_a_file_get_a_suggestion(self, mini):
        """Each suggestion compares the word with every option: a file of 100,000 misspelt fields spent most of
        its 40 s check on them. The first hundred of a file get one; the rest still list the fields allowed."""
        people = "".join(f"  - id: person-{n}\n    name: P\n    country: KP\n    nmae: P\n" for n in range(101))
        mini.replace("people.yaml", "people:\n", "people:\n" + people)
        hinted = [p for p in mini.problems() if "unknown field 'nmae'" in p]
        assert len(hinted) == 101
        assert all(p.endswith(" (did you mean 'name'?)") for p in hinted[:100])
        assert hinted[100].startswith("data/people.yaml:405:5: people[100]: unknown field 'nmae'; expected one of: id, name")
        assert not hinted[100].endswith(")")


class TestAssertionCheck:
    def test_an_unknown_check(self, mini):
        """The kinds of check are listed; the problem is about `check` but points at the assertion."""
        mini.replace("claims.yaml", "      - check: timing\n        event:", "      - event:")
        mini.replace("claims.yaml", "        less_than: 2 years\n", "        less_than: 2 years\n        check: timeing\n")
        assert mini.located() == [
            (
                "data/claims.yaml:8:9: claims[0].assertions[0].check: expected one of: date, timing, between, count, got 'timeing'",
                ("claims", 0, "assertions", 0, "check"),
                "timeing",
            ),
        ]

    def test_a_missing_check_points_at_the_assertion(self, mini):
        """Without `check` nothing says which kind of assertion it is: the problem is located at the assertion."""
        mini.replace("claims.yaml", "      - check: timing\n        event:", "      - event:")
        ((message, path, _),) = mini.located()
        assert message.startswith("data/claims.yaml:8:9: claims[0].assertions[0].check: expected one of: ")
        assert message.endswith(", got nothing")
        assert path == ("claims", 0, "assertions", 0, "check")

    def test_a_missing_check_lists_the_kinds_of_check(self, mini):
        """An editor who left `check` out needs the list most."""
        mini.replace("claims.yaml", "      - check: timing\n        event:", "      - event:")
        assert [message for message, _, _ in mini.located()] == [
            "data/claims.yaml:8:9: claims[0].assertions[0].check: expected one of: date, timing, between, count, got nothing"
        ]


class TestWrongTypes:
    @pytest.mark.parametrize(
        ("old", "new", "expected", "path", "value"),
        [
            (
                "title: Taepodong-1 flies over Japan",
                "title: [Taepodong-1, flies]",
                "data/events/events.yaml:5:12: events[0].title: expected text, got a list",
                ("events", 0, "title"),
                ["Taepodong-1", "flies"],
            ),
            (
                "title: Taepodong-1 flies over Japan",
                "title: {name: Taepodong-1}",
                "data/events/events.yaml:5:12: events[0].title: expected text, got a mapping",
                ("events", 0, "title"),
                {"name": "Taepodong-1"},
            ),
            (
                "title: Taepodong-1 flies over Japan",
                "title:",
                "data/events/events.yaml:5:11: events[0].title: expected text, got nothing (null)",
                ("events", 0, "title"),
                None,
            ),
            (
                "title: Taepodong-1 flies over Japan",
                "title: 1998",
                "data/events/events.yaml:5:12: events[0].title: expected text, got 1998 (a whole number)",
                ("events", 0, "title"),
                1998,
            ),
        ],
    )
    def test_text(self, mini, old, new, expected, path, value):
        """Each kind of value that is not text is named as an editor would: a list, a mapping, nothing, a number."""
        mini.replace(EV, old, new)
        assert mini.located() == [(expected, path, value)]

    @pytest.mark.parametrize(
        ("new", "expected", "value"),
        [
            ("    paragraph: two", "data/claims.yaml:3:16: claims[0].paragraph: expected a whole number, got 'two'", "two"),
            (
                "    paragraph: 1.5",
                "data/claims.yaml:3:16: claims[0].paragraph: expected a whole number, got 1.5 (a number with a decimal point)",
                1.5,
            ),
            ('    paragraph: "1"', "data/claims.yaml:3:16: claims[0].paragraph: expected a whole number, got '1'", "1"),
        ],
    )
    def test_a_whole_number(self, mini, new, expected, value):
        """A paragraph number must be written as a number: not a word, a fraction or a quoted number."""
        mini.replace("claims.yaml", "    paragraph: 1", new)
        assert mini.located() == [(expected, ("claims", 0, "paragraph"), value)]

    def test_an_assertion_that_is_text(self, mini):
        """An assertion must be a mapping with a `check`, not a sentence."""
        text = mini.file("claims.yaml").read_text(encoding="utf-8")
        mini.write("claims.yaml", text[: text.index("      - check: timing")] + "      - less than two years\n")
        assert mini.located() == [
            (
                "data/claims.yaml:8:9: claims[0].assertions[0]: expected a mapping of fields, got 'less than two years'",
                ("claims", 0, "assertions", 0),
                "less than two years",
            ),
        ]


class TestOtherErrors:
    def test_an_error_with_no_translation_keeps_pydantic_s_words(self):
        """A constraint the data model does not use today still gives a located message, with the value."""

        class Code(BaseModel):
            code: str = Field(max_length=2)

        doc, found = load_text("records:\n  - code: abcd\n", "data/codes.yaml")
        assert found == []
        record, problems = validate_one(doc, ("records", 0), doc.data["records"][0], Code)
        assert record is None
        assert [(str(p), p.path, p.value) for p in problems] == [
            (
                "data/codes.yaml:2:11: records[0].code: String should have at most 2 characters, got 'abcd'",
                ("records", 0, "code"),
                "abcd",
            ),
        ]


class TestTopLevel:
    def test_a_file_that_is_a_list(self, mini):
        """An events file must be a mapping with 'events:' at the top; a bare list is named as such."""
        mini.write("events/extra.yaml", "- id: x\n")
        assert mini.located() == [
            ("data/events/extra.yaml:1:1: expected a mapping with the key 'events:' at the top, got a list", None, None),
        ]

    def test_a_file_that_is_one_value(self, mini):
        """A file holding a single string shows the string."""
        mini.write("events/extra.yaml", "just some text\n")
        assert mini.located() == [
            (
                "data/events/extra.yaml:1:1: expected a mapping with the key 'events:' at the top, got 'just some text'",
                None,
                None,
            ),
        ]

    def test_a_misspelt_top_level_key(self, mini):
        """The keys found are listed, sorted, so a misspelling stands out."""
        mini.write("events/extra.yaml", "notes: x\nevnts: []\n")
        assert mini.located() == [
            (
                "data/events/extra.yaml:1:1: expected a mapping with the key 'events:' at the top, got keys ['evnts', 'notes']",
                None,
                None,
            ),
        ]

    def test_an_extra_top_level_key(self, mini):
        """Beside the expected key, any other is reported at the key, and the records are still checked."""
        mini.write("events/extra.yaml", "events: []\nnotes: x\n")
        assert mini.located() == [
            ("data/events/extra.yaml:2:1: notes: unknown top-level key; expected only 'events'", ("notes",), "notes"),
        ]

    def test_records_that_are_not_a_list(self, mini):
        """The records under the key must be a list; the value found is shown."""
        mini.write("events/extra.yaml", "notes: x\nevents: none yet\n")
        assert mini.located() == [
            ("data/events/extra.yaml:1:1: notes: unknown top-level key; expected only 'events'", ("notes",), "notes"),
            ("data/events/extra.yaml:2:9: events: expected a list of records, got 'none yet'", ("events",), "none yet"),
        ]

    def test_validate_records_returns_the_good_records_with_their_index(self):
        """A bad record is left out, and the good ones keep the index they have in the file."""

        class Item(BaseModel):
            name: str

        doc, _ = load_text("items:\n  - name: a\n  - name: [b]\n  - name: c\n", "data/items.yaml")
        records, problems = validate_records(doc, "items", Item)
        assert [(index, record.name) for index, record in records] == [(0, "a"), (2, "c")]
        assert [str(p) for p in problems] == ["data/items.yaml:3:11: items[1].name: expected text, got a list"]


class TestWords:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("text", "'text'"),
            ({"a": 1}, "a mapping"),
            ([1], "a list"),
            (None, "nothing (null)"),
            (True, "true (a true/false value)"),
            (2.5, "2.5 (a number with a decimal point)"),
        ],
    )
    def test_show(self, value, expected):
        """How a found value is named in a message."""
        assert show(value) == expected

    def test_did_you_mean(self):
        """The single closest option, or nothing at all."""
        assert did_you_mean("plcae", ["place", "people", "title"]) == " (did you mean 'place'?)"
        assert did_you_mean("zzz", ["place", "people"]) == ""


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        # MISSING
        # The field is named; the position and the path are the record's, since the field is not there.
        pytest.param(
            (EV, "    kind: missile-launch\n", ""),
            [
                ("data/events/events.yaml:2:5: events[0]: missing required field 'kind'", ("events", 0), None),
            ],
            id="a_missing_field_points_at_its_record",
        ),
        # A source without its publisher points at that source, not at the event.
        pytest.param(
            (EV, "        publisher: Example News\n", ""),
            [
                (
                    "data/events/events.yaml:9:9: events[0].sources[0]: missing required field 'publisher'",
                    ("events", 0, "sources", 0),
                    None,
                ),
            ],
            id="a_missing_field_of_a_nested_record",
        ),
        # UNKNOWN FIELD
        # A misspelling gets a did-you-mean; the position is the key itself, the value is the key written.
        pytest.param(
            (EV, "        publisher: Example News\n", "        publisher: Example News\n        tilte: Rocket\n"),
            [
                (
                    "data/events/events.yaml:11:9: events[0].sources[0]: unknown field 'tilte'; expected one of: url, "
                    "publisher, title, archive (did you mean 'title'?)",
                    ("events", 0, "sources", 0),
                    "tilte",
                ),
            ],
            id="an_unknown_field_in_a_source_suggests_the_closest",
        ),
        # Nothing close: the message ends with the list, not with an empty or odd hint.
        pytest.param(
            (EV, FIRST_SOURCE, FIRST_SOURCE.replace("        title:", "        zzz: 1\n        title:")),
            [
                (
                    "data/events/events.yaml:11:9: events[0].sources[0]: unknown field 'zzz'; expected one of: url, publisher, title, "
                    "archive",
                    ("events", 0, "sources", 0),
                    "zzz",
                ),
            ],
            id="a_field_unlike_any_other_gets_no_suggestion",
        ),
        # Inside a list of roles, 'form' is close to 'from', the name editors write (the model calls it from_).
        pytest.param(
            ("people.yaml", "        from: 1994-07-08", "        form: 1994-07-08"),
            [
                (
                    "data/people.yaml:11:9: people[0].roles[0]: unknown field 'form'; expected one of: title, from, to, leader "
                    "(did you mean 'from'?)",
                    ("people", 0, "roles", 0),
                    "form",
                ),
            ],
            id="an_unknown_field_in_a_role_offers_the_alias",
        ),
        # The fields listed are those of the nested mapping (a person's names), not of the person.
        pytest.param(
            ("people.yaml", "      hangul: 김정일", "      hangle: 김정일"),
            [
                (
                    "data/people.yaml:5:7: people[0].names: unknown field 'hangle'; expected one of: hangul, hanzi "
                    "(did you mean 'hangul'?)",
                    ("people", 0, "names"),
                    "hangle",
                ),
            ],
            id="an_unknown_field_in_a_mapping_of_a_mapping",
        ),
        # An optional nested record (an event's article reference) lists its own fields.
        pytest.param(
            (
                EV,
                "    outcome: partial\n",
                "    outcome: partial\n    article:\n      paragraph: 1\n      quote: Ties were never broken.\n      page: 3\n",
            ),
            [
                (
                    "data/events/events.yaml:11:7: events[0].article: unknown field 'page'; expected one of: paragraph, quote",
                    ("events", 0, "article"),
                    "page",
                ),
            ],
            id="an_unknown_field_in_an_optional_mapping",
        ),
        # A timing check's fields are those of a timing check, whatever the first kind in the union is.
        pytest.param(
            ("claims.yaml", "        less_than: 2 years", "        lesser_than: 2 years"),
            [
                (
                    "data/claims.yaml:12:9: claims[0].assertions[0]: unknown field 'lesser_than'; expected one of: check, event, "
                    "relation, reference, less_than, about, more_than, tolerance (did you mean 'less_than'?)",
                    ("claims", 0, "assertions", 0),
                    "lesser_than",
                ),
            ],
            id="an_unknown_field_in_an_assertion_lists_that_check_s_fields",
        ),
        # CLOSED VOCABULARIES
        # Every kind is listed, with the closest as a suggestion; the value is what was written.
        pytest.param(
            (EV, "kind: missile-launch", "kind: missile-lanch"),
            [
                (
                    "data/events/events.yaml:4:11: events[0].kind: expected one of: visit, nuclear-test, missile-launch, "
                    "satellite-launch, talks, treaty, un-resolution, leadership, diplomatic, sanctions, other, "
                    "got 'missile-lanch' (did you mean 'missile-launch'?)",
                    ("events", 0, "kind"),
                    "missile-lanch",
                ),
            ],
            id="a_kind_not_in_the_vocabulary",
        ),
        # A value of the wrong type is shown with its type, and nothing is suggested.
        pytest.param(
            (EV, "outcome: partial", "outcome: 5"),
            [
                (
                    "data/events/events.yaml:7:14: events[0].outcome: expected one of: success, failure, partial, disputed, got 5 (a whole number)",
                    ("events", 0, "outcome"),
                    5,
                ),
            ],
            id="an_outcome_that_is_a_number",
        ),
        # Countries are two-letter codes; a name is refused with the list of codes.
        pytest.param(
            ("people.yaml", "country: KP", "country: North Korea"),
            [
                (
                    "data/people.yaml:8:14: people[0].country: expected one of: CN, KP, KR, US, JP, RU, got 'North Korea'",
                    ("people", 0, "country"),
                    "North Korea",
                ),
            ],
            id="a_country_code",
        ),
        # ASSERTION CHECK
        # Pydantic names the kind of check in its location ('timing'); the path keeps only what the editor wrote.
        pytest.param(
            ("claims.yaml", "reference: 1998-08-taepodong-1", "reference: Taepodong"),
            [
                (
                    "data/claims.yaml:11:20: claims[0].assertions[0].reference: expected a URL-safe id of lowercase letters, "
                    "digits and single hyphens (like '2000-05-kim-jong-il-visits-china'), got 'Taepodong'",
                    ("claims", 0, "assertions", 0, "reference"),
                    "Taepodong",
                ),
            ],
            id="an_error_inside_an_assertion_is_at_its_field",
        ),
        # VALUE ERRORS
        # The validator's own words, at the value, with the value.
        pytest.param(
            ("claims.yaml", "id: secret-visit-within-two-years", "id: Secret visit"),
            [
                (
                    "data/claims.yaml:2:9: claims[0].id: expected a URL-safe id of lowercase letters, digits and single "
                    "hyphens (like '2000-05-kim-jong-il-visits-china'), got 'Secret visit'",
                    ("claims", 0, "id"),
                    "Secret visit",
                ),
            ],
            id="a_bad_id_keeps_the_validator_s_message",
        ),
        # A date written as a list says what it got, at the list.
        pytest.param(
            (EV, "date: 1998-08-31", "date: [1998, 8, 31]"),
            [
                (
                    "data/events/events.yaml:3:11: events[0].date: expected YYYY, YYYY-MM or YYYY-MM-DD, got [1998, 8, 31] (a list)",
                    ("events", 0, "date"),
                    [1998, 8, 31],
                ),
            ],
            id="a_date_that_is_a_list",
        ),
        # WRONG TYPES
        # 'maybe' is not a boolean.
        pytest.param(
            ("people.yaml", "        leader: true\n\n", "        leader: maybe\n\n"),
            [
                (
                    "data/people.yaml:13:17: people[0].roles[0].leader: expected true or false, got 'maybe'",
                    ("people", 0, "roles", 0, "leader"),
                    "maybe",
                ),
            ],
            id="true_or_false",
        ),
        # One name where a list of ids is expected.
        pytest.param(
            ("claims.yaml", "events: [2000-05-kim-jong-il-visits-china]", "events: 2000-05-kim-jong-il-visits-china"),
            [
                (
                    "data/claims.yaml:6:13: claims[0].events: expected a list, got '2000-05-kim-jong-il-visits-china'",
                    ("claims", 0, "events"),
                    "2000-05-kim-jong-il-visits-china",
                ),
            ],
            id="a_list",
        ),
        # Names in native scripts are a mapping, not one string.
        pytest.param(
            ("people.yaml", "    names:\n      hanzi: 江泽民\n", "    names: 江泽民\n"),
            [
                (
                    "data/people.yaml:17:12: people[1].names: expected a mapping of fields, got '江泽民'",
                    ("people", 1, "names"),
                    "江泽民",
                ),
            ],
            id="a_mapping_of_fields",
        ),
        # LENGTHS AND BOUNDS
        # At least one source; the value is the empty list.
        pytest.param(
            (EV, "    sources:\n" + FIRST_SOURCE, "    sources: []\n"),
            [
                (
                    "data/events/events.yaml:8:14: events[0].sources: expected at least 1 item(s), got none",
                    ("events", 0, "sources"),
                    [],
                ),
            ],
            id="an_empty_list_of_sources",
        ),
        # Pydantic also calls the list too short when its only item fails; only the item's problem is worth reading.
        pytest.param(
            (EV, "url: https://example.org/taepodong", "url: example.org/taepodong"),
            [
                (
                    "data/events/events.yaml:9:14: events[0].sources[0].url: expected an http:// or https:// address, got 'example.org/taepodong'",
                    ("events", 0, "sources", 0, "url"),
                    "example.org/taepodong",
                ),
            ],
            id="a_bad_source_is_not_also_counted_as_no_source",
        ),
        # Paragraph 0 does not exist; the bound is stated.
        pytest.param(
            ("claims.yaml", "    paragraph: 1", "    paragraph: 0"),
            [
                (
                    "data/claims.yaml:3:16: claims[0].paragraph: expected a number of at least 1, got 0 (a whole number)",
                    ("claims", 0, "paragraph"),
                    0,
                ),
            ],
            id="a_paragraph_number_starts_at_one",
        ),
        # A count check counts from zero.
        pytest.param(
            (
                "claims.yaml",
                "        less_than: 2 years\n",
                "        less_than: 2 years\n      - check: count\n        kind: visit\n        equals: -1\n",
            ),
            [
                (
                    "data/claims.yaml:15:17: claims[0].assertions[1].equals: expected a number of at least 0, got -1 (a whole number)",
                    ("claims", 0, "assertions", 1, "equals"),
                    -1,
                ),
            ],
            id="a_count_is_not_negative",
        ),
    ],
)
def test_one_edit_located(mini, edit, expected):
    """Each case replaces one piece of a file of the fixture (name, old, new); check reports exactly these problems, with each one's path and value."""
    mini.replace(*edit)
    assert mini.located() == expected

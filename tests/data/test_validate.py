"""Each validation rule, on a copy of the small fixture broken in one place.

Every test asserts the whole message: file, line, column and text, as an editor will see it.
"""

from __future__ import annotations

import pytest

from ..conftest import LAUNCH, TEST

EV = "events/events.yaml"


class TestValidFixture:
    def test_the_fixture_is_clean(self, mini):
        """The untouched fixture has no problems, so each test below isolates one rule."""
        assert mini.problems() == []


class TestYamlSyntax:
    def test_common_mistakes_get_a_hint(self, mini):
        """A tab, an unquoted colon, an unclosed quote and a missing space are each located where the
        editor made them, with what to change."""
        cases = {
            ("    kind: missile-launch", "\tkind: missile-launch"): "4:1: YAML syntax error: found a tab character that "
            "violates indentation; indent with spaces: YAML does not allow tabs",
            ("title: Taepodong-1 flies", "title: Taepodong-1: flies"): "5:23: YAML syntax error: mapping values are not "
            "allowed in this context; a value containing ': ' must be in quotes, like title: \"Kim: the visit\"",
            ("date: 1998-08-31", 'date: "1998-08-31'): "3:11: YAML syntax error: found unexpected end of stream; "
            "a quote opened here is never closed",
            ("kind: missile-launch", "kind:missile-launch"): "4:5: YAML syntax error: could not find expected ':'; "
            "a field is written 'name: value', with a space after the colon",
        }
        original = mini.file(EV).read_text(encoding="utf-8")
        for (old, new), expected in cases.items():
            mini.write(EV, original.replace(old, new, 1))
            assert mini.problems() == [f"data/events/events.yaml:{expected}"], new

    def test_text_that_is_not_utf8_is_located(self, mini):
        """A Latin-1 byte is reported at its line and column, with what to do."""
        text = mini.file(EV).read_text(encoding="utf-8").replace("title: Rocket over Japan", "title: Rocket over Japon é")
        mini.file(EV).write_bytes(text.encode("latin-1", errors="replace"))
        assert mini.problems() == [
            "data/events/events.yaml:11:34: not UTF-8 text (invalid continuation byte); save the file as UTF-8"
        ]

    def test_empty_file(self, mini):
        """An empty file is an error, not an empty dataset."""
        mini.write(EV, "\n")
        assert mini.problems() == ["data/events/events.yaml:1:1: the file is empty; expected a mapping of data"]

    def test_missing_file(self, mini):
        """Each required file is named when it is missing."""
        mini.file("people.yaml").unlink()
        assert "data/people.yaml:1:1: required data file is missing" in mini.problems()


class TestShapes:
    def test_unknown_field_suggests_the_right_one(self, mini):
        """A misspelt field is unknown, and the message offers the closest real one."""
        mini.replace(EV, "    place: Beijing", "    plcae: Beijing")
        (problem,) = mini.problems()
        assert problem.startswith(
            "data/events/events.yaml:22:5: events[1]: unknown field 'plcae'; expected one of: id, date, end, kind,"
        )
        assert problem.endswith("(did you mean 'place'?)")

    def test_an_event_needs_a_source(self, mini):
        """At least one source per event."""
        text = mini.file(EV).read_text()
        start = text.index("    sources:\n      - url: https://example.org/test")
        mini.write(EV, text[:start] + "    sources: []\n")
        assert mini.problems() == ["data/events/events.yaml:39:14: events[2].sources: expected at least 1 item(s), got none"]


class TestMeaning:
    def test_a_name_that_is_not_an_id_is_reported_once(self, mini):
        """The shape check reports it; the reference check does not repeat it."""
        mini.replace(EV, "people: [kim-jong-il, jiang-zemin]", "people: [Kim Jong Il, jiang-zemin]")
        problems = mini.problems()
        assert len(problems) == 1 and "expected a URL-safe id" in problems[0]

    def test_a_bad_field_hides_nothing_else_in_its_event(self, mini):
        """A bad date stops the event being built, but its unknown person and duplicate id are still reported."""
        mini.replace(EV, "date: 2000-05-29", "date: 2000-13-29")
        mini.replace(EV, "people: [kim-jong-il, jiang-zemin]", "people: [kim-jong-il, jiang-zeming]")
        mini.replace(EV, "id: 2000-05-kim-jong-il-visits-china", "id: 1998-08-taepodong-1")
        in_events = [p for p in mini.problems() if p.startswith("data/events/")]  # claims citing the old id complain too
        assert in_events == [
            "data/events/events.yaml:13:9: events[1].id: duplicate event id '1998-08-taepodong-1' "
            "(first used in data/events/events.yaml line 2); ids must be unique",
            "data/events/events.yaml:14:11: events[1].date: expected YYYY, YYYY-MM or YYYY-MM-DD, got '2000-13-29': there is no month 13",
            "data/events/events.yaml:19:27: events[1].people[1]: unknown person 'jiang-zeming'; "
            "expected an id from data/people.yaml (did you mean 'jiang-zemin'?)",
        ]

    def test_every_entry_out_of_place_is_reported_in_one_run(self, mini):
        """With a fourth event (2008), the first moved to 2010 and the third to 1999: those two are
        out of place, the 2000 visit and the 2008 event are in order; each that must move is named once."""
        later = "\n  - id: 2008-event\n    date: 2008-01-01\n    kind: other\n    title: Later\n    summary: Later.\n" + (
            "    sources:\n      - url: https://example.org/later\n        publisher: Example News\n        title: Later\n"
        )
        mini.write(EV, mini.file(EV).read_text() + later)
        mini.rename(LAUNCH, "2010-01-taepodong-1")
        mini.rename(TEST, "1999-01-first-nuclear-test")
        mini.replace(EV, "date: 1998-08-31", "date: 2010-01-01")
        mini.replace(EV, "date: 2006-10-09", "date: 1999-01-01")
        assert mini.problems() == [
            "data/events/events.yaml:3:11: events[0].date: '2010-01-01' is out of date order; move the entry further down, "
            "at the end of the file, after 2008-event ('2008-01-01')",
            "data/events/events.yaml:35:11: events[2].date: '1999-01-01' is out of date order; move the entry further up, "
            "just before 2000-05-kim-jong-il-visits-china ('2000-05-29')",
        ]

    def test_event_in_the_file_for_its_year(self, mini):
        """A file named for its years holds only events from them."""
        mini.file(EV).rename(mini.file("events/1990-1999.yaml"))
        assert mini.problems() == [
            "data/events/1990-1999.yaml:14:11: events[1].date: 2000 is outside the years this file is for (1990–1999); "
            "move the event to the file for its year",
            "data/events/1990-1999.yaml:35:11: events[2].date: 2006 is outside the years this file is for (1990–1999); "
            "move the event to the file for its year",
        ]

    def test_a_yml_file_is_not_silently_skipped(self, mini):
        """Only .yaml files are read; a .yml or .Yaml one is reported, not ignored, without inviting an overwrite."""
        mini.write("events/2010-extra.yml", "events: []\n")
        mini.write("events/events.Yaml", "events: []\n")
        mini.write("events/README.txt", "notes\n")
        assert mini.problems() == [
            "data/events/2010-extra.yml:1:1: not read: event files end in '.yaml'; rename it to '2010-extra.yaml'",
            "data/events/events.Yaml:1:1: not read: event files end in '.yaml'; move its events into 'events.yaml'",
        ]


class TestAllAtOnce:
    def test_every_problem_is_reported_in_one_run(self, mini):
        """Three unrelated mistakes in two files give three messages, sorted by file and line."""
        mini.replace(EV, "kind: nuclear-test", "kind: bomb")
        mini.replace(EV, "end: 2000-05-31", "end: 2000-02-31")
        mini.replace("people.yaml", "country: CN", "country: China")
        problems = mini.problems()
        assert [p.split(": ")[0] for p in problems] == [
            "data/events/events.yaml:15:10",
            "data/events/events.yaml:36:11",
            "data/people.yaml:19:14",
        ]


class TestWhatCheckAcceptsMustBuild:
    """Inputs that `check` once accepted and the build then lost or crashed on."""

    def test_index_is_a_reserved_id(self, mini):
        """events/index.md would replace the list page; so would people/index and claims/index."""
        mini.replace(EV, "id: 2006-10-first-nuclear-test", "id: index")
        mini.replace("claims.yaml", "id: secret-visit-within-two-years", "id: index")
        assert mini.problems() == [
            "data/claims.yaml:2:9: claims[0].id: 'index' is reserved for the list page of its section; choose another id",
            "data/events/events.yaml:34:9: events[2].id: 'index' is reserved for the list page of its section; choose another id",
        ]

    def test_roles_and_the_article_are_not_in_the_future(self, mini):
        """Like events, a role's dates and the article's date are things that have happened."""
        mini.replace(
            "people.yaml", "        from: 1989-06-24\n        to: 2002-11-15", "        from: 1989-06-24\n        to: 2030-01-01"
        )
        mini.replace("article.yaml", "published: 2016-03", "published: 2027-01")
        assert mini.problems() == [
            "data/article.yaml:4:14: article.published: '2027-01' is in the future (today is 2026-11-28 in UTC); the record holds only what has happened",
            "data/people.yaml:23:13: people[1].roles[0].to: '2030-01-01' is in the future (today is 2026-11-28 in UTC); the record holds only what has happened",
        ]

    def test_control_characters_and_noncharacters_are_refused(self, mini):
        """Escapes can put characters in a quoted value that no page (and no SVG writer) can show."""
        mini.replace(EV, "title: First nuclear test", 'title: "First \\x01 test"')
        mini.replace(EV, "summary: North Korea tests a nuclear device.", 'summary: "A \\e[31m red \\uFFFE test"')
        assert mini.problems() == [
            "data/events/events.yaml:37:12: events[2].title: the character U+0001 (a control character or noncharacter) "
            "cannot be shown; remove it",
            "data/events/events.yaml:38:14: events[2].summary: the character U+001B (a control character or noncharacter) "
            "cannot be shown; remove it",
        ]


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        # YAML SYNTAX
        # A broken flow list reports the line where the parser stopped.
        pytest.param(
            (EV, "people: [kim-jong-il, jiang-zemin]", "people: [kim-jong-il, jiang-zemin"),
            ["data/events/events.yaml:20:9: YAML syntax error: did not find expected ',' or ']'"],
            id="syntax_error_is_located",
        ),
        # YAML keeps the last of two equal keys; we report it instead of losing the first.
        pytest.param(
            (EV, "    place: Beijing\n", "    place: Beijing\n    place: Shanghai\n"),
            [
                "data/events/events.yaml:23:5: events[1].place: duplicate key 'place' (first given at line 22); "
                "YAML would silently keep only the last one"
            ],
            id="duplicate_key_is_not_silently_dropped",
        ),
        # SHAPES
        # A missing required field points at the record.
        pytest.param(
            (EV, "    title: First nuclear test\n", ""),
            ["data/events/events.yaml:34:5: events[2]: missing required field 'title'"],
            id="missing_field",
        ),
        # Kinds are a closed vocabulary.
        pytest.param(
            (EV, "kind: nuclear-test", "kind: nuclear-tset"),
            [
                "data/events/events.yaml:36:11: events[2].kind: expected one of: visit, nuclear-test, missile-launch, "
                "satellite-launch, talks, treaty, un-resolution, leadership, diplomatic, sanctions, other, "
                "got 'nuclear-tset' (did you mean 'nuclear-test'?)"
            ],
            id="unknown_kind",
        ),
        # A list where text is expected says so.
        pytest.param(
            (EV, "    place: Beijing", "    place: [Beijing]"),
            ["data/events/events.yaml:22:12: events[1].place: expected text, got a list"],
            id="wrong_type",
        ),
        # 30 February does not exist.
        pytest.param(
            (EV, "date: 2006-10-09", "date: 2010-02-30"),
            [
                "data/events/events.yaml:35:11: events[2].date: expected YYYY, YYYY-MM or YYYY-MM-DD, got '2010-02-30': February 2010 has 28 days"
            ],
            id="impossible_date",
        ),
        # Editors need not know YAML's typing: unquoted days and bare years both work.
        pytest.param(
            (EV, "date: 2006-10-09", "date: 2006"),
            [],
            id="unquoted_dates_and_years_are_accepted",
        ),
        # Ids become URLs.
        pytest.param(
            (EV, "id: 2006-10-first-nuclear-test", "id: First Nuclear Test"),
            [
                "data/events/events.yaml:34:9: events[2].id: expected a URL-safe id of lowercase letters, digits and single hyphens "
                "(like '2000-05-kim-jong-il-visits-china'), got 'First Nuclear Test'"
            ],
            id="id_must_be_a_slug",
        ),
        # A title heads the page and labels the chart mark; the detail belongs in the summary.
        pytest.param(
            (EV, "title: First nuclear test", "title: " + "A very long title " * 8),
            [
                "data/events/events.yaml:37:12: events[2].title: expected a short title of at most 120 characters, "
                "got 143; put the detail in the summary"
            ],
            id="a_title_is_short",
        ),
        # Links must be http(s); a javascript: URL could run in a reader's browser.
        pytest.param(
            (EV, "https://example.org/test", "javascript:alert(1)"),
            [
                "data/events/events.yaml:40:14: events[2].sources[0].url: expected an http:// or https:// address, got 'javascript:alert(1)'"
            ],
            id="javascript_url_is_rejected",
        ),
        # 'https://www.irishtimes.com@evil.example/' reads as the Irish Times and links to evil.example.
        pytest.param(
            (EV, "https://example.org/test", "https://www.irishtimes.com@evil.example/news"),
            [
                "data/events/events.yaml:40:14: events[2].sources[0].url: expected the site's host right after '//', got "
                "'https://www.irishtimes.com@evil.example/news': 'www.irishtimes.com@' is a user name, so a link to it would go "
                "to 'evil.example'; give the publisher's own address"
            ],
            id="a_url_with_a_user_name_is_refused",
        ),
        # MEANING
        # An event cannot end before it begins.
        pytest.param(
            (EV, "end: 2000-05-31", "end: 2000-05-20"),
            [
                "data/events/events.yaml:15:10: events[1].end: expected a date on or after the start (2000-05-29), got '2000-05-20'"
            ],
            id="end_before_date",
        ),
        # A reference to a person who is not in people.yaml, with a suggestion.
        pytest.param(
            (EV, "people: [kim-jong-il, jiang-zemin]", "people: [kim-jong-il, jiang-zeming]"),
            [
                "data/events/events.yaml:19:27: events[1].people[1]: unknown person 'jiang-zeming'; "
                "expected an id from data/people.yaml (did you mean 'jiang-zemin'?)"
            ],
            id="unknown_person",
        ),
        # Person pages count visits led by the first person listed, who must come from the visiting country.
        pytest.param(
            (EV, "people: [kim-jong-il, jiang-zemin]", "people: [jiang-zemin, kim-jong-il]"),
            [
                "data/events/events.yaml:19:14: events[1].people[0]: list first the person who led the visit, "
                "from KP (the visiting country); 'jiang-zemin' is from CN"
            ],
            id="a_visit_lists_its_leader_first",
        ),
        # An unnamed delegation received by a leader: there is no visitor to list first.
        pytest.param(
            (EV, "people: [kim-jong-il, jiang-zemin]", "people: [jiang-zemin]"),
            [],
            id="a_visit_naming_only_its_host_is_fine",
        ),
        # Claims may only point at events that exist.
        pytest.param(
            ("claims.yaml", "reference: 1998-08-taepodong-1", "reference: 1998-08-taepodong"),
            [
                "data/claims.yaml:11:20: claims[0].assertions[0].reference: unknown event '1998-08-taepodong'; "
                "expected an id from data/events/ (did you mean '1998-08-taepodong-1'?)"
            ],
            id="unknown_event_in_a_claim",
        ),
        # A paraphrase is not a quote.
        pytest.param(
            (EV, "      quote: Less than two years later", "      quote: Under two years later"),
            [
                "data/events/events.yaml:32:14: events[1].article.quote: expected the article's words verbatim, but paragraph 1 does not contain them"
            ],
            id="quote_must_be_verbatim",
        ),
        # The hint names the paragraph that does hold the words.
        pytest.param(
            (EV, "      paragraph: 1", "      paragraph: 2"),
            [
                "data/events/events.yaml:32:14: events[1].article.quote: expected the article's words verbatim, "
                "but paragraph 2 does not contain them (it is in paragraph 1)"
            ],
            id="quote_in_the_wrong_paragraph_says_where_it_is",
        ),
        # Visits have a direction.
        pytest.param(
            (EV, "    to: CN\n", ""),
            [
                "data/events/events.yaml:13:5: events[1]: missing required field 'to' for a visit (the visitor's country and the host's: CN or KP)"
            ],
            id="a_visit_needs_both_countries",
        ),
        # WHAT CHECK ACCEPTS MUST BUILD
        # '$' matches before a final newline; ids are matched whole.
        pytest.param(
            (EV, "id: 2006-10-first-nuclear-test", 'id: "2006-10-first-nuclear-test\\n"'),
            [
                "data/events/events.yaml:34:9: events[2].id: expected a URL-safe id of lowercase letters, digits and single "
                "hyphens (like '2000-05-kim-jong-il-visits-china'), got '2006-10-first-nuclear-test\\n'"
            ],
            id="an_id_ending_in_a_newline_is_refused",
        ),
        # A count over years 1 to 9999 once crashed the build (OverflowError at the calendar's edge).
        pytest.param(
            (
                "claims.yaml",
                "        less_than: 2 years\n",
                '        less_than: 2 years\n      - check: count\n        kind: visit\n        start: "0001"\n'
                '        until: "9999"\n        at_least: 1\n',
            ),
            [
                "data/claims.yaml:15:16: claims[0].assertions[1].start: expected YYYY, YYYY-MM or YYYY-MM-DD, got '0001': "
                "the year must be from 1900 to 2100",
                "data/claims.yaml:16:16: claims[0].assertions[1].until: expected YYYY, YYYY-MM or YYYY-MM-DD, got '9999': "
                "the year must be from 1900 to 2100",
            ],
            id="dates_are_bounded",
        ),
        # YAML reads 'yes' as true, and true would quietly become paragraph 1.
        pytest.param(
            ("claims.yaml", "    paragraph: 1", "    paragraph: yes"),
            ["data/claims.yaml:3:16: claims[0].paragraph: expected a whole number, got true (a true/false value)"],
            id="a_paragraph_must_be_a_number_not_yes",
        ),
        # An event compared with itself always 'holds', so the claim would be judged consistent.
        pytest.param(
            ("claims.yaml", "reference: 1998-08-taepodong-1", "reference: 2000-05-kim-jong-il-visits-china"),
            [
                "data/claims.yaml:11:20: claims[0].assertions[0].reference: '2000-05-kim-jong-il-visits-china' is also the "
                "event; a check compares different events"
            ],
            id="a_timing_check_against_its_own_event_is_refused",
        ),
    ],
)
def test_one_edit(mini, edit, expected):
    """Each case replaces one piece of a file of the fixture (name, old, new); check reports exactly these problems (none: accepted)."""
    mini.replace(*edit)
    assert mini.problems() == expected


@pytest.mark.parametrize(
    ("renamed", "edits", "expected"),
    [
        # Ids are unique across all event files.
        # an id without a year may be any event's
        pytest.param(
            (LAUNCH, "taepodong-1"),
            [("id: 2006-10-first-nuclear-test", "id: taepodong-1")],
            [
                "data/events/events.yaml:34:9: events[2].id: duplicate event id 'taepodong-1' "
                "(first used in data/events/events.yaml line 2); ids must be unique"
            ],
            id="duplicate_ids",
        ),
        # The first event moved to 2007: it is the one out of place (the other two are still in order),
        # and the message says where it belongs, naming the neighbour.
        # an id starts with its event's year
        pytest.param(
            (LAUNCH, "2007-01-taepodong-1"),
            [("date: 1998-08-31", "date: 2007-01-01")],
            [
                "data/events/events.yaml:3:11: events[0].date: '2007-01-01' is out of date order; move the entry further down, "
                "at the end of the file, after 2006-10-first-nuclear-test ('2006-10-09')"
            ],
            id="the_entry_out_of_place_is_the_one_reported",
        ),
        # The last event moved to 1999: it goes up, just before the 2000 visit.
        pytest.param(
            (TEST, "1999-01-first-nuclear-test"),
            [("date: 2006-10-09", "date: 1999-01-01")],
            [
                "data/events/events.yaml:35:11: events[2].date: '1999-01-01' is out of date order; move the entry further up, "
                "just before 2000-05-kim-jong-il-visits-china ('2000-05-29')"
            ],
            id="an_entry_that_belongs_higher_up_is_told_so",
        ),
        # The order rule for partial dates is said where it bites.
        pytest.param(
            (TEST, "2000-first-nuclear-test"),
            [("date: 2006-10-09", "date: 2000")],
            [
                "data/events/events.yaml:35:11: events[2].date: '2000' is out of date order; move the entry further up, just "
                "before 2000-05-kim-jong-il-visits-china ('2000-05-29') (a date known only to the year goes before the dated "
                "events within it)"
            ],
            id="a_date_known_to_the_year_goes_before_the_dated_ones",
        ),
        # The record holds only what has happened (today is pinned in the tests).
        pytest.param(
            (TEST, "2027-01-first-nuclear-test"),
            [("date: 2006-10-09", "date: 2027-01-01")],
            [
                "data/events/events.yaml:35:11: events[2].date: '2027-01-01' is in the future (today is 2026-11-28 in UTC); the record holds only what has happened"
            ],
            id="dates_in_the_future",
        ),
    ],
)
def test_an_event_renamed_and_edited(mini, renamed, edits, expected):
    """Each case gives an event another id everywhere (as an editor re-dating it renames it), then
    replaces pieces of the events file; check reports exactly these problems (none: accepted)."""
    mini.rename(*renamed)
    for old, new in edits:
        mini.replace(EV, old, new)
    assert mini.problems() == expected

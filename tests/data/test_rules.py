"""The named meaning checks (data/rules.py), each on a copy of the small fixture broken in one place.

Every test asserts the whole message an editor reads (file, line, column and text); where a check
points at a key rather than its value, the column says so.
"""

from __future__ import annotations

import pytest

from lipsteeth.data.validate import load_dataset

from ..conftest import LAUNCH, POSTPONED, ROOT, TEST, VISIT

EV = "events/events.yaml"
CLAIMS = "claims.yaml"
PEOPLE = "people.yaml"
# The last line of the fixture's only assertion: new assertions are added after it.
LAST_ASSERTION_LINE = "        less_than: 2 years\n"


def add_assertion(folder, text: str) -> None:
    """Add an assertion (written at the indentation of an item under `assertions:`) to the claim."""
    folder.replace(CLAIMS, LAST_ASSERTION_LINE, LAST_ASSERTION_LINE + text)


class TestIdYear:
    def test_the_real_ids_agree_with_their_dates(self):
        """Every event in the record (this check runs on it in CI too; here it is named)."""
        dataset = load_dataset(ROOT / "data")
        assert [e.id for e in dataset.events if e.id[:4].isdigit() and int(e.id[:4]) != e.date.year] == []


class TestVisitIsLedByAVisitor:
    def test_a_visit_without_from_is_not_asked_who_led_it(self, mini):
        """Without the visiting country there is no visitor to list first, even when a listed person could not be read."""
        mini.replace(EV, "    from: KP\n", "")
        mini.replace(PEOPLE, "country: CN", "country: China")
        assert mini.problems() == [
            "data/events/events.yaml:13:5: events[1]: missing required field 'from' for a visit (the visitor's country and the host's: CN or KP)",
            "data/people.yaml:19:14: people[1].country: expected one of: CN, KP, KR, US, JP, RU, got 'China'",
        ]


class TestRoles:
    def test_a_person_holds_at_most_fifty_roles(self, mini):
        """What one entry may ask of the analysis is bounded, like the size of a list or a file."""
        more = "".join(f"      - title: Office {n}\n        from: 1995\n" for n in range(50))
        mini.replace(PEOPLE, "        leader: true\n\n", "        leader: true\n" + more + "\n")
        assert mini.located() == [
            ("data/people.yaml:10:7: people[0].roles: a list of 51 items; it holds at most 50", ("people", 0, "roles"), None)
        ]

    def test_the_record_holds_at_most_two_hundred_leader_roles(self, mini):
        """Each leader role is a cut in the eras, and each era a page: the first role over the limit is named, once."""
        role = "      - title: Leader\n        from: 1995\n        to: 1996\n        leader: true\n"
        people = "".join(f"  - id: leader-{n}\n    name: Leader {n}\n    country: KP\n    roles:\n" + role * 50 for n in range(5))
        mini.replace(PEOPLE, "people:\n", "people:\n" + people)
        (problem,) = mini.problems()
        assert problem == (
            "data/people.yaml:825:17: people[4].roles[0].leader: one leader role too many: the record holds at most 200 "
            "(each begins an era, and each era is a page); mark as leader only the roles of a country's paramount leader"
        )


class TestSuggestions:
    def test_only_the_first_hundred_unknown_ids_get_a_suggestion(self, mini):
        """Each suggestion is a pass over every known id: 10,000 unknown ids against 20,000 people took check
        818 s. The first hundred of a run get one; the rest say that none was looked for."""
        names = ", ".join(f"kim-jong-il-{n}" for n in range(150))
        mini.replace(EV, "people: [kim-jong-il, jiang-zemin]", f"people: [{names}]")
        problems = mini.problems()
        assert len(problems) == 150
        assert problems[0].endswith(
            "events[1].people[0]: unknown person 'kim-jong-il-0'; expected an id from data/people.yaml "
            "(did you mean 'kim-jong-il'?)"
        )
        assert sum("(did you mean 'kim-jong-il'?)" in p for p in problems[:100]) == 100
        assert [p.split(": ", 2)[2] for p in problems[100:]] == [
            f"unknown person 'kim-jong-il-{n}'; expected an id from data/people.yaml "
            "(no suggestion: only the first 100 unknown ids get one)"
            for n in range(100, 150)
        ]


class TestClaimReferences:
    def test_unknown_events_in_a_between_check(self, mini):
        """A between check's 'after' and 'before' are references too, each reported at its own line."""
        add_assertion(
            mini,
            "      - check: between\n        event: 2000-05-kim-jong-il-visits-china\n"
            "        after: 1998-08-taepodong-2\n        before: 2006-10-second-nuclear-test\n",
        )
        assert mini.problems() == [
            "data/claims.yaml:15:16: claims[0].assertions[1].after: unknown event '1998-08-taepodong-2'; expected an id "
            "from data/events/ (did you mean '1998-08-taepodong-1'?)",
            "data/claims.yaml:16:17: claims[0].assertions[1].before: unknown event '2006-10-second-nuclear-test'; expected an "
            "id from data/events/ (did you mean '2006-10-first-nuclear-test'?)",
        ]

    def test_an_unknown_person_in_a_count(self, mini):
        """A count check's people are checked against data/people.yaml."""
        add_assertion(mini, "      - check: count\n        kind: visit\n        people: [kim-jong-ill]\n        at_least: 1\n")
        assert mini.problems() == [
            "data/claims.yaml:15:18: claims[0].assertions[1].people[0]: unknown person 'kim-jong-ill'; expected an id from "
            "data/people.yaml (did you mean 'kim-jong-il'?)"
        ]


class TestCountChecks:
    def test_a_window_after_a_later_event_than_before_is_refused(self, mini):
        """'after' the 2006 test and 'before' the 1998 launch: no day lies between, and a count over it says nothing."""
        add_assertion(
            mini,
            f"      - check: count\n        after: {TEST}\n        before: {LAUNCH}\n        equals: 0\n",
        )
        assert mini.problems() == [
            "data/claims.yaml:13:9: claims[0].assertions[1]: the count's window holds no day: it comes after "
            "2006-10-first-nuclear-test, which ends 2006-10-09 ('after') but comes before 1998-08-taepodong-1, dated "
            "1998-08-31 ('before'); swap the bounds or correct them"
        ]

    def test_a_period_that_starts_after_it_ends_is_refused(self, mini):
        """'start' 2005 and 'until' 2003; and a period that ends before the event it must follow, too."""
        add_assertion(mini, "      - check: count\n        start: 2005\n        until: 2003\n        equals: 0\n")
        add_assertion(mini, f"      - check: count\n        after: {VISIT}\n        until: 1999\n        at_least: 1\n")
        assert mini.problems() == [  # each assertion is added above the one added before it
            "data/claims.yaml:13:9: claims[0].assertions[1]: the count's window holds no day: it comes after "
            "2000-05-kim-jong-il-visits-china, which ends 2000-05-31 ('after') but ends 1999 ('until'); swap the bounds or "
            "correct them",
            "data/claims.yaml:17:9: claims[0].assertions[2]: the count's window holds no day: it starts 2005 ('start') but "
            "ends 2003 ('until'); swap the bounds or correct them",
        ]

    def test_the_record_holds_at_most_two_hundred_count_checks(self, mini):
        """Each count is a pass over every event; the first one over the limit is named, once."""
        add_assertion(mini, "      - check: count\n        kind: visit\n        at_least: 1\n" * 201)
        assert mini.problems() == [
            "data/claims.yaml:613:9: claims[0].assertions[201]: one count check too many: the record holds at most 200 "
            "(each one counts over every event); check the claims that need a count, and write the others as date or "
            "timing checks"
        ]

    def test_a_window_of_one_year_passes(self, mini):
        add_assertion(mini, "      - check: count\n        start: 2000\n        until: 2000\n        equals: 1\n")
        assert mini.problems() == []

    def test_a_count_without_a_number(self, mini):
        """Neither equals nor at_least."""
        add_assertion(mini, "      - check: count\n        kind: visit\n")
        assert mini.problems() == [
            "data/claims.yaml:13:9: claims[0].assertions[1]: a count check needs exactly one of equals, at_least"
        ]

    def test_a_count_with_both_numbers(self, mini):
        """Both equals and at_least."""
        add_assertion(mini, "      - check: count\n        kind: visit\n        equals: 1\n        at_least: 1\n")
        assert mini.problems() == [
            "data/claims.yaml:13:9: claims[0].assertions[1]: a count check needs exactly one of equals, at_least"
        ]

    def test_a_count_with_one_number(self, mini):
        """Exactly one of them is what is asked for."""
        add_assertion(mini, "      - check: count\n        kind: visit\n        equals: 1\n")
        assert mini.problems() == []

    def test_levels_count_visits_only(self, mini):
        """A count by level needs kind: visit."""
        add_assertion(mini, "      - check: count\n        levels: [leader]\n        at_least: 1\n")
        assert mini.problems() == [
            "data/claims.yaml:14:17: claims[0].assertions[1].levels: levels filter visits only: add 'kind: visit'"
        ]


class TestDistinctEvents:
    def test_a_between_check_naming_its_event_twice(self, mini):
        """'after' the event itself says nothing; the earlier field is named."""
        add_assertion(
            mini,
            "      - check: between\n        event: 2000-05-kim-jong-il-visits-china\n"
            "        after: 2000-05-kim-jong-il-visits-china\n        before: 2006-10-first-nuclear-test\n",
        )
        assert mini.problems() == [
            "data/claims.yaml:15:16: claims[0].assertions[1].after: '2000-05-kim-jong-il-visits-china' is also the event; "
            "a check compares different events"
        ]

    def test_before_equal_to_after(self, mini):
        """The two bounds of a between check must differ too."""
        add_assertion(
            mini,
            "      - check: between\n        event: 2000-05-kim-jong-il-visits-china\n"
            "        after: 1998-08-taepodong-1\n        before: 1998-08-taepodong-1\n",
        )
        assert mini.problems() == [
            "data/claims.yaml:16:17: claims[0].assertions[1].before: '1998-08-taepodong-1' is also the after; a check "
            "compares different events"
        ]


class TestAssessment:
    def test_a_prediction_needs_an_assessment(self, mini):
        """Predictions too."""
        mini.replace(CLAIMS, "    type: timing", "    type: prediction")
        ((message, path, _),) = mini.located()
        assert message.startswith("data/claims.yaml:5:11: claims[0].type: ")
        assert message.endswith(" prediction claim needs an 'assessment': the editors' reading of the record")
        assert path == ("claims", 0, "type")


class TestUniqueIds:
    def test_the_first_use_is_the_line_of_its_id(self, mini):
        """Where the first record does not start with its id, the line named is the id's, not the record's."""
        mini.rename(LAUNCH, "taepodong-1")  # an id without a year may be any event's
        mini.replace(EV, "  - id: taepodong-1\n    date: 1998-08-31\n", "  - date: 1998-08-31\n    id: taepodong-1\n")
        mini.replace(EV, "id: 2006-10-first-nuclear-test", "id: taepodong-1")
        assert mini.located() == [
            (
                "data/events/events.yaml:34:9: events[2].id: duplicate event id 'taepodong-1' (first used in "
                "data/events/events.yaml line 3); ids must be unique",
                ("events", 2, "id"),
                "taepodong-1",
            ),
        ]

    def test_a_record_without_a_usable_id_does_not_stop_the_search(self, mini):
        """An id that is not text is reported by the shape check; later duplicates are still found."""
        text = mini.file(CLAIMS).read_text(encoding="utf-8")
        claim = text.removeprefix("claims:\n")
        again = claim.replace("id: secret-visit-within-two-years", "id: again")
        mini.write(CLAIMS, "claims:\n" + claim.replace("id: secret-visit-within-two-years", "id: 12") + again + again)
        assert mini.located() == [
            ("data/claims.yaml:2:9: claims[0].id: expected text, got 12 (a whole number)", ("claims", 0, "id"), 12),
            (
                "data/claims.yaml:24:9: claims[2].id: duplicate claim id 'again' (first used in data/claims.yaml line 13); ids must be unique",
                ("claims", 2, "id"),
                "again",
            ),
        ]


class TestPlacedByDate:
    def test_of_two_ways_to_restore_the_order_the_earlier_entry_stays(self, mini):
        """The launch moved to 2001 and the 2000 visit below it: moving either would do; the one further down is named."""
        mini.rename(LAUNCH, "2001-01-taepodong-1")
        mini.replace(EV, "date: 1998-08-31", "date: 2001-01-01")
        assert mini.located() == [
            (
                "data/events/events.yaml:14:11: events[1].date: '2000-05-29' is out of date order; move the entry further up, "
                "just before 2001-01-taepodong-1 ('2001-01-01')",
                ("events", 1, "date"),
                None,
            ),
        ]

    @staticmethod
    def talks_at_the_top(mini, date: str) -> None:
        """A fourth event written above the three of the fixture."""
        mini.replace(
            EV,
            "events:\n",
            f"events:\n  - id: talks-on-top\n    date: {date}\n    kind: talks\n    title: Talks\n"
            "    summary: Talks were held.\n    sources:\n      - url: https://example.org/talks\n"
            "        publisher: Example News\n        title: Talks\n\n",
        )

    def test_an_entry_too_high_is_sent_down_to_just_before_its_successor(self, mini):
        """2003 above 1998, 2000 and 2006: down, before the 2006 test (not up, not to the end)."""
        self.talks_at_the_top(mini, "2003-01-01")
        assert mini.problems() == [
            "data/events/events.yaml:3:11: events[0].date: '2003-01-01' is out of date order; move the entry further down, "
            "just before 2006-10-first-nuclear-test ('2006-10-09')"
        ]

    def test_an_entry_later_than_all_goes_after_the_last(self, mini):
        """2007 above three earlier events: to the end, after the last of them (not the second)."""
        self.talks_at_the_top(mini, "2007-01-01")
        assert mini.problems() == [
            "data/events/events.yaml:3:11: events[0].date: '2007-01-01' is out of date order; move the entry further down, "
            "at the end of the file, after 2006-10-first-nuclear-test ('2006-10-09')"
        ]

    def test_an_entry_on_the_last_day_goes_after_it(self, mini):
        """The test's own day: equal dates are in order, so its place is after the test, at the end."""
        self.talks_at_the_top(mini, "2006-10-09")
        assert mini.problems() == [
            "data/events/events.yaml:3:11: events[0].date: '2006-10-09' is out of date order; move the entry further down, "
            "at the end of the file, after 2006-10-first-nuclear-test ('2006-10-09')"
        ]

    def test_each_file_is_in_order_on_its_own(self, mini):
        """An event file's first event is not compared with the last event of the file before it."""
        mini.write(
            "events/1990-1999.yaml",
            "events:\n  - id: 1999-01-talks\n    date: 1999-01-01\n    kind: talks\n    title: Talks\n"
            "    summary: Talks were held.\n    sources:\n      - url: https://example.org/talks\n"
            "        publisher: Example News\n        title: Talks\n",
        )
        assert mini.problems() == []

    def test_a_file_for_today(self, mini):
        """A file named up to 'today' holds every later year."""
        mini.file(EV).rename(mini.file("events/1998-today.yaml"))
        assert mini.problems() == []


class TestPostponed:
    def test_without_a_source(self, mini):
        """Sourced like everything else."""
        text = POSTPONED.split("      sources:")[0] + "      sources: []\n"
        mini.replace(EV, "    secret: true\n", text)
        assert len(mini.problems()) == 1 and "postponed.sources" in mini.problems()[0]


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        # EVENT DATES
        # The end, not only the start, must have happened.
        pytest.param(
            (EV, "end: 2000-05-31", "end: 2027-05-31"),
            [
                (
                    "data/events/events.yaml:15:10: events[1].end: '2027-05-31' is in the future (today is 2026-11-28 in UTC); the record holds only what has happened",
                    ("events", 1, "end"),
                    None,
                ),
            ],
            id="an_end_in_the_future",
        ),
        # ROLES
        # Eras are drawn from leader roles, so their 'from' is required; the problem points at the role.
        pytest.param(
            (PEOPLE, "        from: 1994-07-08\n", ""),
            [
                (
                    "data/people.yaml:10:9: people[0].roles[0]: missing required field 'from' for a leader role (eras are drawn from it)",
                    ("people", 0, "roles", 0),
                    None,
                ),
            ],
            id="a_leader_role_needs_its_start",
        ),
        # A role's 'from' is named as editors write it (not from_), at the role's field; a role
        # starting after it ended is reported too.
        pytest.param(
            (PEOPLE, "        from: 1994-07-08\n", "        from: 2027-07-08\n"),
            [
                (
                    "data/people.yaml:11:15: people[0].roles[0].from: '2027-07-08' is in the future (today is 2026-11-28 in UTC); the record holds only what has happened",
                    ("people", 0, "roles", 0, "from"),
                    None,
                ),
                (
                    "data/people.yaml:12:13: people[0].roles[0].to: expected a date on or after 'from' (2027-07-08), got '2011-12-17'",
                    ("people", 0, "roles", 0, "to"),
                    None,
                ),
            ],
            id="a_role_that_starts_in_the_future",
        ),
        # CLAIM REFERENCES
        # The claim's own list of events is checked, with a suggestion.
        pytest.param(
            (CLAIMS, "events: [2000-05-kim-jong-il-visits-china]", "events: [2000-05-kim-jong-il-visits-chin]"),
            [
                (
                    "data/claims.yaml:6:14: claims[0].events[0]: unknown event '2000-05-kim-jong-il-visits-chin'; expected an id "
                    "from data/events/ (did you mean '2000-05-kim-jong-il-visits-china'?)",
                    ("claims", 0, "events", 0),
                    None,
                ),
            ],
            id="an_unknown_event_in_the_claim_s_list",
        ),
        # TIMING CHECKS
        # Zero of less_than, about and more_than is 'none'; the problem points at the assertion.
        pytest.param(
            (CLAIMS, LAST_ASSERTION_LINE, ""),
            [
                (
                    "data/claims.yaml:8:9: claims[0].assertions[0]: a timing check needs exactly one of less_than, about, "
                    "more_than; got none",
                    ("claims", 0, "assertions", 0),
                    None,
                ),
            ],
            id="a_timing_check_without_a_duration",
        ),
        # ASSESSMENT
        # The editors' reading is what an interpretation is judged by; the problem points at the type.
        pytest.param(
            (CLAIMS, "    type: timing", "    type: interpretation"),
            [
                (
                    "data/claims.yaml:5:11: claims[0].type: an interpretation claim needs an 'assessment': the editors' reading of the record",
                    ("claims", 0, "type"),
                    None,
                ),
            ],
            id="an_interpretation_needs_an_assessment",
        ),
        # QUOTES
        # The article's length is given, at the paragraph number.
        pytest.param(
            (CLAIMS, "    paragraph: 1", "    paragraph: 3"),
            [
                (
                    "data/claims.yaml:3:16: claims[0].paragraph: the article has 2 paragraphs, got 3",
                    ("claims", 0, "paragraph"),
                    None,
                ),
            ],
            id="a_paragraph_beyond_the_article",
        ),
    ],
)
def test_one_edit_located(mini, edit, expected):
    """Each case replaces one piece of a file of the fixture (name, old, new); check reports exactly these problems, with each one's path and value."""
    mini.replace(*edit)
    assert mini.located() == expected


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        # EVENT DATES
        # An end equal to the start is a one-day event, not an end before the start.
        pytest.param(
            (EV, "end: 2000-05-31", "end: 2000-05-29"),
            [],
            id="an_event_may_end_on_the_day_it_begins",
        ),
        # One day before the start is already wrong, and the start is named.
        pytest.param(
            (EV, "end: 2000-05-31", "end: 2000-05-28"),
            [
                "data/events/events.yaml:15:10: events[1].end: expected a date on or after the start (2000-05-29), got '2000-05-28'"
            ],
            id="an_end_a_day_early",
        ),
        # ID YEAR
        # An id is the page's address and its year is read as the event's: the two must agree.
        pytest.param(
            (EV, "date: 1998-08-31", "date: 1999-08-31"),
            [
                "data/events/events.yaml:2:9: events[0].id: the id starts with 1998 but the event is dated 1999-08-31; an id "
                "starts with its event's year: rename it (and list the old id under 'aliases' if it was published)"
            ],
            id="an_id_whose_year_is_not_the_date_s_is_refused",
        ),
        # A rename to the right year keeps the old address as an alias, whatever its year.
        pytest.param(
            (EV, "  - id: 1998-08-taepodong-1\n", "  - id: 1998-08-taepodong-1\n    aliases: [1997-08-taepodong]\n"),
            [],
            id="a_former_id_may_keep_another_year",
        ),
        # VISIT HAS COUNTRIES
        # The missing 'from' is named; the problem points at the visit.
        pytest.param(
            (EV, "    from: KP\n", ""),
            [
                "data/events/events.yaml:13:5: events[1]: missing required field 'from' for a visit (the visitor's country and the host's: CN or KP)"
            ],
            id="a_visit_without_its_visitor_s_country",
        ),
        # A visit goes between China and North Korea; the problem is at the value of 'to'.
        pytest.param(
            (EV, "    to: CN\n", "    to: JP\n"),
            [
                "data/events/events.yaml:21:9: events[1].to: a visit in this record goes between China and North Korea "
                "(CN to KP or KP to CN), got from KP to JP"
            ],
            id="a_visit_between_other_countries",
        ),
        # From KP to KP is not a visit between the two.
        pytest.param(
            (EV, "    to: CN\n", "    to: KP\n"),
            [
                "data/events/events.yaml:21:9: events[1].to: a visit in this record goes between China and North Korea "
                "(CN to KP or KP to CN), got from KP to KP"
            ],
            id="a_visit_within_one_country",
        ),
        # 'from' and 'to' on a launch are each reported at their key.
        pytest.param(
            (EV, "    outcome: partial\n", "    outcome: partial\n    from: KP\n    to: JP\n"),
            [
                "data/events/events.yaml:8:5: events[0].from: only for visit events; this event's kind is 'missile-launch'",
                "data/events/events.yaml:9:5: events[0].to: only for visit events; this event's kind is 'missile-launch'",
            ],
            id="only_visits_have_countries",
        ),
        # VISIT IS LED BY A VISITOR
        # Only visits have a leader to list first (the launch's 'from' is reported, nothing more).
        pytest.param(
            (EV, "    outcome: partial\n", "    outcome: partial\n    people: [jiang-zemin, kim-jong-il]\n    from: KP\n"),
            [
                "data/events/events.yaml:9:5: events[0].from: only for visit events; this event's kind is 'missile-launch'",
            ],
            id="a_launch_naming_people_is_not_asked_who_led_it",
        ),
        # VISIT HAS PURPOSE AND LEVEL
        # Both are required of a visit, each named with its choices.
        pytest.param(
            (EV, "    purpose: summit\n    level: leader\n", ""),
            [
                "data/events/events.yaml:13:5: events[1]: missing required field 'level' for a visit (one of: leader, top, ministerial)",
                "data/events/events.yaml:13:5: events[1]: missing required field 'purpose' for a visit (one of: summit, special-envoy, ceremony, working)",
            ],
            id="a_visit_without_purpose_or_level",
        ),
        # ONLY FOR KIND
        # A vote on a launch and secrecy on a launch are each reported at their key, naming the kinds they are for.
        pytest.param(
            (EV, "    outcome: partial\n", "    outcome: partial\n    china_vote: for\n    secret: true\n"),
            [
                "data/events/events.yaml:8:5: events[0].china_vote: only for un-resolution events; this event's kind is 'missile-launch'",
                "data/events/events.yaml:9:5: events[0].secret: only for visit events; this event's kind is 'missile-launch'",
            ],
            id="fields_that_belong_to_other_kinds",
        ),
        # An outcome is for tests and launches; all three kinds are named.
        pytest.param(
            (EV, "    secret: true\n", "    secret: true\n    outcome: success\n"),
            [
                "data/events/events.yaml:26:5: events[1].outcome: only for nuclear-test or missile-launch or satellite-launch "
                "events; this event's kind is 'visit'"
            ],
            id="an_outcome_on_a_visit",
        ),
        # Purpose and level describe visits only.
        pytest.param(
            (EV, "    outcome: partial\n", "    outcome: partial\n    purpose: working\n    level: top\n"),
            [
                "data/events/events.yaml:8:5: events[0].purpose: only for visit events; this event's kind is 'missile-launch'",
                "data/events/events.yaml:9:5: events[0].level: only for visit events; this event's kind is 'missile-launch'",
            ],
            id="purpose_and_level_on_a_launch",
        ),
        # Writing the default (false) is not a visit-only field in use.
        pytest.param(
            (EV, "    outcome: partial\n", "    outcome: partial\n    secret: false\n"),
            [],
            id="secret_false_on_a_launch_says_nothing",
        ),
        # ROLES
        # Only leader roles need 'from'.
        pytest.param(
            (PEOPLE, "        from: 1994-07-08\n        to: 2011-12-17\n        leader: true\n", "        to: 2011-12-17\n"),
            [],
            id="another_role_may_leave_its_start_out",
        ),
        # The path names the person and the role the dates belong to.
        pytest.param(
            (PEOPLE, "        to: 2002-11-15", "        to: 1988-11-15"),
            ["data/people.yaml:23:13: people[1].roles[0].to: expected a date on or after 'from' (1989-06-24), got '1988-11-15'"],
            id="a_role_in_the_second_person",
        ),
        # CLAIM REFERENCES
        # The event a timing check is about.
        pytest.param(
            (CLAIMS, "        event: 2000-05-kim-jong-il-visits-china", "        event: 2000-05-kim-jong-il-visit"),
            [
                "data/claims.yaml:9:16: claims[0].assertions[0].event: unknown event '2000-05-kim-jong-il-visit'; expected an id "
                "from data/events/ (did you mean '2000-05-kim-jong-il-visits-china'?)"
            ],
            id="an_unknown_event_in_a_timing_check",
        ),
        # TIMING CHECKS
        # Two durations are counted.
        pytest.param(
            (CLAIMS, LAST_ASSERTION_LINE, LAST_ASSERTION_LINE + "        more_than: 1 year\n"),
            [
                "data/claims.yaml:8:9: claims[0].assertions[0]: a timing check needs exactly one of less_than, about, more_than; got 2"
            ],
            id="a_timing_check_with_two_durations",
        ),
        # The duration's own message, at the duration.
        pytest.param(
            (CLAIMS, "less_than: 2 years", "less_than: 2 yeras"),
            [
                "data/claims.yaml:12:20: claims[0].assertions[0].less_than: expected a duration such as '3 months' or '2 years', got '2 yeras'"
            ],
            id="a_duration_that_cannot_be_read",
        ),
        # The tolerance is a duration too.
        pytest.param(
            (CLAIMS, "less_than: 2 years", "about: 2 years\n        tolerance: a while"),
            [
                "data/claims.yaml:13:20: claims[0].assertions[0].tolerance: expected a duration such as '3 months' or '2 years', got 'a while'"
            ],
            id="a_tolerance_that_cannot_be_read",
        ),
        # ASSESSMENT
        # 'a prediction', not 'an prediction'.
        pytest.param(
            (CLAIMS, "    type: timing", "    type: prediction"),
            [
                "data/claims.yaml:5:11: claims[0].type: a prediction claim needs an 'assessment': the editors' reading of the record"
            ],
            id="a_prediction_s_message_reads_well",
        ),
        # With its assessment, an interpretation is complete.
        pytest.param(
            (CLAIMS, "    type: timing", "    type: interpretation\n    assessment: The record bears it out."),
            [],
            id="an_interpretation_with_an_assessment",
        ),
        # QUOTES
        # A line break, doubled spaces and typographic quotes or dashes still match the article's words.
        pytest.param(
            (
                CLAIMS,
                "    quote: Less than two years later, Kim Jong-il visited China in secret.",
                '    quote: "Less than two years later,\\n  Kim Jong\u2013il visited China in secret."',
            ),
            [],
            id="spacing_and_typography_do_not_matter",
        ),
        # POSTPONED
        # Announced after the launch it followed and before the visit: nothing to report.
        pytest.param(
            (EV, "    secret: true\n", POSTPONED),
            [],
            id="a_visit_postponed_after_a_launch",
        ),
        # A postponement comes before the visit it put off; the problem is at the announcement's date.
        pytest.param(
            (EV, "    secret: true\n", POSTPONED.replace("announced: 1999-06-01", "announced: 2000-06-01")),
            [
                "data/events/events.yaml:27:18: events[1].postponed.announced: expected a date on or before the visit's "
                "('2000-05-29'): a postponement is announced before the visit takes place, got '2000-06-01'"
            ],
            id="announced_after_the_visit_took_place",
        ),
        # The date it had been due cannot be later than the date it finally happened.
        pytest.param(
            (EV, "    secret: true\n", POSTPONED.replace("planned: 1999-06", "planned: 2001")),
            [
                "data/events/events.yaml:28:16: events[1].postponed.planned: expected the date the visit had been due, on or "
                "before the date it took place ('2000-05-29'), got '2001'"
            ],
            id="due_after_it_took_place",
        ),
        # What the postponement followed must come before its announcement.
        pytest.param(
            (EV, "    secret: true\n", POSTPONED.replace("after: 1998-08-taepodong-1", "after: 2006-10-first-nuclear-test")),
            [
                "data/events/events.yaml:30:14: events[1].postponed.after: '2006-10-first-nuclear-test' ('2006-10-09') is dated "
                "after the postponement was announced ('1999-06-01'); expected the event it followed"
            ],
            id="tied_to_an_event_that_came_later",
        ),
        # An id that is not in the record is named, with the closest one.
        pytest.param(
            (EV, "    secret: true\n", POSTPONED.replace("after: 1998-08-taepodong-1", "after: 1998-08-taepodong-2")),
            [
                "data/events/events.yaml:30:14: events[1].postponed.after: unknown event '1998-08-taepodong-2'; expected an id "
                "from data/events/ (did you mean '1998-08-taepodong-1'?)"
            ],
            id="tied_to_an_unknown_event",
        ),
        pytest.param(
            (
                EV,
                "    secret: true\n",
                POSTPONED.replace("after: 1998-08-taepodong-1", "after: 2000-05-kim-jong-il-visits-china"),
            ),
            [
                "data/events/events.yaml:30:14: events[1].postponed.after: a visit cannot be postponed after itself; expected the "
                "event the sources tie it to"
            ],
            id="tied_to_itself",
        ),
        # A test is not postponed in this record; the problem points at the key.
        pytest.param(
            (
                EV,
                "    outcome: partial\n",
                "    outcome: partial\n" + POSTPONED.replace("    secret: true\n", "").replace("after: 1998-08-taepodong-1", ""),
            ),
            ["data/events/events.yaml:8:5: events[0].postponed: only for visit events; this event's kind is 'missile-launch'"],
            id="only_visits_are_postponed",
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
        # Equal dates are in order.
        pytest.param(
            (LAUNCH, "2000-05-taepodong-1"),
            [("date: 1998-08-31", "date: 2000-05-29")],
            [],
            id="an_event_with_the_date_of_the_one_above_is_in_order",
        ),
        # '2000-05' after '2000-05-01': the hint about partial dates applies from the month's first day.
        pytest.param(
            (TEST, "2000-05-first-nuclear-test"),
            [("date: 2000-05-29", "date: 2000-05-01"), ("date: 2006-10-09", "date: 2000-05")],
            [
                "data/events/events.yaml:35:11: events[2].date: '2000-05' is out of date order; move the entry further up, just "
                "before 2000-05-kim-jong-il-visits-china ('2000-05-01') (a date known only to the month goes before the dated "
                "events within it)"
            ],
            id="a_month_that_starts_on_the_day_above",
        ),
        # '2000-05' after '2000-05-31': ... and up to its last day.
        pytest.param(
            (TEST, "2000-05-first-nuclear-test"),
            [("date: 2000-05-29", "date: 2000-05-31"), ("date: 2006-10-09", "date: 2000-05")],
            [
                "data/events/events.yaml:35:11: events[2].date: '2000-05' is out of date order; move the entry further up, just "
                "before 2000-05-kim-jong-il-visits-china ('2000-05-31') (a date known only to the month goes before the dated "
                "events within it)"
            ],
            id="a_month_that_ends_on_the_day_above",
        ),
        # Two days: plainly out of order, without the partial-date hint.
        pytest.param(
            (TEST, "2000-05-first-nuclear-test"),
            [("date: 2006-10-09", "date: 2000-05-28")],
            [
                "data/events/events.yaml:35:11: events[2].date: '2000-05-28' is out of date order; move the entry further up, "
                "just before 2000-05-kim-jong-il-visits-china ('2000-05-29')"
            ],
            id="an_earlier_day_gets_no_hint",
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

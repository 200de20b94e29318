"""The claim checker: each assertion type at its boundaries, and the verdicts on the real data."""

from __future__ import annotations

import pytest

from lipsteeth.analyse.answer import scorecard
from lipsteeth.analyse.claims import CHAINED, CONSISTENT, CONTRADICTED, NOT_CHECKABLE, check, check_all, check_claim, label
from lipsteeth.analyse.placeholders import fill
from lipsteeth.data.dates import parse_duration
from lipsteeth.data.model import BetweenCheck, Claim, CountCheck, DateCheck, TimingCheck
from lipsteeth.data.validate import load_dataset

from ..conftest import LAUNCH, ROOT, TEST, TODAY, VISIT, dataset_of

EV = "events/events.yaml"


class TestDate:
    @pytest.mark.parametrize(
        ("period", "verdict"),
        [
            ("2000", CONSISTENT),
            ("2000-05", CONSISTENT),
            ("2000-05-30", CONSISTENT),
            ("2000-05-28", CONTRADICTED),
            ("2001", CONTRADICTED),
            ("2000-06", CONTRADICTED),
        ],
    )
    def test_period_must_meet_the_event(self, mini, period, verdict):
        """A 29–31 May visit happened in 2000, in May 2000 and on 30 May, but not on 28 May or in June."""
        finding = check(dataset_of(mini), DateCheck(check="date", event=VISIT, period=period))
        assert finding.verdict == verdict

    def test_month_precision_event_in_its_year_is_consistent(self, mini):
        """An event known to the month is 'in 2006'."""
        mini.replace(EV, "date: 2006-10-09", "date: 2006-10")
        assert check(dataset_of(mini), DateCheck(check="date", event=TEST, period="2006")).verdict == CONSISTENT

    def test_month_precision_event_cannot_confirm_a_day(self, mini):
        """An event known only to the month can neither confirm nor refute a claimed day in that month."""
        mini.replace(EV, "date: 2006-10-09", "date: 2006-10")
        assert check(dataset_of(mini), DateCheck(check="date", event=TEST, period="2006-10-09")).verdict == NOT_CHECKABLE

    def test_explanation_names_the_dates_and_the_source(self, mini):
        """The sentence says what the article says, what the record says, and whose page says it."""
        finding = check(dataset_of(mini), DateCheck(check="date", event=VISIT, period="2001"))
        assert finding.explanation == (
            "The article places “Kim Jong-il makes a secret visit to Beijing” in 2001; the record dates it 29–31 May 2000 [Example News]."
        )


class TestTiming:
    def timing(self, **kw):
        return TimingCheck(check="timing", event=VISIT, relation="after", reference=LAUNCH, **kw)

    @pytest.mark.parametrize(
        ("kw", "verdict"),
        [
            ({"less_than": "2 years"}, CONSISTENT),  # 637 days < 730.5
            ({"less_than": "1 year"}, CONTRADICTED),
            ({"more_than": "1 year"}, CONSISTENT),
            ({"more_than": "2 years"}, CONTRADICTED),
            ({"about": "21 months"}, CONSISTENT),  # 639 days ± 160
            ({"about": "1 year"}, CONTRADICTED),  # 365 ± 91 does not reach 637
            ({"about": "1 year", "tolerance": "9 months"}, CONSISTENT),  # the claim file can widen the tolerance
        ],
    )
    def test_durations(self, mini, kw, verdict):
        """less_than, more_than and about, with the default and an explicit tolerance."""
        assert check(dataset_of(mini), self.timing(**kw)).verdict == verdict

    def test_wrong_direction_is_contradicted(self, mini):
        """'B after A' is contradicted when B came first, whatever the duration."""
        finding = check(
            dataset_of(mini), TimingCheck(check="timing", event=LAUNCH, relation="after", reference=VISIT, less_than="5 years")
        )
        assert finding.verdict == CONTRADICTED
        assert finding.explanation.endswith("it came before, not after.")

    def test_boundary_is_exclusive_for_less_than(self, mini):
        """Exactly the duration is not 'less than' it: 637 days is not less than 637 days."""
        assert check(dataset_of(mini), self.timing(less_than="637 days")).verdict == CONTRADICTED
        assert check(dataset_of(mini), self.timing(less_than="638 days")).verdict == CONSISTENT

    def test_imprecise_dates_that_straddle_the_limit_are_not_checkable(self, mini):
        """A launch known only to the year could be 637 to 879 days before the visit."""
        mini.replace(EV, "date: 1998-08-31", "date: 1998")
        assert check(dataset_of(mini), self.timing(less_than="2 years")).verdict == NOT_CHECKABLE

    def test_parse_duration_rejects_vague_words(self):
        """'a while' is not a duration the checker can compare."""
        with pytest.raises(ValueError, match="expected a duration such as '3 months' or '2 years', got 'a while'"):
            parse_duration("a while")


class TestBetween:
    def test_inside(self, mini):
        """The visit lies between the launch and the test."""
        assert (
            check(dataset_of(mini), BetweenCheck(check="between", event=VISIT, after=LAUNCH, before=TEST)).verdict == CONSISTENT
        )

    def test_outside(self, mini):
        """The test does not lie between the launch and the visit."""
        finding = check(dataset_of(mini), BetweenCheck(check="between", event=TEST, after=LAUNCH, before=VISIT))
        assert finding.verdict == CONTRADICTED
        assert finding.explanation.endswith("after the second.")


class TestCount:
    def count(self, **kw):
        return CountCheck(check="count", **kw)

    def test_exact_count(self, mini):
        """One Kim Jong-il visit from North Korea to China in the record."""
        assert (
            check(dataset_of(mini), self.count(kind="visit", people=["kim-jong-il"], **{"from": "KP"}, equals=1)).verdict
            == CONSISTENT
        )
        assert (
            check(dataset_of(mini), self.count(kind="visit", people=["kim-jong-il"], **{"from": "KP"}, equals=2)).verdict
            == CONTRADICTED
        )

    def test_a_long_count_names_its_first_thirty_events(self, mini):
        """A count over thousands of events named every one in the claim's page; the first 30 are named, then how many more."""
        talks = "".join(
            f"\n  - id: 2010-talks-{n:02d}\n    date: 2010-01-{n + 1:02d}\n    kind: talks\n    title: Talks {n}\n"
            f"    summary: Talks.\n    sources:\n      - url: https://example.org/t\n        publisher: Example\n"
            f"        title: Talks\n"
            for n in range(31)
        )
        mini.write("events/events.yaml", mini.file("events/events.yaml").read_text() + talks)
        finding = check(dataset_of(mini), self.count(kind="talks", equals=31))
        assert finding.verdict == CONSISTENT
        assert finding.explanation.count("“Talks ") == 30
        assert finding.explanation.endswith("“Talks 29” (30 January 2010); and 1 more.")

    def test_window_from_events_excludes_the_bounds(self, mini):
        """Between the launch and the test there is one event, the visit."""
        assert check(dataset_of(mini), self.count(after=LAUNCH, before=TEST, equals=1)).verdict == CONSISTENT

    def test_the_explanation_says_what_was_counted(self, mini):
        """'None at top level': the filter is spelt out, so a reader sees what 'none' means."""
        finding = check(
            dataset_of(mini),
            self.count(kind="visit", **{"from": "KP"}, to="CN", levels=["top"], after=LAUNCH, before=TEST, equals=0),
        )
        assert finding.verdict == CONSISTENT
        assert finding.explanation == (
            "Counted: visits from North Korea to China at top level, after “Taepodong-1 flies over Japan”, "
            "before “First nuclear test”. The statement implies none; the record holds none."
        )

    def test_at_least(self, mini):
        """at_least is met by more."""
        assert check(dataset_of(mini), self.count(start="1998", until="2006", at_least=2)).verdict == CONSISTENT
        assert check(dataset_of(mini), self.count(start="1998", until="2006", at_least=4)).verdict == CONTRADICTED


class TestRealData:
    """The verdicts on the real data are what the sources say (see each event's sources)."""

    EXPECTED = {
        "hu-jintao-visit-in-2006": CONTRADICTED,  # 28–30 October 2005
        "second-nuclear-test-april-2009": CONTRADICTED,  # 25 May 2009
        "tests-in-february-2013-and-2016": CONTRADICTED,  # the fourth test was 6 January 2016
        "quit-six-party-talks-shortly-after-the-test": CHAINED,  # announced 14 April, before the misdated test
        "li-jianguo-visit-between-the-tests": CONTRADICTED,  # November 2012, before the third test
        "kim-jong-il-secret-visit-within-two-years": CONSISTENT,
        "kim-jong-il-three-visits-in-a-year": CONSISTENT,
        "choe-ryong-hae-in-china-twice": CONSISTENT,
        "hu-jintao-visit-a-year-before-the-test": CONSISTENT,
        "kim-jong-il-visit-three-months-after-hu": CONSISTENT,
        "kim-jong-il-january-2006-visit-after-the-test": CONTRADICTED,  # January 2006, nine months before the test
        "xi-elected-vice-president-before-his-visit": CONSISTENT,  # elected 15 March 2008, visit June 2008
        "xi-jinping-first-visit-2008": CONSISTENT,  # 2008, and no earlier visit by Xi in the record
    }

    def test_verdicts(self):
        """Each listed claim gets the verdict its sources support."""
        verdicts = check_all(load_dataset(ROOT / "data"))
        assert {k: verdicts[k].verdict for k in self.EXPECTED} == self.EXPECTED

    def test_flipping_an_event_date_flips_the_verdict(self, real_data):
        """Verdicts are computed, not stored: move Hu Jintao's visit into 2006 and the claim becomes consistent."""
        path = "events/1998-2011.yaml"
        real_data.replace(path, 'date: "2005-10-28"\n    end: "2005-10-30"', 'date: "2006-10-28"\n    end: "2006-10-30"')
        real_data.put_in_date_order(path)
        real_data.rename("2005-10-hu-jintao", "2006-10-hu-jintao")  # the id starts with the year of the date
        # The visit now also comes after the test it was said to precede, so that claim flips the other way.
        verdicts = check_all(load_dataset(real_data.path, today=TODAY))
        assert verdicts["hu-jintao-visit-in-2006"].verdict == CONSISTENT
        assert verdicts["hu-jintao-visit-a-year-before-the-test"].verdict == CONTRADICTED


class TestCombining:
    """A claim's verdict from its assertions' findings."""

    def claim(self, *assertions):
        return Claim(id="c", paragraph=1, quote="q", type="date", assertions=assertions)

    def test_a_contradiction_outweighs_an_undecidable_check(self, mini):
        """One contradicted and one not-checkable assertion, in either order: the claim is contradicted."""
        mini.replace(EV, "date: 2006-10-09", "date: 2006-10")
        dataset = dataset_of(mini)
        wrong = DateCheck(check="date", event=VISIT, period="2001")
        undecidable = DateCheck(check="date", event=TEST, period="2006-10-09")
        for order in ((wrong, undecidable), (undecidable, wrong)):
            verdict = check_claim(dataset, self.claim(*order))
            assert [f.verdict for f in verdict.findings] == [check(dataset, a).verdict for a in order]
            assert verdict.verdict == CONTRADICTED
            assert verdict.explanation == check(dataset, wrong).explanation

    def test_an_undecidable_check_outweighs_a_consistent_one(self, mini):
        """Consistent only when every assertion holds; one the record cannot decide makes it not checkable."""
        mini.replace(EV, "date: 2006-10-09", "date: 2006-10")
        dataset = dataset_of(mini)
        right = DateCheck(check="date", event=VISIT, period="2000")
        undecidable = DateCheck(check="date", event=TEST, period="2006-10-09")
        assert check_claim(dataset, self.claim(right, undecidable)).verdict == NOT_CHECKABLE
        assert check_claim(dataset, self.claim(right)).verdict == CONSISTENT


class TestChained:
    """A statement measured from a date the article got wrong holds only once that error is corrected."""

    ROOT = (
        "\n  - id: visit-in-2001\n    paragraph: 1\n    quote: Less than two years later, Kim Jong-il visited China in secret.\n"
        "    type: date\n    assertions:\n      - check: date\n        event: 2000-05-kim-jong-il-visits-china\n        period: 2001\n"
    )
    THIRD = ROOT.replace("visit-in-2001", "visit-in-2002").replace("period: 2001", "period: 2002")  # a third claim, for chains

    def test_a_dependant_of_a_contradicted_claim_is_chained(self, mini):
        """The timing claim holds against the record, but rests on a claim the record contradicts."""
        mini.write("claims.yaml", mini.file("claims.yaml").read_text() + "    depends_on: [visit-in-2001]\n" + self.ROOT)
        verdicts = check_all(dataset_of(mini))
        assert verdicts["visit-in-2001"].verdict == CONTRADICTED
        assert verdicts["secret-visit-within-two-years"].verdict == CHAINED
        assert verdicts["secret-visit-within-two-years"].roots == ("visit-in-2001",)
        card = scorecard(dataset_of(mini), verdicts)
        assert card.counts[CHAINED] == 1 and card.counts[CONTRADICTED] == 1
        assert card.chained_to == {"visit-in-2001": ("secret-visit-within-two-years",)}

    def test_a_dependant_of_a_sound_claim_is_judged_on_its_own(self, mini):
        mini.write(
            "claims.yaml",
            mini.file("claims.yaml").read_text()
            + "    depends_on: [visit-in-2001]\n"
            + self.ROOT.replace("period: 2001", "period: 2000"),
        )
        verdicts = check_all(dataset_of(mini))
        assert (
            verdicts["secret-visit-within-two-years"].verdict == CONSISTENT
            and verdicts["secret-visit-within-two-years"].roots == ()
        )

    def test_depends_on_must_name_another_claim(self, mini):
        mini.write(
            "claims.yaml",
            mini.file("claims.yaml").read_text() + "    depends_on: [secret-visit-within-two-years, no-such-claim]\n",
        )
        assert mini.problems() == [
            "data/claims.yaml:13:17: claims[0].depends_on: a claim cannot depend on itself",
            "data/claims.yaml:13:49: claims[0].depends_on[1]: unknown claim 'no-such-claim'; expected an id from data/claims.yaml",
        ]

    def test_a_cycle_of_dependencies_is_refused_and_named(self, mini):
        """Two contradicted claims that depend on each other would each excuse the other's error and the
        scorecard would show none; check refuses the cycle once, at the first claim, naming its claims."""
        mini.write(
            "claims.yaml",
            mini.file("claims.yaml").read_text()
            + "    depends_on: [visit-in-2001]\n"
            + self.ROOT
            + "    depends_on: [visit-in-2002]\n"
            + self.THIRD
            + "    depends_on: [secret-visit-within-two-years]\n",
        )
        assert mini.located() == [
            (
                "data/claims.yaml:13:18: claims[0].depends_on[0]: claims depend on each other in a cycle: "
                "secret-visit-within-two-years → visit-in-2001 → visit-in-2002 → secret-visit-within-two-years; a claim "
                "depends only on the claims whose date it is measured from, and none of those can depend back on it",
                ("claims", 0, "depends_on", 0),
                "visit-in-2001",
            )
        ]

    def test_a_chain_without_a_cycle_passes(self, mini):
        """a on b and c, b on c: no claim depends back on itself."""
        mini.write(
            "claims.yaml",
            mini.file("claims.yaml").read_text()
            + "    depends_on: [visit-in-2001, visit-in-2002]\n"
            + self.ROOT
            + "    depends_on: [visit-in-2002]\n"
            + self.THIRD,
        )
        assert mini.problems() == []


class TestPlaceholders:
    """Numbers in the editors' prose are placeholders filled from the record at every build."""

    def test_gaps_and_counts_are_filled_in(self, mini):
        dataset = dataset_of(mini)
        text = "The visit came {gap 1998-08-taepodong-1 2000-05-kim-jong-il-visits-china} after the launch; {visits 2000} visit; {tests 2000-2010} test."
        assert fill(text, dataset) == "The visit came 637 days after the launch; 1 visit; 1 test."

    @pytest.mark.parametrize(
        ("text", "edit", "before", "after"),
        [
            # The same visit counts as a leader's until its level says otherwise.
            pytest.param(
                "{leader-visits 2000} of {visits 2000-2001}",
                ("level: leader", "level: top"),
                "1 of 1",
                "0 of 1",
                id="leader_visits_count_only_leaders",
            ),
            pytest.param(
                "{next-visit 1998-08-taepodong-1} {next-senior-visit 1998-08-taepodong-1}",
                ("level: leader", "level: ministerial"),
                "637 days 637 days",
                "637 days no visit yet",
                id="the_next_senior_visit_skips_ministers",
            ),
            # The same text, with the visit a month later, says a month more.
            pytest.param(
                "{gap 1998-08-taepodong-1 2000-05-kim-jong-il-visits-china}",
                ("date: 2000-05-29\n    end: 2000-05-31", "date: 2000-06-29\n    end: 2000-06-30"),
                "637 days",
                "668 days",
                id="moving_an_event_changes_the_sentence",
            ),
        ],
    )
    def test_an_edit_to_the_record_changes_the_sentence(self, mini, text, edit, before, after):
        """The same prose says what the record says before and after one edit to the events."""
        assert fill(text, dataset_of(mini)) == before
        mini.replace("events/events.yaml", *edit)
        assert fill(text, dataset_of(mini)) == after

    def test_bad_placeholders_are_located(self, mini):
        mini.replace(
            "claims.yaml",
            "        less_than: 2 years\n",
            '        less_than: 2 years\n    note: "{gap 1998-08-taepodong-1 nowhere}, {days 3}, {visits 2010-2001} and {stray"\n',
        )
        assert mini.problems() == [
            "data/claims.yaml:13:11: claims[0].note: a '{' or '}' that is not part of a placeholder such as {gap A B}; write numbers as placeholders",
            "data/claims.yaml:13:11: claims[0].note: unknown placeholder {days 3}; expected one of: {gap}, {next-visit}, {next-senior-visit}, {visits}, {leader-visits}, {tests}, {trade}, {trade-change}",
            "data/claims.yaml:13:11: claims[0].note: {gap 1998-08-taepodong-1 nowhere}: unknown event 'nowhere'",
            "data/claims.yaml:13:11: claims[0].note: {visits 2010-2001}: expected years such as 2016 or 2016-2017, got '2010-2001'",
        ]


def test_the_scorecard_lists_claims_in_reading_order():
    """Within a paragraph, claims come in the order a reader meets their passages, not by id."""
    from lipsteeth.analyse.answer import answer
    from lipsteeth.render.claimpages import claims_index

    dataset = load_dataset(ROOT / "data")
    verdicts = check_all(dataset)
    page = claims_index(dataset, verdicts, answer(dataset, verdicts).scorecard)
    listed = [line for line in page.split("## All claims", 1)[1].splitlines() if line.startswith("- ¶5 ")]
    starts = ["“Historically, however", "“When North Korea launched", "“Less than two years", "“Chinese President Jiang"]
    assert [next(s for s in starts if s in line) for line in listed] == starts


class TestFirstIsTested:
    def test_an_earlier_visit_by_xi_contradicts_his_first(self, real_data):
        """'Xi's first visit to North Korea in 2008' tests 'first', not only the year: an earlier Xi visit contradicts it."""
        text = real_data.file("events/1998-2011.yaml").read_text(encoding="utf-8")
        earlier = text.replace("    people: [wang-jiarui, kim-jong-il", "    people: [wang-jiarui, xi-jinping, kim-jong-il", 1)
        assert earlier != text
        real_data.write("events/1998-2011.yaml", earlier)
        verdict = check_all(dataset_of(real_data))["xi-jinping-first-visit-2008"]
        assert verdict.verdict == CONTRADICTED
        assert "The statement implies none; the record holds 1" in verdict.explanation


class TestLeans:
    """An editors' assessment says which way it leans, on the claim page and in the ClaimReview rating."""

    ASSESSED_CLAIM = """
  - id: ties-were-never-broken
    paragraph: 1
    quote: Ties were never broken.
    type: interpretation
    leans: mixed
    assessment: Contact went on.
"""

    def test_the_page_and_the_rating_say_which_way(self, mini):
        from lipsteeth.render.claimpages import claim_page, claim_review

        mini.write("claims.yaml", mini.file("claims.yaml").read_text(encoding="utf-8") + self.ASSESSED_CLAIM)
        dataset = dataset_of(mini)
        claim = dataset.claim_by_id["ties-were-never-broken"]
        verdict = check_all(dataset)[claim.id]
        assert "## ◆ Editors' assessment: partly supported by the record" in claim_page(dataset, claim, verdict)
        assert claim_review(dataset, claim, verdict)["reviewRating"]["alternateName"] == (
            "Editors' assessment: partly supported by the record"
        )

    def test_without_leans_the_label_stays_plain(self, mini):
        mini.write(
            "claims.yaml",
            mini.file("claims.yaml").read_text(encoding="utf-8") + self.ASSESSED_CLAIM.replace("    leans: mixed\n", ""),
        )
        dataset = dataset_of(mini)
        assert label(check_all(dataset)["ties-were-never-broken"]) == "Editors' assessment"

    def test_leans_without_an_assessment_is_refused(self, mini):
        mini.replace("claims.yaml", "    type: timing\n", "    type: timing\n    leans: supports\n")
        assert mini.problems() == [
            "data/claims.yaml:6:5: claims[0].leans: 'leans' says which way an assessment goes; this claim has no 'assessment'"
        ]

    def test_a_name_claim_needs_an_assessment(self, mini):
        mini.write(
            "claims.yaml",
            mini.file("claims.yaml").read_text(encoding="utf-8")
            + "\n  - id: ties\n    paragraph: 1\n    quote: Ties were never broken.\n    type: name\n",
        )
        assert mini.problems() == [
            "data/claims.yaml:17:11: claims[1].type: a name claim needs an 'assessment': what the reference sources in the record "
            "say of the name or title"
        ]

    def test_every_assessment_in_the_record_leans(self):
        """A pedantic test on the real data: no assessment is left as a bare 'Editors' assessment'."""
        dataset = load_dataset(ROOT / "data")
        assert [c.id for c in dataset.claims if c.assessment and c.leans is None] == []


class TestRulings:
    """Each verdict is declared once, with its words and its symbol."""

    def test_each_is_told_apart_without_colour(self):
        """Badges show a symbol and words: no two verdicts may share either."""
        from lipsteeth.analyse.claims import Ruling

        assert len({r.symbol for r in Ruling}) == len({r.label for r in Ruling}) == len(Ruling)

    @pytest.mark.parametrize(
        ("claim_id", "text"),
        [
            ("hu-jintao-visit-in-2006", "contradicted"),
            ("quit-six-party-talks-shortly-after-the-test", "chained"),
            ("kim-jong-il-three-visits-in-a-year", "consistent"),
        ],
    )
    def test_the_downloads_and_the_page_read_one_declaration(self, claim_id, text):
        """The downloads write a verdict as its text; the page shows its symbol and label, from the same member."""
        import json

        from lipsteeth.render.claimpages import claim_page
        from lipsteeth.render.exports import claims_json

        dataset = load_dataset(ROOT / "data")
        verdicts = check_all(dataset)
        verdict = verdicts[claim_id]
        exported = {c["id"]: c for c in json.loads(claims_json(dataset, verdicts))}
        assert exported[claim_id]["verdict"] == text
        assert f"## {verdict.verdict.symbol} {verdict.verdict.label}" in claim_page(
            dataset, dataset.claim_by_id[claim_id], verdict
        )

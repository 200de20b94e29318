"""Postponed visits through every stage: the analysis counts them, the event and analysis pages say
them, the downloads carry them, the field reference documents them and `new` writes them."""

from __future__ import annotations

import csv
import io
import json

from lipsteeth.analyse.postponements import postponements
from lipsteeth.cli import main
from lipsteeth.render.exports import events_csv, events_json
from lipsteeth.render.pages import event_page
from lipsteeth.render.postponed import analysis_lines
from lipsteeth.render.reference import reference_page
from lipsteeth.urls import ANALYSIS

from ..conftest import LAUNCH, POSTPONED, TEST, VISIT, dataset_of

EV = "events/events.yaml"


def postpone(mini, after: str = LAUNCH) -> None:
    mini.replace(EV, "    secret: true\n", POSTPONED.replace(LAUNCH, after))


class TestCount:
    def test_a_visit_postponed_after_a_launch_counts_as_after_a_test(self, mini):
        """The wait runs from the announcement to the visit's first day."""
        postpone(mini)
        found = postponements(dataset_of(mini))
        assert [(p.visit.id, p.after.id, p.wait_days, p.approximate) for p in found.after_tests] == [(VISIT, LAUNCH, 363, False)]

    def test_none_recorded(self, mini):
        assert postponements(dataset_of(mini)).all == ()

    def test_a_postponement_tied_to_no_test_is_counted_apart(self, mini):
        """Without 'after' (or after an event that is not a test) it is postponed, but not after a test."""
        mini.replace(EV, "    secret: true\n", POSTPONED.replace("      after: 1998-08-taepodong-1\n", ""))
        found = postponements(dataset_of(mini))
        assert (len(found.all), found.after_tests) == (1, ())


class TestAnalysisSentence:
    def test_the_sentence_counts_what_the_record_holds(self, mini):
        """Computed: adding a postponement turns 'no visit' into 'one visit', with its dates and links."""
        before = "\n".join(analysis_lines(postponements(dataset_of(mini)), ANALYSIS))
        assert "No visit in the record is marked as postponed after a test." in before
        postpone(mini)
        after = "\n".join(analysis_lines(postponements(dataset_of(mini)), ANALYSIS))
        assert "One visit in the record was postponed after a test:" in after
        assert (
            "- [Kim Jong-il makes a secret visit to Beijing](events/2000-05-kim-jong-il-visits-china.md), due June 1999: "
            "put off on 1 June 1999, after [Taepodong-1 flies over Japan](events/1998-08-taepodong-1.md) (31 August 1998); "
            "it took place on 29 May 2000, 363 days after it was put off."
        ) in after

    def test_others_are_named_as_following_no_test(self, mini):
        mini.replace(EV, "    secret: true\n", POSTPONED.replace("      after: 1998-08-taepodong-1\n", ""))
        text = "\n".join(analysis_lines(postponements(dataset_of(mini)), ANALYSIS))
        assert "No visit in the record is marked as postponed after a test (one other postponed visit followed no test)." in text


class TestEventPage:
    def test_the_page_says_when_why_after_what_and_when_it_happened(self, mini):
        postpone(mini)
        dataset = dataset_of(mini)
        page = event_page(dataset, dataset.event_by_id[VISIT])
        assert (
            "## Postponed\n\n- **Postponement announced:** 1 June 1999\n- **Had been due:** June 1999\n"
            "- **Reason given:** The schedule at home.\n"
            "- **After:** [Taepodong-1 flies over Japan](1998-08-taepodong-1.md) (31 August 1998)\n"
            "- **Took place:** 29 May 2000, 363 days after the postponement was announced\n\nReported by:\n\n"
            '1. <a href="https://example.org/delay" class="lt-external" rel="noopener">Visit put off'
        ) in page

    def test_a_visit_not_postponed_has_no_section(self, mini):
        dataset = dataset_of(mini)
        assert "## Postponed" not in event_page(dataset, dataset.event_by_id[VISIT])

    def test_the_reason_is_escaped(self, mini):
        """Text from the data cannot inject HTML."""
        mini.replace(EV, "    secret: true\n", POSTPONED.replace("The schedule at home.", "<script>alert(1)</script>"))
        dataset = dataset_of(mini)
        assert "<script>" not in event_page(dataset, dataset.event_by_id[VISIT])


class TestExports:
    def test_the_csv_carries_the_postponement_and_leaves_it_empty_elsewhere(self, mini):
        postpone(mini)
        rows = {row["id"]: row for row in csv.DictReader(io.StringIO(events_csv(dataset_of(mini))))}
        assert {k: v for k, v in rows[VISIT].items() if k.startswith("postponed_")} == {
            "postponed_announced": "1999-06-01",
            "postponed_planned": "1999-06",
            "postponed_reason": "The schedule at home.",
            "postponed_after": LAUNCH,
            "postponed_source_urls": '["https://example.org/delay"]',
            "postponed_source_archives": '["https://web.archive.org/web/https://example.org/delay"]',
        }
        assert all(v == "" for k, v in rows[TEST].items() if k.startswith("postponed_"))

    def test_the_json_carries_it_as_the_model_holds_it(self, mini):
        postpone(mini)
        records = {r["id"]: r for r in json.loads(events_json(dataset_of(mini)))}
        assert records[VISIT]["postponed"]["announced"] == "1999-06-01"
        assert records[VISIT]["postponed"]["sources"][0]["title"] == "Visit put off"
        assert records[TEST]["postponed"] is None


def test_the_field_reference_documents_it():
    page = reference_page()
    assert "## Postponement" in page
    assert (
        "| `announced` | yes | date: YYYY, YYYY-MM or YYYY-MM-DD | When the postponement was announced or first reported." in page
    )


class TestNewCommand:
    def test_new_writes_a_postponed_visit_from_its_options(self, mini):
        code = main(
            ["--data", str(mini.path), "new", "event", "--date", "2001-09-03", "--kind", "visit", "--from", "CN", "--to", "KP",
             "--people", "jiang-zemin", "--purpose", "summit", "--level", "leader", "--title", "Jiang Zemin visits Pyongyang",
             "--summary", "A visit.", "--source-url", "https://example.org/a", "--source-publisher", "Example News",
             "--source-title", "Headline", "--postponed-announced", "2001-06-01", "--postponed-reason", "The schedule.",
             "--postponed-after", LAUNCH, "--postponed-source-url", "https://example.org/delay",
             "--postponed-source-publisher", "Example News", "--postponed-source-title", "Put off"]
        )  # fmt: skip
        assert code == 0
        text = mini.file(EV).read_text(encoding="utf-8")
        assert (
            '    postponed:\n      announced: "2001-06-01"\n      reason: The schedule.\n      after: 1998-08-taepodong-1\n'
            "      sources:\n        - url: https://example.org/delay\n          publisher: Example News\n"
            "          title: Put off\n"
        ) in text
        assert mini.problems() == []

    def test_a_bad_postponement_names_its_option(self, mini, capsys):
        code = main(
            ["--data", str(mini.path), "new", "event", "--date", "2001-09-03", "--kind", "visit", "--from", "CN", "--to", "KP",
             "--people", "jiang-zemin", "--purpose", "summit", "--level", "leader", "--title", "Jiang Zemin visits Pyongyang",
             "--summary", "A visit.", "--source-url", "https://example.org/a", "--source-publisher", "Example News",
             "--source-title", "Headline", "--postponed-announced", "2001-06-01", "--postponed-reason", "The schedule.",
             "--postponed-source-url", "javascript:alert(1)", "--postponed-source-publisher", "Example News",
             "--postponed-source-title", "Put off"]
        )  # fmt: skip
        assert code == 1
        assert (
            "--postponed-source-url: expected an http:// or https:// address, got 'javascript:alert(1)'"
            in capsys.readouterr().err
        )


def test_the_real_record_holds_chen_zhili_s_visit_postponed_after_the_2009_test():
    """The record's own postponement: announced 2 June 2009, after the May test; the visit came on 30 November."""
    from lipsteeth.data.validate import load_dataset

    from ..conftest import ROOT

    found = postponements(load_dataset(ROOT / "data"))
    assert [(p.visit.id, p.after.id, p.wait_days) for p in found.after_tests] == [
        ("2009-chen-zhili-visits-pyongyang", "2009-05-second-nuclear-test", 181)
    ]


def test_the_event_page_reads_the_wait_the_analysis_counted(mini):
    """The build hands each visit's postponement down from the analysis: the page says its wait, not one of its own."""
    import dataclasses

    postpone(mini)
    dataset = dataset_of(mini)
    visit = dataset.event_by_id[VISIT]
    counted = postponements(dataset).of(visit)
    assert counted.wait_days == 363
    page = event_page(dataset, visit, postponed=dataclasses.replace(counted, wait_days=7, approximate=True))
    assert "- **Took place:** 29 May 2000, about 7 days after the postponement was announced" in page

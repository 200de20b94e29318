"""Pedantic tests of the real dataset: its invariants, its order, its sources."""

from __future__ import annotations

import re
from collections import Counter

import pytest
import yaml

from lipsteeth.data.dates import PartialDate
from lipsteeth.data.validate import load_dataset
from lipsteeth.tools.editing import events_file_for

from ..conftest import ROOT

DATA = ROOT / "data"
# Offices held at an event that no stored source dates, so no role can cover them yet.
KNOWN_ROLE_GAPS = {
    (
        "2015-09-choe-ryong-hae-attends-beijing-parade",
        "choe-ryong-hae",
    ): "party secretary in 2015 (Korea Herald, 2 Sept 2015); start not sourced",
    ("2015-10-liu-yunshan-visits-pyongyang", "choe-ryong-hae"): "the same office, a month later",
}


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(DATA)


def test_each_nuclear_test_is_present_once(dataset):
    """Six tests, on the dates the sources give, none twice."""
    assert [e.date.iso() for e in dataset.by_kind["nuclear-test"]] == [
        "2006-10-09",
        "2009-05-25",
        "2013-02-12",
        "2016-01-06",
        "2016-09-09",
        "2017-09-03",
    ]


def test_every_visit_goes_between_china_and_north_korea(dataset):
    """Each visit has a direction, CN to KP or KP to CN."""
    assert {(e.from_, e.to) for e in dataset.by_kind["visit"]} == {("CN", "KP"), ("KP", "CN")}


def test_people_hold_a_recorded_role_at_their_events(dataset):
    """From 1999, a person named in an event holds one of their recorded roles on that date,
    unless the event lies before their first or after their last recorded role."""
    gaps = set()
    for event in dataset.events:
        if event.date.year < 1999:
            continue
        for person_id in event.people:
            roles = [r for r in dataset.person_by_id[person_id].roles if r.from_]
            if not roles:
                continue
            first = min(r.from_.first_day() for r in roles)
            last = max((r.to.last_day() if r.to else event.date.last_day()) for r in roles)
            if not first <= event.date.first_day() <= last:
                continue
            if not any(
                r.from_.first_day() <= event.date.last_day() and (r.to is None or event.date.first_day() <= r.to.last_day())
                for r in roles
            ):
                gaps.add((event.id, person_id))
    assert gaps == set(KNOWN_ROLE_GAPS)


def test_events_sit_in_the_file_for_their_year_in_date_order():
    """Editors find an event where they expect it: the file named for its years, by date."""
    for path in sorted((DATA / "events").glob("*.yaml")):
        events = yaml.safe_load(path.read_text(encoding="utf-8"))["events"]
        dates = [PartialDate.parse(str(e["date"])) for e in events]
        out_of_order = [events[i]["id"] for i in range(1, len(dates)) if dates[i] < dates[i - 1]]
        assert out_of_order == [], f"{path.name}: these should come earlier"
        misplaced = [e["id"] for e, d in zip(events, dates, strict=True) if events_file_for(DATA, d.year) != path]
        assert misplaced == [], f"{path.name}: these belong in another file"


def test_sources_are_distinct_web_pages(dataset):
    """Every event cites http(s) pages, none twice for the same event."""
    for event in dataset.events:
        urls = [s.url for s in event.sources]
        assert all(re.match(r"https?://", u) for u in urls), event.id
        assert len(urls) == len(set(urls)), event.id


# Hosts that republish Wikipedia; the record cites at most 2% of its sources from them (issue #15).
WIKIPEDIA_DERIVED = re.compile(
    r"wikipedia\.org|wikiwand|wikisum|wikimili|dbpedia|alchetron|infogalactic|en-academic|justapedia|everybodywiki|wiki2\.org"
)


def all_sources(dataset):
    for record in (*dataset.events, *dataset.people):
        for source in record.sources:
            yield record.id, source


# Headlines that are wholly in brackets on the page itself (read on the stored page, 2026-12-02).
BRACKETED_HEADLINES = {"[김정일 중국 인사 접촉사례]"}  # JoongAng Ilbo, 1991, https://www.joongang.co.kr/article/3924524


def looks_described(title: str) -> bool:
    """An editor's words in place of a headline: '(untitled item) …', '[a report of …]', '… (headline not shown)'.
    Korean headlines often open with a bracketed tag ('[뉴스브리핑]…'), so only a title wholly in brackets counts."""
    wholly_bracketed = title.startswith("[") and title.endswith("]") and title not in BRACKETED_HEADLINES
    return title.startswith("(untitled") or wholly_bracketed or "headline not shown" in title or "(from URL" in title


def test_source_titles_are_the_pages_own_headlines(dataset):
    """A title is the page's headline, never an editor's description of a page that shows none."""
    described = [(record_id, source.title) for record_id, source in all_sources(dataset) if looks_described(source.title)]
    assert described == []


def test_few_sources_are_wikipedia_derived(dataset):
    """Primary sources and news first: at most 2% of citations come from Wikipedia or its mirrors."""
    sources = [source for _, source in all_sources(dataset)]
    derived = [s.url for s in sources if WIKIPEDIA_DERIVED.search(s.url)]
    assert len(derived) <= 0.02 * len(sources), derived


def test_ids_are_unique_across_the_record(dataset):
    """No two records of any type share an id."""
    counts = Counter([e.id for e in dataset.events] + [p.id for p in dataset.people] + [c.id for c in dataset.claims])
    assert [i for i, n in counts.items() if n > 1] == []


def test_every_dated_statement_of_the_article_is_checked(dataset):
    """Paragraphs that give a year have at least one claim (the scorecard lists the others)."""
    dated = {n for n, text in enumerate(dataset.article.paragraphs, 1) if re.search(r"\b(19|20)\d\d\b", text)}
    assert dated - {c.paragraph for c in dataset.claims} == set()


@pytest.mark.parametrize(
    ("title", "described"),
    [
        ("(untitled item) Tang Jiaxuan returns from Pyongyang", True),
        ("[Li Changchun's delegation arrives in Pyongyang, 10 September 2004]", True),
        ("ASIL post on resolution 2375 (headline not shown)", True),
        ("North Korea admitted failure (from URL slug)", True),
        ("[뉴스브리핑]中 대외연락부장 내달 방북", False),
        ("(LEAD) N. Korea crowns leader Kim Jong-un as party's general secretary", False),
    ],
)
def test_the_description_reader_tells_headlines_from_descriptions(title, described):
    assert looks_described(title) is described

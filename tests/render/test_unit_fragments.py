"""The hand-written pages' fragments without a build (render.fragments, filled by render.embed): each
`<!-- lipsteeth:NAME -->` becomes its numbers from the data, and a name that is no fragment is refused."""

from __future__ import annotations

import re

import pytest

from lipsteeth.analyse.answer import answer
from lipsteeth.analyse.claims import check_all
from lipsteeth.charts.catalogue import CHARTS
from lipsteeth.render import embed
from lipsteeth.render.fragments import FRAGMENTS

from ..conftest import ROOT, dataset_of

PAGES = sorted(p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md"))
MARKER = re.compile(r"<!-- lipsteeth:([a-z -]+) -->")
FAKE_DRAWINGS = {name: f'<svg id="{name}"></svg>' for name in CHARTS}  # drawing is not tested here
A_SECOND_TEST = """
  - id: 2009-05-second-nuclear-test
    date: 2009-05-25
    kind: nuclear-test
    title: Second nuclear test
    summary: North Korea tests a second device.
    sources:
      - url: https://example.org/test2
        publisher: Example News
        title: A second test
"""


def filled(folder, markdown: str, page: str = "method.md") -> str:
    dataset = dataset_of(folder)
    return embed.fill_markers(markdown, page, FAKE_DRAWINGS, dataset, answer(dataset, check_all(dataset)))


def fragment(folder, name: str, page: str = "method.md") -> str:
    return filled(folder, f"before <!-- lipsteeth:{name} --> after", page).removeprefix("before ").removesuffix(" after")


# What each fragment says of the small fixture: one launch, one secret visit from North Korea led by
# Kim Jong-il in 2000, one nuclear test in 2006; no trade figures, no UN votes.
EXPECTED = {
    "nuclear-tests": "1",
    "un-resolutions": "0",
    "kim-jong-il-visits": "1",
    "kim-il-sung-visits": "0",
    "record-end": "9 October 2006",
    "annual-trade-years": "0",
    "trade-gaps": "The record holds no trade figures yet.\n",
    "closure-years": "any border closure",
    "record-counts": (
        "| Decade | China → North Korea | North Korea → China | Of which leaders | Of which top leadership |\n"
        "| --- | --- | --- | --- | --- |\n"
        "| 2000s | 0 | 1 | 1 | 0 |\n"
        "\n"
        "In all, 1 visits, 1 of them since 1999.\n"
    ),
}
# The longer fragments, by a piece each must hold.
HOLDS = {
    "downloads": "[events.csv](data/events.csv) (one row per record)",
    "chart-downloads": "### Chart: record",
    "findings": "Of its one checked statement, 1 agree with the record and 0 disagree",
    "known-gaps": "  - Qian Qichen's June 1991 visit (the stored pages show no headline);",
    "placeholders": "| `{gap A B}` | the time from the end of event A to the start of event B",
}


def test_every_fragment_is_covered_here():
    assert set(EXPECTED) | set(HOLDS) | {"answer"} == set(FRAGMENTS)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_fragment_states_the_fixture_s_numbers(mini, name):
    assert fragment(mini, name) == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(HOLDS))
def test_a_long_fragment_holds_its_piece(mini, name):
    assert HOLDS[name] in fragment(mini, name)


def test_the_answer_is_empty_until_the_record_can_give_one(mini):
    """The fixture has no visits after a test to weigh: the home page's answer says nothing rather than guess."""
    assert fragment(mini, "answer") == ""


def test_a_count_follows_the_data(mini):
    """Numbers in prose are computed: one more test in the record, one more in the sentence."""
    mini.write("events/events.yaml", mini.file("events/events.yaml").read_text(encoding="utf-8") + A_SECOND_TEST)
    assert fragment(mini, "nuclear-tests") == "2"
    assert fragment(mini, "record-end") == "25 May 2009"


def test_links_are_relative_to_the_page_that_holds_them(mini):
    assert "[events.csv](../data/events.csv)" in fragment(mini, "downloads", "contributing/index.md")


@pytest.mark.parametrize("page", [p for p in PAGES if MARKER.search((ROOT / "docs" / p).read_text(encoding="utf-8"))])
def test_every_marker_in_a_hand_written_page_is_filled(mini, page):
    """No marker survives, and a chart's becomes that chart (the page's own text is kept)."""
    markdown = (ROOT / "docs" / page).read_text(encoding="utf-8")
    assert embed.unknown_markers(markdown) == []
    result = filled(mini, markdown, page)
    assert MARKER.findall(result) == []
    for chart in re.findall(r"<!-- lipsteeth:chart ([a-z-]+) -->", markdown):
        assert f'<svg id="{chart}"></svg>' in result
    for line in markdown.splitlines():
        if line.strip() and not MARKER.search(line):
            assert line in result


@pytest.mark.parametrize(
    "marker",
    [
        "<!-- lipsteeth:nuclear-test -->",  # one letter short of a fragment
        "<!-- lipsteeth:chart records -->",  # one letter more than a chart
        "<!-- lipsteeth:chart nuclear-tests -->",  # a fragment called as a chart
        "<!-- lipsteeth:record -->",  # a chart called as a fragment
    ],
)
def test_a_name_that_is_no_fragment_or_chart_is_refused(marker):
    page = f"# Method\n\n<!-- lipsteeth:nuclear-tests --> tests.\n{marker}\n<!-- lipsteeth:chart record -->\n"
    assert embed.unknown_markers(page) == [marker]

"""The sentences #23 added are filled in from the record: change the record, and each one follows."""

from __future__ import annotations

import pytest

from lipsteeth.analyse.answer import answer
from lipsteeth.analyse.claims import check_all
from lipsteeth.render import analysis
from lipsteeth.render.findings import answer_lines, findings
from lipsteeth.urls import ANALYSIS

from ..conftest import dataset_of

LATE = "events/2017-today.yaml"
MIDDLE = "events/2012-2016.yaml"
LEADER_IN_2014 = """
  - id: 2014-08-leader-visits-pyongyang
    date: "2014-08-01"
    kind: visit
    title: A leader visits Pyongyang
    summary: A made-up visit.
    people: [xi-jinping]
    from: CN
    to: KP
    place: Pyongyang
    purpose: summit
    level: leader
    sources:
      - url: https://example.org/made-up
        publisher: Example News
        title: A made-up visit
"""


def texts(folder) -> tuple[str, str, str]:
    dataset = dataset_of(folder)
    found = answer(dataset, check_all(dataset))
    return (
        findings(found, "index.md"),
        answer_lines(found, "index.md"),
        analysis.analysis_page(dataset, found, findings(found, ANALYSIS)),
    )


@pytest.fixture
def before(real_data):
    return texts(real_data)


def test_the_run_without_leaders_follows_the_record(real_data, before):
    """A leader's visit in August 2014 splits 2012-2017: the run is no longer six years, and 2014 has a visit."""
    home, first, page = before
    assert "No paramount leader or head of state visited either way from 2012 to 2017" in home
    assert "none at all in 2014" in home and "no paramount leader or head of state visited from 2012 to 2017" in first
    text = real_data.file(MIDDLE).read_text()
    real_data.write(
        MIDDLE,
        text.replace(
            "  - id: 2014-07-xi-jinping-state-visit-seoul",
            LEADER_IN_2014.lstrip("\n") + "\n  - id: 2014-07-xi-jinping-state-visit-seoul",
        ),
    )
    real_data.put_in_date_order(MIDDLE)
    home, first, page = texts(real_data)
    assert "from 2012 to 2017" not in home and "none at all in 2014" not in home
    assert "Years with no visit at all: 2002 (the method lists known gaps in it)." in page


def test_the_votes_follow_the_record(real_data, before):
    home, first, page = before
    assert "China voted for all ten Security Council resolutions that imposed or tightened sanctions (2006 to 2017)" in home
    assert "**China joined the sanctions until it vetoed more in 2022.**" in home
    assert (
        "China's leader Xi Jinping went to Seoul on 3 July 2014, 1,813 days before his first visit to Pyongyang as leader."
        in home
    )
    real_data.replace(LATE, "china_vote: for\n    new_sanctions: true", "china_vote: abstain\n    new_sanctions: true")
    home, first, page = texts(real_data)
    assert (
        "China voted for nine of the ten Security Council resolutions that imposed or tightened sanctions (2006 to 2017)" in home
    )
    assert "China voted for nine of the ten" in first
    assert "**China joined most of the sanctions until it vetoed more in 2022.**" in home
    assert "**Votes.** China voted for nine of the ten" in page


def test_the_coding_of_the_briefings_follows_the_record(real_data, before):
    """Coded working, the briefings are read as envoys' in the alternative; code two of three as envoys'
    and the alternative reads them all as working."""
    home, first, page = before
    assert "Read as special envoys', the three post-congress briefings move that tier to the" in home
    assert "(working); [Li Jianguo" in page
    for event_id in ("2012-11-li-jianguo-visits-north-korea", "2017-11-song-tao-visits-pyongyang"):
        name = MIDDLE if event_id.startswith("2012") else LATE
        text = real_data.file(name).read_text()
        start = text.index(f"id: {event_id}")
        at = text.index("purpose: working", start)
        real_data.write(name, text[:at] + "purpose: special-envoy" + text[at + len("purpose: working") :])
    home, first, page = texts(real_data)
    assert "Read as working visits, the three post-congress briefings move that tier to the" in home
    assert "| Briefings read as working visits: mean percentile | p |" in page


def test_the_monthly_comparison_follows_the_record(real_data, before):
    home, first, page = before
    assert (
        "China's imports from the North were below the same month a year earlier in 10 of the 11 months compared from April 2017"
        in home
    )
    real_data.replace("series/trade.yaml", "imports: 167.7", "imports: 67.7")  # April 2016: April 2017 now rose
    home, first, page = texts(real_data)
    assert "below the same month a year earlier in 9 of the 11 months compared from April 2017" in home


def test_the_method_page_lists_the_known_gaps_the_analysis_flags():
    """One list serves both: the method page's unsourced visits are the ones silences are flagged with."""
    from lipsteeth.analyse.gaps import KNOWN_GAPS
    from lipsteeth.render.fragments import FRAGMENTS

    from ..conftest import ROOT

    assert "<!-- lipsteeth:known-gaps -->" in (ROOT / "docs" / "method.md").read_text(encoding="utf-8")
    listed = FRAGMENTS["known-gaps"](None, None, "method.md").splitlines()
    assert listed == [f"  - {gap.visit} ({gap.why}){';' if gap is not KNOWN_GAPS[-1] else ''}" for gap in KNOWN_GAPS]


def test_the_home_page_counts_the_visits_put_off_after_a_test(real_data, before):
    """The relations sentence names the visits postponed after a test, as the record holds them: tie
    the postponement to no event and the clause goes; the analysis page's limits point to the count."""
    _, first, page = before
    assert "one visit was put off after a test (NPC vice-chairwoman Chen Zhili" in first
    assert "after the test of 25 May 2009) ([postponed visits](analysis.md#postponed-visits))" in first
    assert "visits put off are counted apart" in page and "## Postponed visits" in page
    early = "events/1998-2011.yaml"
    real_data.write(early, real_data.file(early).read_text().replace("      after: 2009-05-second-nuclear-test\n", ""))
    _, first, page = texts(real_data)
    assert "put off after a test" not in first
    assert "No visit in the record is marked as postponed after a test" in page

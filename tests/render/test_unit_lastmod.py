"""Page dates without a build (render.lastmod): each generated page's date is the latest change to a
record it shows, and it reaches the page's front matter (and the sitemap through it). Hand-written pages' front matter: test_generate."""

from __future__ import annotations

import re

import pytest

from lipsteeth.charts.catalogue import CHARTS
from lipsteeth.data.validate import load_dataset
from lipsteeth.render import lastmod
from lipsteeth.site import plan_for

from ..conftest import LAUNCH, MINI, TEST, TODAY, VISIT

CLAIM = "secret-visit-within-two-years"
ERA = "eras/jiang-zemin-kim-jong-il.md"  # 1994-2002: the launch and the visit, not the test
# The day each record last changed, as git gives it: every record of the fixture but the test.
CHANGED = {
    LAUNCH: "2024-01-01",
    VISIT: "2025-03-04",
    "kim-jong-il": "2025-06-01",
    "jiang-zemin": "2023-01-01",
    CLAIM: "2022-02-02",
}
FAKE_DRAWINGS = {name: "<svg></svg>" for name in CHARTS}  # pages need a chart each; drawing them is not tested here


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(MINI, today=TODAY)


@pytest.fixture(scope="module")
def dates(dataset) -> dict[str, str]:
    return lastmod.page_dates(dataset, CHANGED)


def front_matter(page: str) -> str:
    return re.match(r"---\n(.*?)\n---\n", page, re.S)[1]


class TestPageDates:
    def test_an_event_page_is_dated_by_its_event(self, dates):
        assert dates[f"events/{LAUNCH}.md"] == "2024-01-01"
        assert dates[f"events/{VISIT}.md"] == "2025-03-04"

    def test_a_person_page_by_the_person_or_any_of_their_events(self, dates):
        """Jiang Zemin's own record is older than the visit he hosted: the visit's date counts."""
        assert dates["people/jiang-zemin.md"] == "2025-03-04"
        assert dates["people/kim-jong-il.md"] == "2025-06-01"

    def test_a_claim_page_by_the_claim_or_the_events_it_cites(self, dates):
        assert dates[f"claims/{CLAIM}.md"] == "2025-03-04"

    def test_year_kind_and_era_pages_by_the_events_they_list(self, dates):
        assert dates["years/1998.md"] == "2024-01-01"
        assert dates["years/2000.md"] == "2025-03-04"
        assert dates["kinds/missile-launch.md"] == "2024-01-01"
        assert dates["kinds/visit.md"] == "2025-03-04"
        assert dates[ERA] == "2025-06-01", "an era's page shows its two leaders too"

    def test_lists_by_their_records_and_the_whole_record_s_pages_by_any_change(self, dates):
        assert dates["timeline.md"] == dates["events/index.md"] == dates["years/index.md"] == "2025-03-04"
        assert dates["people/index.md"] == "2025-06-01"
        assert dates["article.md"] == dates["analysis.md"] == dates["claims/index.md"] == "2025-06-01"

    def test_a_page_whose_records_have_no_date_has_none(self, dates):
        """The test has no date in git (not committed yet): its page, year and kind get no lastmod at all."""
        assert not {f"events/{TEST}.md", "years/2006.md", "kinds/nuclear-test.md", "kinds/treaty.md"} & set(dates)

    def test_no_history_no_dates(self, dataset):
        assert lastmod.page_dates(dataset, {}) == {}

    def test_a_change_to_one_record_moves_only_the_pages_that_show_it(self, dataset, dates):
        later = lastmod.page_dates(dataset, {**CHANGED, LAUNCH: "2026-01-01"})
        moved = {page for page in later if later[page] != dates[page]}
        assert moved == {
            f"events/{LAUNCH}.md",
            "years/1998.md",
            "kinds/missile-launch.md",
            ERA,
            "timeline.md",
            "events/index.md",
            "years/index.md",
            "kinds/index.md",
            "eras/index.md",
            "article.md",
            "analysis.md",
            "claims/index.md",
            "data/changelog.md",
        }


class TestFrontMatter:
    def test_each_dated_page_carries_its_date(self, dataset, dates):
        """Every page with a date has it as `lastmod` in its front matter; the others have none."""
        files = plan_for(dataset, drawings=FAKE_DRAWINGS, record_dates=CHANGED)
        pages = {path: content for path, content in files.items() if path.endswith(".md")}
        assert set(dates) <= set(pages)
        for path, content in pages.items():
            found = re.findall(r"(?m)^lastmod: (.+)$", front_matter(content))
            assert found == ([dates[path]] if path in dates else []), path

    def test_the_date_goes_first_in_the_front_matter_and_nothing_else_moves(self):
        page = '---\nsearch: {"exclude": true}\n---\n\n# Title\n---\n'
        assert (
            lastmod.with_lastmod(page, "2025-01-02")
            == '---\nlastmod: 2025-01-02\nsearch: {"exclude": true}\n---\n\n# Title\n---\n'
        )

    def test_a_page_without_front_matter_is_left_alone(self):
        assert lastmod.with_lastmod("# Title\n---\n", "2025-01-02") == "# Title\n---\n"

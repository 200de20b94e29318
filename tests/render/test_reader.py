"""What a reader expects of a page (#27): when it last changed, how to cite it, and an archived copy
beside every source link. Unit tests of the generated Markdown; the whole-site check is in
test_publishing.py (an event page built from a git history, with the site's and repository's addresses)."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
import yaml

from lipsteeth.data.model import Postponement
from lipsteeth.render import citation, exports, pages
from lipsteeth.site import plan_for

from ..analyse.test_trade import observation, series_file
from ..conftest import ROOT, TEST, VISIT, dataset_of
from .test_pages import DRAWINGS

EV = "events/events.yaml"
CLAIM = "secret-visit-within-two-years"
PERSON = "kim-jong-il"
SITE = "https://example.org/lips/"
REPO = "https://github.com/example/lips-and-teeth"


def _plan(mini, **options):
    return plan_for(dataset_of(mini), drawings=DRAWINGS, **options)


class TestLastUpdated:
    def test_each_event_person_claim_and_analysis_page_says_when_it_last_changed(self, mini):
        dates = {VISIT: "2026-12-03", TEST: "2025-06-20", PERSON: "2024-01-10", CLAIM: "2025-01-02"}
        plan = _plan(mini, record_dates=dates)
        expected = {
            f"events/{VISIT}.md": ("2026-12-03", "3 December 2026"),
            f"people/{PERSON}.md": ("2026-12-03", "3 December 2026"),  # the person, or one of their events
            f"claims/{CLAIM}.md": ("2026-12-03", "3 December 2026"),  # the claim, or one of the events it cites
            "analysis.md": ("2026-12-03", "3 December 2026"),  # the newest of the data's dates
            f"events/{TEST}.md": ("2025-06-20", "20 June 2025"),
        }
        for page, (iso, shown) in expected.items():
            line = f'<p class="lt-updated">Last updated: <time datetime="{iso}">{shown}</time></p>'
            assert line in plan[page], page
            # right under the page's heading, and the same day the sitemap reads
            assert plan[page].split("\n# ", 1)[1].split("\n")[2] == line, page
            assert f"lastmod: {iso}\n" in plan[page]

    def test_without_a_date_from_the_history_the_line_is_left_out(self, mini):
        """A shallow clone or an uncommitted record gives no date: no line, never a wrong date."""
        plan = _plan(mini, record_dates={})
        for page in (f"events/{VISIT}.md", f"people/{PERSON}.md", f"claims/{CLAIM}.md", "analysis.md"):
            assert "Last updated" not in plan[page] and "last updated" not in plan[page]

    def test_only_the_pages_a_reader_cites_carry_it(self, mini):
        plan = _plan(mini, record_dates={VISIT: "2026-12-03"})
        assert "lt-updated" not in plan["years/2000.md"]
        assert "lt-updated" not in plan["timeline.md"]


class TestCiteThisPage:
    def test_the_block_names_title_site_date_address_and_repository(self, mini):
        plan = _plan(mini, record_dates={VISIT: "2026-12-03"}, site_url=SITE, repo_url=REPO)
        page = plan[f"events/{VISIT}.md"]
        assert "## Cite this page" in page
        assert (
            '<p class="lt-cite">“Kim Jong-il makes a secret visit to Beijing”, <i>Lips and Teeth</i>, last updated '
            f'3 December 2026. <a href="{SITE}events/{VISIT}/">{SITE}events/{VISIT}/</a>.</p>'
        ) in page
        assert f'<p class="lt-cite-repository">Data and code: <a href="{REPO}">{REPO}</a>.</p>' in page

    def test_on_claim_and_analysis_pages_too_but_not_on_people(self, mini):
        plan = _plan(mini, site_url=SITE)
        assert f'<a href="{SITE}claims/{CLAIM}/">' in plan[f"claims/{CLAIM}.md"].split("## Cite this page")[1]
        assert f'“Tests and visits”, <i>Lips and Teeth</i>. <a href="{SITE}analysis/">' in plan["analysis.md"]
        assert "Cite this page" not in plan[f"people/{PERSON}.md"]

    def test_without_the_site_address_it_gives_the_path_and_no_date_or_repository(self, mini):
        page = _plan(mini)[f"events/{VISIT}.md"]
        block = page.split("## Cite this page", 1)[1]
        assert f"<code>events/{VISIT}/</code>" in block
        assert "last updated" not in block and "Data and code" not in block and "href" not in block

    def test_everything_in_it_is_escaped(self):
        lines = citation.cite_block(
            'A <script>alert(1)</script> *bold* "title"',
            f"events/{VISIT}.md",
            None,
            'https://x.org/"><b>/',
            "javascript:alert(1)",
        )
        block = "\n".join(lines)
        assert "<script>" not in block and "*bold*" not in block and "<b>" not in block
        assert "&lt;script&gt;" in block and "&#42;bold&#42;" in block
        assert 'href="https://x.org/&quot;&gt;&lt;b&gt;/events/' in block
        assert "javascript" not in block  # a repository address that is not http(s) is left out

    def test_the_deployment_passes_the_repository_address_as_it_passes_the_site_address(self):
        class EnvLoader(yaml.SafeLoader):
            pass

        EnvLoader.add_constructor("!ENV", lambda loader, node: ("ENV", loader.construct_sequence(node)))
        EnvLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, suffix, node: suffix)
        config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=EnvLoader)  # noqa: S506
        assert config["repo_url"] == ("ENV", ["REPO_URL", None])
        deploy = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
        (build,) = [s for s in deploy["jobs"]["build"]["steps"] if s.get("name") == "Build the site"]
        assert build["env"]["REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"

    def test_the_theme_does_not_ask_the_repository_host_for_its_stars(self):
        """With repo_url set, the theme's header links the repository; its script would fetch the
        repository's facts from the host's API unless the link lacks data-md-component="source"."""
        partial = (ROOT / "overrides" / "partials" / "source.html").read_text(encoding="utf-8")
        assert "md-source" in partial and "data-md-component" not in partial.split("-#}", 1)[1]


class TestArchivedCopies:
    def test_every_source_link_has_a_wayback_copy_without_an_invented_date(self, mini):
        page = _plan(mini)[f"events/{VISIT}.md"]
        sources = page.split("## Sources", 1)[1].split("## Context")[0]
        assert (
            '(<a href="https://web.archive.org/web/https://example.org/visit" class="lt-archived" rel="noopener">archived copy'
        ) in sources

    def test_an_editors_archived_copy_is_used_instead(self, mini):
        given = "https://web.archive.org/web/20000601000000/https://example.org/visit"
        mini.replace(EV, "        title: Kim in Beijing\n", f"        title: Kim in Beijing\n        archive: {given}\n")
        plan = _plan(mini)
        assert f'<a href="{given}" class="lt-archived"' in plan[f"events/{VISIT}.md"]
        assert "https://web.archive.org/web/https://example.org/visit" not in plan[f"events/{VISIT}.md"]
        # the claim page lists the event's sources with the same copy
        assert f'<a href="{given}" class="lt-archived"' in plan[f"claims/{CLAIM}.md"]

    def test_postponements_sources_have_archived_copies(self, mini):
        dataset = dataset_of(mini)
        visit = dataset.event_by_id[VISIT]
        source = visit.sources[0]
        postponed = visit.model_copy(update={"postponed": Postponement(announced="2000-04", reason="r", sources=(source,))})
        page = pages.event_page(dataset, postponed)
        reported = page.split("Reported by:", 1)[1].split("##")[0]
        assert 'href="https://web.archive.org/web/https://example.org/visit" class="lt-archived"' in reported

    @pytest.mark.parametrize(
        ("given", "expected"),
        [
            (
                "https://example.org/copy",
                "expected an archived copy's address on one of web.archive.org, archive.today, archive.ph, archive.is, got 'example.org'",
            ),
            ("ftp://web.archive.org/x", "expected an http:// or https:// address"),
            ("https://web.archive.org.evil.example/x", "expected an archived copy's address on one of"),
        ],
    )
    def test_an_archive_elsewhere_is_refused_with_its_place(self, mini, given, expected):
        mini.replace(EV, "        title: Kim in Beijing\n", f"        title: Kim in Beijing\n        archive: {given}\n")
        (problem,) = mini.problems()
        assert re.match(r"data/events/events\.yaml:30:\d+: events\[1\]\.sources\[0\]\.archive: ", problem), problem
        assert expected in problem

    def test_archive_today_is_accepted(self, mini):
        mini.replace(
            EV, "        title: Kim in Beijing\n", "        title: Kim in Beijing\n        archive: https://archive.ph/AbC12\n"
        )
        assert mini.problems() == []

    def test_the_field_is_in_the_editors_schema_and_reference(self):
        schema = (ROOT / "data" / "schemas" / "events.schema.json").read_text(encoding="utf-8")
        assert '"archive"' in schema and "web\\\\.archive\\\\.org" in schema
        from lipsteeth.render.reference import reference_page

        assert "archive" in reference_page() and "Wayback Machine" in reference_page()

    def test_the_contributing_page_mentions_it(self):
        page = (ROOT / "docs" / "contributing" / "index.md").read_text(encoding="utf-8")
        assert "archive:" in page


class TestArchivedCopiesInTheDownloads:
    """Trade figures' sources are listed only in the downloads: their archived copies are there too."""

    def test_the_events_csv_gives_each_sources_copy_in_order(self, mini):
        given = "https://archive.ph/AbC12"
        mini.replace(EV, "        title: Kim in Beijing\n", f"        title: Kim in Beijing\n        archive: {given}\n")
        rows = {r["id"]: r for r in csv.DictReader(io.StringIO(exports.events_csv(dataset_of(mini))))}
        assert json.loads(rows[VISIT]["source_archives"]) == [given]
        test_urls = json.loads(rows[TEST]["source_urls"])
        assert json.loads(rows[TEST]["source_archives"]) == [f"https://web.archive.org/web/{u}" for u in test_urls]

    def test_the_trade_download_gives_each_sources_copy(self, mini):
        given = "https://web.archive.org/web/2006/https://example.org/t2"
        (mini.path / "series").mkdir()
        mini.write("series/trade.yaml", series_file(observation("2005", total=100), observation("2006", total=90)))
        mini.replace(
            "series/trade.yaml", "https://example.org/t\n", "https://example.org/t\n            archive: " + given + "\n"
        )
        rows = list(csv.DictReader(io.StringIO(exports.trade_csv(dataset_of(mini)))))
        assert [json.loads(r["source_archives"]) for r in rows] == [
            [given],
            ["https://web.archive.org/web/https://example.org/t"],
        ]

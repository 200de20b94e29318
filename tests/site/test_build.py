"""End-to-end: the whole site built by MkDocs from the real data, and from broken data."""

from __future__ import annotations

import csv
import json
import os
import signal
import stat
import subprocess
import sys
import time

import pytest

from lipsteeth.charts.catalogue import CHARTS
from lipsteeth.data.validate import load_dataset
from lipsteeth.tools.run_mkdocs import mkdocs_environment, write_stamp

from ..conftest import MINI, ROOT, make_project, mkdocs_build

pytestmark = pytest.mark.slow


class TestRealSite:
    def test_every_event_person_and_year_has_a_page(self, real_site):
        """One page per event at /events/<id>/, per person and per year."""
        dataset = load_dataset(ROOT / "data")
        missing = [e.id for e in dataset.events if not (real_site / "events" / e.id / "index.html").is_file()]
        missing += [p.id for p in dataset.people if not (real_site / "people" / p.id / "index.html").is_file()]
        missing += [
            str(y) for y in {e.date.year for e in dataset.events} if not (real_site / "years" / str(y) / "index.html").is_file()
        ]
        assert missing == []

    def test_exports_parse_and_match_the_data(self, real_site):
        """events.json, events.csv, people.json and claims.json parse and hold every record."""
        dataset = load_dataset(ROOT / "data")
        events = json.loads((real_site / "data" / "events.json").read_text())
        assert [e["id"] for e in events] == [e.id for e in dataset.events]
        assert set(events[0]) >= {"id", "date", "end", "kind", "title", "people", "from", "to", "place", "sources", "url"}
        rows = list(csv.DictReader((real_site / "data" / "events.csv").open(encoding="utf-8")))
        assert [r["id"] for r in rows] == [e.id for e in dataset.events]
        people = json.loads((real_site / "data" / "people.json").read_text())
        assert len(people) == len(dataset.people)
        claims = json.loads((real_site / "data" / "claims.json").read_text())
        assert [c["id"] for c in claims] == [c.id for c in dataset.claims]

    def test_no_page_requests_another_host(self, real_site):
        """No web fonts, no CDN: nothing in the built HTML loads from elsewhere (links out are fine)."""
        offenders = []
        for page in real_site.rglob("*.html"):
            html = page.read_text(encoding="utf-8")
            if (
                "fonts.googleapis" in html
                or "fonts.gstatic" in html
                or 'src="http' in html
                or '<link rel="stylesheet" href="http' in html
            ):
                offenders.append(page.relative_to(real_site).as_posix())
        assert offenders == []


class TestBrokenData:
    def test_bad_data_fails_with_located_errors_and_no_traceback(self, tmp_path):
        """The build stops before writing anything, with the same messages as `lipsteeth check`."""
        project = make_project(tmp_path, MINI)
        events = project / "data" / "events" / "events.yaml"
        events.write_text(events.read_text().replace("kind: nuclear-test", "kind: bomb"))
        site = tmp_path / "site"
        result = mkdocs_build(project, site)
        assert result.returncode != 0
        assert "data/events/events.yaml:36:11: events[2].kind: expected one of:" in result.stderr
        assert "Traceback" not in result.stderr
        assert not (site / "events").exists()

    def test_lipsteeth_build_keeps_the_previous_site_when_the_data_breaks(self, tmp_path):
        """build_site swaps a finished site into place; a failed build leaves the old one whole."""
        from lipsteeth.tools.run_mkdocs import build_site

        project = make_project(tmp_path, MINI)
        site = tmp_path / "site"
        assert build_site(project, site) == 0
        before = sorted(p.relative_to(site) for p in site.rglob("*"))
        events = project / "data" / "events" / "events.yaml"
        events.write_text(events.read_text().replace("date: 2006-10-09", "date: 2006-13-09"))
        assert build_site(project, site) != 0
        assert sorted(p.relative_to(site) for p in site.rglob("*")) == before

    def test_a_plain_mkdocs_build_that_fails_after_validation_keeps_the_site(self, tmp_path, monkeypatch):
        """`mkdocs build` cleans the site folder after on_pre_build: the whole plan is made before,
        so a failure in our rendering (here a forced one) leaves the previous site where it was."""
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        import lipsteeth.site

        project = make_project(tmp_path, MINI)
        site = tmp_path / "site"
        site.mkdir()
        (site / "index.html").write_text("the last good site")

        def broken(*args, **kwargs):
            raise RuntimeError("a bug in rendering")

        monkeypatch.setattr(lipsteeth.site, "plan_for", broken)
        monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
        with pytest.raises(Exception, match="a bug in rendering"):
            build(config)
        assert (site / "index.html").read_text() == "the last good site"

    def test_lipsteeth_build_makes_a_site_anyone_can_serve(self, tmp_path):
        """The temporary folder is private (0700); the finished site follows the umask (0755 here)."""
        from lipsteeth.tools.run_mkdocs import build_site

        project = make_project(tmp_path, MINI)
        old = os.umask(0o022)
        try:
            assert build_site(project, tmp_path / "site") == 0
        finally:
            os.umask(old)
        assert stat.S_IMODE((tmp_path / "site").stat().st_mode) == 0o755
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site-")] == []

    def test_sigterm_during_lipsteeth_build_stops_mkdocs_and_cleans_up(self, tmp_path):
        """Stopped mid-build: no MkDocs process is left running, no .site-* folder is left behind,
        and the previous site is untouched."""
        site = tmp_path / "site"
        site.mkdir()
        (site / "index.html").write_text("the last good site")
        write_stamp(site)  # a site a previous build made: the build may replace it
        command = [sys.executable, "-m", "lipsteeth.cli", "build", "--site-dir", str(site)]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + 30
        while not [p for p in tmp_path.iterdir() if p.name.startswith(".site-")] and time.monotonic() < deadline:
            time.sleep(0.02)  # until the build has started
        time.sleep(0.3)
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        time.sleep(0.2)
        survivors = subprocess.run(["pgrep", "-s", str(process.pid)], capture_output=True, text=True).stdout.split()
        assert survivors == []
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site-")] == []
        assert (site / "index.html").read_text() == "the last good site"


ATTACK = "<img src=x onerror=alert(1)></title><script>alert(2)</script> [x](javascript:alert(3))"
NAME = "<b onmouseover=alert(5)>Kim</b>"
QUOTE = "</script><script>alert(4)</script>"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The small fixture with markup in an event title, a person's name and a claimed quote."""
    tmp = tmp_path_factory.mktemp("hostile")
    project = make_project(tmp, MINI)
    data = project / "data"
    _replace(data / "events" / "events.yaml", "title: First nuclear test", f"title: '{ATTACK}'")
    _replace(data / "people.yaml", "name: Kim Jong-il", f"name: '{NAME}'")
    _replace(data / "article.yaml", "detonated a nuclear device.", f"detonated a nuclear device. {QUOTE}")
    claims = data / "claims.yaml"
    claims.write_text(
        claims.read_text()
        + f"\n  - id: hostile\n    paragraph: 2\n    quote: '{QUOTE}'\n    type: interpretation\n    assessment: x\n"
    )
    result = mkdocs_build(project, tmp / "site")
    assert result.returncode == 0, result.stderr
    return tmp / "site"


class TestEscaping:
    @pytest.mark.parametrize(
        "page",
        [
            "events/2006-10-first-nuclear-test",
            "timeline",
            "",
            "people/kim-jong-il",
            "people",
            "article",
            "claims/hostile",
            "claims",
        ],
    )
    def test_markup_from_the_data_shows_as_text_everywhere(self, hostile_site, page):
        """Body, <title>, meta description, chart tooltips, JSON-LD: no element or script from the data."""
        html = (hostile_site / page / "index.html").read_text(encoding="utf-8")
        for live in ("<img src=x", "<script>alert", 'href="javascript:', "<b onmouseover"):
            assert live not in html, (page, live)

    def test_the_html_title_is_escaped(self, hostile_site):
        """Jinja's striptags would turn &lt; back into <: the <title> must stay escaped."""
        html = (hostile_site / "events" / "2006-10-first-nuclear-test" / "index.html").read_text(encoding="utf-8")
        title = html.split("<title>")[1].split("</title>")[0]
        assert title.startswith("&lt;img src=x onerror=alert(1)&gt;&lt;/title&gt;&lt;script&gt;")

    def test_json_ld_cannot_close_its_script(self, hostile_site):
        """The ClaimReview block holds the quote with < and > escaped as JSON unicode escapes."""
        html = (hostile_site / "claims" / "hostile" / "index.html").read_text(encoding="utf-8")
        block = html.split('<script type="application/ld+json">')[1].split("</script>")[0]
        assert "\\u003c/script\\u003e\\u003cscript\\u003ealert(4)" in block
        assert json.loads(block)["claimReviewed"] == QUOTE

    def test_search_index_holds_text_not_markup(self, hostile_site):
        """The search results are shown as HTML: names and titles in the index are escaped."""
        index = (hostile_site / "search" / "search_index.json").read_text(encoding="utf-8")
        assert "<b onmouseover" not in index and "<img src=x" not in index
        assert "&lt;b onmouseover=alert(5)&gt;Kim&lt;/b&gt;" in index


def _replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


class TestSearchIndex:
    def test_events_are_found_by_every_spelling_of_their_people(self, real_site):
        """One entry per event page, carrying native-script names and romanization variants."""
        index = json.loads((real_site / "search" / "search_index.json").read_text(encoding="utf-8"))
        entry = next(d for d in index["docs"] if d["location"] == "events/2000-05-kim-jong-il-visits-beijing/")
        assert "김정일" in entry["text"] and "Kim Jong Il" in entry["text"]
        assert not [d for d in index["docs"] if d["location"].startswith("events/2000-05-kim-jong-il-visits-beijing/#")]

    def test_hand_written_pages_keep_their_full_text(self, real_site):
        """The method page is still searchable by its prose."""
        index = json.loads((real_site / "search" / "search_index.json").read_text(encoding="utf-8"))
        method = " ".join(d["text"] for d in index["docs"] if d["location"].startswith("method/"))
        assert "absence of evidence" in method or "An absence from the record" in method


class TestReproducible:
    def test_two_builds_of_the_same_commit_are_byte_identical(self, tmp_path):
        """With SOURCE_DATE_EPOCH set, sitemaps and the search index included, nothing differs
        between a cold build (the one test that draws every chart and preview afresh, as a fresh
        clone does) and a warm one from its cache."""
        project = make_project(tmp_path, ROOT / "data", cache=False)
        env = {"SOURCE_DATE_EPOCH": "1780000000", "SITE_URL": "https://example.org/lt/"}
        sites = []
        for name in ("one", "two"):
            site = tmp_path / name
            assert mkdocs_build(project, site, env=env).returncode == 0
            sites.append({p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()})
        assert sorted(sites[0]) == sorted(sites[1])
        assert [name for name in sites[0] if sites[0][name] != sites[1][name]] == []
        assert "sitemap.xml" in sites[0] and b"<loc>https://example.org/lt/" in sites[0]["sitemap.xml"]


def test_whole_site_builds_of_a_run_share_one_warm_cache(real_site, tmp_path):
    """The real record's second build in a test run finds every chart and preview already drawn (pages
    whose image would be the same, such as two of one title in one section and year, share one)."""
    cache = make_project(tmp_path, ROOT / "data") / ".cache" / "lipsteeth"
    drawn = {p.read_bytes() for p in (real_site / "assets" / "previews").glob("*.png")}
    assert {p.read_bytes() for p in (cache / "previews").glob("*.png")} == drawn
    stored = sorted(p.name.rpartition("-")[0] for p in (cache / "charts").glob("*.svg"))  # each finished, and its drawing
    assert stored == sorted([*CHARTS, *(f"{name}.drawn" for name in CHARTS)])


NO_FONTS = """
import sys
from lipsteeth.charts import preview_cache

def no_fonts(requests, workers=None):
    raise RuntimeError("no fonts here")

preview_cache.draw_all = no_fonts
from mkdocs.__main__ import cli
cli(["build", "--strict", "--quiet", "-f", sys.argv[1], "-d", sys.argv[2]])
"""


def test_sharing_images_that_cannot_be_drawn_fail_the_build_with_a_message(tmp_path):
    """Drawn behind the build, while MkDocs converts the pages: their failure still fails it, told in one line."""
    project = make_project(tmp_path, MINI, cache=False)
    command = [sys.executable, "-c", NO_FONTS, str(project / "mkdocs.yml"), str(tmp_path / "site")]
    run = subprocess.run(command, capture_output=True, text=True, env=mkdocs_environment(project), check=False)
    assert run.returncode == 1
    assert "lipsteeth: the sharing images could not be drawn: RuntimeError: no fonts here" in run.stderr
    assert "Traceback" not in run.stderr
    assert not (project / ".cache" / "site-src.inputs.json").exists()  # not taken for a finished run

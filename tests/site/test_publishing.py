"""Publishing (#18): pages that share and index well, data people can load, the files a
well-kept open-data project carries, each judged the way its users' tools would judge it."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import struct
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml

from lipsteeth.charts.catalogue import CHARTS
from lipsteeth.render.exports import events_csv
from lipsteeth.render.markup import native_names

from ..conftest import MINI, ROOT, TEST, VISIT, dataset_of, make_project, mkdocs_build

SITE_URL = "https://example.org/lips/"  # a sub-path, as GitHub Pages serves a project site
OLD_ID = "2000-05-kim-jong-il-visits-china-old"


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The small fixture built as the deployment builds it (SITE_URL under a sub-path), with one
    event renamed so that its former id is kept as an alias."""
    tmp = tmp_path_factory.mktemp("published")
    project = make_project(tmp, MINI)
    _replace(
        project / "data" / "events" / "events.yaml",
        "    people: [kim-jong-il, jiang-zemin]",
        f"    aliases: [{OLD_ID}]\n    people: [kim-jong-il, jiang-zemin]",
    )
    result = mkdocs_build(project, tmp / "site", env={"SITE_URL": SITE_URL, "SOURCE_DATE_EPOCH": "1780000000"})
    assert result.returncode == 0, result.stderr
    return tmp / "site"


def _theme_pages(site: Path) -> list[Path]:
    """Every page the theme renders (redirect pages are bare HTML of their own)."""
    return [p for p in site.rglob("*.html") if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")]


def _meta(html: str) -> dict[str, str]:
    return dict(re.findall(r'<meta (?:property|name)="((?:og|twitter):[a-z:_]+)" content="([^"]*)"', html))


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


@pytest.mark.slow
class TestSharing:
    def test_every_page_has_open_graph_and_twitter_tags_with_a_local_image(self, published):
        """Title, description, type, canonical URL and a 1200 × 630 image that the build wrote itself."""
        problems = []
        pages = _theme_pages(published)
        assert len(pages) > 20
        for page in pages:
            where = page.relative_to(published).as_posix()
            meta = _meta(page.read_text(encoding="utf-8"))
            missing = {"og:title", "og:description", "og:type", "og:image", "twitter:card", "twitter:image"} - set(meta)
            if where != "404.html":
                missing |= {"og:url"} - set(meta)
            if missing:
                problems.append((where, sorted(missing)))
                continue
            image = meta["og:image"]
            if not image.startswith(SITE_URL):
                problems.append((where, image))
                continue
            local = published / image.removeprefix(SITE_URL)
            if not local.is_file() or _png_size(local.read_bytes()) != (1200, 630):
                problems.append((where, "no 1200x630 PNG at " + image))
        assert problems == []

    def test_each_event_shares_its_own_preview_and_address(self, published):
        html = (published / "events" / TEST / "index.html").read_text(encoding="utf-8")
        meta = _meta(html)
        assert meta["og:url"] == f"{SITE_URL}events/{TEST}/"
        assert meta["og:title"] == "First nuclear test"
        assert meta["og:type"] == "article"
        home = _meta((published / "index.html").read_text(encoding="utf-8"))
        assert home["og:type"] == "website" and home["og:image"] != meta["og:image"]

    def test_robots_txt_points_at_the_sitemap(self, published):
        robots = (published / "robots.txt").read_text(encoding="utf-8")
        assert robots.splitlines() == ["User-agent: *", "Allow: /", f"Sitemap: {SITE_URL}sitemap.xml"]

    def test_the_404_page_finds_its_styles_and_scripts_under_the_sub_path(self, published):
        """GitHub Pages serves 404.html at any depth, so its assets must be addressed from the root."""
        html = (published / "404.html").read_text(encoding="utf-8")
        assets = re.findall(r'(?:href|src)="([^"]+\.(?:css|js))"', html)
        assert assets, "the 404 page links no stylesheet"
        wrong = [a for a in assets if not a.startswith("/lips/") or not (published / a.removeprefix("/lips/")).is_file()]
        assert wrong == []

    def test_a_former_id_redirects_to_the_event(self, published):
        """The old address still answers, sends readers on, and tells search engines where the page is now."""
        html = (published / "events" / OLD_ID / "index.html").read_text(encoding="utf-8")
        assert f'<meta http-equiv="refresh" content="0; url=../{VISIT}/">' in html
        assert f'<link rel="canonical" href="../{VISIT}/">' in html
        assert (published / "events" / VISIT / "index.html").is_file()

    def test_events_is_a_page_listing_every_event(self, published):
        html = (published / "events" / "index.html").read_text(encoding="utf-8")
        ids = {e.id for e in dataset_of_mini().events}
        assert {i for i in ids if f'href="../events/{i}/"' in html or f'href="{i}/"' in html} == ids

    def test_names_in_korean_and_chinese_are_marked_with_their_language(self, published):
        """Screen readers and fonts pick the right voice and glyphs for Hangul and Hanzi."""
        korean = (published / "people" / "kim-jong-il" / "index.html").read_text(encoding="utf-8")
        assert '<span lang="ko">김정일</span>' in korean
        assert '<span lang="ko">金正日</span>' in korean  # a Korean name in hanja is Korean, not Chinese
        chinese = (published / "people" / "jiang-zemin" / "index.html").read_text(encoding="utf-8")
        assert '<span lang="zh">江泽民</span>' in chinese


def dataset_of_mini():
    from lipsteeth.data.validate import load_dataset

    from ..conftest import TODAY

    return load_dataset(MINI, today=TODAY)


def test_native_names_are_escaped_inside_their_language_spans():
    from lipsteeth.data.model import Names, Person

    person = Person(id="k", name="K", country="KP", names=Names(hangul="<b>김</b>", hanzi="金"))
    assert native_names(person) == ['<span lang="ko">&lt;b&gt;김&lt;/b&gt;</span>', '<span lang="ko">金</span>']


class TestSitemapDates:
    """The sitemap's <lastmod> says when each page's own data last changed, from git."""

    @pytest.mark.slow
    @pytest.mark.git
    def test_a_changed_event_is_dated_by_its_own_commit(self, tmp_path):
        project = make_project(tmp_path, MINI)

        def commit(message: str, day: str) -> None:
            when = f"{day}T12:00:00+00:00"
            env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
            for command in (["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", message]):
                subprocess.run(["git", "-C", str(project), *command], check=True, env=env, capture_output=True)

        subprocess.run(["git", "init", "-q", str(project)], check=True)
        commit("the record", "2024-01-10")
        _replace(
            project / "data" / "events" / "events.yaml",
            "summary: North Korea tests a nuclear device.",
            "summary: North Korea tests a nuclear device underground.",
        )
        commit("a better summary", "2025-06-20")
        repo_url = "https://github.com/example/lips-and-teeth"
        result = mkdocs_build(project, tmp_path / "site", env={"SITE_URL": SITE_URL, "REPO_URL": repo_url})
        assert result.returncode == 0, result.stderr
        # What a reader sees on the event page (#27): the day it last changed, how to cite it, archived sources.
        page = (tmp_path / "site" / "events" / TEST / "index.html").read_text(encoding="utf-8")
        assert '<p class="lt-updated">Last updated: <time datetime="2025-06-20">20 June 2025</time></p>' in page
        assert 'id="cite-this-page"' in page
        assert (
            "“First nuclear test”, <i>Lips and Teeth</i>, last updated 20 June 2025. "
            f'<a href="{SITE_URL}events/{TEST}/">{SITE_URL}events/{TEST}/</a>.'
        ) in page
        assert f'Data and code: <a href="{repo_url}">{repo_url}</a>.' in page
        sources = page.split('id="sources"', 1)[1].split('id="context"', 1)[0]
        originals = re.findall(r'<a href="([^"]+)" class="lt-external"', sources)
        archived = re.findall(r'<a href="([^"]+)" class="lt-archived"', sources)
        assert originals and archived == [f"https://web.archive.org/web/{url}" for url in originals]
        assert 'data-md-component="source"' not in page  # the theme's repository link fetches nothing
        tree = ElementTree.parse(tmp_path / "site" / "sitemap.xml")
        ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
        lastmod = {u.findtext("s:loc", namespaces=ns): u.findtext("s:lastmod", namespaces=ns) for u in tree.findall("s:url", ns)}
        assert lastmod[f"{SITE_URL}events/{TEST}/"] == "2025-06-20"
        assert lastmod[f"{SITE_URL}events/{VISIT}/"] == "2024-01-10"
        assert lastmod[f"{SITE_URL}years/2006/"] == "2025-06-20"
        assert lastmod[f"{SITE_URL}years/2000/"] == "2024-01-10"


class TestDownloads:
    def test_the_csv_says_how_precise_each_date_is(self, mini):
        """A month-only date is never read as the 1st: its precision and first and last days are columns."""
        mini.replace("events/events.yaml", "date: 2006-10-09", "date: 2006-10")
        rows = {r["id"]: r for r in csv.DictReader(io.StringIO(events_csv(dataset_of(mini))))}
        assert (rows[TEST]["date"], rows[TEST]["date_precision"], rows[TEST]["first_day"], rows[TEST]["last_day"]) == (
            "2006-10",
            "month",
            "2006-10-01",
            "2006-10-31",
        )
        assert rows[VISIT]["date_precision"] == "day"

    def test_the_csv_names_each_source(self, mini):
        rows = {r["id"]: r for r in csv.DictReader(io.StringIO(events_csv(dataset_of(mini))))}
        urls, publishers, titles = (json.loads(rows[VISIT][f"source_{n}"]) for n in ("urls", "publishers", "titles"))
        assert urls[0].startswith("http") and all(publishers) and all(titles)
        assert len(urls) == len(publishers) == len(titles)

    def test_the_csv_links_each_record_to_its_page(self, mini):
        rows = {r["id"]: r for r in csv.DictReader(io.StringIO(events_csv(dataset_of(mini), SITE_URL)))}
        assert rows[TEST]["url"] == f"{SITE_URL}events/{TEST}/"

    @pytest.mark.slow
    def test_the_data_package_validates_with_frictionless(self, published):
        """The tool a data user would load it with finds every table and every typed cell valid."""
        import frictionless

        report = frictionless.validate(published / "data" / "datapackage.json")
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
        package = json.loads((published / "data" / "datapackage.json").read_text(encoding="utf-8"))
        described = {r["path"] for r in package["resources"]}
        written = {
            p.relative_to(published / "data").as_posix()
            for p in (published / "data").rglob("*")
            if p.suffix in (".csv", ".json") and p.name != "datapackage.json"
        }
        assert {f"charts/{name}.csv" for name in CHARTS} <= written
        assert described == written

    @pytest.mark.slow
    def test_each_chart_links_its_data_beside_it(self, published):
        """Each chart's caption links its CSV, and the link resolves to the file in the built site."""
        seen, shown = set(), set()
        for page in ("timeline", "analysis"):
            html = (published / page / "index.html").read_text(encoding="utf-8")
            shown |= {f"{name}.csv" for name in re.findall(r'<svg [^>]*class="lt-chart lt-([a-z-]+)"', html)}
            for caption in re.findall(r"<figcaption>(.*?)</figcaption>", html, re.S):
                (href,) = re.findall(r'<a href="([^"]+)" download>Download the data \(CSV\)</a>', caption)
                target = (published / page / href).resolve()
                assert target.is_file() and target.read_text(encoding="utf-8").count("\n") > 1, href
                seen.add(target.name)
        assert seen == shown and "record.csv" in seen  # the small fixture shows some charts; the real record all (crawl)

    @pytest.mark.slow
    def test_the_data_page_lists_every_column_of_every_csv(self, published):
        html = (published / "data" / "index.html").read_text(encoding="utf-8")
        for table in (published / "data").rglob("*.csv"):
            header = next(csv.reader(table.open(encoding="utf-8")))
            missing = [c for c in header if f"<code>{c}</code>" not in html]
            assert missing == [], table.name


class TestProjectFiles:
    def test_the_licences_the_readme_names_are_there(self):
        readme = (ROOT / "README.md").read_text(encoding="utf-8")
        assert "MIT" in readme and "CC BY 4.0" in readme
        assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
        data = (ROOT / "LICENSE-DATA").read_text(encoding="utf-8")
        assert "Attribution 4.0 International" in data

    def test_citation_cff_is_valid(self):
        """Validated against the Citation File Format schema that check-jsonschema ships (the one
        GitHub's "Cite this repository" and cffconvert follow)."""
        tool = Path(sys.executable).parent / "check-jsonschema"
        command = [str(tool), "--builtin-schema", "vendor.citation-file-format", str(ROOT / "CITATION.cff")]
        result = subprocess.run(command, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr

    def test_the_citation_check_would_catch_a_broken_file(self, tmp_path):
        """The schema check is not a formality: a wrong cff-version and a missing title both fail it."""
        broken = (ROOT / "CITATION.cff").read_text(encoding="utf-8").replace("cff-version: 1.2.0", "cff-version: 9")
        broken = "\n".join(line for line in broken.splitlines() if not line.startswith("title:"))
        (tmp_path / "CITATION.cff").write_text(broken, encoding="utf-8")
        tool = Path(sys.executable).parent / "check-jsonschema"
        command = [str(tool), "--builtin-schema", "vendor.citation-file-format", str(tmp_path / "CITATION.cff")]
        result = subprocess.run(command, capture_output=True, text=True)
        assert result.returncode == 1
        assert "cff-version" in result.stdout and "'title' is a required property" in result.stdout

    def test_citation_cff_carries_the_version_and_release_date(self):
        import tomllib

        cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
        version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
        assert str(cff["version"]) == version
        assert isinstance(cff["date-released"], dt.date)


@pytest.mark.parametrize("page", ["docs/contributing/index.md", "CONTRIBUTING.md"])
def test_the_trade_series_has_its_own_section(page):
    """Both guides explain the trade file, with the fields the model really has; the site's page names
    every series the data holds, by its id."""
    from lipsteeth.data.model import Observation, Series

    text = (ROOT / page).read_text(encoding="utf-8")
    assert "data/series/trade.yaml" in text
    for name in ("derived", "missing"):
        assert f"`{name}`" in text
    assert {"derived", "note"} <= set(Observation.model_fields) and "missing" in Series.model_fields
    if page.startswith("docs/"):
        section = text.split("## Trade figures", 1)[1].split("\n## ", 1)[0]
        written = set(re.findall(r"`([a-z]+(?:-[a-z]+)+)`", section))
        series = yaml.safe_load((ROOT / "data" / "series" / "trade.yaml").read_text(encoding="utf-8"))["series"]
        assert {s["id"] for s in series} <= written


def test_a_preview_reads_the_event_s_year_from_its_date_not_its_id():
    """The sharing image marks the year of the event's date; the id is an address, not a source of facts
    (check ties the two, and nothing relies on it). A former id, answered by a redirect, marks none."""
    import dataclasses

    from lipsteeth.data.dates import PartialDate
    from lipsteeth.site import page_year

    mini = dataset_of_mini()
    moved = tuple(
        e.model_copy(update={"date": PartialDate(1999, 8, 31)}) if e.id == "1998-08-taepodong-1" else e for e in mini.events
    )
    dataset = dataclasses.replace(mini, events=moved)
    assert page_year(dataset, "events/1998-08-taepodong-1/") == 1999
    assert page_year(dataset, "/events/unknown-id/") is None
    assert page_year(dataset, "years/2006/") == 2006
    assert page_year(dataset, "people/kim-jong-il/") is None

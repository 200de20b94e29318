"""The site plan: every generated file, as {docs-relative path: content} (`plan_for`), and the
per-change caches of what it is made from. `generate` writes the plan, with the rest of the
site's sources, for any engine to build; nothing here depends on one.
"""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path

from . import urls
from .analyse import kept
from .analyse.answer import Answer, answer
from .analyse.claims import Verdict, check_all
from .charts import cache, preview_cache, strips
from .data.dataset import Dataset
from .data.files import fingerprint
from .data.validate import load_dataset
from .gcpause import gc_paused
from .history import Changes, data_commits, file_dates, head_commit, record_dates
from .render import analysis, changelog, claimpages, embed, exports, lastmod, lists, reference, sections
from .render.findings import findings


def chart_cache(data_dir: Path) -> Path:
    return data_dir.parent / ".cache" / "lipsteeth" / "charts"


def load_once(data_dir: Path, found: tuple | None = None, *, keep_parses: bool = False):
    """The validated dataset, read again only when a data file changed since the last call (`found`:
    the files' fingerprint, when the caller has just taken it); `keep_parses`: see load_dataset's `reuse`.

    One MkDocs build asks for it at several steps (before the build, for the pages, for the
    search index); this keeps that to one read without state that outlives the files."""
    return _load_for(data_dir, found if found is not None else fingerprint(data_dir), keep_parses)


@functools.lru_cache(maxsize=1)
def _load_for(data_dir: Path, _fingerprint: tuple, keep_parses: bool):
    return load_dataset(data_dir, reuse=keep_parses)  # the files a save left as they were are not parsed again


def answer_once(data_dir: Path, dataset: Dataset, verdicts: dict[str, Verdict]) -> Answer:
    """The answer to the article's question, worked out again only when something it reads changed
    since the last call for this data folder: under `mkdocs serve`, a new title reuses it (analyse.kept)."""
    return _kept_answer(data_dir).answer(dataset, verdicts)


@functools.lru_cache(maxsize=1)
def _kept_answer(_data_dir: Path) -> kept.KeptAnswer:
    return kept.KeptAnswer()


def doc_dates_once(repo: Path) -> dict[str, str]:
    """When each hand-written page under docs/ last changed in git, by its path inside docs/: read
    once per commit checked out (kept for the server's life, a commit made meanwhile went unseen)."""
    return _doc_dates(repo, head_commit(repo))


@functools.lru_cache(maxsize=4)
def _doc_dates(repo: Path, _head: str | None) -> dict[str, str]:
    docs = repo / "docs"
    return {path.removeprefix("docs/"): date for path, date in file_dates(repo, sorted(docs.rglob(urls.PAGES))).items()}


def preview_requests(pages: list[tuple[str, str, int | None]], site_name: str) -> list[preview_cache.Request]:
    """What each page's sharing image (charts.previews) shows: a page given as its title, its address
    and the year it is about (`page_year`), marked on its timeline."""
    return [
        (html.unescape(re.sub(r"<[^>]+>", "", title)), sections.preview_label(page_url) or site_name, year, site_name)
        for title, page_url, year in pages
    ]


def previews(data_dir: Path) -> preview_cache.Store:
    """The sharing images, kept beside the charts' cache (one store for the process's life: `prune`
    forgets what no page asked for since the last prune)."""
    return _previews(chart_cache(data_dir).parent / "previews")


def page_year(dataset: Dataset, page_url: str) -> int | None:
    """The year a page is about: an event's from its date (never from its id), a year page's own."""
    return sections.page_year(dataset, page_url)


def prune_previews(data_dir: Path) -> int:
    """After a whole build: forget the cached previews that none of its pages asked for."""
    return previews(data_dir).prune()


@functools.lru_cache(maxsize=1)
def _previews(folder: Path) -> preview_cache.Store:
    return preview_cache.Store(folder)


def history_once(repo: Path, files: tuple[Path, ...]) -> tuple[Changes, dict[str, str]]:
    """The changelog's commits and each record's last-changed day: read from git once per commit
    checked out (both read HEAD only), not at every save of a data file under `mkdocs serve`."""
    return _history_for(repo, files, head_commit(repo))


@functools.lru_cache(maxsize=4)
def _history_for(repo: Path, files: tuple[Path, ...], _head: str | None) -> tuple[Changes, dict[str, str]]:
    return data_commits(repo), record_dates(repo, list(files))


@gc_paused()
def plan_for(
    dataset: Dataset,
    history: list[tuple[str, str]] = (),
    drawings: cache.Drawings | None = None,
    answered: Answer | None = None,
    verdicts: dict | None = None,
    record_dates: dict[str, str] | None = None,
    site_url: str | None = None,
    repo_url: str | None = None,
) -> dict[str, str | bytes]:
    """Every generated file. Claims are checked, charts drawn and the question answered here, unless given.
    The days pages last changed (`record_dates`, from git) are shown on the pages and given to the sitemap."""
    record_dates = record_dates or {}
    dates = lastmod.page_dates(dataset, record_dates)
    verdicts = verdicts if verdicts is not None else check_all(dataset)
    answered = answered or answer(dataset, verdicts)
    drawings = drawings if drawings is not None else cache.draw_all(dataset, None, answered.tests)
    files: dict[str, str | bytes] = {
        urls.TIMELINE: lists.timeline_page(dataset, embed.chart_block(drawings, "record", urls.TIMELINE)),
        urls.ARTICLE: claimpages.annotated_article(dataset, verdicts),
        urls.ANALYSIS: analysis.analysis_page(
            dataset,
            answered,
            findings(answered, urls.ANALYSIS),
            embed.chart_block(drawings, "test-to-visit", urls.ANALYSIS),
            embed.chart_block(drawings, "visits-per-year", urls.ANALYSIS),
            embed.chart_block(drawings, "trade", urls.ANALYSIS),
            embed.chart_block(drawings, "levels-per-year", urls.ANALYSIS),
            updated=dates.get(urls.ANALYSIS),
            site_url=site_url,
            repo_url=repo_url,
        ),
        urls.FIELD_REFERENCE: reference.reference_page(),
        urls.MARKS_CSS: strips.palette_css() + lists.kind_filter_css(),
        urls.EVENTS_JSON: exports.events_json(dataset, site_url),
        urls.EVENTS_CSV: exports.events_csv(dataset, site_url),
        urls.PEOPLE_JSON: exports.people_json(dataset, site_url),
        urls.PEOPLE_CSV: exports.people_csv(dataset, site_url),
        urls.CHANGELOG: changelog.changelog_page(list(history), shallow=getattr(history, "shallow", False)),
        urls.CLAIMS_JSON: exports.claims_json(dataset, verdicts, site_url),
        urls.CLAIMS_CSV: exports.claims_csv(dataset, verdicts, site_url),
        urls.DATAPACKAGE: exports.datapackage(dataset, site_url),
        urls.ROBOTS: robots(site_url),
        urls.TRADE_JSON: exports.trade_json(dataset),
        urls.TRADE_CSV: exports.trade_csv(dataset, site_url),
    }
    for name in exports.CHART_TABLES:  # the numbers behind each chart, beside it in its caption
        files[urls.chart_csv(name)] = exports.chart_csv(name, dataset, answered, site_url)
    build = sections.Build(dataset, verdicts, answered, record_dates, dates, site_url, repo_url)
    for section in sections.SECTIONS:  # a page per record, the index, and redirects from former names
        files |= section.files(build)
    for page, date in dates.items():
        files[page] = lastmod.with_lastmod(files[page], date)
    return dict(sorted(files.items()))


def robots(site_url: str | None) -> str:
    """Everything may be crawled; the sitemap's address is absolute when the site's is known."""
    sitemap = f"Sitemap: {site_url.rstrip('/')}/sitemap.xml\n" if site_url else ""
    return f"User-agent: *\nAllow: /\n{sitemap}"

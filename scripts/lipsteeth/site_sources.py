"""The site's sources, computed: the data read, validated and analysed once per change of its files
(one `Snapshot`, which every later step reads), then every file of the engine's folder (`every_file`):
the generated pages and downloads, the hand-written pages with their charts and fragments filled in,
their assets, and each page's sharing image. `generate` writes them; it imports this module only
when there is something to compute (see generate.py).
"""

from __future__ import annotations

import fnmatch
import functools
import html
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import bidi, clock, site, urls
from .analyse.answer import Answer, answer
from .analyse.claims import Verdict, check_all
from .charts import cache, preview_cache
from .charts.preview_cache import Request
from .data.dataset import Dataset
from .data.files import data_files, fingerprint
from .errors import DataError, Problem
from .render import embed, searchindex

# The addresses whose pages get their search entries from the data, not from the theme's indexer
# (the search index's one declaration, handed to the MkDocs adapter through `generate`).
INDEXED_FROM_DATA = searchindex.GENERATED_SECTIONS


@dataclass(frozen=True, eq=False)  # compared by identity: one snapshot per state of the data
class Snapshot:
    """Everything computed from one state of the data: each later step reads it, none recomputes it."""

    data_dir: Path
    fingerprint: tuple  # the data files as they were when read (data.files.fingerprint)
    dataset: Dataset
    verdicts: dict[str, Verdict]
    answered: Answer
    drawings: cache.Drawings
    record_dates: dict[str, str]
    search_entries: list[dict]


def snapshot(data_dir: Path) -> Snapshot:
    """The data read, validated and analysed once per change of its files."""
    return snapshot_for(data_dir, fingerprint(data_dir))


@functools.lru_cache(maxsize=1)
def snapshot_for(data_dir: Path, fingerprint: tuple, keep_parses: bool = False) -> Snapshot:
    with clock.stage("validate"):
        dataset = site.load_once(data_dir, fingerprint, keep_parses=keep_parses)
    with clock.stage("analyse"):
        verdicts = check_all(dataset)
        # Under serve, the answer the last save left is reused when this one changed nothing it reads.
        answered = site.answer_once(data_dir, dataset, verdicts) if keep_parses else answer(dataset, verdicts)
    with clock.stage("charts"):
        drawings = cache.draw_all(dataset, site.chart_cache(data_dir), answered.tests)  # the waits: the answer's
    with clock.stage("history"):
        record_dates = site.history_once(data_dir.parent, tuple(data_files(data_dir)))[1]
    with clock.stage("search"):
        search_entries = searchindex.generated_entries(dataset)
    return Snapshot(
        data_dir=data_dir,
        fingerprint=fingerprint,
        dataset=dataset,
        verdicts=verdicts,
        answered=answered,
        drawings=drawings,
        record_dates=record_dates,
        search_entries=search_entries,
    )


def every_file(
    root: Path,
    data_dir: Path,
    found: Snapshot,
    site_url: str | None,
    *,
    previews: bool = True,
    repo_url: str | None = None,
    draw_later: bool = False,
) -> tuple[dict[str, bytes], dict[str, Request]]:
    """Every file of the site's sources, by its path in the folder: generated pages and downloads,
    the hand-written pages with their fragments filled in, their assets, and each page's sharing
    image. With `draw_later`, the sharing images missing from the cache are not drawn but returned as
    what each shows, by path, for the caller to draw (`draw_previews`, or `draw_previews_beside`
    behind a build); otherwise that is empty."""
    with clock.stage("history"):
        dates = site.doc_dates_once(root)
        history = site.history_once(data_dir.parent, tuple(data_files(data_dir)))[0]
    with clock.stage("pages"):
        files: dict[str, str | bytes] = dict(_plan(data_dir, site_url, found, history, repo_url))
        for path in sorted(p for p in (root / "docs").rglob("*") if p.is_file()):
            name = path.relative_to(root / "docs").as_posix()
            if path.match(urls.PAGES):
                files[name] = with_front_matter(_filled(path, name, found), {"lastmod": dates.get(name)})
            else:
                files[name] = path.read_bytes()
    with clock.stage("previews"):
        images, missing = sharing_images(root, files, data_dir, found.dataset, drawn=previews)
        files |= images
        if not draw_later:
            files |= draw_previews(data_dir, missing)
            missing = {}
    return {name: content.encode() if isinstance(content, str) else content for name, content in sorted(files.items())}, missing


@functools.lru_cache(maxsize=1)
def _plan(data_dir: Path, site_url: str | None, found: Snapshot, history, repo_url: str | None = None) -> dict[str, str | bytes]:
    return site.plan_for(
        found.dataset,
        history=history,
        drawings=found.drawings,
        answered=found.answered,
        verdicts=found.verdicts,
        record_dates=found.record_dates,
        site_url=site_url,
        repo_url=repo_url,
    )


def _filled(path: Path, name: str, found: Snapshot) -> str:
    """A hand-written page with its charts and fragments filled in from the snapshot."""
    markdown = path.read_text(encoding="utf-8")
    unknown = embed.unknown_markers(markdown)
    if unknown:
        line = markdown[: markdown.index(unknown[0])].count("\n") + 1
        where = f"docs/{name}"
        raise DataError([Problem(where, line, 1, f"no chart or fragment is called {', '.join(unknown)}")])
    return embed.fill_markers(markdown, name, found.drawings, found.dataset, found.answered)


def with_front_matter(markdown: str, fields: dict[str, str | None]) -> str:
    """`markdown` with `fields` (those with a value) added to its front matter, which is made if missing."""
    lines = "".join(f"{key}: {value}\n" for key, value in fields.items() if value)
    if not lines:
        return markdown
    if markdown.startswith("---\n"):
        return "---\n" + lines + markdown.removeprefix("---\n")
    return f"---\n{lines}---\n\n{markdown}"


def sharing_images(
    root: Path, files: dict[str, str | bytes], data_dir: Path, dataset: Dataset, *, drawn: bool = True
) -> tuple[dict[str, str | bytes], dict[str, Request]]:
    """Each page with its sharing image's path in its front matter (`preview`, which the theme
    override's Open Graph tags read), and each image the cache holds; then what each image missing
    from the cache shows, by path (`draw_previews` draws them). Without `drawn`, no image is looked
    up. The title drawn is the one the engine shows: the navigation's, else the first heading's."""
    config = _site_config(root)
    titles, site_name = _nav_titles(config.get("nav") or []), config.get("site_name", "")
    images: dict[str, str | bytes] = {}
    wanted: dict[str, tuple[str, str, int | None]] = {}  # by the image's path: title, address, year
    for name, content in list(files.items()):
        if not fnmatch.fnmatch(name, urls.PAGES):
            continue
        page_url = urls.url(name)
        # A title that can turn direction comes isolated; the drawing lays it out itself.
        title = bidi.unisolated(titles.get(name) or _heading(content) or ("Home" if name == urls.HOME else site_name))
        preview = urls.preview_path(page_url)
        wanted[preview] = (title, page_url, site.page_year(dataset, page_url))
        images[name] = with_front_matter(content, {"preview": preview})
    missing: dict[str, Request] = {}
    if drawn:
        requests = dict(zip(wanted, site.preview_requests(list(wanted.values()), site_name), strict=True))
        for (path, request), png in zip(requests.items(), site.previews(data_dir).cached(list(requests.values())), strict=True):
            if png is None:
                missing[path] = request
            else:
                images[path] = png
    return images, missing


def draw_previews(data_dir: Path, missing: dict[str, Request], workers: int | None = None) -> dict[str, bytes]:
    """Each missing sharing image drawn and kept in the cache, by path (two pages that show the same: drawn once)."""
    requests = list(dict.fromkeys(missing.values()))
    drawn = dict(zip(requests, site.previews(data_dir).drawn(requests, workers), strict=True))
    return {path: drawn[request] for path, request in missing.items()}


def draw_previews_beside(data_dir: Path, missing: dict[str, Request]) -> dict[str, bytes]:
    """`draw_previews` on every processor but one: the build goes on on that one."""
    return draw_previews(data_dir, missing, workers=preview_cache.workers_for(len(missing), spare=1))


_HEADING = re.compile(r"^# (.+)$", re.M)


def _heading(markdown: str) -> str | None:
    """The text of the page's first heading, as the engine reads it (tags dropped, references resolved)."""
    body = markdown.partition("\n---\n")[2] if markdown.startswith("---\n") else markdown
    found = _HEADING.search(body)
    return html.unescape(re.sub(r"<[^>]+>", "", found[1])).strip() if found else None


class _AnyTag(yaml.SafeLoader):
    """mkdocs.yml's `!ENV` tags read as their default (only the navigation and the name are needed)."""


_AnyTag.add_multi_constructor("!", lambda loader, suffix, node: None)


def _site_config(root: Path) -> dict:
    return _parsed_config((root / "mkdocs.yml").read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=4)
def _parsed_config(text: str) -> dict:
    """mkdocs.yml as read, parsed once per text (12 ms at every build; callers only read it)."""
    return yaml.load(text, Loader=_AnyTag) or {}  # noqa: S506 (a safe loader)


def _nav_titles(nav: list) -> dict[str, str]:
    """{page: title} for the pages the navigation names with a title of their own."""
    titles = {}
    for item in nav:
        if isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    titles[value] = title
                elif isinstance(value, list):
                    titles |= _nav_titles(value)
    return titles

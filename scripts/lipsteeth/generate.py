"""The site's sources, computed once and written to disk as plain files, so that any engine builds
them: MkDocs with Material (through a thin hook), ProperDocs, Zensical.

One call, `generate(root)`, reads and validates the data once, analyses it once (one `Snapshot`
handed to every later step), renders every generated page, fills the hand-written pages'
fragments, draws the charts and sharing images, and writes the lot into `.cache/site-src/` (under
`mkdocs build`, the sharing images missing from the cache are drawn and written behind it: `draw_behind`).
A file is rewritten only when its content changed, so each engine's own change detection works
(MkDocs' `--dirty`, Zensical's incremental build). Files it wrote before that are no longer
planned are removed; nothing else in the folder is ever touched (the manifest lists what it wrote).
A lock keeps two runs (`make serve` and `make build-zensical`, say) from interleaving their writes.
When nothing it reads has changed since the run that made the folder, it does nothing (`reuse`).
"""

from __future__ import annotations

import contextlib
import fcntl
import fnmatch
import functools
import gc
import html
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import bidi, clock, forked, reuse, site, urls
from .analyse.answer import Answer, answer
from .analyse.claims import Verdict, check_all
from .atomic import Stored, WriteFailed, link_atomically, write_atomically
from .charts import cache, preview_cache
from .charts.preview_cache import Request
from .data.dataset import Dataset
from .data.files import data_files
from .errors import DataError, Problem
from .render import embed, searchindex

SOURCE = ".cache/site-src"  # under the project root; mkdocs.yml's docs_dir names the same folder
# Zensical reads a link in raw HTML (a chart's marks, its caption) as relative to the page's source
# file, as it reads a Markdown link, and rewrites it; MkDocs leaves it as written, relative to the
# page's address. So Zensical gets its own folder (zensical.yml's docs_dir), with those links
# written for it (see `for_zensical`); everything else in the two folders is the same.
SOURCES = {"mkdocs": SOURCE, "zensical": ".cache/site-src-zensical"}


@dataclass(frozen=True, eq=False)  # compared by identity: one snapshot per state of the data
class Snapshot:
    """Everything computed from one state of the data: each later step reads it, none recomputes it."""

    data_dir: Path
    fingerprint: tuple  # the data files as they were when read (site.fingerprint)
    dataset: Dataset
    verdicts: dict[str, Verdict]
    answered: Answer
    drawings: cache.Drawings
    record_dates: dict[str, str]
    search_entries: list[dict]


@dataclass(frozen=True)
class Generated:
    snapshot: Snapshot | None  # None: the folder was already made from these inputs, and nothing was computed
    folder: Path
    written: list[str]  # rewritten because their content changed (or is new)
    removed: list[str]  # written by an earlier run, no longer planned
    data_dir: Path
    fingerprint: tuple  # the data files as they were when read (site.fingerprint)
    search_entries: list[dict]  # the generated pages' (render.searchindex)
    behind: DrawnBehind | None = None  # sharing images still being drawn (generate's draw_behind); not in `written`


@dataclass(frozen=True)
class DrawnBehind:
    """Sharing images that a forked process draws into the folder after `generate` has returned.
    That process holds the folder's lock until they are written, and only then records the run as
    made (`reuse`): a run that fails half-way is never taken for a finished one."""

    names: frozenset[str]  # their paths in the folder
    process: forked.Behind

    def wait(self) -> None:
        """Returns once every one is written; raises forked.BehindFailed if they could not be."""
        self.process.wait()

    def stop(self) -> None:
        """Stop the drawing (a failed build needs none of it), and wait for it to stop: what is drawn
        stays in the cache, and the run is not recorded as made."""
        self.process.stop()


def generate(
    root: Path,
    site_url: str | None = None,
    engine: str = "mkdocs",
    data_dir: Path | None = None,
    *,
    previews: bool = True,
    repo_url: str | None = None,
    keep_parses: bool = False,
    draw_behind: bool = False,
) -> Generated:
    """Compute the site's sources for the project at `root` (from its data/, or `data_dir`) and write
    them to the engine's folder (`root/.cache/site-src` for MkDocs and ProperDocs). Raises DataError
    (every problem, located) before anything is written. Without `previews`, pages name their sharing
    image but none is drawn (`mkdocs serve`: no one shares a page from a local server). With
    `keep_parses`, each data file's parse is kept for the next run in this process, which parses only
    the files changed since (`mkdocs serve`, where a save changes one file; 110 MB at 10,000 events),
    and so is the answer, which it reuses when the save changed no field an analysis reads (analyse.kept).
    With `draw_behind`, the sharing images missing from the cache are drawn by a forked process while
    the caller goes on (`mkdocs build` converts the pages meanwhile, on the other processor; it needs
    the images only at its end): `Generated.behind` names them and waits for them."""
    clock.restart()
    root = root.resolve()
    data_dir = (data_dir or root / "data").resolve()
    folder = root / SOURCES[engine]
    record = folder.with_name(folder.name + ".inputs.json")
    # Held from reading to writing: a run that read older data cannot write after one that read newer.
    with _locked(folder.with_name(folder.name + ".lock")):
        with clock.stage("inputs"):
            fingerprint = site.fingerprint(data_dir)
            options = {"site_url": site_url, "repo_url": repo_url, "engine": engine, "previews": previews, "data": data_dir}
            key = reuse.inputs_key(root, data_dir, options)
            entries = reuse.reusable(record, key, folder)
        if entries is not None:
            return Generated(None, folder, [], [], data_dir, fingerprint, entries)
        found = _snapshot_for(data_dir, fingerprint, keep_parses)  # the files as hashed above: stat'ed once
        draw_later = draw_behind and forked.can_fork()
        files, missing = sources(root, data_dir, found, site_url, previews=previews, repo_url=repo_url, draw_later=draw_later)
        if engine == "zensical":
            files = {name: for_zensical(name, content) for name, content in files.items()}
        with clock.stage("write"):
            reuse.forget(record)
            manifest = folder.with_name(folder.name + ".manifest.json")
            written, removed = write_folder(folder, files, manifest, _seen_in(folder) if keep_parses else None, coming=missing)
            done = functools.partial(_record_run, record, key, (root, data_dir, options), found.search_entries)
            if missing:  # the forked process inherits the lock: the folder stays locked until it has finished
                behind = DrawnBehind(
                    frozenset(missing), forked.Behind(lambda: done(files | _draw_into(folder, data_dir, missing)))
                )
            else:
                done(files)
                behind = None
    return Generated(found, folder, written, removed, data_dir, found.fingerprint, found.search_entries, behind)


def _record_run(record: Path, key: str, inputs: tuple, search_entries: list[dict], files: dict[str, bytes]) -> None:
    """Record the finished run for the next one to reuse, unless its inputs were saved while it ran:
    what was read is what is recorded. Only a saving: if the inputs cannot be read again (a file
    renamed meanwhile) or the record cannot be written (a full disk), the next run does the work."""
    with contextlib.suppress(OSError, WriteFailed):
        if reuse.inputs_key(*inputs) == key:
            reuse.remember(record, key, files, search_entries)


def _draw_into(folder: Path, data_dir: Path, missing: dict[str, Request]) -> dict[str, bytes]:
    """In the process drawing behind a build: each missing sharing image drawn (on every processor
    but one: the build goes on on that one) and written into the folder. Returns them by path."""
    gc.freeze()  # the build's objects stay out of this process's collections: their memory stays shared, not copied
    workers = min(len(missing) // preview_cache.PARALLEL_FROM, forked.processors() - 1)  # below 2: drawn here
    drawn = draw_previews(data_dir, missing, workers=workers)
    for name, png in drawn.items():
        _write_if_changed(folder / name, png)
    return drawn


_UP_IN_RAW_HTML = re.compile(rb'(?<![\w:-])href="\.\./')


def for_zensical(name: str, content: bytes) -> bytes:
    """A page's raw-HTML links (href="../...", written relative to the page's address, one level
    below its source file unless it is an index page) made relative to its source file, as Zensical
    reads them. xlink:href, which Zensical leaves alone, stays as it is."""
    if not fnmatch.fnmatch(name, urls.PAGES) or urls.url(name).count("/") == name.count("/"):
        return content
    return _UP_IN_RAW_HTML.sub(b'href="', content)


def snapshot(data_dir: Path) -> Snapshot:
    """The data read, validated and analysed once per change of its files."""
    return _snapshot_for(data_dir, site.fingerprint(data_dir))


@functools.lru_cache(maxsize=1)
def _snapshot_for(data_dir: Path, fingerprint: tuple, keep_parses: bool = False) -> Snapshot:
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


def sources(
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
    what each shows, by path, for the caller to draw (`draw_previews`); otherwise that is empty."""
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


# What a file was when a run last wrote or read it: its bytes, and its size, times and inode then.
Seen = dict[str, tuple[bytes, tuple]]


def write_folder(
    folder: Path, files: dict[str, bytes], manifest: Path, seen: Seen | None = None, coming: Iterable[str] = ()
) -> tuple[list[str], list[str]]:
    """Write `files` into `folder`, each only when its bytes differ from what is there (an unchanged
    file keeps its time, so the engines skip it); remove what the last run wrote and this one does
    not (nor will: `coming` names files another process writes next). Returns (written, removed).
    `seen` (kept between runs under serve, updated here): a file unchanged on disk since the last
    run is compared with what that run saw, not read again (reading a thousand files was a tenth of
    a rebuild's generation step)."""
    folder.mkdir(parents=True, exist_ok=True)
    before = _manifest(manifest)
    written, now_seen = [], {}
    for name, content in files.items():
        status, changed = _write_if_changed(folder / name, content, (seen or {}).get(name))
        if changed:
            written.append(name)
        now_seen[name] = (content, status)
    planned = set(files) | set(coming)
    removed = sorted(set(before) - planned)
    for name in removed:
        target = folder / name
        with contextlib.suppress(FileNotFoundError):
            target.unlink()
        _remove_empty_folders(target.parent, folder)
    write_atomically(manifest, json.dumps(sorted(planned), indent=0).encode())
    if seen is not None:
        seen.clear()
        seen.update(now_seen)
    return written, removed


def _write_if_changed(target: Path, content: bytes, seen: tuple[bytes, tuple] | None = None) -> tuple[tuple, bool]:
    """Write `content` to `target` unless it holds it already: its status then, and whether it was written."""
    status = _status_if_holding(target, content, seen)
    if status is not None:
        return status, False
    target.parent.mkdir(parents=True, exist_ok=True)
    _write(target, content)
    return _status(target), True


def _write(target: Path, content: bytes) -> None:
    """Made again from the data if lost: not forced to disk (a file a power cut left short differs,
    and is rewritten next run). What a cache holds (a sharing image) is linked, not copied: a cold
    build writes 450 fewer files."""
    if isinstance(content, Stored):
        with contextlib.suppress(WriteFailed):  # written below instead
            link_atomically(content.origin, target)
            return
    write_atomically(target, content, durable=False)


def _status_if_holding(target: Path, content: bytes, seen: tuple[bytes, tuple] | None = None) -> tuple | None:
    """`target`'s status if it holds `content`, else None. Read, unless `seen` says what it held
    when it had the status it has now."""
    try:
        status = _status(target)
        if status[0] != len(content):
            return None
        same = seen[0] == content if seen is not None and seen[1] == status else target.read_bytes() == content
    except OSError:
        return None
    return status if same else None


def _status(path: Path) -> tuple:
    """What changes whenever a file is written: an atomic write makes a new inode, an edit in place new times."""
    found = path.stat()
    return (found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino)


@functools.lru_cache(maxsize=2)
def _seen_in(folder: Path) -> Seen:
    """What this process last saw in one folder, for the next run under serve (as much memory as the files)."""
    return {}


def _manifest(path: Path) -> list[str]:
    """The files the last run wrote; names that would leave the folder are ignored."""
    try:
        names = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [n for n in names if isinstance(n, str) and not n.startswith("/") and ".." not in n.split("/")]


def _remove_empty_folders(folder: Path, top: Path) -> None:
    while folder != top and folder.is_relative_to(top):
        try:
            folder.rmdir()  # only an empty folder goes
        except OSError:
            return
        folder = folder.parent


@contextlib.contextmanager
def _locked(path: Path):
    """One run at a time writes the folder: a second waits for the first to finish."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)

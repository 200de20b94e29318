"""The site's sources, computed once and written to disk as plain files, so that any engine builds
them: MkDocs with Material (through a thin hook), ProperDocs, Zensical.

One call, `generate(root)`, has the sources computed (`site_sources`: the data read, validated
and analysed once, every page rendered, the charts and sharing images drawn) and writes them into
`.cache/site-src/` (under `mkdocs build`, the sharing images missing from the cache are drawn and
written behind it: `draw_behind`). A file is rewritten only when its content changed, so each
engine's own change detection works (MkDocs' `--dirty`, Zensical's incremental build). Files it
wrote before that are no longer planned are removed; nothing else in the folder is ever touched
(the manifest lists what it wrote). A lock keeps two runs (`make serve` and `make build-zensical`,
say) from interleaving their writes. When nothing it reads has changed since the run that made the
folder, it does nothing (`reuse`), and imports nothing that computes.
"""

from __future__ import annotations

import contextlib
import fcntl
import fnmatch
import functools
import gc
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import clock, forked, reuse, urls
from .atomic import Stored, WriteFailed, link_atomically, write_atomically
from .data.files import fingerprint

if TYPE_CHECKING:
    from .charts.preview_cache import Request
    from .site_sources import Snapshot

SOURCE = ".cache/site-src"  # under the project root; mkdocs.yml's docs_dir names the same folder
# Zensical reads a link in raw HTML (a chart's marks, its caption) as relative to the page's source
# file, as it reads a Markdown link, and rewrites it; MkDocs leaves it as written, relative to the
# page's address. So Zensical gets its own folder (zensical.yml's docs_dir), with those links
# written for it (see `for_zensical`); everything else in the two folders is the same.
SOURCES = {"mkdocs": SOURCE, "zensical": ".cache/site-src-zensical"}


@dataclass(frozen=True)
class Generated:
    snapshot: Snapshot | None  # None: the folder was already made from these inputs, and nothing was computed
    folder: Path
    written: list[str]  # rewritten because their content changed (or is new)
    removed: list[str]  # written by an earlier run, no longer planned
    data_dir: Path
    fingerprint: tuple  # the data files as they were when read (data.files.fingerprint)
    search_entries: list[dict]  # the generated pages' (render.searchindex)
    indexed_from_data: tuple[str, ...]  # whose pages get those entries, not the theme's (site_sources.INDEXED_FROM_DATA)
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
            found_files = fingerprint(data_dir)
            options = {"site_url": site_url, "repo_url": repo_url, "engine": engine, "previews": previews, "data": data_dir}
            key = reuse.inputs_key(root, data_dir, options)
            kept = _as_written(reuse.reusable(record, key, folder))
        if kept is not None:
            return Generated(None, folder, [], [], data_dir, found_files, *kept)
        with clock.stage("import"):  # a stage the build pays, as the hook's own imports are
            computing = _computing()
        found = computing.snapshot_for(data_dir, found_files, keep_parses)  # the files as hashed above: stat'ed once
        draw_later = draw_behind and forked.can_fork()
        files, missing = computing.every_file(
            root, data_dir, found, site_url, previews=previews, repo_url=repo_url, draw_later=draw_later
        )
        if engine == "zensical":
            files = {name: for_zensical(name, content) for name, content in files.items()}
        with clock.stage("write"):
            reuse.forget(record)
            manifest = folder.with_name(folder.name + ".manifest.json")
            written, removed = write_folder(folder, files, manifest, _seen_in(folder) if keep_parses else None, coming=missing)
            handed = {"search_entries": found.search_entries, "indexed_from_data": computing.INDEXED_FROM_DATA}
            done = functools.partial(_record_run, record, key, (root, data_dir, options), handed)
            if missing:  # the forked process inherits the lock: the folder stays locked until it has finished
                behind = DrawnBehind(
                    frozenset(missing), forked.Behind(lambda: done(files | _draw_into(folder, data_dir, missing)))
                )
            else:
                done(files)
                behind = None
    return Generated(
        found, folder, written, removed, data_dir, found.fingerprint, found.search_entries, computing.INDEXED_FROM_DATA, behind
    )


def _as_written(handed: dict | None) -> tuple[list[dict], tuple[str, ...]] | None:
    """A recorded run's search entries and the addresses they stand for, if they have the shapes
    this step writes; None (the run is done again) for a record damaged or edited by hand."""
    if handed is None:
        return None
    entries, addresses = handed.get("search_entries"), handed.get("indexed_from_data")
    if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
        return None
    if not isinstance(addresses, list) or not all(isinstance(address, str) for address in addresses):
        return None
    return entries, tuple(addresses)


def _computing():
    """The module that computes the sources (site_sources), imported only when there is work:
    a run that finds the folder made from the same inputs skips importing the analyses, the renderers
    and what they import (numpy, pydantic): about 0.35 s, most of a warm build's own cost."""
    from . import site_sources

    return site_sources


def _record_run(record: Path, key: str, inputs: tuple, handed: dict, files: dict[str, bytes]) -> None:
    """Record the finished run for the next one to reuse, with what it hands the engine, unless its
    inputs were saved while it ran: what was read is what is recorded. Only a saving: if the inputs
    cannot be read again (a file renamed meanwhile) or the record cannot be written (a full disk),
    the next run does the work."""
    with contextlib.suppress(OSError, WriteFailed):
        if reuse.inputs_key(*inputs) == key:
            reuse.remember(record, key, files, handed)


def _draw_into(folder: Path, data_dir: Path, missing: dict[str, Request]) -> dict[str, bytes]:
    """In the process drawing behind a build: each missing sharing image drawn and written into the
    folder. Returns them by path."""
    gc.freeze()  # the build's objects stay out of this process's collections: their memory stays shared, not copied
    drawn = _computing().draw_previews_beside(data_dir, missing)
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

"""What only MkDocs with Material needs beyond the generated files (scripts/mkdocs_hooks.py calls
these): the finished search index, the problems page shown under `serve`, the sharing images drawn
while MkDocs converts the pages, and the theme's templates compiled, and its files listed, once per
server. Zensical and ProperDocs build the same files without them; the contributing page lists what
differs."""

from __future__ import annotations

import fnmatch
import functools
import html
import json
import logging
from pathlib import Path

import jinja2

from . import urls
from .data.files import fingerprint
from .generate import Generated

log = logging.getLogger("mkdocs.plugins.lipsteeth")  # MkDocs prints its plugins' loggers' lines


def read_search_index(site_dir: Path) -> dict | None:
    """The index the last build left in `site_dir` (finished by `search_index`), if any."""
    try:
        return json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def finish_search_index(site_dir: Path, found: Generated, previous: dict | None, rebuilt: set[str]) -> None:
    """The search index Material wrote into `site_dir`, finished by `search_index` (when there is one)."""
    index = site_dir / "search" / "search_index.json"
    if index.exists():
        merged = search_index(json.loads(index.read_text(encoding="utf-8")), found, previous, rebuilt)
        index.write_text(json.dumps(merged, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def search_index(index: dict, found: Generated, previous: dict | None = None, rebuilt: set[str] | None = None) -> dict:
    """The theme's full-text entries for the hand-written pages, then one entry per generated page from
    the data (render.searchindex: every spelling of every name). Under `serve --dirty` the theme indexes
    only the pages it rebuilt and merges them into its last index unreliably (it appends them, or, when
    the home page comes first, drops every other page): so a page rebuilt keeps its latest run of
    entries, and a page not rebuilt (not in `rebuilt`) keeps its entries from the `previous` index."""
    latest = _latest_runs(index["docs"], found.indexed_from_data)
    if previous is not None and rebuilt is not None:
        earlier = _latest_runs(previous.get("docs", []), found.indexed_from_data)
        latest |= {page: docs for page, docs in earlier.items() if page not in rebuilt}
    kept = [doc for docs in latest.values() for doc in docs]
    return {**index, "docs": kept + found.search_entries}


def _latest_runs(docs: list[dict], indexed_from_data: tuple[str, ...]) -> dict[str, list[dict]]:
    """{page: its entries}, each page's last run of entries, but none under the `indexed_from_data` addresses."""
    latest: dict[str, list[dict]] = {}
    previous = None
    for doc in docs:
        page = doc["location"].partition("#")[0]
        if page.startswith(indexed_from_data):
            previous = None
            continue
        if page != previous:  # a new run of this page's entries replaces any earlier one
            latest[page] = []
            previous = page
        latest[page].append(doc)
    return latest


def say_what_changed_meanwhile(found: Generated) -> None:
    """One line under `serve`, when a data file was saved while this build ran on what it had read
    before (the watcher starts the next build, which reads the change)."""
    before = {path: status for path, *status in found.fingerprint}
    now = {path: status for path, *status in fingerprint(found.data_dir)}
    changed = sorted(path for path in before.keys() | now.keys() if before.get(path) != now.get(path))
    if changed:
        root = found.data_dir.parent
        names = ", ".join(Path(p).relative_to(root).as_posix() if Path(p).is_relative_to(root) else p for p in changed)
        log.info(
            f"lipsteeth: {names} changed during this rebuild, which used the data as it was when it began; "
            "the next rebuild reads the change"
        )


PROBLEMS_TITLE = "The data has problems"


def problems_page(report: str) -> str:
    """What every page shows under `serve` while the data is broken."""
    return (
        f"# {PROBLEMS_TITLE}\n\n"
        "The site is not built while the data has problems. Each line says where one is, as "
        "file:line:column, and what was expected. Save a fix and this page turns back into the site.\n\n"
        f'<pre class="lipsteeth-problems">{html.escape(report)}</pre>\n'
    )


def problems_everywhere(files, config, broken: str | None, showed_problems: bool) -> None:
    """While the data is broken, and once after, every page is rebuilt: to show the problems, then the
    site. Before any good build the folder lacks the pages the navigation names: they are added."""
    from mkdocs.structure.files import File  # only the MkDocs adapter calls this

    if broken:
        for path in nav_pages(config.nav or []):
            if not files.get_file_from_path(path):
                files.append(File.generated(config, path, content=f"# {PROBLEMS_TITLE}\n"))
    if broken or showed_problems:
        for file in files.documentation_pages():
            file.is_modified = lambda: True


def without_drawn_behind(files, found: Generated | None):
    """MkDocs' files without the sharing images still being drawn (generate's draw_behind): MkDocs
    would copy them before they are written, or what an earlier build left at their paths."""
    if found is None or found.behind is None:
        return files
    from mkdocs.structure.files import Files  # only the MkDocs adapter calls this

    return Files([file for file in files if file.src_uri not in found.behind.names])


def copy_drawn_behind(found: Generated | None, site_dir: Path) -> None:
    """Once the sharing images drawn behind the build are written, copy them into the site, as MkDocs
    copies the other files. Raises PluginError if they could not be drawn."""
    if found is None or found.behind is None:
        return
    from mkdocs.exceptions import PluginError
    from mkdocs.utils import copy_file

    from .forked import BehindFailed

    try:
        found.behind.wait()
    except BehindFailed as exc:
        raise PluginError(f"lipsteeth: the sharing images could not be drawn: {exc}") from None
    try:
        for name in sorted(found.behind.names):
            copy_file(str(found.folder / name), str(site_dir / name))
    except OSError as exc:  # another run (`make serve`) changed the sources once this one had written them
        raise PluginError(f"lipsteeth: a sharing image could not be copied into the site ({exc}); build again") from None


def nav_pages(nav: list) -> list[str]:
    """Every page mkdocs.yml's navigation names."""
    found = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            found += nav_pages(value)
        elif isinstance(value, str) and fnmatch.fnmatch(value, urls.PAGES):
            found.append(value)
    return found


class ServedTheme:
    """What a rebuild under `serve` would redo in the theme for nothing, done once per server: compiling
    its templates (a third of a rebuild) and listing its 14,510 files to find the 43 MkDocs copies
    (0.05 s at every save; the installed themes do not change while the server runs, the project's
    own folder of overrides is listed again each time and its listing is part of the key)."""

    def __init__(self):
        self.templates = CompiledTemplates()
        self.listed: dict[tuple, list[str]] = {}

    def serve(self, theme) -> None:
        """Every Jinja environment `theme` makes from now on (MkDocs', the search plugin's) uses these."""
        make = theme.get_env

        def get_env() -> jinja2.Environment:
            env = make()
            env.bytecode_cache = self.templates
            env.list_templates = functools.partial(self._list_once, theme, env.list_templates)
            return env

        theme.get_env = get_env

    def _list_once(self, theme, list_templates, extensions=None, filter_func=None) -> list[str]:
        # MkDocs' one caller filters by fixed patterns and the theme's static templates: these, and
        # what the folders hold, are the key.
        key = (tuple(theme.dirs), tuple(sorted(theme.static_templates)), extensions, _files_in(theme.custom_dir))
        if key not in self.listed:
            self.listed = {key: list_templates(extensions, filter_func)}
        return self.listed[key]


def _files_in(folder: str | None) -> tuple[str, ...]:
    """The files under a folder of the project's (a handful), by path."""
    if not folder:
        return ()
    return tuple(sorted(str(p) for p in Path(folder).rglob("*") if p.is_file()))


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates compiled once per server, not at every rebuild (MkDocs makes a new Jinja
    environment each time; compiling Material's templates took a third of a rebuild). Jinja keys each
    entry by the template's name and a checksum of its source, so an edited template is compiled afresh."""

    def __init__(self):
        self.compiled = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket):
        self.compiled[bucket.key] = bucket.bytecode_to_string()

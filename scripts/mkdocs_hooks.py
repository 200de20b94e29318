"""The MkDocs adapter: validate the data, hand the package's site plan to MkDocs, and add the
generated pages' search entries. Everything MkDocs-specific lives here.

Validation and the whole plan run in on_pre_build, before MkDocs cleans the output folder, so bad
data (or a bug of ours) fails the build with located errors and leaves the previous site untouched.
A failure later, inside MkDocs' own rendering, can still leave the folder half-built:
`lipsteeth build` (`make build`) builds into a temporary folder and swaps it in only on success.

Under `mkdocs serve` three things differ. Broken data does not stop the server: every page becomes
a page listing the problems (also printed in the terminal), which the live reload replaces with the
site once a fix is saved. MkDocs loads this file once per process, so the lipsteeth package is
reached through `_lipsteeth()`, which imports it afresh whenever its source files have changed.
And with `--dirty` (as `make serve` runs it) a save rebuilds only the pages whose Markdown changed:
MkDocs judges a generated page by its source file's time, which it does not have, so this hook
tells it, page by page, from the content (see _mark_unchanged_pages).
"""

import hashlib
import html
import importlib
import importlib.util
import json
import logging
import os
import sys
from pathlib import Path

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

log = logging.getLogger("mkdocs.plugins.lipsteeth")
_state = {
    "serving": False,
    "dirty": False,
    "broken": None,
    "pages": set(),
    "stamp": None,
    # --dirty: what each page of the served folder was last built from, and the search entries of the
    # hand-written pages (the theme indexes only the pages it rebuilt)
    "site_dir": None,
    "built": {},
    "pending": {},
    "rebuilt": set(),
    "theme_docs": [],
}
# A dirty build is what this hook makes safe, so MkDocs' warning about it would only (in strict
# mode) stop the build.
logging.getLogger("mkdocs.commands.build").addFilter(lambda record: "A 'dirty' build" not in record.getMessage())


def _lipsteeth(module: str = "site"):
    """lipsteeth.<module>, as the source on disk now has it."""
    return importlib.import_module(f"lipsteeth.{module}")


def _source_stamp() -> tuple:
    spec = importlib.util.find_spec("lipsteeth")
    folder = Path(spec.submodule_search_locations[0])
    return tuple(sorted((str(p), p.stat().st_mtime_ns) for p in folder.rglob("*.py")))


def _reload_if_changed() -> None:
    """Forget the imported lipsteeth modules when a source file changed since they were imported."""
    stamp = _source_stamp()
    if _state["stamp"] is not None and stamp != _state["stamp"]:
        for name in [n for n in sys.modules if n == "lipsteeth" or n.startswith("lipsteeth.")]:
            del sys.modules[name]
        log.info("lipsteeth: its code changed, so this build runs the new code")
    _state["stamp"] = stamp


def _data_dir(config) -> Path:
    return Path(config.config_file_path).parent / "data"


def on_startup(command, dirty):
    _state["serving"] = command == "serve"
    _state["dirty"] = dirty


def on_config(config):
    if _state["serving"]:
        _reload_if_changed()
    return config


def on_pre_build(config):
    errors = _lipsteeth("errors")
    try:
        _lipsteeth().plan(_data_dir(config), config.site_url)
    except errors.DataError as exc:
        if not _state["serving"]:
            raise PluginError("\n" + exc.report()) from None
        _state["broken"] = exc.report()
        # Printed, not logged: MkDocs' strict mode would count a logged error and abort the build.
        print(f"\n{exc.report()}\nThe browser shows these problems until they are fixed.\n", file=sys.stderr, flush=True)
    else:
        _state["broken"] = None


def on_files(files, config):
    if _state["broken"]:
        _state["built"] = {}  # every page is overwritten with the problems: all are rebuilt after the fix
        return _error_files(files, config)
    generated = _lipsteeth().plan(_data_dir(config), config.site_url)
    _state["pages"] = {path for path in generated if path.endswith(".md")}
    for path, content in generated.items():
        files.append(File.generated(config, path, content=content))
    if _state["dirty"]:
        _mark_unchanged_pages(files, config)
    return files


def _mark_unchanged_pages(files, config):
    """Tell MkDocs which pages to skip in a dirty build: those whose Markdown, and whatever is filled
    into it, is the same as when this folder's copy was built. Any change to the hand-written pages,
    the theme override or mkdocs.yml (which every page's navigation shows) rebuilds them all."""
    root = Path(config.config_file_path).parent
    if _state["site_dir"] != config.site_dir:
        _state["site_dir"], _state["built"] = config.site_dir, {}
    layout = _digest_bytes(
        *(p.read_bytes() for p in sorted((root / "docs").rglob("*")) if p.is_file()),
        *(p.read_bytes() for p in sorted((root / "overrides").rglob("*")) if p.is_file()),
        (root / "mkdocs.yml").read_bytes(),
    )
    pending, rebuilt = {}, set()
    for file in files.documentation_pages():
        source = file.content_bytes
        fills = _filled(file.content_string, file.src_uri, config).encode() if b"<!-- lipsteeth:" in source else b""
        pending[file.src_uri] = digest = _digest_bytes(layout, source, fills)
        unchanged = _state["built"].get(file.src_uri) == digest and Path(file.abs_dest_path).is_file()
        file.is_modified = (lambda: False) if unchanged else (lambda: True)
        if not unchanged:
            rebuilt.add(file.url)
    _state["pending"], _state["rebuilt"] = pending, rebuilt


def _filled(markdown: str, page: str, config) -> str:
    """A hand-written page as its fragments fill it from the current data (all cached by then)."""
    site, data = _lipsteeth(), _data_dir(config)
    fill = _lipsteeth("render.embed").expand_placeholders
    return fill(markdown, page, site.drawings_once(data), site.load_once(data), site.answer_once(data))


def _digest_bytes(*parts: bytes) -> bytes:
    hashed = hashlib.sha256()
    for part in parts:
        hashed.update(len(part).to_bytes(8, "big") + part)
    return hashed.digest()


def _error_files(files, config):
    """Every page the site had (or the navigation names) is kept, each showing the problems, so the
    page open in the browser reloads into them and back into the site when the data is fixed."""
    pages = (set(_state["pages"]) | set(_nav_pages(config.nav or []))) - {f.src_uri for f in files}
    for path in sorted(pages):
        files.append(File.generated(config, path, content="# The data has problems\n"))
    for file in files.documentation_pages():  # under --dirty too: every page shows the problems
        file.is_modified = lambda: True
    marks = _lipsteeth("urls").MARKS_CSS
    files.append(File.generated(config, marks, content=_lipsteeth("charts.strips").palette_css()))
    return files


def _nav_pages(nav) -> list[str]:
    found = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            found += _nav_pages(value)
        elif isinstance(value, str) and value.endswith(".md"):
            found.append(value)
    return found


class _CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates compiled once per server, not at every rebuild (MkDocs makes a new
    Jinja environment each time; compiling Material's templates took a third of a rebuild). Jinja
    keys each entry by the template's name and a checksum of its source, so an edited template is
    compiled afresh."""

    def __init__(self):
        self.compiled = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket):
        self.compiled[bucket.key] = bucket.bytecode_to_string()


def on_env(env, config, files):
    if _state["serving"]:
        env.bytecode_cache = _state.setdefault("templates", _CompiledTemplates())
    return env


def on_page_markdown(markdown, page, config, files):
    if _state["broken"]:
        return _error_markdown(_state["broken"])
    site = _lipsteeth()
    embed = _lipsteeth("render.embed")
    # The sitemap's <lastmod>: when the page's data (or, for a hand-written page, its file) last changed.
    page.update_date = str(
        page.meta.get("lastmod") or site.doc_dates_once(_data_dir(config).parent).get(page.file.src_uri, page.update_date)
    )
    if not embed.PLACEHOLDER.search(markdown):
        return markdown
    unknown = embed.unknown_placeholders(markdown)
    if unknown:
        raise PluginError(f"{page.file.src_uri}: no chart or fragment for {', '.join(unknown)}")
    data = _data_dir(config)
    return embed.expand_placeholders(
        markdown, page.file.src_uri, site.drawings_once(data), site.load_once(data), site.answer_once(data)
    )


def _error_markdown(report: str) -> str:
    return (
        "# The data has problems\n\n"
        "The site is not built while the data has problems. Each line says where one is, as "
        "file:line:column, and what was expected. Save a fix and this page turns back into the site.\n\n"
        f'<pre class="lipsteeth-problems">{html.escape(report)}</pre>\n'
    )


def on_page_context(context, page, config, nav):
    """Each page's sharing image, drawn (or taken from the cache) into the site; the template's
    Open Graph tags point at it."""
    if _state["broken"]:
        return context
    page.meta["preview"] = preview = _lipsteeth("urls").preview_path(page.url)
    if _state["serving"] and not os.environ.get("LIPSTEETH_PREVIEWS"):
        return context  # not drawn while editing unless asked: no one shares a page from a local server
    png = _lipsteeth().preview_once(_data_dir(config), page.title or config.site_name, page.url, config.site_name)
    target = Path(config.site_dir) / preview
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(png)
    return context


def on_post_build(config):
    if not (_state["serving"] or _state["broken"]):  # every page asked for its preview: drop the rest
        _lipsteeth().prune_previews(_data_dir(config))
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.exists() and not _state["broken"]:
        searchindex = _lipsteeth("render.searchindex")
        theme = json.loads(index.read_text(encoding="utf-8"))
        if _state["dirty"]:  # the theme indexed only the pages rebuilt: keep the others' entries
            kept = [d for d in _state["theme_docs"] if d["location"].partition("#")[0] not in _state["rebuilt"]]
            theme["docs"] = kept + theme["docs"]
            _state["theme_docs"] = theme["docs"]
            _state["built"] |= _state["pending"]
        merged = searchindex.merge(theme, _lipsteeth().load_once(_data_dir(config)))
        index.write_text(json.dumps(merged, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")

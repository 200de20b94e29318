"""The MkDocs adapter: run the generation step (lipsteeth.generate), which writes the site's sources
into docs_dir, and add what only MkDocs needs. Any other engine builds the same folder without it.

The step runs in on_pre_build, before MkDocs reads or cleans anything, so bad data fails the build
with located errors. It rewrites only files whose content changed, so `mkdocs serve --dirty` rebuilds
just the pages a save changed, by MkDocs' own file times. While the data is broken under `serve`,
every page shows the problems (also printed in the terminal) until a fix is saved.
"""

import importlib
import importlib.util
import json
import logging
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

_state = {"serving": False, "broken": None, "showed_problems": False, "generated": None, "stamp": None}
# Unchanged files keep their times, so a dirty build is accurate; the warning would only (strictly) stop it.
logging.getLogger("mkdocs.commands.build").addFilter(lambda record: "A 'dirty' build" not in record.getMessage())


def _lipsteeth(module: str = "generate"):
    """lipsteeth.<module>, as the source on disk now has it (see on_config)."""
    return importlib.import_module(f"lipsteeth.{module}")


def on_startup(command, dirty):
    _state["serving"] = command == "serve"


def on_config(config):
    """MkDocs loads this file once per server: a changed lipsteeth source is imported afresh."""
    if _state["serving"]:
        folder = Path(importlib.util.find_spec("lipsteeth").submodule_search_locations[0])
        stamp = tuple(sorted((str(p), p.stat().st_mtime_ns) for p in folder.rglob("*.py")))
        if _state["stamp"] not in (None, stamp):
            for name in [n for n in sys.modules if n == "lipsteeth" or n.startswith("lipsteeth.")]:
                del sys.modules[name]
        _state["stamp"] = stamp
    return config


def on_serve(server, config, builder):
    """The generated folder changes during each build: watching it would start a second build."""
    server.unwatch(config.docs_dir)
    return server


def on_pre_build(config):
    errors = _lipsteeth("errors")
    try:
        _state["generated"] = _lipsteeth().generate(Path(config.config_file_path).parent, config.site_url)
        _state["broken"] = None
    except errors.DataError as exc:
        if not _state["serving"]:
            raise PluginError("\n" + exc.report()) from None
        _state["broken"] = exc.report()
        # Printed, not logged: MkDocs' strict mode would count a logged error and abort the build.
        print(f"\n{exc.report()}\nThe browser shows these problems until they are fixed.\n", file=sys.stderr, flush=True)


def on_files(files, config):
    """While the data is broken, and once after, every page is rebuilt (to show the problems, then the site)."""
    if _state["broken"] and not files.get_file_from_path("index.md"):
        files.append(File.generated(config, "index.md", content="# The data has problems\n"))
    if _state["broken"] or _state["showed_problems"]:
        for file in files.documentation_pages():
            file.is_modified = lambda: True
    _state["showed_problems"] = bool(_state["broken"])
    return files


def on_env(env, config, files):
    if _state["serving"]:
        env.bytecode_cache = _state.setdefault("templates", _lipsteeth("mkdocs_extras").CompiledTemplates())
    return env


def on_page_markdown(markdown, page, config, files):
    if _state["broken"]:
        return _lipsteeth("mkdocs_extras").problems_page(_state["broken"])
    page.update_date = str(page.meta.get("lastmod", page.update_date))  # the sitemap's <lastmod>
    return markdown


def on_post_build(config):
    """Material indexes the hand-written pages; the generated ones get one entry each from the data."""
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.exists() and not _state["broken"]:
        merged = _lipsteeth("mkdocs_extras").search_index(
            json.loads(index.read_text(encoding="utf-8")), _state["generated"].snapshot
        )
        index.write_text(json.dumps(merged, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")

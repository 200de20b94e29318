"""The MkDocs adapter: before each build, run lipsteeth.generate, which writes the site's sources into
docs_dir (only files whose content changed, so `serve --dirty` rebuilds just those pages, by MkDocs'
own file times); add what only MkDocs needs. Bad data fails `build` with located errors; under `serve`
every page shows the problems (the terminal prints them too) until a fix is saved."""

import gc
import importlib
import importlib.util
import logging
import os
import sys
import time
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

_state = {"serving": False, "broken": None, "showed_problems": False, "generated": None, "stamp": None}
# Unchanged files keep their times, so a dirty build is accurate; the warning would only (strictly) stop it.
logging.getLogger("mkdocs.commands.build").addFilter(lambda record: "A 'dirty' build" not in record.getMessage())


def _lipsteeth(module: str = "generate"):  # lipsteeth.<module>, as the source on disk now has it (on_config)
    return importlib.import_module(f"lipsteeth.{module}")


def on_startup(command, dirty):
    _state["serving"] = command == "serve"


@event_priority(100)  # before the search plugin's, which reads the theme's templates
def on_config(config):
    """MkDocs loads this file once per server: a changed lipsteeth source is imported afresh. The
    theme compiles its templates and lists its files once per server, not at every rebuild."""
    if _state["serving"]:
        folder = Path(importlib.util.find_spec("lipsteeth").submodule_search_locations[0])
        stamp = tuple(sorted((str(p), p.stat().st_mtime_ns) for p in folder.rglob("*.py")))
        if _state["stamp"] not in (None, stamp):
            for name in [n for n in sys.modules if n == "lipsteeth" or n.startswith("lipsteeth.")]:
                del sys.modules[name]
            _state.pop("theme", None)  # made by the old modules, it would keep them (and their caches) alive
        _state["stamp"] = stamp
        _state.setdefault("theme", _lipsteeth("mkdocs_extras").ServedTheme()).serve(config.theme)
    return config


# MkDocs polls the watched folders every 0.5 s, and no option changes it: a save waited 0.25 s on
# average before its rebuild began. A poll of docs/, data/ and scripts/ takes about 1.3 ms, so every
# 0.1 s costs about a hundredth of a processor. Set on the observer before mkdocs.yml's `watch`
# folders are scheduled (right after this hook), which is where the emitters read it.
POLL_SECONDS = 0.1
# After a change is seen, MkDocs waits until none has come for 0.1 s before it rebuilds, to take a
# burst of events in as one. The events one poll finds reach it a few microseconds apart, so a
# fiftieth of a second still takes them in; events two polls apart (0.1 s) were never reliably
# taken in together anyway. Every save waited the other 0.08 s for nothing.
SETTLE_SECONDS = 0.02


def on_serve(server, config, builder):
    server.unwatch(config.docs_dir)  # written by each build: watching it would start another; mkdocs.yml watches docs/
    observer = getattr(server, "observer", None)
    if isinstance(getattr(observer, "_timeout", None), (int, float)):  # watchdog's; left alone if it ever changes
        observer._timeout = min(observer._timeout, POLL_SECONDS)
    if isinstance(getattr(server, "build_delay", None), (int, float)):  # MkDocs' own, read before each rebuild
        server.build_delay = min(server.build_delay, SETTLE_SECONDS)
    return server


def on_pre_build(config):
    started = time.process_time()  # importing the package is a stage the build pays (once per process)
    errors, extras, clock = _lipsteeth("errors"), _lipsteeth("mkdocs_extras"), _lipsteeth("clock")
    imported = time.process_time() - started
    _state["rebuilt"] = set()
    try:
        root, data = Path(config.config_file_path).parent, os.environ.get("LIPSTEETH_DATA")  # lipsteeth --data X build
        drawn = not _state["serving"] or bool(os.environ.get("LIPSTEETH_PREVIEWS"))  # nobody shares a local page
        _state["generated"] = _lipsteeth().generate(
            root,
            config.site_url,
            data_dir=data and Path(data),
            previews=drawn,
            repo_url=config.repo_url,
            keep_parses=_state["serving"],  # the next save's rebuild parses only the file it changed
            draw_behind=not _state["serving"],  # drawn while MkDocs converts the pages; copied in on_post_build
        )
        clock.add("import", imported)
        with clock.stage("search"):  # the index the last build left, before this one replaces it
            _state["previous_index"] = extras.read_search_index(Path(config.site_dir))
        if _state["broken"]:
            print("\nlipsteeth: the data is valid again; the site is back.\n", file=sys.stderr, flush=True)
        _state["broken"] = None
    except errors.DataError as exc:
        if not _state["serving"]:
            raise PluginError("\n" + exc.report()) from None
        _state["broken"] = exc.report()
        # Printed, not logged: MkDocs' strict mode would count a logged error and abort the build.
        print(f"\n{exc.report()}\nThe browser shows these problems until they are fixed.\n", file=sys.stderr, flush=True)


def on_files(files, config):
    """While the data is broken, and once after, every page is rebuilt (to show the problems, then the site)."""
    extras = _lipsteeth("mkdocs_extras")
    extras.problems_everywhere(files, config, _state["broken"], _state["showed_problems"])
    _state["showed_problems"] = bool(_state["broken"])
    return extras.without_drawn_behind(files, _state["generated"])  # only `build` draws behind, and stops at bad data


def on_page_markdown(markdown, page, config, files):
    if _state["broken"]:
        page.meta["title"] = _lipsteeth("mkdocs_extras").PROBLEMS_TITLE  # the tab says so too
        return _lipsteeth("mkdocs_extras").problems_page(_state["broken"])
    page.update_date = str(page.meta.get("lastmod", page.update_date))  # the sitemap's <lastmod>
    return markdown


def on_page_context(context, page, config, nav):
    _state["rebuilt"].add(page.url)  # under --dirty, only the pages rebuilt get here
    return context


def on_post_build(config):
    """Material indexes the hand-written pages; the generated ones get one entry each from the data.
    Under serve, what the first build left alive is kept out of the collector's way from then on."""
    if _state["serving"] and not gc.get_freeze_count():
        # The first build leaves a large heap that lives as long as the server (the record, its kept
        # parses and caches, the theme, the drawing code), and every full collection walked it again:
        # 0.13 s (real record) to 0.2 s (1,000 events) in one save out of two or three. Frozen, later
        # collections walk only what later builds make. What of it dies later in a cycle (the first
        # build's pages) is never freed: a one-off, the size of one build.
        gc.freeze()
    if not _state["broken"]:
        extras, generated, clock = _lipsteeth("mkdocs_extras"), _state["generated"], _lipsteeth("clock")
        with clock.stage("previews"):  # the drawing process's time is counted as it is waited for
            extras.copy_drawn_behind(generated, Path(config.site_dir))
        with clock.stage("search"):
            extras.finish_search_index(Path(config.site_dir), generated, _state["previous_index"], _state["rebuilt"])
        if _state["serving"]:
            extras.say_what_changed_meanwhile(generated)
        elif generated.snapshot is not None:  # every page asked for its sharing image: forget the cached ones no page uses now
            with clock.stage("previews"):
                _lipsteeth("site").prune_previews(generated.data_dir)
        clock.report()


def on_build_error(error):
    """A failed build stops the drawing of its sharing images, and waits for it to stop: nothing
    writes into the sources once the build has ended (what is drawn is kept in the cache, and the
    run is not recorded as made: the next one draws the rest)."""
    generated = _state["generated"]
    if generated is not None and generated.behind is not None:
        generated.behind.stop()

"""The charts for a build: each taken from the cache, or drawn when what it draws has changed.

Kept apart from the drawing code so that a build whose charts are all cached never imports
matplotlib (about 0.4 s): the key is computed from the data and the code's text alone.
"""

from __future__ import annotations

import ast
import contextlib
import functools
import hashlib
import json
import re
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

from .. import forked, urls
from ..atomic import WriteFailed, write_atomically
from ..data.dataset import Dataset
from ..gcpause import gc_paused
from . import catalogue
from .catalogue import CATALOGUE, CHARTS, UNDRAWN
from .marks import DEFAULT_START_YEAR, Source

if TYPE_CHECKING:
    from ..analyse.statistics import Wait

PACKAGE = Path(__file__).resolve().parents[1]

Drawings = dict[str, str]  # SVG by chart name, with urls.ROOT_TOKEN for the way to the site root


def drawing_code() -> list[Path]:
    """Every module of this subpackage and every module of the package they import, followed from
    their import statements (lazy ones too): whatever charts print through or compute with. And the
    answer's, which works out the waits a build hands to the test-to-visit chart (`draw_all`'s `tests`)."""
    found: set[Path] = set()
    waiting = sorted((PACKAGE / "charts").glob("*.py")) + [PACKAGE / "analyse" / "answer.py"]
    while waiting:
        path = waiting.pop()
        if path not in found:
            found.add(path)
            waiting += _imported_files(path)
    return sorted(found)


# An import statement, at any indentation (a lazy import inside a function too), brackets and all.
IMPORT = re.compile(rb"^[ \t]*((?:from[ \t]+[\w.]+[ \t]+)?import[ \t]+(?:\([^)]*\)|[^\n]*))", re.MULTILINE)


def _imported_files(path: Path) -> list[Path]:
    """The package's files that `path` imports: `from ..analyse import statistics` is analyse/statistics.py.
    Only the import statements are parsed (the whole module would take ten times as long, on every build)."""
    modules = _modules(PACKAGE)
    here = path.parent.relative_to(PACKAGE).parts
    found = []
    for node in _parsed(IMPORT.findall(path.read_bytes())):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = (*here[: len(here) - node.level + 1], *(node.module.split(".") if node.module else []))
            elif node.module and node.module.split(".")[0] == PACKAGE.name:
                base = tuple(node.module.split(".")[1:])
            else:
                continue
            found += [modules.get((*base, alias.name)) or modules.get(base) for alias in node.names]
        elif isinstance(node, ast.Import):
            found += [modules.get(tuple(a.name.split(".")[1:])) for a in node.names if a.name.split(".")[0] == PACKAGE.name]
    return [f for f in found if f is not None]


@functools.cache
def _modules(package: Path) -> dict[tuple[str, ...], Path]:
    """The package's modules by their dotted names' parts, a subpackage by its own (its __init__.py)."""
    found = {}
    for path in package.rglob("*.py"):
        parts = path.relative_to(package).with_suffix("").parts
        found[parts[:-1] if parts[-1] == "__init__" else parts] = path
    found.pop((), None)  # the package itself: importing from it is importing its modules
    return found


def _parsed(statements: list[bytes]) -> list[ast.stmt]:
    """The statements' syntax, parsed together; one by one if some text only looked like an import
    (a docstring's line), which is then left out."""
    try:
        return ast.parse(b"\n".join(statements)).body
    except SyntaxError:
        return [node for statement in statements for node in _parsed([statement])] if len(statements) > 1 else []


@functools.cache
def code_fingerprint() -> str:
    """A hash of the drawing code's source, read as text (importing it would import matplotlib):
    any change to how charts are drawn or coloured redraws them, with no version to remember to bump."""
    digest = hashlib.sha256()
    for path in drawing_code():
        digest.update(path.relative_to(PACKAGE).as_posix().encode("utf-8") + b"\0" + path.read_bytes())
    return digest.hexdigest()


@functools.cache
def matplotlib_version() -> str:
    """Read once per process: each read parses its installed metadata (8 ms, five times a build), and
    a process draws with the matplotlib it imported first anyway."""
    return version("matplotlib")


@gc_paused()
def draw_all(dataset: Dataset, cache_dir: Path | None, tests: tuple[Wait, ...] | None = None) -> Drawings:
    """Every chart, finished for the build. The cache keeps each at two stages: what matplotlib drew
    (keyed on what the drawing reads: `keys`), and the chart finished from it with its tooltips
    (keyed on that and the tooltips: `finished_key`). So a changed title finishes a chart again
    (milliseconds) but never redraws it (up to a second). The drawings missing from the cache are made on
    several processors (lipsteeth.forked); matplotlib is imported only to draw. `tests`: the waits
    after each nuclear test, when the build's answer has them already."""
    source = Source(dataset, DEFAULT_START_YEAR, tests)
    inputs = {name: CATALOGUE[name].inputs(dataset, DEFAULT_START_YEAR) for name in CHARTS}  # for the keys and the tooltips
    drawing_keys = _keys_of(dataset, inputs, DEFAULT_START_YEAR)
    tooltips = {name: catalogue.titles(source, name, inputs[name]) for name in CHARTS}
    finished_keys = {name: finished_key(drawing_keys[name], urls.ROOT_TOKEN, tooltips[name]) for name in CHARTS}
    drawings = {name: lookup(cache_dir, name, finished_keys[name]) for name in CHARTS}
    unfinished = [name for name, svg in drawings.items() if svg is None]
    drawn = {name: lookup(cache_dir, _drawn(name), drawing_keys[name]) for name in unfinished}
    missing = [name for name, svg in drawn.items() if svg is None]
    for name in missing:
        CATALOGUE[name].figure()  # matplotlib and the drawing code, imported once here (the workers inherit them)

    def draw(name: str) -> str:
        return catalogue.draw(source, name)

    for name, svg in zip(missing, forked.map_forked(draw, missing, forked.processors()), strict=True):
        drawn[name] = svg
        store(cache_dir, _drawn(name), drawing_keys[name], svg)
    for name in unfinished:
        drawings[name] = catalogue.finish(name, drawn[name], tooltips[name], base=urls.ROOT_TOKEN)
        store(cache_dir, name, finished_keys[name], drawings[name])
    prune(cache_dir, finished_keys | {_drawn(name): drawing_key for name, drawing_key in drawing_keys.items()})
    return drawings


def _drawn(name: str) -> str:
    """What the cache calls a chart's drawing, beside the chart finished from it."""
    return f"{name}.drawn"


def key(dataset: Dataset, name: str, *, start_year: int | None) -> str:
    """A hash of everything the chart's drawing depends on: its inputs, the leaders' roles, the options and code."""
    return keys(dataset, (name,), start_year=start_year)[name]


def keys(dataset: Dataset, names: tuple[str, ...], *, start_year: int | None) -> dict[str, str]:
    """`key` for several charts, writing out each event once however many charts draw it. An
    event's UNDRAWN fields (its title, its sources...) are left out: no drawing reads them."""
    return _keys_of(dataset, {name: CATALOGUE[name].inputs(dataset, start_year) for name in names}, start_year)


def _keys_of(dataset: Dataset, drawn: dict[str, catalogue.Inputs], start_year: int | None) -> dict[str, str]:
    """`keys`, from each chart's inputs as the caller has them."""
    leaders = [p.model_dump(mode="json", by_alias=True) for p in dataset.people if any(r.leader for r in p.roles)]
    # Each event as JSON once (pydantic writes fields in the model's fixed order), however many charts draw it.
    written = {e.id: e.model_dump_json(by_alias=True, exclude=UNDRAWN) + "\n" for inputs in drawn.values() for e in inputs.events}
    # A chart with no events of its own starts its years at the record's first (draw._first_year).
    first_year = dataset.events[0].date.year if dataset.events else None
    found = {}
    for name, inputs in drawn.items():
        header = [code_fingerprint(), matplotlib_version(), name, start_year, first_year, leaders]
        digest = hashlib.sha256(_json(header).encode("utf-8"))
        for event in inputs.events:
            digest.update(written[event.id].encode("utf-8"))
        for found_series in inputs.series:
            digest.update(found_series.model_dump_json(by_alias=True).encode("utf-8"))
        found[name] = digest.hexdigest()
    return found


def finished_key(drawing_key: str, base: str, tooltips: dict[str, str]) -> str:
    """A hash of what a finished chart is made from: its drawing, the links' base and the tooltips
    (the code that finishes it is in the drawing's key)."""
    return hashlib.sha256(_json([drawing_key, base, tooltips]).encode("utf-8")).hexdigest()


def _json(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False) + "\n"


def lookup(cache_dir: Path | None, name: str, chart_key: str) -> str | None:
    """The cached chart, or None (also when another process pruned it a moment ago)."""
    if cache_dir is None:
        return None
    try:
        svg = (cache_dir / f"{name}-{chart_key}.svg").read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError):
        return None
    return svg if svg.rstrip().endswith("</svg>") else None  # not cut short (entries are not forced to disk)


def store(cache_dir: Path | None, name: str, chart_key: str, svg: str) -> None:
    """Keep a chart, written atomically (a temporary file of this process's own, so
    two processes filling one cache never take each other's); a cache that cannot be written only
    costs a redraw next time."""
    if cache_dir is None:
        return
    cache_dir.mkdir(parents=True, exist_ok=True)
    stored = cache_dir / f"{name}-{chart_key}.svg"
    with contextlib.suppress(WriteFailed):
        write_atomically(stored, svg.encode("utf-8"), durable=False)


def prune(cache_dir: Path | None, chart_keys: dict[str, str]) -> None:
    """Remove every cached chart but the current versions (`chart_keys`, by chart name)."""
    if cache_dir is None or not cache_dir.is_dir():
        return
    current = {f"{name}-{chart_key}.svg" for name, chart_key in chart_keys.items()}
    for stored in cache_dir.glob("*.svg"):
        if stored.name not in current:
            stored.unlink(missing_ok=True)  # another process may have removed it first

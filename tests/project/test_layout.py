"""The package's layout is the data flow: imports only run down it, and each fact has one home."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import lipsteeth
from lipsteeth.render.sections import SECTIONS

PACKAGE = Path(lipsteeth.__file__).resolve().parent
# Stages in the order the data flows through them; a module may import its own stage and earlier ones.
STAGES = {
    "errors": 0,
    "bidi": 0,
    "atomic": 0,
    "wording": 0,
    "gcpause": 0,
    "clock": 0,
    "forked": 0,
    "urls": 0,
    "data": 1,
    "analyse": 2,
    "charts": 3,
    "render": 4,
    "history": 5,
    "site": 5,
    "site_sources": 5,
    "generate": 5,
    "reuse": 5,
    "mkdocs_extras": 5,
    "tools": 6,
    "cli": 7,
}
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py")


def stage_of(module: str) -> str:
    """'lipsteeth.data.load' -> 'data'."""
    return module.split(".")[1]


def dotted_name(path: Path) -> str:
    return ".".join(("lipsteeth", *path.relative_to(PACKAGE).with_suffix("").parts))


def imported_modules(path: Path) -> set[str]:
    """The package's modules a file imports, each resolved to the module itself (`from ..analyse
    import leadership` is lipsteeth.analyse.leadership, not the package), function-level imports included."""
    modules = {dotted_name(p) for p in MODULES}
    here = dotted_name(path).split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = here[: len(here) - node.level + 1] if node.level else []
            target = ".".join(base + (node.module.split(".") if node.module else []))
            for alias in node.names:
                found.add(f"{target}.{alias.name}" if f"{target}.{alias.name}" in modules else target)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return found & modules


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every group of modules that import one another, directly or round a loop (Tarjan's strongly
    connected components with more than one member, or a module importing itself)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for other in sorted(graph.get(module, ())):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            component = []
            while not component or component[-1] != module:
                component.append(stack.pop())
            if len(component) > 1 or module in graph.get(module, ()):
                cycles.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return sorted(cycles)


def test_no_module_imports_itself_round_a_circle():
    """The imports form no circle, lazy ones (inside a function) included: a circle means two modules
    that cannot be understood, or changed, one without the other."""
    graph = {dotted_name(p): imported_modules(p) for p in MODULES}
    assert import_cycles(graph) == []


def test_the_circle_finder_finds_circles():
    """The check above is not vacuous: a planted circle, long or short, is found and named."""
    assert import_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert import_cycles({"a": {"a"}, "b": set()}) == [["a"]]
    assert import_cycles({"a": {"b"}, "b": set()}) == []


def test_the_module_reader_resolves_imports_to_modules():
    """Relative, absolute, `from package import module` and function-level imports are all seen."""
    assert "lipsteeth.analyse.leadership" in imported_modules(PACKAGE / "charts" / "draw.py")
    assert "lipsteeth.urls" in imported_modules(PACKAGE / "charts" / "strips.py")
    assert "lipsteeth.charts.levels" in imported_modules(PACKAGE / "charts" / "catalogue.py")  # inside a function


def test_every_module_belongs_to_a_stage():
    """A new top-level module or subpackage has to be placed in the flow here first."""
    assert {stage_of(dotted_name(p)) for p in MODULES} <= set(STAGES)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_imports_only_run_down_the_flow(path):
    """data imports nothing from analyse, charts or render; charts nothing from render; and so on."""
    own = STAGES[stage_of(dotted_name(path))]
    later = sorted(m for m in imported_modules(path) if STAGES[stage_of(m)] > own)
    assert later == [], f"{dotted_name(path)} imports from a later stage: {later}"


def test_the_import_reader_sees_relative_imports():
    """The check above would pass vacuously if it found no imports: it finds the known ones."""
    assert "lipsteeth.data.model" in imported_modules(PACKAGE / "render" / "pages.py")
    assert "lipsteeth.urls" in imported_modules(PACKAGE / "charts" / "strips.py")
    assert "lipsteeth.charts.draw" in imported_modules(PACKAGE / "charts" / "catalogue.py")  # the lazy import


FOLDERS = "|".join([*(section.folder for section in SECTIONS), "timeline", "analysis", "article"])
PAGE_PATH = re.compile(rf"(^|[\s'\"(])({FOLDERS})/|\.md($|#)")


def page_paths_written_in(path: Path) -> list[str]:
    """String literals (docstrings aside) that spell out a page's path or address."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body and isinstance(node.body[0], ast.Expr)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
        if PAGE_PATH.search(node.value)
    ]


def test_urls_is_the_only_module_that_writes_page_paths():
    """Every page path and every 'events/<id>/' address is made by lipsteeth.urls."""
    offenders = {
        p.relative_to(PACKAGE).as_posix(): page_paths_written_in(p)
        for p in MODULES
        if p.name != "urls.py" and page_paths_written_in(p)
    }
    assert offenders == {}


def test_the_page_path_reader_would_catch_one():
    """The check above is not vacuous: urls.py itself is full of such literals."""
    assert page_paths_written_in(PACKAGE / "urls.py")


def test_the_model_and_the_rules_import_neither_the_loader_nor_the_shape_check():
    """The model sits below loading and checking: the bounds it states (`MAX_SCALAR`) live in
    `data.limits`, the 'did you mean' of every message in `errors`, so neither it nor the rules
    reach sideways for them."""
    assert imported_modules(PACKAGE / "data" / "model.py") & {"lipsteeth.data.load", "lipsteeth.data.shape_check"} == set()
    assert "lipsteeth.data.shape_check" not in imported_modules(PACKAGE / "data" / "rules.py")


# The tests mirror the stages: one folder per stage subpackage, then the site, the tools and the project.
TEST_FOLDERS = {"data", "analyse", "charts", "render", "site", "tools", "project"}


def test_each_test_file_sits_in_the_folder_of_its_stage():
    tests = Path(__file__).resolve().parents[1]
    assert [p.name for p in tests.glob("test_*.py")] == []
    folders = {p.parent.relative_to(tests).as_posix() for p in tests.rglob("test_*.py")}
    assert folders == TEST_FOLDERS
    subpackages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()} - {"tools"}
    assert subpackages <= TEST_FOLDERS

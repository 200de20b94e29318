"""Stage 1, load: YAML files into plain Python values plus the position of every node.

Scalars are kept as editors wrote them where YAML's typing would surprise them: an unquoted
`2009-10-04` stays the string '2009-10-04' (not a datetime) and dates are parsed later.
Duplicate keys are reported instead of silently keeping the last value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import PathKey, Problem
from .files import relative_name

try:  # libyaml is several times faster on large files and still reports marks
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader

_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


@dataclass
class Document:
    """One data file: its values, and the node tree they came from, which says where each
    value and key sits in the text. Positions are looked up only when a problem is reported,
    so a clean file costs no bookkeeping per node."""

    file: str
    data: Any
    root: yaml.Node | None = field(default=None, repr=False)

    def position(self, path: PathKey, *, key: bool = False) -> tuple[int, int]:
        """Where `path` is (its key, if asked and it has one); else the nearest parent that exists."""
        node, found = self.root, (1, 1)
        if node is None:
            return found
        found = _mark(node)
        for index, step in enumerate(path):
            last = index == len(path) - 1
            if isinstance(node, yaml.MappingNode):
                pair = next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == step), None)
                if pair is None:
                    return found
                if last and key:
                    return _mark(pair[0])
                node = pair[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
                node = node.value[step]
            else:
                return found
            found = _mark(node)
        return found

    def problem(
        self, path: PathKey | None, message: str, *, key: bool = False, at: PathKey | None = None, value: Any = None
    ) -> Problem:
        """A problem about `path` (None: the file as a whole), located there, or at `at`; at its key if `key`."""
        line, column = self.position(at if at is not None else path or (), key=key)
        return Problem(self.file, line, column, message, path, value)


def _mark(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    """Turns a composed node tree into values, reporting duplicate keys."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.problems: list[Problem] = []
        self._scalars = yaml.constructor.SafeConstructor()

    def build(self, node: yaml.Node, path: PathKey) -> Any:
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        if node.tag in (_STR, _TIMESTAMP):
            return node.value
        return self._scalars.construct_object(node)

    def _mapping(self, node: yaml.MappingNode, path: PathKey) -> dict:
        result: dict = {}
        first_line: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(Problem(self.doc.file, *_mark(key_node), "a key must be a plain name", path))
                continue
            key = key_node.value
            if key in result:
                self.problems.append(
                    Problem(
                        self.doc.file,
                        *_mark(key_node),
                        f"duplicate key '{key}' (first given at line {first_line[key]}); YAML would silently keep only the last one",
                        path + (key,),
                    )
                )
                continue
            first_line[key] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, path + (key,))
        return result


def load_text(text: str, file: str) -> tuple[Document, list[Problem]]:
    """Parse one YAML text; returns the document and the problems found while reading it."""
    doc = Document(file=file, data=None)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        return doc, [_syntax_problem(exc, text, file)]
    except yaml.YAMLError as exc:
        return doc, [Problem(file, 1, 1, f"YAML error: {exc}")]
    if node is None:
        return doc, [Problem(file, 1, 1, "the file is empty; expected a mapping of data")]
    doc.root = node
    builder = _Builder(doc)
    try:
        doc.data = builder.build(node, ())
    except yaml.MarkedYAMLError as exc:  # e.g. a malformed scalar such as a bad !!int
        mark = exc.problem_mark
        return doc, [Problem(file, mark.line + 1, mark.column + 1, f"YAML error: {exc.problem}")]
    return doc, builder.problems


# What the parser's messages usually mean for a hand-edited file, and what to do about it.
_HINTS = (
    ("mapping values are not allowed", "a value containing ': ' must be in quotes, like title: \"Kim: the visit\""),
    ("could not find expected ':'", "a field is written 'name: value', with a space after the colon"),
    (
        "did not find expected '-' indicator",
        "check the indentation: list items start with '- ' and the fields of one entry start in the same column",
    ),
    (
        "did not find expected key",
        "check the indentation here and a few lines above, and that every quote that opens also closes",
    ),
    ("found unexpected end of stream", "a quote opened here is never closed"),
)


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, file: str) -> Problem:
    """The parser's message at its position, plus what an editor most likely has to change."""
    mark = exc.problem_mark or exc.context_mark
    what = exc.problem or exc.context or "not valid YAML"
    if any(c in (exc.context or "") for c in ("quoted scalar", "simple key")) and exc.context_mark:
        mark = exc.context_mark  # where the unclosed quote or the colonless field starts, not where the parser gave up
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    lines = text.splitlines()
    at = lines[line - 1][column - 1 : column] if line <= len(lines) else ""
    before = lines[line - 1][: column - 1] if line <= len(lines) else ""
    if at == "\t":
        hint = "indent with spaces: YAML does not allow tabs"
    elif "mapping values are not allowed" in what and ": " not in before:  # no value yet on this line: a key out of place
        hint = "check the indentation of this line: the fields of one entry start in the same column"
    else:
        hint = next((h for problem, h in _HINTS if problem in what), "")
    return Problem(file, line, column, f"YAML syntax error: {what}" + (f"; {hint}" if hint else ""))


def load_file(path: Path, root: Path) -> tuple[Document, list[Problem]]:
    """Read a data file; its name in messages is relative to `root`."""
    name = relative_name(path, root)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        before = path.read_bytes()[: exc.start].decode("utf-8", errors="replace")
        line, column = before.count("\n") + 1, len(before) - before.rfind("\n")
        return Document(name, None), [Problem(name, line, column, f"not UTF-8 text ({exc.reason}); save the file as UTF-8")]
    if not text.strip():
        return Document(name, None), [Problem(name, 1, 1, "the file is empty; expected a mapping of data")]
    return load_text(text, name)

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

from .errors import Problem

try:  # libyaml is several times faster on large files and still reports marks
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader

PathKey = tuple  # ('events', 3, 'date')

_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


@dataclass
class Document:
    """One data file: its values, and where each value and key sits in the text."""

    file: str
    data: Any
    value_at: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    key_at: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: PathKey, *, key: bool = False) -> tuple[int, int]:
        """The nearest known position for `path`, walking up to its parents."""
        table = self.key_at if key else self.value_at
        for cut in range(len(path), -1, -1):
            found = table.get(path[:cut]) or self.value_at.get(path[:cut])
            if found:
                return found
        return (1, 1)

    def problem(self, path: PathKey, message: str, *, key: bool = False) -> Problem:
        line, column = self.position(path, key=key)
        return Problem(self.file, line, column, message)


def _mark(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    """Turns a composed node tree into values, recording positions and duplicate keys."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.problems: list[Problem] = []
        self._scalars = yaml.constructor.SafeConstructor()

    def build(self, node: yaml.Node, path: PathKey) -> Any:
        self.doc.value_at[path] = _mark(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        if node.tag in (_STR, _TIMESTAMP):
            return node.value
        return self._scalars.construct_object(node)

    def _mapping(self, node: yaml.MappingNode, path: PathKey) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(Problem(self.doc.file, *_mark(key_node), f"{_dotted(path)}: a key must be a plain name"))
                continue
            key = key_node.value
            if key in result:
                first = self.doc.key_at[path + (key,)]
                self.problems.append(
                    Problem(
                        self.doc.file,
                        *_mark(key_node),
                        f"{_dotted(path + (key,))}: duplicate key '{key}' (first given at line {first[0]}); "
                        "YAML would silently keep only the last one",
                    )
                )
                continue
            self.doc.key_at[path + (key,)] = _mark(key_node)
            result[key] = self.build(value_node, path + (key,))
        return result


def _dotted(path: PathKey) -> str:
    """('events', 3, 'date') -> 'events[3].date'."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


dotted = _dotted


def load_text(text: str, file: str) -> tuple[Document, list[Problem]]:
    """Parse one YAML text; returns the document and the problems found while reading it."""
    doc = Document(file=file, data=None)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or exc.context or "not valid YAML"
        return doc, [Problem(file, line, column, f"YAML syntax error: {what}")]
    except yaml.YAMLError as exc:
        return doc, [Problem(file, 1, 1, f"YAML error: {exc}")]
    if node is None:
        return doc, [Problem(file, 1, 1, "the file is empty; expected a mapping of data")]
    builder = _Builder(doc)
    try:
        doc.data = builder.build(node, ())
    except yaml.MarkedYAMLError as exc:  # e.g. a malformed scalar such as a bad !!int
        mark = exc.problem_mark
        return doc, [Problem(file, mark.line + 1, mark.column + 1, f"YAML error: {exc.problem}")]
    return doc, builder.problems


def load_file(path: Path, root: Path) -> tuple[Document, list[Problem]]:
    """Read a data file; its name in messages is relative to `root`."""
    name = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return Document(name, None), [Problem(name, 1, 1, f"not UTF-8 text ({exc.reason} at byte {exc.start})")]
    if not text.strip():
        return Document(name, None), [Problem(name, 1, 1, "the file is empty; expected a mapping of data")]
    return load_text(text, name)

"""Stage 1, load: YAML files into plain Python values plus the position of every node.

Scalars are kept as editors wrote them where YAML's typing would surprise them: an unquoted
`2009-10-04` stays the string '2009-10-04' (not a datetime) and dates are parsed later.
Duplicate keys are reported instead of silently keeping the last value.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import PathKey, Problem
from .files import relative_name
from .limits import MAX_DEPTH, MAX_FIELDS, MAX_FILE_BYTES, MAX_ITEMS, MAX_SCALAR

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
    # "Did you mean" for a misspelt field or value costs a comparison with each option: a file with
    # 100,000 unknown fields got one each (most of a 40 s check). The first ones of a file get one.
    suggestions_left: int = field(default=100, repr=False, compare=False)

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


# Tags the YAML parser gives plain values on its own; an explicit `!!int` or `!foo` is never needed.
_IMPLICIT = {_STR, _TIMESTAMP, *(f"tag:yaml.org,2002:{t}" for t in ("int", "float", "bool", "null"))}


class _Builder:
    """Turns a composed node tree into values, reporting duplicate keys, aliases, tags and values
    that no real data file has (too deep, too long) instead of building them."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.problems: list[Problem] = []
        self._scalars = yaml.constructor.SafeConstructor()
        self._seen: set[int] = set()  # nodes built so far: one met again is an alias
        self.aliased = False

    def build(self, node: yaml.Node, path: PathKey, where: yaml.Node | None = None) -> Any:
        """The value of `node`; `where` is the node that stands for it in the text (a mapping's key)."""
        if id(node) in self._seen:
            # An alias (*name) makes the composer hand back a node already built. Aliases can
            # multiply a file a billion times over (the "alias bomb"), so nothing is built twice;
            # `load_text` then reports each alias where it is written.
            self.aliased = True
            return None
        self._seen.add(id(node))
        if len(path) > MAX_DEPTH:
            self._report(node, path, f"nested more than {MAX_DEPTH} levels deep; a data file needs far fewer")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            if len(node.value) > MAX_ITEMS:  # each item would be checked, and might be wrong, on its own
                self._report(
                    node, path, f"a list of {len(node.value):,} entries; lists hold at most {MAX_ITEMS:,}: split the file"
                )
                return None
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        if len(node.value) > MAX_SCALAR:
            self._report(node, path, f"a value of {len(node.value):,} characters; values are at most {MAX_SCALAR:,}")
            return None
        if node.tag in (_STR, _TIMESTAMP):
            return node.value
        if node.tag not in _IMPLICIT:
            self._report(node, path, f"the tag '{_short_tag(node.tag)}' is not used in data files; remove it")
            return None
        try:
            return self._scalars.construct_object(node)
        except (ValueError, TypeError, KeyError, yaml.YAMLError):  # an explicit tag that does not fit: !!int abc
            self._report(
                node, path, f"'{node.value[:40]}' is not a valid {_short_tag(node.tag)}; remove the tag '{_short_tag(node.tag)}'"
            )
            return None

    def _report(self, node: yaml.Node, path: PathKey, message: str) -> None:
        self.problems.append(Problem(self.doc.file, *_mark(node), message, path))

    def _mapping(self, node: yaml.MappingNode, path: PathKey) -> dict | None:
        if len(node.value) > MAX_FIELDS:  # each unknown field would be reported, with a suggestion, on its own
            self._report(node, path, f"a mapping of {len(node.value):,} fields; a record has at most {MAX_FIELDS}")
            return None
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
            result[key] = self.build(value_node, path + (key,), key_node)
        return result


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


# This process's last clean parse of each data file, by its name in messages: (its text, its values,
# its node tree). For `load_text(..., reuse=True)`: under `mkdocs serve` a save changes one file, and
# parsing the others again was most of the validation stage's time.
_PARSED: dict[str, tuple[str, Any, yaml.Node]] = {}


def load_text(text: str, file: str, *, reuse: bool = False) -> tuple[Document, list[Problem]]:
    """Parse one YAML text; returns the document and the problems found while reading it. With
    `reuse`, the values of this process's last parse of the same file are handed back if its text is
    the same to the character (it parsed cleanly: a file with problems is always parsed again, and
    reports them again); its callers must not change them."""
    if reuse:
        kept = _PARSED.get(file)
        if kept is not None and kept[0] == text:
            return Document(file=file, data=kept[1], root=kept[2]), []
    doc, problems = _parsed(text, file)
    if reuse:
        if problems or doc.data is None:
            _PARSED.pop(file, None)
        else:
            _PARSED[file] = (text, doc.data, doc.root)
    return doc, problems


def kept_parse(doc: Document) -> bool:
    """Whether `doc`'s values are the ones this process keeps for its file (`load_text`'s `reuse`):
    what is worked out from them alone can be kept with them."""
    kept = _PARSED.get(doc.file)
    return kept is not None and kept[1] is doc.data


def forget_parses(kept: set[str]) -> None:
    """Drop the parses kept for files other than `kept` (by name): a file renamed or removed."""
    for name in set(_PARSED) - kept:
        del _PARSED[name]


def _parsed(text: str, file: str) -> tuple[Document, list[Problem]]:
    doc = Document(file=file, data=None)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        return doc, [_syntax_problem(exc, text, file)]
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow: give its line and column
        line, column = _line_and_column(text, exc.position)
        return doc, [Problem(file, line, column, f"the character U+{exc.character:04X} is not allowed in YAML text; remove it")]
    except yaml.YAMLError as exc:
        return doc, [Problem(file, 1, 1, f"YAML error: {exc}")]
    if node is None:
        return doc, [Problem(file, 1, 1, "the file is empty; expected a mapping of data")]
    doc.root = node
    builder = _Builder(doc)
    doc.data = builder.build(node, ())
    if builder.aliased:
        return doc, builder.problems + _aliases(text, file)
    return doc, builder.problems


def _aliases(text: str, file: str, most: int = 10) -> list[Problem]:
    """Where each alias is written (the composed nodes no longer say), the first `most` of them."""
    found = [event for event in yaml.parse(text, Loader=_Loader) if isinstance(event, yaml.AliasEvent)]
    problems = [
        Problem(
            file,
            event.start_mark.line + 1,
            event.start_mark.column + 1,
            f"an alias (*{event.anchor}) repeats a value written elsewhere; aliases are not allowed in data files: write the value out",
        )
        for event in found[:most]
    ]
    if len(found) > most:  # the rest in one line, at the first of them
        rest, first = len(found) - most, found[most].start_mark
        more = f"this alias and {rest - 1} more after it" if rest > 1 else "this alias too"
        problems.append(Problem(file, first.line + 1, first.column + 1, f"{more}: aliases are not allowed in data files"))
    return problems


def _line_and_column(text: str, position: int) -> tuple[int, int]:
    before = text[:position]
    return before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1


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


def load_file(path: Path, root: Path, *, reuse: bool = False) -> tuple[Document, list[Problem]]:
    """Read a data file; its name in messages is relative to `root`. Only a regular file of a
    sane size is opened: a link (to a secret outside the repository, or to /dev/zero), a folder
    or a device is refused without reading a byte of it, so no message can echo what it holds.
    `reuse`: see `load_text`."""
    name = relative_name(path, root)
    refused = not_a_data_file(path)
    if refused:
        return Document(name, None), [Problem(name, 1, 1, refused)]
    with path.open("rb") as stream:
        raw = stream.read(MAX_FILE_BYTES + 1)  # bounded even if the file grew since it was checked
    if len(raw) > MAX_FILE_BYTES:
        return Document(name, None), [Problem(name, 1, 1, _too_large(len(raw)))]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8", errors="replace")
        line, column = before.count("\n") + 1, len(before) - before.rfind("\n")
        return Document(name, None), [Problem(name, line, column, f"not UTF-8 text ({exc.reason}); save the file as UTF-8")]
    if not text.strip():
        return Document(name, None), [Problem(name, 1, 1, "the file is empty; expected a mapping of data")]
    return load_text(text, name, reuse=reuse)


def not_a_data_file(path: Path) -> str | None:
    """Why `path` cannot be read as a data file (a link, not a regular file, too large), or None."""
    try:
        status = path.lstat()
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if stat.S_ISLNK(status.st_mode):
        return "is a symbolic link; data files must be regular files in the repository (links are not followed)"
    if not stat.S_ISREG(status.st_mode):
        return "is not a regular file (a folder, device or pipe); expected a YAML file"
    if status.st_size > MAX_FILE_BYTES:
        return _too_large(status.st_size)
    return None


def _too_large(size: int) -> str:
    return f"is {size:,} bytes; a data file is at most {MAX_FILE_BYTES:,} bytes: split it (events files by years)"

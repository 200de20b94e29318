"""Editors' helpers: add a well-formed event or person to the right file, touching nothing else.

The new entry is written as text and inserted at its place (events by date, people at the end);
every other byte of the file stays as the editor left it, comments included. The change is
validated on a copy of the data folder first, so a bad entry never reaches the real file.

Two `new` runs at once would each read the file, add their entry and replace it, and the second
replace would drop the first entry; so each run holds a lock on the data folder from its read to
its replace, and checks just before replacing that nobody else (an editor saving) changed the file.
"""

from __future__ import annotations

import codecs
import collections
import contextlib
import fcntl
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

import yaml
from slugify import slugify

from ..atomic import write_atomically
from ..data.dates import PartialDate
from ..data.files import EVENTS_DIR, PEOPLE_FILE, outside_its_file, years_covered
from ..data.load import load_file
from ..data.model import KIND_OF
from ..data.validate import load_dataset
from ..errors import DataError, Problem, quoted
from .options import EVENT_ORDER, PERSON_ORDER


class _Style(yaml.SafeDumper):
    """The house style of the data files: block lists indented under their key, dates quoted."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def _str(dumper, value: str):
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


class _Flow(list):
    pass


_Style.add_representer(str, _str)
_Style.add_representer(_Flow, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))


PLACES = {"CN": "china", "KP": "north-korea"}
TITLE_WORDS = 6  # a proposed id from a title keeps at most this many whole words


def propose_id(
    date: PartialDate, title: str, taken: set[str], *, kind: str = "", people=(), place: str = "", to: str = ""
) -> str:
    """A short id of whole words: the date, then who, what and where ('2003-10-wu-bangguo-visits-
    pyongyang') when the event names a person, else the first words of the title; made unique
    with -2, -3..."""
    prefix = f"{date.year}-{date.month:02d}" if date.month else str(date.year)
    if people:
        words = [people[0], KIND_OF[kind].verb if kind in KIND_OF else "", slugify(place) if place else PLACES.get(to, "")]
        base = "-".join([prefix, *(w for w in words if w)])
    else:
        base = "-".join([prefix, *slugify(title).split("-")[:TITLE_WORDS]]).rstrip("-")
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def event_ids_in_use(dataset) -> dict[str, str]:
    """Every id a new event may not take, with what holds it: the events' ids and their former ids
    (aliases), whose old addresses redirect to the renamed page."""
    held = {alias: f"a former id of the event {quoted(e.title)} (in its aliases)" for e in dataset.events for alias in e.aliases}
    return held | {e.id: f"the id of the event {quoted(e.title)}" for e in dataset.events}


def events_file_for(data_dir: Path, year: int) -> Path:
    """The events file whose name covers the year ('1998-2011.yaml', '2017-today.yaml'), else the last."""
    files = sorted((data_dir / EVENTS_DIR).glob("*.yaml"))
    for path in files:
        if years_covered(path.name) and not outside_its_file(path.name, year):
            return path
    if not files:
        raise ValueError(f"there is no events file yet; create one named for its years, such as 'data/events/{year}-today.yaml'")
    return files[-1]


def entry_text(record: dict, order: tuple[str, ...]) -> str:
    """One list entry in the house style, fields in the model's order, empty ones left out."""
    ordered = {k: record[k] for k in order if record.get(k) not in (None, "", [], {}, False)}
    for key in ("people", "aliases"):  # short lists of ids and names stay on one line
        if key in ordered:
            ordered[key] = _Flow(ordered[key])
    body = yaml.dump([ordered], Dumper=_Style, allow_unicode=True, sort_keys=False, width=100)
    return "".join(f"  {line}" if line.strip() else line for line in body.splitlines(keepends=True))


# What YAML counts as a line break (so the loader's line numbers and ours agree, even in a file
# whose lines end in different ways), and a line holding the document-end marker.
LINE_BREAKS = ("\r\n", "\r", "\n", "\x85", "\u2028", "\u2029")
_LINE = re.compile("[^\r\n\x85\u2028\u2029]*(?:\r\n|[\r\n\x85\u2028\u2029])|[^\r\n\x85\u2028\u2029]+$")
_END_MARKER = re.compile(r"\.\.\.(?:[ \t]|$|[\r\n])")


def _dominant_newline(text: str) -> str:
    """The line ending most of the file's lines use (a new entry's lines get it); '\\n' in a tie."""
    counts = collections.Counter(re.findall(r"\r\n|\r|\n", text))
    return max(("\n", "\r\n", "\r"), key=lambda ending: counts[ending])


@dataclass
class EditorsFile:
    """A data file as its editor saved it: its lines with their own endings, its line-ending style,
    whether it starts with a byte-order mark and whether it ends with a newline. Entries are added
    as whole lines, so a diff of the change shows the added lines and nothing else."""

    path: Path
    lines: list[str]  # each with its own line ending, as saved
    newline: str
    bom: bool
    original: bytes = b""  # the file as read, to see whether anyone changed it before it is replaced

    @classmethod
    def read(cls, path: Path) -> EditorsFile:
        raw = path.read_bytes()
        bom = raw.startswith(codecs.BOM_UTF8)
        text = raw.decode("utf-8-sig")
        return cls(path, _LINE.findall(text), _dominant_newline(text), bom, raw)

    def text(self) -> str:
        return "".join(self.lines)

    def block(self, text: str) -> list[str]:
        """`text` (written with \\n) as whole lines in this file's line-ending style."""
        return [line + self.newline for line in text.rstrip("\n").split("\n")]

    def insert(self, before_line: int, block: list[str]) -> int:
        """Put `block` and a blank line before line `before_line` (counted from 1); returns the
        line number the block starts at."""
        self.lines[before_line - 1 : before_line - 1] = [*block, self.newline]
        return before_line

    def append(self, block: list[str]) -> int:
        """Put a blank line and `block` after the last line that has content (trailing blank lines
        stay at the end); returns the line number the block starts at."""
        end = self._end_of_content()
        if end and not self.lines[end - 1].endswith(LINE_BREAKS):  # no final newline: the last line gets one
            self.lines[end - 1] += self.newline
            if end == len(self.lines):
                block[-1] = block[-1].removesuffix(self.newline)  # and the file still ends without one
        self.lines[end:end] = [self.newline, *block]
        return end + 2

    def _end_of_content(self) -> int:
        """The index after the last line of the entries: before trailing blank lines, and before a
        document-end marker ('...', which ends the YAML; an entry after it would be a second document)."""
        end = len(self.lines)
        for index in range(len(self.lines) - 1, -1, -1):
            line = self.lines[index]
            if _END_MARKER.match(line):
                end = index
                break
            if line.strip() and not line.lstrip().startswith("#"):
                break  # content: there is no end marker after it
        while end and not self.lines[end - 1].strip():
            end -= 1
        return end

    def bytes(self) -> bytes:
        return (codecs.BOM_UTF8 if self.bom else b"") + self.text().encode("utf-8")


@contextlib.contextmanager
def one_edit_at_a_time(data_dir: Path):
    """Hold an exclusive lock on the data folder (a folder keeps its identity when a file in it is
    replaced, and leaves no lock file behind); another `new` waits here until this one has written."""
    descriptor = os.open(data_dir, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def add_event(data_dir: Path, fields: dict, people: tuple[dict, ...] = ()) -> tuple[Path, str]:
    """Insert a new event at its date, and append the `people` it names that are new (added along
    with it, under the same lock, both checked together); returns (file, id). Raises EntryRejected,
    naming the option to fix, if it is not valid; the data files are then untouched."""
    with one_edit_at_a_time(data_dir):
        dataset = load_dataset(data_dir)
        edits = [_people_edit(data_dir, dataset, people)] if people else []
        target, event_id, edit = _event_edit(data_dir, dataset, fields)
        _write_if_valid(data_dir, [*edits, edit])  # the people first: an event naming them needs them
        return target, event_id


def _event_edit(data_dir: Path, dataset, fields: dict) -> tuple[Path, str, tuple[EditorsFile, range]]:
    try:
        date = PartialDate.parse(fields.get("date", ""))
    except ValueError as exc:
        raise ValueError(f"--date: {exc}") from None
    record = {**fields, "date": date.iso()}
    in_use = event_ids_in_use(dataset)
    record["id"] = fields.get("id") or propose_id(
        date,
        fields.get("title", ""),
        set(in_use),
        kind=fields.get("kind", ""),
        people=fields.get("people") or (),
        place=fields.get("place") or "",
        to=fields.get("to") or "",
    )
    if record["id"] in in_use:
        raise ValueError(f"--id: '{record['id']}' is already {in_use[record['id']]}; choose another")
    target = events_file_for(data_dir, date.year)
    if outside_its_file(target.name, date.year):
        raise ValueError(
            f"--date: no file in data/events/ is named for {date.year}; create one for its years first, such as '{date.year}-{date.year}.yaml'"
        )
    doc, _ = load_file(target, data_dir.parent)
    events = doc.data["events"]
    later = next((i for i, e in enumerate(events) if PartialDate.parse(e["date"]) > date), None)
    editors = EditorsFile.read(target)
    block = editors.block(entry_text(record, EVENT_ORDER))
    first = editors.append(block) if later is None else editors.insert(doc.position(("events", later))[0], block)
    return target, record["id"], (editors, range(first, first + len(block)))


def _refuse_taken_id(record_id: str, taken, what: str) -> None:
    """An id already in use is refused before anything is written, naming what holds it."""
    if record_id in taken:
        holder = taken[record_id]
        label = getattr(holder, "title", None) or getattr(holder, "name", "")
        raise ValueError(f"--id: '{record_id}' is already the id of the {what} {quoted(label)}; choose another")


class EntryRejected(Exception):
    """The new entry is not valid; `reasons` name the command-line option to fix where they can."""

    def __init__(self, reasons: list[str]):
        self.reasons = reasons
        super().__init__("\n".join(reasons))


def _as_option(problem: Problem, file: str, entry_lines: range) -> str:
    """A problem in the new entry, said of the option that gave the value; any other as located."""
    if problem.file != file:
        return str(problem)
    if problem.line not in entry_lines:
        line = problem.line - len(entry_lines) - 1 if problem.line > entry_lines.stop else problem.line
        return str(replace(problem, line=line))
    fields = [step for step in (problem.path or ())[2:] if isinstance(step, str)]  # ('events', 3, 'sources', 0, 'url')
    if not fields:
        return f"the new {'person' if (problem.path or ('',))[0] == 'people' else 'event'}: {problem.message}"
    return f"--{_option_of(fields)}: {problem.message}"


def _option_of(fields: list[str]) -> str:
    """The option that gave the value at a field path: ['sources', 'url'] -> 'source-url',
    ['postponed', 'sources', 'url'] -> 'postponed-source-url', ['postponed', 'reason'] -> 'postponed-reason'."""
    prefix = ""
    if fields[0] == "postponed" and len(fields) > 1:
        prefix, fields = "postponed-", fields[1:]
    if fields[0] in ("sources", "roles") and len(fields) > 1:  # a person's first role: 'role-from'
        return f"{prefix}{fields[0].removesuffix('s')}-{fields[1]}"
    return (prefix + fields[0]).replace("_", "-")


def add_person(data_dir: Path, fields: dict) -> tuple[Path, str]:
    """Append a new person to data/people.yaml; returns (file, id). The id is made from the name if not given."""
    with one_edit_at_a_time(data_dir):
        dataset = load_dataset(data_dir)
        edit = _people_edit(data_dir, dataset, (fields,))
        _write_if_valid(data_dir, [edit])
        return edit[0].path, fields.get("id") or slugify(fields["name"])


def _people_edit(data_dir: Path, dataset, people: tuple[dict, ...]) -> tuple[EditorsFile, range]:
    """people.yaml with the new people appended, and the lines they take."""
    editors = EditorsFile.read(data_dir / PEOPLE_FILE)
    lines: list[int] = []
    for fields in people:
        person_id = fields.get("id") or slugify(fields["name"])
        if not person_id:
            raise ValueError(
                f"--name: no id can be made from {quoted(fields['name'])} (it has no letters or digits a web address can use); give one with --id"
            )
        _refuse_taken_id(person_id, dataset.person_by_id, "person")
        block = editors.block(entry_text({**fields, "id": person_id}, PERSON_ORDER))
        first = editors.append(block)
        lines += [first, first + len(block)]
    return editors, range(min(lines), max(lines))


def _write_if_valid(data_dir: Path, edits: list[tuple[EditorsFile, range]]) -> None:
    """Validate the whole dataset with the changes applied to a copy; only then write the real
    files, each atomically. Problems in a new entry name the option that gave the value; any other
    is located in the real file (lines after the entry move back by its length)."""
    names = [edited.path.relative_to(data_dir.parent).as_posix() for edited, _ in edits]
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / data_dir.name
        shutil.copytree(data_dir, copy, symlinks=True)
        for edited, _ in edits:
            (copy / edited.path.relative_to(data_dir)).write_bytes(edited.bytes())
        try:
            load_dataset(copy)
        except DataError as exc:
            lines = dict(zip(names, (entry_lines for _, entry_lines in edits), strict=True))
            raise EntryRejected(
                [_as_option(p, p.file, lines[p.file]) if p.file in lines else str(p) for p in exc.problems]
            ) from None
    for name, (edited, _) in zip(names, edits, strict=True):  # every file checked before any is replaced
        if edited.path.read_bytes() != edited.original:  # saved by an editor meanwhile: its change must not be lost
            raise ValueError(f"{name} changed while the new entry was being added (saved in an editor?); run the command again")
    for name, (edited, _) in zip(names, edits, strict=True):
        write_atomically(edited.path, edited.bytes(), shown_as=name)

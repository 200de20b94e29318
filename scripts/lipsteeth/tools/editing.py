"""Editors' helpers: add a well-formed event or person to the right file, touching nothing else.

The new entry is written as text and inserted at its place (events by date, people at the end);
every other byte of the file stays as the editor left it, comments included. The change is
validated on a copy of the data folder first, so a bad entry never reaches the real file.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import yaml
from slugify import slugify

from ..data.dates import PartialDate
from ..data.files import EVENTS_DIR, PEOPLE_FILE, outside_its_file, years_covered
from ..data.load import load_file
from ..data.validate import load_dataset
from ..errors import DataError, Problem
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


def propose_id(date: PartialDate, title: str, taken: set[str]) -> str:
    """'2000-05-kim-jong-il-visits-beijing' from the date and title, made unique with -2, -3..."""
    prefix = f"{date.year}-{date.month:02d}" if date.month else str(date.year)
    base = f"{prefix}-{slugify(title, max_length=60, word_boundary=True)}".rstrip("-")
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


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


def add_event(data_dir: Path, fields: dict) -> tuple[Path, str]:
    """Insert a new event; returns (file, id). Raises DataError, located in the new text, if it is not valid."""
    dataset = load_dataset(data_dir)
    date = PartialDate.parse(fields["date"])
    record = {**fields, "date": date.iso()}
    record["id"] = fields.get("id") or propose_id(date, fields["title"], set(dataset.event_by_id))
    target = events_file_for(data_dir, date.year)
    if outside_its_file(target.name, date.year):
        raise ValueError(
            f"--date: no file in data/events/ is named for {date.year}; create one for its years first, such as '{date.year}-{date.year}.yaml'"
        )
    text = target.read_text(encoding="utf-8")
    doc, _ = load_file(target, data_dir.parent)
    events = doc.data["events"]
    later = next((i for i, e in enumerate(events) if PartialDate.parse(e["date"]) > date), None)
    lines = text.splitlines(keepends=True)
    entry = entry_text(record, EVENT_ORDER)
    if later is None:
        updated = text.rstrip("\n") + "\n\n" + entry
        first = len(text.rstrip("\n").splitlines()) + 2
    else:
        at = doc.position(("events", later))[0] - 1
        updated = "".join(lines[:at]) + entry + "\n" + "".join(lines[at:])
        first = at + 1
    try:
        _write_if_valid(data_dir, target, updated)
    except DataError as exc:
        name = target.relative_to(data_dir.parent).as_posix()
        raise EntryRejected([_as_option(p, name, range(first, first + entry.count("\n"))) for p in exc.problems]) from None
    return target, record["id"]


class EntryRejected(Exception):
    """The new entry is not valid; `reasons` name the command-line option to fix where they can."""

    def __init__(self, reasons: list[str]):
        self.reasons = reasons
        super().__init__("\n".join(reasons))


def _as_option(problem: Problem, file: str, entry_lines: range) -> str:
    """A problem in the new entry, said of the option that gave the value; any other as located."""
    if problem.file != file or problem.line not in entry_lines:
        return str(problem)
    fields = [step for step in (problem.path or ())[2:] if isinstance(step, str)]  # ('events', 3, 'sources', 0, 'url')
    if not fields:
        return f"the new event: {problem.message}"
    option = f"source-{fields[1]}" if fields[0] == "sources" and len(fields) > 1 else fields[0]
    return f"--{option}: {problem.message}"


def add_person(data_dir: Path, fields: dict) -> tuple[Path, str]:
    """Append a new person to data/people.yaml; returns (file, id). The id is made from the name if not given."""
    dataset = load_dataset(data_dir)
    person_id = fields.get("id") or slugify(fields["name"])
    if person_id in dataset.person_by_id:
        raise ValueError(f"a person with the id '{person_id}' already exists")
    target = data_dir / PEOPLE_FILE
    text = target.read_text(encoding="utf-8")
    entry = entry_text({**fields, "id": person_id}, PERSON_ORDER)
    _write_if_valid(data_dir, target, text.rstrip("\n") + "\n\n" + entry)
    return target, person_id


def _write_if_valid(data_dir: Path, target: Path, updated: str) -> None:
    """Validate the whole dataset with the change applied to a copy; only then write the real file."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / data_dir.name
        shutil.copytree(data_dir, copy)
        (copy / target.relative_to(data_dir)).write_text(updated, encoding="utf-8")
        try:
            load_dataset(copy)
        except DataError as exc:
            raise DataError(exc.problems) from None
    target.write_text(updated, encoding="utf-8")

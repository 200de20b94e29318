"""The data folder's layout: which files the record is read from, and what their names promise."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import Problem, quoted

ROOT = Path(__file__).resolve().parents[3]  # the repository: scripts/lipsteeth/data/files.py
DATA = ROOT / "data"

ARTICLE_FILE = "article.yaml"
PEOPLE_FILE = "people.yaml"
CLAIMS_FILE = "claims.yaml"
EVENTS_DIR = "events"
SERIES_DIR = "series"  # optional: time series such as trade figures
_YEARS = re.compile(r"^(\d{4})-(\d{4}|today)$")  # events files are named for their years: 1998-2011, 2017-today


def years_covered(file_name: str) -> tuple[int, int] | None:
    """(first, last) year an events file is named for, or None if its name gives no years."""
    match = _YEARS.match(Path(file_name).stem)
    return (int(match[1]), 9999 if match[2] == "today" else int(match[2])) if match else None


def outside_its_file(file_name: str, year: int) -> bool:
    """Whether `year` falls outside the years a year-named events file is for."""
    years = years_covered(file_name)
    return years is not None and not years[0] <= year <= years[1]


# A file's name reaches logs, CI annotations and page addresses: only these characters are safe in all of them.
_SAFE_NAME = re.compile(r"[A-Za-z0-9._-]+")


def _badly_named(path: Path, root: Path) -> Problem:
    odd = ", ".join(quoted(c) for c in sorted({c for c in path.name if not _SAFE_NAME.fullmatch(c)}))
    message = f"not read: a data file's name may hold only letters A-Z and a-z, digits, '.', '_' and '-' (found {odd}); rename it"
    return Problem(relative_name(path, root), 1, 1, message)


def data_files(data_dir: Path) -> list[Path]:
    """Every file the dataset is read from, in a fixed order."""
    events, series = _named_files(data_dir / EVENTS_DIR), _named_files(data_dir / SERIES_DIR)
    return [data_dir / ARTICLE_FILE, data_dir / PEOPLE_FILE, data_dir / CLAIMS_FILE, *events, *series]


def fingerprint(data_dir: Path) -> tuple:
    """What the data files are right now: name, size and modification time of each (of the entry
    itself: a link is not followed, and is refused when the data is read)."""
    found = []
    for path in data_files(data_dir):
        try:
            status = path.lstat()
        except OSError:
            continue
        found.append((path.as_posix(), status.st_mode, status.st_size, status.st_mtime_ns))
    return tuple(found)


def _named_files(folder: Path) -> list[Path]:
    """The .yaml files of a folder whose names are safe to print (the others are refused, below)."""
    return sorted(p for p in folder.glob("*.yaml") if _SAFE_NAME.fullmatch(p.name)) if folder.is_dir() else []


def stray_event_files(folder: Path, root: Path) -> list[Problem]:
    """A .yml (or .YAML) file in the events (or series) folder would be skipped without a word, and
    so is a .yaml file whose name holds other characters than letters, digits, '.', '_' and '-' (a
    line break in a name could start a command line of its own in a CI log); say so."""
    problems = []
    for stray in sorted(folder.iterdir()) if folder.is_dir() else []:
        if stray.is_file() and stray.suffix == ".yaml" and not _SAFE_NAME.fullmatch(stray.name):
            problems.append(_badly_named(stray, root))
            continue
        if stray.is_file() and stray.suffix != ".yaml" and stray.suffix.lower() in (".yml", ".yaml"):
            target = stray.with_suffix(".yaml")
            fix = f"move its events into '{target.name}'" if target.exists() else f"rename it to '{target.name}'"
            problems.append(Problem(relative_name(stray, root), 1, 1, f"not read: event files end in '.yaml'; {fix}"))
    return problems


def relative_name(path: Path, root: Path) -> str:
    """How messages name a file: relative to the project root (data/events/x.yaml)."""
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)

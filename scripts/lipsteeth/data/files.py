"""The data folder's layout: which files the record is read from, and what their names promise."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import Problem

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


def data_files(data_dir: Path) -> list[Path]:
    """Every file the dataset is read from, in a fixed order."""
    events = sorted((data_dir / EVENTS_DIR).glob("*.yaml")) if (data_dir / EVENTS_DIR).is_dir() else []
    series = sorted((data_dir / SERIES_DIR).glob("*.yaml")) if (data_dir / SERIES_DIR).is_dir() else []
    return [data_dir / ARTICLE_FILE, data_dir / PEOPLE_FILE, data_dir / CLAIMS_FILE, *events, *series]


def stray_event_files(folder: Path, root: Path) -> list[Problem]:
    """A .yml (or .YAML) file in the events (or series) folder would be skipped without a word; say so."""
    problems = []
    for stray in sorted(folder.iterdir()) if folder.is_dir() else []:
        if stray.is_file() and stray.suffix != ".yaml" and stray.suffix.lower() in (".yml", ".yaml"):
            target = stray.with_suffix(".yaml")
            fix = f"move its events into '{target.name}'" if target.exists() else f"rename it to '{target.name}'"
            problems.append(Problem(relative_name(stray, root), 1, 1, f"not read: event files end in '.yaml'; {fix}"))
    return problems


def relative_name(path: Path, root: Path) -> str:
    """How messages name a file: relative to the project root (data/events/x.yaml)."""
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)

"""Shared fixtures: a small valid dataset that each test copies and breaks in one place."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from lipsteeth.data.dates import PartialDate
from lipsteeth.data.validate import load_dataset
from lipsteeth.errors import DataError
from lipsteeth.tools import run_mkdocs as build
from lipsteeth.tools.run_mkdocs import project_copy

ROOT = Path(__file__).resolve().parents[1]
MINI = Path(__file__).parent / "fixtures" / "mini"
TODAY = dt.date(2026, 11, 28)
# The three events of the small fixture.
LAUNCH = "1998-08-taepodong-1"
VISIT = "2000-05-kim-jong-il-visits-china"
TEST = "2006-10-first-nuclear-test"


def dataset_of(folder: DataFolder):
    """The validated dataset of a (possibly edited) copy of the fixture."""
    return load_dataset(folder.path, today=TODAY)


class DataFolder:
    """A writable copy of a dataset, with helpers to edit a file and collect the problems."""

    def __init__(self, path: Path):
        self.path = path

    def file(self, name: str) -> Path:
        return self.path / name

    def replace(self, name: str, old: str, new: str) -> None:
        target = self.file(name)
        text = target.read_text(encoding="utf-8")
        assert old in text, f"fixture text {old!r} not found in {name}"
        target.write_text(text.replace(old, new, 1), encoding="utf-8")

    def rename(self, old: str, new: str) -> None:
        """Give a record another id in every file that names it, as an editor renaming it would."""
        for path in sorted(self.path.rglob("*.yaml")):
            text = path.read_text(encoding="utf-8")
            if old in text:
                path.write_text(text.replace(old, new), encoding="utf-8")

    def write(self, name: str, text: str) -> None:
        self.file(name).write_text(text, encoding="utf-8")

    def put_in_date_order(self, name: str) -> None:
        """Move whole event entries into date order, as an editor changing a date would."""
        text = self.file(name).read_text(encoding="utf-8")
        head, *entries = re.split(r"(?m)^(?=  - id: )", text)
        entries = [entry.rstrip("\n") + "\n\n" for entry in entries]
        entries.sort(key=lambda entry: PartialDate.parse(re.search(r"^    date: \"?([0-9-]+)", entry, re.M)[1]))
        self.write(name, head + "".join(entries).rstrip("\n") + "\n")

    def problems(self) -> list[str]:
        """What an editor reads, one line per problem."""
        return [message for message, _, _ in self.located()]

    def located(self) -> list[tuple[str, tuple | None, object]]:
        """Each problem as (what an editor reads, its path, its value): tools read the fields, not the text."""
        try:
            load_dataset(self.path, today=TODAY)
        except DataError as exc:
            return [(str(p), p.path, p.value) for p in exc.problems]
        return []


@pytest.fixture
def mini(tmp_path: Path) -> DataFolder:
    target = tmp_path / "data"
    shutil.copytree(MINI, target)
    return DataFolder(target)


@pytest.fixture
def real_data(tmp_path: Path) -> DataFolder:
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return DataFolder(target)


def make_project(tmp_path: Path, data: Path) -> Path:
    """A copy of the project's site configuration around the given data folder."""
    return project_copy(ROOT, data, tmp_path / "project")


def mkdocs_build(project: Path, site: Path, **options) -> subprocess.CompletedProcess:
    return build.mkdocs_build(project, site, **options)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The real data built once per test run, shared by the build, crawl and browser tests."""
    tmp = tmp_path_factory.mktemp("real")
    project = make_project(tmp, ROOT / "data")
    result = mkdocs_build(project, tmp / "site")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return tmp / "site"

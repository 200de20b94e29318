"""Shared fixtures: a small valid dataset that each test copies and breaks in one place."""

from __future__ import annotations

import datetime as dt
import hashlib
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
# The fixture's visit postponed after its launch: written in place of the visit's `secret: true`.
POSTPONED = """    secret: true
    postponed:
      announced: 1999-06-01
      planned: 1999-06
      reason: The schedule at home.
      after: 1998-08-taepodong-1
      sources:
        - url: https://example.org/delay
          publisher: Example News
          title: Visit put off
"""


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


def make_project(tmp_path: Path, data: Path, *, cache: bool = True) -> Path:
    """A copy of the project's site configuration around the given data folder. Its chart and
    preview cache is the run's shared one (see `one_cache_per_run`) unless `cache` is False: then
    its first build is cold, as a fresh clone's is."""
    project = project_copy(ROOT, data, tmp_path / "project")
    if cache and _SHARED_CACHE:
        (project / ".cache").mkdir(exist_ok=True)  # project_copy already made it: docs_dir is inside
        (project / ".cache" / "lipsteeth").symlink_to(_shared_cache_for(data), target_is_directory=True)
    return project


_SHARED_CACHE: list[Path] = []  # the run's cache folder, set once by one_cache_per_run


@pytest.fixture(scope="session", autouse=True)
def one_cache_per_run(tmp_path_factory):
    """One warm chart and preview cache for every whole-site build of the test run, so each build
    after the first of its data pays no cold drawing (a build prunes what its pages do not use,
    so the real record and the small fixture keep caches of their own)."""
    _SHARED_CACHE.append(tmp_path_factory.mktemp("build-cache"))
    yield
    _SHARED_CACHE.clear()


def _shared_cache_for(data: Path) -> Path:
    """The shared cache of data with these file names (the real record and its edited copies share one)."""
    names = sorted(p.relative_to(data).as_posix() for p in data.rglob("*.yaml"))
    folder = _SHARED_CACHE[0] / hashlib.sha256("\n".join(names).encode("utf-8")).hexdigest()[:12]
    folder.mkdir(exist_ok=True)
    return folder


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

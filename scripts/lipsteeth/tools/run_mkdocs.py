"""Run MkDocs in a subprocess: strict builds, and the safe build that swaps a finished site into place.

`build_site` builds into a temporary folder first, then swaps it into place.

A failed build (bad data, a broken link under --strict) leaves the previous site untouched,
so nothing half-built is ever served or deployed.

Replacing a folder deletes what it held, so the build replaces only a folder it made itself: an
empty one, or one carrying the stamp a previous build wrote (the list of files it wrote) and
nothing else. The repository, its data/ and docs/, or a folder holding anyone else's files is
refused before anything is built or touched.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ..generate import SOURCE

SITE_FILES = ("mkdocs.yml", "zensical.yml", "docs", "overrides")
STAMP = ".lipsteeth-site"  # in every site `build_site` makes: the files that build wrote, one a line
STAMP_HEADER = "# written by `lipsteeth build`: the files of this site; the next build may replace this folder"
SHOWN = 3  # a refusal names at most this many of the files that are not the build's
DATA_VARIABLE = "LIPSTEETH_DATA"  # the hook reads the data from here when set (lipsteeth --data X build)


class SiteDirRefused(Exception):
    """The site folder is not the build's to replace; the message says which folder and why."""


def project_copy(root: Path, data: Path, target: Path) -> Path:
    """A copy of the site's configuration around another data folder (tests, the benchmark)."""
    target.mkdir(parents=True)
    for name in SITE_FILES:
        source = root / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target / name)
    (target / "scripts").mkdir()
    shutil.copy(root / "scripts" / "mkdocs_hooks.py", target / "scripts")
    shutil.copytree(data, target / "data")
    (target / SOURCE).mkdir(parents=True)  # mkdocs.yml's docs_dir: MkDocs wants it to exist before the hook fills it
    return target


def mkdocs_build(project: Path, site: Path, *, tool: str = "mkdocs", env: dict | None = None, capture: bool = True):
    """`<tool> build --strict` of `project` into `site` (tool: mkdocs or its fork properdocs)."""
    command = mkdocs_command(project, site, tool=tool)
    return subprocess.run(command, capture_output=capture, text=True, env=mkdocs_environment(project, env), check=False)


def mkdocs_environment(project: Path, env: dict | None = None) -> dict:
    """The environment of a build of `project`, with `env` added; and its docs_dir made, which must
    exist before the hook fills it."""
    (project / SOURCE).mkdir(parents=True, exist_ok=True)
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}


def mkdocs_command(project: Path, site: Path, *, tool: str = "mkdocs", dirty: bool = False) -> list[str]:
    """The command line of `<tool> build --strict` of `project` into `site` (`--dirty`: only the pages whose sources changed)."""
    options = ["--dirty"] if dirty else []
    return [
        sys.executable,
        "-m",
        tool,
        "build",
        "--strict",
        "--quiet",
        *options,
        "-f",
        str(project / "mkdocs.yml"),
        "-d",
        str(site),
    ]


def build_site(project: Path, site_dir: Path, data: Path | None = None) -> int:
    """Build `project` (with `data` instead of its own data/, if given) into a temp folder; on
    success replace `site_dir` with it. On failure, or when stopped (SIGTERM reaches here as an
    exception), MkDocs is stopped, the temp folder removed and `site_dir` left as it was.
    Raises SiteDirRefused, before building, when `site_dir` is not the build's to replace."""
    project, site_dir = project.resolve(), site_dir.resolve()
    data = (data or project / "data").resolve()
    refuse_unsafe_site_dir(site_dir, project, data)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    retired = None
    try:
        env = {} if data == project / "data" else {DATA_VARIABLE: str(data)}
        result = mkdocs_build(project, staging, env=env, capture=False)  # run() kills MkDocs if we are interrupted
        if result.returncode != 0:
            return result.returncode
        write_stamp(staging)
        staging.chmod(0o777 & ~_umask())  # mkdtemp makes it private; a site is for serving
        refuse_unsafe_site_dir(site_dir, project, data)  # again: something may have been put there meanwhile
        if site_dir.exists():
            # The old site moves into a folder of our own making (never a fixed name such as
            # 'site.old', which might be someone's), and is removed from there.
            retired = Path(tempfile.mkdtemp(prefix=".site-old-", dir=site_dir.parent))
            site_dir.rename(retired / site_dir.name)
        staging.rename(site_dir)
        return 0
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # gone already when it became the site
        if retired is not None:
            shutil.rmtree(retired, ignore_errors=True)


def write_stamp(site: Path) -> None:
    """The stamp that lets the next build replace this folder: every file this build wrote."""
    written = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if not p.is_dir())
    (site / STAMP).write_text("\n".join([STAMP_HEADER, *written]) + "\n", encoding="utf-8")


def refuse_unsafe_site_dir(site_dir: Path, project: Path, data: Path) -> None:
    """Raise SiteDirRefused unless replacing `site_dir` (resolved) can only delete a site a build made."""
    shown = f"'{site_dir}'"
    guarded = {
        project: "the project folder (the repository)",
        data: "the data folder",
        project / "data": "the project's data/ folder",
        project / "docs": "the project's docs/ folder (the hand-written pages)",
        project / "overrides": "the project's overrides/ folder",
        project / "scripts": "the project's scripts/ folder",
        Path.home().resolve(): "your home folder",
    }
    for folder, what in guarded.items():
        if site_dir == folder:
            raise SiteDirRefused(f"{shown} is {what}")
        if folder.is_relative_to(site_dir):
            raise SiteDirRefused(f"{shown} contains {what}")
    for folder in (project / "docs", data):
        if site_dir.is_relative_to(folder):
            raise SiteDirRefused(f"{shown} is inside {guarded[folder]}, which the build reads")
    if not site_dir.exists() and not site_dir.is_symlink():
        return
    if not site_dir.is_dir():
        raise SiteDirRefused(f"{shown} exists and is not a folder")
    files = (p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if not p.is_dir() or p.is_symlink())
    if not (site_dir / STAMP).is_file():
        first = list(itertools.islice(files, SHOWN + 1))  # no need to walk all of someone's folder to refuse it
        if first:
            raise SiteDirRefused(
                f"{shown} holds files that no build wrote (it has no {STAMP} stamp from a previous build), "
                f"such as {_some(set(first))}"
            )
        return  # an empty folder (or one holding only empty folders): nothing to lose
    written = set((site_dir / STAMP).read_text(encoding="utf-8", errors="replace").splitlines()[1:])
    foreign = set(files) - written - {STAMP}
    if foreign:
        raise SiteDirRefused(f"{shown} holds files the previous build did not write: {_some(foreign)}")


def _some(names: set[str]) -> str:
    first = sorted(names)[:SHOWN]
    more = " and more" if len(names) > SHOWN else ""
    return ", ".join(f"'{n}'" for n in first) + more


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask

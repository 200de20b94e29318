"""What git knows about the data: the changelog's commits, and data/ as it was at a revision.

The only module that runs git. Outside a git checkout the history is simply empty.
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import tarfile
import tempfile
from pathlib import Path

from .errors import quoted


def _git_output(repo: Path, *arguments: str, timeout: float = 20) -> str | None:
    """What `git -C repo <arguments>` prints, or None where git is missing, slow or unhappy (outside a
    checkout, a file git does not track): the history is then empty, never an error."""
    try:
        result = subprocess.run(
            ["git", "-C", str(repo), *arguments], capture_output=True, text=True, check=False, timeout=timeout
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def head_commit(repo: Path) -> str | None:
    """The commit checked out (None outside git): what the history below depends on, and all it depends on."""
    return (_git_output(repo, "rev-parse", "--verify", "--quiet", "HEAD") or "").strip() or None


def data_commits(repo: Path, limit: int = 100) -> list[tuple[str, str]]:
    """(date, subject) of the latest commits that touched data/, newest first."""
    log = _git_output(repo, "log", f"-{limit}", "--format=%cs%x09%s", "--", "data/") or ""
    return [tuple(line.split("\t", 1)) for line in log.splitlines() if "\t" in line]


def data_at_revision(repo: Path, revision: str, into: Path) -> Path:
    """Extract data/ as it was at `revision` (any git revision) into `into`; returns that data folder.

    The revision is resolved to a commit first, and what follows it can never be read as an
    option: a 'revision' such as '--output=FILE' would otherwise make git write a file."""
    commit = _commit(repo, revision)
    archive = subprocess.run(
        ["git", "-C", str(repo), "archive", "--format=tar", commit, "--", "data"], capture_output=True, check=False
    )
    if archive.returncode != 0:
        raise ValueError(f"cannot read data/ at {quoted(revision)}: {archive.stderr.decode(errors='replace').strip()}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    return into / "data"


def _commit(repo: Path, revision: str) -> str:
    if revision.startswith("-") or not revision.strip():
        raise ValueError(f"{quoted(revision)} is not a git revision (such as main, origin/main or a commit)")
    found = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"],
        capture_output=True,
        text=True,
        check=False,
    )
    if found.returncode != 0:
        raise ValueError(f"{quoted(revision)} is not a commit this repository knows (fetch it first?)")
    return found.stdout.strip()


def temporary_folder() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix="lipsteeth-diff-")


def record_dates(repo: Path, files: list[Path]) -> dict[str, str]:
    """The day each record (an event, person or claim, by id) was last changed in git, from the
    commits its lines come from: {'2000-05-kim-jong-il-visits-beijing': '2025-11-30', ...}.
    Records whose lines are not committed yet, and files outside git, are left out."""
    dates: dict[str, str] = {}
    for path in files:
        if not path.is_relative_to(repo):
            continue
        blame = _git_output(repo, "blame", "--line-porcelain", "HEAD", "--", str(path.relative_to(repo)), timeout=30)
        record, times = None, {}
        for line in (blame or "").splitlines():
            if line.startswith("committer-time "):
                stamp = int(line.split()[1])
            elif line.startswith("\t"):  # the line's own text follows its header
                text = line[1:]
                if text.startswith("  - id: "):
                    record = text[len("  - id: ") :].strip()
                if record:
                    times[record] = max(times.get(record, 0), stamp)
        dates |= {record: dt.datetime.fromtimestamp(stamp, dt.UTC).date().isoformat() for record, stamp in times.items()}
    return dates


def file_dates(repo: Path, files: list[Path]) -> dict[str, str]:
    """The day each file was last changed in git, by its path relative to the repository."""
    dates = {}
    for path in files:
        if not path.is_relative_to(repo):
            continue
        found = (_git_output(repo, "log", "-1", "--format=%cs", "--", str(path.relative_to(repo))) or "").strip()
        if found:
            dates[path.relative_to(repo).as_posix()] = found
    return dates

"""What git knows about the data: the changelog's commits, and data/ as it was at a revision.

The only module that runs git. Outside a git checkout the history is simply empty.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
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


SHALLOW_NOTE = (
    "this build's copy of the git history is shallow (cloned with --depth): changes older than its first commit are "
    "not listed, and dates that only the full history gives (when a claim was last reviewed, when a page last "
    "changed) are left out; build from a full clone (git fetch --unshallow) to publish them"
)
log = logging.getLogger("mkdocs.plugins.lipsteeth")


@dataclass(frozen=True)
class Changes:
    """The changelog's commits, newest first, as (date, subject); `shallow` says the history is cut short."""

    entries: tuple[tuple[str, str], ...]
    shallow: bool = False

    def __iter__(self):
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)


def data_commits(repo: Path, limit: int = 100) -> Changes:
    """(date, subject) of the latest commits that touched data/, newest first. In a shallow clone the
    commit where the history is cut (which seems to add every file) is not a change, and is left out,
    and the build's output says that the history is short."""
    cut = shallow_commits(repo)
    if cut is not None:
        log.info("lipsteeth: %s", SHALLOW_NOTE)
    log_text = _git_output(repo, "log", f"-{limit}", "--format=%H%x09%cs%x09%s", "--", "data/") or ""
    rows = [line.split("\t", 2) for line in log_text.splitlines() if line.count("\t") >= 2]
    kept = tuple((date, subject) for commit, date, subject in rows if cut is None or commit not in cut)
    return Changes(kept, shallow=cut is not None)


def shallow_commits(repo: Path) -> frozenset[str] | None:
    """The commits where a shallow clone's history is cut, or None for a full clone (or outside git).
    git blames every older line on them, and dates it by them: a date the history cannot give."""
    if (_git_output(repo, "rev-parse", "--is-shallow-repository") or "").strip() != "true":
        return None
    where = (_git_output(repo, "rev-parse", "--git-path", "shallow") or "").strip()
    path = Path(where) if Path(where).is_absolute() else repo / where
    try:
        return frozenset(path.read_text(encoding="ascii").split())
    except OSError:
        return frozenset()  # shallow, but where it is cut is unknown: no date can be trusted


def head_commit(repo: Path) -> str | None:
    """The commit checked out (None outside git): what the history below depends on, and all it depends on."""
    return (_git_output(repo, "rev-parse", "--verify", "--quiet", "HEAD") or "").strip() or None


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


def default_base(repo: Path) -> str | None:
    """What a change is compared with when no revision is named: origin/main where the remote is
    known (a pull request's base), else main; None where neither exists."""
    for candidate in ("origin/main", "main"):
        try:
            _commit(repo, candidate)
        except ValueError:
            continue
        return candidate
    return None


def temporary_folder() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix="lipsteeth-diff-")


def record_dates(repo: Path, files: list[Path]) -> dict[str, str]:
    """The day each record (an event, person or claim, by id) was last changed in git, from the
    commits its lines come from: {'2000-05-kim-jong-il-visits-beijing': '2025-11-30', ...}.
    Records whose lines are not committed yet, and files outside git, are left out; so, in a shallow
    clone, are lines that come from the commit where the history is cut (their real date is older
    and unknown): a record all of whose lines come from there has no date."""
    cut = shallow_commits(repo)
    dates: dict[str, str] = {}
    for path in files:
        if not path.is_relative_to(repo):
            continue
        # --porcelain describes each commit once, at its first line (--line-porcelain repeats it for
        # every line: six times the text to read for the real record).
        blame = _git_output(repo, "blame", "--porcelain", "HEAD", "--", str(path.relative_to(repo)), timeout=30)
        record, times, commit, committed = None, {}, "", {}
        for line in (blame or "").splitlines():
            if _COMMIT_LINE.match(line):
                commit = line[:40]
            elif line.startswith("committer-time "):
                committed[commit] = int(line.split()[1])
            elif line.startswith("\t"):  # the line's own text follows its header
                text = line[1:]
                if text.startswith("  - id: "):
                    record = text[len("  - id: ") :].strip()
                if record and _known(commit, cut):
                    times[record] = max(times.get(record, 0), committed[commit])
        dates |= {record: dt.datetime.fromtimestamp(stamp, dt.UTC).date().isoformat() for record, stamp in times.items()}
    return dates


_COMMIT_LINE = re.compile(r"^[0-9a-f]{40} \d+ \d+")


def _known(commit: str, cut: frozenset[str] | None) -> bool:
    """Whether a line's date can be trusted: always in a full clone; in a shallow one, unless it comes from the cut."""
    return cut is None or (bool(cut) and commit not in cut)


def file_dates(repo: Path, files: list[Path]) -> dict[str, str]:
    """The day each file was last changed in git, by its path relative to the repository; in a shallow
    clone, a file last changed at or before the cut has no date."""
    cut = shallow_commits(repo)
    dates = {}
    for path in files:
        if not path.is_relative_to(repo):
            continue
        found = (_git_output(repo, "log", "-1", "--format=%H %cs", "--", str(path.relative_to(repo))) or "").split()
        if len(found) == 2 and _known(found[0], cut):
            dates[path.relative_to(repo).as_posix()] = found[1]
    return dates

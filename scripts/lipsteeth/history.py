"""What git knows about the data: the changelog's commits, and data/ as it was at a revision.

The only module that runs git. Outside a git checkout the history is simply empty.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from pathlib import Path

from .errors import quoted


def data_commits(repo: Path, limit: int = 100) -> list[tuple[str, str]]:
    """(date, subject) of the latest commits that touched data/, newest first."""
    try:
        result = subprocess.run(
            ["git", "-C", str(repo), "log", f"-{limit}", "--format=%cs%x09%s", "--", "data/"],
            capture_output=True,
            text=True,
            check=False,
            timeout=20,
        )
    except (OSError, subprocess.TimeoutExpired):
        return []
    if result.returncode != 0:
        return []
    return [tuple(line.split("\t", 1)) for line in result.stdout.splitlines() if "\t" in line]


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

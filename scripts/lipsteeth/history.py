"""What git knows about the data: the changelog's commits, and data/ as it was at a revision.

The only module that runs git. Outside a git checkout the history is simply empty.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from pathlib import Path


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
    """Extract data/ as it was at `revision` (any git revision) into `into`; returns that data folder."""
    archive = subprocess.run(
        ["git", "-C", str(repo), "archive", "--format=tar", revision, "data"], capture_output=True, check=False
    )
    if archive.returncode != 0:
        raise ValueError(f"cannot read data/ at '{revision}': {archive.stderr.decode().strip()}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    return into / "data"


def temporary_folder() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix="lipsteeth-diff-")

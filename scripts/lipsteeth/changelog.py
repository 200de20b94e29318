"""The dataset's changelog, from the git history of data/ (empty outside a git checkout)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from .markup import front_matter, text

CHANGELOG_PATH = "data/changelog.md"


def history(repo: Path, limit: int = 100) -> list[tuple[str, str]]:
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


def changelog_page(entries: list[tuple[str, str]]) -> str:
    lines = [
        front_matter(description="How the Lips and Teeth dataset has changed: every change to the data, newest first."),
        "# Changelog of the dataset",
        "",
        "Every change to the files in `data/`, newest first, from the project's history.",
        "For what a single change did, event by event, run `lipsteeth diff <revision>`.",
        "",
    ]
    lines += [f"- {text(date)}: {text(subject)}" for date, subject in entries] or ["No history is available in this build."]
    return "\n".join(lines) + "\n"

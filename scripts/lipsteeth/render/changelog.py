"""The dataset's changelog page, from the git history of data/ (lipsteeth.history; empty outside a git checkout)."""

from __future__ import annotations

from .markup import front_matter, text


def changelog_page(entries: list[tuple[str, str]], shallow: bool = False) -> str:
    """The changes, newest first; `shallow`: the build's history was cut short, and the page says so."""
    lines = [
        front_matter(description="How the Lips and Teeth dataset has changed: every change to the data, newest first."),
        "# Changelog of the dataset",
        "",
        "Every change to the files in `data/`, newest first, from the project's history.",
        "For what a single change did, event by event, run `lipsteeth diff <revision>`.",
        "",
    ]
    if shallow:
        lines += [
            '!!! warning "Part of the history is missing"',
            "",
            "    This site was built from a shallow copy of the repository: changes before the first commit it holds "
            "are not listed, and the dates when claims were last reviewed are left out.",
            "",
        ]
    lines += [f"- {text(date)}: {text(subject)}" for date, subject in entries] or ["No history is available in this build."]
    return "\n".join(lines) + "\n"

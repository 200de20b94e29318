"""Every data problem as Markdown, for a pull request's job summary. GitHub shows at most ten error
annotations per step, so a pull request with more problems would hide the rest; the summary lists
them all. Every message is escaped: it quotes an editor's input, and the summary renders HTML."""

from __future__ import annotations

from ..errors import DataError
from .markup import text


def render_markdown(error: DataError) -> str:
    count = len(error.problems) + error.not_shown
    lines = [
        f"## {count:,} problem{'s' if count != 1 else ''} in the data",
        "",
        "Each is at its file, line and column; fix them and run `make check` again.",
        "",
        "| Where | What is wrong |",
        "| --- | --- |",
    ]
    for problem in error.problems:
        lines.append(f"| {_cell(f'{problem.file}:{problem.line}:{problem.column}')} | {_cell(problem.described)} |")
    if error.not_shown:
        lines += ["", f"… and {error.not_shown:,} more after these; fix the first ones and check again."]
    return "\n".join(lines) + "\n"


def _cell(value: str) -> str:
    """A place or message in a table cell: escaped (text() turns `|` and markup into references), on
    one line. A file name is escaped too: it comes from the pull request."""
    return text(value) or "–"

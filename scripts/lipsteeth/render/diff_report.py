"""The data diff as Markdown, for a pull request's job summary or a terminal. Every value from the
data is escaped: the summary is rendered as Markdown and HTML, and a title is an editor's input."""

from __future__ import annotations

from ..analyse.diff import DataDiff
from .markup import text


def render_markdown(diff: DataDiff, base: str) -> str:
    lines = [f"## Data diff against {text(base)}", ""]
    if diff.is_empty():
        return "\n".join(lines + ["No change to the record.", ""])
    if diff.added:
        lines += [f"**Events added ({len(diff.added)}):** " + ", ".join(f"`{i}`" for i in diff.added), ""]
    if diff.removed:
        lines += [f"**Events removed ({len(diff.removed)}):** " + ", ".join(f"`{i}`" for i in diff.removed), ""]
    if diff.changed:
        lines += [
            f"**Events changed ({len(diff.changed)}):**",
            "",
            "| Event | Field | Before | After |",
            "| --- | --- | --- | --- |",
        ]
        for event_id, fields in diff.changed.items():
            for name, before, after in fields:
                lines.append(f"| `{event_id}` | `{name}` | {_cell(before)} | {_cell(after)} |")
        lines.append("")
    for label, ids in (
        ("People added", diff.people_added),
        ("People removed", diff.people_removed),
        ("People changed", diff.people_changed),
    ):
        if ids:
            lines += [f"**{label}:** " + ", ".join(f"`{i}`" for i in ids), ""]
    if diff.trade:
        lines += [
            f"**Trade figures added, removed or changed ({len(diff.trade)}):**",
            "",
            "| Series | Period | Figure | Before | After |",
            "| --- | --- | --- | --- | --- |",
        ]
        for series, period, name, before, after in diff.trade:
            lines.append(f"| `{series}` | {text(period)} | {name} | {_figure(before)} | {_figure(after)} |")
        lines.append("")
    if diff.verdicts:
        lines += ["**Claim verdicts that change:**", "", "| Claim | Before | After |", "| --- | --- | --- |"]
        lines += [f"| `{c}` | {before or '(new)'} | {after or '(removed)'} |" for c, before, after in diff.verdicts]
        lines.append("")
    return "\n".join(lines)


def _cell(value: object) -> str:
    """A value from the data in a table cell: shortened, and escaped so that Markdown or HTML in it
    (an image, a link, a script) shows as text in the job summary."""
    shown = "" if value is None else str(value)
    shown = shown if len(shown) <= 120 else shown[:117] + "..."
    return text(shown) or "–"


def _figure(value: float | None) -> str:
    """A trade figure as the tables show it: 488.05, 1,023.54, 100 (not 100.0); – where there is none."""
    return "–" if value is None else f"{value:,.2f}".rstrip("0").rstrip(".")

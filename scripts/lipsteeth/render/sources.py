"""Source links that do not rot: each with an archived copy beside it, so a reader can still check a
fact once the original page is gone."""

from __future__ import annotations

from ..data.model import Source
from .markup import address, external, text

WAYBACK = "https://web.archive.org/web/"


def archived(source: Source) -> str:
    """The address of an archived copy of a source: the one its editor gave, else the Wayback
    Machine's for its address (no date: the archive then shows its copies, and none is invented)."""
    return source.archive or WAYBACK + source.url


def source_link(source: Source, label: str | None = None) -> str:
    """A source's link with its archived copy beside it, so it can be checked once the original is gone."""
    copy = f'<a href="{address(archived(source))}" class="lt-archived" rel="noopener">archived copy<span class="lt-visually-hidden"> of {text(label or source.title)}</span></a>'
    return f"{external(label or source.title, source.url)} ({copy})"


def source_item(number: int, source: Source) -> str:
    """One numbered entry of a source list: title (linked), archived copy, publisher."""
    return f"{number}. {source_link(source)}, {text(source.publisher)}"

"""A search index readers can use at any size: names and titles, not every page's full text.

The generated pages (the timeline, and the pages of each section that declares its `Search`:
events, people, years, kinds, eras; render.sections) are excluded from the theme's indexer, which would parse every page and repeat the same names thousands of times.
They get one entry each from the data instead: the title plus the words readers search for
(date, kind, place, and every spelling of every person's name). Hand-written pages keep the
theme's full-text entries.
"""

from __future__ import annotations

import html

from .. import urls
from ..bidi import isolated
from ..data.dataset import Dataset
from .sections import SECTIONS

INDEXED = tuple(s for s in SECTIONS if s.search)  # the sections whose pages get one entry each from the data
GENERATED_SECTIONS = (*(s.prefix for s in INDEXED), urls.url(urls.TIMELINE))


def generated_entries(dataset: Dataset) -> list[dict]:
    """One entry per generated page. The theme shows title and text as HTML, so both are escaped."""
    entries = [_entry(urls.TIMELINE, "Timeline", [])]
    for section in INDEXED:
        search = section.search
        entries += [
            _entry(section.path(r), search.title(r), search.words(dataset, r), boost=search.boost)
            for r in section.records(dataset)
        ]
    entries += [_entry(s.index_path, s.search.index_title, []) for s in INDEXED if s.search.index_title]
    return entries


def _entry(page: str, title: str, words: list[str], boost: int | None = None) -> dict:
    entry = {
        "location": urls.url(page),
        "title": html.escape(isolated(title), quote=False),
        "text": html.escape(" · ".join(isolated(w) for w in words), quote=False),
    }
    if boost:
        entry["boost"] = boost
    return entry

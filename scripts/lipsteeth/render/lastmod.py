"""When each generated page's data last changed, for the sitemap's <lastmod>: the latest change to
any record the page shows (its event, the person and their events, the year's events...)."""

from __future__ import annotations

from .. import urls
from ..data.dataset import Dataset
from .sections import SECTIONS


def page_dates(dataset: Dataset, records: dict[str, str]) -> dict[str, str]:
    """{page path: 'YYYY-MM-DD'} for the pages whose records have a date in `records`."""

    def latest(*ids: str) -> str | None:
        found = [records[i] for i in ids if i in records]
        return max(found) if found else None

    everything = latest(*records)
    dates = {}
    for section in SECTIONS:
        dates |= {section.path(r): latest(*section.dated_by(dataset, r)) for r in section.records(dataset)}
        index_ids = section.index_dated_by
        dates[section.index_path] = everything if index_ids is None else latest(*index_ids(dataset))
    dates[urls.TIMELINE] = latest(*(e.id for e in dataset.events))
    for page in (urls.ARTICLE, urls.ANALYSIS, urls.CHANGELOG):
        dates[page] = everything
    return {page: date for page, date in dates.items() if date}


def with_lastmod(markdown: str, date: str) -> str:
    """The page with `lastmod` added to its front matter (every generated page has one)."""
    return markdown.replace("---\n", f"---\nlastmod: {date}\n", 1) if markdown.startswith("---\n") else markdown

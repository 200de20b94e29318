"""When each generated page's data last changed, for the sitemap's <lastmod>: the latest change to
any record the page shows (its event, the person and their events, the year's events...)."""

from __future__ import annotations

from .. import urls
from ..analyse import analyses
from ..data.dataset import Dataset
from ..data.model import KINDS


def page_dates(dataset: Dataset, records: dict[str, str]) -> dict[str, str]:
    """{page path: 'YYYY-MM-DD'} for the pages whose records have a date in `records`."""

    def latest(*ids: str) -> str | None:
        found = [records[i] for i in ids if i in records]
        return max(found) if found else None

    events = [e.id for e in dataset.events]
    everything = latest(*records)
    dates = {urls.event_path(e.id): latest(e.id) for e in dataset.events}
    dates |= {
        urls.person_path(p.id): latest(p.id, *(e.id for e in analyses.events_of_person(dataset, p.id))) for p in dataset.people
    }
    dates |= {urls.claim_path(c.id): latest(c.id, *c.events) for c in dataset.claims}
    dates |= {urls.year_path(y): latest(*(e.id for e in analyses.events_in_year(dataset, y))) for y in analyses.years(dataset)}
    dates |= {urls.kind_path(k): latest(*(e.id for e in analyses.of_kind(dataset, k))) for k in KINDS}
    for era in analyses.eras(dataset):
        dates[urls.era_path(era.id)] = latest(era.china.id, era.korea.id, *(e.id for e in dataset.events if era.contains(e.date)))
    for page in (urls.TIMELINE, urls.EVENTS_INDEX, urls.YEARS_INDEX, urls.KINDS_INDEX, urls.ERAS_INDEX):
        dates[page] = latest(*events)
    for page in (urls.PEOPLE_INDEX,):
        dates[page] = latest(*(p.id for p in dataset.people))
    for page in (urls.ARTICLE, urls.CLAIMS_INDEX, urls.ANALYSIS, urls.CHANGELOG):
        dates[page] = everything
    return {page: date for page, date in dates.items() if date}


def with_lastmod(markdown: str, date: str) -> str:
    """The page with `lastmod` added to its front matter (every generated page has one)."""
    return markdown.replace("---\n", f"---\nlastmod: {date}\n", 1) if markdown.startswith("---\n") else markdown

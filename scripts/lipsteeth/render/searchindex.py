"""A search index readers can use at any size: names and titles, not every page's full text.

The generated pages (events, people, years, kinds, eras, the timeline) are excluded from the
theme's indexer, which would parse every page and repeat the same names thousands of times.
They get one entry each from the data instead: the title plus the words readers search for
(date, kind, place, and every spelling of every person's name). Hand-written pages keep the
theme's full-text entries.
"""

from __future__ import annotations

import html

from .. import urls
from ..analyse import analyses
from ..bidi import isolated
from ..data.dataset import Dataset
from ..data.model import COUNTRIES, KIND_NAMES, KIND_PLURALS, KINDS, Person

GENERATED_SECTIONS = (
    *(urls.section_url(s) for s in (urls.EVENTS, urls.PEOPLE, urls.YEARS, urls.KINDS, urls.ERAS)),
    urls.url(urls.TIMELINE),
)
PERSON_BOOST = 3  # a search for a name shows the person's page first; more would bury their events (measured in a browser)


def person_words(person: Person) -> list[str]:
    return [person.name, *(n for n in (person.names.hangul, person.names.hanzi) if n), *person.aliases]


def event_words(dataset: Dataset, event_id: str) -> list[str]:
    event = dataset.event_by_id[event_id]
    words = [event.date.human(), KIND_NAMES[event.kind]]
    if event.from_ and event.to:
        words.append(f"{COUNTRIES[event.from_]} to {COUNTRIES[event.to]}")
    if event.place:
        words.append(event.place)
    for person_id in event.people:
        words += person_words(dataset.person_by_id[person_id])
    return words


def generated_entries(dataset: Dataset) -> list[dict]:
    """One entry per generated page. The theme shows title and text as HTML, so both are escaped."""
    entries = [_entry(urls.TIMELINE, "Timeline", [])]
    entries += [_entry(urls.event_path(e.id), e.title, event_words(dataset, e.id)) for e in dataset.events]
    entries += [_entry(urls.person_path(p.id), p.name, person_words(p), boost=PERSON_BOOST) for p in dataset.people]
    entries += [_entry(urls.year_path(year), str(year), []) for year in analyses.years(dataset)]
    entries += [_entry(urls.kind_path(kind), KIND_PLURALS[kind], []) for kind in KINDS]
    entries += [_entry(urls.era_path(era.id), era.title, [era.china.name, era.korea.name]) for era in analyses.eras(dataset)]
    entries += [
        _entry(page, title, [])
        for page, title in (
            (urls.PEOPLE_INDEX, "People"),
            (urls.YEARS_INDEX, "Years"),
            (urls.KINDS_INDEX, "Kinds of event"),
            (urls.ERAS_INDEX, "Eras"),
        )
    ]
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

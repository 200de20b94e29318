"""A search index readers can use at any size: names and titles, not every page's full text.

The generated pages (events, people, years, kinds, eras, the timeline) are excluded from the
theme's indexer, which would parse every page and repeat the same names thousands of times.
They get one entry each from the data instead: the title plus the words readers search for
(date, kind, place, and every spelling of every person's name). Hand-written pages keep the
theme's full-text entries.
"""

from __future__ import annotations

import html

from . import analyses
from .dataset import Dataset
from .model import COUNTRIES, KINDS, Person
from .pages import KIND_NAMES, KIND_PLURALS

GENERATED_SECTIONS = ("events/", "people/", "years/", "kinds/", "eras/", "timeline/")
PERSON_BOOST = 10  # a search for a name shows the person's page first


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
    entries = [_entry("timeline/", "Timeline", [])]
    entries += [_entry(f"events/{e.id}/", e.title, event_words(dataset, e.id)) for e in dataset.events]
    entries += [_entry(f"people/{p.id}/", p.name, person_words(p), boost=PERSON_BOOST) for p in dataset.people]
    entries += [_entry(f"years/{year}/", str(year), []) for year in analyses.years(dataset)]
    entries += [_entry(f"kinds/{kind}/", KIND_PLURALS[kind], []) for kind in KINDS]
    entries += [_entry(f"eras/{era.id}/", era.title, [era.china.name, era.korea.name]) for era in analyses.eras(dataset)]
    entries += [
        _entry(f"{section}", title, [])
        for section, title in (("people/", "People"), ("years/", "Years"), ("kinds/", "Kinds of event"), ("eras/", "Eras"))
    ]
    return entries


def _entry(location: str, title: str, words: list[str], boost: int | None = None) -> dict:
    entry = {"location": location, "title": html.escape(title, quote=False), "text": html.escape(" · ".join(words), quote=False)}
    if boost:
        entry["boost"] = boost
    return entry


def merge(index: dict, dataset: Dataset) -> dict:
    """The theme's index for hand-written pages, plus one entry per generated page."""
    kept = [doc for doc in index["docs"] if not doc["location"].startswith(GENERATED_SECTIONS)]
    return {**index, "docs": kept + generated_entries(dataset)}

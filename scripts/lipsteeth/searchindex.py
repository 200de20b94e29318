"""A search index readers can use at any size: names and titles, not every page's full text.

The theme indexes each page section by section. For the generated pages (events, people,
years, kinds, eras, the timeline) that would grow with every event and repeat the same names
thousands of times, so their entries are replaced by one entry each: the title plus the words
readers search for (date, kind, place, and every spelling of every person's name).
"""

from __future__ import annotations

import html

from .dataset import Dataset
from .model import COUNTRIES, Person
from .pages import KIND_NAMES

COMPACT_SECTIONS = ("events/", "people/", "years/", "kinds/", "eras/", "timeline/")


def person_words(person: Person) -> list[str]:
    return [person.name, *(n for n in (person.names.hangul, person.names.hanzi) if n), *person.aliases]


def event_text(dataset: Dataset, event_id: str) -> str:
    event = dataset.event_by_id[event_id]
    words = [event.date.human(), KIND_NAMES[event.kind]]
    if event.from_ and event.to:
        words.append(f"{COUNTRIES[event.from_]} to {COUNTRIES[event.to]}")
    if event.place:
        words.append(event.place)
    for person_id in event.people:
        words += person_words(dataset.person_by_id[person_id])
    return " · ".join(words)


def compact(index: dict, dataset: Dataset) -> dict:
    """The theme's index with one short entry per generated page; other pages are left as they are."""
    docs = []
    for doc in index["docs"]:
        location = doc["location"]
        if not location.startswith(COMPACT_SECTIONS):
            docs.append(doc)
            continue
        if "#" in location:
            continue  # sections of generated pages: their words are in the page entry
        parts = location.strip("/").split("/")
        text = ""
        if parts[0] == "events" and len(parts) == 2 and parts[1] in dataset.event_by_id:
            text = event_text(dataset, parts[1])
        elif parts[0] == "people" and len(parts) == 2 and parts[1] in dataset.person_by_id:
            text = " · ".join(person_words(dataset.person_by_id[parts[1]]))
        # The theme shows `text` as HTML: everything from the data is escaped.
        docs.append({**doc, "text": html.escape(text, quote=False)})
    return {**index, "docs": docs}

"""The kinds of generated page, each declared once: events, people, years, kinds, eras, claims.

A section is a folder of pages, one per record (or per year, kind, era), and the folder's index page.
Its declaration says all the build needs to know of it: its folder and how a record's page is named,
which records it has, how a page and the index are rendered, how search finds them, which records'
changes date them, and what a page's sharing image calls it. The site plan, the sitemap's dates, the
search index and the sharing images iterate `SECTIONS` (as each kind of page in Material's blog plugin
is one class that knows its own path): a new kind of page is its renderers and one declaration here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from .. import urls
from ..analyse import chronology, leadership
from ..analyse.answer import Answer
from ..analyse.claims import Verdict
from ..data.dataset import Dataset
from ..data.model import COUNTRIES, KIND_NAMES, KIND_PLURALS, KINDS, Claim, Event, Person
from . import claimpages, lists, pages

R = TypeVar("R")  # a section's record: an Event, a Person, a year, a kind, an Era, a Claim
PERSON_BOOST = 3  # a search for a name shows the person's page first; more would bury their events (measured in a browser)


@dataclass(frozen=True)
class Build:
    """What a section's renderers may read: one build's data, checked, analysed and dated once."""

    dataset: Dataset
    verdicts: dict[str, Verdict]
    answered: Answer
    record_dates: dict[str, str]  # the day each record last changed, from git
    page_dates: dict[str, str]  # the day each page's records last changed (render.lastmod)
    site_url: str | None = None
    repo_url: str | None = None


@dataclass(frozen=True)
class Search(Generic[R]):
    """A section whose pages the theme leaves out of its full-text index: one entry per page instead,
    its title and the words readers search for (render.searchindex)."""

    title: Callable[[R], str]
    words: Callable[[Dataset, R], list[str]] = lambda dataset, record: []
    boost: int | None = None
    index_title: str | None = None  # the index page's entry; None: no entry of its own


def _no_year(dataset: Dataset, name: str) -> int | None:
    return None


@dataclass(frozen=True)
class Section(Generic[R]):
    """One kind of generated page: a folder holding a page per record and an index page."""

    folder: str  # urls.*_FOLDER: the pages are '<folder>/<name>.md', the index '<folder>/index.md'
    label: str  # what a page's sharing image calls it ('Event')
    records: Callable[[Dataset], Iterable[R]]
    name: Callable[[R], object]  # a record's name in its page's path
    page: Callable[[Build, R, str | None], str]  # (build, record, the day the page last changed)
    index: Callable[[Build], str]
    dated_by: Callable[[Dataset, R], Iterable[str]]  # the ids of the records whose changes date a page
    index_dated_by: Callable[[Dataset], Iterable[str]] | None  # the index's; None: every record's
    search: Search[R] | None  # None: the theme indexes these pages' full text
    year: Callable[[Dataset, str], int | None] = _no_year  # the year a page (by its name) is about, for its sharing image
    former_names: Callable[[R], Iterable[str]] = lambda record: ()  # each kept as a redirect to the page
    redirect: Callable[[R], str] | None = None  # the page kept at a former name (needed when there are former names)

    def path(self, record: R) -> str:
        return urls.page_in(self.folder, self.name(record))

    @property
    def index_path(self) -> str:
        return urls.index_in(self.folder)

    @property
    def prefix(self) -> str:
        """'events/': every page of the section is served under it, its index too."""
        return urls.section_url(self.folder)

    def redirect_paths(self, record: R) -> list[str]:
        return [urls.redirect_path(self.folder, former) for former in self.former_names(record)]

    def files(self, build: Build) -> dict[str, str]:
        """The section's index, a page per record and the redirects from each record's former names."""
        files = {self.index_path: self.index(build)}
        for record in self.records(build.dataset):
            here = self.path(record)
            files[here] = self.page(build, record, build.page_dates.get(here))
            for former in self.redirect_paths(record):
                files[former] = self.redirect(record)
        return files

    def paths(self, dataset: Dataset) -> set[str]:
        """Every file `files` makes for `dataset`, without rendering one."""
        records = list(self.records(dataset))
        return {self.index_path, *map(self.path, records), *(p for r in records for p in self.redirect_paths(r))}


def person_words(person: Person) -> list[str]:
    return [person.name, *(n for n in (person.names.hangul, person.names.hanzi) if n), *person.aliases]


def event_words(dataset: Dataset, event: Event) -> list[str]:
    words = [event.date.human(), KIND_NAMES[event.kind]]
    if event.from_ and event.to:
        words.append(f"{COUNTRIES[event.from_]} to {COUNTRIES[event.to]}")
    if event.place:
        words.append(event.place)
    for person_id in event.people:
        words += person_words(dataset.person_by_id[person_id])
    return words


def _event_page(build: Build, event: Event, updated: str | None) -> str:
    citing = tuple((c, build.verdicts[c.id]) for c in build.dataset.claims if event.id in c.events)
    postponed = build.answered.postponed.of(event)
    return pages.event_page(build.dataset, event, citing, updated, build.site_url, build.repo_url, postponed)


def _claim_page(build: Build, claim: Claim, updated: str | None) -> str:
    reviewed = build.record_dates.get(claim.id)
    return claimpages.claim_page(
        build.dataset, claim, build.verdicts[claim.id], reviewed, build.site_url, updated, build.repo_url
    )


def _event_year(dataset: Dataset, name: str) -> int | None:
    """An event's year comes from its date, never from its id."""
    event = dataset.event_by_id.get(name)
    return event.date.year if event else None


def _every_event(dataset: Dataset) -> list[str]:
    return [e.id for e in dataset.events]


EVENTS: Section[Event] = Section(
    folder=urls.EVENTS_FOLDER,
    label="Event",
    records=lambda dataset: dataset.events,
    name=lambda event: event.id,
    page=_event_page,
    index=lambda build: lists.events_index(build.dataset),
    dated_by=lambda dataset, event: [event.id],
    index_dated_by=_every_event,
    search=Search(title=lambda event: event.title, words=event_words),  # the timeline's entry stands for the index
    year=_event_year,
    former_names=lambda event: event.aliases,
    redirect=pages.redirect_page,
)
PEOPLE: Section[Person] = Section(
    folder=urls.PEOPLE_FOLDER,
    label="Person",
    records=lambda dataset: dataset.people,
    name=lambda person: person.id,
    page=lambda build, person, updated: pages.person_page(build.dataset, person, updated),
    index=lambda build: lists.people_index(build.dataset),
    dated_by=lambda dataset, person: [person.id, *(e.id for e in chronology.events_of_person(dataset, person.id))],
    index_dated_by=lambda dataset: [p.id for p in dataset.people],
    search=Search(
        title=lambda person: person.name,
        words=lambda dataset, person: person_words(person),
        boost=PERSON_BOOST,
        index_title="People",
    ),
)
YEARS: Section[int] = Section(
    folder=urls.YEARS_FOLDER,
    label="Year",
    records=chronology.years,
    name=lambda year: year,
    page=lambda build, year, updated: lists.year_page(build.dataset, year),
    index=lambda build: lists.years_index(build.dataset),
    dated_by=lambda dataset, year: [e.id for e in chronology.events_in_year(dataset, year)],
    index_dated_by=_every_event,
    search=Search(title=str, index_title="Years"),
    year=lambda dataset, name: int(name) if name.isdigit() else None,
)
KIND_PAGES: Section[str] = Section(
    folder=urls.KINDS_FOLDER,
    label="Kind of event",
    records=lambda dataset: KINDS,
    name=lambda kind: kind,
    page=lambda build, kind, updated: lists.kind_page(build.dataset, kind),
    index=lambda build: lists.kinds_index(build.dataset),
    dated_by=lambda dataset, kind: [e.id for e in chronology.of_kind(dataset, kind)],
    index_dated_by=_every_event,
    search=Search(title=lambda kind: KIND_PLURALS[kind], index_title="Kinds of event"),
)
ERAS: Section[leadership.Era] = Section(
    folder=urls.ERAS_FOLDER,
    label="Era",
    records=leadership.eras,
    name=lambda era: era.id,
    page=lambda build, era, updated: lists.era_page(build.dataset, era),
    index=lambda build: lists.eras_index(build.dataset),
    dated_by=lambda dataset, era: [era.china.id, era.korea.id, *(e.id for e in dataset.events if era.contains(e.date))],
    index_dated_by=_every_event,
    search=Search(title=lambda era: era.title, words=lambda dataset, era: [era.china.name, era.korea.name], index_title="Eras"),
)
CLAIMS: Section[Claim] = Section(
    folder=urls.CLAIMS_FOLDER,
    label="A claim, checked",
    records=lambda dataset: dataset.claims,
    name=lambda claim: claim.id,
    page=_claim_page,
    index=lambda build: claimpages.claims_index(build.dataset, build.verdicts, build.answered.scorecard),
    dated_by=lambda dataset, claim: [claim.id, *claim.events],
    index_dated_by=None,  # the scorecard sums up every claim, and each claim reads events
    search=None,  # a claim's page is its reasoning: the theme indexes it in full
)

SECTIONS = (EVENTS, PEOPLE, YEARS, KIND_PAGES, ERAS, CLAIMS)


def section_of(page_url: str) -> tuple[Section, str] | None:
    """The section a page's address is in and the page's name in it ('events/x/' -> (EVENTS, 'x'));
    None for the other pages, the sections' index pages among them."""
    found = urls.folder_and_name(page_url)
    if found:
        for section in SECTIONS:
            if section.folder == found[0]:
                return section, found[1]
    return None


def preview_label(page_url: str) -> str | None:
    """What a page's sharing image calls it: 'Event' for events/x/; None outside the sections' pages."""
    found = section_of(page_url)
    return found[0].label if found else None


def page_year(dataset: Dataset, page_url: str) -> int | None:
    """The year a page is about (an event's from its date, a year page's own), for its sharing image."""
    found = section_of(page_url)
    return found[0].year(dataset, found[1]) if found else None

"""The pages that list events or people: the timeline, and the year, kind, era and people pages and their indexes."""

from __future__ import annotations

import datetime as dt

from ..analyse import chronology, leadership
from ..charts.strips import strip_block
from ..data.dataset import Dataset
from ..data.model import KIND_NAMES, KIND_PLURALS, KINDS, Event
from ..urls import (
    ERAS_INDEX,
    EVENTS_INDEX,
    KINDS_INDEX,
    PEOPLE_INDEX,
    TIMELINE,
    YEARS_INDEX,
    era_path,
    event_path,
    kind_path,
    person_path,
    year_path,
)
from .markup import SEARCH_EXCLUDED, front_matter, link, native_names, text


def event_line(event: Event, here: str) -> str:
    """One list item: date, kind and linked title. The kind class lets the timeline filter by kind."""
    return (
        f"- {text(event.date.human())} · {link(KIND_NAMES[event.kind], kind_path(event.kind), here)} · "
        f"{link(event.title, event_path(event.id), here)}\n{{: .lt-event .lt-k-{event.kind} }}"
    )


def kind_filter(counts: dict[str, int]) -> list[str]:
    """Radio buttons that hide the other kinds with CSS alone (no JavaScript; the rules are in the
    site's stylesheet, `kind_filter_css`, since a style element may not stand in a page's body)."""
    inputs = ['<fieldset class="lt-filter"><legend>Show</legend>']
    inputs.append('<input type="radio" name="lt-kind" id="lt-all" checked><label for="lt-all">All kinds</label>')
    for kind, count in counts.items():
        inputs.append(
            f'<input type="radio" name="lt-kind" id="lt-{kind}"><label for="lt-{kind}">{KIND_PLURALS[kind]} ({count})</label>'
        )
    inputs.append("</fieldset>")
    return ["".join(inputs), ""]


def kind_filter_css() -> str:
    """The filter's rules, one per kind the model has: checking a kind hides the events of the others."""
    return "".join(f"body:has(#lt-{kind}:checked) .lt-event:not(.lt-k-{kind}) {{ display: none; }}\n" for kind in KINDS)


def counts_line(events: tuple[Event, ...], here: str) -> str:
    counts = chronology.kind_counts(events)
    parts = [f"{link(KIND_PLURALS[k], kind_path(k), here)}: {n}" for k, n in counts.items()]
    return f"{len(events)} event{'s' if len(events) != 1 else ''}" + (f" ({'; '.join(parts)})" if parts else "")


# Why '1958' is listed above '14 February 1958': the record's own order, said where a reader meets it.
ORDER_NOTE = (
    "Within a year, an event known only to the year comes first, then those known only to the month, each before "
    "the dated events within it."
)


def timeline_page(dataset: Dataset, chart: str = "") -> str:
    here = TIMELINE
    lines = [
        front_matter(
            search=SEARCH_EXCLUDED,
            description="Every event in the record of China–North Korea relations, year by year, with links to each event's sources.",
        ),
        "# Timeline",
        "",
        f"The whole record: {counts_line(dataset.events, here)}.",
        "",
        ORDER_NOTE,
        "",
        chart,
        *kind_filter(chronology.kind_counts(dataset.events)),
    ]
    for year in chronology.years(dataset):
        lines += [f"## {year}", "", *[event_line(e, here) for e in chronology.events_in_year(dataset, year)], ""]
    return "\n".join(lines)


def events_index(dataset: Dataset) -> str:
    """/events/: every event, by year, as a plain list (the timeline adds the chart and a filter)."""
    here = EVENTS_INDEX
    lines = [
        front_matter(search=SEARCH_EXCLUDED, description="Every event in the record of China–North Korea relations, by year."),
        "# Events",
        "",
        f"{counts_line(dataset.events, here)}. The {link('timeline', TIMELINE, here)} shows the same events with a chart and a "
        "filter by kind.",
        "",
    ]
    for year in chronology.years(dataset):
        lines += [f"## {year}", "", *[event_line(e, here) for e in chronology.events_in_year(dataset, year)], ""]
    return "\n".join(lines)


def year_page(dataset: Dataset, year: int) -> str:
    here = year_path(year)
    events = chronology.events_in_year(dataset, year)
    all_years = chronology.years(dataset)
    index = all_years.index(year)
    previous = link(f"← {all_years[index - 1]}", year_path(all_years[index - 1]), here) if index else ""
    following = link(f"{all_years[index + 1]} →", year_path(all_years[index + 1]), here) if index + 1 < len(all_years) else ""
    lines = [
        front_matter(
            search=SEARCH_EXCLUDED,
            description=f"China–North Korea relations in {year}: {counts_line(events, here).split(' (')[0]}, with sources.",
        ),
        f"# {year}",
        "",
        counts_line(events, here) + ".",
        "",
        strip_block(events, here, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31), what=f"the events of {year}"),
        *[event_line(e, here) for e in events],
        "",
        " · ".join(p for p in (previous, link("All years", YEARS_INDEX, here), following) if p),
        "",
    ]
    return "\n".join(lines)


def years_index(dataset: Dataset) -> str:
    here = YEARS_INDEX
    entries = [
        f"- {link(str(year), year_path(year), here)}: {counts_line(chronology.events_in_year(dataset, year), here)}"
        for year in chronology.years(dataset)
    ]
    return _list_page("Years", "The record of China–North Korea relations, year by year.", entries)


def _list_page(heading: str, description: str, entries: list[str]) -> str:
    """An index left out of search: a heading over one line per entry."""
    lines = [front_matter(search=SEARCH_EXCLUDED, description=description), f"# {heading}", "", *entries]
    return "\n".join(lines) + "\n"


def kind_page(dataset: Dataset, kind: str) -> str:
    here = kind_path(kind)
    events = chronology.of_kind(dataset, kind)
    lines = [
        front_matter(
            search=SEARCH_EXCLUDED,
            description=f"{KIND_PLURALS[kind]} in China–North Korea relations: {len(events)} in the record, with sources.",
        ),
        f"# {KIND_PLURALS[kind]}",
        "",
        f"{len(events)} in the record. {link('All kinds', KINDS_INDEX, here)}.",
        "",
    ]
    for year in sorted({e.date.year for e in events}):
        lines += [
            f"## {year}",
            "",
            *[f"- {text(e.date.human())} · {link(e.title, event_path(e.id), here)}" for e in events if e.date.year == year],
            "",
        ]
    return "\n".join(lines)


def kinds_index(dataset: Dataset) -> str:
    here = KINDS_INDEX
    entries = [f"- {link(KIND_PLURALS[kind], kind_path(kind), here)}: {len(chronology.of_kind(dataset, kind))}" for kind in KINDS]
    return _list_page("Kinds of event", "The kinds of event in the record of China–North Korea relations.", entries)


def era_page(dataset: Dataset, era: leadership.Era) -> str:
    here = era_path(era.id)
    events = tuple(e for e in dataset.events if era.contains(e.date))
    lines = [
        front_matter(
            search=SEARCH_EXCLUDED,
            description=f"China–North Korea relations under {era.title}: {len(events)} events in the record.",
        ),
        f"# {text(era.title)}",
        "",
        f"From {text(era.start.human())} to {text(era.end.human() if era.end else 'today')}: "
        f"{link(era.china.name, person_path(era.china.id), here)} leading China, {link(era.korea.name, person_path(era.korea.id), here)} leading North Korea.",
        "",
        counts_line(events, here) + ".",
        "",
        *[event_line(e, here) for e in events],
        "",
    ]
    return "\n".join(lines)


def eras_index(dataset: Dataset) -> str:
    here = ERAS_INDEX
    lines = [
        front_matter(
            search=SEARCH_EXCLUDED,
            description="Eras of China–North Korea relations, one for each pair of leaders in Beijing and Pyongyang.",
        ),
        "# Eras",
        "",
        "An era begins whenever the paramount leader changes in China or in North Korea, on the dates of their roles on their people pages.",
        "",
    ]
    for era in leadership.eras(dataset):
        count = sum(1 for e in dataset.events if era.contains(e.date))
        lines.append(f"- {link(era.title, era_path(era.id), here)}: {count} events")
    return "\n".join(lines) + "\n"


def people_index(dataset: Dataset) -> str:
    here = PEOPLE_INDEX
    lines = [
        front_matter(
            search=SEARCH_EXCLUDED,
            description="The people in the record of China–North Korea relations, with their names in Hangul and Hanzi where the record has them.",
        ),
        "# People",
        "",
    ]
    for country, heading in (("CN", "China"), ("KP", "North Korea")):
        people = sorted((p for p in dataset.people if p.country == country), key=lambda p: p.name)
        if people:
            lines += [f"## {heading}", ""]
            for person in people:
                scripts = " · ".join(native_names(person))
                lines.append(f"- {link(person.name, person_path(person.id), here)}" + (f" · {scripts}" if scripts else ""))
            lines.append("")
    others = sorted((p for p in dataset.people if p.country not in ("CN", "KP")), key=lambda p: p.name)
    if others:
        lines += ["## Others", "", *[f"- {link(p.name, person_path(p.id), here)}" for p in others], ""]
    return "\n".join(lines)

"""One Markdown page per event and per person.

Every string from the data goes through `markup.text` (or `markup.attr`); links between pages
are Markdown links between .md paths so MkDocs resolves and validates them.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ..analyse import chronology, postponements
from ..analyse.claims import label
from ..charts.strips import around, strip_block
from ..data.dataset import Dataset
from ..data.dates import human_span
from ..data.model import COUNTRIES, KIND_NAMES, KIND_OF, Event, Person, event_value, lowercase_first
from ..urls import ARTICLE, claim_path, event_path, kind_path, person_path, year_path
from .citation import cite_block, updated_line
from .markup import SEARCH_EXCLUDED, attr, front_matter, link, native_names, text
from .postponed import event_lines as postponed_lines
from .sources import source_item

VOTES = {"for": "voted for", "against": "voted against (veto)", "abstain": "abstained"}
# The line a field only some kinds have adds to an event's facts, when it is given (a kind's
# direction, place and people are shown above these, for any kind that has them).
FACTS = {
    "secret": lambda _: "- **Secret:** yes, not announced until it was over",
    "outcome": lambda value: f"- **Outcome:** {value}",
    "china_vote": lambda value: f"- **China:** {VOTES[value]}",
}


@dataclass(frozen=True)
class EventPage:
    """Everything an event's page shows, gathered from the build: the page is made from this alone,
    and remembered by its value. Under serve a save changes what a few pages show, and making every
    event's page again was the largest part of the pages' cost (65 ms of 155 at 1,000 events)."""

    event: Event
    people: tuple[tuple[str, str], ...]  # (id, name) of each person it names, in its order
    publication: str | None  # the article's, when the article mentions the event
    claims_citing: tuple  # (claim, verdict) of each claim that cites it
    postponed: postponements.Postponed | None
    context: tuple[tuple[str, Event | None, bool], ...]  # (its label, as Markdown; the event, if any; whether earlier)
    updated: str | None
    site_url: str | None
    repo_url: str | None


def event_page(
    dataset: Dataset,
    event: Event,
    claims_citing: tuple = (),
    updated: str | None = None,
    site_url: str | None = None,
    repo_url: str | None = None,
    postponed: postponements.Postponed | None = None,
) -> str:
    """`updated`: the day the event's record last changed ('YYYY-MM-DD'), where git gives one. `postponed`:
    the visit's postponement as the analysis worked it out (the build hands it down; worked out here if not)."""
    if postponed is None and event.postponed is not None:
        postponed = postponements.postponed(dataset, event)
    return _event_page(
        EventPage(
            event=event,
            people=tuple((p, dataset.person_by_id[p].name) for p in event.people),
            publication=dataset.article.publication if event.article else None,
            claims_citing=tuple(claims_citing),
            postponed=postponed,
            context=_context(dataset, event),
            updated=updated,
            site_url=site_url,
            repo_url=repo_url,
        )
    )


@functools.lru_cache(maxsize=1 << 14)
def _event_page(page: EventPage) -> str:
    event = page.event
    here = event_path(event.id)
    lines = [
        front_matter(search=SEARCH_EXCLUDED, description=f"{human_span(event.date, event.end)}: {event.title}. {event.summary}"),
        f"# {text(event.title)}",
        "",
        *updated_line(page.updated),
        *_facts(page, here),
        "",
        text(event.summary),
        "",
    ]
    if event.note:
        lines += ['!!! note "Note on the record"', "", f"    {text(event.note)}", ""]
    lines += postponed_lines(page.postponed, here)
    if event.article:
        ref = event.article
        source = f"{page.publication}, paragraph {ref.paragraph}"
        lines += [
            "## In the article",
            "",
            f"> “{text(ref.quote)}”",
            "",
            f"— {link(source, ARTICLE, here, anchor=f'p{ref.paragraph}')}",
            "",
        ]
    if page.claims_citing:
        lines += ["## Claims that cite this event", ""]
        for claim, verdict in page.claims_citing:
            shown = f"{verdict.verdict.symbol} {label(verdict)}"
            lines.append(f"- {link(shown, claim_path(claim.id), here)}: “{text(claim.quote)}”")
        lines.append("")
    lines += ["## Sources", ""]
    lines += [source_item(i, s) for i, s in enumerate(event.sources, 1)]
    context = [f"- {name}: {_neighbour(event, other, earlier, here)}" for name, other, earlier in page.context]
    lines += ["", "## Context", "", *context, "", CONTEXT_DAYS, ""]
    lines += cite_block(event.title, here, page.updated, page.site_url, page.repo_url)
    return "\n".join(lines)


def _facts(page: EventPage, here: str) -> list[str]:
    event = page.event
    date = human_span(event.date, event.end)
    facts = [
        f"- **Date:** {text(date)}{_precision_note(event)}",
        f"- **Kind:** {link(KIND_NAMES[event.kind], kind_path(event.kind), here)}",
    ]
    if event.from_ and event.to:
        facts.append(f"- **Direction:** {COUNTRIES[event.from_]} → {COUNTRIES[event.to]}")
    if event.place:
        facts.append(f"- **Place:** {text(event.place)}")
    if page.people:
        names = [link(name, person_path(p), here) for p, name in page.people]
        facts.append(f"- **People:** {', '.join(names)}")
    for name in KIND_OF[event.kind].fields:  # what its kind may have, each once (no two kinds share one)
        value = event_value(event, name)
        if value and name in FACTS:
            facts.append(FACTS[name](value))
    facts.append(f"- **Year:** {link(str(event.date.year), year_path(event.date.year), here)}")
    return facts


def _precision_note(event: Event) -> str:
    """' (known to the month)', or which end of the span is less precise; '' when both are days."""
    start, end = event.date.precision, event.end.precision if event.end else None
    if end is None or start == end:
        return "" if start == "day" else f" (known to the {start})"
    notes = [f"{which} known to the {precision}" for which, precision in (("start", start), ("end", end)) if precision != "day"]
    return f" ({', '.join(notes)})"


# Claim pages count start to start (as the article does); say how these count, so the two can be compared.
CONTEXT_DAYS = (
    "Days are counted from the end of the earlier event to the start of the later one; a claim's check counts from start "
    "to start, as the article does, so its figure can be a few days larger."
)


def _context(dataset: Dataset, event: Event) -> tuple[tuple[str, Event | None, bool], ...]:
    """The events around it, each with its label and whether it comes earlier in the record."""
    kind = lowercase_first(KIND_NAMES[event.kind])
    around = [
        ("Previous event", "Next event", chronology.previous_and_next(dataset, event)),
        (f"Previous {text(kind)}", f"Next {text(kind)}", chronology.previous_and_next(dataset, event, event.kind)),
    ]
    if event.kind != "nuclear-test":
        before_after = chronology.nearest_of_kind(dataset, event, "nuclear-test")
        around.append(("Nearest nuclear test before", "Nearest nuclear test after", before_after))
    here = dataset.position[event.id]
    return tuple(
        (name, other, other is not None and dataset.position[other.id] < here)
        for first, second, pair in around
        for name, other in zip((first, second), pair, strict=True)
    )


def _neighbour(event: Event, other: Event | None, earlier: bool, here: str) -> str:
    if other is None:
        return "none in the record"
    found = chronology.gap(other, event) if earlier else chronology.gap(event, other)
    if found.within:
        when = found.human()
    elif found.during:
        when = f"began {found.human()} earlier, still under way" if earlier else f"{found.human()} after this began"
    else:
        when = f"{found.human()} {'earlier' if earlier else 'later'}"
    return f"{link(other.title, event_path(other.id), here)} ({text(other.date.human())}, {when})"


def _role_order(role) -> tuple:
    """Dated roles by date; roles whose dates no source gives come last, by title."""
    when = role.from_ or role.to
    return (0, when.sort_key(), role.title) if when else (1, role.title)


def _times(count: int) -> str:
    return "never" if count == 0 else "once" if count == 1 else "twice" if count == 2 else f"{count} times"


def person_page(dataset: Dataset, person: Person, updated: str | None = None) -> str:
    """`updated`: the day the person's record, or one of their events, last changed, where git gives one."""
    here = person_path(person.id)
    events = chronology.events_of_person(dataset, person.id)
    scripts = [v for v in (person.names.hangul, person.names.hanzi) if v]
    lines = [
        front_matter(
            search=SEARCH_EXCLUDED,
            description=f"{person.name} ({', '.join([*scripts, *person.aliases])}): roles and every China–North Korea event in the record.",
        ),
        f"# {text(person.name)}",
        "",
        *updated_line(updated),
    ]
    if scripts:
        lines.append(f"- **In Korean and Chinese script:** {' · '.join(native_names(person))}")
    if person.aliases:
        lines.append(f"- **Also written:** {', '.join(text(a) for a in person.aliases)}")
    lines += [f"- **Country:** {COUNTRIES[person.country]}", ""]
    if person.roles:
        lines += ["## Roles", ""]
        for role in sorted(person.roles, key=_role_order):
            since = role.from_.human() if role.from_ else "(start not recorded)"
            # A leader role with no end is the current leader's (eras run to today from it); for any other role
            # a missing end means the sources found did not give one, not that the post is still held.
            until = role.to.human() if role.to else "today" if role.leader else "(end not recorded)"
            span = "(dates not recorded)" if not (role.from_ or role.to or role.leader) else f"{since} – {until}"
            lines.append(f"- {text(role.title)}: {text(span)}")
        lines.append("")
    travel = chronology.travel_counts(dataset, person)
    if any(travel.values()):
        other = {"CN": "North Korea", "KP": "China"}.get(person.country, "the other country")
        lines += ["## Visits", ""]
        lines.append(f"- Led a visit to {other}: {_times(travel['led'])}")
        if travel["joined"]:
            lines.append(
                f"- Named in other visits to {other} (in the delegation, or as the leader who sent it): {_times(travel['joined'])}"
            )
        lines.append(f"- Received visitors from {other}: {_times(travel['received'])}")
        lines.append("")
    lines += [f"## Events ({len(events)})", ""]
    if events:
        start, end = around(events)
        lines.append(strip_block(events, here, start=start, end=end, what=f"{person.name}'s events"))
    lines += [f"- {text(e.date.human())}: {link(e.title, event_path(e.id), here)}" for e in events] or ["None in the record yet."]
    if person.sources:
        lines += ["", "## Sources", ""]
        lines += [source_item(i, s) for i, s in enumerate(person.sources, 1)]
    return "\n".join(lines) + "\n"


def redirect_page(event: Event) -> str:
    """A plain HTML page at a former id's address that sends readers (and search engines, through
    the canonical link) to the event's page; it is a file of its own, so it needs no theme."""
    target = f"../{event.id}/"
    title = attr(event.title)
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n"
        f'<link rel="canonical" href="{target}">\n<meta name="robots" content="noindex">\n'
        f'<meta http-equiv="refresh" content="0; url={target}">\n</head>\n'
        f'<body>\n<p>This event has a new address: <a href="{target}">{title}</a>.</p>\n</body>\n</html>\n'
    )

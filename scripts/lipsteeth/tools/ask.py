"""`lipsteeth new` at a terminal: ask for every field the chosen kind of event needs (and offer the
optional ones), offer the choices there are, and check each answer as it is typed, with the same
message `lipsteeth check` would give, asking again until it is right."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from pydantic import TypeAdapter, ValidationError
from slugify import slugify

from ..data.dataset import Dataset
from ..data.dates import PartialDate, today
from ..data.load import Document
from ..data.model import COUNTRIES, KINDS, LEVELS, PURPOSES, Event, Person, Slug
from ..data.rules import event_checks, postponement_checks, visit_is_led_by_a_visitor
from ..data.shape_check import validate_one
from .editing import event_ids_in_use, propose_id
from .options import EVENT_OPTIONS, PERSON_OPTIONS, Option, required_for_kind

Ask = Callable[[str], str]  # input(), or a test's stand-in
YES, NO = ("y", "yes", "true"), ("", "n", "no", "false")
CHOICES = {
    "kind": KINDS,
    "from": ("CN", "KP"),
    "to": ("CN", "KP"),
    "purpose": tuple(PURPOSES),
    "level": tuple(LEVELS),
    "outcome": ("success", "failure", "partial", "disputed"),
    "china_vote": ("for", "against", "abstain"),
    "country": tuple(COUNTRIES),
}
# A visit put off before it took place: asked after its other fields, the rest only once the first is answered.
POSTPONED = (
    "postponed-announced",
    "postponed-planned",
    "postponed-reason",
    "postponed-after",
    "postponed-source-url",
    "postponed-source-publisher",
    "postponed-source-title",
)
# Required within a postponement, once it has begun.
POSTPONED_REQUIRED = ("postponed-reason", "postponed-source-url", "postponed-source-publisher", "postponed-source-title")
# The fields each kind asks for, after kind and date; the sources and the id come last for all.
BY_KIND = {
    "visit": ("from", "to", "people", "purpose", "level", "place", "end", "secret", *POSTPONED),
    "nuclear-test": ("outcome", "place"),
    "missile-launch": ("outcome", "place"),
    "satellite-launch": ("outcome", "place"),
    "un-resolution": ("china_vote", "new_sanctions"),
}
OTHERS = ("people", "place", "end", "border_closed")
TEXT_FIELDS = ("title", "summary", "note")
SOURCE_FIELDS = ("source-url", "source-publisher", "source-title")
# Stand-ins for the fields not answered yet, so that an answer can be checked on its own.
FILLERS = {"id": "new-event", "date": "2000", "kind": "other", "title": "t", "summary": "s"}
FILLER_SOURCE = {"url": "https://example.org/source", "publisher": "p", "title": "t"}


def ask_event(given: dict, dataset: Dataset, today: dt.date, ask: Ask | None = None, say: Callable[[str], None] = print) -> dict:
    """The answers for a new event, as `--option` names: those given on the command line are kept
    (and checked), the rest asked for, each checked as it is typed. `given` is filled in as the
    answers come, so that a run stopped half-way (Ctrl-C) still holds what was typed."""
    ask = ask or input
    options = {o.name: o for o in EVENT_OPTIONS}
    answers = given
    people = {p.id: p for p in dataset.people}
    say("A new event. Each answer is checked as you type it; an empty answer skips an optional field.")
    kind = _answer(options["kind"], answers, dataset, today, ask, say, people)
    needed = required_for_kind(kind)  # what the rules ask of this kind beyond the model: a visit's purpose...
    asked = list(BY_KIND.get(kind, OTHERS))
    order = ["date", *[n for n in needed if n not in asked], *asked, *TEXT_FIELDS, *SOURCE_FIELDS]
    for name in order:
        option = options[name.replace("_", "-")]
        if name in POSTPONED[1:] and not answers.get(POSTPONED[0]):
            continue  # not postponed: nothing more to ask about it
        if name in POSTPONED_REQUIRED:
            option = replace(option, required=True)
        if name == "to" and not answers.get("to") and answers.get("from") in ("CN", "KP"):
            answers["to"] = {"CN": "KP", "KP": "CN"}[answers["from"]]  # a visit goes to the other country
            say(f"to: {answers['to']} (the other country)")
            continue
        _answer(option, answers, dataset, today, ask, say, people, required=option.required or option.key in needed)
    date = answers["date"]
    proposal = propose_id(
        _parse(date),
        answers.get("title", ""),
        set(event_ids_in_use(dataset)),
        kind=kind,
        people=[p.strip() for p in answers.get("people", "").split(",") if p.strip()],
        place=answers.get("place", ""),
        to=answers.get("to", ""),
    )
    answers["id"] = answers.get("id") or _ask_id(proposal, set(event_ids_in_use(dataset)), ask, say)
    return answers


def ask_person(given: dict, dataset: Dataset, ask: Ask | None = None, say: Callable[[str], None] = print) -> dict:
    """The answers for a new person: name and country, then the optional names; the id is proposed."""
    ask = ask or input
    options = {o.name: o for o in PERSON_OPTIONS}
    answers = given
    say("A new person. An empty answer skips an optional field.")
    for name in ("name", "country", "hangul", "hanzi", "aliases"):
        _answer(options[name], answers, dataset, today(), ask, say, {}, model=Person)
    proposal = slugify(answers["name"]) or "person"
    answers["id"] = answers.get("id") or _ask_id(proposal, set(dataset.person_by_id), ask, say)
    return answers


def _answer(
    option: Option, answers: dict, dataset, today, ask: Ask, say, people: dict, model=Event, required: bool | None = None
) -> str:
    """Ask for one field until the answer passes (or, for an optional field, is left empty).
    `required`: also for a field the model leaves optional but this kind of event needs."""
    required = option.required if required is None else required
    while True:
        value = answers.get(option.name)
        if value is None:
            value = ask(_prompt(option, people, required)).strip()
        if value == "?" and option.key == "people":
            say(_people_list(people))
            answers.pop(option.name, None)
            continue
        value = _choice(option, value.strip())
        if value == "" and required:  # the model's own check would not see a field left out
            why = "a postponed visit needs it" if (option.group or "").startswith("postponed") else "it cannot be left empty"
            say(f"✗ Required: {option.name}; {why}")
            answers.pop(option.name, None)
            continue
        if value == "":
            answers.pop(option.name, None)
            return ""
        problems = check_answer(option, value, answers, dataset, today, model)
        if not problems:
            answers[option.name] = value
            return value
        for problem in problems:
            say(f"✗ {problem}")
        answers.pop(option.name, None)  # a bad value given on the command line is asked for again too


def _prompt(option: Option, people: dict, required: bool) -> str:
    choices = CHOICES.get(option.key)
    needed = " Required for this kind of event." if required and not option.required else ""
    lines = [f"\n{option.name}: {option.help}{needed}"]
    if choices:
        lines.append("  " + "  ".join(f"{n}) {c}" for n, c in enumerate(choices, 1)))
    if option.key == "people":
        lines.append("  Ids separated by commas, the visit's leader first; ? lists the people.")
    if option.name == POSTPONED[0]:
        lines.append("  Only if the visit was put off before it took place; leave empty if not.")
    if option.key in ("secret", "new_sanctions", "border_closed"):
        lines.append("  yes or no (no if left empty)")
    return "\n".join(lines) + "\n> "


def _choice(option: Option, value: str) -> str:
    """A number picks from the choices shown; yes/no fields become true/false."""
    choices = CHOICES.get(option.key)
    if choices and value.isdigit() and 1 <= int(value) <= len(choices):
        return choices[int(value) - 1]
    if option.key in ("secret", "new_sanctions", "border_closed"):
        return "true" if value.lower() in YES else "" if value.lower() in NO else value
    return value


def _people_list(people: dict) -> str:
    return "\n".join(f"  {p.id}: {p.name} ({p.country})" for p in sorted(people.values(), key=lambda p: (p.country, p.id)))


def check_answer(option: Option, value: str, answers: dict, dataset: Dataset, today: dt.date, model=Event) -> list[str]:
    """What `lipsteeth check` would say about this answer, given the others so far."""
    record = _record(answers | {option.name: value}, model)
    doc = Document(file="(your answer)", data=record)
    built, problems = validate_one(doc, (), record, model)
    mine = [p.message for p in problems if _concerns(p.path, option)]
    if mine or built is None or model is not Event:
        return mine
    countries = {p.id: p.country for p in dataset.people}
    found = [
        *event_checks(built, set(dataset.person_by_id), today),
        *visit_is_led_by_a_visitor(built, countries),
        *postponement_checks(built, dataset.event_by_id, set(dataset.event_by_id)),
    ]
    return [
        message
        for path, message, *_ in found
        if _concerns(path, option) or (option.key == "people" and not path and "people" in message)
    ]


def _record(answers: dict, model) -> dict:
    if model is Person:
        record = {"id": "new-person", "name": answers.get("name", "n"), "country": answers.get("country", "CN")}
        names = {k: answers[k] for k in ("hangul", "hanzi") if answers.get(k)}
        if names:
            record["names"] = names
        if answers.get("aliases"):
            record["aliases"] = [a.strip() for a in answers["aliases"].split(",") if a.strip()]
        return record
    record = dict(FILLERS)
    source = dict(FILLER_SOURCE)
    postponed: dict = {}
    for option in EVENT_OPTIONS:
        value = answers.get(option.name)
        if value in (None, ""):
            continue
        if option.group == "sources":
            source[option.key] = value
        elif option.group == "postponed":
            postponed[option.key] = value
        elif option.group == "postponed/sources":
            postponed.setdefault("sources", [dict(FILLER_SOURCE)])[0][option.key] = value
        elif option.many:
            record[option.key] = [part.strip() for part in value.split(",") if part.strip()]
        elif option.key in ("secret", "new_sanctions", "border_closed"):
            record[option.key] = value == "true" or value  # an answer that is not yes or no is checked as given
        else:
            record[option.key] = value
    record["sources"] = [source]
    if postponed:  # the parts not answered yet stand in as valid: announced on the visit's day
        record["postponed"] = {"announced": record["date"], "reason": "r", "sources": [dict(FILLER_SOURCE)]} | postponed
    if record.get("kind") == "visit":  # the visit-only fields not answered yet
        record = {"from": "CN", "to": "KP", "purpose": "working", "level": "ministerial"} | record
    return record


def _concerns(path, option: Option) -> bool:
    """Whether a problem's path is about this option's field."""
    steps = [s for s in (path or ()) if isinstance(s, str)]
    if option.group:  # 'sources' -> sources.url; 'postponed/sources' -> postponed.sources.url
        groups = option.group.split("/")
        return steps[: len(groups) + 1] == [*groups, option.key]
    return bool(steps) and steps[0] == option.key


def _ask_id(proposal: str, taken: set[str], ask: Ask, say) -> str:
    """Offer the proposed id; another is checked by the same rule as `check` (and must be free)."""
    while True:
        value = ask(f"\nid: the page address ends in it; Enter takes the proposal\n[{proposal}] > ").strip() or proposal
        if value in taken:
            say(f"✗ '{value}' is already taken; choose another")
            continue
        try:
            TypeAdapter(Slug).validate_python(value)
        except ValidationError as exc:
            say(f"✗ {exc.errors()[0]['ctx']['error']}")
            continue
        return value


def _parse(value: str) -> PartialDate:
    return PartialDate.parse(value)

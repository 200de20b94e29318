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
from ..data.model import COUNTRIES, EVENT_FIELDS, KIND_OF, Event, Person, Slug, accepts, field_name, literal_values
from ..data.rules import event_checks, postponement_checks, role_checks, visit_is_led_by_a_visitor
from ..data.shape_check import validate_one
from .editing import event_ids_in_use, propose_id
from .options import (
    EVENT_OPTIONS,
    PERSON_OPTIONS,
    Option,
    further_source_name,
    new_people,
    new_person_name,
    record_from,
    required_for_kind,
)

Ask = Callable[[str], str]  # input(), or a test's stand-in
YES, NO = ("y", "yes", "true"), ("", "n", "no", "false")
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
TEXT_FIELDS = ("title", "summary", "note")
SOURCE_FIELDS = ("source-url", "source-publisher", "source-title")
# Asked right after the date, where the model puts them (when the kind asks them at all).
AFTER_DATE = ("end",)
PEOPLE_PAGE = 20  # people listed at a time by '?'
# A new person: the names, then the first role and the first source, which the terminal requires.
PERSON_FIELDS = ("name", "country", "hangul", "hanzi", "aliases", "role-title", "role-from", "role-to", "role-leader")
PERSON_REQUIRED = ("role-title", "source-url", "source-publisher", "source-title")
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
    for person_id, kept in new_people(answers).items():  # added in an earlier, stopped run
        people.setdefault(person_id, _person(kept))
    say("A new event. Each answer is checked as you type it; an empty answer skips an optional field.")
    kind = _answer(options["kind"], answers, dataset, today, ask, say, people)
    needed = required_for_kind(kind)  # what the rules ask of this kind beyond the model: a visit's purpose...
    asked = questions_for(kind)
    first = [n for n in AFTER_DATE if n in asked]
    rest = [n for n in [*[n for n in needed if n not in asked], *asked] if n not in first]
    order = ["date", *first, *rest, *TEXT_FIELDS, *SOURCE_FIELDS]
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
    _ask_further_sources(options, answers, dataset, today, ask, say, people)
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


def questions_for(kind: str) -> list[str]:
    """What `new` asks of an event of this kind after its kind and date, from the kind's declaration:
    what it lists, then any field of its own it does not; a postponement is its fields' questions."""
    declared = KIND_OF[kind]
    fields = [*declared.asks, *(f for f in declared.fields if f not in declared.asks)]
    return [question for field in fields for question in (POSTPONED if field == "postponed" else (field,))]


def _ask_further_sources(options: dict, answers: dict, dataset, today, ask: Ask, say, people: dict) -> None:
    """After the first source, offer another until the editor says no; each checked as the first is."""
    number = 2
    while True:
        offered = not answers.get(further_source_name(number, "url"))  # a resumed run's source is kept
        if offered and ask("\nAdd another source? [y/N] > ").strip().lower() not in YES:
            return
        for field in SOURCE_FIELDS:
            first = options[field]
            option = replace(first, name=further_source_name(number, first.key), required=True)
            _answer(option, answers, dataset, today, ask, say, people)
        number += 1


def ask_person(given: dict, dataset: Dataset, ask: Ask | None = None, say: Callable[[str], None] = print) -> dict:
    """The answers for a new person: name and country, the optional names, then a role (its title
    required, its dates asked) and a source, as `check` wants a role or a source of everyone; the
    id is proposed (or, for a person named in a new event, given)."""
    ask = ask or input
    options = {o.name: o for o in PERSON_OPTIONS}
    answers = given
    say("A new person. An empty answer skips an optional field.")
    for name in (*PERSON_FIELDS, *SOURCE_FIELDS):
        option = replace(options[name], required=True) if name in PERSON_REQUIRED else options[name]
        _answer(option, answers, dataset, today(), ask, say, {}, model=Person)
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
            value = ask(_prompt(option, people, required, _choices(option, model, answers))).strip()
        if value.endswith("?") and option.key == "people":
            answers.pop(option.name, None)
            typed = _list_people(people, value[:-1].split(",")[-1].strip(), ask, say)
            if typed is not None:  # typed at the paging prompt: taken as the answer
                answers[option.name] = typed
            continue
        value = _choice(option, value.strip(), _choices(option, model, answers))
        if value == "" and required:  # the model's own check would not see a field left out
            why = "a postponed visit needs it" if (option.group or "").startswith("postponed") else "it cannot be left empty"
            say(f"✗ Required: {option.name}; {why}")
            answers.pop(option.name, None)
            continue
        if value == "":
            answers.pop(option.name, None)
            return ""
        problems = check_answer(option, value, answers, dataset, today, model, people if model is Event else None)
        if not problems:
            answers[option.name] = value
            return value
        for problem in problems:
            say(f"✗ {problem}")
        answers.pop(option.name, None)  # a bad value given on the command line is asked for again too
        if option.key == "people" and model is Event and _add_person_now(value, problems, answers, dataset, ask, say, people):
            answers[option.name] = value  # checked again, now that the person is known


def _choices(option: Option, model, answers: dict) -> tuple[str, ...]:
    """The values offered by number: those the event's kind narrows the field to (a visit's
    countries), else the field's own closed vocabulary, read off the model."""
    if option.group:
        return ()
    kind = KIND_OF.get(answers.get("kind", "")) if model is Event else None
    narrowed = kind.choices(option.key) if kind else None
    fields = {field_name(name, field): field for name, field in model.model_fields.items()}
    return narrowed or (literal_values(fields[option.key]) if option.key in fields else ())


def _prompt(option: Option, people: dict, required: bool, choices: tuple[str, ...]) -> str:
    needed = " Required for this kind of event." if required and not option.required else ""
    lines = [f"\n{option.name}: {option.help}{needed}"]
    if choices:
        named = set(choices) <= set(COUNTRIES)  # a country's code with its name: 'CN (China)'
        lines.append("  " + "  ".join(f"{n}) {c}" + (f" ({COUNTRIES[c]})" if named else "") for n, c in enumerate(choices, 1)))
    if option.key == "people":
        lines.append(
            f"  Ids separated by commas, the visit's leader first; ? lists the people ({PEOPLE_PAGE} at a time), "
            "kim? those whose id or name has 'kim'."
        )
    if option.name == POSTPONED[0]:
        lines.append("  Only if the visit was put off before it took place; leave empty if not.")
    if option.flag:
        lines.append("  yes or no (no if left empty)")
    return "\n".join(lines) + "\n> "


def _choice(option: Option, value: str, choices: tuple[str, ...]) -> str:
    """A number picks from the choices shown; yes/no fields become true/false."""
    if choices and value.isdigit() and 1 <= int(value) <= len(choices):
        return choices[int(value) - 1]
    if option.flag:
        return "true" if value.lower() in YES else "" if value.lower() in NO else value
    return value


def _list_people(people: dict, typed: str, ask: Ask, say) -> str | None:
    """List the people (those whose id, name or aliases hold `typed`, if any) a page at a time;
    Enter shows the next page. Anything else typed at that prompt is returned as the answer."""
    words = typed.lower()
    found = [
        p
        for p in sorted(people.values(), key=lambda p: (p.country, p.id))
        if not words or any(words in text.lower() for text in (p.id, p.name, *p.aliases))
    ]
    if not found:
        say(f"  nobody's id or name has {typed!r}; ? lists everyone")
        return None
    for start in range(0, len(found), PEOPLE_PAGE):
        page = found[start : start + PEOPLE_PAGE]
        say("\n".join(f"  {p.id}: {p.name} ({p.country})" for p in page))
        shown = start + len(page)
        if shown < len(found):
            reply = ask(f"  {shown} of {len(found)} shown. Enter shows more; or type your answer > ").strip()
            if reply:
                return reply
    return None


def _add_person_now(value: str, problems: list[str], answers: dict, dataset, ask: Ask, say, people: dict) -> bool:
    """Offer to add a person the answer names and the record lacks, asking what `new person` asks;
    their answers are kept with the event's (written together). False if declined."""
    ids = [part.strip() for part in value.split(",") if part.strip()]
    unknown = next((i for i in ids if i not in people and any(f"unknown person '{i}'" in p for p in problems)), None)
    if unknown is None:
        return False
    if ask(f"\nAdd '{unknown}' to data/people.yaml now? [y/N] > ").strip().lower() not in YES:
        return False
    person = {"id": unknown}
    ask_person(person, dataset, ask, say)
    for name, answer in person.items():
        answers[new_person_name(unknown, name)] = answer
    people[unknown] = _person(person)
    return True


def _person(answers: dict) -> Person:
    """The person the answers describe (already checked field by field)."""
    return Person.model_validate(record_from(PERSON_OPTIONS, answers))


def check_answer(
    option: Option, value: str, answers: dict, dataset: Dataset, today: dt.date, model=Event, people: dict | None = None
) -> list[str]:
    """What `lipsteeth check` would say about this answer, given the others so far; `people`: the
    record's, with any added during this run."""
    if option.group == "sources" and option.name != f"source-{option.key}":  # a second source: checked as the first
        answers, option = answers | {f"source-{option.key}": value}, replace(option, name=f"source-{option.key}")
    record = _record(answers | {option.name: value}, model)
    doc = Document(file="(your answer)", data=record)
    built, problems = validate_one(doc, (), record, model)
    mine = [p.message for p in problems if _concerns(p.path, option)]
    if mine or built is None:
        return mine
    if model is Person:
        return [message for path, message, *_ in role_checks(built, today) if _concerns(path, option)]
    if model is not Event:
        return mine
    people = dict(dataset.person_by_id) if people is None else people
    countries = {p.id: p.country for p in people.values()}
    found = [
        *event_checks(built, set(people), today),
        *visit_is_led_by_a_visitor(built, countries),
        *postponement_checks(built, dataset.event_by_id, set(dataset.event_by_id)),
    ]
    return [
        message
        for path, message, *_ in found
        if _concerns(path, option) or (option.key == "people" and not path and "people" in message)
    ]


def _record(answers: dict, model) -> dict:
    if model is Person:  # the parts not answered yet stand in as valid
        record = {"id": "new-person", "name": "n", "country": "CN"} | record_from(PERSON_OPTIONS, answers)
        if record.get("roles"):
            record["roles"][0] = {"title": "t"} | record["roles"][0]
        if record.get("sources"):
            record["sources"][0] = dict(FILLER_SOURCE) | record["sources"][0]
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
        elif option.flag:
            record[option.key] = value == "true" or value  # an answer that is not yes or no is checked as given
        else:
            record[option.key] = value
    record["sources"] = [source]
    if postponed:  # the parts not answered yet stand in as valid: announced on the visit's day
        record["postponed"] = {"announced": record["date"], "reason": "r", "sources": [dict(FILLER_SOURCE)]} | postponed
    return _required_by_kind(record.get("kind")) | record  # those not answered yet


def _required_by_kind(kind: str | None) -> dict:
    """Stand-ins for the fields the kind requires (a visit's countries, purpose and level), valid
    together: the n-th field with narrowed choices takes the n-th of them (from CN, to KP); a field of
    a closed vocabulary, its last value (the least particular: 'working', 'ministerial')."""
    declared = KIND_OF.get(kind or "")
    if declared is None:
        return {}
    fillers = {}
    for index, name in enumerate(declared.required):
        narrowed = declared.choices(name)
        fillers[name] = narrowed[index % len(narrowed)] if narrowed else _stand_in(EVENT_FIELDS[name])
    return fillers


def _stand_in(field) -> object:
    """A valid value of a field, for a required one not answered yet: its vocabulary's last value, else by its type."""
    values = literal_values(field)
    if values:
        return values[-1]
    return True if field.annotation is bool else "2000" if accepts(field).startswith("date") else "t"


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

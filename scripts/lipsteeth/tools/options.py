"""The options of `lipsteeth new`, read off the data model: each field's option name, help and
whether it is required, so the command can never offer a field the model lacks or miss one it has."""

from __future__ import annotations

import re
import typing
from dataclasses import dataclass

from pydantic import BaseModel

from ..data.model import KIND_OF, Event, Names, Person, Postponement, Role, Source, accepts, field_name


@dataclass(frozen=True)
class Option:
    """One command-line option and the field its value fills."""

    name: str  # as typed after '--': 'source-url'
    key: str  # the field as the data file writes it: 'url'
    group: str | None  # the field it sits in ('sources' for a source's url, 'names' for hangul), or None
    help: str
    required: bool
    many: bool  # a list, typed comma-separated
    flag: bool = False  # true or false, typed yes or no


def _options(model: type[BaseModel], *, group: str | None = None, prefix: str = "", skip=(), optional=()) -> list[Option]:
    found = []
    for name, field in model.model_fields.items():
        key = field_name(name, field)
        if key in skip:
            continue
        required = field.is_required() and key not in optional
        many = typing.get_origin(field.annotation) is tuple
        flag = field.annotation is bool
        words = (
            f"{field.description or ''} Accepts {'yes or no' if flag else accepts(field)}{', comma-separated' if many else ''}."
        )
        help_text = f"{words.strip()}{' Required.' if required else ''}"
        found.append(Option(prefix + key.replace("_", "-"), key, group, help_text, required, many, flag))
    return found


# A postponed visit's fields, each optional on the command line: they are needed only together (check says which).
POSTPONED_KEYS = tuple(field_name(name, field) for name, field in Postponement.model_fields.items()) + tuple(Source.model_fields)
# An event's id is proposed from its date and title when not given; its first source is asked for
# field by field, and so is the first source of a postponement; where the article mentions it is added by hand.
EVENT_OPTIONS = tuple(
    _options(Event, skip=("sources", "article", "postponed"), optional=("id",))
    + _options(Source, group="sources", prefix="source-")
    + _options(Postponement, group="postponed", prefix="postponed-", skip=("sources",), optional=POSTPONED_KEYS)
    + _options(Source, group="postponed/sources", prefix="postponed-source-", optional=POSTPONED_KEYS)
)
# A person's first role and first source, field by field; optional on the command line, where the
# rule asks for one or the other (at a terminal both are asked for).
ROLE_KEYS = tuple(field_name(name, field) for name, field in Role.model_fields.items())
PERSON_OPTIONS = tuple(
    _options(Person, skip=("names", "roles", "sources"), optional=("id",))
    + _options(Names, group="names")
    + _options(Role, group="roles", prefix="role-", optional=ROLE_KEYS)
    + _options(Source, group="sources", prefix="source-", optional=tuple(Source.model_fields))
)
# The order of fields in a new entry: the model's own.
EVENT_ORDER = tuple(field_name(name, field) for name, field in Event.model_fields.items())
PERSON_ORDER = tuple(field_name(name, field) for name, field in Person.model_fields.items())


def record_from(options: tuple[Option, ...], given: dict[str, str | None]) -> dict:
    """The record the answers describe: {'date': ..., 'sources': [{'url': ...}]}; lists split at commas."""
    record: dict = {}
    for option in options:
        value = given.get(option.name)
        if value in (None, ""):
            continue
        if option.many:
            value = [part.strip() for part in value.split(",") if part.strip()]
        elif option.flag:
            value = value.strip().lower() in ("yes", "y", "true")
        place = record
        for step in option.group.split("/") if option.group else ():  # 'postponed/sources': the postponement's first source
            place = place.setdefault(step, [{}])[0] if step in ("sources", "roles") else place.setdefault(step, {})
        place[option.key] = value
    more = further_sources(given)
    if more:
        record["sources"] = [*record.get("sources", [{}]), *more]
    return record


# A second, third... source of an event, typed at a terminal: 'source-2-url', 'source-2-publisher'...
_FURTHER_SOURCE = re.compile(r"source-([2-9]|[1-9][0-9]+)-(url|publisher|title)")


def further_source_name(number: int, key: str) -> str:
    return f"source-{number}-{key}"


def further_sources(given: dict) -> list[dict]:
    """The sources after the first, in their order, from 'source-2-url'... answers."""
    found: dict[int, dict] = {}
    for name, value in given.items():
        match = _FURTHER_SOURCE.fullmatch(name)
        if match and value:
            found.setdefault(int(match[1]), {})[match[2]] = value
    return [found[number] for number in sorted(found)]


# A person named in a new event and added with it: their answers, as 'new-person/<id>/<option>'.
NEW_PERSON = "new-person/"


def new_person_name(person_id: str, option: str) -> str:
    return f"{NEW_PERSON}{person_id}/{option}"


def new_people(given: dict) -> dict[str, dict]:
    """The people to add along with the event, each as the answers `new person` takes (with its id)."""
    found: dict[str, dict] = {}
    for name, value in given.items():
        if name.startswith(NEW_PERSON) and name.count("/") == 2:
            person_id, option = name.removeprefix(NEW_PERSON).split("/")
            found.setdefault(person_id, {"id": person_id})[option] = value
    return found


def required_for_kind(kind: str) -> tuple[str, ...]:
    """The fields an event of this kind must have beyond the model's own (a visit's 'from', 'to',
    'purpose' and 'level'): its declaration's, which the rules check, so `new` asks what `check` wants."""
    return KIND_OF[kind].required

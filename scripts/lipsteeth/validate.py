"""Stage 2, validate: loaded documents -> Dataset, or every problem at once.

Shapes first (the pydantic models, record by record), then meaning: a list of small named
checks over the records whose shapes passed. Problems are collected, never raised one by one.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from .claims import parse_duration
from .dataset import Dataset
from .errors import DataError, Problem
from .gcpause import gc_paused
from .load import Document, dotted, load_file, relative_name
from .model import SLUG_PATTERN, ArticleFile, Claim, Event, Person
from .shapes import did_you_mean, validate_one, validate_records

ARTICLE_FILE = "article.yaml"
PEOPLE_FILE = "people.yaml"
CLAIMS_FILE = "claims.yaml"
EVENTS_DIR = "events"
_YEARS = re.compile(r"^(\d{4})-(\d{4}|today)$")  # events files are named for their years: 1998-2011, 2017-today


def years_covered(file_name: str) -> tuple[int, int] | None:
    """(first, last) year an events file is named for, or None if its name gives no years."""
    match = _YEARS.match(Path(file_name).stem)
    return (int(match[1]), 9999 if match[2] == "today" else int(match[2])) if match else None


def outside_its_file(file_name: str, year: int) -> bool:
    """Whether `year` falls outside the years a year-named events file is for."""
    years = years_covered(file_name)
    return years is not None and not years[0] <= year <= years[1]


def data_files(data_dir: Path) -> list[Path]:
    """Every file the dataset is read from, in a fixed order."""
    events = sorted((data_dir / EVENTS_DIR).glob("*.yaml")) if (data_dir / EVENTS_DIR).is_dir() else []
    return [data_dir / ARTICLE_FILE, data_dir / PEOPLE_FILE, data_dir / CLAIMS_FILE, *events]


@gc_paused()
def load_dataset(data_dir: Path, *, today: dt.date | None = None) -> Dataset:
    """Load and validate everything under `data_dir`; raise DataError listing every problem."""
    root = data_dir.parent
    problems: list[Problem] = []
    docs: dict[str, list[Document]] = {"article": [], "people": [], "claims": [], "events": []}
    unreadable: set[str] = set()
    for path in data_files(data_dir):
        if not path.exists():
            problems.append(Problem(relative_name(path, root), 1, 1, "required data file is missing"))
            unreadable.add(_role(path, data_dir))
            continue
        doc, found = load_file(path, root)
        problems += found
        if doc.data is not None and not found:
            docs[_role(path, data_dir)].append(doc)
        else:
            unreadable.add(_role(path, data_dir))
    problems += stray_event_files(data_dir / EVENTS_DIR, root)
    if not docs["events"] and not (data_dir / EVENTS_DIR).is_dir():
        problems.append(
            Problem(relative_name(data_dir / EVENTS_DIR, root), 1, 1, "the events folder is missing; expected data/events/*.yaml")
        )
    dataset, found = validate(docs, today=today or _today(), unreadable=unreadable)
    problems += found
    if problems or dataset is None:
        raise DataError(problems)
    return dataset


def stray_event_files(folder: Path, root: Path) -> list[Problem]:
    """A .yml (or .YAML) file in the events folder would be skipped without a word; say so."""
    problems = []
    for stray in sorted(folder.iterdir()) if folder.is_dir() else []:
        if stray.is_file() and stray.suffix != ".yaml" and stray.suffix.lower() in (".yml", ".yaml"):
            target = stray.with_suffix(".yaml")
            fix = f"move its events into '{target.name}'" if target.exists() else f"rename it to '{target.name}'"
            problems.append(Problem(relative_name(stray, root), 1, 1, f"not read: event files end in '.yaml'; {fix}"))
    return problems


def validate(
    docs: dict[str, list[Document]], *, today: dt.date, unreadable: set[str] = frozenset()
) -> tuple[Dataset | None, list[Problem]]:
    """Check shapes, then meaning. References into a file that could not be read are not
    checked: its ids are unknown, and reporting every reference would bury the real error."""
    problems: list[Problem] = []
    article = None
    for doc in docs["article"]:
        parsed, found = validate_one(doc, (), doc.data, ArticleFile)
        problems += found
        article = parsed.article if parsed else None
    people = _records(docs["people"], "people", Person, problems)
    claims = _records(docs["claims"], "claims", Claim, problems)
    events = _records(docs["events"], "events", Event, problems)

    raw = {key: _raw_items(docs[key], key) for key in ("people", "events", "claims")}
    raw_event_ids = _raw_ids(raw["events"]) if "events" not in unreadable else None
    raw_people_ids = _raw_ids(raw["people"]) if "people" not in unreadable else None
    for key, what in (("people", "person"), ("events", "event"), ("claims", "claim")):
        problems += unique_ids(raw[key], what)
    countries = {person.id: person.country for *_, person in people}
    for doc, path, event in events:
        problems += _located(doc, path, event_checks(event, raw_people_ids, today))
        problems += _located(doc, path, visit_is_led_by_a_visitor(event, countries))
        if article and event.article:
            problems += _located(doc, path + ("article",), quote_is_verbatim(event.article, article))
    problems += placed_by_date(events)
    # An event with a bad field is not built, but its references are still checked, so that
    # fixing one mistake does not reveal another on the next run.
    built = {(doc.file, path) for doc, path, _ in events}
    for doc, path, item in raw["events"]:
        names = item.get("people")
        if (doc.file, path) not in built and isinstance(names, list) and all(isinstance(n, str) for n in names):
            # A name that is not even an id was reported by the shape check; say it once.
            found = references_exist(("people",), names, raw_people_ids, "person", "data/people.yaml")
            problems += _located(doc, path, [f for f in found if re.fullmatch(SLUG_PATTERN, names[f[0][1]])])
    for doc, path, person in people:
        problems += _located(doc, path, role_checks(person))
    for doc, path, claim in claims:
        problems += _located(doc, path, claim_checks(claim, raw_event_ids, raw_people_ids))
        if article:
            problems += _located(doc, path, quote_is_verbatim(claim, article))
    if problems or unreadable or article is None:
        return None, problems
    return Dataset(article, tuple(e for *_, e in events), tuple(p for *_, p in people), tuple(c for *_, c in claims)), []


# --- named checks -----------------------------------------------------------------------------
# Each yields (path below the record, what is wrong and what was expected[, point at the key]);
# `_located` adds the file, line, column and the dotted path in front of the message.


def event_checks(event: Event, people_ids: set[str], today: dt.date) -> Iterator[tuple]:
    yield from end_is_not_before_date(event)
    yield from not_in_the_future(event, today)
    yield from references_exist(("people",), event.people, people_ids, "person", "data/people.yaml")
    yield from visit_has_countries(event)
    yield from only_for_kind(event, "china_vote", ("un-resolution",))
    yield from only_for_kind(event, "outcome", ("nuclear-test", "missile-launch", "satellite-launch"))
    yield from only_for_kind(event, "secret", ("visit",))


def end_is_not_before_date(event: Event) -> Iterator[tuple]:
    if event.end is not None and event.end.last_day() < event.date.first_day():
        yield ("end",), f"expected a date on or after the start ({event.date}), got '{event.end}'"


def not_in_the_future(event: Event, today: dt.date) -> Iterator[tuple]:
    for name in ("date", "end"):
        value = getattr(event, name)
        if value is not None and value.first_day() > today:
            yield (name,), f"'{value}' is in the future; the record holds only what has happened"


def visit_has_countries(event: Event) -> Iterator[tuple]:
    if event.kind == "visit":
        for name, value in (("from", event.from_), ("to", event.to)):
            if value is None:
                yield (), f"missing required field '{name}' for a visit (the visitor's country and the host's: CN or KP)"
        if event.from_ and event.to and {event.from_, event.to} != {"CN", "KP"}:
            yield (
                ("to",),
                f"a visit in this record goes between China and North Korea (CN to KP or KP to CN), got from {event.from_} to {event.to}",
                False,
            )
    else:
        for name, value in (("from", event.from_), ("to", event.to)):
            if value is not None:
                yield (name,), f"only visits have '{name}'; this event's kind is '{event.kind}'", True


def visit_is_led_by_a_visitor(event: Event, countries: dict[str, str]) -> Iterator[tuple]:
    """Person pages count the visits someone led by who is listed first, so when anyone from the
    visiting country is named, the first must be (the others may be hosts, companions or the
    leader who sent them)."""
    if event.kind != "visit" or not event.people or event.from_ is None:
        return
    if not any(countries.get(p) == event.from_ for p in event.people):
        return  # only hosts are named (an unnamed delegation): there is no leader to list first
    first = event.people[0]
    if first in countries and countries[first] != event.from_:
        yield (
            ("people", 0),
            f"list first the person who led the visit, from {event.from_} (the visiting country); "
            f"'{first}' is from {countries[first]}",
        )


def only_for_kind(event: Event, field: str, kinds: tuple[str, ...]) -> Iterator[tuple]:
    value = getattr(event, field)
    if value not in (None, False) and event.kind not in kinds:
        yield (field,), f"only for {' or '.join(kinds)} events; this event's kind is '{event.kind}'", True


def references_exist(path: tuple, ids: Iterable[str], known: set[str] | None, what: str, where: str) -> Iterator[tuple]:
    if known is None:  # the file that defines these ids could not be read
        return
    for index, ref in enumerate(ids):
        if ref not in known:
            yield path + (index,), f"unknown {what} '{ref}'; expected an id from {where}{did_you_mean(ref, sorted(known))}"


def role_checks(person: Person) -> Iterator[tuple]:
    for index, role in enumerate(person.roles):
        if role.leader and role.from_ is None:
            yield ("roles", index), "missing required field 'from' for a leader role (eras are drawn from it)"
        if role.to is not None and role.from_ is not None and role.to.last_day() < role.from_.first_day():
            yield ("roles", index, "to"), f"expected a date on or after 'from' ({role.from_}), got '{role.to}'"


def claim_checks(claim: Claim, event_ids: set[str], people_ids: set[str]) -> Iterator[tuple]:
    yield from references_exist(("events",), claim.events, event_ids, "event", "data/events/")
    for index, assertion in enumerate(claim.assertions):
        base = ("assertions", index)
        for name in ("event", "reference", "after", "before"):
            ref = getattr(assertion, name, None)
            if ref is not None:
                for _, msg in references_exist((), [ref], event_ids, "event", "data/events/"):
                    yield base + (name,), msg
        yield from references_exist(
            base + ("people",), getattr(assertion, "people", ()), people_ids, "person", "data/people.yaml"
        )
        if assertion.check == "timing":
            given = [n for n in ("less_than", "about", "more_than") if getattr(assertion, n)]
            if len(given) != 1:
                yield base, f"a timing check needs exactly one of less_than, about, more_than; got {len(given) or 'none'}"
            for name in (*given, "tolerance"):
                yield from _is_duration(base + (name,), getattr(assertion, name))
        if assertion.check == "count" and (assertion.equals is None) == (assertion.at_least is None):
            yield base, "a count check needs exactly one of equals, at_least"
    if claim.type in ("interpretation", "prediction") and not claim.assessment:
        yield ("type",), f"an {claim.type} claim needs an 'assessment': the editors' reading of the record"


def _is_duration(path: tuple, value: str | None) -> Iterator[tuple]:
    if value is not None:
        try:
            parse_duration(value)
        except ValueError as exc:
            yield path, str(exc)


def quote_is_verbatim(ref, article) -> Iterator[tuple]:
    """The quote must appear in the paragraph it names (typographic quotes and spacing aside)."""
    if ref.paragraph > len(article.paragraphs):
        yield ("paragraph",), f"the article has {len(article.paragraphs)} paragraphs, got {ref.paragraph}"
        return
    if _plain(ref.quote) not in _plain(article.paragraphs[ref.paragraph - 1]):
        elsewhere = [i for i, p in enumerate(article.paragraphs, 1) if _plain(ref.quote) in _plain(p)]
        hint = f" (it is in paragraph {elsewhere[0]})" if elsewhere else ""
        yield ("quote",), f"expected the article's words verbatim, but paragraph {ref.paragraph} does not contain them{hint}"


_TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(_TYPOGRAPHY)).strip()


def placed_by_date(events: list[tuple[Document, tuple, Event]]) -> list[Problem]:
    """Each event sits in the file named for its year, after every event above it: where editors look."""
    problems, latest = [], {}
    for doc, path, event in events:
        if outside_its_file(doc.file, event.date.year):
            span = Path(doc.file).stem.replace("-", "–")
            message = f"{event.date.year} is outside the years this file is for ({span}); move the event to the file for its year"
            problems += _located(doc, path, [(("date",), message)])
        above = latest.get(doc.file)
        if above is not None and event.date < above.date:
            problems += _located(doc, path, [(("date",), _out_of_order(event, above))])
        if above is None or above.date < event.date:
            latest[doc.file] = event
    return problems


def _out_of_order(event: Event, above: Event) -> str:
    message = f"'{event.date}' comes before {above.id} ('{above.date}'), further up; keep the file in date order"
    if event.date.first_day() <= above.date.first_day() <= event.date.last_day():  # '2000' and '2000-05-29'
        message += f" (a date known only to the {event.date.precision} goes before the dated events within it)"
    return message


def unique_ids(items: list[tuple[Document, tuple, dict]], what: str) -> list[Problem]:
    """Ids as written, across files, including records whose other fields are wrong."""
    seen: dict[str, tuple[Document, tuple]] = {}
    problems = []
    for doc, path, item in items:
        record_id = item.get("id")
        if not isinstance(record_id, str):
            continue
        if record_id in seen:
            first_doc, first_path = seen[record_id]
            line = first_doc.position(first_path + ("id",))[0]
            problems.append(
                doc.problem(
                    path + ("id",),
                    f"{dotted(path + ('id',))}: duplicate {what} id '{record_id}' (first used in {first_doc.file} line {line}); ids must be unique",
                )
            )
        else:
            seen[record_id] = (doc, path)
    return problems


# --- helpers ----------------------------------------------------------------------------------


def _located(doc: Document, path: tuple, found: Iterable[tuple]) -> list[Problem]:
    problems = []
    for sub, message, *key in found:
        where = path + sub
        problems.append(doc.problem(where, f"{dotted(where)}: {message}", key=bool(key and key[0])))
    return problems


def _records(docs: list[Document], key: str, model, problems: list[Problem]) -> list[tuple[Document, tuple, object]]:
    found = []
    for doc in docs:
        records, errors = validate_records(doc, key, model)
        problems += errors
        found += [(doc, (key, index), record) for index, record in records]
    return found


def _raw_items(docs: list[Document], key: str) -> list[tuple[Document, tuple, dict]]:
    """Every record as written under `key`, whether or not its shape check passed."""
    found = []
    for doc in docs:
        items = doc.data.get(key) if isinstance(doc.data, dict) else None
        for index, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict):
                found.append((doc, (key, index), item))
    return found


def _raw_ids(items: list[tuple[Document, tuple, dict]]) -> set[str]:
    """Ids as written, even in records that failed their shape check, so one error does not cascade."""
    return {item["id"] for _, _, item in items if isinstance(item.get("id"), str)}


def _role(path: Path, data_dir: Path) -> str:
    if path.parent.name == EVENTS_DIR:
        return "events"
    return {ARTICLE_FILE: "article", PEOPLE_FILE: "people", CLAIMS_FILE: "claims"}[path.name]


def _today() -> dt.date:
    """SOURCE_DATE_EPOCH pins 'today' so that a rebuild of an old commit gives the same answer."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date() if epoch else dt.date.today()

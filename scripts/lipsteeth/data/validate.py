"""Stage 2, validate: loaded documents -> Dataset, or every problem at once.

Shapes first (the pydantic models, record by record), then meaning: a list of small named
checks over the records whose shapes passed. Problems are collected, never raised one by one.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ..errors import DataError, Problem
from ..gcpause import gc_paused
from . import dates
from .dataset import Dataset
from .files import ARTICLE_FILE, CLAIMS_FILE, EVENTS_DIR, PEOPLE_FILE, SERIES_DIR, data_files, relative_name, stray_event_files
from .limits import MAX_TOTAL_BYTES
from .load import Document, forget_parses, kept_parse, load_file
from .model import ANNUAL_TRADE, SLUG_PATTERN, ArticleFile, Claim, Event, Person, Series
from .rules import (
    KnownIds,
    Suggestions,
    aliases_are_free,
    claim_checks,
    count_checks_are_bounded,
    depends_on_cycles,
    event_checks,
    leader_roles_are_bounded,
    located,
    not_in_the_future,
    placed_by_date,
    postponement_checks,
    quote_is_verbatim,
    references_exist,
    role_checks,
    series_checks,
    unique_ids,
    visit_is_led_by_a_visitor,
)
from .shape_check import validate_one, validate_records


@gc_paused()
def load_dataset(data_dir: Path, *, today: dt.date | None = None, reuse: bool = False) -> Dataset:
    """Load and validate everything under `data_dir`; raise DataError listing every problem.
    `reuse`: a file whose text is the same as when this process last read it is not parsed again
    (`load.load_text`), as under `mkdocs serve`, where a save changes one file."""
    root = data_dir.parent
    problems: list[Problem] = []
    docs: dict[str, list[Document]] = {"article": [], "people": [], "claims": [], "events": [], "series": []}
    unreadable: set[str] = set()
    total = 0
    paths = data_files(data_dir)
    for path in paths:
        if not path.exists():
            problems.append(Problem(relative_name(path, root), 1, 1, "required data file is missing"))
            unreadable.add(_role(path, data_dir))
            continue
        size = path.lstat().st_size
        if total + size > MAX_TOTAL_BYTES:  # many files of the largest size each: bounded too
            message = f"not read: with it the data files would hold {total + size:,} bytes; together they hold at most {MAX_TOTAL_BYTES:,}"
            problems.append(Problem(relative_name(path, root), 1, 1, message))
            unreadable.add(_role(path, data_dir))
            continue
        total += size
        doc, found = load_file(path, root, reuse=reuse)
        problems += found
        if doc.data is not None and not found:
            docs[_role(path, data_dir)].append(doc)
        else:
            unreadable.add(_role(path, data_dir))
    if reuse:
        present = {relative_name(path, root) for path in paths}
        forget_parses(present)
        _forget_checks(present)
    problems += stray_event_files(data_dir / EVENTS_DIR, root) + stray_event_files(data_dir / SERIES_DIR, root)
    if not docs["events"] and not (data_dir / EVENTS_DIR).is_dir():
        problems.append(
            Problem(relative_name(data_dir / EVENTS_DIR, root), 1, 1, "the events folder is missing; expected data/events/*.yaml")
        )
    dataset, found = validate(docs, today=today or _today(), unreadable=unreadable)
    problems += found
    if problems or dataset is None:
        raise DataError(problems)
    return dataset


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
        if article:
            problems += located(doc, ("article",), not_in_the_future(article, today, ("published",)))
    people = _records(docs["people"], "people", Person, problems)
    claims = _records(docs["claims"], "claims", Claim, problems)
    events = _records(docs["events"], "events", Event, problems)
    series = _records(docs.get("series", []), "series", Series, problems)

    raw = {key: _raw_items(docs[key], key) for key in ("people", "events", "claims")}
    suggestions = Suggestions()  # one "did you mean" budget for the whole run
    raw_event_ids = KnownIds(_raw_ids(raw["events"]), suggestions) if "events" not in unreadable else None
    raw_people_ids = KnownIds(_raw_ids(raw["people"]), suggestions) if "people" not in unreadable else None
    raw_claim_ids = KnownIds(_raw_ids(raw["claims"]), suggestions) if "claims" not in unreadable else None
    raw["series"] = _raw_items(docs.get("series", []), "series")
    for key, what in (("people", "person"), ("events", "event"), ("claims", "claim"), ("series", "series")):
        problems += unique_ids(raw[key], what)
    problems += aliases_are_free(raw["events"])
    countries = {person.id: person.country for *_, person in people}
    built_events = {event.id: event for *_, event in events}
    for doc, path, event in events:
        problems += located(doc, path, event_checks(event, raw_people_ids, today))
        problems += located(doc, path, postponement_checks(event, built_events, raw_event_ids))
        problems += located(doc, path, visit_is_led_by_a_visitor(event, countries))
        if article and event.article:
            problems += located(doc, path + ("article",), quote_is_verbatim(event.article, article))
    problems += placed_by_date(events)
    problems += depends_on_cycles(claims)
    problems += count_checks_are_bounded(claims)
    # An event with a bad field is not built, but its references are still checked, so that
    # fixing one mistake does not reveal another on the next run.
    built = {(doc.file, path) for doc, path, _ in events}
    for doc, path, item in raw["events"]:
        names = item.get("people")
        if (doc.file, path) not in built and isinstance(names, list) and all(isinstance(n, str) for n in names):
            # A name that is not even an id was reported by the shape check; say it once.
            found = references_exist(("people",), names, raw_people_ids, "person", "data/people.yaml")
            problems += located(doc, path, [f for f in found if re.fullmatch(SLUG_PATTERN, names[f[0][1]])])
    for doc, path, person in people:
        problems += located(doc, path, role_checks(person, today))
    problems += leader_roles_are_bounded(people)
    trade_totals = _trade_totals(series, raw["series"]) if "series" not in unreadable else None
    event_by_id = {event.id: event for *_, event in events}
    for doc, path, claim in claims:
        found = claim_checks(claim, raw_event_ids, raw_people_ids, raw_claim_ids, trade_totals, event_by_id)
        problems += located(doc, path, found)
        if article:
            problems += located(doc, path, quote_is_verbatim(claim, article))
    for doc, path, found in series:
        problems += located(doc, path, series_checks(found, today))
    if problems or unreadable or article is None:
        return None, problems
    return Dataset(
        article,
        tuple(e for *_, e in events),
        tuple(p for *_, p in people),
        tuple(c for *_, c in claims),
        tuple(s for *_, s in series),
    ), []


# --- helpers ----------------------------------------------------------------------------------


def _records(docs: list[Document], key: str, model, problems: list[Problem]) -> list[tuple[Document, tuple, object]]:
    found = []
    for doc in docs:
        records, errors = _shape_checked(doc, key, model)
        problems += errors
        found += [(doc, (key, index), record) for index, record in records]
    return found


# The records of each kept parse (load.kept_parse) whose shapes passed, by file: (its values, the
# records). Records are immutable, so the next read of an unchanged file (a save of another file
# under `mkdocs serve`) takes them instead of checking every record's shape again.
_CHECKED: dict[tuple[str, str], tuple[object, list]] = {}


def _shape_checked(doc: Document, key: str, model) -> tuple[list, list[Problem]]:
    kept = _CHECKED.get((doc.file, key))
    if kept is not None and kept[0] is doc.data:
        return kept[1], []
    records, errors = validate_records(doc, key, model)
    if not errors and kept_parse(doc):
        _CHECKED[(doc.file, key)] = (doc.data, records)
    else:
        _CHECKED.pop((doc.file, key), None)
    return records, errors


def _forget_checks(present: set[str]) -> None:
    """Drop the records kept for files other than `present` (by name), as their parses are dropped."""
    for gone in [checked for checked in _CHECKED if checked[0] not in present]:
        del _CHECKED[gone]


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


def _trade_totals(series: list, raw: list[tuple[Document, tuple, dict]]) -> dict[int, float] | None:
    """{year: total} of China's annual customs series, the figures the {trade} placeholders read; None
    when that series failed its shape check: its years are then unknown, and one bad figure must not
    make every placeholder that reads the series look wrong too."""
    built = [found for *_, found in series if found.id == ANNUAL_TRADE]
    if not built and any(item.get("id") == ANNUAL_TRADE for _, _, item in raw):
        return None
    return {o.period.year: o.total for found in built for o in found.observations if o.total is not None}


def _role(path: Path, data_dir: Path) -> str:
    if path.parent.name in (EVENTS_DIR, SERIES_DIR):
        return path.parent.name
    return {ARTICLE_FILE: "article", PEOPLE_FILE: "people", CLAIMS_FILE: "claims"}[path.name]


def _today() -> dt.date:
    """The real date, even when SOURCE_DATE_EPOCH pins the build's timestamps for reproducible output:
    an event dated after the last commit but before today is valid, and `check` and the build agree
    on it. (Days only move on, so what validated once keeps validating.) In UTC, not the local zone."""
    return dates.today()

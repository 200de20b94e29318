"""Machine-readable exports at stable URLs under /data/: each table as CSV (one row per record) and
JSON (the records as the model holds them), and a Frictionless data package that describes them.

Each CSV column is declared once, with its type and meaning: the same declaration writes the CSV
and the data package's schema, so the two can never disagree.
"""

from __future__ import annotations

import csv
import functools
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata

from pydantic import BaseModel, TypeAdapter

from .. import urls
from ..analyse.answer import Answer
from ..analyse.claims import Ruling
from ..analyse.placeholders import fill
from ..charts import marks
from ..charts.catalogue import CATALOGUE
from ..charts.style import LANES, lane_of
from ..data.dataset import Dataset
from ..data.model import (
    KIND_OF,
    Claim,
    Date,
    Event,
    KindOfEvent,
    Names,
    Observation,
    Person,
    Postponement,
    Series,
    Source,
    accepts,
    event_value,
    field_name,
    kinds_with,
    literal_values,
)
from ..urls import absolute
from .sources import archived


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Frictionless table schema types: string, integer, number, boolean, date, array
    description: str
    value: Callable


LIST = "array"  # Table Schema's type for a JSON array in a cell


def _listed(values) -> str:
    """A list in one cell, as a JSON array: any value, even one holding '|', a comma or a quote,
    reads back whole with one json.loads (joined with ' | ', a '|' in a title split it in two)."""
    return json.dumps(list(values), ensure_ascii=False)


# A site built without its public address (a preview, a local build) can only give addresses from its root.
ARCHIVED = " (the one the editors give, else the Wayback Machine's copies of its address)"
PAGE_ADDRESS = ": its full address on the published site, or its address from the site's root on a local build."


def described(model: type[BaseModel], key: str, *, prefix: str = "", more: str = "") -> str:
    """A column's meaning read off the model's field (its description, written once there), with
    what a reader of the table needs besides: the values of a closed vocabulary the description
    does not list, how a date is written, that a kind-only flag is empty for the other kinds, and
    `more` (how a list sits in its cell). `prefix` names the record it belongs to ('Postponed visits: ')."""
    field = next(f for name, f in model.model_fields.items() if field_name(name, f) == key)
    words = field.description or ""
    if prefix:
        words = prefix + words[:1].lower() + words[1:]
    values = literal_values(field)
    if model is Event and kinds_with(key):  # the choices the kinds that have it narrow it to (a visit's CN, KP)
        narrowed = [KIND_OF[kind].choices(key) for kind in kinds_with(key)]
        if all(narrowed):
            values = tuple(v for v in values if any(v in choices for choices in narrowed))
    if len(values) == 1:
        words += f" Always '{values[0]}'."
    elif values and not all(value in words for value in values):
        words += " One of: " + ", ".join(values) + "."
    if accepts(field).startswith("date") and "YYYY" not in words:
        words += " " + DATE_WORDS
    if model is Event and kinds_with(key) and field.annotation is bool:
        words += " Empty for other kinds."
    return f"{words} {more}".strip()


# How a date is written, as the model's date type describes it.
DATE_WORDS = TypeAdapter(Date).json_schema()["description"]
AS_LIST = "As a JSON array."
POSTPONED = "Postponed visits: "
SOURCES = "Each source: "
IN_ORDER = "As a JSON array in the same order."


def _for_kind(event: Event, field: str):
    """A field that only means something for some kinds of event (their declarations say which) is
    left empty for the others: a launch's `secret` is not 'false', it is not a question."""
    return event_value(event, field) if event.kind in kinds_with(field) else None


EVENT_COLUMNS = (
    Column("id", "string", described(Event, "id"), lambda e, _: e.id),
    Column("date", "string", described(Event, "date"), lambda e, _: e.date.iso()),
    Column("date_precision", "string", "How precise the date is: year, month or day.", lambda e, _: e.date.precision),
    Column(
        "first_day",
        "date",
        "The earliest day the dates can mean: for a month-only date the 1st, with last_day the month's last day.",
        lambda e, _: e.span[0].isoformat(),
    ),
    Column("last_day", "date", "The latest day the dates can mean, end included.", lambda e, _: e.span[1].isoformat()),
    Column("end", "string", described(Event, "end"), lambda e, _: e.end.iso() if e.end else None),
    Column("kind", "string", described(Event, "kind"), lambda e, _: e.kind),
    Column("title", "string", described(Event, "title"), lambda e, _: e.title),
    Column("summary", "string", described(Event, "summary"), lambda e, _: e.summary),
    Column("people", LIST, described(Event, "people", more=AS_LIST), lambda e, _: _listed(e.people)),
    Column("from", "string", described(Event, "from"), lambda e, _: e.from_),
    Column("to", "string", described(Event, "to"), lambda e, _: e.to),
    Column("place", "string", described(Event, "place"), lambda e, _: e.place),
    Column("purpose", "string", described(Event, "purpose"), lambda e, _: e.purpose),
    Column("level", "string", described(Event, "level"), lambda e, _: e.level),
    Column("secret", "boolean", described(Event, "secret"), lambda e, _: _for_kind(e, "secret")),
    Column(
        "postponed_announced",
        "string",
        described(Postponement, "announced", prefix=POSTPONED),
        lambda e, _: e.postponed.announced.iso() if e.postponed else None,
    ),
    Column(
        "postponed_planned",
        "string",
        described(Postponement, "planned", prefix=POSTPONED),
        lambda e, _: e.postponed.planned.iso() if e.postponed and e.postponed.planned else None,
    ),
    Column(
        "postponed_reason",
        "string",
        described(Postponement, "reason", prefix=POSTPONED),
        lambda e, _: e.postponed and e.postponed.reason,
    ),
    Column(
        "postponed_after",
        "string",
        described(Postponement, "after", prefix=POSTPONED),
        lambda e, _: e.postponed and e.postponed.after,
    ),
    Column(
        "postponed_source_urls",
        LIST,
        "Postponed visits: the addresses of the pages that report the postponement, as a JSON array.",
        lambda e, _: _listed(s.url for s in e.postponed.sources) if e.postponed else None,
    ),
    Column(
        "postponed_source_archives",
        LIST,
        "Postponed visits: an archived copy of each of those pages" + ARCHIVED + ", as a JSON array in the same order.",
        lambda e, _: _listed(archived(s) for s in e.postponed.sources) if e.postponed else None,
    ),
    Column("outcome", "string", described(Event, "outcome"), lambda e, _: e.outcome),
    Column("china_vote", "string", described(Event, "china_vote"), lambda e, _: e.china_vote),
    Column("new_sanctions", "boolean", described(Event, "new_sanctions"), lambda e, _: _for_kind(e, "new_sanctions")),
    Column("border_closed", "boolean", described(Event, "border_closed"), lambda e, _: e.border_closed),
    Column("note", "string", described(Event, "note"), lambda e, _: e.note),
    Column(
        "source_urls",
        LIST,
        described(Source, "url", prefix=SOURCES, more=AS_LIST),
        lambda e, _: _listed(s.url for s in e.sources),
    ),
    Column(
        "source_publishers",
        LIST,
        described(Source, "publisher", prefix=SOURCES, more=IN_ORDER),
        lambda e, _: _listed(s.publisher for s in e.sources),
    ),
    Column(
        "source_titles",
        LIST,
        described(Source, "title", prefix=SOURCES, more=IN_ORDER),
        lambda e, _: _listed(s.title for s in e.sources),
    ),
    Column(
        "source_archives",
        LIST,
        "An archived copy of each source" + ARCHIVED + ", as a JSON array in the same order.",
        lambda e, _: _listed(archived(s) for s in e.sources),
    ),
    Column("url", "string", "The event's page" + PAGE_ADDRESS, lambda e, site: absolute(site, urls.event_url(e.id))),
)
PERSON_COLUMNS = (
    Column("id", "string", described(Person, "id"), lambda p, _: p.id),
    Column("name", "string", described(Person, "name"), lambda p, _: p.name),
    Column("hangul", "string", described(Names, "hangul"), lambda p, _: p.names.hangul),
    Column("hanzi", "string", described(Names, "hanzi"), lambda p, _: p.names.hanzi),
    Column("aliases", LIST, described(Person, "aliases", more=AS_LIST), lambda p, _: _listed(p.aliases)),
    Column("country", "string", described(Person, "country"), lambda p, _: p.country),
    Column("url", "string", "The person's page" + PAGE_ADDRESS, lambda p, site: absolute(site, urls.url(urls.person_path(p.id)))),
)
CLAIM_COLUMNS = (
    Column("id", "string", described(Claim, "id"), lambda c, _: c[0].id),
    Column("paragraph", "integer", described(Claim, "paragraph"), lambda c, _: c[0].paragraph),
    Column("quote", "string", described(Claim, "quote"), lambda c, _: c[0].quote),
    Column("type", "string", described(Claim, "type"), lambda c, _: c[0].type),
    Column("verdict", "string", "One of: " + ", ".join(Ruling) + ".", lambda c, _: c[1].verdict),
    Column("leans", "string", described(Claim, "leans", more="Empty for computed verdicts."), lambda c, _: c[0].leans),
    Column("explanation", "string", "Why, from the record.", lambda c, _: c[1].explanation),
    Column("events", LIST, described(Claim, "events", more=AS_LIST), lambda c, _: _listed(c[0].events)),
    Column(
        "url", "string", "The claim's page" + PAGE_ADDRESS, lambda c, site: absolute(site, urls.url(urls.claim_path(c[0].id)))
    ),
)
TRADE_COLUMNS = (
    Column("series", "string", described(Series, "id"), lambda r, _: r[0].id),
    Column("reporter", "string", described(Series, "reporter"), lambda r, _: r[0].reporter),
    Column("unit", "string", described(Series, "unit"), lambda r, _: r[0].unit),
    Column("frequency", "string", described(Series, "frequency"), lambda r, _: r[0].frequency),
    Column("period", "string", described(Observation, "period"), lambda r, _: r[1].period.iso()),
    Column("first_day", "date", "The period's first day.", lambda r, _: r[1].period.first_day().isoformat()),
    Column("last_day", "date", "The period's last day.", lambda r, _: r[1].period.last_day().isoformat()),
    Column("exports", "number", described(Observation, "exports"), lambda r, _: r[1].exports),
    Column("imports", "number", described(Observation, "imports"), lambda r, _: r[1].imports),
    Column("total", "number", described(Observation, "total"), lambda r, _: r[1].total),
    Column("derived", LIST, described(Observation, "derived", more=AS_LIST), lambda r, _: _listed(r[1].derived)),
    Column(
        "source_urls",
        LIST,
        described(Source, "url", prefix=SOURCES, more=AS_LIST),
        lambda r, _: _listed(s.url for s in r[1].sources),
    ),
    Column(
        "source_publishers",
        LIST,
        described(Source, "publisher", prefix=SOURCES, more=IN_ORDER),
        lambda r, _: _listed(s.publisher for s in r[1].sources),
    ),
    Column(
        "source_titles",
        LIST,
        described(Source, "title", prefix=SOURCES, more=IN_ORDER),
        lambda r, _: _listed(s.title for s in r[1].sources),
    ),
    Column(
        "source_archives",
        LIST,
        "An archived copy of each source" + ARCHIVED + ", as a JSON array in the same order.",
        lambda r, _: _listed(archived(s) for s in r[1].sources),
    ),
    Column("note", "string", described(Observation, "note"), lambda r, _: r[1].note),
)


# The numbers behind each chart: one row per mark, read off charts.marks (the selection the drawing
# itself reads) and, for the waits, the analysis the build answered the question with (computed once).
MARK_EVENT = (
    Column("event_id", "string", "The event's id (events.csv); its page is at url.", lambda r, _: r[1].id),
    Column(
        "date", "string", "When it happened, as precise as the source: YYYY, YYYY-MM or YYYY-MM-DD.", lambda r, _: r[1].date.iso()
    ),
    Column("title", "string", "The event's title.", lambda r, _: r[1].title),
    Column("url", "string", "The event's page" + PAGE_ADDRESS, lambda r, site: absolute(site, urls.event_url(r[1].id))),
)
STACKED_MARK = "visit (a block of the year's bar) or nuclear test (a cross above it)."
RECORD_COLUMNS = (
    Column("lane", "string", "The lane the mark is drawn in.", lambda r, _: " ".join(LANES[lane_of(r[1])].label.split())),
    Column("kind", "string", "The kind of event.", lambda r, _: r[1].kind),
    *MARK_EVENT[:2],
    Column("first_day", "date", "The first day the line through the mark starts at.", lambda r, _: r[1].span[0].isoformat()),
    Column("last_day", "date", "The last day it ends at, included.", lambda r, _: r[1].span[1].isoformat()),
    Column(
        "date_precision",
        "string",
        "How precise the date is: day (a filled mark), month or year (a hollow mark in the middle of the period).",
        lambda r, _: r[1].date.precision,
    ),
    *MARK_EVENT[2:],
)
VISITS_PER_YEAR_COLUMNS = (
    Column("year", "integer", "The year the mark is drawn in.", lambda r, _: r[1].date.year),
    Column("mark", "string", "What the mark is: " + STACKED_MARK, lambda r, _: r[0]),
    Column("from", "string", "Visits: the visitor's country (CN or KP), which colours the block.", lambda r, _: r[1].from_),
    Column("to", "string", "Visits: the host country.", lambda r, _: r[1].to),
    *MARK_EVENT,
)
LEVELS_PER_YEAR_COLUMNS = (
    *VISITS_PER_YEAR_COLUMNS[:2],
    Column(
        "level",
        "string",
        "Visits: the rank of the person who led it (leader, top or ministerial), which colours the block.",
        lambda r, _: r[1].level,
    ),
    *VISITS_PER_YEAR_COLUMNS[2:],
)


def _visit(wait, field: str):
    return getattr(wait.visit, field) if wait.visit else None


TEST_TO_VISIT_COLUMNS = (
    Column("test_id", "string", "The nuclear test's id (events.csv).", lambda w, _: w.event.id),
    Column("test_date", "string", "The test's date, as precise as the source.", lambda w, _: w.event.date.iso()),
    Column(
        "days",
        "integer",
        "The bar: days from the test to the next visit; empty when there is no visit to compare it with (none since, or "
        "a border closure in the way).",
        lambda w, _: w.days,
    ),
    Column("visit_id", "string", "The next visit's id.", lambda w, _: _visit(w, "id")),
    Column("visit_date", "string", "The next visit's date.", lambda w, _: w.visit.date.iso() if w.visit else None),
    Column("visit_from", "string", "Who made it (CN or KP), which colours the bar.", lambda w, _: _visit(w, "from_")),
    Column(
        "percentile",
        "number",
        "Of the era's days, the share (0-100) whose wait for a visit was shorter, ties counting half.",
        lambda w, _: w.percentile,
    ),
    Column(
        "era",
        "string",
        "The era the test fell in: China's and North Korea's leaders.",
        lambda w, _: w.era.title if w.era else None,
    ),
    Column(
        "era_days", "integer", "How many of the era's days the band and the median are taken from.", lambda w, _: len(w.baseline)
    ),
    Column(
        "era_lower_quartile",
        "number",
        "The band's left edge: the era's waits' lower quartile, in days.",
        lambda w, _: w.quartiles and w.quartiles[0],
    ),
    Column("era_median", "number", "The tick: the era's waits' median, in days.", lambda w, _: w.median),
    Column(
        "era_upper_quartile",
        "number",
        "The band's right edge: their upper quartile, in days.",
        lambda w, _: w.quartiles and w.quartiles[1],
    ),
    Column("url", "string", "The test's page" + PAGE_ADDRESS, lambda w, site: absolute(site, urls.event_url(w.event.id))),
)
TRADE_CHART_COLUMNS = (
    Column(
        "panel",
        "string",
        "yearly (the top panel: the total as a bar, exports and imports as points on lines), monthly (a point of the "
        "bottom panel's line) or event (a mark in the lane of tests and sanctions).",
        lambda r, _: r["panel"],
    ),
    Column(
        "period",
        "string",
        "The year (YYYY) or month (YYYY-MM), or the event's date as precise as its source.",
        lambda r, _: r["period"],
    ),
    Column("first_day", "date", "The period's first day (an event: the first its date can mean).", lambda r, _: r["first_day"]),
    Column("last_day", "date", "The period's last day.", lambda r, _: r["last_day"]),
    *(
        Column(field, "number", f"{meaning}, million US dollars, as China's customs report it.", lambda r, _, f=field: r.get(f))
        for field, meaning in (("exports", "China's exports"), ("imports", "China's imports"), ("total", "Both together"))
    ),
    Column(
        "event_id", "string", "Events: the event's id (events.csv).", lambda r, _: r.get("event").id if r.get("event") else None
    ),
    Column(
        "kind",
        "string",
        "Events: nuclear-test, un-resolution (with new sanctions) or sanctions (China's own).",
        lambda r, _: r.get("event") and r["event"].kind,
    ),
    Column("title", "string", "Events: the event's title.", lambda r, _: r.get("event") and r["event"].title),
    Column(
        "url",
        "string",
        "Events: the event's page" + PAGE_ADDRESS,
        lambda r, site: absolute(site, urls.event_url(r["event"].id)) if r.get("event") else None,
    ),
)


def _stacked(found: marks.Stacked) -> list[tuple[str, Event]]:
    return [("visit", e) for e in found.blocks] + [("nuclear test", e) for e in found.tests]


def _trade_rows(dataset: Dataset) -> list[dict]:
    yearly = marks.trade_yearly(dataset)
    rows = [
        {"panel": "yearly", "period": str(year), "first_day": f"{year}-01-01", "last_day": f"{year}-12-31"}
        | {field: yearly[field].get(year) for field in marks.TRADE_FIELDS}
        for year in sorted(set().union(*yearly.values()))
    ]
    rows += [
        {
            "panel": "monthly",
            "period": o.period.iso(),
            "first_day": o.period.first_day().isoformat(),
            "last_day": o.period.last_day().isoformat(),
            "total": total,
        }
        for _, total, o in marks.trade_monthly(dataset)
    ]
    rows += [
        {
            "panel": "event",
            "period": e.date.iso(),
            "first_day": e.span[0].isoformat(),
            "last_day": e.span[1].isoformat(),
            "event": e,
        }
        for e in marks.trade_lane(dataset)
    ]
    return rows


DRAWN_FROM_COLUMNS = (Column("kind", "string", "The kind of event.", lambda r, _: r[1].kind), *MARK_EVENT)

ChartTable = tuple[str, tuple[Column, ...], Callable[[Dataset, Answer], list]]
# The data of each chart that says more than the events it is drawn from: what it is, its columns,
# and its rows (from the data and the build's answer).
OWN_TABLES: dict[str, ChartTable] = {
    "record": (
        "The record chart (timeline page): one row per event marked, in date order, with the lane it is drawn in.",
        RECORD_COLUMNS,
        lambda dataset, _: [(None, e) for e in marks.record(dataset)],
    ),
    "visits-per-year": (
        "The visits-per-year chart (analysis page): one row per block (a visit) and per cross (a nuclear test).",
        VISITS_PER_YEAR_COLUMNS,
        lambda dataset, _: _stacked(marks.visits_per_year(dataset)),
    ),
    "test-to-visit": (
        "The chart of waits after each nuclear test (analysis page): one row per test, with its bar, its era's band and median.",
        TEST_TO_VISIT_COLUMNS,
        lambda _, answered: list(answered.tests),
    ),
    "trade": (
        "The trade chart (analysis page): one row per year of the top panel, per point of the monthly line, and per "
        "event marked above them.",
        TRADE_CHART_COLUMNS,
        lambda dataset, _: _trade_rows(dataset),
    ),
    "levels-per-year": (
        "The contact-by-level chart (analysis page): one row per block (a visit) and per cross (a nuclear test).",
        LEVELS_PER_YEAR_COLUMNS,
        lambda dataset, _: _stacked(marks.levels_per_year(dataset)),
    ),
}


def chart_tables() -> dict[str, ChartTable]:
    """Every chart's data, in the catalogue's order: its own table, or else one row per event it is
    drawn from (the events its cache key hashes), so a new chart has a download from the start."""
    return {name: OWN_TABLES.get(name) or _drawn_from(name) for name in CATALOGUE}


def _drawn_from(name: str) -> ChartTable:
    return (
        f"The {name} chart: one row per event it is drawn from, in the record's order.",
        DRAWN_FROM_COLUMNS,
        lambda dataset, _: [(None, e) for e in CATALOGUE[name].inputs(dataset, marks.DEFAULT_START_YEAR).events],
    )


CHART_TABLES = chart_tables()


def chart_csv(name: str, dataset: Dataset, answered: Answer, site_url: str | None = None) -> str:
    """The numbers chart `name` plots, one row per mark."""
    _, columns, rows = CHART_TABLES[name]
    return write_csv(columns, rows(dataset, answered), site_url)


def write_csv(columns: tuple[Column, ...], records, site_url: str | None = None, row=None) -> str:
    """`row`: each record's cells, when the caller has a quicker way to them than the columns'."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.name for c in columns])
    for record in records:
        writer.writerow(row(record) if row else _cells(columns, record, site_url))
    return out.getvalue()


def _cells(columns: tuple[Column, ...], record, site_url: str | None) -> tuple[str, ...]:
    return tuple(_cell(c.value(record, site_url)) for c in columns)


def _cell(value: object) -> str:
    """Cells that a spreadsheet would run as a formula are prefixed with a quote (CSV injection)."""
    if value is None:
        return ""
    text = str(value).lower() if isinstance(value, bool) else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def events_csv(dataset: Dataset, site_url: str | None = None) -> str:
    kinds = tuple(KIND_OF.values())
    return write_csv(EVENT_COLUMNS, dataset.events, site_url, row=lambda event: _event_row(event, site_url, kinds))


@functools.lru_cache(maxsize=1 << 14)
def _event_row(event: Event, site_url: str | None, kinds: tuple[KindOfEvent, ...]) -> tuple[str, ...]:
    """An event's cells, remembered by its value (records are immutable): under `mkdocs serve` a save
    changes a few events, and writing every other row again was most of the downloads' cost. `kinds`:
    the declarations as they stand (a kind-only column reads them), so that new ones make new rows."""
    return _cells(EVENT_COLUMNS, event, site_url)


def people_csv(dataset: Dataset, site_url: str | None = None) -> str:
    return write_csv(PERSON_COLUMNS, dataset.people, site_url)


def claims_csv(dataset: Dataset, verdicts: dict, site_url: str | None = None) -> str:
    return write_csv(CLAIM_COLUMNS, [(c, verdicts[c.id]) for c in dataset.claims], site_url)


def trade_csv(dataset: Dataset, site_url: str | None = None) -> str:
    return write_csv(TRADE_COLUMNS, [(s, o) for s in dataset.series for o in s.observations], site_url)


def event_record(event: Event, site_url: str | None = None) -> dict:
    data = event.model_dump(mode="json", by_alias=True, exclude={"article"})
    first, last = event.span
    data |= {"date_precision": event.date.precision, "first_day": first.isoformat(), "last_day": last.isoformat()}
    data["url"] = absolute(site_url, urls.event_url(event.id))
    data["article"] = event.article.model_dump(mode="json") if event.article else None
    return data


def events_json(dataset: Dataset, site_url: str | None = None) -> str:
    return _array([_event_line(e, site_url) for e in dataset.events])


@functools.lru_cache(maxsize=1 << 14)
def _event_line(event: Event, site_url: str | None) -> str:
    """An event's line of the JSON download, remembered by its value (see `_event_row`)."""
    return _line(event_record(event, site_url))


def people_json(dataset: Dataset, site_url: str | None = None) -> str:
    return _dump(
        [
            {**p.model_dump(mode="json", by_alias=True), "url": absolute(site_url, urls.url(urls.person_path(p.id)))}
            for p in dataset.people
        ]
    )


def claims_json(dataset: Dataset, verdicts: dict, site_url: str | None = None) -> str:
    records = []
    for claim in dataset.claims:
        record = claim.model_dump(mode="json", by_alias=True, exclude_none=True)
        for name in ("assessment", "reading", "note"):  # as the claim's page says it, numbers filled in
            if name in record:
                record[name] = fill(record[name], dataset)
        verdict = verdicts[claim.id]
        record["verdict"] = verdict.verdict
        record["explanation"] = verdict.explanation
        record["url"] = absolute(site_url, urls.url(urls.claim_path(claim.id)))
        records.append(record)
    return _dump(records)


def trade_json(dataset: Dataset) -> str:
    """Every observation of every series, with the series it belongs to: never spliced."""
    records = []
    for series in dataset.series:
        for observation in series.observations:
            records.append(
                {
                    "series": series.id,
                    "reporter": series.reporter,
                    "unit": series.unit,
                    "frequency": series.frequency,
                    "period": observation.period.iso(),
                    "first_day": observation.period.first_day().isoformat(),
                    "last_day": observation.period.last_day().isoformat(),
                    **observation.model_dump(mode="json", exclude={"period"}),
                }
            )
    return _dump(records)


def _dump(records: list[dict]) -> str:
    """A JSON array with one record per line: diffable, and written by json's C encoder, which
    an `indent` would turn off (four times slower at 10,000 events)."""
    return _array([_line(r) for r in records])


def _line(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=True)


def _array(lines: list[str]) -> str:
    """`_dump`'s array, of records already written one a line."""
    return "[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n"


TABLES = (
    ("events", urls.EVENTS_CSV, urls.EVENTS_JSON, "Every event in the record, with its sources.", EVENT_COLUMNS),
    (
        "people",
        urls.PEOPLE_CSV,
        urls.PEOPLE_JSON,
        "The people in the record, with their names in Hangul and Hanzi where the record has them.",
        PERSON_COLUMNS,
    ),
    ("claims", urls.CLAIMS_CSV, urls.CLAIMS_JSON, "The article's statements and the verdict on each.", CLAIM_COLUMNS),
    ("trade", urls.TRADE_CSV, urls.TRADE_JSON, "China's trade with North Korea, by series (million US dollars).", TRADE_COLUMNS),
)


def datapackage(dataset: Dataset, site_url: str | None = None) -> str:
    """A Frictionless data package (datapackage.json) describing every download: the CSVs as
    tables with typed fields, the JSON files beside them."""
    data_dir = urls.EVENTS_CSV.rpartition("/")[0] + "/"
    resources = []
    for name, csv_path, json_path, description, columns in TABLES:
        resources.append(
            {
                "name": name,
                "path": csv_path.removeprefix(data_dir),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": description + " One row per record; a list is a JSON array in its cell, in the same order in "
                "each column, so that a value holding '|' or a comma reads back whole.",
                "schema": {
                    "fields": [{"name": c.name, "type": c.type, "description": c.description} for c in columns],
                    "missingValues": [""],
                },
            }
        )
        resources.append(
            {
                "name": f"{name}-json",
                "path": json_path.removeprefix(data_dir),
                "format": "json",
                "mediatype": "application/json",
                "encoding": "utf-8",
                "description": description + " The records as the data model holds them, with every field of the YAML files "
                f"(described in the editors' field reference, {urls.url(urls.FIELD_REFERENCE)}).",
            }
        )
    for name, (description, columns, _) in CHART_TABLES.items():
        resources.append(
            {
                "name": f"chart-{name}",
                "path": urls.chart_csv(name).removeprefix(data_dir),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": description + " The numbers the chart plots, from the same build.",
                "schema": {
                    "fields": [{"name": c.name, "type": c.type, "description": c.description} for c in columns],
                    "missingValues": [""],
                },
            }
        )
    package = {
        "name": "lips-and-teeth",
        "version": metadata.version("lipsteeth"),
        "title": "Lips and Teeth: a sourced record of China–North Korea relations",
        "description": "Dated events in China–North Korea relations (visits, tests, launches, talks, resolutions), the people "
        "in them, the claims of a 2016 article checked against them, and China's trade with North Korea.",
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "title": "Creative Commons Attribution 4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
            }
        ],
        "resources": resources,
    }
    if site_url:
        package["homepage"] = site_url
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"

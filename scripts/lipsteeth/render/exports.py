"""Machine-readable exports at stable URLs under /data/: each table as CSV (one row per record) and
JSON (the records as the model holds them), and a Frictionless data package that describes them.

Each CSV column is declared once, with its type and meaning: the same declaration writes the CSV
and the data package's schema, so the two can never disagree.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata

from .. import urls
from ..analyse.analyses import span
from ..analyse.answer import Answer
from ..analyse.claims import VERDICT_LABELS
from ..analyse.placeholders import fill
from ..charts import marks
from ..charts.catalogue import CATALOGUE
from ..charts.style import LANES, lane_of
from ..data.dataset import Dataset
from ..data.model import COUNTRIES, KINDS, Event
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


def _for_kind(event: Event, kind: str, value):
    """A field that only means something for one kind of event is left empty for the others."""
    return value if event.kind == kind else None


EVENT_COLUMNS = (
    Column("id", "string", "Stable id; the event's page is at url.", lambda e, _: e.id),
    Column(
        "date",
        "string",
        "When it happened (or began), as precise as the source: YYYY, YYYY-MM or YYYY-MM-DD.",
        lambda e, _: e.date.iso(),
    ),
    Column("date_precision", "string", "How precise the date is: year, month or day.", lambda e, _: e.date.precision),
    Column(
        "first_day",
        "date",
        "The earliest day the dates can mean: for a month-only date the 1st, with last_day the month's last day.",
        lambda e, _: span(e)[0].isoformat(),
    ),
    Column("last_day", "date", "The latest day the dates can mean, end included.", lambda e, _: span(e)[1].isoformat()),
    Column(
        "end",
        "string",
        "Last day, for events over several days, as precise as the source.",
        lambda e, _: e.end.iso() if e.end else None,
    ),
    Column("kind", "string", "One of: " + ", ".join(KINDS) + ".", lambda e, _: e.kind),
    Column("title", "string", "A short title.", lambda e, _: e.title),
    Column("summary", "string", "One to three sentences.", lambda e, _: e.summary),
    Column(
        "people",
        LIST,
        "Ids of the people in people.csv, as a JSON array; on a visit the leader first.",
        lambda e, _: _listed(e.people),
    ),
    Column("from", "string", "Visits: the visitor's country (CN or KP).", lambda e, _: e.from_),
    Column("to", "string", "Visits: the host country.", lambda e, _: e.to),
    Column("place", "string", "Where it happened.", lambda e, _: e.place),
    Column("purpose", "string", "Visits: summit, special-envoy, ceremony or working.", lambda e, _: e.purpose),
    Column("level", "string", "Visits: leader, top or ministerial.", lambda e, _: e.level),
    Column(
        "secret",
        "boolean",
        "Visits: unannounced until it was over (empty for other kinds).",
        lambda e, _: _for_kind(e, "visit", e.secret),
    ),
    Column(
        "postponed_announced",
        "string",
        "Visits postponed before they took place: when the postponement was announced (the visit's date is when it "
        "finally happened), as precise as the source.",
        lambda e, _: e.postponed.announced.iso() if e.postponed else None,
    ),
    Column(
        "postponed_planned",
        "string",
        "Postponed visits: when the visit had been due, as precise as the source.",
        lambda e, _: e.postponed.planned.iso() if e.postponed and e.postponed.planned else None,
    ),
    Column("postponed_reason", "string", "Postponed visits: the reason given.", lambda e, _: e.postponed and e.postponed.reason),
    Column(
        "postponed_after",
        "string",
        "Postponed visits: the id of the event the sources tie the postponement to.",
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
    Column("outcome", "string", "Tests and launches: success, failure, partial or disputed.", lambda e, _: e.outcome),
    Column(
        "china_vote",
        "string",
        "UN Security Council votes (resolutions and vetoed drafts): for, against or abstain.",
        lambda e, _: e.china_vote,
    ),
    Column(
        "new_sanctions",
        "boolean",
        "UN Security Council votes: an adopted resolution that imposed or tightened sanctions (empty for other kinds).",
        lambda e, _: _for_kind(e, "un-resolution", e.new_sanctions),
    ),
    Column("border_closed", "boolean", "The border was closed to visits from date to end.", lambda e, _: e.border_closed),
    Column("note", "string", "Caveats, such as a disputed date.", lambda e, _: e.note),
    Column("source_urls", LIST, "The sources' addresses, as a JSON array.", lambda e, _: _listed(s.url for s in e.sources)),
    Column(
        "source_publishers",
        LIST,
        "Their publishers, as a JSON array in the same order.",
        lambda e, _: _listed(s.publisher for s in e.sources),
    ),
    Column(
        "source_titles",
        LIST,
        "Their headlines, as a JSON array in the same order.",
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
    Column("id", "string", "Stable id; the person's page is at url.", lambda p, _: p.id),
    Column("name", "string", "Common English form.", lambda p, _: p.name),
    Column("hangul", "string", "Name in Korean script.", lambda p, _: p.names.hangul),
    Column("hanzi", "string", "Name in Chinese characters (Korean hanja for Koreans).", lambda p, _: p.names.hanzi),
    Column("aliases", LIST, "Other romanizations, as a JSON array.", lambda p, _: _listed(p.aliases)),
    Column("country", "string", "One of: " + ", ".join(COUNTRIES) + ".", lambda p, _: p.country),
    Column("url", "string", "The person's page" + PAGE_ADDRESS, lambda p, site: absolute(site, urls.url(urls.person_path(p.id)))),
)
CLAIM_COLUMNS = (
    Column("id", "string", "Stable id; the claim's page is at url.", lambda c, _: c[0].id),
    Column("paragraph", "integer", "Paragraph of the article, from 1.", lambda c, _: c[0].paragraph),
    Column("quote", "string", "The article's words, verbatim.", lambda c, _: c[0].quote),
    Column("type", "string", "date, timing, count, sequence, name, interpretation or prediction.", lambda c, _: c[0].type),
    Column("verdict", "string", "One of: " + ", ".join(VERDICT_LABELS) + ".", lambda c, _: c[1].verdict),
    Column(
        "leans",
        "string",
        "Editors' assessments: which way the assessment leans (supports, mixed or contradicts); empty for computed verdicts.",
        lambda c, _: c[0].leans,
    ),
    Column("explanation", "string", "Why, from the record.", lambda c, _: c[1].explanation),
    Column("events", LIST, "Ids of the events it rests on, as a JSON array.", lambda c, _: _listed(c[0].events)),
    Column(
        "url", "string", "The claim's page" + PAGE_ADDRESS, lambda c, site: absolute(site, urls.url(urls.claim_path(c[0].id)))
    ),
)
TRADE_COLUMNS = (
    Column("series", "string", "Which series: one reporter each, never spliced.", lambda r, _: r[0].id),
    Column("reporter", "string", "Who reported the figures.", lambda r, _: r[0].reporter),
    Column("unit", "string", "The unit of exports, imports and total.", lambda r, _: r[0].unit),
    Column("frequency", "string", "year or month.", lambda r, _: r[0].frequency),
    Column("period", "string", "YYYY or YYYY-MM.", lambda r, _: r[1].period.iso()),
    Column("first_day", "date", "The period's first day.", lambda r, _: r[1].period.first_day().isoformat()),
    Column("last_day", "date", "The period's last day.", lambda r, _: r[1].period.last_day().isoformat()),
    Column("exports", "number", "China's exports to North Korea.", lambda r, _: r[1].exports),
    Column("imports", "number", "China's imports from North Korea.", lambda r, _: r[1].imports),
    Column("total", "number", "Both together, as the source states it.", lambda r, _: r[1].total),
    Column(
        "derived",
        LIST,
        "Figures worked out by arithmetic from stated ones, as a JSON array.",
        lambda r, _: _listed(r[1].derived),
    ),
    Column("source_urls", LIST, "The sources' addresses, as a JSON array.", lambda r, _: _listed(s.url for s in r[1].sources)),
    Column(
        "source_publishers",
        LIST,
        "Their publishers, as a JSON array in the same order.",
        lambda r, _: _listed(s.publisher for s in r[1].sources),
    ),
    Column(
        "source_titles",
        LIST,
        "Their headlines, as a JSON array in the same order.",
        lambda r, _: _listed(s.title for s in r[1].sources),
    ),
    Column(
        "source_archives",
        LIST,
        "An archived copy of each source" + ARCHIVED + ", as a JSON array in the same order.",
        lambda r, _: _listed(archived(s) for s in r[1].sources),
    ),
    Column("note", "string", "How a figure was derived, or a disagreement between sources.", lambda r, _: r[1].note),
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
    Column("first_day", "date", "The first day the line through the mark starts at.", lambda r, _: span(r[1])[0].isoformat()),
    Column("last_day", "date", "The last day it ends at, included.", lambda r, _: span(r[1])[1].isoformat()),
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
            "first_day": span(e)[0].isoformat(),
            "last_day": span(e)[1].isoformat(),
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


def absolute(site_url: str | None, page_url: str) -> str:
    """A page's full address when the site's is known; else relative to the site root."""
    return f"{site_url.rstrip('/')}/{page_url}" if site_url else page_url


def write_csv(columns: tuple[Column, ...], records, site_url: str | None = None) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.name for c in columns])
    for record in records:
        writer.writerow([_cell(c.value(record, site_url)) for c in columns])
    return out.getvalue()


def _cell(value: object) -> str:
    """Cells that a spreadsheet would run as a formula are prefixed with a quote (CSV injection)."""
    if value is None:
        return ""
    text = str(value).lower() if isinstance(value, bool) else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def events_csv(dataset: Dataset, site_url: str | None = None) -> str:
    return write_csv(EVENT_COLUMNS, dataset.events, site_url)


def people_csv(dataset: Dataset, site_url: str | None = None) -> str:
    return write_csv(PERSON_COLUMNS, dataset.people, site_url)


def claims_csv(dataset: Dataset, verdicts: dict, site_url: str | None = None) -> str:
    return write_csv(CLAIM_COLUMNS, [(c, verdicts[c.id]) for c in dataset.claims], site_url)


def trade_csv(dataset: Dataset, site_url: str | None = None) -> str:
    return write_csv(TRADE_COLUMNS, [(s, o) for s in dataset.series for o in s.observations], site_url)


def event_record(event: Event, site_url: str | None = None) -> dict:
    data = event.model_dump(mode="json", by_alias=True, exclude={"article"})
    first, last = span(event)
    data |= {"date_precision": event.date.precision, "first_day": first.isoformat(), "last_day": last.isoformat()}
    data["url"] = absolute(site_url, urls.event_url(event.id))
    data["article"] = event.article.model_dump(mode="json") if event.article else None
    return data


def events_json(dataset: Dataset, site_url: str | None = None) -> str:
    return _dump([event_record(e, site_url) for e in dataset.events])


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
    lines = ",\n".join(json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records)
    return f"[\n{lines}\n]\n" if records else "[]\n"


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

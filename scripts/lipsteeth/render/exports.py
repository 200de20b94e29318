"""Machine-readable exports at stable URLs under /data/."""

from __future__ import annotations

import csv
import io
import json

from .. import urls
from ..data.dataset import Dataset
from ..data.model import Event

EVENT_FIELDS = (
    "id",
    "date",
    "end",
    "kind",
    "title",
    "summary",
    "people",
    "from",
    "to",
    "place",
    "secret",
    "outcome",
    "china_vote",
    "note",
    "sources",
    "url",
)


def event_record(event: Event) -> dict:
    data = event.model_dump(mode="json", by_alias=True, exclude={"article"})
    data["url"] = urls.event_url(event.id)
    data["article"] = event.article.model_dump(mode="json") if event.article else None
    return data


def events_json(dataset: Dataset) -> str:
    return _dump([event_record(e) for e in dataset.events])


def events_csv(dataset: Dataset) -> str:
    """One row per event; lists are joined with ' | '; sources give their URLs only."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=EVENT_FIELDS, lineterminator="\n")
    writer.writeheader()
    for event in dataset.events:
        record = event_record(event)
        record["people"] = " | ".join(record["people"])
        record["sources"] = " | ".join(s["url"] for s in record["sources"])
        writer.writerow({k: _cell(record[k]) for k in EVENT_FIELDS})
    return out.getvalue()


def _cell(value: object) -> str:
    """Cells that a spreadsheet would run as a formula are prefixed with a quote (CSV injection)."""
    if value is None:
        return ""
    text = str(value).lower() if isinstance(value, bool) else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def people_json(dataset: Dataset) -> str:
    return _dump([{**p.model_dump(mode="json", by_alias=True), "url": urls.url(urls.person_path(p.id))} for p in dataset.people])


def claims_json(dataset: Dataset, verdicts: dict) -> str:
    records = []
    for claim in dataset.claims:
        record = claim.model_dump(mode="json", by_alias=True, exclude_none=True)
        verdict = verdicts[claim.id]
        record["verdict"] = verdict.verdict
        record["explanation"] = verdict.explanation
        record["url"] = urls.url(urls.claim_path(claim.id))
        records.append(record)
    return _dump(records)


def _dump(records: list[dict]) -> str:
    """A JSON array with one record per line: diffable, and written by json's C encoder, which
    an `indent` would turn off (four times slower at 10,000 events)."""
    lines = ",\n".join(json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records)
    return f"[\n{lines}\n]\n" if records else "[]\n"


TRADE_FIELDS_CSV = (
    "series",
    "reporter",
    "unit",
    "frequency",
    "period",
    "first_day",
    "last_day",
    "exports",
    "imports",
    "total",
    "derived",
    "source_urls",
    "source_publishers",
    "source_titles",
    "note",
)


def trade_records(dataset: Dataset) -> list[dict]:
    """One record per observation of every series, with the series it belongs to: never spliced."""
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
                    "exports": observation.exports,
                    "imports": observation.imports,
                    "total": observation.total,
                    "derived": list(observation.derived),
                    "sources": [s.model_dump(mode="json") for s in observation.sources],
                    "note": observation.note,
                }
            )
    return records


def trade_json(dataset: Dataset) -> str:
    return _dump(trade_records(dataset))


def trade_csv(dataset: Dataset) -> str:
    """One row per observation; lists are joined with ' | ', in the same order in each sources column."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=TRADE_FIELDS_CSV, lineterminator="\n")
    writer.writeheader()
    for record in trade_records(dataset):
        sources = record.pop("sources")
        record["derived"] = " | ".join(record["derived"])
        for key, field in (("source_urls", "url"), ("source_publishers", "publisher"), ("source_titles", "title")):
            record[key] = " | ".join(s[field] for s in sources)
        writer.writerow({k: _cell(record[k]) for k in TRADE_FIELDS_CSV})
    return out.getvalue()

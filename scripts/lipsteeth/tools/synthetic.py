"""A deterministic synthetic dataset of any size, in the real schema, for the benchmark.

Same seed, same files: a run next month measures the same data. The article and its
paragraphs are the real ones (claims need them); people, events and claims are made up.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import yaml

from ..data.files import DATA
from ..data.model import EVENT_FIELDS, KIND_OF, literal_values

LEADERS = [
    ("leader-cn-1", "CN", "1949-10-01", "1976-09-09"),
    ("leader-cn-2", "CN", "1976-09-09", "1989-06-24"),
    ("leader-cn-3", "CN", "1989-06-24", "2002-11-15"),
    ("leader-cn-4", "CN", "2002-11-15", "2012-11-15"),
    ("leader-cn-5", "CN", "2012-11-15", None),
    ("leader-kp-1", "KP", "1948-09-09", "1994-07-08"),
    ("leader-kp-2", "KP", "1994-07-08", "2011-12-17"),
    ("leader-kp-3", "KP", "2011-12-17", None),
]


def write_dataset(target: Path, events: int, *, seed: int = 2016, article: Path | None = None) -> Path:
    """Write `events` events (and people, claims, the article) under `target`/data; returns the data folder."""
    rng = random.Random(seed)
    data = target / "data"
    (data / "events").mkdir(parents=True, exist_ok=True)
    shutil.copy(article or DATA / "article.yaml", data / "article.yaml")
    people = _people(rng)
    _dump(data / "people.yaml", {"people": people})
    countries = {p["id"]: p["country"] for p in people}
    records = sorted((_event(rng, i, countries) for i in range(events)), key=lambda e: (e["date"], e["id"]))
    by_decade: dict[int, list] = {}
    for record in records:
        by_decade.setdefault(int(record["date"][:3]) * 10, []).append(record)
    for decade, chunk in sorted(by_decade.items()):
        _dump(data / "events" / f"{decade}-{decade + 9}.yaml", {"events": chunk})
    _dump(data / "claims.yaml", {"claims": _claims(rng, records)})
    return data


def _people(rng: random.Random) -> list[dict]:
    people = []
    for person_id, country, start, end in LEADERS:
        role = {"title": "Paramount leader", "from": start, "leader": True}
        if end:
            role["to"] = end
        people.append({"id": person_id, "name": person_id.replace("-", " ").title(), "country": country, "roles": [role]})
    for index in range(60):
        country = rng.choice(["CN", "KP"])
        people.append(
            {
                "id": f"official-{index}",
                "name": f"Official {index}",
                "names": {"hangul": f"관리{index}"} if country == "KP" else {"hanzi": f"官员{index}"},
                "aliases": [f"Official No. {index}"],
                "country": country,
                "roles": [{"title": "Official"}],  # everyone needs a role or a source (check's rule)
            }
        )
    return people


def _event(rng: random.Random, index: int, countries: dict[str, str]) -> dict:
    year = rng.randint(1950, 2025)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    precision = rng.choices(["day", "month", "year"], weights=[8, 2, 1])[0]
    date = (
        f"{year}" if precision == "year" else f"{year}-{month:02d}" if precision == "month" else f"{year}-{month:02d}-{day:02d}"
    )
    kind = rng.choices(list(KIND_OF), weights=[k.weight for k in KIND_OF.values()])[0]
    record = {
        "id": f"{year}-synthetic-event-{index:05d}",
        "date": date,
        "kind": kind,
        "title": f"Synthetic {kind} number {index}",
        "summary": f"A generated {kind} for the benchmark, number {index}, with a sentence of ordinary length.",
        "people": rng.sample(list(countries), k=rng.randint(0, 3)),
        "sources": [{"url": f"https://example.org/source/{index}", "publisher": "Example Wire", "title": f"Report {index}"}],
    }
    if kind == "visit":
        record["from"], record["to"] = rng.choice([("CN", "KP"), ("KP", "CN")])
        record["purpose"] = rng.choices(["summit", "special-envoy", "ceremony", "working"], weights=[2, 1, 2, 6])[0]
        record["level"] = rng.choices(["leader", "top", "ministerial"], weights=[1, 2, 5])[0]
        if record["people"] and countries[record["people"][0]] != record["from"]:  # a visit's leader comes first
            leader = rng.choice([p for p, country in countries.items() if country == record["from"]])
            record["people"] = [leader, *(p for p in record["people"] if p != leader)]
    for name in KIND_OF[kind].required:  # what another kind requires, from its declaration
        if name not in record:
            choices = KIND_OF[kind].choices(name) or literal_values(EVENT_FIELDS[name])
            record[name] = rng.choice(choices) if choices else f"Synthetic {name} {index}"
    if precision == "day" and rng.random() < 0.3:
        record["end"] = f"{year}-{month:02d}-{min(day + 2, 28):02d}"
    return record


def _claims(rng: random.Random, records: list[dict]) -> list[dict]:
    claims = []
    for index, record in enumerate(rng.sample(records, k=min(20, len(records)))):
        claims.append(
            {
                "id": f"synthetic-claim-{index}",
                "paragraph": 5,
                "quote": "Less than two years later, Kim Jong-il visited China in secret.",
                "type": "date",
                "events": [record["id"]],
                "assertions": [{"check": "date", "event": record["id"], "period": record["date"][:4]}],
            }
        )
    return claims


# libyaml's emitter writes the same bytes as PyYAML's own, 2.5 times as fast (10,000 events: 5.2 -> 2.2 s
# of the benchmark); PyYAML built without libyaml has only its own.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _dump(path: Path, value: dict) -> None:
    path.write_text(yaml.dump(value, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")

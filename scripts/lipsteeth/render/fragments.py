"""Pieces of the hand-written pages that state numbers, filled in from the data at every build:
`<!-- lipsteeth:NAME -->` in a page under docs/ becomes the fragment NAME (charts aside, see embed)."""

from __future__ import annotations

from collections import Counter

from .. import urls
from ..analyse import chronology, statistics, trade
from ..analyse.answer import Answer
from ..analyse.gaps import KNOWN_GAPS
from ..data.dataset import Dataset
from ..data.placeholders import SPECS
from . import exports
from .analysis import closure_years
from .findings import answer_lines, findings
from .markup import link, text


def trade_gaps(dataset: Dataset, answer: Answer, page: str) -> str:
    """Every period of every trade series that no source gives, with the reason: listed, never guessed."""
    lines = []
    for found in dataset.series:
        covered = f"{found.observations[0].period.human()} to {found.observations[-1].period.human()}"
        lines.append(
            f"- **{text(found.title)}** ({text(found.reporter)}; {covered}): {len(found.observations)} periods with figures."
        )
        if found.missing:
            reasons: dict[str, list[str]] = {}
            for gap in found.missing:
                reasons.setdefault(gap.reason, []).append(gap.period.human())
            for reason, periods in reasons.items():
                lines.append(f"    - {text(', '.join(periods))}: {text(reason)}")
        else:
            lines.append("    - No gaps.")
    return "\n".join(lines) + "\n" if lines else "The record holds no trade figures yet.\n"


def record_counts(dataset: Dataset, answer: Answer, page: str) -> str:
    """Visits in the record by decade, direction and level: the counts a reader can compare with
    published ones."""
    visits = chronology.visits(dataset)
    decades = sorted({v.date.year // 10 * 10 for v in visits})
    by = Counter((v.date.year // 10 * 10, v.from_, v.level) for v in visits)
    lines = [
        "| Decade | China → North Korea | North Korea → China | Of which leaders | Of which top leadership |",
        "| --- | --- | --- | --- | --- |",
    ]
    for decade in decades:
        cn = sum(n for (d, origin, _), n in by.items() if d == decade and origin == "CN")
        kp = sum(n for (d, origin, _), n in by.items() if d == decade and origin == "KP")
        leaders = sum(n for (d, _, level), n in by.items() if d == decade and level == "leader")
        top = sum(n for (d, _, level), n in by.items() if d == decade and level == "top")
        lines.append(f"| {decade}s | {cn} | {kp} | {leaders} | {top} |")
    compared = len(statistics.qualifying_visits(dataset))
    year_only = len(answer.year_only)
    since = compared + year_only
    known = (
        f"; the analysis compares {compared}, leaving out {year_only} known only to {'its' if year_only == 1 else 'their'} year"
        if year_only
        else ""
    )
    lines += ["", f"In all, {len(visits)} visits, {since} of them since {statistics.FIRST_DAY.year}{known}."]
    return "\n".join(lines) + "\n"


def visits_of(dataset: Dataset, person_id: str, origin: str) -> int:
    """How many visits the record holds that `person_id` led from `origin`."""
    return sum(1 for v in chronology.visits(dataset) if v.people and v.people[0] == person_id and v.from_ == origin)


def downloads(dataset: Dataset, answer: Answer, page: str) -> str:
    """Every download and exactly what each holds: read off the same column declarations that write
    the files (render.exports), so this list can never drift from them."""
    lines = []
    for name, csv_path, json_path, description, columns in exports.TABLES:
        lines += [
            f"### {name.capitalize()}",
            "",
            f"{text(description)} {link(csv_path.rpartition('/')[2], csv_path, page)} (one row per record) and "
            f"{link(json_path.rpartition('/')[2], json_path, page)} (the records as the data model holds them).",
            "",
            "| Column | Type | Meaning |",
            "| --- | --- | --- |",
            *[f"| `{c.name}` | {c.type} | {text(c.description)} |" for c in columns],
            "",
        ]
    return "\n".join(lines)


def chart_downloads(dataset: Dataset, answer: Answer, page: str) -> str:
    """Each chart's data and its columns, read off the declarations that write the files (render.exports)."""
    lines = []
    for name, (description, columns, _) in exports.CHART_TABLES.items():
        path = urls.chart_csv(name)
        lines += [
            f"### Chart: {name}",
            "",
            f"{text(description)} {link(path.removeprefix(urls.CHART_DATA.rpartition('/')[0] + '/'), path, page)}.",
            "",
            "| Column | Type | Meaning |",
            "| --- | --- | --- |",
            *[f"| `{c.name}` | {c.type} | {text(c.description)} |" for c in columns],
            "",
        ]
    return "\n".join(lines)


def placeholder_grammar(dataset: Dataset, answer: Answer, page: str) -> str:
    """Every placeholder an editor may write in claims' prose, read off the grammar the checker uses."""
    lines = ["| Write | It becomes |", "| --- | --- |"]
    lines += [f"| `{spec.example}` | {text(spec.meaning)} |" for spec in SPECS.values()]
    return "\n".join(lines) + "\n"


def record_end(dataset: Dataset, answer: Answer, page: str) -> str:
    """The date of the latest event, as precisely as its source gives it."""
    return dataset.events[-1].date.human() if dataset.events else "no date yet"


def known_gaps(dataset: Dataset, answer: Answer, page: str) -> str:
    """The visits reported but not sourced, from the list the analysis flags silences with."""
    return "\n".join(f"  - {text(gap.visit)} ({text(gap.why)});" for gap in KNOWN_GAPS).rstrip(";")


def count_of(kind: str):
    return lambda dataset, answer, page: str(len(dataset.by_kind.get(kind, ())))


FRAGMENTS = {
    "downloads": downloads,
    "chart-downloads": chart_downloads,
    "findings": lambda dataset, answer, page: findings(answer, page),
    "answer": lambda dataset, answer, page: answer_lines(answer, page),
    "closure-years": lambda dataset, answer, page: closure_years(answer.closures),
    "known-gaps": known_gaps,
    "trade-gaps": trade_gaps,
    "record-counts": record_counts,
    "kim-il-sung-visits": lambda dataset, answer, page: str(visits_of(dataset, "kim-il-sung", "KP")),
    "kim-jong-il-visits": lambda dataset, answer, page: str(visits_of(dataset, "kim-jong-il", "KP")),
    "record-end": record_end,
    "placeholders": placeholder_grammar,
    "un-resolutions": count_of("un-resolution"),
    "nuclear-tests": count_of("nuclear-test"),
    "annual-trade-years": lambda dataset, answer, page: str(len(trade.by_year(trade.series(dataset, trade.ANNUAL)))),
}

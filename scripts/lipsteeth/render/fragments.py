"""Pieces of the hand-written pages that state numbers, filled in from the data at every build:
`<!-- lipsteeth:NAME -->` in a page under docs/ becomes the fragment NAME (charts aside, see embed)."""

from __future__ import annotations

from collections import Counter

from ..analyse import analyses, statistics, trade
from ..analyse.answer import Answer
from ..data.dataset import Dataset
from .findings import findings
from .markup import text


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
    visits = analyses.visits(dataset)
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
    since = len(statistics.qualifying_visits(dataset))
    lines += ["", f"In all, {len(visits)} visits, {since} of them since {statistics.FIRST_DAY.year}."]
    return "\n".join(lines) + "\n"


def visits_of(dataset: Dataset, person_id: str, origin: str) -> int:
    """How many visits the record holds that `person_id` led from `origin`."""
    return sum(1 for v in analyses.visits(dataset) if v.people and v.people[0] == person_id and v.from_ == origin)


FRAGMENTS = {
    "findings": lambda dataset, answer, page: findings(answer, page),
    "trade-gaps": trade_gaps,
    "record-counts": record_counts,
    "kim-il-sung-visits": lambda dataset, answer, page: str(visits_of(dataset, "kim-il-sung", "KP")),
    "kim-jong-il-visits": lambda dataset, answer, page: str(visits_of(dataset, "kim-jong-il", "KP")),
    "annual-trade-years": lambda dataset, answer, page: str(len(trade.by_year(trade.series(dataset, trade.ANNUAL)))),
}

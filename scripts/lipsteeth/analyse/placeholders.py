"""Placeholders in the editors' prose, filled in from the record (the grammar: data.placeholders)."""

from __future__ import annotations

from ..data.dataset import Dataset
from ..data.placeholders import PLACEHOLDER, placeholders, years
from . import trade
from .chronology import gap, next_senior_visit, next_visit


def fill(text: str, dataset: Dataset) -> str:
    """`text` with every placeholder replaced by its value from `dataset`; validation has made sure
    each names existing events and well-formed years."""
    values = {holder.written: _value(holder.name, holder.arguments, dataset) for holder in placeholders(text)}
    return PLACEHOLDER.sub(lambda m: values[m[0]], text)


def _value(name: str, arguments: tuple[str, ...], dataset: Dataset) -> str:
    if name == "gap":
        return gap(dataset.event_by_id[arguments[0]], dataset.event_by_id[arguments[1]]).human()
    if name in ("next-visit", "next-senior-visit"):
        event = dataset.event_by_id[arguments[0]]
        following = (next_visit if name == "next-visit" else next_senior_visit)(dataset, event)
        return gap(event, following).human() if following else "no visit yet"
    if name == "trade":
        return f"${trade.by_year(trade.series(dataset, trade.ANNUAL))[int(arguments[0])]:,.0f} million"
    if name == "trade-change":
        totals = trade.by_year(trade.series(dataset, trade.ANNUAL))
        change = totals[int(arguments[1])] / totals[int(arguments[0])] - 1
        return f"{'rose' if change >= 0 else 'fell'} by {abs(change):.0%}"
    first, last = years(arguments[0])
    kind = "nuclear-test" if name == "tests" else "visit"
    counted = [e for e in dataset.by_kind.get(kind, ()) if first <= e.date.year <= last]
    if name == "leader-visits":
        counted = [e for e in counted if e.level == "leader"]
    return str(len(counted))

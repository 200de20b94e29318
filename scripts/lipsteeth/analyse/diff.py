"""The data diff: what a change does to the record, field by field, and which verdicts it flips.

Pure functions over two Datasets; the command reads the base from git (lipsteeth.history) and
prints the report (render.diff_report) for a pull request's job summary, or a terminal.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..data.dataset import Dataset
from .claims import check_all


@dataclass
class DataDiff:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, list[tuple[str, object, object]]] = field(default_factory=dict)  # id -> [(field, old, new)]
    people_added: list[str] = field(default_factory=list)
    people_removed: list[str] = field(default_factory=list)
    people_changed: list[str] = field(default_factory=list)
    verdicts: list[tuple[str, str | None, str | None]] = field(default_factory=list)  # claim, old, new
    # (series id, period, figure, before, after): a figure added has no before, one removed no after
    trade: list[tuple[str, str, str, object, object]] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not any(
            (
                self.added,
                self.removed,
                self.changed,
                self.people_added,
                self.people_removed,
                self.people_changed,
                self.verdicts,
                self.trade,
            )
        )


def diff_datasets(old: Dataset, new: Dataset) -> DataDiff:
    result = DataDiff()
    old_events, new_events = old.event_by_id, new.event_by_id
    result.added = sorted(set(new_events) - set(old_events))
    result.removed = sorted(set(old_events) - set(new_events))
    for event_id in sorted(set(old_events) & set(new_events)):
        before = old_events[event_id].model_dump(mode="json", by_alias=True)
        after = new_events[event_id].model_dump(mode="json", by_alias=True)
        fields = [(k, before.get(k), after.get(k)) for k in after if before.get(k) != after.get(k)]
        if fields:
            result.changed[event_id] = fields
    result.people_added = sorted(set(new.person_by_id) - set(old.person_by_id))
    result.people_removed = sorted(set(old.person_by_id) - set(new.person_by_id))
    result.people_changed = sorted(
        p for p in set(old.person_by_id) & set(new.person_by_id) if old.person_by_id[p] != new.person_by_id[p]
    )
    result.trade = trade_changes(old, new)
    old_verdicts, new_verdicts = check_all(old), check_all(new)
    for claim_id in sorted(set(old_verdicts) | set(new_verdicts)):
        before = old_verdicts[claim_id].verdict if claim_id in old_verdicts else None
        after = new_verdicts[claim_id].verdict if claim_id in new_verdicts else None
        if before != after:
            result.verdicts.append((claim_id, before, after))
    return result


# The figures of a period that a reader of the trade tables sees; sources and notes are not compared.
FIGURES = ("exports", "imports", "total")


def trade_changes(old: Dataset, new: Dataset) -> list[tuple[str, str, str, object, object]]:
    """Every trade figure added, removed or changed, by series and period, in series then period order."""
    before, after = _figures(old), _figures(new)
    return [
        (*key, before.get(key), after.get(key)) for key in sorted(set(before) | set(after)) if before.get(key) != after.get(key)
    ]


def _figures(dataset: Dataset) -> dict[tuple[str, str, str], object]:
    return {
        (series.id, str(observation.period), name): getattr(observation, name)
        for series in dataset.series
        for observation in series.observations
        for name in FIGURES
        if getattr(observation, name) is not None
    }

"""The article's question, answered from the record: everything the home page's findings and the
analysis page state, computed once per build so that every number in their prose comes from here."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..data.dataset import Dataset
from ..data.model import Event
from . import chronology, monthly, postponements, relations, robustness, statistics, trade
from .claims import Verdict


@dataclass(frozen=True)
class Scorecard:
    """The claims, counting an error the article repeats (a statement measured from a wrong date)
    once: `chained` statements hold once their root error is corrected."""

    total: int
    counts: Counter  # by verdict
    chained_to: dict[str, tuple[str, ...]]  # root claim id -> the claims that hold once it is corrected


@dataclass(frozen=True)
class Answer:
    tests: tuple[statistics.Wait, ...]
    test_range: statistics.WaitRange | None  # the shortest and the longest wait after a test
    overall: statistics.Overall
    launches: tuple[statistics.Wait, ...]
    launches_overall: statistics.Overall
    tiers: tuple[statistics.TierResult, ...]
    silences: tuple[statistics.Silence, ...]
    silence_summary: statistics.SilenceSummary
    envoys: statistics.Envoys
    scorecard: Scorecard
    trade: trade.TradeAnswer
    robustness: robustness.Robustness
    relations: relations.Relations
    monthly: monthly.Monthly
    closures: tuple[tuple[int, int], ...]  # the border closures' first and last years
    closed: tuple[statistics.Closure, ...]  # the border closures, with the visits inside each
    year_only: tuple[Event, ...]  # visits left out of the comparison: only their year is known
    per_year: tuple[chronology.VisitYear, ...]
    postponed: postponements.Postponements  # visits put off, which the waits (visits that happened) cannot show


def answer(dataset: Dataset, verdicts: dict[str, Verdict]) -> Answer:
    tests = statistics.waits_after(dataset, statistics.TESTS)
    launches = statistics.waits_after(dataset, statistics.LAUNCHES)
    found = statistics.silences(dataset)
    tiers = statistics.sensitivity(dataset, known=tests)
    return Answer(
        tests=tests,
        test_range=statistics.wait_range(tests),
        overall=statistics.overall(tests),
        launches=launches,
        launches_overall=statistics.overall(launches),
        tiers=tiers,
        silences=found,
        silence_summary=statistics.silence_summary(found),
        envoys=statistics.envoys(dataset, tests),
        scorecard=scorecard(dataset, verdicts),
        trade=trade.trade_answer(dataset),
        robustness=robustness.robustness(dataset, tests, tiers),
        relations=relations.relations(dataset),
        monthly=monthly.monthly(dataset),
        closures=tuple((first.year, last.year) for first, last in statistics.closure_spans(dataset)),
        closed=statistics.closures_with_visits(dataset),
        year_only=statistics.year_only_visits(dataset),
        per_year=chronology.visits_per_year(dataset),
        postponed=postponements.postponements(dataset),
    )


def scorecard(dataset: Dataset, verdicts: dict[str, Verdict]) -> Scorecard:
    chained: dict[str, list[str]] = {}
    for claim in dataset.claims:
        for root in verdicts[claim.id].roots:
            chained.setdefault(root, []).append(claim.id)
    return Scorecard(len(verdicts), Counter(v.verdict for v in verdicts.values()), {r: tuple(ids) for r, ids in chained.items()})

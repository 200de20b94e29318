"""Stage 3, analyse: the claim checker. Assertions in, verdict out; pure functions, no I/O.

Dates known only to the month or year are ranges, so every comparison is made on the range:
a claim is consistent when it holds for every day the dates can mean, contradicted when it
holds for none, and not checkable when the record's precision cannot decide.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from ..data.dataset import Dataset
from ..data.dates import human_span, parse_duration
from ..data.model import COUNTRIES, KIND_PLURALS, BetweenCheck, Claim, CountCheck, DateCheck, Event, TimingCheck
from ..data.rules import count_window
from .placeholders import fill


class Ruling(enum.StrEnum):
    """What a check can find about a claim, each with its words and its symbol (a verdict is shown by
    both, never by colour alone), declared once; the order is the scorecard's. A member is its own
    text ('consistent'), as the downloads, the diff and the pages' CSS classes write it."""

    label: str
    symbol: str

    def __new__(cls, value: str, label: str, symbol: str) -> Ruling:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        member.symbol = symbol
        return member

    CONSISTENT = "consistent", "Consistent with the record", "✓"
    CONTRADICTED = "contradicted", "Contradicted by the record", "✗"
    # Measured from a date the article got wrong: counted with that error, not as one of its own.
    CHAINED = "chained", "Rests on an earlier error", "↳"
    NOT_CHECKABLE = "not checkable", "Not checkable", "?"
    ASSESSED = "assessed", "Editors' assessment", "◆"

    def shown(self) -> str:
        """'✓ Consistent with the record'."""
        return f"{self.symbol} {self.label}"


# The members by the short names the checks and the pages use.
CONSISTENT, CONTRADICTED, CHAINED = Ruling.CONSISTENT, Ruling.CONTRADICTED, Ruling.CHAINED
NOT_CHECKABLE, ASSESSED = Ruling.NOT_CHECKABLE, Ruling.ASSESSED
# An assessment's label says which way it leans.
LEANING_LABELS = {
    "supports": "Editors' assessment: mostly supported by the record",
    "mixed": "Editors' assessment: partly supported by the record",
    "contradicts": "Editors' assessment: mostly contradicted by the record",
}


def label(verdict: Verdict) -> str:
    """The verdict in words: 'Consistent with the record', or for an assessment which way it leans."""
    return LEANING_LABELS.get(verdict.leans or "", verdict.verdict.label)


@dataclass(frozen=True)
class Finding:
    verdict: Ruling
    explanation: str


@dataclass(frozen=True)
class Verdict:
    verdict: Ruling
    explanation: str
    findings: tuple[Finding, ...]
    roots: tuple[str, ...] = ()  # chained: the contradicted claims whose date this one is measured from
    holds: bool = False  # chained: whether it holds once measured from the record's date
    leans: str | None = None  # assessed: which way the editors' assessment leans (model.LEANS)


def check_all(dataset: Dataset) -> dict[str, Verdict]:
    """Every claim's verdict. A statement measured from a date the article got wrong (it `depends_on`
    a contradicted claim) rests on that error: it is chained to it, and the scorecard counts the
    error once. Checked against the record's date it may hold (the article's words fit the facts
    once corrected) or not (it repeats the mistake); `holds` says which."""
    own = {claim.id: check_claim(dataset, claim) for claim in dataset.claims}
    verdicts = {}
    for claim in dataset.claims:
        verdict = own[claim.id]
        roots = tuple(c for c in claim.depends_on if own[c].verdict == CONTRADICTED)
        if roots and verdict.verdict in (CONSISTENT, CONTRADICTED):
            verdict = Verdict(CHAINED, verdict.explanation, verdict.findings, roots, holds=verdict.verdict == CONSISTENT)
        verdicts[claim.id] = verdict
    return verdicts


def check_claim(dataset: Dataset, claim: Claim) -> Verdict:
    """Combine the assertions: one contradiction contradicts the claim; all must hold for consistency."""
    if not claim.assertions:
        if claim.assessment:
            return Verdict(ASSESSED, fill(claim.assessment, dataset), (), leans=claim.leans)
        return Verdict(NOT_CHECKABLE, "The claim has no assertion the record can test.", ())
    findings = tuple(check(dataset, a) for a in claim.assertions)
    verdicts = {f.verdict for f in findings}
    verdict = CONTRADICTED if CONTRADICTED in verdicts else NOT_CHECKABLE if NOT_CHECKABLE in verdicts else CONSISTENT
    chosen = [f.explanation for f in findings if f.verdict == verdict]
    return Verdict(verdict, " ".join(chosen), findings)


def check(dataset: Dataset, assertion) -> Finding:
    checker = {DateCheck: check_date, TimingCheck: check_timing, BetweenCheck: check_between, CountCheck: check_count}
    return checker[type(assertion)](dataset, assertion)


# --- one function per assertion type --------------------------------------------------------


def check_date(dataset: Dataset, a: DateCheck) -> Finding:
    """Consistent when the event certainly falls (at least partly) in the period, contradicted when it
    certainly does not, not checkable when the record's precision leaves both open."""
    event = dataset.event_by_id[a.event]
    possible = event.span
    certain = _certain_days(event)
    period = (a.period.first_day(), a.period.last_day())
    said = f"The article places “{event.title}” in {a.period.human()}; the record dates it {human_span(event.date, event.end)} [{_cite(event)}]"
    if _within(possible, period) or (certain and _overlap(certain, period)):
        return Finding(CONSISTENT, f"{said}.")
    if not _overlap(possible, period):
        return Finding(CONTRADICTED, f"{said}.")
    return Finding(NOT_CHECKABLE, f"{said}, too imprecise to decide.")


def _certain_days(event: Event) -> tuple[dt.date, dt.date] | None:
    """The days the event surely covers: from the latest possible start to the earliest possible end."""
    start, stop = event.date.last_day(), event.last_date.first_day()
    return (start, stop) if start <= stop else None


def _within(inner: tuple, outer: tuple) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _overlap(a: tuple, b: tuple) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def check_timing(dataset: Dataset, a: TimingCheck) -> Finding:
    event, reference = dataset.event_by_id[a.event], dataset.event_by_id[a.reference]
    low, high = _offsets(event, reference) if a.relation == "after" else _offsets(reference, event)
    phrase, limit_text = next((n, getattr(a, n)) for n in ("less_than", "about", "more_than") if getattr(a, n))
    limit = parse_duration(limit_text)
    said = f"{phrase.replace('_', ' ')} {limit_text} {a.relation}"
    facts = (
        f"The article puts “{event.title}” {said} “{reference.title}”; the record dates them "
        f"{human_span(event.date, event.end)} [{_cite(event)}] and {human_span(reference.date, reference.end)} [{_cite(reference)}]"
    )
    if high < 0:
        opposite = "before" if a.relation == "after" else "after"
        return Finding(CONTRADICTED, f"{facts}: it came {opposite}, not {a.relation}.")
    if phrase == "about":
        tolerance = parse_duration(a.tolerance) if a.tolerance else limit / 4
        inside = (limit - tolerance, limit + tolerance)
        holds_all, holds_none = inside[0] <= low and high <= inside[1], high < inside[0] or low > inside[1]
    elif phrase == "less_than":
        holds_all, holds_none = high < limit, low >= limit
    else:
        holds_all, holds_none = low > limit, high <= limit
    measured = _days_text(low, high)
    if holds_all and low >= 0:
        return Finding(CONSISTENT, f"{facts}, {measured} apart, start to start.")
    if holds_none:
        return Finding(CONTRADICTED, f"{facts}, {measured} apart, start to start.")
    return Finding(NOT_CHECKABLE, f"{facts}, {measured} apart, start to start: the dates are too imprecise to decide.")


def check_between(dataset: Dataset, a: BetweenCheck) -> Finding:
    event, after, before = (dataset.event_by_id[i] for i in (a.event, a.after, a.before))
    start, stop = event.span
    lower, upper = after.last_date.last_day(), before.date.first_day()
    facts = (
        f"The article places “{event.title}” between “{after.title}” ({human_span(after.date, after.end)}) and "
        f"“{before.title}” ({human_span(before.date, before.end)}); the record dates it {human_span(event.date, event.end)} [{_cite(event)}]"
    )
    if lower < start and stop < upper:
        return Finding(CONSISTENT, f"{facts}.")
    if stop < after.date.first_day() or start > before.last_date.last_day():
        side = "before the first" if stop < after.date.first_day() else "after the second"
        return Finding(CONTRADICTED, f"{facts}, {side}.")
    return Finding(NOT_CHECKABLE, f"{facts}: too imprecise to decide.")


MAX_LISTED = 30  # events a count's explanation names; the real record's counts name at most 4


def check_count(dataset: Dataset, a: CountCheck) -> Finding:
    window_start, window_end = _window(dataset, a)
    certain, possible = [], []
    for event in dataset.by_kind.get(a.kind, ()) if a.kind else dataset.events:  # both in the record's order
        if not _matches(event, a):
            continue
        start, stop = event.date.first_day(), event.date.last_day()
        if window_start < start and stop < window_end:
            certain.append(event)
        elif not (stop <= window_start or start >= window_end):
            possible.append(event)
    low, high = len(certain), len(certain) + len(possible)
    counted = certain + possible
    listed = "; ".join(f"“{e.title}” ({e.date.human()})" for e in counted[:MAX_LISTED]) or "none"
    if len(counted) > MAX_LISTED:  # the page names the first ones; a count over the whole record would list it all
        listed += f"; and {len(counted) - MAX_LISTED:,} more"
    target = a.equals if a.equals is not None else a.at_least
    wanted = "none" if a.equals == 0 else f"{'exactly' if a.equals is not None else 'at least'} {target}"
    found = "none" if high == 0 else f"{low if low == high else f'{low} to {high}'}: {listed}"
    # The count is what the statement implies, not a number the article states: say it that way.
    facts = f"Counted: {_counted(dataset, a)}. The statement implies {wanted}; the record holds {found}."
    if a.equals is not None:
        holds_all, holds_none = low == high == a.equals, a.equals < low or a.equals > high
    else:
        holds_all, holds_none = low >= a.at_least, high < a.at_least
    verdict = CONSISTENT if holds_all else CONTRADICTED if holds_none else NOT_CHECKABLE
    return Finding(verdict, facts)


# --- helpers ----------------------------------------------------------------------------------


def _offsets(later: Event, earlier: Event) -> tuple[int, int]:
    """Smallest and largest number of days from the start of `earlier` to the start of `later`."""
    return (later.date.first_day() - earlier.date.last_day()).days, (later.date.last_day() - earlier.date.first_day()).days


def _days_text(low: int, high: int) -> str:
    return f"{low:,} days" if low == high else f"{max(low, 0):,} to {high:,} days"


def _window(dataset: Dataset, a: CountCheck) -> tuple[dt.date, dt.date]:
    """The open interval the count covers, from the period and the bounding events (`check` refuses it empty)."""
    return count_window(a, dataset.event_by_id)


def _counted(dataset: Dataset, a: CountCheck) -> str:
    """What a count counts, in words: 'visits from China to North Korea at leader or top level,
    after “…” and before “…”'."""
    words = [KIND_PLURALS[a.kind].lower() if a.kind else "events"]
    if a.people:
        words.append("with " + " or ".join(dataset.person_by_id[p].name for p in a.people if p in dataset.person_by_id))
    if a.from_:
        words.append(f"from {COUNTRIES[a.from_]}")
    if a.to:
        words.append(f"to {COUNTRIES[a.to]}")
    if a.levels:
        words.append(f"at {' or '.join(a.levels)} level")
    period = []
    if a.after:
        period.append(f"after “{dataset.event_by_id[a.after].title}”")
    if a.before:
        period.append(f"before “{dataset.event_by_id[a.before].title}”")
    if a.start and a.until:
        period.append(f"from {a.start.human()} to {a.until.human()}")
    elif a.start or a.until:
        period.append(f"from {a.start.human()}" if a.start else f"until {a.until.human()}")
    return " ".join(words) + (", " + ", ".join(period) if period else "")


def _matches(event: Event, a: CountCheck) -> bool:
    return (
        (a.kind is None or event.kind == a.kind)
        and (not a.people or any(p in event.people for p in a.people))
        and (a.from_ is None or event.from_ == a.from_)
        and (a.to is None or event.to == a.to)
        and (not a.levels or event.level in a.levels)
        and event.id not in (a.after, a.before)
    )


def _cite(event: Event) -> str:
    return event.sources[0].publisher

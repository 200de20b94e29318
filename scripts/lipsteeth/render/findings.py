"""'What the record shows': the answer to the article's question in a few plain findings, for the
home page and the top of the analysis page. Every number is filled in from analyse.answer."""

from __future__ import annotations

from ..analyse.analyses import end_of
from ..analyse.answer import Answer
from ..analyse.claims import ASSESSED, CHAINED, CONSISTENT, CONTRADICTED, NOT_CHECKABLE
from ..urls import ANALYSIS, CLAIMS_INDEX
from ..wording import count, days, in_a_hundred, ordinal, plural
from .analysis import ANCHORS
from .markup import link


def findings(answer: Answer, here: str) -> str:
    """Three to five findings, each with its numbers and a link to the evidence, as a Markdown list."""
    found = [
        _contact(answer, here),
        _unusual(answer, here),
        _tiers(answer, here),
        _trade(answer, here),
        _claims(answer, here),
    ]
    return "\n".join(f"- {finding}" for finding in found if finding) + "\n"


def _evidence(label: str, target: str, here: str, anchor: str | None = None) -> str:
    return f"({link(label, target, here, anchor=anchor)})"


def _contact(answer: Answer, here: str) -> str:
    scored = [w for w in answer.tests if w.days is not None]
    if not scored:
        return ""
    shortest, longest = min(w.days for w in scored), max(w.days for w in scored)
    quiet = next((s for s in answer.silences if not s.closure), None)
    silence = ""
    if quiet:
        held = "held no nuclear test" if not quiet.tests else f"held {plural(len(quiet.tests), 'nuclear test')}"
        silence = (
            f" The longest silence outside the 2020–2023 border closure, {days(quiet.days)} from "
            f"{end_of(quiet.after).human()} to {quiet.before.date.human()}, {held}."
        )
    within = days(longest) if shortest == longest else f"{shortest:,} to {days(longest)}"
    each = "each of the " + plural(len(scored), "nuclear test") if len(scored) > 1 else "the nuclear test"
    return (
        f"**Contact resumed after every test.** After {each} a high-level visit followed, within {within}.{silence} "
        + _evidence("the waits", ANALYSIS, here, ANCHORS["waits"])
    )


def _unusual(answer: Answer, here: str) -> str:
    result = answer.overall
    if result.p_value is None:
        return ""
    shorter = result.count - result.above_median
    shared = len(answer.tests) - len({w.visit.id for w in answer.tests if w.visit is not None})
    sharing = (
        f", and {count(shared + 1)} of them share the same next visit, so the waits are not independent"
        if shared == 1
        else (f", and {count(shared)} of the waits share a next visit with another" if shared else "")
    )
    if result.p_value >= 0.05:
        verdict = "**The waits after tests were not unusual for their eras.**"
        reading = "no sign that the tests delayed contact"
    else:
        verdict = "**The waits after tests were unusually long for their eras.**"
        reading = "a sign that the tests delayed contact"
    return (
        f"{verdict} After {count(shorter)} of the {count(result.count)} tests the next visit came sooner than from most days of "
        f"the same era, after {count(result.above_median)} later. On average the waits sat at the "
        f"{ordinal(result.mean_percentile)} percentile, and days picked at random do as badly {in_a_hundred(result.p_value)}: "
        f"{reading}. {count(result.count).capitalize()} tests are a small sample{sharing}: only a large, consistent delay "
        "could have shown. " + _evidence("the comparison", ANALYSIS, here, ANCHORS["overall"])
    )


def _tiers(answer: Answer, here: str) -> str:
    envoys = answer.envoys
    routine = next((t for t in answer.tiers if t.tier.id == "all-no-envoys"), None)
    leaders = next((t for t in answer.tiers if t.tier.id == "leaders"), None)
    if not (routine and leaders and routine.overall.p_value is not None and leaders.overall.p_value is not None):
        return ""
    holds = _where_unusually_long(answer)
    answered = (
        "Special envoys came first after most tests"
        if 2 * envoys.envoys_first_after_tests > envoys.first_after_tests
        else "Special envoys came first after some tests"
    )
    slower = routine.overall.mean_percentile > answer.overall.mean_percentile
    return (
        f"**{answered}; other visits were {'slower' if slower else 'no slower'}.** The first visit after {count(envoys.envoys_first_after_tests)} "
        f"of the {count(envoys.first_after_tests)} tests was a leader's special envoy. Leaving envoys out, the waits sat at the "
        f"{ordinal(routine.overall.mean_percentile)} percentile; counting leaders only, at the "
        f"{ordinal(leaders.overall.mean_percentile)}. {holds} "
        + _evidence("who counts as high-level", ANALYSIS, here, ANCHORS["tiers"])
    )


def _where_unusually_long(answer: Answer) -> str:
    """Which tiers of seniority had waits unusually long (p < 0.05), as a sentence."""
    tested = [t for t in answer.tiers if t.overall.p_value is not None]
    slow = [t for t in tested if t.overall.p_value < 0.05]
    if not slow:
        return f"At none of the {count(len(tested))} tiers of seniority were the waits unusually long."
    labels = "; ".join(t.tier.label[0].lower() + t.tier.label[1:] for t in slow)
    chance = (
        f" With {count(len(tested))} overlapping tiers tested, one such result is about what chance alone would give."
        if len(slow) == 1
        else ""
    )
    return (
        f"The waits were unusually long at {count(len(slow))} of the {count(len(tested))} tiers of seniority: {labels}.{chance}"
    )


def _trade(answer: Answer, here: str) -> str:
    found = answer.trade
    compared = [row for row in found.tests if row.change is not None]
    if not compared or found.largest_open_fall is None:
        return ""
    # Tests in the same or adjacent years share one before-and-after comparison: count each once.
    distinct = {(row.before, row.after): row.change for row in compared}
    rose = sum(1 for change in distinct.values() if change > 0)
    shared = len(compared) - len(distinct)
    start, stop, change = found.largest_open_fall
    steps = found.steps_in_open_fall
    if steps:
        years = sorted({e.date.year for e in steps})
        span = (
            str(years[0]) if len(years) == 1 else f"{years[0]} and {years[-1]}" if len(years) == 2 else f"{years[0]}–{years[-1]}"
        )
        headline = f"**Trade's largest fall outside the border closure came with the sanctions of {span}.**"
        when = f"came with {plural(len(steps), 'step')} of sanctions that China voted for or took itself"
        limit = " Yearly figures cannot tell the tests apart from the sanctions that answered them."
    else:
        headline = "**Trade shows no clear break after the tests.**"
        when = "came in years with no step of sanctions"
        limit = ""
    sharing = f" ({count(shared + 1)} tests share one)" if shared == 1 else " (some tests share one)" if shared else ""
    return (
        f"{headline} Around the {plural(len(compared), 'test')} with figures on both sides, trade rose in {count(rose)} of the "
        f"{plural(len(distinct), 'year-on-year comparison')}{sharing} and fell in {count(len(distinct) - rose)}. The largest "
        f"fall, {abs(change):.0%} from {start} to {stop}, {when}.{_earlier_steps(found, steps)}{limit} "
        + _evidence("trade after tests and sanctions", ANALYSIS, here, ANCHORS["trade"])
    )


def _earlier_steps(found, steps) -> str:
    """How trade moved around the steps of sanctions outside the largest fall, by their percentiles."""
    others = [row.percentile for row in found.sanctions if row.event not in steps and row.percentile is not None]
    if not others:
        return ""
    low, high = min(others), max(others)
    if low >= 10 and high <= 90:
        return f" Other steps were followed by ordinary changes (from the {ordinal(low)} to the {ordinal(high)} percentile)."
    return f" Other steps were followed by changes from the {ordinal(low)} to the {ordinal(high)} percentile."


def _claims(answer: Answer, here: str) -> str:
    card = answer.scorecard
    counts = card.counts
    chained = counts[CHAINED]
    follow = (
        f", and {count(chained)} more {'holds' if chained == 1 else 'hold'} only once one of those errors is corrected"
        if chained
        else ""
    )
    undecided = f"; {count(counts[NOT_CHECKABLE])} cannot be decided from the record" if counts[NOT_CHECKABLE] else ""
    mostly = "mostly right" if counts[CONSISTENT] > counts[CONTRADICTED] + chained else "often wrong"
    return (
        f"**The article's dated statements are {mostly}.** Of its {plural(card.total, 'checked statement')}, {counts[CONSISTENT]} agree "
        f"with the record and {counts[CONTRADICTED]} disagree{follow}{undecided}; {counts[ASSESSED]} are judgements the editors "
        "assess. " + _evidence("the scorecard", CLAIMS_INDEX, here)
    )

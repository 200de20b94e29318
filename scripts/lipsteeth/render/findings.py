"""'What the record shows': the answer to the article's question in a few plain findings, for the
home page and the top of the analysis page. Every number is filled in from analyse.answer."""

from __future__ import annotations

import calendar

from ..analyse.answer import Answer
from ..analyse.claims import ASSESSED, CHAINED, CONSISTENT, CONTRADICTED, NOT_CHECKABLE
from ..urls import ANALYSIS, CLAIMS_INDEX
from ..wording import count, days, in_a_hundred, ordinal, plural
from .analysis import ANCHORS, closure_years
from .markup import link, text
from .relations_sections import votes_words


def answer_lines(answer: Answer, here: str) -> str:
    """The home page's first lines: contact (was it ever broken?) apart from relations (the level
    of contact and the other signals the record holds), each with its numbers and a link."""
    scored = [w for w in answer.tests if w.days is not None]
    lines = []
    if scored:
        longest = max(w.days for w in scored)
        every = (
            f"every one of the {plural(len(scored), 'nuclear test')} since {scored[0].event.date.year}"
            if len(scored) > 1
            else f"the nuclear test of {scored[0].event.date.human()}"
        )
        lines.append(
            f"**Contact** between Beijing and Pyongyang was never broken: a high-level visit followed {every}, "
            f"within {days(longest)} at most{_typical(answer)} " + _evidence("the waits", ANALYSIS, here, ANCHORS["waits"]) + "."
        )
    # Each clause is one signal the record holds, said only where the record holds it.
    clauses = (
        _level_clause(answer, here),
        _postponed_clause(answer, here),
        _sanctions_clause(answer, here),
        _trade_clause(answer, here),
    )
    signals = [clause for clause in clauses if clause]
    if signals:
        lines.append(
            "**Relations** show strain that contact does not: " + "; ".join(signals) + ". "
            "The record shows what came with the tests, not what caused it."
        )
    return "\n\n".join(lines) + "\n" if lines else ""


def _typical(answer: Answer) -> str:
    """Whether the waits were typical of their eras, by the comparison's own numbers."""
    result = answer.overall
    if result.p_value is None:
        return ""
    if result.p_value >= 0.05:
        return f", and the waits were typical of their eras ({ordinal(result.mean_percentile)} percentile on average)"
    return f", but the waits were unusually long for their eras ({ordinal(result.mean_percentile)} percentile on average)"


def _level_clause(answer: Answer, here: str) -> str:
    run = answer.relations.without_leaders
    if run is None or run.years < 2 or not run.tests:
        return ""
    return (
        f"no paramount leader or head of state visited from {run.first} to {run.last}, {held_tests(run.tests, len(answer.tests))} "
        + _evidence("contact by level", ANALYSIS, here, ANCHORS["levels"])
    )


def _postponed_clause(answer: Answer, here: str) -> str:
    """'China put off one visit after a test (...)': visits postponed after a test, named."""
    after = answer.postponed.after_tests
    if not after:
        return ""
    noun = "visit" if len(after) == 1 else "visits"
    named = ", ".join(f"{p.visit.title}, after the test of {p.after.date.human()}" for p in after[:2])
    more = f" and {count(len(after) - 2)} more" if len(after) > 2 else ""
    return (
        f"{count(len(after))} {noun} {'was' if len(after) == 1 else 'were'} put off after a test ({text(named)}{more}) "
        + _evidence("postponed visits", ANALYSIS, here, ANCHORS["postponed"])
    )


def held_tests(held: int, total: int) -> str:
    """'which held four of the six nuclear tests', said right for one test or all of them."""
    if held == total:
        return "which held the one nuclear test" if total == 1 else f"which held all {count(total)} nuclear tests"
    return f"which held {count(held)} of the {count(total)} nuclear tests"


def _sanctions_clause(answer: Answer, here: str) -> str:
    votes = answer.relations.votes
    if not votes.sanctions:
        return ""
    voted = votes_words(votes)
    own = answer.relations.china_sanctions
    took = f" and took {plural(len(own), 'measure')} of its own" if own else ""
    return voted + took + " " + _evidence("signals besides visits", ANALYSIS, here, ANCHORS["signals"])


def _trade_clause(answer: Answer, here: str) -> str:
    fall = answer.trade.largest_open_fall
    if fall is None or fall[2] >= 0:
        return ""
    start, stop, change = fall
    return f"its trade with the North fell {abs(change):.0%} from {start} to {stop} " + _evidence(
        "trade", ANALYSIS, here, ANCHORS["trade"]
    )


def findings(answer: Answer, here: str) -> str:
    """Three to five findings, each with its numbers and a link to the evidence, as a Markdown list."""
    found = [
        _contact(answer, here),
        _unusual(answer, here),
        _tiers(answer, here),
        _levels(answer, here),
        _signals(answer, here),
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
            f" The longest silence outside {closure_years(answer.closures)}, {days(quiet.days)} from "
            f"{quiet.after.last_date.human()} to {quiet.before.date.human()}, {held}{_began_after(quiet)}."
        )
    within = days(longest) if shortest == longest else f"{shortest:,} to {days(longest)}"
    each = "each of the " + plural(len(scored), "nuclear test") if len(scored) > 1 else "the nuclear test"
    return (
        f"**Contact resumed after every test.** After {each} a high-level visit followed, within {within}.{silence} "
        + _evidence("the waits", ANALYSIS, here, ANCHORS["waits"])
    )


def _began_after(silence) -> str:
    """How soon after a test the silence began, where one came shortly before it."""
    if not silence.soon_after:
        return ""
    test = silence.soon_after[-1]
    gap = (silence.after.last_date.last_day() - test.date.first_day()).days
    return f", but it began {days(gap)} after the nuclear test of {test.date.human()}"


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
        f"could have shown{_power(answer)}. " + _evidence("the comparison", ANALYSIS, here, ANCHORS["overall"])
    )


def _power(answer: Answer) -> str:
    threshold = answer.robustness.power
    if threshold is None:
        return ""
    return f" (the waits would have had to sit at the {ordinal(threshold)} percentile on average to reach p < 0.05)"


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
        f"{ordinal(leaders.overall.mean_percentile)}. {holds}{same_side(answer)}{_recoded(answer)} "
        + _evidence("who counts as high-level", ANALYSIS, here, ANCHORS["tiers"])
    )


def _where_unusually_long(answer: Answer) -> str:
    """Which tiers of seniority had waits unusually long (p < 0.05), as a sentence."""
    tested = [t for t in answer.tiers if t.overall.p_value is not None]
    slow = [t for t in tested if t.overall.p_value < 0.05]
    if not slow:
        return f"At none of the {count(len(tested))} tiers of seniority were the waits unusually long."
    labels = "; ".join(t.tier.label[0].lower() + t.tier.label[1:] for t in slow)
    family = answer.robustness.family
    chance = (
        f" With {count(family.tiers)} overlapping tiers tested, at least one reaches p ≤ 0.05 by chance alone "
        f"{in_a_hundred(family.chance_any)} (the tiers simulated together)."
        if family.chance_any is not None
        else ""
    )
    return (
        f"The waits were unusually long at {count(len(slow))} of the {count(len(tested))} tiers of seniority: {labels}.{chance}"
    )


def same_side(answer: Answer) -> str:
    """Whether every restricted tier puts the waits on the same side of the middle, and where."""
    restricted = [t.overall.mean_percentile for t in answer.tiers[1:] if t.overall.mean_percentile is not None]
    if len(restricted) < 2:
        return ""
    low, high = min(restricted), max(restricted)
    if low > 50:
        side = "above the middle"
    elif high < 50:
        side = "below the middle"
    else:
        return f" The restricted tiers do not agree: from the {ordinal(low)} to the {ordinal(high)} percentile."
    return f" All {count(len(restricted))} restricted tiers put the waits {side} ({ordinal(low)} to {ordinal(high)} percentile)."


def _recoded(answer: Answer) -> str:
    """The tier without envoys under the other coding of post-congress briefings."""
    found = answer.robustness.recoded
    routine = next((t for t in found.tiers if t.tier.id == "all-no-envoys"), None)
    if not found.briefings or routine is None or routine.overall.p_value is None:
        return ""
    reading = "special envoys'" if found.alternative_envoys else "working visits"
    return (
        f" Read as {reading}, the {plural(len(found.briefings), 'post-congress briefing')} move that tier to the "
        f"{ordinal(routine.overall.mean_percentile)} percentile (p = {routine.overall.p_value:.2f})."
    )


def _levels(answer: Answer, here: str) -> str:
    found = answer.relations
    run = found.without_leaders
    if run is None or run.years < 2:
        return ""
    empty = [y for y in found.empty_years if run.first <= y <= run.last]
    none_at_all = f", and none at all in {' or '.join(str(y) for y in empty)}" if empty else ""
    held = f", {held_tests(run.tests, len(answer.tests))}" if run.tests else ""
    return (
        f"**The most senior contact stopped for {count(run.years)} years.** No paramount leader or head of state visited "
        f"either way from {run.first} to {run.last}{held}{none_at_all}; it is the longest such run since "
        f"{found.levels[0].year} outside the border closure. " + _evidence("contact by level", ANALYSIS, here, ANCHORS["levels"])
    )


def _signals(answer: Answer, here: str) -> str:
    votes, own, seoul = answer.relations.votes, answer.relations.china_sanctions, answer.relations.seoul_first
    if not votes.sanctions:
        return ""
    years = sorted({e.date.year for e in votes.sanctions})
    span = str(years[0]) if len(years) == 1 else f"{years[0]} to {years[-1]}"
    voted = f"{votes_words(votes)} ({span})"
    own_years = sorted({e.date.year for e in own})
    took = (
        f" and took {plural(len(own), 'measure')} of its own ({own_years[0]}–{own_years[-1]})"
        if len(own_years) > 1
        else f" and took {plural(len(own), 'measure')} of its own ({own_years[0]})"
        if own
        else ""
    )
    vetoed = (
        f"; it vetoed a draft that would have tightened them in {votes.drafts_failed[0].date.year}" if votes.drafts_failed else ""
    )
    headline = "China joined the sanctions."
    if votes.for_ < len(votes.sanctions):
        headline = (
            "China joined most of the sanctions."
            if 2 * votes.for_ > len(votes.sanctions)
            else "China did not join most sanctions."
        )
    if votes.drafts_failed:
        headline = headline[:-1] + f" until it vetoed more in {votes.drafts_failed[0].date.year}."
    first = ""
    if seoul:
        trip = seoul[0]
        later = (
            f", {days(trip.days)} before his first visit to Pyongyang as leader"
            if trip.days is not None
            else ", and has not visited Pyongyang as leader since"
        )
        on = "on" if trip.seoul.date.precision == "day" else "in"
        first = f" China's leader {trip.name} went to Seoul {on} {trip.seoul.date.human()}{later}."
    return f"**{headline}** {voted}{took}{vetoed}.{first} " + _evidence(
        "signals besides visits", ANALYSIS, here, ANCHORS["signals"]
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
        limit = " Yearly figures cannot tell the tests apart from the sanctions that answered them" + _monthly(answer) + "."
    else:
        headline = "**Trade shows no clear break after the tests.**"
        when = "came in years with no step of sanctions"
        limit = ""
    sharing = f" ({count(shared + 1)} tests share one)" if shared == 1 else " (some tests share one)" if shared else ""
    return (
        f"{headline} Around the {plural(len(compared), 'test')} with figures on both sides, trade rose in {count(rose)} of the "
        f"{plural(len(distinct), 'two-year comparison')}{sharing} and fell in {count(len(distinct) - rose)}. The largest "
        f"fall, {abs(change):.0%} from {start} to {stop}, {when}.{_earlier_steps(found, steps)}{limit} "
        + _evidence("trade after tests and sanctions", ANALYSIS, here, ANCHORS["trade"])
    )


def _monthly(answer: Answer) -> str:
    """What the monthly figures add: when China's imports and the total first fell well below a year earlier."""
    found = answer.monthly
    imports, totals = found.changes.get("imports", ()), found.changes.get("total", ())
    if not imports:
        return ""
    fell = sum(1 for m in imports if m.change < 0)
    drop = _steepest_drop(totals)
    step = ""
    if drop:
        between = [
            a.event
            for a in found.events
            if (drop[0].year, drop[0].month) < (a.event.date.year, a.event.date.month) <= (drop[1].year, drop[1].month)
        ]
        tests = sum(1 for e in between if e.kind == "nuclear-test")
        steps = len(between) - tests
        parts = [plural(tests, "nuclear test") if tests else "", f"{plural(steps, 'step')} of sanctions" if steps else ""]
        came = " and ".join(part for part in parts if part)
        step = (
            f"; the total went from {_pct(drop[0].change)} against a year earlier in {_month(drop[0])} to "
            f"{_pct(drop[1].change)} in {_month(drop[1])}" + (f", with {came} in between" if came else "")
        )
    return (
        f"; month by month, China's imports from the North were below the same month a year earlier in {fell} of the "
        f"{len(imports)} months compared from {_month(imports[0])}{step}"
    )


def _pct(change: float) -> str:
    return f"{change:+.0%}".replace("-", "−")


def _steepest_drop(changes):
    """The pair of consecutive compared months across which the change fell most."""
    pairs = list(zip(changes, changes[1:], strict=False))
    if not pairs:
        return None
    return min(pairs, key=lambda pair: pair[1].change - pair[0].change)


def _month(change) -> str:
    return f"{calendar.month_name[change.month]} {change.year}"


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

"""The analysis page's sections on what the comparison can detect and how much it depends on
choices: power, the tiers tested together, other baselines and measures, and the coding of
post-congress briefings. Every number comes from analyse.robustness through the Answer."""

from __future__ import annotations

from ..analyse import robustness, statistics
from ..analyse.answer import Answer
from ..urls import ANALYSIS, METHOD, event_path
from ..wording import count, in_a_hundred, ordinal, plural
from .markup import link, text

HERE = ANALYSIS


def power_words(answer: Answer) -> str:
    threshold = answer.robustness.power
    if threshold is None:
        return ""
    return (
        f": with {plural(answer.overall.count, 'test')}, the waits would have had to sit at the {ordinal(threshold)} percentile "
        "on average to reach p < 0.05 (found with the same random draws)"
    )


def family_words(answer: Answer) -> list[str]:
    """The chance that one of the overlapping tiers looks unusual by luck, and where the tiers sit."""
    family = answer.robustness.family
    if family.chance_any is None:
        return []
    restricted = [t.overall.mean_percentile for t in answer.tiers[1:] if t.overall.mean_percentile is not None]
    side = ""
    if restricted:
        low, high = min(restricted), max(restricted)
        where = "above" if low > 50 else "below" if high < 50 else "on both sides of"
        side = (
            f" Every restricted tier puts the waits {where} the middle ({ordinal(low)} to {ordinal(high)} percentile): "
            "leaving the envoys or the lower ranks out makes the waits after tests look longer, though the tiers share most of their visits."
            if where != "on both sides of"
            else f" The restricted tiers fall on both sides of the middle ({ordinal(low)} to {ordinal(high)} percentile)."
        )
    return [
        f"The tiers overlap, so they are not {count(family.tiers)} separate chances. Simulated together "
        f"({family.draws:,} draws in which every test falls on the same random day of its era at every tier), at least one tier "
        f"reaches p ≤ {robustness.SIGNIFICANT} {in_a_hundred(family.chance_any)} when the tests are ordinary days, against "
        f"{in_a_hundred(robustness.SIGNIFICANT)} for one tier alone.{side}"
    ]


def robustness_section(answer: Answer) -> list[str]:
    found = answer.robustness
    lines = [
        "## How much the answer depends on choices",
        "",
        "The same tests, compared in other ways: other baselines instead of the era, each test left out in turn, and a count "
        "of visits instead of the wait. Each row uses the same permutation test (the same number of draws and seed).",
        "",
    ]
    if answer.overall.p_value is None:
        return lines + ["The record has no test to compare yet.", ""]
    lines += [
        "| Compared with | Tests | Mean percentile | Random days as slow | p |",
        "| --- | --- | --- | --- | --- |",
        f"| Every other day of the same era (the comparison above) | {answer.overall.count} | "
        f"{ordinal(answer.overall.mean_percentile)} | {in_a_hundred(answer.overall.p_value)} | {answer.overall.p_value:.2f} |",
    ]
    for variant in found.variants:
        result = variant.overall
        if result.p_value is None:
            lines.append(f"| {text(variant.label)} | {result.count} | – | – | – |")
            continue
        lines.append(
            f"| {text(variant.label)} | {result.count} | {ordinal(result.mean_percentile)} | {in_a_hundred(result.p_value)} | "
            f"{result.p_value:.2f} |"
        )
    scored = [v.overall for v in found.variants if v.overall.p_value is not None]
    lines += [""]
    if scored:
        low = min(scored, key=lambda r: r.p_value)
        high = max(r.mean_percentile for r in scored)
        least = min(r.mean_percentile for r in scored)
        unusual = sum(1 for r in scored if r.p_value < robustness.SIGNIFICANT)
        reached = (
            f"none of them reaches p < {robustness.SIGNIFICANT}."
            if not unusual
            else f"{count(unusual)} of them {'reaches' if unusual == 1 else 'reach'} p < {robustness.SIGNIFICANT}."
        )
        lines += [
            f"Across the {plural(len(scored), 'variant')}, the mean percentile runs from the {ordinal(least)} to the "
            f"{ordinal(high)}, and the smallest p is {low.p_value:.2f}; {reached} "
            "The local baselines take the days within one to three years of each test; the calendar-matched one takes the days "
            f"within {robustness.CALENDAR_DAYS} days of the test's date in every other year, because tests and visits both cluster "
            "around anniversaries and party congresses. In the count rows, a day's percentile is the share of days with more visits "
            "in the window after it (ties half), so a high percentile again means less contact; windows that end after the "
            "record's last event or touch the border closure are left out.",
            "",
        ]
    return lines


def coding_section(answer: Answer) -> list[str]:
    found = answer.robustness.recoded
    lines = [
        "### Coding by function",
        "",
        f"Purposes are coded by what a visit did, not by the title the visitor carried ({link('the coding rule', METHOD, HERE, anchor='how-senior-and-why')}). "
        "A briefing on a Chinese party congress is coded the same way each time.",
        "",
    ]
    if not found.briefings:
        return lines + ["The record holds no post-congress briefing yet.", ""]
    named = "; ".join(f"{link(b.title, event_path(b.id), HERE)} ({text(b.purpose or '–')})" for b in found.briefings)
    reading = "special envoys'" if found.alternative_envoys else "working visits"
    lines += [
        f"The record holds {plural(len(found.briefings), 'post-congress briefing')} (the first visit from China to North Korea "
        f"within {robustness.BRIEFING_DAYS} days after a congress ends): {named}. "
        f"The table repeats the tiers without special envoys with every briefing read instead as {reading}.",
        "",
        "| Visits counted | As coded: mean percentile | p | Briefings read as " + reading + ": mean percentile | p |",
        "| --- | --- | --- | --- | --- |",
    ]
    coded = {t.tier.id: t for t in answer.tiers}
    for alternative in found.tiers:
        main = coded.get(alternative.tier.id)
        if main is None or main.overall.p_value is None or alternative.overall.p_value is None:
            continue
        lines.append(
            f"| {text(alternative.tier.label)} | {ordinal(main.overall.mean_percentile)} | {main.overall.p_value:.2f} | "
            f"{ordinal(alternative.overall.mean_percentile)} | {alternative.overall.p_value:.2f} |"
        )
    return lines + [""]


__all__ = ["coding_section", "family_words", "power_words", "robustness_section", "statistics"]

"""The analysis page: did the North's tests dent high-level contact with China? Every number in
its prose comes from analyse.answer, so the page stays true as the record grows."""

from __future__ import annotations

from ..analyse import chronology, statistics, trade
from ..analyse.answer import Answer
from ..data.dataset import Dataset
from ..urls import ANALYSIS, DATA, METHOD, claim_path, era_path, event_path, year_path
from ..wording import count, days, in_a_hundred, ordinal, plural
from . import relations_sections, robustness_sections
from .citation import cite_block, updated_line
from .markup import front_matter, link, text
from .postponed import analysis_lines as postponed_lines

HERE = ANALYSIS
TITLE = "Tests and visits"
ANCHORS = {
    "waits": "waiting-after-each-nuclear-test",
    "overall": "are-tests-like-any-other-day",
    "launches": "long-range-launches",
    "silences": "the-longest-silences",
    "tiers": "who-counts-as-high-level",
    "envoys": "crisis-or-routine",
    "closure": "the-border-closure",
    "per-year": "visits-per-year-by-era",
    "trade": "trade-after-tests-and-sanctions",
    "trade-figures": "the-trade-figures",
    "robustness": "how-much-the-answer-depends-on-choices",
    "levels": "contact-by-level-year-by-year",
    "signals": "signals-besides-visits",
    "monthly": "trade-month-by-month",
    "postponed": "postponed-visits",
}


def closure_years(closures: tuple[tuple[int, int], ...]) -> str:
    """'the 2020–2023 border closure', from the closures' dates in the record."""
    if not closures:
        return "any border closure"
    spans = [str(first) if first == last else f"{first}–{last}" for first, last in closures]
    return f"the {' and '.join(spans)} border closure{'s' if len(spans) > 1 else ''}"


SILENCES_SHOWN = 10


def analysis_page(
    dataset: Dataset,
    answer: Answer,
    findings: str,
    waits_chart: str = "",
    visits_chart: str = "",
    trade_chart: str = "",
    levels_chart: str = "",
    updated: str | None = None,
    site_url: str | None = None,
    repo_url: str | None = None,
) -> str:
    """`updated`: the newest day any record changed (the analysis reads them all), where git gives one."""
    lines = [
        front_matter(
            description="Did North Korea's nuclear tests break or dent high-level contact with China? Each test's wait for the "
            "next visit against every other day of its era, the longest silences, and how the answer changes with who counts."
        ),
        f"# {TITLE}",
        "",
        *updated_line(updated),
        "The article's question: did North Korea's nuclear and missile tests break, or dent, high-level contact with China?",
        "",
        "## What the record shows",
        "",
        findings,
        "## How the comparison works",
        "",
        f"- The record aims to hold every visit under the {link('method', METHOD, HERE, anchor='what-counts-as-an-event')}'s "
        f"rule from {statistics.FIRST_DAY.year}, so only tests, launches and days from then on are compared. "
        f"A few such visits could not be sourced ({link('known gaps', METHOD, HERE, anchor='known-gaps')}); each can only "
        "make a silence look longer than it was.",
        "- The **wait** from a day is the number of days until the next visit starts, in either direction, counting only "
        "visits that start strictly after the day (a visit on the day itself is not its next visit). "
        "A visit known only to the month is placed in the middle of it." + _year_only(answer),
        "- Each test's wait is set against the wait from **every other day of the same era** (the same pair of leaders in "
        "Beijing and Pyongyang), because contact was far denser in some eras than others. "
        "Its **percentile** is the share of the era's days with a shorter wait, days with an equal wait counting half: "
        "50 is a typical day, 90 a long wait.",
        f"- {_closure_bullet(answer)}",
        "",
        *_waits_section(answer, waits_chart),
        *_overall_section(answer),
        *robustness_sections.robustness_section(answer),
        *_launches_section(answer),
        *_silences_section(answer),
        *_tiers_section(answer),
        *robustness_sections.coding_section(answer),
        *_envoys_section(answer),
        *postponed_lines(answer.postponed, HERE),
        *_closure_section(answer),
        *_per_year_section(answer, visits_chart),
        *relations_sections.levels_section(answer, set(dataset.by_year), levels_chart),
        *relations_sections.signals_section(answer),
        *_trade_section(answer, trade_chart),
        *relations_sections.monthly_section(answer),
        *_forecast_section(dataset),
        *cite_block(TITLE, HERE, updated, site_url, repo_url),
    ]
    return "\n".join(lines) + "\n"


def _closure_bullet(answer: Answer) -> str:
    if not answer.closures:
        return "The record marks no border closure; were one added, its days would be kept out of the comparison."
    years = closure_years(answer.closures)
    return f"{years[0].upper()}{years[1:]} is a period of its own: no day in it, and no day whose wait runs into it, is compared."


def _event(event) -> str:
    return link(event.date.human(), event_path(event.id), HERE)


def _silences_compared(summary) -> str:
    """The silences that hold a test against those around any day, with how little the few can say."""
    difference = summary.longer_with_tests
    if difference is None:
        return ""
    if difference <= 0:
        return "Measured that way, the silences around tests were no longer than those around ordinary days."
    return (
        f"Measured that way, the silences around tests were {days(difference)} longer at the median, over only "
        f"{plural(summary.with_tests, 'silence')}: too few to tell a difference of that size from chance."
    )


def _visit(event) -> str:
    return link(event.title, event_path(event.id), HERE)


def _wait_rows(waits: tuple[statistics.Wait, ...]) -> list[str]:
    rows = []
    for wait in waits:
        era = link(wait.era.title, era_path(wait.era.id), HERE) if wait.era else "–"
        if wait.days is None:
            rows.append(
                f"| {_event(wait.event)} | none to compare | no visit to compare (none since, or during the border closure) | – | {era} | – |"
            )
            continue
        typical = (
            f"{days(wait.median)} (middle half: {round(wait.quartiles[0])}–{round(wait.quartiles[1])})"
            if wait.median is not None
            else "–"
        )
        rows.append(
            f"| {_event(wait.event)} | {_visit(wait.visit)} | {days(wait.days)} | {typical} | {era} | "
            f"{ordinal(wait.percentile) if wait.percentile is not None else '–'} |"
        )
    return rows


def _waits_section(answer: Answer, chart: str) -> list[str]:
    found = answer.test_range
    if found is None:
        return ["## Waiting after each nuclear test", "", "No nuclear test in the record has a visit after it yet.", ""]
    shortest, longest = found.shortest, found.longest
    return [
        "## Waiting after each nuclear test",
        "",
        f"After each of the {plural(found.followed, 'nuclear test')}, a visit followed: the shortest wait was {days(shortest.days)} "
        f"(after {_event(shortest.event)}), the longest {days(longest.days)} (after {_event(longest.event)}). "
        f"The wait was longer than on most days of its era after {count(answer.overall.above_median)} of them.",
        "",
        chart,
        "| Nuclear test | Next visit | Wait | Typical wait in the era (median) | Era | Percentile |",
        "| --- | --- | --- | --- | --- | --- |",
        *_wait_rows(answer.tests),
        "",
    ]


def p_value_in_words(result: statistics.Overall, what: str) -> str:
    return (
        f"If the {plural(result.count, what)} had fallen on days picked at random within their eras, waits at least this long "
        f"on average would turn up {in_a_hundred(result.p_value)} "
        f"(a permutation test with {result.draws:,} draws and a fixed seed; p = {result.p_value:.2f})."
    )


def _overall_section(answer: Answer) -> list[str]:
    result = answer.overall
    lines = ["## Are tests like any other day?", ""]
    if result.p_value is None:
        return lines + ["The record has no test to compare yet.", ""]
    verdict = (
        "So the record gives no sign that the tests delayed contact."
        if result.p_value >= 0.05
        else "So waits this long after tests would be unusual on ordinary days: the record suggests the tests delayed contact."
    )
    return lines + [
        f"On average, the wait after a test sat at the {ordinal(result.mean_percentile)} percentile of its era's days.",
        p_value_in_words(result, "test"),
        verdict,
        "",
        f"**Limits.** {count(result.count).capitalize()} tests are a small sample: only a large and consistent delay could show up "
        f"at all, and a modest one would be missed{robustness_sections.power_words(answer)}. The waits count visits that happened "
        f"(visits put off are counted apart, under {link('postponed visits', ANALYSIS, HERE, ANCHORS['postponed'])}), and "
        "the comparison cannot say why a visit came when it did.",
        "",
    ]


def _launches_section(answer: Answer) -> list[str]:
    lines = [
        "## Long-range launches",
        "",
        "The same comparison for the long-range missile and satellite launches in the record: every satellite launch attempt, "
        "the first test of each long-range missile type, and a few later ICBM tests that the sources single out. The record "
        "does not hold every ICBM test, so this comparison depends on that selection.",
        "",
    ]
    result = answer.launches_overall
    if result.p_value is not None:
        lines += [
            f"On average the wait after a launch sat at the {ordinal(result.mean_percentile)} percentile of its era's days. "
            + p_value_in_words(result, "launch"),
            "",
        ]
    return lines + [
        "| Launch | Next visit | Wait | Typical wait in the era (median) | Era | Percentile |",
        "| --- | --- | --- | --- | --- | --- |",
        *_wait_rows(answer.launches),
        "",
    ]


def _silences_section(answer: Answer) -> list[str]:
    summary = answer.silence_summary
    lines = [
        "## The longest silences",
        "",
        f"A silence runs from the end of one visit to the start of the next. The {count(SILENCES_SHOWN)} longest since "
        f"{statistics.FIRST_DAY.year}:",
        "",
        "| Silence | From | To | Nuclear tests inside | Began soon after a nuclear test | Launches inside | Known gaps inside |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for silence in answer.silences[:SILENCES_SHOWN]:
        tests = ", ".join(_event(t) for t in silence.tests) or "none"
        launches = ", ".join(_event(t) for t in silence.launches) or "none"
        note = " (holds the border closure)" if silence.closure else ""
        soon = ", ".join(_event(t) for t in silence.soon_after) or "no"
        gaps = "; ".join(f"{text(g.visit)}{'' if inside else ' (may fall inside)'}" for g, inside in silence.gaps) or "none"
        lines.append(
            f"| {days(silence.days)}{note} | {_visit(silence.after)} | {_visit(silence.before)} | {tests} | {soon} | {launches} | {gaps} |"
        )
    lines += [
        "",
        f"*Began soon after a nuclear test*: a test came in the {statistics.SOON} days before the silence began. "
        f"*Known gaps*: visits the {link('method', METHOD, HERE, anchor='known-gaps')} lists as reported but not sourced; "
        "a silence that holds one may have been shorter.",
        "",
    ]
    if summary.median_all is not None:
        lines += [
            f"Leaving out the silence that holds the border closure, the typical (median) silence lasted {days(summary.median_all)}. "
            f"{count(summary.with_tests).capitalize()} silences held a nuclear test; their median length was "
            f"{days(summary.median_with_tests) if summary.median_with_tests is not None else '–'}. "
            f"That is longer than the typical silence, but a test, like any day, is more likely to fall in a long silence than a "
            f"short one, because a long silence holds more days: the silence around a day picked at random has a median of "
            f"{days(summary.median_around_a_day)}. {_silences_compared(summary)}",
            "",
            *_soon_after(summary),
        ]
    return lines


def _soon_after(summary) -> list[str]:
    """Silences that began soon after a test: the other way a test could show in a silence."""
    if not summary.soon_after_tests:
        return []
    return [
        f"A test could also show in the silence that *follows* it: {plural(summary.soon_after_tests, 'silence')} outside the "
        f"border closure began within {statistics.SOON} days after a nuclear test, with a median length of "
        f"{days(summary.median_soon_after_tests)}, against {days(summary.median_all)} for every silence.",
        "",
    ]


def _tiers_section(answer: Answer) -> list[str]:
    lines = [
        "## Who counts as high-level",
        "",
        "Whether the answer holds depends on who is counted. Each tier below repeats the comparison with only its visits; "
        "“without special envoys” leaves out the envoys leaders sent, often in a crisis.",
        "",
        "| Visits counted | Visits since " + str(statistics.FIRST_DAY.year) + " | Waits after the tests | Mean percentile | "
        "Random days as slow | Tests like any other day? |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for result in answer.tiers:
        waits = ", ".join(days(w.days) if w.days is not None else "–" for w in result.waits)
        overall = result.overall
        if overall.p_value is None:
            lines.append(f"| {text(result.tier.label)} | {result.visits} | {waits} | – | – | – |")
            continue
        holds = "yes" if overall.p_value >= 0.05 else "no: waits were unusually long"
        lines.append(
            f"| {text(result.tier.label)} | {result.visits} | {waits} | {ordinal(overall.mean_percentile)} | "
            f"{in_a_hundred(overall.p_value)} | {holds} |"
        )
    family = robustness_sections.family_words(answer)
    return lines + [""] + ([*family, ""] if family else [])


def _envoys_section(answer: Answer) -> list[str]:
    envoys = answer.envoys
    if not envoys.first_after_tests:
        return ["## Crisis or routine", "", "No nuclear test in the record has a visit after it yet.", ""]
    return [
        "## Crisis or routine",
        "",
        f"Each visit records its purpose: a summit, a special envoy, a ceremony or a working visit. Special envoys made "
        f"{plural(envoys.envoys, 'visit')} of the {envoys.visits} since {statistics.FIRST_DAY.year}, but the first visit after "
        f"{count(envoys.envoys_first_after_tests)} of the {plural(envoys.first_after_tests, 'test')} was an envoy's. "
        + (
            "Contact after a test was crisis diplomacy more than routine"
            if 2 * envoys.envoys_first_after_tests > envoys.first_after_tests
            else "Envoys came first after some tests, routine visits after the others"
        )
        + "; without the envoys the waits grow (see the tiers above).",
        "",
    ]


def _closure_section(answer: Answer) -> list[str]:
    lines = ["## The border closure", ""]
    if not answer.closed:
        return lines + ["The record marks no border closure.", ""]
    for closure in answer.closed:
        event = closure.event
        lines.append(
            f"{_visit(event)}: from {text(event.date.human())} to {text(event.last_date.human())}, "
            f"{plural(closure.visits, 'visit')} in the record. Days in it are not compared with days outside it."
        )
    return lines + [""]


def _per_year_section(answer: Answer, chart: str) -> list[str]:
    lines = [
        "## Visits per year, by era",
        "",
        f"Before {chronology.COMPLETE_FROM + 1} the record holds only the most senior visits, so the earlier years look emptier "
        f"than they were, and years without one are left out ({link('what counts as an event', METHOD, HERE, anchor='what-counts-as-an-event')}).",
        "",
        chart,
        "| Year | China → North Korea | North Korea → China | Era |",
        "| --- | --- | --- | --- |",
    ]
    for row in answer.per_year:  # from the year the record is complete, a year without visits gets a row too
        year_cell = link(str(row.year), year_path(row.year), HERE) if row.has_page else str(row.year)
        eras = "; ".join(text(t) for t in row.eras) or "–"
        lines.append(f"| {year_cell} | {row.to_north_korea} | {row.to_china} | {eras} |")
    return lines + [""]


def _forecast_section(dataset: Dataset) -> list[str]:
    forecast = next((c for c in dataset.claims if c.type == "prediction"), None)
    if not forecast:
        return []
    return [
        "## The forecast",
        "",
        f"The article's forecast, judged with its condition and the record since March 2016: {link(forecast.quote, claim_path(forecast.id), HERE)}.",
        "",
    ]


def _change(value: float | None) -> str:
    return "–" if value is None else f"{value:+.0%}".replace("-", "−")


def _year_only(answer: Answer) -> str:
    left_out = answer.year_only
    if not left_out:
        return ""
    named = "; ".join(f"{link(e.title, event_path(e.id), HERE)} ({e.date.human()})" for e in left_out)
    return (
        f" A visit known only to the year could lie anywhere in it, so {plural(len(left_out), 'such visit')} "
        f"{'is' if len(left_out) == 1 else 'are'} left out: {named}."
    )


def _money(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}"


def _figure(figure: trade.Figure) -> str:
    return _money(figure.value) + (" (derived)" if figure.derived else "")


def _trade_rows(rows: tuple[trade.Around, ...]) -> list[str]:
    return [
        f"| {_event(row.event)} | {text(row.event.title)} | {row.before}: {_money(row.total_before)} | {row.after}: "
        f"{_money(row.total_after)} | {_change(row.change)} | {ordinal(row.percentile) if row.percentile is not None else '–'} |"
        for row in rows
    ]


def _trade_section(answer: Answer, chart: str) -> list[str]:
    found = answer.trade
    lines = ["## Trade after tests and sanctions", ""]
    if found.first_year is None:
        return lines + ["The record holds no trade figures yet.", ""]
    lines += [
        "Visits are one measure of relations; trade is another. "
        f"China's customs put its trade with North Korea at ${_money(found.first_total)} million in {found.first_year}, "
        f"${_money(found.peak[1])} million at the peak in {found.peak[0]}, and ${_money(found.latest[1])} million in "
        f"{found.latest[0]}. The figures are China's customs figures, as news agencies and other publications reported them; "
        "South Korean estimates, which differ, are kept apart.",
        "",
        chart,
        f"Each row compares the total in the year before an event's year with the year after it. The usual change over two "
        f"years (the median of every such change in the series, leaving out those that touch the border closure) was "
        f"{_change(found.usual)}; the percentile places each change among them (a low percentile is an unusual fall).",
        "",
        "| Date | Nuclear test | Year before (US$ million) | Year after | Change | Percentile |",
        "| --- | --- | --- | --- | --- | --- |",
        *_trade_rows(found.tests),
        "",
        "| Date | Step of sanctions | Year before (US$ million) | Year after | Change | Percentile |",
        "| --- | --- | --- | --- | --- | --- |",
        *_trade_rows(found.sanctions),
        "",
    ]
    if found.largest_open_fall:
        start, stop, change = found.largest_open_fall
        steps = found.steps_in_open_fall
        held = (
            f", the years of {plural(len(steps), 'step')} of sanctions ({', '.join(_event(e) for e in steps)})" if steps else ""
        )
        lines += [
            f"Leaving out the border closure, the largest fall over two years was {_change(change)}, from {start} to {stop}"
            f"{held}. A missing year leaves a row without a change: the gaps are listed on the "
            f"{link('method page', METHOD, HERE, anchor='trade-figures')}.",
            "",
        ]
    lines += [
        "**Limits.** A year is a coarse unit: a test early in a year and one late in it look the same, and trade answers "
        "prices, harvests and smuggling as well as politics. The comparison shows what moved with what, not why.",
        "",
        "### The trade figures",
        "",
        "| Year | China's exports | China's imports | Total | South Korean estimate (KOTRA) |",
        "| --- | --- | --- | --- | --- |",
    ]
    for row in found.figures:
        lines.append(
            f"| {row.year} | {_figure(row.exports)} | {_figure(row.imports)} | {_figure(row.total)} | {_figure(row.kotra)} |"
        )
    return lines + [
        "",
        "In US$ million. Each figure is given as its source reports it, so a total can differ by a few million from its "
        "parts, each rounded on its own. *Derived*: worked out by arithmetic from figures a source states (a total and a change, or a total "
        f"and one part), not stated itself; the note in the download says how. The monthly figures and every source are in "
        f"the {link('downloads', DATA, HERE)}.",
        "",
    ]

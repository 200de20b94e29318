"""The analysis page's sections on relations beyond the timing of visits: contact by level year by
year, the signals besides visits, and trade month by month. Numbers from the Answer."""

from __future__ import annotations

import calendar

from ..analyse import monthly
from ..analyse.answer import Answer
from ..analyse.gaps import KNOWN_GAPS
from ..data.model import LEVELS
from ..urls import ANALYSIS, METHOD, event_path, year_path
from ..wording import count, plural
from .markup import link, text

HERE = ANALYSIS
LEVEL_WORDS = {"leader": "Leaders and heads of state", "top": "Top leadership", "ministerial": "Ministerial"}


def votes_words(votes) -> str:
    """China's votes on the resolutions that imposed or tightened sanctions, as a clause."""
    total, voted = len(votes.sanctions), votes.for_
    what = "Security Council resolution" + ("s" if total != 1 else "") + " that imposed or tightened sanctions"
    if voted == total:
        return f"China voted for the one {what}" if total == 1 else f"China voted for all {count(total)} {what}"
    if voted == 0:
        return f"China did not vote for the one {what}" if total == 1 else f"China voted for none of the {count(total)} {what}"
    return f"China voted for {count(voted)} of the {count(total)} {what}"


def levels_section(answer: Answer, years_with_pages: set[int], chart: str = "") -> list[str]:
    found = answer.relations
    lines = ["## Contact by level, year by year", ""]
    if not found.levels:
        return lines + ["The record holds no visit since the year it is complete from.", ""]
    gap_years = {g.date.year for g in KNOWN_GAPS}
    lines += [
        f"Visits each year since {found.levels[0].year}, by the rank of the person who led them "
        f"({link('levels', METHOD, HERE, anchor='how-senior-and-why')}), with the nuclear tests of the year.",
        "",
        chart,
        "| Year | " + " | ".join(LEVEL_WORDS.get(level, level) for level in LEVELS) + " | All visits | Nuclear tests | Note |",
        "| --- | " + " | ".join("---" for _ in LEVELS) + " | --- | --- | --- |",
    ]
    for row in found.levels:
        notes = [note for note, applies in (("border closure", row.closed), ("known gaps", row.year in gap_years)) if applies]
        lines.append(
            f"| {link(str(row.year), year_path(row.year), HERE) if row.year in years_with_pages else row.year} | "
            + " | ".join(str(row.by_level[level]) for level in LEVELS)
            + f" | {row.total} | {row.tests} | {', '.join(notes) or '–'} |"
        )
    lines.append("")
    run = found.without_leaders
    if run is not None:
        empty = ", ".join(
            f"{year}{' (the method lists known gaps in it)' if year in gap_years else ''}" for year in found.empty_years
        )
        lines += [
            f"Outside the border closure, the longest run of years without a visit by a paramount leader or head of state was "
            f"{run.first if run.first == run.last else f'{run.first}–{run.last}'} ({plural(run.years, 'year')}, holding "
            f"{plural(run.tests, 'nuclear test')}). "
            + (f"Years with no visit at all: {empty}." if empty else "Every year outside the closure had at least one visit."),
            "",
        ]
    return lines


def signals_section(answer: Answer) -> list[str]:
    found = answer.relations
    lines = ["## Signals besides visits", "", "What China did besides sending or receiving visitors, as the record holds it.", ""]
    votes = found.votes
    if votes.sanctions:
        lines += [
            f"**Votes.** {votes_words(votes)}:",
            "",
            "| Date | Resolution | China's vote |",
            "| --- | --- | --- |",
            *[
                f"| {link(e.date.human(), event_path(e.id), HERE)} | {text(e.title)} | {text(e.china_vote or '–')} |"
                for e in votes.sanctions
            ],
            "",
        ]
        if votes.drafts_failed:
            lines += [
                "Drafts China voted against: "
                + "; ".join(f"{link(e.title, event_path(e.id), HERE)} ({e.date.human()})" for e in votes.drafts_failed)
                + ".",
                "",
            ]
    if found.china_sanctions:
        lines += [
            f"**China's own sanctions.** {plural(len(found.china_sanctions), 'measure').capitalize()} in the record: "
            + "; ".join(f"{link(e.title, event_path(e.id), HERE)} ({e.date.human()})" for e in found.china_sanctions)
            + ".",
            "",
        ]
    if not (votes.sanctions or votes.drafts_failed or found.china_sanctions or found.seoul_first):
        lines += ["The record holds no sanctions vote, no sanctions of China's own and no leader's trip to Seoul yet.", ""]
    for trip in found.seoul_first:
        later = (
            f"{trip.days:,} days before his first visit to North Korea as leader ({link(trip.pyongyang.title, event_path(trip.pyongyang.id), HERE)})"
            if trip.pyongyang
            else "before any visit to North Korea as leader"
        )
        lines += [
            f"**Where the leader went first.** {link(trip.seoul.title, event_path(trip.seoul.id), HERE)}: {trip.seoul.date.human()}, {later}.",
            "",
        ]
    return lines


def _month(year: int, month: int) -> str:
    return f"{calendar.month_name[month]} {year}"


def _pct(change: float) -> str:
    return f"{change:+.0%}".replace("-", "−")


def monthly_section(answer: Answer) -> list[str]:
    found = answer.monthly
    lines = ["### Trade month by month", ""]
    if found.first is None:
        return lines + ["The record holds no monthly trade figures yet.", ""]
    lines += [
        f"China's customs figures month by month run from {_month(*found.first)} to {_month(*found.last)}. Each month is compared "
        "with the same month a year earlier, which a test early in a year and a ban late in it cannot blur. Comparisons stop at "
        "the border closure.",
        "",
    ]
    if found.before_series:
        lines += [
            "Before the monthly figures begin: "
            + ", ".join(f"{link(e.title, event_path(e.id), HERE)} ({e.date.human()})" for e in found.before_series)
            + ".",
            "",
        ]
    months = sorted({(m.year, m.month) for field in monthly.FIELDS for m in found.changes[field]})
    if not months:
        return lines + ["No month has a figure for the same month a year earlier yet.", ""]
    by = {(field, m.year, m.month): m for field in monthly.FIELDS for m in found.changes[field]}
    marked = {}
    for after in found.events:
        marked.setdefault((after.event.date.year, after.event.date.month), []).append(after.event)
    lines += [
        "| Month | Total (US$ million) | A year earlier | Change | China's imports | A year earlier | Change | Tests and sanctions since the month before |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    previous = None
    for year, month in months:
        cells = []
        for field in monthly.FIELDS:
            m = by.get((field, year, month))
            cells += [f"{m.value:,.0f}", f"{m.year_before:,.0f}", _pct(m.change)] if m else ["–", "–", "–"]
        since = [
            e
            for key, events in sorted(marked.items())
            for e in events
            if (previous is None or key > previous) and key <= (year, month)
        ]
        named = ", ".join(link(e.date.human(), event_path(e.id), HERE) for e in since) or "–"
        lines.append(f"| {_month(year, month)} | " + " | ".join(cells) + f" | {named} |")
        previous = (year, month)
    imports = found.changes["imports"]
    fell = sum(1 for m in imports if m.change < 0)
    lines += [
        "",
        f"China's imports from North Korea, which the coal, iron, seafood and textile bans struck, were below the same month a "
        f"year earlier in {fell} of the {plural(len(imports), 'month')} compared"
        + (f", from {_month(imports[0].year, imports[0].month)}" if imports else "")
        + ". The months between the tests and the steps of sanctions are few, and many months have no figure "
        f"({link('the gaps', METHOD, HERE, anchor='trade-figures')}): the table shows what moved when, not why.",
        "",
    ]
    return lines

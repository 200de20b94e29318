"""The annotated article, one page per claim, the scorecard and the analysis page."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from ..analyse import analyses
from ..analyse.claims import ASSESSED, CONSISTENT, CONTRADICTED, NOT_CHECKABLE, SYMBOLS, VERDICT_LABELS, Verdict
from ..charts.strips import around, strip_block
from ..data.dataset import Dataset
from ..data.model import CLAIM_TYPES, Claim
from ..urls import ANALYSIS, ARTICLE, CLAIMS_INDEX, METHOD, claim_path, event_path, year_path
from .markup import external, front_matter, json_for_script, link, text


def badge(verdict: str, target: str, here: str, about: str = "") -> str:
    """A verdict shown by symbol and words, never by colour alone; `about` (a quote) is named by its
    first words, so that badges side by side do not read the same."""
    label = f"{SYMBOLS[verdict]} {VERDICT_LABELS[verdict]}"
    if about:
        words = about.split()
        label += f": “{' '.join(words[:5])}{'…' if len(words) > 5 else ''}”"
    return f'<span class="lt-verdict lt-{verdict.replace(" ", "-")}">{link(label, target, here)}</span>'


def annotated_article(dataset: Dataset, verdicts: dict[str, Verdict]) -> str:
    article = dataset.article
    here = ARTICLE
    claims_by_paragraph: dict[int, list[Claim]] = {}
    for claim in dataset.claims:
        claims_by_paragraph.setdefault(claim.paragraph, []).append(claim)
    lines = [
        front_matter(
            description=f"“{article.title}” ({article.publication}, {article.published.human()}), paragraph by paragraph, each dated statement checked against the record."
        ),
        f"# {text(article.title)}",
        "",
        f"*{text(article.publication)}{', ' + text(article.section) if article.section else ''}, {text(article.published.human())}.* "
        f"Quoted for review; the original is at {external(article.url, article.url)}.",
        "",
        "Each checked passage is highlighted and followed by its verdict: "
        + ", ".join(f"{SYMBOLS[v]} {VERDICT_LABELS[v].lower()}" for v in (CONSISTENT, CONTRADICTED, NOT_CHECKABLE, ASSESSED))
        + f". The {link('claims scorecard', CLAIMS_INDEX, here)} lists them all.",
        "",
    ]
    if article.dek:
        lines += [f"*{text(article.dek)}*", ""]
    for number, paragraph in enumerate(article.paragraphs, 1):
        body, judged = _highlighted(text(paragraph), claims_by_paragraph.get(number, []), verdicts, here)
        lines += [f"**¶{number}** {body}", "{: #p" + str(number) + " }", ""]
        if judged:
            badges = [badge(verdicts[c.id].verdict, claim_path(c.id), here, about=c.quote) for c in judged]
            lines += ["Checked here: " + " · ".join(badges), "{: .lt-checks }", ""]
    if article.correction:
        lines += [f"*Publisher's note:* {text(article.correction)}", ""]
    return "\n".join(lines)


def _highlighted(body: str, claims: list[Claim], verdicts: dict[str, Verdict], here: str) -> tuple[str, list[Claim]]:
    """The paragraph with each claim's passage marked and linked to its claim, and the claims in the
    order of their passages (so the n-th badge is the n-th highlight). A passage inside or across
    one already marked is not marked again: links cannot nest."""
    quotes = {c.id: text(c.quote) for c in claims}
    found = sorted(((body.find(quotes[c.id]), c) for c in claims), key=lambda pair: (pair[0] < 0, pair[0]))
    pieces, done = [], 0
    for start, claim in found:
        end = start + len(quotes[claim.id])
        if start < done:  # not in the paragraph, or overlapping the previous passage
            continue
        css = verdicts[claim.id].verdict.replace(" ", "-")
        pieces += [body[done:start], f'<mark class="lt-mark lt-{css}">{link(claim.quote, claim_path(claim.id), here)}</mark>']
        done = end
    return "".join(pieces) + body[done:], [c for _, c in found]


def claim_page(dataset: Dataset, claim: Claim, verdict: Verdict) -> str:
    here = claim_path(claim.id)
    article = dataset.article
    lines = [
        front_matter(
            description=f"{VERDICT_LABELS[verdict.verdict]}: “{claim.quote}” ({article.publication}, paragraph {claim.paragraph})."
        ),
        f"# “{text(claim.quote)}”",
        "",
        f"{text(article.publication)}, {link(f'paragraph {claim.paragraph}', ARTICLE, here, anchor=f'p{claim.paragraph}')} · type: {text(claim.type)}",
        "",
        f"## {SYMBOLS[verdict.verdict]} {VERDICT_LABELS[verdict.verdict]}",
        "",
    ]
    # The explanation joins the findings that decided the verdict. When every check decided it,
    # the list alone says it all; otherwise the deciding ones lead and the list follows.
    mixed = len({f.verdict for f in verdict.findings}) > 1
    if len(verdict.findings) <= 1 or mixed:
        lines += [text(verdict.explanation), ""]
    if len(verdict.findings) > 1:
        lines += ["Each check:", ""]
        lines += [f"- {SYMBOLS[f.verdict]} {text(f.explanation)}" for f in verdict.findings]
        lines.append("")
    if claim.note:
        lines += ['!!! note "Context"', "", f"    {text(claim.note)}", ""]
    if claim.events:
        events = tuple(sorted((dataset.event_by_id[i] for i in claim.events), key=lambda e: e.date))
        start, end = around(events)
        lines += ["## Events", "", strip_block(events, here, start=start, end=end, what="the events of this claim")]
        for event_id in sorted(claim.events, key=lambda i: dataset.event_by_id[i].date):
            event = dataset.event_by_id[event_id]
            sources = ", ".join(external(s.publisher, s.url) for s in event.sources)
            lines.append(f"- {text(event.date.human())}: {link(event.title, event_path(event.id), here)} (sources: {sources})")
        lines.append("")
    if claim.type in ("interpretation", "prediction"):
        lines += [f"See also the {link('analysis of tests and visits', ANALYSIS, here)}.", ""]
    lines += [f'<script type="application/ld+json">{json_for_script(claim_review(dataset, claim, verdict))}</script>', ""]
    return "\n".join(lines)


def claim_review(dataset: Dataset, claim: Claim, verdict: Verdict) -> dict:
    """schema.org ClaimReview, so search engines can show the verdict."""
    article = dataset.article
    rating = {CONSISTENT: 5, CONTRADICTED: 1, NOT_CHECKABLE: 3, ASSESSED: 3}[verdict.verdict]
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": claim.quote,
        "author": {"@type": "Organization", "name": "Lips and Teeth"},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": rating,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": VERDICT_LABELS[verdict.verdict],
        },
        "itemReviewed": {
            "@type": "Claim",
            "appearance": {
                "@type": "NewsArticle",
                "headline": article.title,
                "url": article.url,
                "publisher": {"@type": "Organization", "name": article.publication},
            },
        },
    }


def claims_index(dataset: Dataset, verdicts: dict[str, Verdict]) -> str:
    here = CLAIMS_INDEX
    counts = Counter(v.verdict for v in verdicts.values())
    covered = {c.paragraph for c in dataset.claims}
    uncovered = [n for n in range(1, len(dataset.article.paragraphs) + 1) if n not in covered]
    lines = [
        front_matter(description=f"Scorecard: {len(dataset.claims)} statements of the article checked against the record."),
        "# Claims",
        "",
        f"{len(dataset.claims)} statements of {link('the article', ARTICLE, here)} are checked; verdicts are computed from the record at every build.",
        "",
        "| Verdict | Claims |",
        "| --- | --- |",
        *[f"| {SYMBOLS[v]} {VERDICT_LABELS[v]} | {counts[v]} |" for v in (CONSISTENT, CONTRADICTED, NOT_CHECKABLE, ASSESSED)],
        "",
        "| Type | Claims |",
        "| --- | --- |",
        *[f"| {t} | {sum(1 for c in dataset.claims if c.type == t)} |" for t in CLAIM_TYPES],
        "",
        "Paragraphs with no checked claim: "
        + (", ".join(link(f"¶{n}", ARTICLE, here, anchor=f"p{n}") for n in uncovered) or "none")
        + ".",
        "",
        "## All claims",
        "",
    ]
    for claim in dataset.claims:
        lines.append(
            f"- ¶{claim.paragraph} {badge(verdicts[claim.id].verdict, claim_path(claim.id), here)} “{text(claim.quote)}”"
        )
    return "\n".join(lines) + "\n"


def analysis_page(dataset: Dataset, gap_chart: str = "", visits_chart: str = "") -> str:
    here = ANALYSIS
    visits = analyses.visits(dataset)
    typical = analyses.median_gap_between_visits(dataset) or 0
    lines = [
        front_matter(
            description="Did North Korea's nuclear tests stop high-level contact with China? Days from each test to the next visit, and visits per year by era."
        ),
        "# Tests and visits",
        "",
        "## Contact after each nuclear test",
        "",
        f"Since {analyses.COMPLETE_FROM}, the typical (median) gap between one high-level visit and the next, in either direction, "
        f"is {typical:,.0f} days.",
        "",
        gap_chart,
        "| Nuclear test | Next visit | Days after the test |",
        "| --- | --- | --- |",
    ]
    for test in analyses.of_kind(dataset, "nuclear-test"):
        following = analyses.next_visit(dataset, test)
        if following is None:
            lines.append(f"| {link(test.date.human(), event_path(test.id), here)} | none in the record | – |")
        else:
            days = analyses.gap(test, following).human()
            lines.append(
                f"| {link(test.date.human(), event_path(test.id), here)} | {link(following.title, event_path(following.id), here)} | {days} |"
            )
    lines += [
        "",
        "## Visits per year, by era",
        "",
        f"Before {analyses.COMPLETE_FROM + 1} the record holds only the most senior visits, so the earlier years look emptier "
        f"than they were, and years without one are left out ({link('what counts as an event', METHOD, here, anchor='what-counts-as-an-event')}).",
        "",
        visits_chart,
        "| Year | China → North Korea | North Korea → China | Era |",
        "| --- | --- | --- | --- |",
    ]
    eras = analyses.eras(dataset)
    visit_years = {v.date.year for v in visits}
    # From the year the record is complete, a year without visits is a finding too: it gets a row.
    complete = range(analyses.COMPLETE_FROM + 1, max(visit_years, default=analyses.COMPLETE_FROM) + 1)
    for year in sorted(visit_years | set(complete)):
        these = [e for e in analyses.events_in_year(dataset, year) if e.kind == "visit"]
        to_kp = sum(1 for v in these if v.from_ == "CN")
        to_cn = sum(1 for v in these if v.from_ == "KP")
        named = [e.title for e in eras if e.overlaps(dt.date(year, 1, 1), dt.date(year, 12, 31))]  # a year may span two
        year_cell = link(str(year), year_path(year), here) if analyses.events_in_year(dataset, year) else str(year)
        lines.append(f"| {year_cell} | {to_kp} | {to_cn} | {'; '.join(text(t) for t in named) or '–'} |")
    forecast = next((c for c in dataset.claims if c.type == "prediction"), None)
    if forecast:
        lines += [
            "",
            "## The forecast",
            "",
            f"The article's forecast, judged with the record after March 2016: {link(forecast.quote, claim_path(forecast.id), here)}.",
            "",
        ]
    return "\n".join(lines) + "\n"

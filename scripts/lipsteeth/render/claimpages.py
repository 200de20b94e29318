"""The annotated article, one page per claim, and the scorecard."""

from __future__ import annotations

from .. import urls
from ..analyse.answer import Scorecard
from ..analyse.claims import (
    ASSESSED,
    CHAINED,
    CONSISTENT,
    CONTRADICTED,
    NOT_CHECKABLE,
    Ruling,
    Verdict,
    label,
)
from ..analyse.placeholders import fill
from ..charts.strips import around, strip_block
from ..data import quotes
from ..data.dataset import Dataset
from ..data.model import CLAIM_TYPES, Claim
from ..urls import ANALYSIS, ARTICLE, CLAIMS_INDEX, claim_path, event_path
from .citation import cite_block, updated_line
from .markup import external, front_matter, json_for_script, link, marked, text
from .sources import source_link


def badge(verdict: Ruling, target: str, here: str, about: str = "") -> str:
    """A verdict shown by symbol and words, never by colour alone; `about` (a quote) is named by its
    first words, so that badges side by side do not read the same."""
    label = verdict.shown()
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
        + ", ".join(f"{v.symbol} {v.label.lower()}" for v in Ruling)
        + f". The {link('claims scorecard', CLAIMS_INDEX, here)} lists them all.",
        "",
    ]
    if article.dek:
        lines += [f"*{text(article.dek)}*", ""]
    for number, paragraph in enumerate(article.paragraphs, 1):
        body, judged = _highlighted(paragraph, claims_by_paragraph.get(number, []), verdicts, here)
        lines += [f"**¶{number}** {body}", "{: #p" + str(number) + " }", ""]
        if judged:
            badges = [badge(verdicts[c.id].verdict, claim_path(c.id), here, about=c.quote) for c in judged]
            lines += ["Checked here: " + " · ".join(badges), "{: .lt-checks }", ""]
    if article.correction:
        lines += [f"*Publisher's note:* {text(article.correction)}", ""]
    return "\n".join(lines)


def _highlighted(paragraph: str, claims: list[Claim], verdicts: dict[str, Verdict], here: str) -> tuple[str, list[Claim]]:
    """The paragraph with each claim's passage marked and linked to its claim, and the claims in the
    order of their passages (so the n-th badge is the n-th highlight). A passage is found as `check`
    finds it (a quote typed with straight quotes marks the article's curly ones) and shows the
    article's own words. A passage inside or across one already marked is not marked again: links
    cannot nest."""
    body = " ".join(paragraph.split())  # on one line, as the page shows it
    found = sorted(((quotes.find(c.quote, body), c) for c in claims), key=lambda pair: (pair[0] is None, pair[0]))
    marks, done = [], 0
    for span, claim in found:
        if span is None or span[0] < done:  # not in the paragraph, or overlapping the previous passage
            continue
        start, end = span
        css = verdicts[claim.id].verdict.replace(" ", "-")
        marks.append((start, end, f'<mark class="lt-mark lt-{css}">{link(body[start:end], claim_path(claim.id), here)}</mark>'))
        done = end
    return marked(body, marks), [c for _, c in found]


def _reading_order(dataset: Dataset, claim: Claim) -> tuple[int, int]:
    """Paragraph by paragraph, and within one in the order a reader meets the passages."""
    paragraph = dataset.article.paragraphs[claim.paragraph - 1]
    span = quotes.find(claim.quote, paragraph)
    return claim.paragraph, span[0] if span else len(paragraph)


def claim_page(
    dataset: Dataset,
    claim: Claim,
    verdict: Verdict,
    reviewed: str | None = None,
    site_url: str | None = None,
    updated: str | None = None,
    repo_url: str | None = None,
) -> str:
    """`reviewed`: the day the claim's own record last changed (the ClaimReview's date); `updated`: the
    day it or one of its events did (the page's), where git gives them."""
    here = claim_path(claim.id)
    article = dataset.article
    lines = [
        front_matter(description=f"{label(verdict)}: “{claim.quote}” ({article.publication}, paragraph {claim.paragraph})."),
        f"# “{text(claim.quote)}”",
        "",
        *updated_line(updated),
        f"{text(article.publication)}, {link(f'paragraph {claim.paragraph}', ARTICLE, here, anchor=f'p{claim.paragraph}')} · type: {text(claim.type)}",
        "",
        f"## {verdict.verdict.symbol} {label(verdict)}",
        "",
    ]
    # The explanation joins the findings that decided the verdict. When every check decided it,
    # the list alone says it all; otherwise the deciding ones lead and the list follows.
    mixed = len({f.verdict for f in verdict.findings}) > 1
    if len(verdict.findings) <= 1 or mixed:
        lines += [text(verdict.explanation), ""]
    if len(verdict.findings) > 1:
        lines += ["Each check:", ""]
        lines += [f"- {f.verdict.symbol} {text(f.explanation)}" for f in verdict.findings]
        lines.append("")
    for root in verdict.roots:
        error = dataset.claim_by_id[root]
        outcome = (
            "Measured from the record's date instead, the statement holds."
            if verdict.holds
            else "Measured from the record's date instead, it does not hold: it repeats that error."
        )
        lines += [
            f"The article measures this from a date it gets wrong: {link(error.quote, claim_path(error.id), here)} "
            f"({CONTRADICTED.symbol} {CONTRADICTED.label.lower()}). {outcome} "
            "The scorecard counts the error once, there.",
            "",
        ]
    if claim.reading:
        lines += ['!!! info "How the checker reads it"', "", f"    {text(fill(claim.reading, dataset))}", ""]
    if claim.note:
        lines += ['!!! note "Context"', "", f"    {text(fill(claim.note, dataset))}", ""]
    if claim.events:
        events = tuple(sorted((dataset.event_by_id[i] for i in claim.events), key=lambda e: e.date))
        start, end = around(events)
        lines += ["## Events", "", strip_block(events, here, start=start, end=end, what="the events of this claim")]
        for event_id in sorted(claim.events, key=lambda i: dataset.event_by_id[i].date):
            event = dataset.event_by_id[event_id]
            sources = ", ".join(source_link(s, s.publisher) for s in event.sources)
            lines.append(f"- {text(event.date.human())}: {link(event.title, event_path(event.id), here)} (sources: {sources})")
        lines.append("")
    if claim.type in ("interpretation", "prediction"):
        lines += [f"See also the {link('analysis of tests and visits', ANALYSIS, here)}.", ""]
    lines += cite_block(claim.quote, here, updated, site_url, repo_url)
    review = claim_review(dataset, claim, verdict, reviewed, site_url)
    lines += [f'<script type="application/ld+json">{json_for_script(review)}</script>', ""]
    return "\n".join(lines)


def claim_review(
    dataset: Dataset, claim: Claim, verdict: Verdict, reviewed: str | None = None, site_url: str | None = None
) -> dict:
    """schema.org ClaimReview as fact-check consumers read it: the review (its page, its date, who
    reviewed), the claim reviewed as a sentence that stands on its own, and the claim itself (who
    made it, when, and where it appeared)."""
    article = dataset.article
    # Only a computed verdict gets a number; a judgement or an undecidable claim gets words alone,
    # so that no score claims a precision it lacks.
    rating: dict = {"@type": "Rating", "alternateName": label(verdict)}
    if verdict.verdict in (CONSISTENT, CONTRADICTED, CHAINED):
        value = {CONSISTENT: 5, CONTRADICTED: 1}.get(verdict.verdict, 3 if verdict.holds else 1)
        rating |= {"ratingValue": value, "bestRating": 5, "worstRating": 1}
    publisher = {"@type": "Organization", "name": article.publication}
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": claim.statement or claim.quote,
        "author": {"@type": "Organization", "name": "Lips and Teeth"},
        "reviewRating": rating,
        "itemReviewed": {
            "@type": "Claim",
            "author": publisher,
            "datePublished": article.published.iso(),
            "appearance": {
                "@type": "NewsArticle",
                "headline": article.title,
                "url": article.url,
                "datePublished": article.published.iso(),
                "publisher": publisher,
            },
        },
    }
    if reviewed:
        review["datePublished"] = reviewed
    if site_url:
        review["url"] = urls.absolute(site_url, urls.url(claim_path(claim.id)))
    return review


def claims_index(dataset: Dataset, verdicts: dict[str, Verdict], card: Scorecard) -> str:
    here = CLAIMS_INDEX
    counts = card.counts
    covered = {c.paragraph for c in dataset.claims}
    uncovered = [n for n in range(1, len(dataset.article.paragraphs) + 1) if n not in covered]
    rest = "rests" if counts[CHAINED] == 1 else "rest"
    chained = f" ({counts[CHAINED]} more {rest} on those errors)" if counts[CHAINED] else ""
    lines = [
        front_matter(description=f"Scorecard: {card.total} statements of the article checked against the record."),
        "# Claims",
        "",
        f"{card.total} statements of {link('the article', ARTICLE, here)} are checked; verdicts are computed from the record at every build.",
        f"{counts[CONSISTENT]} agree with the record and {counts[CONTRADICTED]} disagree{chained}; "
        f"{counts[NOT_CHECKABLE]} cannot be decided from the record, and {counts[ASSESSED]} are judgements the editors assess.",
        "",
        "| Verdict | Claims |",
        "| --- | --- |",
        *[f"| {v.shown()} | {counts[v]} |" for v in Ruling],
        "",
    ]
    if card.chained_to:
        lines += [
            "## Errors the article builds on",
            "",
            "Some statements are measured from a date the article gets wrong. They are counted with that error, not as "
            "errors of their own:",
            "",
        ]
        for root, dependants in card.chained_to.items():
            error = dataset.claim_by_id[root]
            following = "; ".join(f"“{link(dataset.claim_by_id[d].quote, claim_path(d), here)}”" for d in dependants)
            lines.append(f"- ¶{error.paragraph} “{link(error.quote, claim_path(root), here)}”: then {following}")
        lines.append("")
    lines += [
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
    for claim in sorted(dataset.claims, key=lambda c: _reading_order(dataset, c)):
        lines.append(
            f"- ¶{claim.paragraph} {badge(verdicts[claim.id].verdict, claim_path(claim.id), here)} “{text(claim.quote)}”"
        )
    return "\n".join(lines) + "\n"

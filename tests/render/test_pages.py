"""Golden files: one generated page of each type, from the small fixture.

A change to a page's output shows up as a diff against tests/golden/. When the change is
intended, regenerate with `UPDATE_GOLDEN=1 pytest tests/render/test_pages.py` and review the diff.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from lipsteeth.analyse.claims import check_all
from lipsteeth.charts.catalogue import CHARTS
from lipsteeth.data.validate import load_dataset
from lipsteeth.render import pages
from lipsteeth.render.markup import text
from lipsteeth.site import plan_for

from ..conftest import MINI, ROOT, TODAY, dataset_of

GOLDEN = Path(__file__).parents[1] / "golden"
PAGES = [
    "events/2000-05-kim-jong-il-visits-china.md",
    "people/kim-jong-il.md",
    "years/2000.md",
    "kinds/visit.md",
    "eras/jiang-zemin-kim-jong-il.md",
    "timeline.md",
    "claims/secret-visit-within-two-years.md",
    "claims/index.md",
    "article.md",
    "analysis.md",
    "people/index.md",
]


# Charts have their own tests (test_charts.py); here a small stand-in drawing keeps the golden
# pages readable while still showing where and how each chart is placed.
DRAWINGS = {name: f'<svg class="{name}"><a href="LT-ROOT/events/x/"/></svg>' for name in CHARTS}


@pytest.fixture(scope="module")
def mini_plan():
    return plan_for(load_dataset(MINI, today=TODAY), drawings=DRAWINGS)


@pytest.mark.parametrize("page", PAGES)
def test_page_matches_its_golden_file(mini_plan, page):
    """The generated Markdown is exactly the reviewed golden copy."""
    golden = GOLDEN / page.replace("/", "__")
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(mini_plan[page], encoding="utf-8")
    assert mini_plan[page] == golden.read_text(encoding="utf-8"), (
        f"{page} no longer matches {golden.relative_to(ROOT)}. If the change is intended, update the goldens with "
        "`UPDATE_GOLDEN=1 .venv/bin/pytest tests/render/test_pages.py` and review `git diff tests/golden`."
    )


def test_plan_is_deterministic():
    """Two plans of the same data are identical, file for file."""
    first = plan_for(load_dataset(MINI, today=TODAY))
    second = plan_for(load_dataset(MINI, today=TODAY))
    assert "<svg" in first["timeline.md"]
    assert first == second


def test_page_urls_come_from_ids(mini_plan):
    """Event and person pages are named by id, never by title or position."""
    dataset = load_dataset(MINI, today=TODAY)
    assert {f"events/{e.id}.md" for e in dataset.events} <= set(mini_plan)
    assert {f"people/{p.id}.md" for p in dataset.people} <= set(mini_plan)


def test_wording_of_dates_kinds_and_roles(mini):
    """An event page says which end of a span is imprecise, keeps 'UN' in capitals mid-sentence, and
    a person page says a non-leader role's end is not recorded rather than calling it current."""
    mini.replace("events/events.yaml", "date: 2000-05-29", "date: 2000-05")
    mini.replace(
        "people.yaml",
        "    roles:\n      - title: Supreme Leader",
        "    roles:\n      - title: Party secretary\n        from: 1980\n      - title: Politburo member\n"
        "      - title: Supreme Leader",
    )
    plan = plan_for(load_dataset(mini.path, today=TODAY), drawings=DRAWINGS)
    visit = plan["events/2000-05-kim-jong-il-visits-china.md"]
    assert "May 2000 – 31 May 2000 (start known to the month)" in visit
    assert (
        pages.lowercase_first("UN Security Council vote") == "UN Security Council vote"
        and pages.lowercase_first("Nuclear test") == "nuclear test"
    )
    person = plan["people/kim-jong-il.md"]
    assert "Party secretary: 1980 – (end not recorded)" in person
    assert "Politburo member: (dates not recorded)" in person  # not '(start not recorded) – (end not recorded)'


def test_a_claim_page_states_each_finding_once():
    """A claim whose checks all agree lists them once; one where a check contradicts leads with it."""
    dataset = load_dataset(ROOT / "data")
    plan = plan_for(dataset, drawings=DRAWINGS)
    verdicts = check_all(dataset)
    for claim_id in ("kim-jong-il-three-visits-in-a-year", "tests-in-february-2013-and-2016"):
        page = plan[f"claims/{claim_id}.md"]
        findings = verdicts[claim_id].findings
        assert len(findings) > 1
        deciding = [f for f in findings if f.verdict == verdicts[claim_id].verdict]
        for finding in findings:
            expected = 2 if finding in deciding and len(deciding) < len(findings) else 1
            assert page.count(text(finding.explanation)) == expected, (claim_id, finding.explanation)


def test_article_badges_follow_the_highlights_they_judge():
    """In each paragraph, the badges judge the highlighted passages in order, each linking to the same claim;
    a badge with no highlight of its own judges a passage inside a highlighted one (a title inside a
    sentence: links cannot nest)."""
    dataset = load_dataset(ROOT / "data")
    page = plan_for(dataset, drawings=DRAWINGS)["article.md"]
    quotes = {f"claims/{c.id}.md": " ".join(c.quote.split()) for c in dataset.claims}
    several = nested = 0
    for paragraph, checks in re.findall(r"(\*\*¶\d+\*\*.*?)\n\{: #p\d+ \}\n\nChecked here: (.*?)\n", page, re.S):
        marked = re.findall(r'<mark class="lt-mark[^"]*">\[.*?\]\((claims/[^)]+)\)</mark>', paragraph)
        judged = re.findall(r"\]\((claims/[^)]+)\)", checks)
        assert marked == [c for c in judged if c in marked]
        for inner in (c for c in judged if c not in marked):
            assert any(quotes[inner] in quotes[outer] or quotes[outer] in quotes[inner] for outer in marked), inner
            nested += 1
        several += len(marked) > 1
    assert several >= 3  # paragraphs with more than one claim, where the order matters
    assert nested >= 1  # the real record has titles judged inside sentences


def test_a_passage_inside_another_is_not_marked_twice():
    """Links cannot nest: a claim quoting part of another's passage gets its badge but no second mark."""
    from lipsteeth.render import claimpages

    dataset = load_dataset(ROOT / "data")
    verdicts = check_all(dataset)
    outer = dataset.claim_by_id["hu-jintao-visit-in-2006"]
    inner = outer.model_copy(update={"id": "zz-inner", "quote": " ".join(outer.quote.split()[2:5])})
    verdicts["zz-inner"] = verdicts[outer.id]
    paragraph = dataset.article.paragraphs[outer.paragraph - 1]
    marked, judged = claimpages._highlighted(paragraph, [inner, outer], verdicts, "article.md")
    assert marked.count("<mark") == 1 and "zz-inner" not in marked
    assert [c.id for c in judged] == [outer.id, inner.id]


# The article typeset (curly quotes, a non-breaking hyphen, an em dash, an ellipsis, a no-break space)
# and the same words typed on a keyboard, as the contributing guide lets an editor type a quote.
TYPESET = (
    "Less than two years later, Kim Jong\u2011il\u2019s \u2018secret\u2019 trip \u2014 to \u201cChina\u201d\u2026 was\u00a0made."
)
TYPED = "Kim Jong-il's 'secret' trip - to \"China\"... was made."


@pytest.mark.parametrize(
    ("typeset", "typed"),
    [
        ("Less than two years later, Kim Jong-il\u2019s visit was secret.", "Kim Jong-il's visit was secret."),
        (TYPESET, TYPED),
    ],
    ids=["apostrophe", "all"],
)
def test_a_quote_typed_with_keyboard_characters_is_highlighted(mini, typeset, typed):
    """A quote with straight quotes, hyphens, three dots and plain spaces passes `check` against the
    typeset article, and the annotated article marks the passage, in the article's own characters
    (a straight apostrophe once passed `check` and lost its highlight)."""
    mini.replace("article.yaml", "Less than two years later, Kim Jong-il visited China in secret.", typeset)
    mini.replace(
        "claims.yaml", "quote: Less than two years later, Kim Jong-il visited China in secret.", f"quote: {json.dumps(typed)}"
    )
    mini.replace(
        "events/events.yaml", "quote: Less than two years later, Kim Jong-il visited China in secret.", "quote: Ties were"
    )
    assert mini.problems() == []
    page = plan_for(dataset_of(mini), drawings=DRAWINGS)["article.md"]
    passage = typeset.removeprefix("Less than two years later, ").replace("\u00a0", " ")  # shown on one line, as all text
    assert (
        f'**¶1** Ties were never broken. Less than two years later, <mark class="lt-mark lt-consistent">[{passage}]'
        "(claims/secret-visit-within-two-years.md)</mark>\n"
    ) in page


@pytest.mark.parametrize(
    ("quote", "where"),
    [
        (TYPED, (27, 78)),
        ("Jong\u2011il\u2019s", (31, 40)),  # typeset in the quote too
        ("trip  \u2013  to", (50, 59)),  # an en dash for the em dash, spaces doubled
        ('China"\u2026', (61, 68)),  # the ellipsis typed as one character
        ('China"..', (61, 68)),  # two of its dots: the whole ellipsis is marked
        ("Kim Jong-il visited", None),
    ],
)
def test_a_quote_is_found_whatever_its_typography(quote, where):
    """Where each quote is in the typeset paragraph, as `check` and the highlight both find it."""
    from lipsteeth.data import quotes

    assert quotes.find(quote, TYPESET) == where


def test_no_page_or_download_of_the_real_record_shows_a_placeholder():
    """Every {name …} an editor writes in a claim's assessment, reading or note is filled in, on the
    claim's page and in the claims download alike (a note's {gap …} once reached readers as written)."""
    from lipsteeth.data.placeholders import PLACEHOLDER

    plan = plan_for(load_dataset(ROOT / "data"), drawings=DRAWINGS)
    unfilled = {name: match[0] for name, body in plan.items() if isinstance(body, str) and (match := PLACEHOLDER.search(body))}
    assert unfilled == {}
    assert "claims/quit-six-party-talks-shortly-after-the-test.md" in plan


def test_an_event_page_is_remembered_by_all_it_shows(mini):
    """An event's page is made once per value of what it shows (pages.EventPage): a neighbour's new
    title and a person's new name each make it again, as a first making would."""
    from ..conftest import LAUNCH, VISIT

    def page(dataset):
        return pages.event_page(dataset, dataset.event_by_id[VISIT])

    page(dataset_of(mini))
    mini.replace("events/events.yaml", "title: Taepodong-1 flies over Japan", "title: A launch, retitled")
    assert f"[A launch, retitled]({LAUNCH}.md)" in page(dataset_of(mini))
    mini.replace("people.yaml", "name: Jiang Zemin", "name: Jiang Zemin, renamed")
    after = dataset_of(mini)
    remembered = page(after)
    assert "Jiang Zemin, renamed" in remembered
    pages._event_page.cache_clear()
    assert remembered == page(after)

"""Sharing images: every title fits (broken by drawn width, a long one ellipsised), Hangul and Hanzi
draw as letters, the PNG is small and shows exactly what was drawn, and each background is drawn once."""

from __future__ import annotations

import html
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from lipsteeth.charts import lettering, preview_cache, previews
from lipsteeth.site import plan_for
from lipsteeth.site_sources import snapshot

from ..conftest import ROOT

SITE = "Lips and Teeth"
LONG = "The " + "very " * 60 + "long title of an event that no editor should write but one might"


def fits(line: str, size: int) -> bool:
    return lettering.width(line, True, size) <= previews.TITLE["max_width"]


@pytest.fixture(scope="module")
def real_titles() -> list[str]:
    """The title of every page of the real record, as the previews are drawn from it."""
    found = snapshot(ROOT / "data")
    planned = plan_for(found.dataset, drawings=found.drawings, answered=found.answered, verdicts=found.verdicts)
    pages = [c for path, c in planned.items() if path.endswith(".md")]
    pages += [p.read_text(encoding="utf-8") for p in (ROOT / "docs").rglob("*.md")]
    titles = [re.search(r"(?m)^# (.+)$", page) for page in pages]
    return [html.unescape(re.sub(r"<[^>]+>", "", t[1])) for t in titles if t]


def test_every_title_of_the_real_record_fits_whole(real_titles):
    """No line is wider than the image allows, and no word is lost (7 were clipped when lines were
    broken by character count)."""
    assert len(real_titles) > 400
    for title in real_titles:
        size, lines = previews.title_lines(title)
        assert all(fits(line, size) for line in lines), (title, lines)
        assert " ".join(lines) == " ".join(title.split()), (title, lines)


def test_a_very_long_title_is_ellipsised_not_clipped():
    size, lines = previews.title_lines(LONG)
    assert size == min(previews.TITLE_SIZES) and len(lines) == previews.max_lines(size)
    assert all(fits(line, size) for line in lines)
    assert lines[-1].endswith(" …") and not lines[0].endswith("…")


def test_a_word_wider_than_a_line_is_cut_to_fit():
    size, lines = previews.title_lines("Kim " + "W" * 80)
    assert all(fits(line, size) for line in lines) and lines[0] == "Kim"


@pytest.mark.parametrize(
    "first, second", [("김정은", "김정일"), ("金正恩", "金正日"), ("Kim 김정은 visits", "Kim 김정일 visits")]
)
def test_hangul_and_hanzi_draw_as_their_own_letters(first, second):
    """Empty boxes all look alike: two names differing in one syllable drew the same image."""
    assert previews.draw(first, "Person", None, SITE) != previews.draw(second, "Person", None, SITE)
    fonts = {run.font.getname()[0] for run in lettering.runs(first, True, 54)}
    assert any("CJK" in name for name in fonts)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("Kim Jong-il’s visit\u00a0\t김정은金正恩Ég\u2603\U0001f600"), max_size=30), st.booleans())
def test_a_title_is_cut_into_the_same_runs_whichever_way(text, bold):
    """The quick way (one test of the whole title when one font draws it all) gives the runs the
    character-by-character way gives."""
    assert lettering.runs(text, bold, 40) == lettering.runs_by_character(text, bold, 40)


def test_a_character_no_font_covers_is_left_out_not_boxed():
    assert "".join(r.text for r in lettering.runs("Kim\u0f40 visits", True, 54)) == "Kim visits"


@pytest.mark.parametrize(
    "title, year",
    [
        ("Short", 2006),
        ("Kim Jong-il visits China in secret, meeting Jiang Zemin in Beijing", None),
        ("Kim 김정은 金正恩 Ég", 1950),
        (LONG, 2030),
    ],
)
def test_the_png_shows_exactly_what_was_drawn(title, year):
    """The PNG is written in bands (only the rows a page changes are compressed per page): decoded,
    it is the drawn image, pixel for pixel."""
    drawn, _ = previews.canvas(title, "Event", year, SITE)
    png = previews.draw(title, "Event", year, SITE)
    decoded = Image.open(io.BytesIO(png))
    assert decoded.mode == "P" and decoded.size == (previews.WIDTH, previews.HEIGHT)
    assert decoded.tobytes() == drawn.tobytes()
    assert bytes(decoded.getpalette()[: len(previews.PALETTE)]) == previews.PALETTE


def test_previews_are_small(real_titles):
    """At most about 3 MB for the real record's 440 pages (11.2 MB as full-colour PNGs)."""
    sizes = [len(previews.draw(t, "Event", 2000, SITE)) for t in real_titles]
    assert sum(sizes) / len(sizes) < 3_000_000 / 440


def test_a_years_mark_is_compressed_once_and_shows_in_each_page(monkeypatch):
    """The mark's rows are the same on every page of a year: compressed once, and the later pages
    that reuse them still decode to what was drawn."""
    from lipsteeth.charts import png

    compressed = []
    real = png._deflated
    monkeypatch.setattr(png, "_deflated", lambda raw, *level: compressed.append(raw) or real(raw, *level))
    previews.background.cache_clear()
    titles = ["First page of 1961", "Second page of 1961", "Third, of 1962"]
    years = [1961, 1961, 1962]
    for title, year in zip(titles, years, strict=True):
        drawn, _ = previews.canvas(title, "Event", year, SITE)
        assert Image.open(io.BytesIO(previews.draw(title, "Event", year, SITE))).tobytes() == drawn.tobytes()
    top, bottom = previews.MARK_ROWS
    marks = [raw for raw in compressed if len(raw) == (bottom - top) * (1 + previews.WIDTH // 2)]
    assert len(marks) == 2  # one for 1961, one for 1962


def test_each_background_is_drawn_once():
    previews.background.cache_clear()
    for index in range(5):
        previews.draw(f"Event number {index}", "Event", 2000 + index, SITE)
    previews.draw("A person", "Person", None, SITE)
    assert previews.background.cache_info().misses == 2


def test_the_store_draws_a_preview_once_and_prunes_what_no_page_asked_for(tmp_path, monkeypatch):
    store = preview_cache.Store(tmp_path)
    drawn = []
    real = previews.draw
    monkeypatch.setattr(previews, "draw", lambda *a: drawn.append(a[0]) or real(*a))
    first = store.get("One", "Event", 2000, SITE)
    store.get("Two", "Event", 2001, SITE)
    assert store.prune() == 0
    assert store.get("One", "Event", 2000, SITE) == first and drawn == ["One", "Two"]
    assert store.prune() == 1
    assert len(list(tmp_path.glob("*.png"))) == 1


CONCURRENT = """
import sys
from pathlib import Path
from lipsteeth.charts import preview_cache
folder = Path(sys.argv[1])
for round in range(12):
    store = preview_cache.Store(folder)
    for index in range(15):
        store.get(f"Round {round} page {index}", "Event", 2000, "Lips and Teeth")
    store.prune()
"""


def test_two_processes_filling_one_cache_both_finish(tmp_path):
    """Both draw and store the same previews at the same moments, and prune each other's (a fixed
    temporary name made one fail with FileNotFoundError)."""
    command = [sys.executable, "-c", CONCURRENT, str(tmp_path / "previews")]
    runs = [subprocess.Popen(command, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for run in runs:
        assert run.wait(timeout=300) == 0, run.stderr.read()
    assert not [p for p in (tmp_path / "previews").iterdir() if not p.name.endswith(".png")], "a temporary file was left"


def test_the_cjk_font_is_a_pinned_dependency():
    assert Path(lettering._cjk_file()).is_file()
    assert "manimgx-fonts-cjk==" in (ROOT / "requirements.lock").read_text(encoding="utf-8")

"""SVG charts: linked and titled marks, honest dates, determinism, caching, escaping, accessibility."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys

import matplotlib
import pytest
from lxml import etree
from matplotlib.collections import LineCollection, PathCollection

from lipsteeth import forked
from lipsteeth.charts import cache, catalogue
from lipsteeth.charts.catalogue import CATALOGUE, CHARTS, UNDRAWN
from lipsteeth.charts.marks import Source
from lipsteeth.charts.style import DRAWING, ROLES, STAND_INS, THEMES, lane_of, palette, rc
from lipsteeth.data.dates import human_span
from lipsteeth.data.validate import load_dataset

from ..conftest import ROOT, TODAY

NS = {"svg": "http://www.w3.org/2000/svg", "xlink": "http://www.w3.org/1999/xlink"}
EVENTS_FILE = "events/events.yaml"
SLATE, WHITE = "#1e2129", "#ffffff"


def parse(svg: str) -> etree._Element:
    return etree.fromstring(svg.encode("utf-8"))


def marks(svg: str) -> dict[str, etree._Element]:
    """Event marks (each a link) by event id; fails on a duplicate."""
    found = parse(svg).xpath("//svg:a[@class='lt-chart-mark']", namespaces=NS)
    by_id = {g.get("data-event"): g for g in found}
    assert len(by_id) == len(found), "an event has more than one mark"
    return by_id


VARIABLE = re.compile(r"var\(--lt-c-([a-z-]+), (#[0-9a-fA-F]+)\)")


def painted(svg: str, theme: str) -> str:
    """The SVG as a scheme shows it: each colour variable replaced by that scheme's colour."""
    colours = palette(THEMES[theme])
    return VARIABLE.sub(lambda m: colours[m[1]].lower(), svg)


def contrast(a: str, b: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.fixture
def drawn_charts(monkeypatch) -> list[str]:
    """The names of the charts drawn (not taken from the cache) while the test runs, in order."""
    names: list[str] = []
    real_draw = catalogue.draw

    def spy(source, name):
        names.append(name)
        return real_draw(source, name)

    monkeypatch.setattr(catalogue, "draw", spy)
    monkeypatch.setattr(forked, "processors", lambda: 1)  # drawn here, where the spy can see them (not in forked workers)
    return names


@pytest.fixture
def mini_dataset(mini):
    return load_dataset(mini.path, today=TODAY)


@pytest.fixture(scope="module")
def real():
    dataset = load_dataset(ROOT / "data")
    return dataset, {name: catalogue.draw_chart(dataset, name) for name in CHARTS}


# Drawable events per chart in tests/fixtures/mini: a launch (1998), a visit (2000) and a nuclear test (2006).
MINI_MARKS = {
    "record": {"1998-08-taepodong-1", "2000-05-kim-jong-il-visits-china", "2006-10-first-nuclear-test"},
    "visits-per-year": {"2000-05-kim-jong-il-visits-china", "2006-10-first-nuclear-test"},
    "test-to-visit": {"2006-10-first-nuclear-test"},
    "trade": {"2006-10-first-nuclear-test"},
    "levels-per-year": {"2000-05-kim-jong-il-visits-china", "2006-10-first-nuclear-test"},
}


class TestMarks:
    @pytest.mark.parametrize("name", CHARTS)
    def test_one_linked_titled_mark_per_drawable_event(self, mini_dataset, name):
        """Each drawable fixture event has exactly one mark, linked to its page and titled 'date – title'."""
        svg = catalogue.draw_chart(mini_dataset, name)
        found = marks(svg)
        assert set(found) == MINI_MARKS[name]
        assert len(parse(svg).xpath("//svg:a", namespaces=NS)) == len(found), "a link that is not a mark"
        for event_id, link in found.items():
            event = mini_dataset.event_by_id[event_id]
            assert link.get("href") == f"../events/{event_id}/"
            assert link.get("{http://www.w3.org/1999/xlink}href") is None  # SVG 2 href only
            assert link[0].tag == "{http://www.w3.org/2000/svg}title"
            assert link[0].text.startswith(f"{human_span(event.date, event.end)} – {event.title}")
            # What the link holds is drawn: on the record chart the span of the event's days and its mark.
            drawn = link.xpath("svg:path | svg:use | svg:g/svg:use", namespaces=NS)
            assert len(drawn) == (2 if name == "record" else 1)

    def test_real_record_marks_every_lane_event_since_1998(self, real):
        """The real record chart marks each visit, test, launch, talk and resolution from 1998, and nothing else."""
        dataset, rendered = real
        expected = {e.id for e in dataset.events if e.date.year >= 1998 and lane_of(e) is not None}
        assert set(marks(rendered["record"])) == expected
        assert len(expected) > 80

    def test_real_links_resolve_to_events(self, real):
        """Every link in every real chart points to an existing event page, relative to a page one level deep."""
        dataset, rendered = real
        for name, svg in rendered.items():
            hrefs = parse(svg).xpath("//svg:a/@href", namespaces=NS)
            assert hrefs, name
            ids = {re.fullmatch(r"\.\./events/([a-z0-9-]+)/", href)[1] for href in hrefs}
            assert ids <= set(dataset.event_by_id), name

    def test_base_sets_link_depth(self, mini_dataset):
        """`base` makes links relative to pages at another depth, never absolute."""
        svg = catalogue.draw_chart(mini_dataset, "record", base="")
        assert sorted(parse(svg).xpath("//svg:a/@href", namespaces=NS)) == sorted(
            f"events/{event_id}/" for event_id in MINI_MARKS["record"]
        )

    def test_links_open_in_the_same_tab(self, mini_dataset):
        """matplotlib's target=_blank is dropped: internal links stay in the tab."""
        assert "_blank" not in catalogue.draw_chart(mini_dataset, "record")


def drawn(dataset, event_id: str) -> tuple[list, list, float]:
    """The record chart's span of an event's days, its mark's position and the mark's fill opacity,
    found by the link on each collection item."""
    with matplotlib.rc_context(rc(DRAWING)):
        figure = catalogue.build_figure(dataset, "record", DRAWING)
    items = [
        (c, c.get_urls().index(f"events/{event_id}/"))
        for c in figure.axes[0].collections
        if f"events/{event_id}/" in c.get_urls()
    ]
    ((spans, i), (mark, j)) = items
    assert isinstance(spans, LineCollection) and isinstance(mark, PathCollection)
    return spans.get_segments()[i].tolist(), mark.get_offsets()[j].tolist(), mark.get_facecolor()[j][3]


class TestHonestDates:
    def test_month_precision_spans_the_month_with_a_hollow_mark(self, mini):
        """A visit known only to the month spans the whole month, hollow at mid-month, not pinned to the 1st."""
        mini.replace(EVENTS_FILE, "date: 2000-05-29\n    end: 2000-05-31", "date: 2000-05")
        span, (middle, y), opacity = drawn(load_dataset(mini.path, today=TODAY), "2000-05-kim-jong-il-visits-china")
        (start, y_start), (end, y_end) = span
        assert (start, end) == (dt.date(2000, 5, 1).toordinal(), dt.date(2000, 6, 1).toordinal())
        assert middle == (start + end) / 2 and y == y_start == y_end
        assert opacity == 0

    def test_day_precision_is_filled(self, mini_dataset):
        """A dated visit is a filled mark spanning its days."""
        span, (middle, _), opacity = drawn(mini_dataset, "2000-05-kim-jong-il-visits-china")
        (start, _), (end, _) = span
        assert end - start == 3 and middle == (start + end) / 2
        assert opacity == 1


class TestDeterminismAndCache:
    def test_two_renders_are_byte_identical(self, mini_dataset):
        """Rendering the same data twice gives the same bytes."""
        assert cache.draw_all(mini_dataset, None) == cache.draw_all(mini_dataset, None)

    def test_identical_across_hash_seeds(self, mini, mini_dataset):
        """Another process with another string-hash seed renders the same bytes."""
        script = (
            "import sys, datetime as dt; from pathlib import Path; from lipsteeth.charts import catalogue;"
            "from lipsteeth.data.validate import load_dataset;"
            f"d = load_dataset(Path({str(mini.path)!r}), today=dt.date(2026, 11, 28));"
            "sys.stdout.write(catalogue.draw_chart(d, 'record'))"
        )
        env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(ROOT / "scripts")}
        result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
        assert result.stdout == catalogue.draw_chart(mini_dataset, "record")

    def test_cache_hits_on_unchanged_input(self, mini_dataset, tmp_path, drawn_charts):
        """A second render with the same data reuses every cached chart, with the same content."""
        first = cache.draw_all(mini_dataset, tmp_path / "cache")
        assert drawn_charts == list(CHARTS)
        second = cache.draw_all(mini_dataset, tmp_path / "cache")
        assert drawn_charts == list(CHARTS), "nothing more was drawn"
        assert second == first

    def test_cache_misses_only_for_charts_whose_events_changed(self, mini, mini_dataset, tmp_path, drawn_charts):
        """Moving the 1998 launch redraws the record chart only; moving the test redraws all three."""
        cache.draw_all(mini_dataset, tmp_path / "cache")
        mini.replace(EVENTS_FILE, "date: 1998-08-31", "date: 1998-09-01")
        drawn_charts.clear()
        cache.draw_all(load_dataset(mini.path, today=TODAY), tmp_path / "cache")
        assert drawn_charts == ["record"]
        mini.replace(EVENTS_FILE, "date: 2006-10-09", "date: 2006-10-10")
        drawn_charts.clear()
        after_test = cache.draw_all(load_dataset(mini.path, today=TODAY), tmp_path / "cache")
        assert drawn_charts == list(CHARTS)
        assert "9 October 2006" in catalogue.draw_chart(mini_dataset, "record")
        assert "10 October 2006" in after_test["record"]

    def test_a_changed_title_changes_the_tooltips_but_redraws_nothing(self, mini, mini_dataset, tmp_path, drawn_charts):
        """A title is only a tooltip, added after matplotlib draws: the drawings' keys stay, nothing is
        drawn again, and every chart marking the event is finished again with the new title."""
        before = cache.draw_all(mini_dataset, tmp_path / "cache")
        mini.replace(EVENTS_FILE, "title: First nuclear test", "title: First underground test")
        retitled = load_dataset(mini.path, today=TODAY)
        assert cache.keys(retitled, CHARTS, start_year=2000) == cache.keys(mini_dataset, CHARTS, start_year=2000)
        drawn_charts.clear()
        after = cache.draw_all(retitled, tmp_path / "cache")
        assert drawn_charts == [], "a chart was drawn again"
        for name in CHARTS:
            found = marks(after[name])
            assert found["2006-10-first-nuclear-test"][0].text.startswith("9 October 2006 – First underground test"), name
            assert marks(before[name])["2006-10-first-nuclear-test"][0].text.startswith("9 October 2006 – First nuclear test")
            assert after[name] == catalogue.draw_chart(retitled, name, base=cache.urls.ROOT_TOKEN), name  # as if drawn afresh

    def test_a_changed_drawn_field_redraws_the_charts_of_that_event(self, mini, mini_dataset, tmp_path, drawn_charts):
        """The visit's rank (drawn as its block's colour on the levels chart) changes the drawings of
        every chart drawn from the visit, and no other."""
        cache.draw_all(mini_dataset, tmp_path / "cache")
        mini.replace(EVENTS_FILE, "level: leader", "level: top")
        drawn_charts.clear()
        after = cache.draw_all(load_dataset(mini.path, today=TODAY), tmp_path / "cache")
        assert drawn_charts == ["record", "visits-per-year", "test-to-visit", "levels-per-year"]
        visit = "2000-05-kim-jong-il-visits-china"
        assert "--lt-c-level-top" in etree.tostring(marks(after["levels-per-year"])[visit], encoding="unicode")
        assert "--lt-c-level-leader" in etree.tostring(
            marks(catalogue.draw_chart(mini_dataset, "levels-per-year"))[visit], encoding="unicode"
        )

    def test_a_chart_with_no_events_of_its_own_follows_the_records_first_year(self, mini_dataset, drawn_charts):
        """Without visits or tests, the visits chart starts its years at the record's first event:
        moving that event, which the chart does not draw, changes the chart's key and drawing."""
        import dataclasses

        others = tuple(e for e in mini_dataset.events if e.kind not in ("visit", "nuclear-test"))
        bare = dataclasses.replace(mini_dataset, events=others)
        first = others[0]
        earlier = first.model_copy(update={"date": dataclasses.replace(first.date, year=first.date.year - 30)})
        moved = dataclasses.replace(mini_dataset, events=(earlier, *others[1:]))
        name = "visits-per-year"
        assert catalogue.draw_chart(bare, name) != catalogue.draw_chart(moved, name)
        assert cache.key(bare, name, start_year=None) != cache.key(moved, name, start_year=None)


def _undrawn_changed(event):
    """The event with each of its UNDRAWN fields changed."""
    from lipsteeth.data.model import ArticleRef

    changes = {
        "title": "A changed title, much longer than the one before it",
        "summary": "A changed summary.",
        "note": "A changed note.",
        "sources": tuple(
            s.model_copy(update={"title": "Changed", "publisher": "Changed", "url": "https://example.org/changed"})
            for s in event.sources
        ),
        "article": ArticleRef(paragraph=1, quote="Changed words."),
        "aliases": ("a-changed-alias",),
        "place": "A changed place",
        "people": ("a-changed-person",),
    }
    assert set(changes) == UNDRAWN, "each undrawn field is changed here"
    return event.model_copy(update=changes)


def test_no_drawing_reads_an_undrawn_field(real):
    """The drawings' keys leave out an event's UNDRAWN fields, so no drawing may read them: with each
    of them changed on every event of the real record, every chart draws the same bytes (and has the same key)."""
    from lipsteeth.data.dataset import Dataset

    dataset = real[0]
    changed = Dataset(
        dataset.article, tuple(_undrawn_changed(e) for e in dataset.events), dataset.people, dataset.claims, dataset.series
    )
    assert cache.keys(changed, CHARTS, start_year=2000) == cache.keys(dataset, CHARTS, start_year=2000)
    for name in CHARTS:
        assert catalogue.draw(Source(changed), name) == catalogue.draw(Source(dataset), name), name


class TestSvg:
    def test_every_colour_follows_the_scheme(self, real):
        """Each colour in a chart is a scheme variable with the light colour as its fallback: no
        stand-in and no fixed colour is left over, so the dark scheme recolours all of it."""
        light = palette(THEMES["light"])
        for name, svg in real[1].items():
            roles = [m[1] for m in VARIABLE.finditer(svg)]
            drawn_in = (
                {"level-leader", "level-top", "level-ministerial"} if name == "levels-per-year" else {"cn-visit", "kp-visit"}
            )
            assert {"text", *drawn_in} <= set(roles) <= set(ROLES), name
            assert all(m[2] == light[m[1]] for m in VARIABLE.finditer(svg)), name
            rest = VARIABLE.sub("", svg)
            assert re.findall(r"#[0-9a-fA-F]{3,8}\b", rest) == [], name
            assert not any(stand_in in svg for stand_in in STAND_INS.values()), name

    def test_width_responsive(self, real):
        """No fixed width or height: the viewBox alone sizes the chart to its container."""
        for svg in real[1].values():
            root = parse(svg)
            assert root.get("width") is None and root.get("height") is None
            assert len(root.get("viewBox").split()) == 4

    def test_text_stays_text(self, mini_dataset):
        """Labels are <text> elements, not glyph outlines."""
        svg = catalogue.draw_chart(mini_dataset, "record")
        texts = [t.text for t in parse(svg).iter("{http://www.w3.org/2000/svg}text")]
        assert "Nuclear tests (1)" in texts and "Kim Jong-il" in texts
        assert "DejaVuSans-" not in svg

    def test_data_text_is_escaped(self, mini):
        """Markup in an event title or a leader's name never becomes an element."""
        mini.replace(EVENTS_FILE, "title: First nuclear test", "title: First <script>alert(1)</script> test & more")
        mini.replace("people.yaml", "name: Kim Jong-il", "name: Kim <script>x</script> Jong-il $x^2$")
        dataset = load_dataset(mini.path, today=TODAY)
        rendered = cache.draw_all(dataset, None)
        for svg in rendered.values():
            assert parse(svg).xpath("//*[local-name()='script']") == []
            assert "<script" not in svg
        title = marks(rendered["test-to-visit"])["2006-10-first-nuclear-test"].find(".//svg:title", NS).text
        assert title.startswith("9 October 2006 – First <script>alert(1)</script> test & more")
        record = parse(rendered["record"])
        assert "Kim <script>x</script> Jong-il $x^2$" in [t.text for t in record.iter("{http://www.w3.org/2000/svg}text")]

    def test_ids_unique_across_charts(self, real):
        """All three charts can be inlined into one page: no id is used twice, and every reference stays inside its chart."""
        seen: list[str] = []
        for name, svg in real[1].items():
            root = parse(svg)
            ids = root.xpath("//@id")
            seen += ids
            references = root.xpath("//@xlink:href[starts-with(., '#')]", namespaces=NS)
            references += re.findall(r"url\(#([^)]+)\)", svg)
            assert {r.lstrip("#") for r in references} <= set(ids), name
        assert len(seen) == len(set(seen))

    def test_no_page_wide_style(self, real):
        """No <style> element, which would restyle the page the chart is inlined into."""
        assert all(parse(svg).xpath("//svg:style", namespaces=NS) == [] for svg in real[1].values())

    def test_real_record_under_200_kb(self, real):
        """The main record chart stays small enough to inline."""
        assert len(real[1]["record"].encode("utf-8")) < 200_000


class TestAccessibility:
    @pytest.mark.parametrize(("theme", "background"), [("light", WHITE), ("dark", SLATE)])
    def test_text_contrast(self, real, theme, background):
        """All text reaches 4.5:1 against the theme's page background."""
        for name, svg in real[1].items():
            for text in parse(painted(svg, theme)).iter("{http://www.w3.org/2000/svg}text"):
                fill = re.search(r"fill: (#[0-9a-f]{6})", text.get("style", ""))
                assert contrast(fill[1] if fill else "#000000", background) >= 4.5, (name, text.text)

    @pytest.mark.parametrize(("theme", "background"), [("light", WHITE), ("dark", SLATE)])
    def test_mark_colours_contrast(self, theme, background):
        """Every lane colour reaches 3:1 against the background, or its marks get an edge that does."""
        from lipsteeth.charts.style import edge_colour

        for role, colour in THEMES[theme].colours.items():
            best = max(contrast(colour.lower(), background), contrast(edge_colour(THEMES[theme], role).lower(), background))
            assert best >= 3, role

    def test_transparent_background(self, mini_dataset):
        """The chart paints no background, so Material's white or slate shows through."""
        root = parse(catalogue.draw_chart(mini_dataset, "record"))
        background = root.xpath("//svg:g[@id='lt-record-patch_1']/svg:path", namespaces=NS)[0]
        assert "fill: none" in background.get("style")

    def test_alt_text(self, mini_dataset):
        """Each chart has a one-sentence alt text, also set as the SVG's aria-label."""
        for name, alt in ((chart.name, chart.alt_text) for chart in CATALOGUE.values()):
            assert alt.endswith(".") and alt.count(". ") == 0 and len(alt) > 40
            assert parse(catalogue.draw_chart(mini_dataset, name)).get("aria-label") == alt


def test_the_cache_key_covers_every_module_charts_import():
    """The key hashes every module of the charts subpackage and each module they import, followed
    through the package: charts print through wording and bidi, which a list of folders left out."""
    hashed = {path.relative_to(cache.PACKAGE).as_posix() for path in cache.drawing_code()}
    charts = {p.relative_to(cache.PACKAGE).as_posix() for p in (cache.PACKAGE / "charts").glob("*.py")}
    assert charts <= hashed
    assert {"wording.py", "bidi.py", "urls.py", "data/model.py", "analyse/statistics.py"} <= hashed
    assert "analyse/answer.py" in hashed  # it works out the waits the test-to-visit chart is handed
    assert "render/pages.py" not in hashed  # what charts never import cannot change them


def test_the_key_reads_the_same_imports_as_a_full_parse():
    """The key scans only import statements (a full parse of every module costs a cached build
    about a quarter of a second); across the whole package it finds what the layout test's full
    parse finds, lazy imports and bracketed lists included."""
    from ..project.test_layout import MODULES, dotted_name, imported_modules

    for path in MODULES:
        scanned = {dotted_name(f) for f in cache._imported_files(path) if f.name != "__init__.py"}
        assert scanned == imported_modules(path), path.name


@pytest.mark.parametrize("planted", ["charts/strips.py", "wording.py", "bidi.py", "analyse/statistics.py"])
def test_the_cache_key_changes_when_drawing_code_changes(tmp_path, monkeypatch, planted):
    """A byte changed in any module the charts draw with (here in a copy of the package) gives
    another fingerprint, so no cached chart is left stale."""
    import shutil

    copy = tmp_path / "lipsteeth"
    shutil.copytree(cache.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "PACKAGE", copy)
    cache.code_fingerprint.cache_clear()
    try:
        before = cache.code_fingerprint()
        edited = copy / planted
        edited.write_text(edited.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
        cache.code_fingerprint.cache_clear()
        assert cache.code_fingerprint() != before
    finally:
        cache.code_fingerprint.cache_clear()


def test_an_empty_record_still_draws_and_plans(mini):
    """A dataset with no events or claims yet (a new project) gives empty charts and pages, not a traceback."""
    from lipsteeth.site import plan_for

    mini.write(EVENTS_FILE, "events: []\n")
    mini.write("claims.yaml", "claims: []\n")
    dataset = load_dataset(mini.path, today=TODAY)
    drawings = cache.draw_all(dataset, None)
    assert set(drawings) == set(CHARTS) and all(svg.startswith("<svg") for svg in drawings.values())
    assert "timeline.md" in plan_for(dataset, drawings=drawings)


def test_the_waits_chart_keeps_its_labels_and_legend_inside_the_figure():
    """The labels right of the bars ('85th percenti…') and the legend ('their m…') were cut off at
    the right edge: every text's and the legend's box lies inside the figure."""
    dataset = load_dataset(ROOT / "data", today=TODAY)
    with matplotlib.rc_context(rc(DRAWING)):
        figure = catalogue.build_figure(dataset, "test-to-visit", DRAWING)
        renderer = figure.canvas.get_renderer() if hasattr(figure.canvas, "get_renderer") else figure._get_renderer()
        figure.draw(renderer)
        inside = figure.bbox
        boxes = [t.get_window_extent(renderer) for t in figure.findobj(matplotlib.text.Text) if t.get_text()]
        boxes += [legend.get_window_extent(renderer) for legend in figure.legends]
    assert len(boxes) > 10
    outside = [(round(b.x0), round(b.x1), round(b.y0), round(b.y1)) for b in boxes if not _within(b, inside)]
    assert outside == [], f"outside the figure's {inside.width:.0f} × {inside.height:.0f} points"


def _within(box, outer) -> bool:
    return outer.x0 - 0.5 <= box.x0 and box.x1 <= outer.x1 + 0.5 and outer.y0 - 0.5 <= box.y0 and box.y1 <= outer.y1 + 0.5


def test_the_test_to_visit_chart_computes_the_waits_once_however_many_tests(real, monkeypatch):
    """Its tooltips used to ask for every test's wait anew (one pass over all tests per test, 6.5 s at
    10,000 events); the chart and its tooltips now share one computation, and none when the build's
    answer hands its waits down."""
    from lipsteeth.analyse import statistics

    dataset, drawn = real
    answered = statistics.waits_after(dataset)
    assert len(answered) >= 3
    calls = []
    real_waits = statistics.waits_after
    monkeypatch.setattr(statistics, "waits_after", lambda *a, **k: calls.append(1) or real_waits(*a, **k))
    monkeypatch.setattr(forked, "processors", lambda: 1)  # every chart drawn here, where the count sees it
    assert catalogue.draw_chart(dataset, "test-to-visit") == drawn["test-to-visit"]
    assert len(calls) == 1
    assert catalogue.draw_chart(dataset, "test-to-visit", tests=answered) == drawn["test-to-visit"]
    assert cache.draw_all(dataset, None, tests=answered)["test-to-visit"] == catalogue.draw_chart(
        dataset, "test-to-visit", base=cache.urls.ROOT_TOKEN, tests=answered
    )
    assert len(calls) == 1, "the answer's waits were worked out again"


CACHED_BUILD = """
import sys, datetime as dt
from pathlib import Path
from lipsteeth.charts import cache
from lipsteeth.data.validate import load_dataset
dataset = load_dataset(Path(sys.argv[1]), today=dt.date(2026, 11, 28))
cache.draw_all(dataset, Path(sys.argv[2]))
print("matplotlib" in sys.modules)
"""


def test_a_build_whose_charts_are_all_cached_never_imports_matplotlib(mini, tmp_path):
    """The first run draws (and so imports matplotlib); a second, with every chart cached, does not."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "scripts")}
    run = [sys.executable, "-c", CACHED_BUILD, str(mini.path), str(tmp_path / "cache")]
    drawing = subprocess.run(run, capture_output=True, text=True, env=env, check=True)
    cached = subprocess.run(run, capture_output=True, text=True, env=env, check=True)
    assert (drawing.stdout, cached.stdout) == ("True\n", "False\n")


CONCURRENT_STORE = """
import sys
from pathlib import Path
from lipsteeth.charts import cache
folder, mine = Path(sys.argv[1]), sys.argv[2]
for round in range(200):
    for name in ("record", "trade"):
        key = f"{mine}{round % 3}"
        cache.store(folder, name, key, f"<svg>{name} {key}</svg>")
        cache.prune(folder, {name: key})
        found = cache.lookup(folder, name, key)
        assert found in (None, f"<svg>{name} {key}</svg>"), found
"""


def test_two_processes_filling_one_chart_cache_both_finish(tmp_path):
    """As `make serve` and `make test` do: each stores its charts and prunes the other's versions
    (a fixed `<key>.tmp` made one of them fail with FileNotFoundError)."""
    folder = tmp_path / "charts"
    runs = [
        subprocess.Popen([sys.executable, "-c", CONCURRENT_STORE, str(folder), mine], stderr=subprocess.PIPE, text=True)
        for mine in ("a", "b")
    ]
    for run in runs:
        assert run.wait(timeout=300) == 0, run.stderr.read()
    assert all(p.suffix == ".svg" for p in folder.iterdir()), "a temporary file was left"


def test_the_cache_keeps_only_the_charts_in_use(mini_dataset, tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / "retired-chart-0123.svg").write_text("<svg/>", encoding="utf-8")
    cache.draw_all(mini_dataset, folder)
    drawn = cache.keys(mini_dataset, CHARTS, start_year=cache.DEFAULT_START_YEAR)
    source = Source(mini_dataset)
    finished = {name: cache.finished_key(drawn[name], cache.urls.ROOT_TOKEN, catalogue.titles(source, name)) for name in CHARTS}
    kept = [f"{name}-{key}.svg" for name, key in finished.items()] + [f"{name}.drawn-{key}.svg" for name, key in drawn.items()]
    assert sorted(p.name for p in folder.iterdir()) == sorted(kept)


def test_the_record_chart_names_each_leader_of_the_eras_once():
    """The leaders above and below the lanes are the eras' (worked out once per dataset): one label
    per leader in a row, also across a gap in the other side's record (Mao's term ends in 1976,
    Hua's begins in October: Kim Il-sung is still one label)."""
    from lipsteeth.analyse.leadership import eras

    dataset = load_dataset(ROOT / "data", today=TODAY)
    with matplotlib.rc_context(rc(DRAWING)):
        figure = catalogue.build_figure(dataset, "record", DRAWING, start_year=None)
    labels = [t for t in figure.axes[0].texts if t.get_fontsize() == 9.5]
    for side, above in (("china", True), ("korea", False)):
        expected = [leader.name for leader in (getattr(era, side) for era in eras(dataset))]
        expected = [name for index, name in enumerate(expected) if index == 0 or expected[index - 1] != name]
        drawn = [t.get_text() for t in labels if (t.get_va() == "bottom") == above]
        assert [name.split()[0] for name in drawn] == [name.split()[0] for name in expected]
    assert [t.get_text() for t in labels].count("Kim Il-sung") == 1


def test_the_waits_chart_measures_its_texts_with_one_renderer(real, monkeypatch):
    """Each text measured without a renderer made a full-size canvas of its own, which the paused
    collector kept: 4 GB for the waits chart at 10,000 events. One renderer serves them all."""
    from matplotlib.figure import Figure

    made = []
    real_renderer = Figure._get_renderer
    monkeypatch.setattr(Figure, "_get_renderer", lambda self: made.append(1) or real_renderer(self))
    with matplotlib.rc_context(rc(DRAWING)):
        catalogue.build_figure(real[0], "test-to-visit", DRAWING, start_year=None)
    assert len(made) == 1


def test_the_keys_read_matplotlib_s_version_once_per_process(mini_dataset, monkeypatch):
    """Each read of an installed package's version parses its metadata (8 ms): read for every chart
    at every build, it was most of the cost of a build whose charts are all cached."""
    reads = []
    monkeypatch.setattr(cache, "version", lambda name: reads.append(name) or "3.0")
    cache.matplotlib_version.cache_clear()
    try:
        first = cache.keys(mini_dataset, CHARTS, start_year=2000)
        assert cache.keys(mini_dataset, CHARTS, start_year=2000) == first
        assert reads == ["matplotlib"]
    finally:
        cache.matplotlib_version.cache_clear()

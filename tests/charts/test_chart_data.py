"""Each chart's data (#27): a CSV of exactly the marks the chart draws, linked from its caption and
described in the data package."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter

import matplotlib
import pytest
from matplotlib.collections import PathCollection

from lipsteeth import urls
from lipsteeth.analyse.answer import answer
from lipsteeth.analyse.claims import check_all
from lipsteeth.charts.catalogue import CHARTS, build_figure, draw_chart
from lipsteeth.charts.style import DRAWING, rc
from lipsteeth.render import embed, exports
from lipsteeth.site import plan_for

from ..conftest import TEST, dataset_of

EV = "events/events.yaml"
# The column that names each row's event, chart by chart.
EVENT_COLUMN = {"record": "event_id", "visits-per-year": "event_id", "levels-per-year": "event_id", "test-to-visit": "test_id"}


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def linked_marks(svg: str) -> Counter:
    """The events the chart marks, each as often as it is marked (every mark links to its event)."""
    return Counter(re.findall(r'<a [^>]*data-event="([^"]+)"', svg))


@pytest.fixture(params=["mini", "real_data"])
def dataset(request):
    data = dataset_of(request.getfixturevalue(request.param))
    return data, answer(data, check_all(data))


def test_every_chart_has_its_data(dataset):
    data, answered = dataset
    assert set(exports.CHART_TABLES) == set(CHARTS)
    for name in CHARTS:
        rows = rows_of(exports.chart_csv(name, data, answered))
        assert rows, name


def test_a_chart_declared_only_in_the_catalogue_has_its_data(mini, monkeypatch):
    """A new chart with no table of its own still gets a download: one row per event it is drawn
    from (the events its cache key hashes), described like every other column."""
    import dataclasses

    from lipsteeth.charts import catalogue

    data = dataset_of(mini)
    launches = dataclasses.replace(
        catalogue.CATALOGUE["record"],
        name="planted-launches",
        inputs=lambda d, _: catalogue.Inputs([e for e in d.events if e.kind == "missile-launch"], series=()),
    )
    monkeypatch.setitem(catalogue.CATALOGUE, "planted-launches", launches)
    tables = exports.chart_tables()
    assert list(tables) == [*CHARTS, "planted-launches"]
    assert tables["record"] == exports.CHART_TABLES["record"]  # a chart's own table comes first
    description, columns, rows = tables["planted-launches"]
    written = rows_of(exports.write_csv(columns, rows(data, answer(data, check_all(data)))))
    assert [(r["kind"], r["event_id"]) for r in written] == [("missile-launch", "1998-08-taepodong-1")]
    assert "planted-launches" in description and all(c.description for c in columns)


@pytest.mark.parametrize("name", sorted(EVENT_COLUMN))
def test_one_row_per_mark_the_chart_draws(dataset, name):
    """On the real record and the small fixture, the rows name the events the drawing links, as many times."""
    data, answered = dataset
    rows = rows_of(exports.chart_csv(name, data, answered))
    marks = linked_marks(draw_chart(data, name, base=""))
    assert marks, name
    assert Counter(row[EVENT_COLUMN[name]] for row in rows) == marks


def test_the_bars_and_crosses_are_counted_by_year(real_data):
    """A year's rows are its bar's height (visits) and its crosses (tests), as drawn."""
    data = dataset_of(real_data)
    rows = rows_of(exports.chart_csv("visits-per-year", data, answer(data, check_all(data))))
    visits_2018 = [r for r in rows if r["year"] == "2018" and r["mark"] == "visit"]
    assert len(visits_2018) == sum(1 for e in data.events if e.kind == "visit" and e.date.year == 2018) > 2
    tests = [r["event_id"] for r in rows if r["mark"] == "nuclear test"]
    assert tests == [e.id for e in data.events if e.kind == "nuclear-test"]


def test_the_waits_are_the_analysis_answer(real_data):
    """The test-to-visit rows are the build's answer (computed once), bar, band and tick."""
    data = dataset_of(real_data)
    answered = answer(data, check_all(data))
    rows = rows_of(exports.chart_csv("test-to-visit", data, answered))
    assert [r["test_id"] for r in rows] == [w.event.id for w in answered.tests]
    for row, wait in zip(rows, answered.tests, strict=True):
        assert row["days"] == ("" if wait.days is None else str(wait.days))
        if wait.quartiles:
            assert float(row["era_lower_quartile"]) == wait.quartiles[0]
            assert float(row["era_median"]) == wait.median
            assert float(row["era_upper_quartile"]) == wait.quartiles[1]


def test_the_trade_rows_are_the_bars_points_and_marks(real_data):
    """Yearly rows are the top panel's bars, monthly rows the bottom panel's points, event rows the lane's marks."""
    data = dataset_of(real_data)
    rows = rows_of(exports.chart_csv("trade", data, answer(data, check_all(data))))
    with matplotlib.rc_context(rc(DRAWING)):
        figure = build_figure(data, "trade", DRAWING)
    lane, top, bottom = figure.axes
    bars = [p for p in top.patches if p.get_width() == 300]
    assert len(bars) == len([r for r in rows if r["panel"] == "yearly" and r["total"]]) > 20
    assert sorted(b.get_height() for b in bars) == sorted(
        float(r["total"]) for r in rows if r["panel"] == "yearly" and r["total"]
    )
    (points,) = [c for c in bottom.collections if isinstance(c, PathCollection)]
    monthly = [r for r in rows if r["panel"] == "monthly"]
    assert [y for _, y in points.get_offsets()] == [float(r["total"]) for r in monthly]
    assert len(monthly) > 12
    drawn = Counter(re.findall(r'data-event="([^"]+)"', draw_chart(data, "trade", base="")))
    assert Counter(r["event_id"] for r in rows if r["panel"] == "event") == drawn


def test_a_title_a_spreadsheet_would_run_is_quoted(mini):
    mini.replace(EV, "title: First nuclear test", "title: '=1+1'")
    data = dataset_of(mini)
    answered = answer(data, check_all(data))
    for name in ("record", "visits-per-year", "levels-per-year"):
        (row,) = [r for r in rows_of(exports.chart_csv(name, data, answered)) if r["event_id"] == TEST]
        assert row["title"] == "'=1+1"


def test_the_caption_links_the_data():
    """From the page the chart is on to the CSV, whatever the page's depth."""
    drawings = {name: "<svg></svg>" for name in CHARTS}
    for name, page in (("record", urls.TIMELINE), ("trade", urls.ANALYSIS)):
        block = embed.chart_block(drawings, name, page)
        caption = block.partition("<figcaption>")[2]
        assert f'<a href="../data/charts/{name}.csv" download>Download the data (CSV)</a>' in caption


def test_the_plan_holds_each_chart_data_and_the_package_describes_it(mini):
    data = dataset_of(mini)
    files = plan_for(data, drawings={name: "<svg></svg>" for name in CHARTS})
    package = json.loads(files[urls.DATAPACKAGE])
    described = {r["path"]: r for r in package["resources"]}
    for name in CHARTS:
        path = urls.chart_csv(name)
        header = next(csv.reader(io.StringIO(files[path])))
        resource = described[path.removeprefix("data/")]
        assert [f["name"] for f in resource["schema"]["fields"]] == header
        assert all(f["description"] and f["type"] for f in resource["schema"]["fields"])


@pytest.mark.slow
def test_every_chart_of_the_real_site_links_its_data(real_site):
    """On the real record every chart is shown (on the home page or a page one level below it: the
    timeline, the analysis, or wherever a hand-written page places one), and each caption's link
    reaches its CSV, whose rows are its marks."""
    linked = {}
    for page in [real_site / "index.html", *sorted(real_site.glob("*/index.html"))]:
        html = page.read_text(encoding="utf-8")
        for figure in re.findall(r'<figure class="lt-chart".*?</figure>', html, re.S):
            (name,) = re.findall(r'<svg [^>]*class="lt-chart lt-([a-z-]+)"', figure)
            (href,) = re.findall(r'<a href="([^"]+)" download>Download the data \(CSV\)</a>', figure)
            linked[name] = (page.parent / href).resolve()
            if name in EVENT_COLUMN:
                rows = rows_of(linked[name].read_text(encoding="utf-8"))
                assert Counter(r[EVENT_COLUMN[name]] for r in rows) == linked_marks(figure), name
    assert sorted(linked) == sorted(CHARTS)
    assert all(path.is_file() for path in linked.values())
    import frictionless

    report = frictionless.validate(real_site / "data" / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])

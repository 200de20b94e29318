"""The rule that ties `check` to the build: whatever `lipsteeth check` accepts builds, strictly,
with every page present. Hypothesis writes an extra event (and renames a person) with arbitrary
ids, dates and text, including the inputs that once passed `check` and then broke the build."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lipsteeth import urls
from lipsteeth.charts.catalogue import CHARTS
from lipsteeth.data.model import KINDS
from lipsteeth.data.validate import load_dataset
from lipsteeth.errors import DataError
from lipsteeth.render.sections import SECTIONS
from lipsteeth.site import plan_for

from ..conftest import MINI, TODAY, make_project, mkdocs_build

DRAWINGS = {name: "<svg></svg>" for name in CHARTS}
# Any text a page could hold: every script, symbol, punctuation, Markdown and HTML syntax, bidi
# controls and joiners (format characters); and, one time in four, anything at all (control
# characters, noncharacters), which `check` must refuse.
SHOWABLE = st.characters(exclude_categories=("Cs", "Cc", "Cn")).filter(lambda c: (ord(c) & 0xFFFE) != 0xFFFE)
ANY = st.characters(exclude_categories=("Cs",))
TEXT = st.one_of(*[st.text(SHOWABLE, min_size=1, max_size=40).filter(str.strip)] * 3, st.text(ANY, max_size=40))
DATES = st.one_of(
    st.integers(1950, 2026).map(str),
    st.tuples(st.integers(1950, 2026), st.integers(1, 12)).map(lambda d: f"{d[0]:04d}-{d[1]:02d}"),
    st.dates(dt.date(1950, 1, 1), dt.date(2026, 11, 28)).map(dt.date.isoformat),
    st.tuples(st.integers(1890, 2110), st.integers(0, 13), st.integers(0, 32)).map(lambda d: f"{d[0]:04d}-{d[1]:02d}-{d[2]:02d}"),
)
IDS = st.one_of(
    *[st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,2}", fullmatch=True)] * 3,
    st.sampled_from(["index", "x-1\n", "Index", "a--b", "-a"]),
)
EVENTS = st.fixed_dictionaries(
    {
        "id": IDS,
        "date": DATES,
        "kind": st.sampled_from(KINDS),
        "title": TEXT,
        "summary": TEXT,
        "sources": st.just([{"url": "https://example.org/x", "publisher": "Example", "title": "A page"}]),
    },
    optional={
        "place": TEXT,
        "note": TEXT,
        "people": st.lists(st.sampled_from(["kim-jong-il", "jiang-zemin"]), max_size=2, unique=True),
    },
).flatmap(
    # a visit goes between China and North Korea; other kinds have no direction
    lambda e: (
        st.sampled_from([("KP", "CN"), ("CN", "KP")]).map(lambda d: {**e, "from": d[0], "to": d[1]})
        if e["kind"] == "visit"
        else st.just(e)
    )
)


def with_extra(folder: Path, event: dict, name: str) -> Path:
    """The small fixture plus `event` in a file of its own, and Kim Jong-il renamed to `name`."""
    data = folder / "data"
    shutil.copytree(MINI, data)
    (data / "events" / "extra.yaml").write_text(yaml.safe_dump({"events": [event]}, allow_unicode=True), encoding="utf-8")
    people = yaml.safe_load((data / "people.yaml").read_text(encoding="utf-8"))
    people["people"][0]["name"] = name  # Kim Jong-il, the leader in every era
    (data / "people.yaml").write_text(yaml.safe_dump(people, allow_unicode=True), encoding="utf-8")
    return data


def expected_pages(dataset) -> set[str]:
    """Each section's index and a page per record (render.sections), and the single generated pages."""
    pages = {section.path(record) for section in SECTIONS for record in section.records(dataset)}
    return pages | {section.index_path for section in SECTIONS} | {urls.TIMELINE, urls.ARTICLE, urls.ANALYSIS}


HOSTILE = {"date": "2001-02-03", "kind": "visit", "from": "KP", "to": "CN", "people": ["kim-jong-il"]}
SOURCES = [{"url": "https://example.org/x", "publisher": "Example", "title": "A page"}]


def hostile(**fields) -> dict:
    return {"id": "x-1", "title": "t", "summary": "s", "sources": SOURCES, **HOSTILE, **fields}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(event=EVENTS, name=TEXT)
@example(event=hostile(id="index"), name="Kim")
@example(event=hostile(id="x-1\n"), name="Kim")
@example(event=hostile(title="A \x01 b", summary="\x1b[31m red"), name="Kim")
@example(event=hostile(note="x \ufffe y"), name="Kim")
@example(event=hostile(summary="1998. The year"), name="\u202eKim")
@example(event=hostile(summary="- a list", place="!!! note"), name="- Kim")
def test_accepted_data_plans_every_page(event, name):
    """If `check` accepts it, every page is planned, nothing raises, and the strips (lxml) are drawn."""
    with tempfile.TemporaryDirectory() as tmp:
        data = with_extra(Path(tmp), event, name)
        try:
            dataset = load_dataset(data, today=TODAY)
        except DataError as exc:
            assert all(p.line >= 1 and p.column >= 1 for p in exc.problems)
            return
        plan = plan_for(dataset, drawings=DRAWINGS)
        assert expected_pages(dataset) <= set(plan)


@pytest.mark.slow
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(event=EVENTS, name=TEXT)
@example(event=hostile(summary="1998. The year", title="<b>x</b> [y](javascript:z)"), name="\u202eKim")
def test_accepted_data_builds_strictly_with_every_page(tmp_path_factory, event, name):
    """The same, through a strict MkDocs build with the charts drawn: every page is in the site."""
    tmp = tmp_path_factory.mktemp("accepted")
    data = with_extra(tmp, event, name)
    try:
        dataset = load_dataset(data, today=TODAY)
    except DataError:
        return
    project = make_project(tmp, data)
    result = mkdocs_build(project, tmp / "site", env={"SOURCE_DATE_EPOCH": "1795000000"})
    assert result.returncode == 0, result.stderr
    missing = [page for page in expected_pages(dataset) if not (tmp / "site" / urls.url(page) / "index.html").is_file()]
    assert missing == []

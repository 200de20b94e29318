"""Small timelines on year, person and claim pages."""

from __future__ import annotations

import datetime as dt
import re

from lxml import etree

from lipsteeth.charts.strips import palette_css, strip, strip_block
from lipsteeth.charts.style import THEMES, palette
from lipsteeth.data.validate import load_dataset

from ..conftest import TODAY


def test_one_linked_mark_with_a_title_per_drawable_event(mini):
    """Each event in a lane is a link to its page with a 'date – title' tooltip."""
    data = load_dataset(mini.path, today=TODAY)
    svg = etree.fromstring(strip(data.events, "../../", start=dt.date(1998, 1, 1), end=dt.date(2006, 12, 31), label="x"))
    titles = {a.get("href"): a.findtext("title") for a in svg.findall("a")}
    assert sorted(titles) == sorted(f"../../events/{e.id}/" for e in data.events)
    assert (
        titles["../../events/2000-05-kim-jong-il-visits-china/"] == "29–31 May 2000 – Kim Jong-il makes a secret visit to Beijing"
    )
    assert svg.get("role") == "group"  # not "img": an image's children, the links, would be hidden from screen readers
    assert len(svg.findall("line")) == 3  # three lanes: launches, visits to China, nuclear tests


def test_titles_from_the_data_are_escaped(mini):
    """A title with markup becomes text inside <title>, never an element."""
    mini.replace("events/events.yaml", "title: First nuclear test", "title: '</title><script>alert(1)</script>'")
    data = load_dataset(mini.path, today=TODAY)
    markup = strip(data.events, "", start=dt.date(1998, 1, 1), end=dt.date(2006, 12, 31), label="x")
    assert "<script>" not in markup and "&lt;script&gt;" in markup


def test_nothing_to_draw_gives_no_figure(mini):
    """Pages whose events have no lane (leadership changes...) get no empty strip."""
    assert strip_block((), "years/2000.md", start=dt.date(2000, 1, 1), end=dt.date(2000, 12, 31), what="x") == ""


def test_css_sets_every_colour_in_both_schemes():
    """The generated CSS sets each colour role in the light and the dark scheme, to that theme's
    colour, and paints each lane's marks with its role's variable."""
    css = palette_css()
    for theme, scheme in (("light", "default"), ("dark", "slate")):
        block = re.search(rf'\[data-md-color-scheme="{scheme}"\] {{(.*?)}}', css, re.S)[1]
        assert dict(re.findall(r"--lt-c-([a-z-]+): (#[0-9a-fA-F]+);", block)) == palette(THEMES[theme])
    for role in ("cn-visit", "kp-visit", "nuclear", "launch", "talks", "un"):
        assert f".lt-strip .lt-m-{role} {{ fill: var(--lt-c-{role}); stroke: var(--lt-c-{role}); }}" in css


def test_the_label_says_what_is_drawn_and_what_is_not(mini):
    """Kinds without a lane are counted as not drawn, so 'one mark per event' is never claimed for them;
    a single year is not written as '2000–2000'."""
    data = load_dataset(mini.path, today=TODAY)
    whole = strip_block(data.events, "x.md", start=dt.date(1998, 1, 1), end=dt.date(2006, 12, 31), what="the record")
    assert "Small timeline of the record, 1998–2006: one row per kind of event" in whole and "of 3:" not in whole
    mini.replace(
        "events/events.yaml",
        "kind: missile-launch\n    title: Taepodong-1 flies over Japan\n    summary: North Korea launches a three-stage rocket over Japan.\n    outcome: partial",
        "kind: leadership\n    title: Taepodong-1 flies over Japan\n    summary: North Korea launches a three-stage rocket over Japan.",
    )
    data = load_dataset(mini.path, today=TODAY)
    one_year = strip_block(data.events, "x.md", start=dt.date(2000, 1, 1), end=dt.date(2000, 12, 31), what="the events of 2000")
    assert "Small timeline of the events of 2000: " in one_year
    assert "(2 of 3: changes of leader, sanctions and other events are listed below, not drawn)" in one_year


def test_a_strip_is_remembered_by_its_events_values(mini):
    """Strips are remembered: the same events (equal, as a rebuild reads them) give the strip drawn
    before, and an event whose title changed gives a strip with the new tooltip."""
    from lipsteeth.charts import strips

    events = load_dataset(mini.path, today=TODAY).events
    window = {"start": dt.date(1998, 1, 1), "end": dt.date(2006, 12, 31), "label": "A strip"}
    first = strips.strip(events, "../", **window)
    before = strips.strip.cache_info().hits
    assert strips.strip(load_dataset(mini.path, today=TODAY).events, "../", **window) == first
    assert strips.strip.cache_info().hits == before + 1
    retitled = tuple(e.model_copy(update={"title": "A new title"}) if e.kind == "nuclear-test" else e for e in events)
    changed = strips.strip(retitled, "../", **window)
    assert "A new title" in changed and "A new title" not in first

"""Small timelines ("strips") for year, person and claim pages: one row per lane, one linked mark
per event, following the light or dark theme through CSS.

Built directly as SVG with lxml rather than with matplotlib: there are hundreds of these pages,
a strip is a handful of shapes, and lxml escapes every text from the data by construction.
"""

from __future__ import annotations

import datetime as dt
import functools

from lxml import etree

from .. import urls
from ..bidi import isolated
from ..data.model import Event
from .style import LANES, colour_variables, lane_of, tooltip

WIDTH, ROW, LEFT, TOP = 640.0, 9.0, 4.0, 4.0
# One shape per lane, as in the record chart: direction triangles, a cross, a diamond, a circle, a square.
SHAPES = {
    "cn-visit": "M-4,-3 L4,-3 L0,4 Z",
    "kp-visit": "M-4,3 L4,3 L0,-4 Z",
    "nuclear": "M-4,-2 L-2,-4 L0,-2 L2,-4 L4,-2 L2,0 L4,2 L2,4 L0,2 L-2,4 L-4,2 L-2,0 Z",
    "launch": "M0,-4 L4,0 L0,4 L-4,0 Z",
    "talks": "M-3.5,0 A3.5,3.5 0 1,0 3.5,0 A3.5,3.5 0 1,0 -3.5,0 Z",
    "un": "M-3.2,-3.2 L3.2,-3.2 L3.2,3.2 L-3.2,3.2 Z",
}


@functools.lru_cache(maxsize=4096)
def strip(events: tuple[Event, ...], root: str, *, start: dt.date, end: dt.date, label: str) -> str:
    """An inline SVG strip of `events` between `start` and `end`; links are relative to `root`.
    Remembered by the events' values (records are immutable): under `mkdocs serve` a save changes
    the strips of the few pages that show the events it changed, and the others are not drawn again."""
    drawn = [(e, lane_of(e)) for e in events if lane_of(e) is not None]
    lanes = sorted({lane for _, lane in drawn})
    height = TOP * 2 + ROW * max(len(lanes), 1)
    svg = etree.Element(
        "svg", {"class": "lt-strip", "viewBox": f"0 0 {WIDTH:g} {height:g}", "role": "group", "aria-label": isolated(label)}
    )
    etree.SubElement(svg, "title").text = isolated(label)
    span = max((end - start).days, 1)
    for row, lane in enumerate(lanes):
        y = TOP + ROW * row + ROW / 2
        etree.SubElement(
            svg, "line", {"class": "lt-strip-rule", "x1": f"{LEFT:g}", "x2": f"{WIDTH - LEFT:g}", "y1": f"{y:g}", "y2": f"{y:g}"}
        )
        for event, _ in (d for d in drawn if d[1] == lane):
            middle = event.date.middle_day()
            x = LEFT + (WIDTH - 2 * LEFT) * min(max((middle - start).days / span, 0), 1)
            role = LANES[lane].role
            link = etree.SubElement(svg, "a", {"href": root + urls.event_url(event.id), "class": "lt-strip-mark"})
            etree.SubElement(link, "title").text = tooltip(event)
            hollow = " lt-hollow" if event.date.precision != "day" else ""
            etree.SubElement(
                link, "path", {"d": SHAPES[role], "transform": f"translate({x:.1f},{y:g})", "class": f"lt-m-{role}{hollow}"}
            )
    return etree.tostring(svg, encoding="unicode")


def around(events: tuple[Event, ...]) -> tuple[dt.date, dt.date]:
    """From the first event's year to the last event's, whole years."""
    return dt.date(min(e.date.year for e in events), 1, 1), dt.date(max(e.last_date.year for e in events), 12, 31)


def strip_block(events: tuple[Event, ...], page: str, *, start: dt.date, end: dt.date, what: str) -> str:
    """The strip with a one-line caption; nothing when there is nothing to draw."""
    drawn = sum(1 for e in events if lane_of(e) is not None)
    if not drawn:
        return ""
    years = "" if start.year == end.year else f", {start.year}–{end.year}"  # one year: `what` names it
    marks = "one mark per event, each a link"
    if drawn < len(events):
        marks += f" ({drawn} of {len(events)}: changes of leader, sanctions and other events are listed below, not drawn)"
    label = f"Small timeline of {what}{years}: one row per kind of event (visits, tests, launches, talks, UN votes), {marks}."
    svg = strip(events, urls.root_from(page), start=start, end=end, label=label)
    return f'<figure class="lt-strip-figure" data-search-exclude>{svg}</figure>\n'


def palette_css() -> str:
    """Both schemes' colours as variables (which the charts use too), and the strips' marks painted with them."""
    rules = [f".lt-strip .lt-m-{role} {{ fill: var(--lt-c-{role}); stroke: var(--lt-c-{role}); }}" for role in SHAPES]
    rules.append(".lt-strip .lt-strip-rule { stroke: var(--lt-c-rule); }")
    rules.append(".lt-strip .lt-hollow { fill-opacity: 0; stroke-width: 1.2; }")
    rules.append(".lt-strip { width: 100%; height: auto; }")
    return (
        "/* Generated from the charts' palette (lipsteeth.charts.style); do not edit. */\n"
        + colour_variables()
        + "\n".join(rules)
        + "\n"
    )

"""The record as SVG charts, drawn with matplotlib (no pyplot state), one drawing per chart.

Every event mark links to the event's page and has a <title> ("date – title") as its tooltip.
Marks are drawn as one matplotlib collection per lane and style, with one URL per item (drawing
an artist per event is slow on large datasets); `svg.finish_svg` turns the per-item links into
marks, relative to the page through `base`. Colours are stand-ins that become the schemes' CSS
variables, so one drawing serves the light and the dark palette. Dates known only to the month or
year are drawn as a hollow mark at the middle of a line that spans the whole period, never
pinned to the 1st.
"""

from __future__ import annotations

import datetime as dt

import matplotlib
import matplotlib.text
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.markers import MarkerStyle
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator, NullLocator

from .. import urls
from ..analyse import chronology, leadership, statistics
from ..bidi import isolated
from ..data.dataset import Dataset
from ..data.model import Event
from ..wording import ordinal
from . import marks
from .marks import Source
from .style import LANES, Theme, edge_colour, lane_of


def _x(event: Event) -> tuple[float, float, float]:
    """Start, middle and end in days: from the first possible day's start to the last one's end."""
    first, last = event.span
    start, end = first.toordinal(), last.toordinal() + 1
    return start, (start + end) / 2, end


def _precise(event: Event) -> bool:
    return event.date.precision == "day" and event.last_date.precision == "day"


def _url(event: Event) -> str:
    return urls.event_url(event.id)  # made relative to the page (with `base`) in finish_svg


def _marks(axes, points, urls, *, marker: str, size: float, faces, edges, widths, zorder: float) -> None:
    """Markers as one collection, sized and joined as Line2D draws them, each linked to its event."""
    xs, ys = zip(*points, strict=True)
    collection = axes.scatter(
        xs,
        ys,
        s=size**2,  # an area in points²: Line2D's markersize squared
        marker=marker,
        facecolors=faces,
        edgecolors=edges,
        linewidths=widths,
        joinstyle=MarkerStyle(marker).get_joinstyle(),
        clip_on=False,
        zorder=zorder,
    )
    collection.set_urls(urls)


def _rectangle(x: float, y: float, width: float, height: float) -> list[tuple[float, float]]:
    """A rectangle's corners in the order a Rectangle patch draws them."""
    return [(x, y), (x + width, y), (x + width, y + height), (x, y + height)]


def _year_axis(axes, theme: Theme, first_year: int, last_year: int, width_in: float) -> int:
    """A tick at each new year, and years labelled at the middle of the year."""
    years = range(first_year, last_year + 1)
    step = _year_step(len(years), width_in)
    edges = [dt.date(y, 1, 1).toordinal() for y in [*years, last_year + 1]]
    labelled = [y for y in years if y % step == 0 or step == 1]
    major = matplotlib.rcParams["xtick.major.size"]
    _x_ticks(axes, theme, [(x, major) for x in edges], [(dt.date(y, 7, 2).toordinal(), str(y)) for y in labelled])
    return step


def _x_ticks(axes, theme: Theme, marks: list[tuple[float, float]], labels: list[tuple[float, str]]) -> None:
    """Tick marks (x, length in points) and labels (x, text) below the x axis, drawn as one
    collection and one text per label. matplotlib's own ticks cost about a millisecond each
    (five artists apiece), and a year axis over the whole record has well over a hundred."""
    axes.xaxis.set_major_locator(NullLocator())
    axes.xaxis.set_minor_locator(NullLocator())
    points = 1 / 72 / (axes.get_position().height * axes.figure.get_figheight())  # one point, in axes units
    below = axes.get_xaxis_transform()  # x in data, y in axes units: 0 is the axis line
    ticks = LineCollection(
        [[(x, 0), (x, -length * points)] for x, length in marks],
        transform=below,
        colors=theme.muted,
        linewidths=matplotlib.rcParams["xtick.major.width"],
        capstyle="butt",
        clip_on=False,
    )
    axes.add_collection(ticks, autolim=False)
    top = -(matplotlib.rcParams["xtick.major.size"] + matplotlib.rcParams["xtick.major.pad"]) * points
    for x, label in labels:
        axes.text(x, top, label, transform=below, ha="center", va="top", color=theme.text, clip_on=False, parse_math=False)


def _year_step(count: int, width_in: float) -> int:
    """Label every year, or every 2nd, 5th or 10th, so that labels never touch."""
    return next((s for s in (1, 2, 5, 10) if count / s * 0.5 <= width_in), 20)


def _first_year(dataset: Dataset, events: list[Event]) -> int:
    """Where a chart's years start: its first event, else the record's, else (an empty record) 1998."""
    dated = events or dataset.events
    return min(e.date.year for e in dated) if dated else chronology.COMPLETE_FROM


def record(source: Source, theme: Theme) -> Figure:
    dataset, start_year = source.dataset, source.start_year
    events = marks.record_events(dataset, start_year)
    first_year = start_year or _first_year(dataset, events)
    last_year = max([e.last_date.year for e in events] or [first_year])
    x_min, x_max = dt.date(first_year, 1, 1).toordinal(), dt.date(last_year + 1, 1, 1).toordinal()
    width, left, right = 10.0, 1.75, 0.15
    lane_h, n = 0.5, len(LANES)
    height = lane_h * (n + 1.6) + 0.95
    figure = Figure(figsize=(width, height))
    axes = figure.add_axes((left / width, 0.82 / height, 1 - (left + right) / width, lane_h * (n + 1.6) / height))
    axes.set_xlim(x_min, x_max)
    axes.set_ylim(n + 0.3, -1.3)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    axes.spines["bottom"].set_color(theme.rule)
    step = _year_axis(axes, theme, first_year, last_year, width - left - right)
    counts = [sum(lane_of(e) == i for e in events) for i in range(n)]
    axes.set_yticks(range(n), [f"{lane.label} ({count})" for lane, count in zip(LANES, counts, strict=True)])
    axes.tick_params(axis="y", length=0, pad=6)
    for x in range(first_year + 1, last_year + 1, step):
        axes.axvline(dt.date(x, 1, 1).toordinal(), color=theme.rule, lw=0.5, zorder=0)
    for y in range(n + 1):
        axes.axhline(y - 0.5, color=theme.rule, lw=0.5, zorder=0)
    days_per_inch = (x_max - x_min) / (width - left - right)
    _leaders(axes, dataset, theme, x_min, x_max, days_per_inch)
    rows = _rows(events, 0.11 * days_per_inch)
    by_lane: dict[int, list[Event]] = {}
    for event in events:
        by_lane.setdefault(lane_of(event), []).append(event)
    for lane, lane_events in sorted(by_lane.items()):
        style = LANES[lane]
        colour = theme.colours[style.role]
        xs = [_x(event) for event in lane_events]
        ys = [lane + rows[event.id] for event in lane_events]
        precise = [_precise(event) for event in lane_events]
        urls = [_url(event) for event in lane_events]
        # The span of each event's days, then its mark at the middle; finish_svg puts both in one link.
        spans = LineCollection(
            [[(start, y), (end, y)] for (start, _, end), y in zip(xs, ys, strict=True)],
            colors=colour,
            linewidths=[2.2 if p else 1.2 for p in precise],
            capstyle="butt",
            clip_on=False,
            zorder=3,
        )
        spans.set_urls(urls)
        axes.add_collection(spans, autolim=False)
        _marks(
            axes,
            [(middle, y) for (_, middle, _), y in zip(xs, ys, strict=True)],
            urls,
            marker=style.marker,
            size=7 if style.marker in "vo^" else 6,
            faces=[colour if p else "none" for p in precise],
            edges=edge_colour(theme, style.role),
            widths=[0.6 if p else 1.4 for p in precise],
            zorder=3,
        )
    figure.text(
        left / width,
        0.08 / height,
        "Filled mark: the day is known. Hollow mark: only the month or year is known; it sits mid-period.\n"
        "A line through a mark spans the event's days (or the whole month). Shading: leaders' eras.",
        color=theme.muted,
        fontsize=9,
    )
    return figure


def _rows(events: list[Event], min_gap: float) -> dict[str, float]:
    """Vertical offsets within each lane: marks closer than `min_gap` days go to separate rows."""
    row_of, rows_in = {}, {}
    for event in events:
        lane, middle = lane_of(event), _x(event)[1]
        ends = rows_in.setdefault(lane, [])
        row = next((r for r, last in enumerate(ends) if last < middle - min_gap), len(ends))
        ends[row : row + 1] = [middle]
        row_of[event.id] = (lane, row)
    return {event_id: _offsets(len(rows_in[lane]))[row] for event_id, (lane, row) in row_of.items()}


def _offsets(count: int) -> list[float]:
    """The first row stays on the lane's centre line while there are three rows or fewer."""
    if count <= 3:
        return [0.0, 0.24, -0.24][:count] if count != 3 else [0.0, -0.24, 0.24]
    return [0.64 * (i / (count - 1) - 0.5) for i in range(count)]


def _leaders(axes, dataset: Dataset, theme: Theme, x_min: int, x_max: int, days_per_inch: float) -> None:
    """China's leaders above the lanes, North Korea's below, and each era shaded across them."""
    cuts = {x_min}
    for side, y, va in (("china", -0.8, "bottom"), ("korea", len(LANES) - 0.2, "top")):
        for start, end, name in _terms(dataset, side, x_max):
            start, end = max(start, x_min), min(end, x_max)
            if start >= end:
                continue
            cuts.add(start)
            axes.plot([start + 20, end - 20], [y, y], color=theme.muted, lw=0.8, solid_capstyle="butt", clip_on=False)
            label_y = y - 0.12 if va == "bottom" else y + 0.12
            if len(name) * 9.5 * 0.6 / 72 * days_per_inch > end - start:  # too long for a short term: family name
                name = name.split()[0]
            axes.text((start + end) / 2, label_y, isolated(name), ha="center", va=va, fontsize=9.5, parse_math=False)
    ordered = sorted(cuts) + [x_max]
    for index in range(0, len(ordered) - 1, 2):
        axes.axvspan(ordered[index], ordered[index + 1], color=theme.shade, lw=0, zorder=0)


def _terms(dataset: Dataset, side: str, x_max: int) -> list[tuple[int, int, str]]:
    """Each leader's time in office on one side of the eras ("china" or "korea"), as (first day,
    day it ends, name): the eras (worked out once per dataset) in a row with the same leader on that
    side joined, also across a gap between them, where the other side had no leader recorded."""
    terms: list[tuple[int, int, str]] = []
    leaders: list[str] = []
    for era in leadership.eras(dataset):
        leader = getattr(era, side)
        start, end = era.start.first_day().toordinal(), era.end.first_day().toordinal() if era.end else x_max
        if leaders and leaders[-1] == leader.id:
            terms[-1] = (terms[-1][0], end, leader.name)
        else:
            terms.append((start, end, leader.name))
            leaders.append(leader.id)
    return terms


def stack_by_year(axes, theme: Theme, stacked, colour_of) -> tuple[dict[int, int], dict[int, int]]:
    """One block per visit, stacked by year in `stacked.blocks`' order (each coloured by `colour_of`,
    a theme colour's name), and a cross above the stack for each test: {year: visits}, {year: tests}."""
    stacks: dict[int, int] = {}
    blocks, colours, block_urls = [], [], []
    for event in stacked.blocks:
        year = event.date.year
        blocks.append(_rectangle(year - 0.4, stacks.get(year, 0), 0.8, 1))
        colours.append(theme.colours[colour_of(event)])
        block_urls.append(_url(event))
        stacks[year] = stacks.get(year, 0) + 1
    if blocks:
        visits = PolyCollection(blocks, facecolors=colours, edgecolors=theme.page, linewidths=0.8, joinstyle="miter")
        visits.set_urls(block_urls)
        axes.add_collection(visits, autolim=False)
    tests: dict[int, int] = {}
    crosses, cross_urls = [], []
    for event in stacked.tests:
        year = event.date.year
        crosses.append((year, stacks.get(year, 0) + 0.55 + 0.75 * tests.get(year, 0)))
        cross_urls.append(_url(event))
        tests[year] = tests.get(year, 0) + 1
    if crosses:
        colour, edge_width = theme.colours["nuclear"], matplotlib.rcParams["lines.markeredgewidth"]
        _marks(axes, crosses, cross_urls, marker="X", size=7, faces=colour, edges=colour, widths=edge_width, zorder=2)
    return stacks, tests


def year_columns(
    axes,
    theme: Theme,
    stacks: dict[int, int],
    tests: dict[int, int],
    first_year: int,
    last_year: int,
    width_in: float,
    headroom: float = 0,
) -> None:
    """The axes of a chart of visits per year: a column per year from `first_year` to `last_year`
    (every year ticked, every few labelled), whole visits up to the tallest stack and its crosses
    (stack_by_year's counts) and `headroom` more, and a grid behind the blocks."""
    top = max([s + 0.3 for s in stacks.values()] + [s + 0.75 * tests[y] + 0.3 for y, s in stacks.items() if y in tests] + [2])
    axes.set_xlim(first_year - 0.7, last_year + 0.7)
    axes.set_ylim(0, top + headroom)
    step = _year_step(last_year - first_year + 1, width_in)
    major, minor = matplotlib.rcParams["xtick.major.size"], matplotlib.rcParams["xtick.minor.size"]
    years = range(first_year, last_year + 1)
    _x_ticks(axes, theme, [(y, major if y % step == 0 else minor) for y in years], [(y, str(y)) for y in years if y % step == 0])
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylabel("Visits")
    axes.grid(axis="y", color=theme.rule, lw=0.5)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)


def visits_per_year(source: Source, theme: Theme) -> Figure:
    """The whole record, whatever the start year: the count chart is where the long view is."""
    dataset = source.dataset
    stacked = marks.visits_per_year(dataset)
    events = stacked.events
    first_year = _first_year(dataset, events)
    last_year = max([e.date.year for e in events] or [first_year])
    width, height = 10.0, 3.4
    figure = Figure(figsize=(width, height))
    axes = figure.add_axes((0.7 / width, 0.5 / height, 1 - 0.85 / width, 2.5 / height))
    # China's visits at the bottom of each stack
    stacks, tests = stack_by_year(axes, theme, stacked, lambda e: "cn-visit" if e.from_ == "CN" else "kp-visit")
    year_columns(axes, theme, stacks, tests, first_year, last_year, width - 0.85)
    handles = [
        Patch(color=theme.colours["cn-visit"], label="China → North Korea"),
        Patch(color=theme.colours["kp-visit"], label="North Korea → China"),
        Line2D([], [], marker="X", lw=0, color=theme.colours["nuclear"], label="Nuclear test"),
    ]
    axes.legend(handles=handles, loc="upper left", frameon=False, ncols=3)
    return figure


def test_to_visit(source: Source, theme: Theme) -> Figure:
    """One row per nuclear test: the middle half of its era's waits as a band, their median as a
    tick, and the test's own wait as a bar over them, coloured by who made the next visit."""
    waits = source.tests
    width, height = 10.0, 1.5 + 0.42 * max(len(waits), 1)
    figure = Figure(figsize=(width, height))
    axes = figure.add_axes((1.55 / width, 0.55 / height, 1 - 5.45 / width, 1 - 1.15 / height))
    longest = max([w.days for w in waits if w.days is not None] + [w.quartiles[1] for w in waits if w.quartiles] + [1])
    column = axes.get_yaxis_transform()  # x in axes units, y in rows: a column of labels right of the bars
    bands = [
        _rectangle(w.quartiles[0], row - 0.36, w.quartiles[1] - w.quartiles[0], 0.72)
        for row, w in enumerate(waits)
        if w.quartiles
    ]
    if bands:
        axes.add_collection(PolyCollection(bands, facecolors=theme.rule, edgecolors="none", linewidths=0), autolim=False)
        ticks = [[(w.median, row - 0.36), (w.median, row + 0.36)] for row, w in enumerate(waits) if w.median is not None]
        axes.add_collection(LineCollection(ticks, colors=theme.muted, linewidths=1.5), autolim=False)
    shapes, colours, urls, unanswered, unanswered_urls = [], [], [], [], []
    for row, wait in enumerate(waits):
        if wait.visit is None:
            unanswered.append(row)
            unanswered_urls.append(_url(wait.event))
            label = "no visit to compare it with"
        else:
            shapes.append(_rectangle(0, row - 0.17, wait.days, 0.34))
            colours.append(theme.colours["cn-visit" if wait.visit.from_ == "CN" else "kp-visit"])
            urls.append(_url(wait.event))
            who = "Chinese" if wait.visit.from_ == "CN" else "North Korean"
            label = f"{wait.days:,} days → {who} visit, {wait.visit.date.human()} ({ordinal(wait.percentile)} percentile)"
        axes.text(1.02, row, label, transform=column, va="center")
    if shapes:
        collection = PolyCollection(shapes, facecolors=colours, edgecolors=colours, linewidths=0)
        collection.set_urls(urls)
        axes.add_collection(collection, autolim=False)
    if unanswered:
        _marks(
            axes,
            [(0, row) for row in unanswered],
            unanswered_urls,
            marker="o",
            size=matplotlib.rcParams["lines.markersize"],
            faces="none",
            edges=theme.colours["nuclear"],
            widths=matplotlib.rcParams["lines.markeredgewidth"],
            zorder=2,
        )
    axes.set_yticks(range(len(waits)), [w.event.date.human() for w in waits])
    axes.set_ylim(len(waits) - 0.5, -0.7)
    axes.set_xlim(0, longest * 1.05)
    axes.set_xlabel("Days from each nuclear test to the next visit, against the waits from every day of its era")
    axes.tick_params(axis="y", length=0)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    handles = [
        Patch(color=theme.colours["cn-visit"], label="wait for a Chinese visit"),
        Patch(color=theme.colours["kp-visit"], label="wait for a North Korean visit"),
        Patch(color=theme.rule, label="middle half of the era's waits"),
        Line2D([], [], color=theme.muted, lw=1.5, label="their median"),
    ]
    # Anchored in inches, so that widening the figure below leaves it where it is.
    figure.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(1.55, height),
        bbox_transform=figure.dpi_scale_trans,
        frameon=False,
        ncols=4,
    )
    _widen_to_fit(figure, axes)
    return figure


RIGHT_PAD = 0.15  # inches kept free right of the widest text, for a viewer's font a little wider than ours


def _widen_to_fit(figure: Figure, axes) -> None:
    """Widen the figure until every text and legend ends inside it, the axes keeping their size and
    place in inches: an SVG cuts off whatever runs past its right edge ('85th percenti…')."""
    width, height = figure.get_size_inches()
    texts = [t for t in figure.findobj(matplotlib.text.Text) if t.get_text() and t.get_visible()]
    # One renderer for every extent: asked without one, each text made its own, a full-size canvas
    # that the paused collector kept (4 GB at 10,000 events, for a figure of 20 MB).
    renderer = figure._get_renderer()
    extents = [t.get_window_extent(renderer) for t in texts] + [legend.get_window_extent(renderer) for legend in figure.legends]
    right = max(extent.x1 for extent in extents)
    needed = right / figure.dpi + RIGHT_PAD
    if needed <= width:
        return
    left, bottom, axes_width, axes_height = axes.get_position().bounds
    figure.set_size_inches(needed, height)
    axes.set_position((left * width / needed, bottom, axes_width * width / needed, axes_height))


def trade(source: Source, theme: Theme) -> Figure:
    """Two panels on one time axis: yearly exports, imports and total from China's customs, and the
    monthly totals since 2016; above them a lane of the tests and sanctions, each a link; the
    border closure shaded across both."""
    dataset = source.dataset
    yearly = marks.trade_yearly(dataset)
    years = yearly["total"]
    marked = marks.trade_events(dataset)
    first = min([*years, *(e.date.year for e in marked if not e.border_closed)] or [statistics.FIRST_DAY.year])
    last = max([*years, *(e.last_date.year for e in marked)] or [first])
    width, height = 10.0, 6.4
    figure = Figure(figsize=(width, height))
    left, right = 1.25 / width, 1 - 0.2 / width
    lane = figure.add_axes((left, 5.5 / height, right - left, 0.45 / height))
    top = figure.add_axes((left, 3.1 / height, right - left, 2.25 / height), sharex=lane)
    bottom = figure.add_axes((left, 0.75 / height, right - left, 1.9 / height), sharex=lane)
    x_min, x_max = dt.date(first, 1, 1).toordinal(), dt.date(last + 1, 1, 1).toordinal()
    for axes in (lane, top, bottom):
        axes.set_xlim(x_min, x_max)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        for event in (e for e in marked if e.border_closed):
            axes.axvspan(*_x(event)[::2], color=theme.shade, lw=0, zorder=0)
    # the lane of events: tests, UN sanctions resolutions, China's own sanctions
    lane_events = marks.trade_lane(dataset)
    for kind, role, marker, row in marks.TRADE_LANE:
        events = [e for e in lane_events if e.kind == kind]
        if events:
            colour = theme.colours[role]
            _marks(lane, [(_x(e)[1], row) for e in events], [_url(e) for e in events], marker=marker, size=7,
                   faces=colour, edges=edge_colour(theme, role), widths=0.6, zorder=3)  # fmt: skip
    lane.set_ylim(-0.6, 2.6)
    lane.set_yticks([2, 1, 0], ["Nuclear tests", "UN sanctions", "China's sanctions"])
    lane.tick_params(axis="y", length=0, labelsize=8.5)
    lane.spines["left"].set_visible(False)
    lane.spines["bottom"].set_color(theme.rule)
    lane.xaxis.set_visible(False)
    # yearly figures
    centre = {year: dt.date(year, 7, 2).toordinal() for year in range(first, last + 1)}
    if years:
        top.bar([centre[y] for y in years], list(years.values()), width=300, color=theme.rule, lw=0, label="total")
    for field, role, label in (("exports", "cn-visit", "China's exports"), ("imports", "kp-visit", "China's imports")):
        values = yearly[field]
        if values:  # a line between consecutive years only: a missing year breaks it
            runs = [[(centre[y], values[y]) for y in run] for run in _runs(sorted(values))]
            top.add_collection(LineCollection(runs, colors=theme.colours[role], linewidths=1.6), autolim=False)
            top.plot([centre[y] for y in values], list(values.values()), color=theme.colours[role], lw=0, marker="o",
                     markersize=3.5, label=label)  # fmt: skip
    top.set_ylabel("US$ million a year")
    if years:
        top.legend(loc="upper left", frameon=False, ncols=3, fontsize=8.5)
    top.xaxis.set_visible(False)
    top.grid(axis="y", color=theme.rule, lw=0.5)
    top.set_axisbelow(True)
    # monthly totals, with breaks where a month is missing
    points = [(x, y) for x, y, _ in marks.trade_monthly(dataset)]
    if points:
        segments = [[points[0]]]
        for previous, point in zip(points, points[1:], strict=False):
            if point[0] - previous[0] > 40:  # a month is missing: break the line
                segments.append([])
            segments[-1].append(point)
        bottom.add_collection(LineCollection(segments, colors=theme.text, linewidths=1.2), autolim=False)
        bottom.scatter(*zip(*points, strict=True), s=6, color=theme.text, zorder=3)
        bottom.set_ylim(0, max(y for _, y in points) * 1.1)
    bottom.set_ylabel("US$ million a month")
    bottom.grid(axis="y", color=theme.rule, lw=0.5)
    bottom.set_axisbelow(True)
    _year_axis(bottom, theme, first, last, width - 1.45)
    figure.text(
        left,
        0.08 / height,
        "Shading: the border closure. Gaps in the monthly line: months with no total in the record.",
        color=theme.muted,
        fontsize=9,
    )
    return figure


def _runs(years: list[int]) -> list[list[int]]:
    """[2000, 2001, 2003] -> [[2000, 2001], [2003]]: consecutive years together."""
    runs: list[list[int]] = []
    for year in years:
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return runs

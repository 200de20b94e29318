"""The levels chart: visits per year since the record is complete, stacked by the rank of the
person who led them (leaders at the bottom), with a cross above each year of a nuclear test and
the border closure shaded. The same counts are the table on the analysis page."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ..analyse import statistics
from ..data.model import LEVELS
from . import marks
from .draw import stack_by_year, year_columns
from .marks import Source
from .style import Theme

LABELS = {"leader": "Leaders and heads of state", "top": "Top leadership", "ministerial": "Ministerial"}


def draw_levels(source: Source, theme: Theme) -> Figure:
    """Whatever the start year: the levels chart always starts where the record is complete."""
    dataset = source.dataset
    first_year = statistics.FIRST_DAY.year
    stacked = marks.levels_per_year(dataset)
    events = stacked.events
    last_year = max([e.date.year for e in events if not e.border_closed] or [first_year])
    width, height = 10.0, 3.6
    figure = Figure(figsize=(width, height))
    axes = figure.add_axes((0.7 / width, 0.5 / height, 1 - 0.85 / width, 2.5 / height))
    # leaders at the bottom of each stack
    stacks, tests = stack_by_year(axes, theme, stacked, lambda e: f"level-{e.level}")
    for start, stop in statistics.closure_spans(dataset):
        axes.axvspan(max(start.year, first_year) - 0.5, min(stop.year, last_year) + 0.5, color=theme.shade, lw=0, zorder=0)
    year_columns(axes, theme, stacks, tests, first_year, last_year, width - 0.85, headroom=1.5)  # room for the legend
    handles = [Patch(color=theme.colours[f"level-{level}"], label=LABELS[level]) for level in LEVELS]
    handles += [
        Line2D([], [], marker="X", lw=0, color=theme.colours["nuclear"], label="Nuclear test"),
        Patch(color=theme.shade, label="Border closed"),
    ]
    axes.legend(handles=handles, loc="upper left", frameon=False, ncols=5)
    return figure

"""The charts there are, each declared once: its name, its alternative text, where the same
information is as text, what its cache key hashes, and the function that draws it. The cache,
the drawing, the captions and the downloads all read this; a new chart is an entry here and its
drawing function.

No matplotlib here: a build whose charts are all cached never imports it (about 0.4 s). Each
drawing function is imported only when its chart is drawn.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from .. import urls
from ..analyse.chronology import COMPLETE_FROM
from ..analyse.kept import UNANALYSED
from ..data.dataset import Dataset
from ..data.model import Event, Series
from . import marks
from .marks import DEFAULT_START_YEAR, Source
from .style import DRAWING, Theme, rc, tooltip
from .svg import finish_svg

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ..analyse.statistics import Wait


class Inputs(NamedTuple):
    """What of the data a chart is drawn from: its cache key hashes these (each event without its
    UNDRAWN fields), besides the code, the options and the leaders' roles (which every chart's key hashes)."""

    events: list[Event]  # the events it is drawn from (the marks among them get their tooltips from here)
    series: Sequence[Series]  # the figures it plots


# The fields of an event that no drawing reads: those no analysis reads (a title shows only in the
# marks' tooltips, which `finish` adds to what matplotlib drew, the rest only on the pages), and where
# and who, which the analysis reads and no chart draws. A change to one of them finishes a chart
# again (cheap) but never redraws it; tests/charts/test_charts.py changes each of them on every
# event and checks that no drawing changes.
UNDRAWN = UNANALYSED | {"place", "people"}


class TextAlternative(NamedTuple):
    """Where a chart's information is as text: the caption's lead-in, the page, its section, the link's words."""

    lead: str
    page: str
    anchor: str
    label: str


FigureFunction = Callable[[Source, Theme], "Figure"]


@dataclass(frozen=True)
class Chart:
    name: str
    alt_text: str  # one sentence: the SVG's aria-label and the start of its caption
    text_alternative: TextAlternative
    inputs: Callable[[Dataset, int | None], Inputs]  # (dataset, start year of the record chart)
    figure: Callable[[], FigureFunction]  # imports the drawing code (and matplotlib): only to draw
    titles: Callable[[Source], dict[str, str]] | None = None  # marks whose tooltip says more than "date – title"


def _record() -> FigureFunction:
    from .draw import record

    return record


def _visits_per_year() -> FigureFunction:
    from .draw import visits_per_year

    return visits_per_year


def _test_to_visit() -> FigureFunction:
    from .draw import test_to_visit

    return test_to_visit


def _trade() -> FigureFunction:
    from .draw import trade

    return trade


def _levels_per_year() -> FigureFunction:
    from .levels import draw_levels

    return draw_levels


_CHARTS = (
    Chart(
        "record",
        f"Timeline since {COMPLETE_FROM} of visits between China and North Korea in each direction, North Korea's "
        "nuclear tests, missile and satellite launches, talks, treaties and other diplomacy, and UN Security Council "
        f"resolutions, one lane each with its count since {COMPLETE_FROM}, and the eras of each country's leaders shaded "
        "behind them.",
        TextAlternative("The same events as a list: ", urls.TIMELINE, "", "the timeline"),
        lambda dataset, start_year: Inputs(marks.record_events(dataset, start_year), series=()),
        _record,
    ),
    Chart(
        "visits-per-year",
        "Bar chart of high-level visits between China and North Korea in each year of the record, "
        "stacked by direction, with a cross above the years in which North Korea tested a nuclear weapon.",
        TextAlternative("The same counts as a table: ", urls.ANALYSIS, "visits-per-year-by-era", "visits per year"),
        lambda dataset, _: Inputs(marks.visits_and_tests(dataset), series=()),
        _visits_per_year,
    ),
    Chart(
        "test-to-visit",
        "Bar chart of the number of days from each North Korean nuclear test to the next "
        "high-level visit between the two countries, each over a band showing the middle half of the waits from every "
        "day of the same era, with their median marked.",
        TextAlternative(
            "The same waits as a table: ", urls.ANALYSIS, "waiting-after-each-nuclear-test", "waiting after each test"
        ),
        lambda dataset, _: Inputs(marks.visits_tests_and_closures(dataset), series=()),  # closures shape the waits
        _test_to_visit,
        titles=lambda source: marks.wait_titles(source.dataset, source.tests),
    ),
    Chart(
        "trade",
        "Chart of China's trade with North Korea as China's customs report it: yearly exports, imports and their "
        "total, and monthly totals since 2016, with North Korea's nuclear tests, the UN sanctions resolutions, China's "
        "own sanctions and the border closure marked.",
        TextAlternative(
            "The yearly figures as a table (the monthly ones are in the trade download): ",
            urls.ANALYSIS,
            "the-trade-figures",
            "the trade figures",
        ),
        lambda dataset, _: Inputs(marks.trade_events(dataset), series=dataset.series),
        _trade,
    ),
    Chart(
        "levels-per-year",
        f"Bar chart of high-level visits between China and North Korea in each year since {COMPLETE_FROM + 1}, "
        "stacked by the rank of the person who led them, with a cross above the years in which North Korea tested a "
        "nuclear weapon and the border closure shaded.",
        TextAlternative("The same counts as a table: ", urls.ANALYSIS, "contact-by-level-year-by-year", "contact by level"),
        lambda dataset, _: Inputs(marks.visits_tests_and_closures(dataset), series=()),
        _levels_per_year,
    ),
)
CATALOGUE = {chart.name: chart for chart in _CHARTS}
CHARTS = tuple(CATALOGUE)


def build_figure(
    dataset: Dataset,
    name: str,
    theme: Theme,
    *,
    start_year: int | None = DEFAULT_START_YEAR,
    tests: tuple[Wait, ...] | None = None,
) -> Figure:
    """The matplotlib Figure (no pyplot state, so nothing to close); call inside `rc_context(rc(theme))`.
    Pages show it drawn in DRAWING's stand-in colours; a real theme is for looking at it alone."""
    return CATALOGUE[name].figure()(Source(dataset, start_year, tests), theme)


def draw_chart(
    dataset: Dataset,
    name: str,
    *,
    base: str = "../",
    start_year: int | None = DEFAULT_START_YEAR,
    tests: tuple[Wait, ...] | None = None,
) -> str:
    """One chart as an inline-ready SVG. `base` is the path from the page it is shown on to the site
    root ("" at the root, "../" one level deep); `start_year` starts the record chart (None: the
    first event); `tests` are the waits after each nuclear test as the build's answer has them
    (worked out here, once, when not given and the chart needs them)."""
    source = Source(dataset, start_year, tests)
    return finish(name, draw(source, name), titles(source, name), base=base)


def draw(source: Source, name: str) -> str:
    """What matplotlib draws for the chart: its SVG, with a link to each event's page on its marks
    and no tooltips yet (`finish` adds them). Reads no UNDRAWN field of an event."""
    import matplotlib  # only to draw: a build whose charts are all cached never imports it

    with matplotlib.rc_context(rc(DRAWING)):
        figure = CATALOGUE[name].figure()(source, DRAWING)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def titles(source: Source, name: str, inputs: Inputs | None = None) -> dict[str, str]:
    """The tooltip of each event the chart marks, by event id (`inputs`: the chart's, if known)."""
    chart = CATALOGUE[name]
    if inputs is None:
        inputs = chart.inputs(source.dataset, source.start_year)
    found = {e.id: tooltip(e) for e in inputs.events}
    return found | chart.titles(source) if chart.titles else found


def finish(name: str, drawn: str, tooltips: dict[str, str], *, base: str) -> str:
    """The chart's drawing (`draw`) made inline-ready, with its tooltips (`titles`) and its links
    relative to the page through `base`."""
    return finish_svg(drawn, prefix=f"lt-{name}-", label=CATALOGUE[name].alt_text, base=base, titles=tooltips)

"""Charts placed in pages: inline SVG (so each mark's link works), coloured by the scheme's CSS
variables, with a caption that says where the same information is as text.

A hand-written page asks for a chart with a marker, `<!-- lipsteeth:chart NAME -->`, and for a
fragment (render.fragments) with `<!-- lipsteeth:NAME -->`. (A "placeholder" is something else:
a `{gap A B}` in the editors' prose, data.placeholders.) Charts are drawn once with urls.ROOT_TOKEN
for the way back to the site root, filled in for each page here, so one cached drawing serves pages
at every depth and under any sub-path.
"""

from __future__ import annotations

import re

from .. import urls
from ..analyse.answer import Answer
from ..charts.cache import Drawings
from ..charts.catalogue import CATALOGUE
from ..data.dataset import Dataset
from .fragments import FRAGMENTS
from .markup import address, text

MARKER = re.compile(r"<!-- lipsteeth:(chart ([a-z-]+)|[a-z-]+) -->")


def chart_block(drawings: Drawings, name: str, page: str) -> str:
    """The chart for `page`, its alt text, and where the same information is as text (the
    timeline's list, the analysis tables)."""
    root = urls.root_from(page)
    svg = drawings[name].replace(urls.ROOT_TOKEN, root)
    chart = CATALOGUE[name]
    lead, target, anchor, label = chart.text_alternative
    href = root + urls.url(target) + (f"#{anchor}" if anchor else "")
    data = address(root + urls.chart_csv(name))
    caption = (
        text(chart.alt_text)
        + f' {lead}<a href="{href}">{label}</a>.'
        + f' <a href="{data}" download>{text("Download the data (CSV)")}</a>, the numbers the chart plots.'
    )
    return f'<figure class="lt-chart" data-search-exclude>{svg}<figcaption>{caption}</figcaption></figure>\n'


def fill_markers(markdown: str, page: str, drawings: Drawings, dataset: Dataset, answered: Answer) -> str:
    """Fill a hand-written page: `<!-- lipsteeth:chart NAME -->` becomes the chart, and any other
    `<!-- lipsteeth:NAME -->` the fragment NAME (findings, counts), with its numbers from the data."""

    def filled(match: re.Match) -> str:
        if match[2]:
            return chart_block(drawings, match[2], page)
        return FRAGMENTS[match[1]](dataset, answered, page)

    return MARKER.sub(filled, markdown)


def unknown_markers(markdown: str) -> list[str]:
    """Markers in a page that name no chart or fragment (a typo would otherwise show as a comment)."""
    return [m[0] for m in MARKER.finditer(markdown) if (m[2] and m[2] not in CATALOGUE) or (not m[2] and m[1] not in FRAGMENTS)]

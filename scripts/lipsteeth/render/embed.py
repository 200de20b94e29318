"""Charts placed in pages: inline SVG (so each mark's link works), coloured by the scheme's CSS
variables, with a caption that says where the same information is as text.

Charts are drawn once with urls.ROOT_PLACEHOLDER for the way back to the site root, filled in
for each page here, so one cached drawing serves pages at every depth and under any sub-path.
"""

from __future__ import annotations

import re

from .. import urls
from ..analyse.answer import Answer
from ..charts.cache import Drawings
from ..charts.style import ALT_TEXT
from .findings import findings
from .markup import text

# Where each chart's information is as text: (the page, its section anchor, what it is there).
TEXT_ALTERNATIVE = {
    "record": ("The same events as a list: ", urls.TIMELINE, "", "the timeline"),
    "visits-per-year": ("The same counts as a table: ", urls.ANALYSIS, "visits-per-year-by-era", "visits per year"),
    "test-to-visit": ("The same waits as a table: ", urls.ANALYSIS, "waiting-after-each-nuclear-test", "waiting after each test"),
}
PLACEHOLDER = re.compile(r"<!-- lipsteeth:(chart ([a-z-]+)|findings) -->")


def chart_block(drawings: Drawings, name: str, page: str) -> str:
    """The chart for `page`, its alt text, and where the same information is as text (the
    timeline's list, the analysis tables)."""
    root = urls.root_from(page)
    svg = drawings[name].replace(urls.ROOT_PLACEHOLDER, root)
    lead, target, anchor, label = TEXT_ALTERNATIVE[name]
    href = root + urls.url(target) + (f"#{anchor}" if anchor else "")
    caption = text(ALT_TEXT[name]) + f' {lead}<a href="{href}">{label}</a>.'
    return f'<figure class="lt-chart" data-search-exclude markdown="0">{svg}<figcaption>{caption}</figcaption></figure>\n'


def expand_placeholders(markdown: str, page: str, drawings: Drawings, answered: Answer) -> str:
    """Fill a hand-written page: `<!-- lipsteeth:chart NAME -->` becomes the chart, and
    `<!-- lipsteeth:findings -->` the findings, with their numbers from the data."""
    return PLACEHOLDER.sub(lambda m: chart_block(drawings, m[2], page) if m[2] else findings(answered, page), markdown)

"""Charts placed in pages: inline SVG (so each mark's link works), coloured by the scheme's CSS
variables, and a text alternative beside it.

Charts are drawn once with a placeholder for the way back to the site root, and the placeholder
is filled in for each page, so one cached drawing serves pages at every depth and any sub-path.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from . import chartcache
from .chartstyle import ALT_TEXT, CHARTS
from .dataset import Dataset
from .gcpause import gc_paused
from .markup import text

ROOT_TOKEN = "LT-ROOT/"
TEXT_ALTERNATIVE = {
    "record": 'The same events as a list: <a href="{root}timeline/">the timeline</a>.',
    "visits-per-year": 'The same counts as a table: <a href="{root}analysis/#visits-per-year-by-era">visits per year</a>.',
    "test-to-visit": 'The same gaps as a table: <a href="{root}analysis/#contact-after-each-nuclear-test">contact after each test</a>.',
}
PLACEHOLDER = re.compile(r"<!-- lipsteeth:chart ([a-z-]+) -->")

Drawings = dict[str, str]  # by chart name


@gc_paused()
def draw_all(dataset: Dataset, cache_dir: Path | None) -> Drawings:
    """Every chart, taken from the cache or drawn; matplotlib is imported only to draw."""
    keys = chartcache.keys(dataset, CHARTS, base=ROOT_TOKEN, start_year=chartcache.DEFAULT_START_YEAR)
    return {
        name: chartcache.lookup(cache_dir, name, keys[name]) or _draw(dataset, name, keys[name], cache_dir) for name in CHARTS
    }


def _draw(dataset: Dataset, name: str, chart_key: str, cache_dir: Path | None) -> str:
    from .charts import render_chart  # imports matplotlib, which takes a while: only when drawing

    return render_chart(dataset, name, base=ROOT_TOKEN, cache_dir=cache_dir, key=chart_key).svg


def root_from(page: str) -> str:
    """'' for index.md, '../' for timeline.md (served at timeline/), '../../' for years/2000.md."""
    served_as_folder = posixpath.basename(page) != "index.md"  # timeline.md is served at timeline/
    return "../" * (page.count("/") + served_as_folder)


def chart_block(drawings: Drawings, name: str, page: str) -> str:
    """The chart for `page`, its alt text, and where the same information is as text (the
    timeline's list, the analysis tables)."""
    root = root_from(page)
    svg = drawings[name].replace(ROOT_TOKEN, root)
    caption = text(ALT_TEXT[name]) + f" {TEXT_ALTERNATIVE[name].format(root=root)}"
    return f'<figure class="lt-chart" data-search-exclude markdown="0">{svg}<figcaption>{caption}</figcaption></figure>\n'


def expand_placeholders(markdown: str, page: str, drawings: Drawings) -> str:
    """Replace `<!-- lipsteeth:chart NAME -->` in a hand-written page with the chart."""
    return PLACEHOLDER.sub(lambda m: chart_block(drawings, m.group(1), page), markdown)

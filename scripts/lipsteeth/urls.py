"""Where every page lives: the one place that formats a page's path or its address.

Pages are named by their source path relative to docs/ ('events/<id>.md'), which is what
Markdown links between pages use and MkDocs validates. `url` turns such a path into the
address MkDocs serves it at ('events/<id>/'), which charts, exports and the search index use.
"""

from __future__ import annotations

import posixpath

HOME = "index.md"
ARTICLE = "article.md"
TIMELINE = "timeline.md"
ANALYSIS = "analysis.md"
METHOD = "method.md"
DATA = "data.md"
CLAIMS_INDEX = "claims/index.md"
EVENTS_INDEX = "events/index.md"
PEOPLE_INDEX = "people/index.md"
YEARS_INDEX = "years/index.md"
KINDS_INDEX = "kinds/index.md"
ERAS_INDEX = "eras/index.md"
FIELD_REFERENCE = "contributing/fields.md"
CHANGELOG = "data/changelog.md"
MARKS_CSS = "assets/lipsteeth-marks.css"
ROBOTS = "robots.txt"
PAGES = "*.md"  # what a page's source file is called, hand-written (under docs/) or generated
EVENTS_JSON = "data/events.json"
EVENTS_CSV = "data/events.csv"
PEOPLE_JSON = "data/people.json"
CLAIMS_JSON = "data/claims.json"
TRADE_JSON = "data/trade.json"
TRADE_CSV = "data/trade.csv"
PEOPLE_CSV = "data/people.csv"
CLAIMS_CSV = "data/claims.csv"
DATAPACKAGE = "data/datapackage.json"
CHART_DATA = "data/charts"  # the numbers behind each chart, one CSV per chart


def chart_csv(name: str) -> str:
    """Where the numbers a chart plots are: 'data/charts/<chart>.csv' (a file, served as it is)."""
    return f"{CHART_DATA}/{name}.csv"


# Charts are drawn once with this in place of the way back to the site root, filled in for each page
# (root_from), so one drawing serves pages at every depth and under any sub-path.
ROOT_PLACEHOLDER = "LT-ROOT/"

# The folders of generated pages, one page per record (or per year, kind, era).
EVENTS, PEOPLE, YEARS, KINDS, ERAS, CLAIMS = "events", "people", "years", "kinds", "eras", "claims"


def event_path(event_id: str) -> str:
    return f"{EVENTS}/{event_id}.md"


def person_path(person_id: str) -> str:
    return f"{PEOPLE}/{person_id}.md"


def year_path(year: int) -> str:
    return f"{YEARS}/{year}.md"


def kind_path(kind: str) -> str:
    return f"{KINDS}/{kind}.md"


def era_path(era_id: str) -> str:
    return f"{ERAS}/{era_id}.md"


def claim_path(claim_id: str) -> str:
    return f"{CLAIMS}/{claim_id}.md"


def url(path: str) -> str:
    """The address a page is served at, relative to the site root, as MkDocs' directory URLs
    make it: 'events/x.md' -> 'events/x/', 'people/index.md' -> 'people/', 'index.md' -> ''."""
    folder, name = posixpath.split(path)
    stem = posixpath.splitext(name)[0]
    parts = [folder] if folder else []
    if stem != "index":
        parts.append(stem)
    return "".join(f"{part}/" for part in parts)


def absolute(site_url: str | None, page_url: str) -> str:
    """A page's full address when the site's is known; else relative to the site root."""
    return f"{site_url.rstrip('/')}/{page_url}" if site_url else page_url


def event_url(event_id: str) -> str:
    return url(event_path(event_id))


def redirect_path(section: str, former_id: str) -> str:
    """The static page kept at a former id's address: 'events/<old>/index.html'."""
    return f"{section}/{former_id}/index.html"


def section_url(section: str) -> str:
    """'events/' for the folder of event pages: the prefix every page in it is served under."""
    return f"{section}/"


def root_from(page: str) -> str:
    """The way back to the site root from where `page` is served: '' for index.md,
    '../' for timeline.md (served at timeline/), '../../' for years/2000.md."""
    return "../" * url(page).count("/")


PREVIEWS = "assets/previews"
SECTION_NAMES = {
    EVENTS: "Event",
    PEOPLE: "Person",
    YEARS: "Year",
    KINDS: "Kind of event",
    ERAS: "Era",
    CLAIMS: "A claim, checked",
}


def preview_path(page_url: str) -> str:
    """Where a page's sharing image is: 'events/x/' -> 'assets/previews/events--x.png', '' -> '.../home.png'."""
    return f"{PREVIEWS}/{page_url.strip('/').replace('/', '--') or 'home'}.png"


def section_name(page_url: str) -> str | None:
    """'Event' for events/x/, and so on; None for pages outside the generated sections (and their index pages)."""
    parts = page_url.strip("/").split("/")
    return SECTION_NAMES.get(parts[0]) if len(parts) == 2 else None


def year_of(page_url: str) -> int | None:
    """The year a year page is about (years/2000/). An event's year comes from its date, never from its
    address (site.page_year)."""
    parts = page_url.strip("/").split("/")
    if len(parts) == 2 and parts[0] == YEARS and parts[1].isdigit():
        return int(parts[1])
    return None

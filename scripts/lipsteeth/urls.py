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
ROOT_TOKEN = "LT-ROOT/"

# The folders of generated pages, one page per record (or per year, kind, era), and an index page.
# Each section of the site (render.sections) carries its folder; these names are for the pages that
# link into a section. (A folder, not a list: model.KINDS are the kinds of event, KINDS_FOLDER their pages.)
EVENTS_FOLDER = "events"
PEOPLE_FOLDER = "people"
YEARS_FOLDER = "years"
KINDS_FOLDER = "kinds"
ERAS_FOLDER = "eras"
CLAIMS_FOLDER = "claims"


def page_in(folder: str, name: object) -> str:
    """A generated page's path: page_in('events', 'x') -> 'events/x.md'."""
    return f"{folder}/{name}.md"


def index_in(folder: str) -> str:
    """The index page of a folder of generated pages: 'events/index.md'."""
    return f"{folder}/index.md"


EVENTS_INDEX = index_in(EVENTS_FOLDER)
PEOPLE_INDEX = index_in(PEOPLE_FOLDER)
YEARS_INDEX = index_in(YEARS_FOLDER)
KINDS_INDEX = index_in(KINDS_FOLDER)
ERAS_INDEX = index_in(ERAS_FOLDER)
CLAIMS_INDEX = index_in(CLAIMS_FOLDER)


def event_path(event_id: str) -> str:
    return page_in(EVENTS_FOLDER, event_id)


def person_path(person_id: str) -> str:
    return page_in(PEOPLE_FOLDER, person_id)


def year_path(year: int) -> str:
    return page_in(YEARS_FOLDER, year)


def kind_path(kind: str) -> str:
    return page_in(KINDS_FOLDER, kind)


def era_path(era_id: str) -> str:
    return page_in(ERAS_FOLDER, era_id)


def claim_path(claim_id: str) -> str:
    return page_in(CLAIMS_FOLDER, claim_id)


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


def redirect_path(folder: str, former_id: str) -> str:
    """The static page kept at a former id's address: 'events/<old>/index.html'."""
    return f"{folder}/{former_id}/index.html"


def section_url(folder: str) -> str:
    """'events/' for the folder of event pages: the prefix every page in it is served under."""
    return f"{folder}/"


def folder_and_name(page_url: str) -> tuple[str, str] | None:
    """'events/x/' -> ('events', 'x'): the folder and name of a page one folder deep (a generated
    page's address); None for any other address, a folder's index page ('events/') among them."""
    parts = page_url.strip("/").split("/")
    return (parts[0], parts[1]) if len(parts) == 2 else None


def root_from(page: str) -> str:
    """The way back to the site root from where `page` is served: '' for index.md,
    '../' for timeline.md (served at timeline/), '../../' for years/2000.md."""
    return "../" * url(page).count("/")


PREVIEWS = "assets/previews"


def preview_path(page_url: str) -> str:
    """Where a page's sharing image is: 'events/x/' -> 'assets/previews/events--x.png', '' -> '.../home.png'."""
    return f"{PREVIEWS}/{page_url.strip('/').replace('/', '--') or 'home'}.png"

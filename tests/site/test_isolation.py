"""Text that turns direction, through a real build: an unclosed right-to-left override in a name is
isolated in every place the name reaches (body, <title>, the header, the sharing tags, attributes),
and an address with right-to-left letters is written as it is, never isolated."""

from __future__ import annotations

import html.parser
import json
from pathlib import Path

import pytest

from ..conftest import MINI, make_project, mkdocs_build

pytestmark = pytest.mark.slow

OVERRIDE = "\u202e"  # RIGHT-TO-LEFT OVERRIDE, left unclosed: it would reverse everything after it
ISOLATES, POP = "\u2066\u2067\u2068", "\u2069"
NAME = f"Kim {OVERRIDE}Jong-il"
HEBREW_URL = "https://he.wikipedia.org/wiki/\u05e9\u05dc\u05d5\u05dd"
ERA = Path("eras") / "jiang-zemin-kim-jong-il" / "index.html"
# Tags with no end tag, which the page holder below must not wait for.
VOID = {"meta", "link", "br", "img", "input", "hr", "source", "wbr", "area", "col", "embed", "track", "base"}


def not_isolated(value: str) -> list[int]:
    """Where `value` holds the override outside an isolate (plus its end, if an isolate is left open)."""
    depth, found = 0, []
    for index, char in enumerate(value):
        if char in ISOLATES:
            depth += 1
        elif char == POP:
            depth = max(0, depth - 1)
        elif char == OVERRIDE and depth == 0:
            found.append(index)
    return found + ([len(value)] if depth else [])


class Occurrences(html.parser.HTMLParser):
    """Every text and attribute value of a page that holds the override, with whether it is isolated:
    inside a <bdi> element, or between isolating characters."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.found: list[tuple[str, str, bool]] = []  # (where, value, isolated)
        self.addresses: list[tuple[str, str]] = []  # (attribute, value) of every href, src and og:url

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if value and OVERRIDE in value:
                self.found.append((f"<{tag} {name}>", value, not not_isolated(value)))
            if name in ("href", "src") or (tag == "meta" and attributes.get("property") == "og:url" and name == "content"):
                self.addresses.append((f"{tag} {name}", value or ""))
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.open.pop()

    def handle_endtag(self, tag):
        if tag in self.open:
            while self.open.pop() != tag:
                pass

    def handle_data(self, data):
        if OVERRIDE not in data or {"script", "style"} & set(self.open):
            return
        where = "/".join(self.open[-3:])
        self.found.append((where, data.strip(), "bdi" in self.open or not not_isolated(data)))


def occurrences(page: Path) -> Occurrences:
    parser = Occurrences()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def turning_site(tmp_path_factory) -> Path:
    """The small fixture with Kim Jong-il (the leader in every era) named with an unclosed override,
    and a source whose address has Hebrew letters in its path."""
    tmp = tmp_path_factory.mktemp("bidi")
    project = make_project(tmp, MINI)
    data = project / "data"
    people = data / "people.yaml"
    people.write_text(people.read_text(encoding="utf-8").replace("name: Kim Jong-il", f'name: "{NAME}"', 1), encoding="utf-8")
    events = data / "events" / "events.yaml"
    text = events.read_text(encoding="utf-8")
    assert "url: https://example.org/visit" in text
    events.write_text(text.replace("url: https://example.org/visit", f"url: {HEBREW_URL}", 1), encoding="utf-8")
    result = mkdocs_build(project, tmp / "site")
    assert result.returncode == 0, result.stderr
    return tmp / "site"


def test_an_override_in_a_name_is_isolated_wherever_the_name_is_shown(turning_site):
    """Every occurrence on every page, in text and in attributes, is isolated."""
    loose = []
    for page in sorted(turning_site.rglob("*.html")):
        loose += [
            (page.relative_to(turning_site).as_posix(), where, value) for where, value, ok in occurrences(page).found if not ok
        ]
    assert loose == []


def test_the_era_page_isolates_the_name_in_its_head_and_header(turning_site):
    """The places a <bdi> cannot reach, each of which once showed the override loose: the <title>,
    the header's topic, the description and the Open Graph and Twitter tags."""
    found = occurrences(turning_site / ERA).found
    assert all(ok for _, _, ok in found)
    places = [where for where, _, _ in found]
    # the description, og:title, og:description, og:image:alt, twitter:title and twitter:description
    assert places.count("<meta content>") == 6
    for place in ("html/head/title", "div/div/span", "div/article/h1", "article/p/a"):  # div/div/span: the header's topic
        assert place in places, places
    page = (turning_site / ERA).read_text(encoding="utf-8")
    for tag in ('property="og:title"', 'property="og:description"', 'property="og:image:alt"', 'name="twitter:title"'):
        content = page.split(tag)[1].split("content=")[1].split('"')[1] if tag in page else None
        assert content is not None and OVERRIDE in content and not not_isolated(content), tag


def test_an_address_is_written_as_it_is(turning_site):
    """No href, src or og:url holds an isolating character; the Hebrew address is linked whole."""
    event = occurrences(turning_site / "events" / "2000-05-kim-jong-il-visits-china" / "index.html")
    assert ("a href", HEBREW_URL) in event.addresses
    isolated = []
    for page in sorted(turning_site.rglob("*.html")):
        isolated += [(page.name, a) for a in occurrences(page).addresses if set(a[1]) & set(ISOLATES + POP)]
    assert isolated == []
    events = json.loads((turning_site / "data" / "events.json").read_text(encoding="utf-8"))
    assert [s["url"] for e in events for s in e["sources"] if "wiki" in s["url"]] == [HEBREW_URL]


def test_the_search_index_isolates_the_name(turning_site):
    """Search results are shown as HTML built from the index's title and text."""
    docs = json.loads((turning_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    holding = [d for d in docs if OVERRIDE in d["title"] + d["text"]]
    assert holding and all(not not_isolated(d["title"]) and not not_isolated(d["text"]) for d in holding)

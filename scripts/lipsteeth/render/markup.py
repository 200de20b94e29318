"""Safe Markdown: every string from the data goes through `text()` or `attr()` before it is written.

Escaping to character references (not backslashes) means the text survives every later stage:
Markdown sees no syntax, the HTML shows the characters, and the search index reads plain text.
"""

from __future__ import annotations

import functools
import html
import json
import re

from ..bidi import isolated

# Characters that Markdown or HTML would read as syntax, written as character references.
_MARKDOWN = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        "\\": "&#92;",
        "`": "&#96;",
        "*": "&#42;",
        "_": "&#95;",
        "[": "&#91;",
        "]": "&#93;",
        "#": "&#35;",
        "|": "&#124;",
        "{": "&#123;",
        "}": "&#125;",
        "~": "&#126;",
        "^": "&#94;",
    }
)


# What a line may start with that Markdown reads as a block: a list item ('- ', '+ ', '1998. '),
# an admonition ('!!! '), a rule or heading underline ('---'). Escaping the first character
# keeps such text a plain paragraph, wherever it ends up.
_BLOCK_START = re.compile(r"^(?:[-+!=]|\d+\.(?=\s|$))")


# Any of the characters _MARKDOWN escapes: most text from the data has none, and translating it
# character by character anyway was half of what `text` cost (tens of thousands of calls a build).
_SYNTAX = re.compile("[" + re.escape("".join(map(chr, _MARKDOWN))) + "]")


def text(value: object) -> str:
    """Plain text from the data, on one line, safe anywhere in Markdown or HTML content, whatever it
    starts with. Text that can change direction is isolated with characters, not a <bdi> element:
    the engine and the theme strip the tags from a heading to make the page's <title>, its header,
    its sharing tags and the table of contents, and from a page to index it for search, and the
    isolation has to survive in all of them."""
    return _text(str(value))


@functools.lru_cache(maxsize=1 << 16)
def _text(value: str) -> str:
    """`text`, remembered: a build writes the same titles, names and dates on many pages (46,000
    calls at 1,000 events, most of them for a string written before)."""
    plain = " ".join(value.split())
    if _SYNTAX.search(plain):
        plain = plain.translate(_MARKDOWN)
    if _BLOCK_START.match(plain):
        plain = _BLOCK_START.sub(_reference, plain, count=1)
    return isolated(plain)


def marked(value: str, marks: list[tuple[int, int, str]]) -> str:
    """Text from the data (on one line, as `text` gives it) with some of its passages replaced by
    markup: `marks` are (start, end, markup) in order, positions in the text as given. The pieces
    between are escaped as `text` escapes them, their spaces kept."""
    pieces, done = [], 0
    for start, end, markup in marks:
        pieces += [value[done:start].translate(_MARKDOWN), markup]
        done = end
    return isolated("".join(pieces) + value[done:].translate(_MARKDOWN))


def _reference(match: re.Match) -> str:
    """The matched start with its last character as a character reference ('1998.' -> '1998&#46;')."""
    found = match[0]
    return f"{found[:-1]}&#{ord(found[-1])};"


def attr(value: object) -> str:
    """Safe inside a double-quoted HTML attribute; text that can change direction is isolated."""
    return html.escape(isolated(" ".join(str(value).split())), quote=True)


def address(url: str) -> str:
    """An address for href (or src), escaped but never isolated: isolating characters inside an
    href are part of the address, and the browser resolves it into this site instead (a 404)."""
    return html.escape(url, quote=True)


def link(label: str, target: str, here: str, anchor: str | None = None) -> str:
    """A Markdown link from page `here` to page `target` (both docs-relative .md paths); MkDocs
    turns it into a relative URL and validates it, so links work under any sub-path."""
    fragment = f"#{anchor}" if anchor else ""
    return f"[{text(label)}]({relative(target, here)}{fragment})"


def relative(target: str, here: str) -> str:
    """The path from the folder of `here` to `target`, both relative to docs/ ('a/b.md', 'c.md' -> '../c.md')."""
    folder, _, name = target.rpartition("/")
    return _folder_to_folder(here.rpartition("/")[0], folder) + name


@functools.lru_cache(maxsize=256)
def _folder_to_folder(source: str, target: str) -> str:
    """'../people/' from 'events' to 'people'. Written out (and remembered: a site has a handful of
    folders and tens of thousands of links) rather than posixpath.relpath, which asks the operating
    system for the current directory on every call."""
    source_parts = source.split("/") if source else []
    target_parts = target.split("/") if target else []
    common = 0
    while common < min(len(source_parts), len(target_parts)) and source_parts[common] == target_parts[common]:
        common += 1
    return "".join(f"{part}/" for part in [".."] * (len(source_parts) - common) + target_parts[common:])


def external(label: str, url: str) -> str:
    """An outbound link, marked as such; the URL was checked to be http(s) by the model."""
    return f'<a href="{address(url)}" class="lt-external" rel="noopener">{text(label)}<span class="lt-visually-hidden"> (external link)</span></a>'


# Generated pages are indexed for search from the data (lipsteeth.searchindex), not by the theme.
SEARCH_EXCLUDED = {"exclude": True}


def front_matter(**fields: object) -> str:
    """YAML front matter; the description is HTML-escaped because themes print it unescaped.

    Values are written as JSON, which YAML reads as it is (and which is much faster to write
    than going through a YAML emitter for every page)."""
    clean = {k: (attr(v) if k == "description" else v) for k, v in fields.items() if v is not None}
    body = "".join(f"{key}: {json.dumps(value, ensure_ascii=False, sort_keys=True)}\n" for key, value in clean.items())
    return f"---\n{body}---\n\n"


def json_for_script(value: object) -> str:
    """JSON that cannot close a <script> element or open a comment inside it."""
    dumped = json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1)
    return dumped.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def native_names(person) -> list[str]:
    """A person's names in Hangul and Hanzi, each marked with its language so that screen readers
    pronounce it and browsers pick a font for it. Hanzi of a Korean name are Korean hanja."""
    found = []
    if person.names.hangul:
        found.append(f'<span lang="ko">{text(person.names.hangul)}</span>')
    if person.names.hanzi:
        found.append(f'<span lang="{"zh" if person.country == "CN" else "ko"}">{text(person.names.hanzi)}</span>')
    return found

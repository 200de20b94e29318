"""Text that changes direction: data strings holding right-to-left letters or bidi controls are
isolated wherever they are shown, so an unclosed override (U+202E) in one name cannot reverse the
names after it."""

from __future__ import annotations

import functools
import unicodedata

FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE = "\u2068", "\u2069"
# Bidi classes that can reorder what follows them: right-to-left letters and every explicit control.
_REORDERING = {"R", "AL", "AN", "RLE", "RLO", "LRE", "LRO", "PDF", "RLI", "LRI", "FSI", "PDI"}


@functools.lru_cache(maxsize=4096)
def needs_isolation(text: str) -> bool:
    """Whether `text` could change the direction of what is shown around it. Names in Latin,
    Hangul and Hanzi never do, so pages without such text stay exactly as they were."""
    return not text.isascii() and any(unicodedata.bidirectional(c) in _REORDERING for c in text if not c.isascii())


def unisolated(text: str) -> str:
    """`text` without the isolate `isolated` put around it: for a drawing, which lays out the
    characters itself and would show the two marks as boxes."""
    if text.startswith(FIRST_STRONG_ISOLATE) and text.endswith(POP_DIRECTIONAL_ISOLATE):
        return text[1:-1]
    return text


def isolated(text: str) -> str:
    """`text` between a first-strong isolate and its pop. Characters, not a <bdi> element, so that
    the isolation survives wherever text goes: attributes, titles, SVG, the search index, and the
    headings that the engine strips of their tags to make a page's title."""
    return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}" if needs_isolation(text) else text

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
    return any(unicodedata.bidirectional(c) in _REORDERING for c in text if not c.isascii())


def isolated(text: str) -> str:
    """`text` between a first-strong isolate and its pop: for places that hold plain text only
    (attributes, titles, SVG, the search index), where a <bdi> element cannot go."""
    return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}" if needs_isolation(text) else text

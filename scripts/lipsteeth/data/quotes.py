"""Where a quote is in its paragraph. Editors type quotes on a keyboard and the article is typeset:
straight and curly quotes, the dashes, an ellipsis and three dots, and every kind of space count as
the same character, so `check` (which requires the words verbatim) and the highlight in the
annotated article (which marks them) agree on what matches and where."""

from __future__ import annotations

import functools

_EQUIVALENT = {
    **dict.fromkeys("‘’‚‛′`´", "'"),
    **dict.fromkeys("“”„‟″«»", '"'),
    **dict.fromkeys("‐‑‒–—―−", "-"),
    "…": "...",
}


@functools.lru_cache(maxsize=256)  # a paragraph is searched for each of its claims' quotes
def _folded(text: str) -> tuple[str, tuple[int, ...]]:
    """`text` with equivalent characters made one (and each run of spaces one space), and for each
    character of the result, the position in `text` it comes from."""
    folded: list[str] = []
    origin: list[int] = []
    for position, char in enumerate(text):
        if char.isspace():
            if folded and folded[-1] == " ":
                continue
            char = " "
        for plain in _EQUIVALENT.get(char, char):
            folded.append(plain)
            origin.append(position)
    return "".join(folded), tuple(origin)


def find(quote: str, paragraph: str) -> tuple[int, int] | None:
    """(start, end) of `quote` in `paragraph`, as positions in `paragraph`; None if it is not there."""
    needle = _folded(quote)[0].strip()
    haystack, origin = _folded(paragraph)
    at = haystack.find(needle) if needle else -1
    return None if at < 0 else (origin[at], origin[at + len(needle) - 1] + 1)

"""Located problems: every error the data can produce carries its file, line and column, and the
path and value it is about, as fields (the way attrs' errors do), so no code parses a message apart."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

PathKey = tuple  # ('events', 3, 'date')


def quoted(value: str, limit: int = 80) -> str:
    """A value quoted in a message: on one line, control characters spelt out (so a value can never
    start a line of its own in a log, where '::' would be read as a workflow command), cut if long."""
    text = value.encode("unicode_escape").decode("ascii") if any(not c.isprintable() for c in value) else value
    return f"'{text[:limit]}…' ({len(value):,} characters)" if len(text) > limit else f"'{text}'"


def did_you_mean(word: str, options: list[str]) -> str:
    """' (did you mean 'place'?)' after an unknown name, when one of the options is close to it."""
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def one_line(text: str) -> str:
    """`text` with line breaks and other control characters spelt out, as every printed problem is."""
    if text.isprintable():  # nearly every message: no need to look at each character
        return text
    return "".join(c if c.isprintable() or c == " " else c.encode("unicode_escape").decode("ascii") for c in text)


def dotted(path: PathKey) -> str:
    """('events', 3, 'date') -> 'events[3].date'."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, where an editor can find it.

    `path` is where in the file's data it is (None for the file as a whole, () for its top level),
    `message` says what is wrong and what was expected, and `value` is what was found, when one
    value is at fault."""

    file: str
    line: int
    column: int
    message: str
    path: PathKey | None = None
    value: Any = field(default=None, compare=False, hash=False, repr=False)

    @property
    def described(self) -> str:
        """What is wrong, after the location: 'events[3].date: expected YYYY, ...'."""
        return self.message if self.path is None else f"{dotted(self.path)}: {self.message}"

    def __str__(self) -> str:
        return one_line(f"{self.file}:{self.line}:{self.column}: {self.described}")

    def sort_key(self) -> tuple:
        return (self.file, self.line, self.column, str(self))


MAX_SHOWN = 1_000  # problems listed; a file broken a million times over is not printed a million times


class DataError(Exception):
    """Raised once, after every problem has been collected."""

    def __init__(self, problems: list[Problem]):
        found = sorted(set(problems), key=Problem.sort_key)
        self.problems = found[:MAX_SHOWN]
        self.not_shown = len(found) - len(self.problems)
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(p) for p in self.problems]
        count = len(self.problems) + self.not_shown
        if self.not_shown:
            lines.append(f"… and {self.not_shown:,} more problems after these; fix the first ones and check again.")
        lines.append(f"{count:,} problem{'s' if count != 1 else ''} found in the data; nothing was built.")
        return "\n".join(lines)

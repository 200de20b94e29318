"""Numbers in the editors' prose are placeholders, filled in from the record at every build, so a
sentence such as "the next visit came {next-visit 2016-09-fifth-nuclear-test} later" stays true as
the record grows. This module is the grammar (SPECS, which the contributing guide lists) and its
checks; analyse.placeholders fills them in.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

PLACEHOLDER = re.compile(r"\{([a-z-]+)((?: +[^\s{}]+)*) *\}")
YEARS = re.compile(r"^(\d{4})(?:-(\d{4}))?$")


@dataclass(frozen=True)
class Spec:
    arguments: tuple[str, ...]  # what each argument is: an 'event' id, a 'year', or 'years' (2016 or 2016-2017)
    example: str
    meaning: str


SPECS = {
    "gap": Spec(("event", "event"), "{gap A B}", 'the time from the end of event A to the start of event B ("434 days")'),
    "next-visit": Spec(("event",), "{next-visit A}", "the time from event A to the next visit after it"),
    "next-senior-visit": Spec(("event",), "{next-senior-visit A}", "the same, counting only visits at leader or top level"),
    "visits": Spec(("years",), "{visits 2016-2017}", "how many visits began in those years (one year: {visits 2014})"),
    "leader-visits": Spec(("years",), "{leader-visits 2012-2017}", "how many of them a paramount leader or head of state made"),
    "tests": Spec(("years",), "{tests 2013-2016}", "how many nuclear tests there were in those years"),
    "trade": Spec(
        ("year",), "{trade 2013}", 'China\'s total trade with North Korea that year, by its customs ("$6,547 million")'
    ),
    "trade-change": Spec(
        ("year", "year"), "{trade-change 2015 2018}", 'how that total changed between two years ("fell by 56%")'
    ),
}
GRAMMAR = {name: spec.arguments for name, spec in SPECS.items()}


@dataclass(frozen=True)
class Placeholder:
    name: str
    arguments: tuple[str, ...]
    written: str  # as it stands in the text, braces included

    @property
    def events(self) -> tuple[str, ...]:
        return tuple(a for a, kind in zip(self.arguments, GRAMMAR.get(self.name, ()), strict=False) if kind == "event")


def placeholders(text: str) -> list[Placeholder]:
    return [Placeholder(m[1], tuple(m[2].split()), m[0]) for m in PLACEHOLDER.finditer(text)]


def years(argument: str) -> tuple[int, int]:
    match = YEARS.match(argument)
    first = int(match[1])
    return first, int(match[2] or first)


def problems(text: str, event_ids: set[str] | None, trade_totals: Mapping[int, float] | None = None) -> list[str]:
    """What is wrong with the placeholders in `text` (None: the events file could not be read, so
    event ids are not checked; likewise the totals of China's annual customs series, by year)."""
    found = []
    for holder in placeholders(text):
        expected = GRAMMAR.get(holder.name)
        if expected is None:
            found.append(f"unknown placeholder {holder.written}; expected one of: {', '.join('{' + n + '}' for n in GRAMMAR)}")
            continue
        if len(holder.arguments) != len(expected):
            found.append(
                f"{holder.written} takes {len(expected)} argument(s) ({', '.join(expected)}), got {len(holder.arguments)}"
            )
            continue
        for argument, kind in zip(holder.arguments, expected, strict=True):
            if kind == "years" and not (YEARS.match(argument) and years(argument)[0] <= years(argument)[1]):
                found.append(f"{holder.written}: expected years such as 2016 or 2016-2017, got '{argument}'")
            elif kind == "year" and not re.fullmatch(r"\d{4}", argument):
                found.append(f"{holder.written}: expected a year such as 2016, got '{argument}'")
            elif kind == "event" and event_ids is not None and argument not in event_ids:
                found.append(f"{holder.written}: unknown event '{argument}'")
        if (
            holder.name.startswith("trade")
            and trade_totals is not None
            and all(re.fullmatch(r"\d{4}", a) for a in holder.arguments)
        ):
            found += _trade_problems(holder, trade_totals)
    stray = re.sub(PLACEHOLDER, "", text)
    if "{" in stray or "}" in stray:
        found.append("a '{' or '}' that is not part of a placeholder such as {gap A B}; write numbers as placeholders")
    return found


def _trade_problems(holder: Placeholder, totals: Mapping[int, float]) -> list[str]:
    """A trade placeholder reads the stated totals only (a total is never made up from its parts,
    see analyse.trade), and a change is measured from a total that is not zero."""
    found = [
        f"{holder.written}: no total for {a} in China's annual customs series (a total is never made up from exports and imports)"
        for a in holder.arguments
        if int(a) not in totals
    ]
    if holder.name == "trade-change" and not found and totals[int(holder.arguments[0])] == 0:
        found.append(f"{holder.written}: the total for {holder.arguments[0]} is 0; a change from nothing has no percentage")
    return found

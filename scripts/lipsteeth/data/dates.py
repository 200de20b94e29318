"""Dates with the precision their source supports: a year, a month or a day."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass, field

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
EXPECTED = "expected YYYY, YYYY-MM or YYYY-MM-DD"
# Every date the record can hold lies in these years; bounding them keeps date arithmetic (a day
# before the first, after the last) from ever leaving what Python's dates can represent.
FIRST_YEAR, LAST_YEAR = 1900, 2100
_MONTHS = list(calendar.month_name)

# The same dates as parse() accepts, as one regular expression for the editors' JSON Schema, so an
# editor underlines month 13 or 30 February as it is typed (a test compares the two day by day).
_YEAR = r"(?:19\d\d|20\d\d|2100)"
_DAYS = (
    r"(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])"  # months of 31 days
    r"|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)"  # of 30
    r"|02-(?:0[1-9]|1\d|2[0-8])"
)
_LEAP_DAY = r"(?:19(?:0[48]|[2468][048]|[13579][26])|20(?:0[048]|[2468][048]|[13579][26]))-02-29"  # 1900, 2100: no
CALENDAR_PATTERN = f"^(?:{_YEAR}(?:-(?:0[1-9]|1[0-2]))?|{_YEAR}-(?:{_DAYS})|{_LEAP_DAY})$"


# "Not in the future" is judged in one stated zone, so that `check` on an editor's machine east of
# UTC and in CI agree on what today is.
ZONE = dt.UTC
ZONE_NAME = "UTC"


def today() -> dt.date:
    """Today's date in UTC, whatever the machine's own time zone."""
    return dt.datetime.now(ZONE).date()


_RANK = {"year": 0, "month": 1, "day": 2}


@functools.total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A calendar date known to the year, the month or the day.

    Ordering compares the earliest day the date can mean, then the precision,
    so '2005' sorts before '2005-10' and '2005-10' before '2005-10-28'.
    """

    year: int
    month: int | None = None
    day: int | None = None
    # The first and last day it can mean, worked out once: pages and charts ask for them often.
    _first: dt.date = field(init=False, repr=False, compare=False)
    _last: dt.date = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        first = dt.date(self.year, self.month or 1, self.day or 1)
        month = self.month or 12
        last = first if self.day else dt.date(self.year, month, calendar.monthrange(self.year, month)[1])
        object.__setattr__(self, "_first", first)
        object.__setattr__(self, "_last", last)

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """Accept '2009', 2009, '2009-10' or '2009-10-04'; raise ValueError with the expected forms."""
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise ValueError(f"{EXPECTED}, got {_show(value)}")
        text = str(value).strip()
        match = _PATTERN.match(text)
        if not match:
            raise ValueError(f"{EXPECTED}, got {_show(value)}")
        year, month, day = (int(g) if g else None for g in match.groups())
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValueError(f"{EXPECTED}, got '{text}': the year must be from {FIRST_YEAR} to {LAST_YEAR}")
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"{EXPECTED}, got '{text}': there is no month {month}")
        if day is not None:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(f"{EXPECTED}, got '{text}': {_MONTHS[month]} {year} has {last} days")
        return cls(year, month, day)

    def sort_key(self) -> tuple[dt.date, int]:
        return (self._first, _RANK[self.precision])

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() < other.sort_key()

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def first_day(self) -> dt.date:
        return self._first

    def last_day(self) -> dt.date:
        return self._last

    def middle_day(self) -> dt.date:
        """The one day that stands for the date where a single day is needed: its middle, earlier of two
        (a date known only to May 2000 is placed on 16 May; a year on 2 July, 1 July in a leap year)."""
        return self._first + dt.timedelta(days=(self._last - self._first).days // 2)

    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def human(self) -> str:
        """'2000', 'May 2000' or '29 May 2000': never more precise than the source."""
        if self.day:
            return f"{self.day} {_MONTHS[self.month]} {self.year}"
        if self.month:
            return f"{_MONTHS[self.month]} {self.year}"
        return str(self.year)

    def __str__(self) -> str:
        return self.iso()


def human_span(start: PartialDate, end: PartialDate | None) -> str:
    """'28–30 October 2005', '29 May – 2 June 2000', or a single date."""
    if end is None or end == start:
        return start.human()
    if start.precision == end.precision == "day" and (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {_MONTHS[start.month]} {start.year}"
    if start.precision == end.precision == "day" and start.year == end.year:
        return f"{start.day} {_MONTHS[start.month]} – {end.day} {_MONTHS[end.month]} {start.year}"
    return f"{start.human()} – {end.human()}"


def _show(value: object) -> str:
    return f"'{value}'" if isinstance(value, str) else f"{value!r} (a {type(value).__name__})"


_UNIT_DAYS = {"day": 1, "week": 7, "month": 30.44, "year": 365.25}
_DURATION = re.compile(r"^(\d+(?:\.\d+)?)\s*(day|week|month|year)s?$")


def parse_duration(text: str) -> float:
    """'2 years' -> days (a year is 365.25 days, a month 30.44); raises ValueError otherwise."""
    match = _DURATION.match(text.strip().lower())
    if not match:
        raise ValueError(f"expected a duration such as '3 months' or '2 years', got '{text}'")
    return float(match.group(1)) * _UNIT_DAYS[match.group(2)]

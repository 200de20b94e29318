"""'Not in the future' is judged in UTC, on every machine (#22): an editor east of UTC once passed
`check` locally with tomorrow's UTC date, and CI then failed."""

from __future__ import annotations

import os
import subprocess
import sys

from lipsteeth.data.validate import load_dataset
from lipsteeth.errors import DataError

from ..conftest import TODAY

# What a `check` run takes as today, and the UTC date at that moment, as one process sees them.
PROBE = (
    "import datetime as dt; from lipsteeth.data.validate import _today; print(_today(), dt.datetime.now(dt.timezone.utc).date())"
)


def _today_where(zone: str) -> list[str]:
    environment = {**os.environ, "TZ": zone}
    result = subprocess.run([sys.executable, "-c", PROBE], env=environment, capture_output=True, text=True, check=True)
    return result.stdout.split()


def test_today_is_the_same_date_east_and_west_of_utc():
    """UTC+14 and UTC-12 are 26 hours apart, so their local dates always differ: only a date
    taken in one stated zone is the same in both."""
    east, west = _today_where("Etc/GMT-14"), _today_where("Etc/GMT+12")  # POSIX signs: GMT-14 is UTC+14
    assert east[0] == east[1]
    assert west[0] == west[1]


def test_the_message_says_which_day_today_is_and_in_which_zone(mini):
    mini.replace("events/events.yaml", "date: 2006-10-09", "date: 2026-11-29")
    mini.rename("2006-10-first-nuclear-test", "2026-11-first-nuclear-test")  # an id starts with its date's year
    mini.put_in_date_order("events/events.yaml")
    try:
        load_dataset(mini.path, today=TODAY)
    except DataError as exc:
        messages = [p.message for p in exc.problems]
    assert messages == ["'2026-11-29' is in the future (today is 2026-11-28 in UTC); the record holds only what has happened"]

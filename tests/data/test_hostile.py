"""A hostile record at the caps: the largest lists, roles, people and references the data files may
hold. A pull request like it passes the size limits, so what `check` and the analysis do with it
must stay near linear; each test states a generous bound in seconds that a quadratic step (leaders'
eras took a build of 4,000 roles to 145 s, suggestions for 10,000 unknown ids took `check` 818 s)
would far overrun. Timings of the real runs are in the note on issue #22; these only catch a blow-up."""

from __future__ import annotations

import datetime as dt
import shutil
import time
from pathlib import Path

import pytest

from lipsteeth.analyse import leadership
from lipsteeth.analyse.answer import answer
from lipsteeth.analyse.claims import check_all
from lipsteeth.data.load import MAX_FILE_BYTES, MAX_ITEMS
from lipsteeth.data.model import MAX_COUNT_CHECKS, MAX_LEADER_ROLES, MAX_ROLES
from lipsteeth.data.validate import load_dataset
from lipsteeth.errors import DataError

from ..conftest import ROOT, TODAY

PEOPLE = MAX_ITEMS  # one people file, one list, at its cap
EVENT_FILES = (("1950-1979", 1950, 1979), ("1980-1999", 1980, 1999), ("2000-2025", 2000, 2025))
EVENTS_PER_FILE = 6_000  # as many as fit under the file size cap
CLAIMS = 3_000  # a chain of claims, each depending on the one before; the first ones count too
SOURCE = "    sources:\n      - url: https://example.org/s\n        publisher: Example\n        title: Report\n"


def _person(index: int) -> str:
    """A person as the record's rule wants one: with a role (or a source) that says who they are."""
    return (
        f"  - id: person-{index:05d}\n    name: Person {index}\n    country: {'CN' if index % 2 else 'KP'}\n"
        f"    roles:\n      - title: Official {index}\n"
    )


def _leaders() -> str:
    """MAX_LEADER_ROLES leader roles of MAX_ROLES each: short alternating terms from 1950 on, both sides."""
    text = ""
    for leader in range(MAX_LEADER_ROLES // MAX_ROLES):
        country = "CN" if leader % 2 else "KP"
        text += f"  - id: leader-{leader}\n    name: Leader {leader}\n    country: {country}\n    roles:\n"
        for term in range(MAX_ROLES):
            start = dt.date(1950, 1, 1) + dt.timedelta(days=90 * (term * 2 + leader // 2) + leader)
            text += f"      - title: Leader\n        from: {start}\n        to: {start + dt.timedelta(days=90)}\n        leader: true\n"
    return text


def _event(year: int, index: int, people: str) -> str:
    day = dt.date(year, 1, 1) + dt.timedelta(days=index % 365)
    kind = ("visit", "nuclear-test", "missile-launch", "talks")[index % 4]
    text = (
        f"  - id: {year}-event-{index:05d}\n    date: {day}\n    kind: {kind}\n    title: Event {index}\n    summary: An event.\n"
    )
    text += f"    people: [{people}]\n"
    if kind == "visit":
        text += "    from: KP\n    to: CN\n    purpose: working\n    level: ministerial\n"
    return text + SOURCE


def _events(first: int, last: int, count: int, people) -> str:
    """`count` events spread over the years, in date order, each naming people by `people(index)`."""
    per_year = count // (last - first + 1) + 1
    entries = []
    for index in range(count):
        year = first + index // per_year
        entries.append((dt.date(year, 1, 1) + dt.timedelta(days=index % 365), _event(year, index, people(index))))
    return "events:\n" + "".join(text for _, text in sorted(entries))


def _write_common(target: Path) -> Path:
    data = target / "data"
    (data / "events").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "article.yaml", data / "article.yaml")
    return data


def write_hostile(target: Path) -> Path:
    """A record `check` accepts: every list, role and reference at its cap."""
    data = _write_common(target)
    people = "people:\n" + _leaders() + "".join(_person(i) for i in range(PEOPLE - MAX_LEADER_ROLES // MAX_ROLES))
    (data / "people.yaml").write_text(people, encoding="utf-8")
    for name, first, last in EVENT_FILES:
        # A visit from KP names a KP visitor first (even index), then a host.
        text = _events(first, last, EVENTS_PER_FILE, lambda i: f"person-{(i * 2) % PEOPLE:05d}, person-00001")
        (data / "events" / f"{name}.yaml").write_text(text, encoding="utf-8")
    quote = "Less than two years later, Kim Jong-il visited China in secret."
    claims = "claims:\n" + "".join(
        f"  - id: claim-{n:05d}\n    paragraph: 5\n    quote: {quote}\n    type: count\n    events: [1950-event-00000]\n"
        + (f"    depends_on: [claim-{n - 1:05d}]\n" if n else "")
        + "    assertions:\n      - check: date\n        event: 1950-event-00000\n        period: 1951\n"
        + (f"      - check: count\n        kind: visit\n        at_least: {n}\n" if n < MAX_COUNT_CHECKS else "")
        for n in range(CLAIMS)
    )
    (data / "claims.yaml").write_text(claims, encoding="utf-8")
    return data


def write_hostile_invalid(target: Path) -> Path:
    """The same, with every event naming people who do not exist: 20,000 known ids, and unknown ones
    each a letter away from one of them (the costliest to suggest for)."""
    data = write_hostile(target)
    for name, first, last in EVENT_FILES:
        text = _events(first, last, EVENTS_PER_FILE, lambda i: f"persom-{i % PEOPLE:05d}")
        (data / "events" / f"{name}.yaml").write_text(text, encoding="utf-8")
    return data


def _seconds(action) -> tuple[object, float]:
    start = time.perf_counter()
    result = action()
    return result, time.perf_counter() - start


@pytest.mark.slow
class TestHostileRecord:
    def test_the_files_are_at_their_caps(self, tmp_path):
        """The record is as large as the caps let it be, and no larger (else check refuses it unread)."""
        data = write_hostile(tmp_path)
        sizes = [path.stat().st_size for path in data.rglob("*.yaml")]
        assert max(sizes) <= MAX_FILE_BYTES and max(sizes) > MAX_FILE_BYTES * 0.6
        assert (data / "people.yaml").read_text(encoding="utf-8").count("  - id: ") == PEOPLE

    def test_check_and_the_analysis_of_the_accepted_record_finish_in_time(self, tmp_path):
        """Check under 180 s; the eras, the claims (200 of them counting over every visit) and the answer under
        180 s together (on two shared cores today: check about 15 s, the analysis about 20 s)."""
        data = write_hostile(tmp_path)
        dataset, checking = _seconds(lambda: load_dataset(data, today=TODAY))
        assert len(dataset.people) == PEOPLE and len(dataset.events) == EVENTS_PER_FILE * len(EVENT_FILES)
        assert checking < 180

        def analyse():
            eras = leadership.eras(dataset)
            verdicts = check_all(dataset)
            answer(dataset, verdicts)
            return eras, verdicts

        (eras, verdicts), analysing = _seconds(analyse)
        assert len(eras) > MAX_LEADER_ROLES // 2 and len(verdicts) == CLAIMS
        assert analysing < 180

    def test_check_of_a_record_full_of_unknown_references_finishes_in_time(self, tmp_path):
        """18,000 unknown people, each a letter from one of 20,000 known ids: check under 180 s (about 30 s
        today; it was 818 s for 10,000 before suggestions were bounded). Every one is counted, the first
        hundred get a suggestion, and the rest say that none was looked for."""
        data = write_hostile_invalid(tmp_path)
        start = time.perf_counter()
        with pytest.raises(DataError) as raised:
            load_dataset(data, today=TODAY)
        checking = time.perf_counter() - start
        problems = [str(p) for p in raised.value.problems]
        assert len(problems) + raised.value.not_shown == EVENTS_PER_FILE * len(EVENT_FILES)
        assert sum("(did you mean 'person-" in p for p in problems) == 100
        assert problems[0].endswith(
            "unknown person 'persom-00000'; expected an id from data/people.yaml (did you mean 'person-00000'?)"
        )
        assert problems[-1].endswith("(no suggestion: only the first 100 unknown ids get one)")
        assert checking < 180

"""`lipsteeth new` at a real terminal (a pseudo-terminal): the questions an editor sees, in order,
a wrong answer explained and asked again, and the entry written only once every answer passes."""

from __future__ import annotations

import os
import sys

import pytest

from lipsteeth.data.model import COUNTRIES, KINDS

from .pty_session import Terminal, choice

EV = "events/events.yaml"
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")


def test_a_visit_is_asked_for_field_by_field(mini):
    """Kind and date first, then what a visit needs; a wrong date and a wrong address are explained
    and asked again; the people can be listed; the proposed id is taken with Enter."""
    before = mini.file(EV).read_text(encoding="utf-8")
    term = Terminal("--data", str(mini.path), "new", "event")
    term.ask("kind:", choice(KINDS, "visit"))
    assert "✗ " in term.refused("date:", "2010-02-30", "2001-09-03") and "February 2010 has 28 days" in term.screen
    term.ask("end:", "2001-09-05")
    term.ask("from:", "1")  # CN
    term.expect("to: KP (the other country)")
    term.ask("people:", "?")
    term.expect("jiang-zemin: Jiang Zemin (CN)")
    term.ask("people:", "jiang-zemin, kim-jong-il")
    term.ask("purpose:", "1")
    term.ask("level:", "1")
    term.ask("place:", "Pyongyang")
    term.ask("secret:", "")
    term.ask("postponed-announced:", "")  # not postponed: nothing more is asked about it
    term.ask("title:", "Jiang Zemin visits Pyongyang")
    term.ask("summary:", "Jiang Zemin meets Kim Jong-il in Pyongyang.")
    term.ask("note:", "")
    assert "✗ " in term.refused("source-url:", "javascript:alert(1)", "https://example.org/jiang")
    term.ask("source-publisher:", "Example News")
    term.ask("source-title:", "Jiang in Pyongyang")
    term.ask("Add another source?", "")
    term.accept("2001-09-jiang-zemin-visits-pyongyang")
    assert term.finish() == 0
    after = mini.file(EV).read_text(encoding="utf-8")
    assert "  - id: 2001-09-jiang-zemin-visits-pyongyang\n" in after and len(after) > len(before)
    assert "    from: CN\n    to: KP\n" in after and "    purpose: summit\n    level: leader\n" in after
    assert mini.problems() == []


def test_a_nuclear_test_asks_only_what_a_test_needs(mini):
    term = Terminal("--data", str(mini.path), "new", "event")
    term.ask("kind:", choice(KINDS, "nuclear-test"))
    term.ask("date:", "2009-05-25")
    term.ask("outcome:", "1")
    term.ask("place:", "Punggye-ri")
    term.ask("title:", "Second nuclear test")
    term.ask("summary:", "North Korea tests a second nuclear device.")
    term.ask("note:", "")
    term.source("https://example.org/second", "Example News", "A second test")
    term.ask("Add another source?", "")
    shown = term.expect("] > ")
    term.answer("2009-05-second-nuclear-test")
    term.expect("added 2009-05-second-nuclear-test")
    assert term.finish() == 0
    asked = [line.split(":")[0] for line in term.screen.splitlines() if line and not line.startswith((" ", ">", "✗", "["))]
    assert "from" not in asked and "people" not in asked and "purpose" not in asked
    assert "[" in shown and mini.problems() == []


def test_a_person_is_asked_for_and_added(mini):
    term = Terminal("--data", str(mini.path), "new", "person")
    term.ask("name:", "Kim Yong-nam")
    assert "✗ " in term.refused("country:", "nowhere", choice(COUNTRIES, "KP"))
    term.ask("hangul:", "김영남")
    term.ask("hanzi:", "")
    term.ask("aliases:", "Kim Yong Nam")
    term.ask("role-title:", "President of the Presidium of the Supreme People's Assembly")
    term.ask("role-from:", "1998-09-05")
    term.ask("role-to:", "")
    term.ask("role-leader:", "")
    term.source("https://example.org/kim-yong-nam", "Example News", "Kim Yong-nam")
    term.accept("kim-yong-nam")
    assert term.finish() == 0
    people = mini.file("people.yaml").read_text(encoding="utf-8")
    assert "  - id: kim-yong-nam\n" in people and "김영남" in people
    assert mini.problems() == []


def test_ctrl_d_at_a_question_writes_nothing(mini):
    before = mini.file(EV).read_bytes()
    term = Terminal("--data", str(mini.path), "new", "event")
    term.ask("kind:", "1")
    term.expect("date:")
    term.expect("> ")
    os.write(term.controller, b"\x04")  # Ctrl-D at the start of a line ends the input
    term.expect("nothing was written")
    assert term.finish() == 1
    assert mini.file(EV).read_bytes() == before


def test_a_postponed_visit_is_asked_for_its_postponement(mini):
    """Once a postponement's date is given, its reason, what it followed and its source are asked for,
    each checked against the record: announced after the visit, or after an event that came later, is refused."""
    term = Terminal("--data", str(mini.path), "new", "event", "--kind", "visit", "--date", "2001-09-03", "--from", "CN")
    term.ask("end:", "")
    term.ask("people:", "jiang-zemin")
    term.ask("purpose:", "1")
    term.ask("level:", "1")
    term.ask("place:", "")
    term.ask("secret:", "")
    assert "a postponement is announced before the visit takes place" in term.refused(
        "postponed-announced:", "2001-10-01", "2001-06-01"
    )
    term.ask("postponed-planned:", "2001-06")
    assert "✗ " in term.refused("postponed-reason:", "", "The schedule at home.")  # required once the postponement has begun
    assert "is dated after the postponement was announced" in term.refused(
        "postponed-after:", "2006-10-first-nuclear-test", "1998-08-taepodong-1"
    )
    term.source("https://example.org/delay", "Example News", "Visit put off", "postponed-source")
    term.ask("title:", "Jiang Zemin visits Pyongyang")
    term.ask("summary:", "Jiang Zemin meets Kim Jong-il in Pyongyang.")
    term.ask("note:", "")
    term.source("https://example.org/jiang", "Example News", "Jiang in Pyongyang")
    term.ask("Add another source?", "")
    term.accept("2001-09-jiang-zemin-visits-north-korea")
    assert term.finish() == 0
    after = mini.file(EV).read_text(encoding="utf-8")
    assert (
        '    postponed:\n      announced: "2001-06-01"\n      planned: "2001-06"\n      reason: The schedule at home.\n'
        "      after: 1998-08-taepodong-1\n      sources:\n        - url: https://example.org/delay\n"
    ) in after
    assert mini.problems() == []

"""`lipsteeth new` at a real terminal (a pseudo-terminal): the questions an editor sees, in order,
a wrong answer explained and asked again, and the entry written only once every answer passes."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time

import pytest

from lipsteeth.data.model import COUNTRIES, KINDS

EV = "events/events.yaml"
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")


class Terminal:
    """A command run in a pseudo-terminal, read and typed into the way an editor would."""

    def __init__(self, *argv: str):
        controller, terminal = pty.openpty()
        environment = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "lipsteeth.cli", *argv], stdin=terminal, stdout=terminal, stderr=terminal, env=environment
        )
        os.close(terminal)
        self.controller = controller
        self.screen = ""  # everything shown so far (the terminal echoes what is typed)
        self.read_to = 0

    def expect(self, text: str, within: float = 30.0) -> str:
        """Wait until `text` is shown after what was already expected; what came before it."""
        deadline = time.monotonic() + within
        while text not in self.screen[self.read_to :]:
            left = deadline - time.monotonic()
            ready = select.select([self.controller], [], [], max(left, 0))[0] if left > 0 else []
            chunk = b""
            if ready:
                try:
                    chunk = os.read(self.controller, 4096)
                except OSError:  # the command has ended and closed the terminal
                    chunk = b""
            if not chunk:
                raise AssertionError(f"never shown: {text!r}; the terminal shows:\n{self.screen[self.read_to :]}")
            self.screen += chunk.decode("utf-8", "replace").replace("\r\n", "\n")
        found = self.screen.index(text, self.read_to)
        before = self.screen[self.read_to : found]
        self.read_to = found + len(text)
        return before

    def answer(self, line: str) -> None:
        os.write(self.controller, line.encode("utf-8") + b"\n")

    def ask(self, question: str, line: str) -> None:
        """Wait for the question's prompt, then type the answer."""
        self.expect(question)
        self.expect("> ")
        self.answer(line)

    def finish(self) -> int:
        try:
            while select.select([self.controller], [], [], 5)[0]:
                chunk = os.read(self.controller, 4096)
                if not chunk:
                    break
                self.screen += chunk.decode("utf-8", "replace").replace("\r\n", "\n")
        except OSError:
            pass
        os.close(self.controller)
        return self.process.wait(timeout=30)


def choice(options, value: str) -> str:
    """The number the prompt shows for `value`."""
    return str(list(options).index(value) + 1)


def test_a_visit_is_asked_for_field_by_field(mini):
    """Kind and date first, then what a visit needs; a wrong date and a wrong address are explained
    and asked again; the people can be listed; the proposed id is taken with Enter."""
    before = mini.file(EV).read_text(encoding="utf-8")
    term = Terminal("--data", str(mini.path), "new", "event")
    term.ask("kind:", choice(KINDS, "visit"))
    term.ask("date:", "2010-02-30")
    assert "✗ " in term.expect("\ndate:") and "February 2010 has 28 days" in term.screen
    term.expect("> ")
    term.answer("2001-09-03")
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
    term.ask("source-url:", "javascript:alert(1)")
    assert "✗ " in term.expect("\nsource-url:")
    term.expect("> ")
    term.answer("https://example.org/jiang")
    term.ask("source-publisher:", "Example News")
    term.ask("source-title:", "Jiang in Pyongyang")
    term.ask("Add another source?", "")
    term.expect("[2001-09-jiang-zemin-visits-pyongyang] > ")
    term.answer("")
    term.expect("added 2001-09-jiang-zemin-visits-pyongyang")
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
    term.ask("source-url:", "https://example.org/second")
    term.ask("source-publisher:", "Example News")
    term.ask("source-title:", "A second test")
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
    term.ask("country:", "nowhere")
    assert "✗ " in term.expect("\ncountry:")
    term.expect("> ")
    term.answer(choice(COUNTRIES, "KP"))
    term.ask("hangul:", "김영남")
    term.ask("hanzi:", "")
    term.ask("aliases:", "Kim Yong Nam")
    term.ask("role-title:", "President of the Presidium of the Supreme People's Assembly")
    term.ask("role-from:", "1998-09-05")
    term.ask("role-to:", "")
    term.ask("role-leader:", "")
    term.ask("source-url:", "https://example.org/kim-yong-nam")
    term.ask("source-publisher:", "Example News")
    term.ask("source-title:", "Kim Yong-nam")
    term.expect("[kim-yong-nam] > ")
    term.answer("")
    term.expect("added kim-yong-nam")
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
    term.ask("postponed-announced:", "2001-10-01")
    assert "a postponement is announced before the visit takes place" in term.expect("\npostponed-announced:")
    term.expect("> ")
    term.answer("2001-06-01")
    term.ask("postponed-planned:", "2001-06")
    term.ask("postponed-reason:", "")
    assert "✗ " in term.expect("\npostponed-reason:")  # required once the postponement has begun
    term.expect("> ")
    term.answer("The schedule at home.")
    term.ask("postponed-after:", "2006-10-first-nuclear-test")
    assert "is dated after the postponement was announced" in term.expect("\npostponed-after:")
    term.expect("> ")
    term.answer("1998-08-taepodong-1")
    term.ask("postponed-source-url:", "https://example.org/delay")
    term.ask("postponed-source-publisher:", "Example News")
    term.ask("postponed-source-title:", "Visit put off")
    term.ask("title:", "Jiang Zemin visits Pyongyang")
    term.ask("summary:", "Jiang Zemin meets Kim Jong-il in Pyongyang.")
    term.ask("note:", "")
    term.ask("source-url:", "https://example.org/jiang")
    term.ask("source-publisher:", "Example News")
    term.ask("source-title:", "Jiang in Pyongyang")
    term.ask("Add another source?", "")
    term.expect("> ")
    term.answer("")
    term.expect("added 2001-09-jiang-zemin-visits-north-korea")
    assert term.finish() == 0
    after = mini.file(EV).read_text(encoding="utf-8")
    assert (
        '    postponed:\n      announced: "2001-06-01"\n      planned: "2001-06"\n      reason: The schedule at home.\n'
        "      after: 1998-08-taepodong-1\n      sources:\n        - url: https://example.org/delay\n"
    ) in after
    assert mini.problems() == []

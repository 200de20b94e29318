"""A command run at a pseudo-terminal, read and typed into the way an editor would: shared by the
tests of `lipsteeth new` at a terminal."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import time


class Terminal:
    """A command run in a pseudo-terminal, read and typed into the way an editor would."""

    def __init__(self, *argv: str):
        controller, terminal = pty.openpty()
        environment = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "lipsteeth.cli", *argv],
            stdin=terminal,
            stdout=terminal,
            stderr=terminal,
            env=environment,
            # Ctrl-C as at a terminal, however the suite was started: a run started in the background
            # by a shell (`make test &`) ignores SIGINT, and Python then never turns it into KeyboardInterrupt.
            preexec_fn=_default_interrupt,
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

    def interrupt(self, stopped: str) -> None:
        """Ctrl-C at a prompt, until the run says `stopped`. The signal is sent to the process (this
        pseudo-terminal is not its controlling one); one that lands just before the read starts
        waiting is acted on at the next key, as at a real terminal, so an Enter follows if the run
        has not stopped within a few seconds."""
        self.process.send_signal(signal.SIGINT)
        try:
            self.expect(stopped, within=5)
        except AssertionError:
            self.answer("")
            self.expect(stopped)

    def answer(self, line: str) -> None:
        os.write(self.controller, line.encode("utf-8") + b"\n")

    def ask(self, question: str, line: str) -> None:
        """Wait for the question's prompt, then type the answer."""
        self.expect(question)
        self.expect("> ")
        self.answer(line)

    def refused(self, question: str, wrong: str, right: str) -> str:
        """Answer wrongly, wait for the question to be asked again, answer rightly; what was shown
        between the two (the explanation)."""
        self.ask(question, wrong)
        shown = self.expect("\n" + question)
        self.expect("> ")
        self.answer(right)
        return shown

    def answers(self, *pairs: tuple[str, str]) -> None:
        """Answer each question in turn: (question, answer) pairs."""
        for question, line in pairs:
            self.ask(question, line)

    def source(self, url: str, publisher: str, title: str, prefix: str = "source") -> None:
        """Answer a source's three questions (`prefix` names which source: source-2, postponed-source)."""
        self.answers((f"{prefix}-url:", url), (f"{prefix}-publisher:", publisher), (f"{prefix}-title:", title))

    def accept(self, new_id: str) -> None:
        """Take the proposed id with Enter and wait until the entry is added."""
        self.expect(f"[{new_id}] > ")
        self.answer("")
        self.expect(f"added {new_id}")

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


def _default_interrupt() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def choice(options, value: str) -> str:
    """The number the prompt shows for `value`."""
    return str(list(options).index(value) + 1)

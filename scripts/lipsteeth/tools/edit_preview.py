"""`lipsteeth bench --preview`: how long an editor waits, under `mkdocs serve`, between saving a
change to one event's title and the rebuilt page showing it. Measured the way an editor meets it:
a real server, a real file write, the page fetched over HTTP until the new title is there.

A measurement, not a test: it prints a table and asserts nothing.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from .. import urls
from .run_mkdocs import project_copy
from .synthetic import write_dataset

ENTRY = re.compile(r"(?m)^ *- id: (\S+)$")  # an event's first line, however the file is indented
EDITS = 5  # title edits per dataset; the table gives their median and the slowest


def run(root: Path, sizes: list[int | None], out=sys.stdout, dirty: bool = True) -> list[dict]:
    """Each size: None is the real record, a number that many synthetic events. `dirty`: serve as
    `make serve` does (only changed pages rebuilt); without, as plain `mkdocs serve` (all of them)."""
    rows = []
    print(f"mkdocs serve {'--dirty (as make serve)' if dirty else '(every page rebuilt)'}", file=out)
    print("| record | events | first build s | edit to page s (median) | slowest s |", file=out)
    print("| --- | ---: | ---: | ---: | ---: |", file=out)
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="lipsteeth-preview-") as tmp:
            data = root / "data" if size is None else write_dataset(Path(tmp) / "synthetic", size)
            row = measure(project_copy(root, data, Path(tmp) / "project"), dirty)
            row["record"] = "real" if size is None else "synthetic"
            rows.append(row)
            print(
                f"| {row['record']} | {row['events']:,} | {row['first_s']:.1f} | {statistics.median(row['edits_s']):.2f} "
                f"| {max(row['edits_s']):.2f} |",
                file=out,
                flush=True,
            )
    return rows


def measure(project: Path, dirty: bool = True) -> dict:
    # the events file with the most entries, and its middle event
    events_file = max(
        (project / "data" / "events").glob("*.yaml"), key=lambda f: len(ENTRY.findall(f.read_text(encoding="utf-8")))
    )
    text = events_file.read_text(encoding="utf-8")
    ids = ENTRY.findall(text)
    event_id = ids[len(ids) // 2]
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    page = base + urls.url(urls.event_path(event_id))
    started = time.perf_counter()
    log = project / "serve.log"
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", *(["--dirty"] if dirty else []), "-f", str(project / "mkdocs.yml")]
        + ["-a", f"127.0.0.1:{port}"],
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        start_new_session=True,
    )
    try:
        _wait_until(page, lambda html: "<h1" in html, 900, server, log)
        first = time.perf_counter() - started
        edits = []
        for number in range(1, EDITS + 1):
            title = f"Edited title number {number}"
            changed = _retitle(text, event_id, title)
            time.sleep(1.5)  # let the server settle, as an editor's pause between saves would
            saved = time.perf_counter()
            events_file.write_text(changed, encoding="utf-8")
            _wait_until(page, lambda html, title=title: title in html, 300, server, log)
            edits.append(time.perf_counter() - saved)
        return {
            "events": sum(len(ENTRY.findall(f.read_text(encoding="utf-8"))) for f in events_file.parent.glob("*.yaml")),
            "first_s": first,
            "edits_s": edits,
        }
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)


def _retitle(text: str, event_id: str, title: str) -> str:
    """The file with that event's title replaced (the title line follows the id within the entry)."""
    start = re.search(rf"(?m)^ *- id: {re.escape(event_id)}$", text).end()
    line = re.compile(r"(?m)^( +)title: .*$").search(text, start)  # the event's own title comes before its sources'
    return text[: line.start()] + f"{line[1]}title: {title}" + text[line.end() :]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until(url: str, condition, within: float, server: subprocess.Popen, log: Path) -> None:
    deadline = time.perf_counter() + within
    while time.perf_counter() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"mkdocs serve stopped:\n{log.read_text(encoding='utf-8', errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                if condition(response.read().decode("utf-8")):
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.05)
    raise RuntimeError(f"{url} did not show the change within {within:.0f} s")

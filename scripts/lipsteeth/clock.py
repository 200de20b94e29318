"""The processor seconds each stage of a build takes, recorded where the stage runs, so that
`lipsteeth bench` reads what a build paid instead of running the stages again beside it (which
doubled its cost and could time something the build does not do).

One record per process, started afresh by each generation step (`restart`); a stage computed by
an earlier build and reused (under `mkdocs serve`, the snapshot of unchanged data) costs nothing
and is recorded as nothing. With LIPSTEETH_STAGE_TIMES set, the build writes the record there.
Processor time is the whole process's: under `mkdocs serve` the server's own threads are counted in
the stage running meanwhile (the benchmark times `mkdocs build`, which has none).
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import time
from pathlib import Path

VARIABLE = "LIPSTEETH_STAGE_TIMES"
_seconds: dict[str, float] = {}


def restart() -> None:
    _seconds.clear()


def add(stage: str, seconds: float) -> None:
    _seconds[stage] = _seconds.get(stage, 0.0) + seconds


def spent() -> float:
    """Processor seconds of this process and of every child it has waited for: the processes that
    draw previews, and git, are part of the stage that started them."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


@contextlib.contextmanager
def stage(name: str):
    """Time what runs inside as `name` (stages do not nest: each second is counted once)."""
    start = spent()
    try:
        yield
    finally:
        add(name, spent() - start)


def taken() -> dict[str, float]:
    return dict(_seconds)


def report() -> None:
    """Write the record to the file LIPSTEETH_STAGE_TIMES names, if any (for `lipsteeth bench`)."""
    target = os.environ.get(VARIABLE)
    if target:
        Path(target).write_text(json.dumps(taken(), sort_keys=True), encoding="utf-8")

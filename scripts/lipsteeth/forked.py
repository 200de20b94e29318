"""Work shared among forked processes, for the steps of a cold build that draw (the charts, the
sharing images): on a machine with two processors they take about half the wall time, and the
result is the same, in the same order (`map_forked`). Or work done in a forked process behind a
build, which needs it only at its end (`Behind`: the sharing images, drawn while MkDocs converts
the pages); its caller checks `can_fork` first.

Forked, so that the workers start at once with everything imported and the build's data in memory
(only the items go to them, never the data); and only from a process with no other thread, since a
fork copies a lock another thread may hold (`mkdocs serve`'s server has threads: it draws itself).
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")
MAX_WORKERS = 8
_task: Callable | None = None  # what the workers apply: inherited through the fork, never pickled


def processors() -> int:
    """The processors this process may run on (a container's or a CPU set's, not the machine's)."""
    return len(os.sched_getaffinity(0))


def can_fork() -> bool:
    return threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


def map_forked(function: Callable[[T], R], items: Iterable[T], workers: int) -> list[R]:
    """`function` of each item, in order: on up to `workers` forked processes (never more than
    MAX_WORKERS), or here when fewer than two are asked for or this process may not fork."""
    global _task
    items = list(items)
    workers = min(workers, MAX_WORKERS, len(items))
    if workers < 2 or not can_fork():
        return [function(item) for item in items]
    _task = function
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(_run, items, chunksize=max(1, len(items) // (4 * workers))))
    finally:
        _task = None


def _run(item):
    return _task(item)


class BehindFailed(Exception):
    """The work done behind failed; the message says how (never a traceback)."""


class Behind:
    """`work` done in a forked process while this one goes on: for what is needed only later (a
    build's sharing images, which MkDocs copies at its end: it converts the pages meanwhile, on the
    other processor). `wait` returns once it is done, or raises BehindFailed. The caller checks
    `can_fork` first. The process ends with this one: stopped (SIGTERM, on Linux) if this one ends
    first, it unwinds as on Ctrl-C, so an atomic write under way leaves no temporary file."""

    MESSAGE_LIMIT = 500  # characters of a failure told: one line, far below what a pipe holds unread (4 KB and more)

    def __init__(self, work: Callable[[], None]):
        context = multiprocessing.get_context("fork")
        self._failure, telling = context.Pipe(duplex=False)
        self._process = context.Process(target=_behind, args=(work, telling, os.getpid()), name="lipsteeth-behind")
        self._process.start()
        telling.close()  # the child's end: once the child has gone, nothing more can come
        self._outcome: str | None = None

    def wait(self) -> None:
        if self._outcome is None:
            # Joined first, by its process id: the end of the pipe never comes while a process the
            # child started (a pool's worker) outlives it holding the pipe. Nothing the child tells
            # can block it meanwhile: a message fits in the pipe (MESSAGE_LIMIT).
            self._process.join()
            told = ""
            if self._failure.poll(0):
                with contextlib.suppress(EOFError):
                    told = self._failure.recv()
            self._failure.close()
            code = self._process.exitcode
            if code == 0:
                self._outcome = ""
            else:
                self._outcome = told or (f"stopped by signal {-code}" if code < 0 else f"exited with status {code}")
        if self._outcome:
            raise BehindFailed(self._outcome)

    def stop(self) -> None:
        """Stop the work (a failed build does not wait for what it no longer needs) and wait for the process."""
        if self._outcome is None:
            self._process.terminate()
            with contextlib.suppress(BehindFailed):
                self.wait()


def _behind(work: Callable[[], None], telling, parent: int) -> None:
    try:
        signal.signal(signal.SIGTERM, _unwind)
        _end_with(parent)
        work()
    except BaseException as exc:  # noqa: BLE001 (told to the parent, which reports it; a Ctrl-C too, quietly)
        line = f"{type(exc).__name__}: {exc}".splitlines()[0][: Behind.MESSAGE_LIMIT]
        with contextlib.suppress(OSError):
            telling.send(line)
        os._exit(1)  # not multiprocessing's own report, a traceback


def _unwind(signum, frame):
    raise SystemExit("stopped")


def _end_with(parent: int) -> None:
    """Have the system stop this process when `parent` ends (Linux's PR_SET_PDEATHSIG; elsewhere the
    work runs to its end, which is bounded)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # it ended before the request was made
        raise SystemExit("the build ended")


_PR_SET_PDEATHSIG = 1

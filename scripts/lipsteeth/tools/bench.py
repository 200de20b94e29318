"""`lipsteeth bench`: the processor seconds of each stage, and of whole MkDocs builds, on synthetic
datasets; plus the same pages built by MkDocs alone, so our share is visible. Every stage a build
pays is listed (importing the package and the sharing images included): "ours" is everything that
is not MkDocs and the theme. With several sizes, it ends with how each stage grew.

Three builds of ours a size, and one of MkDocs alone on the same pages:
- cold: every chart and preview drawn, alone (it draws on every processor);
- then warm (nothing changed: the generation step reuses the sources the cold build made) and
  MkDocs alone on those sources, started together, side by side: each shares the machine with the
  other, so the two are measured alike;
- after an edit (a comment added to a data file: everything of ours computed again, charts and
  previews from the cache): once the warm build has ended, built with `--dirty` into its site. The
  edit changes no page, so MkDocs converts nothing again: converting the same pages again would
  only repeat what the warm build measured (a minute at 10,000 events); the row shows what our step pays.
On two processors or more, at most two builds run at a time, each on a processor of its own
(MkDocs uses one); on one, they run one after the other. Each build's processor seconds are the
system's own account of its process and the processes it waited for. The stages are read from
the builds themselves (each records what it paid: lipsteeth.clock), not run again beside them:
the table shows what a build does, and costs nothing more. With `memory`, each stage's peak
Python memory is measured too, in a process of its own (tracemalloc runs those stages again, and
slows them). A measurement, not a test: it prints a table and asserts nothing.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .. import clock, forked, urls
from ..analyse.answer import answer
from ..analyse.claims import check_all
from ..charts.cache import draw_all
from ..data.validate import load_dataset
from ..generate import SOURCE
from ..site import plan_for
from .run_mkdocs import mkdocs_command, mkdocs_environment, project_copy
from .synthetic import write_dataset

# Every stage of ours that a build pays, in the order it runs: all that is not MkDocs and the theme.
# A warm build pays each too, but charts and previews come from the cache.
STAGES = ("import", "inputs", "validate", "analyse", "charts", "history", "search", "pages", "previews", "write")
# What the growth between sizes is reported for: each stage, our totals and each build's processor seconds.
GROWN = (*STAGES, "ours", "ours_warm", "ours_edit", "build_cpu", "warm_cpu", "edit_cpu", "plain_cpu")
MEMORY_STAGES = ("validate", "analyse", "charts", "pages")  # the ones that hold the record in memory


def run(root: Path, sizes: list[int], out=sys.stdout, *, memory: bool = False) -> list[dict]:
    rows = []
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix=f"lipsteeth-bench-{size}-") as tmp:
            rows.append(bench_one(root, size, Path(tmp), memory=memory))
            print_row(rows[-1], out, header=len(rows) == 1, memory=memory)
    if len(rows) > 1:
        print(growth(rows), file=out, flush=True)
    return rows


def bench_one(root: Path, size: int, tmp: Path, *, memory: bool = False) -> dict:
    data = write_dataset(tmp / "synthetic", size)
    row: dict = {"events": size}
    project = project_copy(root, data, tmp / "project")
    alone = forked.processors() < 2  # each build waited for before the next starts

    def start(build: Build) -> Running:
        running = Running(build)
        if alone:
            running.result()
        return running

    cold = start(Build(project, tmp / "site", tmp / "cold.json")).result()  # a cold cache: every chart and preview drawn
    plain_project = _plain_project(project, tmp / "plain")  # the sources the cold build made
    plain = start(Build(plain_project, tmp / "plain-site", None))  # the same pages, no hook
    try:
        warm = start(Build(project, tmp / "site-again", tmp / "warm.json")).result()  # nothing changed: the sources are reused
        _edit(project / "data")  # an edit that changes no page: everything computed again, charts and previews cached
        editing = start(Build(project, tmp / "site-again", tmp / "edit.json", dirty=True))
    except BaseException:
        plain.stop()  # not left running while its folder is removed
        raise
    try:
        plain = plain.result()
        row["site_mb"] = _size(tmp / "site") / 1e6
        row["previews_total_mb"] = _size(tmp / "site" / urls.PREVIEWS) / 1e6
        row["search_mb"] = (tmp / "site" / "search" / "search_index.json").stat().st_size / 1e6
        # While the edit build runs on one processor, what no later step reads is removed on the
        # other (about 5 s at 10,000 events, which came after the last build).
        for done_with in (tmp / "plain", tmp / "plain-site", tmp / "site"):
            shutil.rmtree(done_with)
        edit = editing.result()
    except BaseException:
        editing.stop()
        raise
    for prefix, measured in (("build", cold), ("warm", warm), ("edit", edit), ("plain", plain)):
        row |= {f"{prefix}_{key}": value for key, value in measured.items() if key != "stages"}
    row |= {f"{stage}_s": cold["stages"].get(stage, 0.0) for stage in STAGES}
    for name, measured in (("ours_s", cold), ("ours_warm_s", warm), ("ours_edit_s", edit)):
        row[name] = sum(measured["stages"].values())
    row["cold_ratio"] = row["build_s"] / row["plain_s"]
    row["warm_ratio"] = row["warm_s"] / row["plain_s"]
    row["cold_cpu_ratio"] = row["build_cpu_s"] / row["plain_cpu_s"]
    row["warm_cpu_ratio"] = row["warm_cpu_s"] / row["plain_cpu_s"]
    row["share"] = row["ours_s"] / row["build_cpu_s"]  # processor seconds on both sides
    row["share_warm"] = row["ours_warm_s"] / row["warm_cpu_s"]
    if memory:
        with multiprocessing.get_context("spawn").Pool(1) as fresh:
            row |= fresh.apply(stage_memory, (project,))
    return row


def _edit(data: Path) -> None:
    """A comment added to the people file: a change of the inputs that changes no record."""
    people = data / "people.yaml"
    people.write_bytes(people.read_bytes() + b"\n# an edit for the benchmark\n")


def measure_peak(action: Callable[[], object]) -> tuple[object, float]:
    """Run `action` under tracemalloc: its result and the peak Python memory it took, in MB."""
    tracemalloc.start()
    try:
        result = action()
        return result, tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def stage_memory(project: Path) -> dict:
    """The peak Python memory of the stages that hold the record, each run as a build runs it."""
    row: dict = {}
    dataset, row["validate_mb"] = measure_peak(lambda: load_dataset(project / "data"))
    (verdicts, answered), row["analyse_mb"] = measure_peak(lambda: _analysed(dataset))
    drawings, row["charts_mb"] = measure_peak(lambda: draw_all(dataset, None))
    _, row["pages_mb"] = measure_peak(lambda: plan_for(dataset, drawings=drawings, answered=answered, verdicts=verdicts))
    return row


def _analysed(dataset):
    verdicts = check_all(dataset)
    return verdicts, answer(dataset, verdicts)


def growth(rows: list[dict]) -> str:
    """How each stage (and each build, in processor seconds) grows from the smallest size to the
    largest, against the events: a stage
    whose time grows faster than the events (beyond noise, and over a tenth of a second) is named."""
    first, last = rows[0], rows[-1]
    factor = last["events"] / first["events"]
    lines = [f"Growth from {first['events']:,} to {last['events']:,} events ({factor:,.0f}× the events):"]
    for stage in GROWN:
        before, after = first[f"{stage}_s"], last[f"{stage}_s"]
        ratio = after / before if before > 0 else float("inf")
        faster = ratio > 1.5 * factor and after > 0.1
        lines.append(f"- {stage}: {before:.2f} s → {after:.2f} s ({ratio:,.0f}×){'  FASTER THAN LINEAR' if faster else ''}")
    return "\n".join(lines)


@dataclass(frozen=True)
class Build:
    """A `mkdocs build --strict` of `project` into `site`; our stages recorded into `stages` (None: a
    hookless build, which records none)."""

    project: Path
    site: Path
    stages: Path | None
    dirty: bool = False


class Running:
    """A build started in a process of its own and measured when it ends (by a thread that waits for
    it, so that its end is seen when it comes, whatever the benchmark is waiting for meanwhile)."""

    def __init__(self, build: Build):
        self.build = build
        env = mkdocs_environment(build.project, {clock.VARIABLE: str(build.stages)} if build.stages else None)
        # A file, not a pipe: nobody reads it while the build runs. Closed by `result`.
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115
        self._start = time.perf_counter()
        command = mkdocs_command(build.project, build.site, dirty=build.dirty)
        self._process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=self._errors, env=env)
        self._result: dict | None = None
        self._failure: str | None = None
        self._waiter = threading.Thread(target=self._wait, daemon=True)
        self._waiter.start()

    def _wait(self) -> None:
        _, status, self._usage = os.wait4(self._process.pid, 0)
        self._end = time.perf_counter()
        self._process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, for its usage: Popen must not wait again

    def stop(self) -> None:
        """Kill the build and wait for it (a process drawing behind it ends with it: forked.Behind)."""
        with contextlib.suppress(ProcessLookupError):  # not Popen.kill, which may reap it before the waiter can
            os.kill(self._process.pid, signal.SIGKILL)
        self._waiter.join()
        self._errors.close()

    def result(self) -> dict:
        """Once it has ended (asked again, the same): wall seconds, processor seconds (user and
        system: what a shared machine's load does not inflate) and peak RSS in MB, as the system
        accounted them to its process and the processes it waited for; and the processor seconds of
        each of our stages as it recorded them."""
        self._waiter.join()
        if self._result is not None:
            return self._result
        if self._failure is None and self._process.returncode != 0:
            with self._errors:
                self._errors.seek(0)
                self._failure = f"the benchmark's build failed:\n{self._errors.read().decode(errors='replace')}"
        if self._failure is not None:
            raise RuntimeError(self._failure)
        self._errors.close()
        stages = self.build.stages
        recorded = json.loads(stages.read_text(encoding="utf-8")) if stages else {}
        unknown = set(recorded) - set(STAGES)
        if unknown:  # a stage the table would leave out: the benchmark must count every stage a build pays
            raise RuntimeError(f"the build recorded stages the benchmark does not list: {', '.join(sorted(unknown))}")
        usage = self._usage
        self._result = {
            "s": self._end - self._start,
            "cpu_s": usage.ru_utime + usage.ru_stime,
            "rss_mb": usage.ru_maxrss / 1e3,
            "stages": recorded,
            "span": (self._start, self._end),
        }
        return self._result


def _plain_project(project: Path, target: Path) -> Path:
    """The same generated sources, built by MkDocs with the same theme and no hook."""
    # Linked, not copied (9 s at 10,000 events): nothing writes into a source file in place (each is
    # replaced whole: lipsteeth.atomic), so the builds of ours that follow cannot change these.
    shutil.copytree(project / SOURCE, target / SOURCE, copy_function=os.link)
    shutil.copytree(project / "overrides", target / "overrides")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    for block in ("hooks:\n  - scripts/mkdocs_hooks.py\n", "watch:\n  - docs\n  - data\n  - scripts\n"):
        assert block in config, f"mkdocs.yml no longer has {block!r}; update the benchmark"
        config = config.replace(block, "")
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    return target


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


COLUMNS = [
    ("events", "events", "{:,}"),
    *((f"{stage}_s", f"{stage} s (cpu)", "{:.2f}") for stage in STAGES),
    ("ours_s", "ours s (cold, cpu)", "{:.2f}"),
    ("ours_warm_s", "ours s (warm, cpu)", "{:.2f}"),
    ("ours_edit_s", "ours s (after an edit, cpu)", "{:.2f}"),
    ("build_s", "build s (cold)", "{:.2f}"),
    ("warm_s", "build s (warm)", "{:.2f}"),
    ("plain_s", "plain MkDocs s", "{:.2f}"),
    ("build_cpu_s", "build s (cold, cpu)", "{:.2f}"),
    ("warm_cpu_s", "build s (warm, cpu)", "{:.2f}"),
    ("edit_cpu_s", "build s (after an edit, --dirty, cpu)", "{:.2f}"),
    ("plain_cpu_s", "plain MkDocs s (cpu)", "{:.2f}"),
    ("cold_ratio", "cold / plain", "{:.2f}×"),
    ("warm_ratio", "warm / plain", "{:.2f}×"),
    ("cold_cpu_ratio", "cold / plain (cpu)", "{:.2f}×"),
    ("warm_cpu_ratio", "warm / plain (cpu)", "{:.2f}×"),
    ("share", "our share (cold)", "{:.1%}"),
    ("share_warm", "our share (warm)", "{:.1%}"),
    ("build_rss_mb", "build peak RSS MB", "{:.0f}"),
    ("site_mb", "site MB", "{:.1f}"),
    ("previews_total_mb", "previews MB", "{:.2f}"),
    ("search_mb", "search index MB", "{:.2f}"),
]
MEMORY_COLUMNS = [(f"{stage}_mb", f"{stage} MB", "{:.1f}") for stage in MEMORY_STAGES]


def print_row(row: dict, out, header: bool, memory: bool = False) -> None:
    columns = COLUMNS + (MEMORY_COLUMNS if memory else [])
    if header:
        print("| " + " | ".join(title for _, title, _ in columns) + " |", file=out)
        print("|" + "|".join(" ---: " for _ in columns) + "|", file=out)
    print("| " + " | ".join(fmt.format(row[key]) for key, _, fmt in columns) + " |", file=out, flush=True)

"""`lipsteeth bench`: time and peak memory of each stage, and of the whole MkDocs build, on
synthetic datasets; plus the same pages built by MkDocs alone, so our share is visible.

Stages are timed in a fresh interpreter for each size, as each build starts one; the builds
run as subprocesses. A measurement, not a test: it prints a table and asserts nothing.
"""

from __future__ import annotations

import multiprocessing
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from ..analyse import analyses
from ..analyse.claims import check_all
from ..charts.cache import draw_all
from ..data.validate import load_dataset
from ..generate import SOURCE
from ..site import plan_for
from .run_mkdocs import mkdocs_build, project_copy
from .synthetic import write_dataset

STAGES = ("validate", "analyse", "charts", "pages")


def measure(action: Callable[[], object]) -> tuple[object, float, float]:
    """Run `action` twice: once timed, once under tracemalloc (which slows it) for the peak
    Python memory. Returns the result, seconds, and peak MB."""
    start = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - start
    tracemalloc.start()
    action()
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return result, seconds, peak


def run(root: Path, sizes: list[int], out=sys.stdout) -> list[dict]:
    rows = []
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix=f"lipsteeth-bench-{size}-") as tmp:
            rows.append(bench_one(root, size, Path(tmp)))
            print_row(rows[-1], out, header=len(rows) == 1)
    return rows


def bench_one(root: Path, size: int, tmp: Path) -> dict:
    data = write_dataset(tmp / "synthetic", size)
    row: dict = {"events": size}
    # A fresh interpreter per size, as each build is: the first chart drawn pays for importing
    # matplotlib (about a quarter of a second) at every size, not only at the first.
    with multiprocessing.get_context("spawn").Pool(1) as fresh:
        row |= fresh.apply(time_stages, (data,))
    row["ours_s"] = sum(row[f"{stage}_s"] for stage in STAGES)

    project = project_copy(root, data, tmp / "project")
    row["build_s"], row["build_rss_mb"] = _mkdocs(project, tmp / "site")  # charts drawn: a cold cache
    row["warm_s"], _ = _mkdocs(project, tmp / "site-again")  # charts from the cache, as under mkdocs serve
    row["site_mb"] = _size(tmp / "site") / 1e6
    row["search_mb"] = (tmp / "site" / "search" / "search_index.json").stat().st_size / 1e6
    plain = _plain_project(project, tmp / "plain")  # the files the builds generated
    row["plain_s"], _ = _mkdocs(plain, tmp / "plain-site")
    row["share"] = row["ours_s"] / row["build_s"]
    row["share_warm"] = (row["ours_s"] - row["charts_s"]) / row["warm_s"]
    return row


def time_stages(data: Path) -> dict:
    """Each stage's seconds and peak MB, in the order a build runs them (in a fresh process)."""
    row: dict = {}
    dataset, row["validate_s"], row["validate_mb"] = measure(lambda: load_dataset(data))

    def analyse():
        check_all(dataset)
        analyses.eras(dataset)
        analyses.median_gap_between_visits(dataset)
        return [analyses.next_visit(dataset, t) for t in analyses.of_kind(dataset, "nuclear-test")]

    _, row["analyse_s"], row["analyse_mb"] = measure(analyse)
    drawings, row["charts_s"], row["charts_mb"] = measure(lambda: draw_all(dataset, None))
    _, row["pages_s"], row["pages_mb"] = measure(lambda: plan_for(dataset, drawings=drawings))
    return row


def _mkdocs(project: Path, site: Path) -> tuple[float, float]:
    start = time.perf_counter()
    result = mkdocs_build(project, site)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"the benchmark's build failed:\n{result.stderr}")
    rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1e3  # the largest child so far
    return seconds, rss_mb


def _plain_project(project: Path, target: Path) -> Path:
    """The same generated sources, built by MkDocs with the same theme and no hook."""
    shutil.copytree(project / SOURCE, target / SOURCE)
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
    ("validate_s", "validate s", "{:.2f}"),
    ("analyse_s", "analyse s", "{:.2f}"),
    ("charts_s", "charts s", "{:.2f}"),
    ("pages_s", "pages s", "{:.2f}"),
    ("ours_s", "ours s", "{:.2f}"),
    ("build_s", "build s (cold)", "{:.2f}"),
    ("warm_s", "build s (warm)", "{:.2f}"),
    ("plain_s", "plain build s", "{:.2f}"),
    ("share", "our share (cold)", "{:.1%}"),
    ("share_warm", "our share (warm)", "{:.1%}"),
    ("validate_mb", "validate MB", "{:.1f}"),
    ("pages_mb", "pages MB", "{:.1f}"),
    ("charts_mb", "charts MB", "{:.1f}"),
    ("build_rss_mb", "build peak RSS MB", "{:.0f}"),
    ("site_mb", "site MB", "{:.1f}"),
    ("search_mb", "search index MB", "{:.2f}"),
]


def print_row(row: dict, out, header: bool) -> None:
    if header:
        print("| " + " | ".join(title for _, title, _ in COLUMNS) + " |", file=out)
        print("|" + "|".join(" ---: " for _ in COLUMNS) + "|", file=out)
    print("| " + " | ".join(fmt.format(row[key]) for key, _, fmt in COLUMNS) + " |", file=out, flush=True)

"""`lipsteeth bench`: time and peak memory of each stage, and of the whole MkDocs build (cold and
warm), on synthetic datasets; plus the same pages built by MkDocs alone, so our share is visible.
Every stage a build pays is listed (the sharing images included): "ours" is everything that is
not MkDocs and the theme. With several sizes, it ends with how each stage grew.

Stages are timed in a fresh interpreter for each size, as each build starts one; the builds
run as subprocesses. A measurement, not a test: it prints a table and asserts nothing.
"""

from __future__ import annotations

import html
import json
import multiprocessing
import re
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from .. import urls
from ..analyse.answer import answer
from ..analyse.claims import check_all
from ..charts import previews
from ..charts.cache import draw_all
from ..data.dataset import Dataset
from ..data.files import data_files
from ..data.validate import load_dataset
from ..generate import SOURCE
from ..history import data_commits, file_dates, record_dates
from ..render import searchindex, sections
from ..site import plan_for
from .run_mkdocs import mkdocs_build, project_copy
from .synthetic import write_dataset

# Every stage of ours that a build pays, in the order it runs: all that is not MkDocs and the theme.
STAGES = ("validate", "analyse", "charts", "pages", "history", "previews", "search")
WARM_STAGES = ("validate", "analyse", "pages", "history", "search")  # a warm build takes charts and previews from the cache


# The stages are timed in processor seconds of the process running them: on a shared machine the
# other processes' load inflates wall time, and would make a stage look as if it grew faster than it does.
CPU_TIME = True


def measure(action: Callable[[], object], *, memory: bool = True) -> tuple[object, float, float | None]:
    """Run `action` once timed and, with `memory`, once more under tracemalloc (which slows it) for
    the peak Python memory. Returns the result, seconds, and peak MB."""
    start = time.process_time() if CPU_TIME else time.perf_counter()
    result = action()
    seconds = (time.process_time() if CPU_TIME else time.perf_counter()) - start
    if not memory:
        return result, seconds, None
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
    if len(rows) > 1:
        print(growth(rows), file=out, flush=True)
    return rows


def bench_one(root: Path, size: int, tmp: Path) -> dict:
    data = write_dataset(tmp / "synthetic", size)
    row: dict = {"events": size}
    project = project_copy(root, data, tmp / "project")
    row["build_s"], row["build_cpu_s"], row["build_rss_mb"] = _mkdocs(project, tmp / "site")  # a cold cache: all drawn
    row["warm_s"], row["warm_cpu_s"], _ = _mkdocs(project, tmp / "site-again")  # charts and previews from the cache
    row["site_mb"] = _size(tmp / "site") / 1e6
    row["previews_total_mb"] = _size(tmp / "site" / urls.PREVIEWS) / 1e6
    row["search_mb"] = (tmp / "site" / "search" / "search_index.json").stat().st_size / 1e6
    plain = _plain_project(project, tmp / "plain")  # the sources the builds generated
    row["plain_s"], row["plain_cpu_s"], _ = _mkdocs(plain, tmp / "plain-site")
    # A fresh interpreter, as each build is: the first chart drawn pays for importing matplotlib.
    with multiprocessing.get_context("spawn").Pool(1) as fresh:
        row |= fresh.apply(time_stages, (project, tmp / "plain-site" / "search" / "search_index.json"))
    row["ours_s"] = sum(row[f"{stage}_s"] for stage in STAGES)
    row["ours_warm_s"] = sum(row[f"{stage}_s"] for stage in WARM_STAGES)
    row["cold_ratio"] = row["build_s"] / row["plain_s"]
    row["warm_ratio"] = row["warm_s"] / row["plain_s"]
    row["cold_cpu_ratio"] = row["build_cpu_s"] / row["plain_cpu_s"]
    row["warm_cpu_ratio"] = row["warm_cpu_s"] / row["plain_cpu_s"]
    row["share"] = row["ours_s"] / row["build_cpu_s"]  # processor seconds on both sides
    row["share_warm"] = row["ours_warm_s"] / row["warm_cpu_s"]
    return row


def time_stages(project: Path, theme_index: Path) -> dict:
    """Each stage's seconds (and peak MB where it matters), in the order a build runs them, in a
    fresh process: the same calls the build makes, without MkDocs."""
    data, row = project / "data", {}
    dataset, row["validate_s"], row["validate_mb"] = measure(lambda: load_dataset(data))

    def analyse():
        verdicts = check_all(dataset)
        return verdicts, answer(dataset, verdicts)

    (verdicts, answered), row["analyse_s"], row["analyse_mb"] = measure(analyse)
    drawings, row["charts_s"], row["charts_mb"] = measure(lambda: draw_all(dataset, None))
    files, row["pages_s"], row["pages_mb"] = measure(
        lambda: plan_for(dataset, drawings=drawings, answered=answered, verdicts=verdicts)
    )
    _, row["history_s"], _ = measure(lambda: _history(project), memory=False)
    _, row["previews_s"], _ = measure(lambda: _previews(project, files, dataset), memory=False)
    theme = json.loads(theme_index.read_text(encoding="utf-8"))
    # What the build pays: the generated pages' entries (the snapshot's), added to the theme's, written out.
    merged = lambda: json.dumps(  # noqa: E731
        {**theme, "docs": theme["docs"] + searchindex.generated_entries(dataset)}, ensure_ascii=False, separators=(",", ":")
    )
    _, row["search_s"], _ = measure(merged, memory=False)
    return row


def _history(project: Path) -> None:
    """What the build asks git (nothing to find in the benchmark's copy, which is no repository)."""
    data_commits(project)
    record_dates(project, data_files(project / "data"))
    file_dates(project, sorted((project / "docs").rglob(urls.PAGES)))


def _previews(project: Path, files: dict, dataset: Dataset) -> int:
    """Every page's sharing image drawn, as a cold build draws them (titles as MkDocs takes them:
    the first heading)."""
    store, site_name = previews.Store(None), _site_name(project)
    pages = {path: text for path, text in files.items() if PurePosixPath(path).match(urls.PAGES)}
    docs = project / "docs"
    pages |= {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in docs.rglob(urls.PAGES)}
    for path, text in pages.items():
        heading = re.search(r"(?m)^# (.+)$", text)
        title = html.unescape(re.sub(r"<[^>]+>", "", heading[1])) if heading else site_name
        url = urls.url(path)
        store.get(title, sections.preview_label(url) or site_name, sections.page_year(dataset, url), site_name)
    return len(pages)


def _site_name(project: Path) -> str:
    return re.search(r"(?m)^site_name: *(.+)$", (project / "mkdocs.yml").read_text(encoding="utf-8"))[1].strip().strip("\"'")


def growth(rows: list[dict]) -> str:
    """How each stage (and each build, in processor seconds) grows from the smallest size to the
    largest, against the events: a stage
    whose time grows faster than the events (beyond noise, and over a tenth of a second) is named."""
    first, last = rows[0], rows[-1]
    factor = last["events"] / first["events"]
    lines = [f"Growth from {first['events']:,} to {last['events']:,} events ({factor:,.0f}× the events):"]
    for stage in (*STAGES, "build_cpu", "warm_cpu", "plain_cpu"):
        before, after = first[f"{stage}_s"], last[f"{stage}_s"]
        ratio = after / before if before > 0 else float("inf")
        faster = ratio > 1.5 * factor and after > 0.1
        lines.append(f"- {stage}: {before:.2f} s → {after:.2f} s ({ratio:,.0f}×){'  FASTER THAN LINEAR' if faster else ''}")
    return "\n".join(lines)


def _mkdocs(project: Path, site: Path) -> tuple[float, float, float]:
    """Wall seconds, processor seconds (user and system: what a shared machine's load does not
    inflate) and the largest child's peak RSS in MB so far."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = mkdocs_build(project, site)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"the benchmark's build failed:\n{result.stderr}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return seconds, cpu, after.ru_maxrss / 1e3


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
    ("validate_s", "validate s (cpu)", "{:.2f}"),
    ("analyse_s", "analyse s (cpu)", "{:.2f}"),
    ("charts_s", "charts s (cpu)", "{:.2f}"),
    ("pages_s", "pages s (cpu)", "{:.2f}"),
    ("history_s", "history s (cpu)", "{:.2f}"),
    ("previews_s", "previews s (cpu)", "{:.2f}"),
    ("search_s", "search s (cpu)", "{:.2f}"),
    ("ours_s", "ours s (cold, cpu)", "{:.2f}"),
    ("ours_warm_s", "ours s (warm, cpu)", "{:.2f}"),
    ("build_s", "build s (cold)", "{:.2f}"),
    ("warm_s", "build s (warm)", "{:.2f}"),
    ("plain_s", "plain MkDocs s", "{:.2f}"),
    ("cold_ratio", "cold / plain", "{:.2f}×"),
    ("warm_ratio", "warm / plain", "{:.2f}×"),
    ("cold_cpu_ratio", "cold / plain (cpu)", "{:.2f}×"),
    ("warm_cpu_ratio", "warm / plain (cpu)", "{:.2f}×"),
    ("share", "our share (cold)", "{:.1%}"),
    ("share_warm", "our share (warm)", "{:.1%}"),
    ("validate_mb", "validate MB", "{:.1f}"),
    ("pages_mb", "pages MB", "{:.1f}"),
    ("charts_mb", "charts MB", "{:.1f}"),
    ("build_rss_mb", "build peak RSS MB", "{:.0f}"),
    ("site_mb", "site MB", "{:.1f}"),
    ("previews_total_mb", "previews MB", "{:.2f}"),
    ("search_mb", "search index MB", "{:.2f}"),
]


def print_row(row: dict, out, header: bool) -> None:
    if header:
        print("| " + " | ".join(title for _, title, _ in COLUMNS) + " |", file=out)
        print("|" + "|".join(" ---: " for _ in COLUMNS) + "|", file=out)
    print("| " + " | ".join(fmt.format(row[key]) for key, _, fmt in COLUMNS) + " |", file=out, flush=True)

"""What keeps a build cheap without losing anything: derived files are not forced to disk (and a
cache entry a power cut left short is drawn again), a warm build never imports the drawing
libraries, and every stage a build pays is recorded for the benchmark."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import time

import pytest

from lipsteeth import clock, forked, reuse
from lipsteeth.atomic import write_atomically
from lipsteeth.charts import cache, preview_cache
from lipsteeth.charts.png import PNG_END
from lipsteeth.generate import generate
from lipsteeth.render import searchindex
from lipsteeth.tools.bench import STAGES

from ..conftest import MINI, dataset_of, make_project

SITE = "Lips and Teeth"


@pytest.mark.parametrize(("durable", "synced"), [(True, True), (False, False)])
def test_only_a_durable_write_is_forced_to_disk(tmp_path, monkeypatch, durable, synced):
    forced = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: forced.append(fd) or real(fd))
    target = tmp_path / "page.md"
    target.write_bytes(b"old")
    write_atomically(target, b"new", durable=durable)
    assert target.read_bytes() == b"new"
    assert bool(forced) is synced
    assert [p.name for p in tmp_path.iterdir()] == ["page.md"]  # no temporary file left


def test_a_cached_preview_cut_short_is_drawn_again(tmp_path):
    store = preview_cache.Store(tmp_path)
    whole = store.get("A title", "Events", 2000, SITE)
    (entry,) = tmp_path.glob("*.png")
    entry.write_bytes(whole[: len(whole) // 2])  # what a power cut may leave of a file not forced to disk
    assert preview_cache.Store(tmp_path).get("A title", "Events", 2000, SITE) == whole
    assert entry.read_bytes() == whole and whole.endswith(PNG_END)


def test_a_cached_chart_cut_short_is_drawn_again(mini, tmp_path):
    mini_dataset = dataset_of(mini)
    drawn = cache.draw_all(mini_dataset, tmp_path)
    entry = next(tmp_path.glob("record-*.svg"))
    entry.write_text(drawn["record"][:1000], encoding="utf-8")
    assert cache.draw_all(mini_dataset, tmp_path)["record"] == drawn["record"]
    # the drawing it is finished from, cut short too: drawn again
    drawing = next(tmp_path.glob("record.drawn-*.svg"))
    drawing.write_text(drawing.read_text(encoding="utf-8")[:1000], encoding="utf-8")
    next(tmp_path.glob("record-*.svg")).unlink()
    assert cache.draw_all(mini_dataset, tmp_path)["record"] == drawn["record"]
    assert drawing.read_text(encoding="utf-8").rstrip().endswith("</svg>")


def test_the_generation_step_records_the_stages_it_pays(tmp_path):
    """Each stage the generation step runs is timed where it runs, under the names the benchmark lists
    (importing what computes the sources included: the hook adds its own imports and finishing the
    search index)."""
    project = make_project(tmp_path, MINI, cache=False)
    first = generate(project)
    taken = clock.taken()
    assert set(taken) == set(STAGES)
    assert all(seconds > 0 for seconds in taken.values()), taken
    again = generate(project)  # nothing changed: the folder is already what these inputs make
    assert set(clock.taken()) == {"inputs"} and again.snapshot is None and again.written == []
    # what the engine is handed is what the run that made the folder computed
    assert (again.search_entries, again.indexed_from_data) == (first.search_entries, first.indexed_from_data)
    assert first.indexed_from_data == searchindex.GENERATED_SECTIONS


WARM = """
import sys
from pathlib import Path
from lipsteeth import clock, errors, mkdocs_extras  # what the MkDocs hook imports besides
from lipsteeth.generate import generate
generate(Path(sys.argv[1]))
print(" ".join(m for m in ("matplotlib", "PIL.ImageDraw", "fontTools") if m in sys.modules))
print(" ".join(m for m in ("lipsteeth.site_sources", "lipsteeth.site", "numpy", "pydantic") if m in sys.modules))
"""


@pytest.mark.slow
def test_a_warm_generation_imports_no_drawing_library(tmp_path):
    """Charts and previews all cached: matplotlib, Pillow's drawing and the fonts (about a second
    of a build's imports) are never loaded. And when the folder was made from the same inputs, the
    run imports nothing that computes it (the analyses, the renderers, numpy, pydantic: 0.35 s of a
    warm `mkdocs build` that cost 3.5 s in all), through the hook's imports either."""
    project = make_project(tmp_path, MINI, cache=False)
    runs = [subprocess.run([sys.executable, "-c", WARM, str(project)], capture_output=True, text=True) for _ in range(2)]
    assert all(run.returncode == 0 for run in runs), runs[-1].stderr
    drawing, computing = zip(*(run.stdout.split("\n")[:2] for run in runs), strict=True)
    assert drawing[0].split() == ["matplotlib", "PIL.ImageDraw", "fontTools"]  # the cold run drew
    assert computing[0].split() == ["lipsteeth.site_sources", "lipsteeth.site", "numpy", "pydantic"]
    assert drawing[1].split() == [] and computing[1].split() == []


def test_previews_drawn_on_several_processes_are_the_ones_one_process_draws(monkeypatch):
    pools = []
    real = forked.ProcessPoolExecutor
    monkeypatch.setattr(forked, "ProcessPoolExecutor", lambda *a, **k: pools.append(a) or real(*a, **k))
    requests = [(f"Visit number {n} to Pyongyang", "Events", 1990 + n % 30, SITE) for n in range(24)]
    requests += [("김정일 visits 北京", "People", None, SITE)]
    assert preview_cache.draw_all(requests, workers=2) == preview_cache.draw_all(requests, workers=1)
    assert pools == [(2,)]


def test_a_threaded_process_draws_its_previews_itself(monkeypatch):
    """Forking a process with other threads (`mkdocs serve`'s server) could copy a lock one holds."""
    monkeypatch.setattr(forked.threading, "active_count", lambda: 2)
    monkeypatch.setattr(forked, "ProcessPoolExecutor", None)  # would raise if a pool were started
    assert len(preview_cache.draw_all([("A title", "Events", 2000, SITE)] * 3, workers=2)) == 3


def _edit_docs(project):
    (project / "docs" / "method.md").write_text("# Method\n\nEdited.\n", encoding="utf-8")


def _edit_data(project):
    people = project / "data" / "people.yaml"
    people.write_bytes(people.read_bytes() + b"\n# a comment\n")


def _edit_config(project):
    config = project / "mkdocs.yml"
    config.write_bytes(config.read_bytes() + b"\n")


def _remove_a_source(project):
    (project / ".cache" / "site-src" / "timeline.md").unlink()


@pytest.mark.parametrize("change", [_edit_docs, _edit_data, _edit_config, _remove_a_source])
def test_a_changed_input_or_a_missing_source_generates_again(tmp_path, change):
    """Whatever a generation step reads, changed, makes the next one do its work again; so does a
    file of the folder removed by hand (it is written back)."""
    project = make_project(tmp_path, MINI)
    first = generate(project)
    change(project)
    again = generate(project)
    assert again.snapshot is not None
    assert (project / ".cache" / "site-src" / "timeline.md").is_file()
    assert again.search_entries == first.search_entries


@pytest.mark.parametrize(
    "damage",
    [
        lambda r: r.pop("handed"),  # as an earlier version wrote it
        lambda r: r["handed"].update(indexed_from_data="events/"),  # a string would be read letter by letter
        lambda r: r["handed"].update(indexed_from_data=None),
        lambda r: r["handed"].update(indexed_from_data=[1]),
        lambda r: r["handed"].update(search_entries={"location": "x/"}),
        lambda r: r["handed"].update(search_entries=["x/"]),
    ],
)
def test_a_record_damaged_or_from_another_version_is_not_reused(tmp_path, damage):
    """The record's key still matches, but what it hands on is not what this step writes: the run is
    done again (never a traceback, nor a search index built from it)."""
    project = make_project(tmp_path, MINI)
    first = generate(project)
    record = project / ".cache" / "site-src.inputs.json"
    recorded = json.loads(record.read_text(encoding="utf-8"))
    damage(recorded)
    record.write_text(json.dumps(recorded), encoding="utf-8")
    again = generate(project)
    assert again.snapshot is not None
    assert (again.search_entries, again.indexed_from_data) == (first.search_entries, first.indexed_from_data)


@pytest.mark.parametrize(
    "option", [{"site_url": "https://example.org/"}, {"previews": False}, {"repo_url": "https://github.com/o/r"}]
)
def test_other_options_generate_again(tmp_path, option):
    project = make_project(tmp_path, MINI)
    generate(project)
    assert generate(project, **option).snapshot is not None


def test_a_new_day_generates_again(tmp_path, monkeypatch):
    """What is in the future depends on the day: a record is checked again each day."""
    project = make_project(tmp_path, MINI)
    generate(project)
    tomorrow = reuse.today() + dt.timedelta(days=1)
    monkeypatch.setattr(reuse, "today", lambda: tomorrow)
    assert generate(project).snapshot is not None


def test_changed_code_generates_again(tmp_path, monkeypatch):
    project = make_project(tmp_path, MINI)
    generate(project)
    code = tmp_path / "code"
    code.mkdir()
    (code / "extra.py").write_text("X = 1\n", encoding="utf-8")
    monkeypatch.setattr(reuse, "PACKAGE", code)
    assert generate(project).snapshot is not None


def test_a_stage_counts_the_processors_its_workers_used():
    """The previews drawn by other processes are the stage's cost, not nothing: the stage holds at
    least the processor time the workers reported when they ended."""
    clock.restart()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with clock.stage("previews"):
        preview_cache.draw_all([(f"Page {n}", "Events", 2000, SITE) for n in range(40)], workers=2)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    workers = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    assert workers > 0
    assert clock.taken()["previews"] >= workers


@pytest.mark.parametrize(
    ("name", "changed"),
    [
        ("shallow_commits", lambda repository: frozenset({"abc"})),  # `git fetch --unshallow`, or a deeper fetch
        ("head_commit", lambda repository: "another commit"),
        ("installed", lambda: ["pydantic-99.0.dist-info"]),  # a library upgraded
    ],
)
def test_what_git_and_the_libraries_say_is_an_input_too(tmp_path, monkeypatch, name, changed):
    project = make_project(tmp_path, MINI)
    generate(project)
    monkeypatch.setattr(reuse, name, changed)
    assert generate(project).snapshot is not None


def test_a_run_whose_data_changed_while_it_ran_is_not_recorded(tmp_path, monkeypatch):
    """The key is taken again after writing: a save during the run (even one undone later) leaves
    no record that could match the data as it was before."""
    project = make_project(tmp_path, MINI)
    keys = iter(["as read", "after a save"])
    monkeypatch.setattr(reuse, "inputs_key", lambda *args: next(keys))
    generate(project)
    assert not (project / ".cache" / "site-src.inputs.json").exists()


def test_charts_drawn_on_several_processes_are_the_ones_one_process_draws(mini, monkeypatch):
    dataset = dataset_of(mini)
    monkeypatch.setattr(forked, "processors", lambda: 1)
    alone = cache.draw_all(dataset, None)
    pools = []
    real = forked.ProcessPoolExecutor
    monkeypatch.setattr(forked, "ProcessPoolExecutor", lambda *a, **k: pools.append(a) or real(*a, **k))
    monkeypatch.setattr(forked, "processors", lambda: 2)
    assert cache.draw_all(dataset, None) == alone
    assert pools == [(2,)]


def _kills_itself():
    os.kill(os.getpid(), 9)


def _interrupted():
    raise KeyboardInterrupt


@pytest.mark.parametrize(
    ("work", "told"),
    [
        (lambda: None, None),
        (_kills_itself, "stopped by signal 9"),
        (lambda: os._exit(3), "exited with status 3"),
        (_interrupted, "KeyboardInterrupt: "),
        (lambda: [][1], "IndexError: list index out of range"),
    ],
)
def test_work_done_behind_tells_how_it_ended_without_a_traceback(work, told, capfd):
    behind = forked.Behind(work)
    if told is None:
        behind.wait()
    else:
        for _ in range(2):  # asked again, it says the same
            with pytest.raises(forked.BehindFailed) as failed:
                behind.wait()
            assert str(failed.value) == told
    assert "Traceback" not in capfd.readouterr().err


def _fails_at_length():
    raise RuntimeError("x" * 200_000 + "\nand a second line")


def test_a_long_failure_is_told_in_one_line_without_hanging():
    """A message longer than a pipe holds unread made the child wait for a reader that waited for it."""
    behind = forked.Behind(_fails_at_length)
    with pytest.raises(forked.BehindFailed) as failed:
        behind.wait()
    told = str(failed.value)
    assert told.startswith("RuntimeError: xxx") and "\n" not in told and len(told) <= forked.Behind.MESSAGE_LIMIT


def _sleeps_then_marks(unwound):
    def work():
        try:
            time.sleep(60)
        finally:
            unwound.touch()  # reached only if the stop unwinds the work (SIGTERM's default would not)

    return work


def _eventually(condition, seconds=20.0) -> bool:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.02)
    return condition()


def test_stopped_work_unwinds(tmp_path):
    behind = forked.Behind(_sleeps_then_marks(tmp_path / "unwound"))
    time.sleep(0.2)  # under way
    started = time.monotonic()
    behind.stop()
    assert time.monotonic() - started < 20 and (tmp_path / "unwound").exists()
    with pytest.raises(forked.BehindFailed, match="stopped"):  # not done: never taken for done
        behind.wait()


def test_work_done_behind_ends_with_the_process_that_started_it(tmp_path):
    """`lipsteeth build` stopped, or a timeout, kills MkDocs: the drawing must not live on."""
    started = tmp_path / "started"
    build = os.fork()
    if build == 0:  # a build that ends without waiting for its work
        try:
            forked.Behind(_sleeps_then_marks(tmp_path / "unwound"))
            time.sleep(0.3)
            started.touch()
        finally:
            os._exit(0)
    os.waitpid(build, 0)
    assert started.exists()
    assert _eventually((tmp_path / "unwound").exists)


def _killed_leaving_a_process_behind(pid_file):
    def work():
        helper = os.fork()  # as a pool's worker: it holds the pipe the child tells through
        if helper == 0:
            time.sleep(30)
            os._exit(0)
        pid_file.write_text(str(helper))
        os.kill(os.getpid(), 9)

    return work


def test_a_child_killed_outright_is_seen_even_if_its_own_processes_live_on(tmp_path):
    pid_file = tmp_path / "helper"
    behind = forked.Behind(_killed_leaving_a_process_behind(pid_file))
    started = time.monotonic()
    try:
        with pytest.raises(forked.BehindFailed, match="^stopped by signal 9$"):
            behind.wait()
        assert time.monotonic() - started < 20
    finally:
        if _eventually(pid_file.exists, 5):
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(pid_file.read_text()), 9)

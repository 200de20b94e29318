"""What keeps a build cheap without losing anything: derived files are not forced to disk (and a
cache entry a power cut left short is drawn again), a warm build never imports the drawing
libraries, and every stage a build pays is recorded for the benchmark."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from lipsteeth import clock
from lipsteeth.atomic import write_atomically
from lipsteeth.charts import cache, preview_cache
from lipsteeth.charts.png import PNG_END
from lipsteeth.generate import generate
from lipsteeth.tools.bench import STAGES

from .conftest import MINI, dataset_of, make_project

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


def test_the_generation_step_records_the_stages_it_pays(tmp_path):
    """Each stage the generation step runs is timed where it runs, under the names the benchmark lists
    (the hook adds importing the package and finishing the search index)."""
    project = make_project(tmp_path, MINI, cache=False)
    generate(project)
    taken = clock.taken()
    assert set(taken) == set(STAGES) - {"import"}
    assert all(seconds > 0 for seconds in taken.values()), taken
    generate(project)  # nothing changed: the snapshot and the plan are reused, and cost nothing now
    assert set(clock.taken()) == {"history", "pages", "previews", "write"}


WARM = """
import sys
from pathlib import Path
from lipsteeth.generate import generate
generate(Path(sys.argv[1]))
print(" ".join(m for m in ("matplotlib", "PIL.ImageDraw", "fontTools") if m in sys.modules))
"""


@pytest.mark.slow
def test_a_warm_generation_imports_no_drawing_library(tmp_path):
    """Charts and previews all cached: matplotlib, Pillow's drawing and the fonts (about a second
    of a build's imports) are never loaded."""
    project = make_project(tmp_path, MINI, cache=False)
    runs = [subprocess.run([sys.executable, "-c", WARM, str(project)], capture_output=True, text=True) for _ in range(2)]
    assert all(run.returncode == 0 for run in runs), runs[-1].stderr
    assert runs[0].stdout.split() == ["matplotlib", "PIL.ImageDraw", "fontTools"]  # the cold run drew
    assert runs[1].stdout.split() == []

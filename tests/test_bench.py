"""The benchmark runs (a 100-event smoke run; the full table is in a note on the issue) and its
synthetic data is deterministic and valid."""

from __future__ import annotations

import io
import json

import pytest

from lipsteeth.data.validate import load_dataset
from lipsteeth.tools.bench import COLUMNS, STAGES, growth, run, time_stages
from lipsteeth.tools.run_mkdocs import project_copy
from lipsteeth.tools.synthetic import write_dataset

from .conftest import ROOT


def test_synthetic_data_is_valid_and_the_same_every_time(tmp_path):
    """Same seed, same files, and the validator accepts them."""
    first = write_dataset(tmp_path / "a", 300)
    second = write_dataset(tmp_path / "b", 300)
    files = sorted(p.relative_to(first) for p in first.rglob("*.yaml"))
    assert files == sorted(p.relative_to(second) for p in second.rglob("*.yaml"))
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)
    assert len(load_dataset(first).events) == 300


@pytest.mark.slow
def test_smoke_run_prints_a_full_row():
    """A 100-event run prints the header and one row with a number in every column."""
    out = io.StringIO()
    rows = run(ROOT, [100], out=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 3
    assert lines[2].count("|") == len(COLUMNS) + 1
    assert rows[0]["events"] == 100 and rows[0]["build_s"] > 0 and rows[0]["search_mb"] > 0
    assert rows[0]["previews_s"] > 0 and rows[0]["previews_total_mb"] > 0


def test_every_stage_a_build_pays_is_timed_and_counted_as_ours(tmp_path):
    """The sharing images (87% of a cold build once) and the search index are stages like the others."""
    project = project_copy(ROOT, write_dataset(tmp_path / "synthetic", 30), tmp_path / "project")
    index = tmp_path / "index.json"
    index.write_text(json.dumps({"config": {}, "docs": []}), encoding="utf-8")
    row = time_stages(project, index)
    assert {"previews", "search", "history", "charts"} <= set(STAGES)
    assert all(row[f"{stage}_s"] > 0 for stage in STAGES)
    assert {f"{stage}_s" for stage in STAGES} <= {key for key, _, _ in COLUMNS}


def test_growth_names_a_stage_that_grows_faster_than_the_events():
    small = {f"{stage}_s": 0.1 for stage in (*STAGES, "build_cpu", "warm_cpu", "plain_cpu")} | {"events": 100}
    large = {key: value * 100 for key, value in small.items()} | {"previews_s": 0.1 * 100 * 100}
    report = growth([small, large]).splitlines()
    assert [line.split(":")[0] for line in report if "FASTER THAN LINEAR" in line] == ["- previews"]

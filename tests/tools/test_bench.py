"""The benchmark runs (a 100-event smoke run; the full table is in a note on the issue) and its
synthetic data is deterministic and valid."""

from __future__ import annotations

import io

import pytest
import yaml

from lipsteeth import forked
from lipsteeth.data.validate import load_dataset
from lipsteeth.tools import synthetic
from lipsteeth.tools.bench import COLUMNS, GROWN, STAGES, growth, run
from lipsteeth.tools.synthetic import write_dataset

from ..conftest import ROOT


def test_synthetic_data_is_valid_and_the_same_every_time(tmp_path):
    """Same seed, same files, and the validator accepts them."""
    first = write_dataset(tmp_path / "a", 300)
    second = write_dataset(tmp_path / "b", 300)
    files = sorted(p.relative_to(first) for p in first.rglob("*.yaml"))
    assert files == sorted(p.relative_to(second) for p in second.rglob("*.yaml"))
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)
    assert len(load_dataset(first).events) == 300


def test_synthetic_data_is_what_pyyamls_own_emitter_writes(tmp_path, monkeypatch):
    """libyaml's emitter (used when PyYAML has it, for speed) writes the very same files."""
    fast = write_dataset(tmp_path / "fast", 300)
    monkeypatch.setattr(synthetic, "_DUMPER", yaml.SafeDumper)
    own = write_dataset(tmp_path / "own", 300)
    files = sorted(p.relative_to(fast) for p in fast.rglob("*.yaml"))
    assert files and all((fast / f).read_bytes() == (own / f).read_bytes() for f in files)


@pytest.mark.slow
def test_smoke_run_prints_a_full_row_with_every_stage_the_builds_paid():
    """A 100-event run prints the header and one row with a number in every column; every stage is
    read from the cold build's own record (importing the package and the previews included) and
    counted as ours; the warm build pays less of ours than the cold one."""
    out = io.StringIO()
    rows = run(ROOT, [100], out=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 3
    assert lines[2].count("|") == len(COLUMNS) + 1
    row = rows[0]
    assert row["events"] == 100 and row["build_s"] > 0 and row["search_mb"] > 0 and row["previews_total_mb"] > 0
    assert all(row[f"{stage}_s"] > 0 for stage in STAGES), {stage: row[f"{stage}_s"] for stage in STAGES}
    assert row["ours_s"] == pytest.approx(sum(row[f"{stage}_s"] for stage in STAGES))
    assert 0 < row["ours_warm_s"] < row["ours_edit_s"] < row["ours_s"] < row["build_cpu_s"]
    assert row["edit_cpu_s"] < row["warm_cpu_s"]  # --dirty: MkDocs converted no page again
    spans = {build: row[f"{build}_span"] for build in ("build", "warm", "plain", "edit")}  # (start, end) of each
    assert spans["build"][1] <= min(spans["plain"][0], spans["warm"][0]) and spans["warm"][1] <= spans["edit"][0]
    if forked.processors() >= 2:  # side by side, each on a processor of its own
        assert spans["plain"][0] < spans["warm"][1] and spans["warm"][0] < spans["plain"][1]


def test_growth_names_a_stage_that_grows_faster_than_the_events():
    small = {f"{stage}_s": 0.1 for stage in GROWN} | {"events": 100}
    large = {key: value * 100 for key, value in small.items()} | {"previews_s": 0.1 * 100 * 100}
    report = growth([small, large]).splitlines()
    assert [line.split(":")[0] for line in report if "FASTER THAN LINEAR" in line] == ["- previews"]

"""The benchmark runs (a 100-event smoke run; the full table is in a note on the issue) and its
synthetic data is deterministic and valid."""

from __future__ import annotations

import io

import pytest

from lipsteeth.data.validate import load_dataset
from lipsteeth.tools.bench import COLUMNS, run
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

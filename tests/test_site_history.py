"""Under `mkdocs serve`, git's history (the changelog, each record's last-changed day) is read once
per commit checked out, not at every save of a data file: it depends on HEAD alone."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from lipsteeth import site

from .conftest import MINI


def _commit(repo, message: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": "2025-06-20T12:00:00+00:00", "GIT_COMMITTER_DATE": "2025-06-20T12:00:00+00:00"}
    for command in (["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", message]):
        subprocess.run(["git", "-C", str(repo), *command], check=True, env=env, capture_output=True)


@pytest.mark.git
def test_history_is_read_again_only_after_a_commit(tmp_path, monkeypatch):
    shutil.copytree(MINI, tmp_path / "data")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    _commit(tmp_path, "the record")
    reads = []
    real = site.record_dates
    monkeypatch.setattr(site, "record_dates", lambda *a: reads.append(1) or real(*a))
    site._history_for.cache_clear()
    site.plan(tmp_path / "data")
    events = tmp_path / "data" / "events" / "events.yaml"
    events.write_text(
        events.read_text(encoding="utf-8").replace("a nuclear device.", "a nuclear device underground."), encoding="utf-8"
    )
    planned = site.plan(tmp_path / "data")
    assert "underground" in planned["events/2006-10-first-nuclear-test.md"] and len(reads) == 1
    _commit(tmp_path, "a better summary")
    events.write_text(events.read_text(encoding="utf-8").replace("underground.", "underground again."), encoding="utf-8")
    site.plan(tmp_path / "data")
    assert len(reads) == 2

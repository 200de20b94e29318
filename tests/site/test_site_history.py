"""Under `mkdocs serve`, git's history (the changelog, each record's last-changed day) is read once
per commit checked out, not at every save of a data file: it depends on HEAD alone."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from lipsteeth import site
from lipsteeth.data.files import data_files

from ..conftest import MINI


def _commit(repo, message: str, when: str = "2025-06-20T12:00:00+00:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
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

    def history():  # as the generation step asks at every save under `mkdocs serve`
        return site.history_once(tmp_path, tuple(data_files(tmp_path / "data")))

    first = history()
    events = tmp_path / "data" / "events" / "events.yaml"
    events.write_text(
        events.read_text(encoding="utf-8").replace("a nuclear device.", "a nuclear device underground."), encoding="utf-8"
    )
    assert history() == first and len(reads) == 1  # a save: HEAD is the same, so is what git says
    _commit(tmp_path, "a better summary")
    events.write_text(events.read_text(encoding="utf-8").replace("underground.", "underground again."), encoding="utf-8")
    history()
    assert len(reads) == 2


@pytest.mark.git
def test_the_hand_written_pages_dates_follow_a_commit(tmp_path):
    """The days the hand-written pages last changed are read once per commit checked out too: a
    commit made while the server runs dates the page it changed (they were read once per server)."""
    page = tmp_path / "docs" / "method.md"
    page.parent.mkdir()
    page.write_text("# Method\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    _commit(tmp_path, "the method", "2025-06-20T12:00:00+00:00")
    assert site.doc_dates_once(tmp_path) == {"method.md": "2025-06-20"}
    page.write_text("# Method\n\nMore.\n", encoding="utf-8")
    _commit(tmp_path, "more method", "2025-07-01T12:00:00+00:00")
    assert site.doc_dates_once(tmp_path) == {"method.md": "2025-07-01"}

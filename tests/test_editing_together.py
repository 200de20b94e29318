"""`lipsteeth new` runs at the same time, or beside an editor saving the file, never lose an entry (#22)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from lipsteeth.tools import editing
from lipsteeth.tools.editing import add_event

from .conftest import dataset_of
from .test_editing import EV, fields, options


def test_runs_at_once_on_one_file_keep_every_entry(mini):
    """Three runs started together: each waits for the lock, re-reads the file, and adds its entry
    (without the lock, every run said 'added' and all but one entry were lost)."""
    titles = [f"Delegation number {n} visits Pyongyang" for n in range(3)]
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "lipsteeth.cli", "--data", str(mini.path), "new", "event", *options(), "--title", title],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for title in titles
    ]
    outcomes = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], outcomes
    assert all(out.startswith("added ") for out, _ in outcomes)
    found = {event.title for event in dataset_of(mini).events}
    assert set(titles) <= found


def test_a_save_between_the_read_and_the_replace_is_not_overwritten(mini, monkeypatch):
    """An editor saves the file while `new` validates its copy: the run stops, and the save stays."""
    real = editing.load_dataset
    calls = []

    def and_an_editor_saves(folder, *args, **kwargs):
        calls.append(folder)
        if len(calls) == 2:  # the validation of the copy, after the real file was read
            mini.write(EV, mini.file(EV).read_text() + "# saved by an editor\n")
        return real(folder, *args, **kwargs)

    monkeypatch.setattr(editing, "load_dataset", and_an_editor_saves)
    with pytest.raises(ValueError, match=r"^data/events/events.yaml changed while the new entry was being added"):
        add_event(mini.path, fields())
    assert mini.file(EV).read_text().endswith("# saved by an editor\n")

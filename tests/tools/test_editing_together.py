"""`lipsteeth new` runs at the same time, or beside an editor saving the file, never lose an entry (#22)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from lipsteeth.tools import editing
from lipsteeth.tools.editing import add_event

from ..conftest import dataset_of
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


def test_the_editors_schemas_are_read_and_written_under_the_lock(mini, monkeypatch):
    """`new person` rewrites the schemas from the people it reads; under the lock, two runs at once
    cannot have the one that read first write last and drop the other's person."""
    import fcntl
    import os

    import lipsteeth.data.schema
    from lipsteeth.cli import main

    (mini.path / "schemas").mkdir(exist_ok=True)
    held = []
    real = lipsteeth.data.schema.person_ids

    def while_reading(data_dir):
        descriptor = os.open(data_dir, os.O_RDONLY)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            held.append(False)
        except BlockingIOError:
            held.append(True)
        finally:
            os.close(descriptor)
        return real(data_dir)

    monkeypatch.setattr(lipsteeth.data.schema, "person_ids", while_reading)
    assert (
        main(["--data", str(mini.path), "new", "person", "--name", "Kim Yong-nam", "--country", "KP", "--role-title", "Premier"])
        == 0
    )
    assert main(["--data", str(mini.path), "schema"]) == 0
    assert held == [True, True]

"""The collector pause used by the load, chart and page stages."""

from __future__ import annotations

import gc

import pytest

from lipsteeth.gcpause import gc_paused


@pytest.fixture(autouse=True)
def collector_on():
    gc.enable()
    yield
    gc.enable()


def test_off_inside_and_back_on_after():
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_nested_pauses_resume_only_at_the_outer_end():
    with gc_paused():
        with gc_paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_back_on_after_an_error():
    with pytest.raises(ValueError), gc_paused():
        raise ValueError("a bad record")
    assert gc.isenabled()


def test_leaves_a_collector_that_was_off_off():
    gc.disable()
    with gc_paused():
        pass
    assert not gc.isenabled()


def test_loading_runs_paused_and_resumes(mini, monkeypatch):
    """load_dataset runs with the collector off and leaves it on."""
    from lipsteeth.data import validate

    seen = []
    original = validate.validate

    def spy(*args, **kwargs):
        seen.append(gc.isenabled())
        return original(*args, **kwargs)

    monkeypatch.setattr(validate, "validate", spy)
    validate.load_dataset(mini.path)
    assert seen == [False] and gc.isenabled()

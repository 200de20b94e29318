"""The `lipsteeth check` command: located errors, exit codes, GitHub annotations."""

from __future__ import annotations

from lipsteeth.cli import main


def test_check_ok(mini, capsys):
    """Clean data: exit 0 and a one-line summary."""
    assert main(["--data", str(mini.path), "check"]) == 0
    assert capsys.readouterr().out == "ok: 3 events, 2 people, 1 claims\n"


def test_check_reports_every_problem_and_fails(mini, capsys):
    """Broken data: every problem on stderr, a count, exit 1, and no traceback."""
    mini.replace("events/events.yaml", "kind: nuclear-test", "kind: bomb")
    mini.replace("events/events.yaml", "date: 2000-05-29", "date: 2000-02-30")
    assert main(["--data", str(mini.path), "check"]) == 1
    err = capsys.readouterr().err
    assert err.count("data/events/events.yaml:") == 2
    assert err.rstrip().endswith("2 problems found in the data; nothing was built.")
    assert "Traceback" not in err


def test_github_format_annotates_the_line(mini, capsys):
    """In CI, each problem also becomes an ::error annotation on its file and line."""
    mini.replace("events/events.yaml", "kind: nuclear-test", "kind: bomb")
    assert main(["--data", str(mini.path), "check", "--format", "github"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("::error file=data/events/events.yaml,line=36,col=11::events[2].kind: expected one of: visit,")


def test_an_unexpected_error_is_one_line(tmp_path, capsys, monkeypatch):
    """A bug gives a one-line message and exit 3, not a traceback (unless LIPSTEETH_DEBUG is set)."""
    monkeypatch.delenv("LIPSTEETH_DEBUG", raising=False)
    monkeypatch.setattr("lipsteeth.cli.load_dataset", lambda path: 1 / 0)
    assert main(["--data", str(tmp_path), "check"]) == 3
    assert capsys.readouterr().err.startswith("lipsteeth: internal error (ZeroDivisionError: division by zero)")

"""The `lipsteeth check` command: located errors, exit codes, GitHub annotations."""

from __future__ import annotations

from lipsteeth.cli import github_annotation, main
from lipsteeth.errors import Problem


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


def test_github_format_lists_every_problem_in_the_job_summary(mini, capsys, tmp_path, monkeypatch):
    """GitHub shows ten annotations a step: with twelve problems, the job summary still lists all twelve,
    each at its place, and markup typed into the data shows as text there."""
    events = mini.file("events/events.yaml")
    extra = "".join(
        f"\n  - id: 2007-01-test-{n}\n    date: 2007-13-{n:02}\n    kind: nuclear-test\n    title: T\n    summary: S\n"
        f"    sources:\n      - url: https://example.org/{n}\n        publisher: P\n        title: T\n"
        for n in range(1, 12)
    )
    broken = events.read_text(encoding="utf-8") + extra
    events.write_text(broken.replace("kind: nuclear-test", "kind: '<img src=x>|**b**'", 1), encoding="utf-8")
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert main(["--data", str(mini.path), "check", "--format", "github"]) == 1
    annotations = [line for line in capsys.readouterr().out.splitlines() if line.startswith("::error ")]
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("earlier step\n")  # appended, never replaced
    rows = [line for line in written.splitlines() if line.startswith("| data/")]
    assert len(rows) == len(annotations) > 10
    assert f"## {len(rows)} problems in the data" in written
    assert "<img" not in written and "&lt;img src=x&gt;&#124;&#42;&#42;b&#42;&#42;" in written


def test_the_job_summary_is_written_only_on_github(mini, monkeypatch, tmp_path):
    """Plain `check` output never touches a summary file, even where the variable is set."""
    mini.replace("events/events.yaml", "kind: nuclear-test", "kind: bomb")
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert main(["--data", str(mini.path), "check"]) == 1
    assert not summary.exists()


def test_github_annotation_escapes_every_property():
    """A file's name is data too: a line break, ':' or ',' in it cannot end the property or start
    a workflow command of its own (GitHub's rules: %25, %0D, %0A, and %3A, %2C in properties)."""
    problem = Problem("data/events/a,b:c%d\r\n::warning::x.yaml", 3, 5, "bad\n::error::y 100%")
    assert github_annotation(problem) == (
        "::error file=data/events/a%2Cb%3Ac%25d%0D%0A%3A%3Awarning%3A%3Ax.yaml,line=3,col=5::bad%0A::error::y 100%25"
    )


def test_a_data_file_name_cannot_inject_a_workflow_command(mini, capsys):
    """An events file whose name holds a line break is refused, not read, and the annotation stays
    on one line: each line printed is an annotation of ours or nothing."""
    mini.write("events/x\n::error file=evil::pwned.yaml", "events: []\n")
    assert main(["--data", str(mini.path), "check", "--format", "github"]) == 1
    out, err = capsys.readouterr()
    assert out == (
        "::error file=data/events/x%0A%3A%3Aerror file=evil%3A%3Apwned.yaml,line=1,col=1::not read: a data file's name "
        "may hold only letters A-Z and a-z, digits, '.', '_' and '-' (found '\\n', ' ', ':', '='); rename it\n"
    )
    assert err.splitlines()[0] == (
        "data/events/x\\n::error file=evil::pwned.yaml:1:1: not read: a data file's name may hold only letters A-Z and a-z, "
        "digits, '.', '_' and '-' (found '\\n', ' ', ':', '='); rename it"
    )


def test_data_file_names_of_safe_characters_are_read(mini, capsys):
    """Letters, digits, '.', '_' and '-' are all a name needs: such a file is read as before."""
    mini.write("events/Extra_2.0-b.yaml", "events: []\n")
    assert main(["--data", str(mini.path), "check"]) == 0


def test_zensical_refuses_a_site_dir_it_cannot_honour(tmp_path, capsys):
    """Zensical's output folder is the one zensical.yml names: a --site-dir is refused, not ignored."""
    assert main(["build", "--engine", "zensical", "--site-dir", str(tmp_path / "elsewhere")]) == 2
    assert "zensical.yml names (site-zensical/)" in capsys.readouterr().err
    assert not (tmp_path / "elsewhere").exists()

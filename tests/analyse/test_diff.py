"""The data diff: events added, removed and changed field by field, and verdicts that flip."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from lipsteeth.analyse.diff import diff_datasets
from lipsteeth.cli import main
from lipsteeth.data.validate import load_dataset
from lipsteeth.history import data_at_revision
from lipsteeth.render.diff_report import render_markdown

from ..conftest import MINI, ROOT, TODAY

EV = "events/events.yaml"
NEW_EVENT = """
  - id: 2001-09-jiang-zemin-visits-pyongyang
    date: 2001-09-03
    kind: visit
    title: Jiang Zemin visits Pyongyang
    summary: A reciprocal visit.
    from: CN
    to: KP
    purpose: summit
    level: leader
    sources:
      - url: https://example.org/jiang
        publisher: Example News
        title: Jiang in Pyongyang
"""


def test_changes_are_listed_field_by_field_with_flipped_verdicts(mini):
    """Moving the visit past two years after the launch flips the timing claim, and the diff says so."""
    old = load_dataset(MINI, today=TODAY)
    mini.replace(EV, "date: 2000-05-29\n    end: 2000-05-31", "date: 2000-09-29\n    end: 2000-09-30")
    mini.write(EV, mini.file(EV).read_text() + NEW_EVENT)
    mini.put_in_date_order(EV)
    new = load_dataset(mini.path, today=TODAY)
    diff = diff_datasets(old, new)
    assert diff.added == ["2001-09-jiang-zemin-visits-pyongyang"]
    assert diff.removed == []
    assert diff.changed == {
        "2000-05-kim-jong-il-visits-china": [("date", "2000-05-29", "2000-09-29"), ("end", "2000-05-31", "2000-09-30")]
    }
    assert diff.verdicts == [("secret-visit-within-two-years", "consistent", "contradicted")]
    text = render_markdown(diff, "main")
    assert "| `2000-05-kim-jong-il-visits-china` | `date` | 2000-05-29 | 2000-09-29 |" in text
    assert "| `secret-visit-within-two-years` | consistent | contradicted |" in text


def test_no_change_says_so():
    """Comparing the data with itself reports nothing."""
    dataset = load_dataset(MINI, today=TODAY)
    assert render_markdown(diff_datasets(dataset, dataset), "HEAD").endswith("No change to the record.\n")


@pytest.mark.git
def test_base_data_comes_from_git(tmp_path):
    """data/ at HEAD is read from git, not from the working tree."""
    folder = data_at_revision(ROOT, "HEAD", tmp_path)
    committed = subprocess.run(
        ["git", "-C", str(ROOT), "show", "HEAD:data/claims.yaml"], capture_output=True, text=True, check=True
    ).stdout
    assert (folder / "claims.yaml").read_text(encoding="utf-8") == committed


def test_data_in_the_job_summary_is_text_not_markdown(mini):
    """A title like ![x](https://…) would be a live image in the pull request's job summary."""
    old = load_dataset(MINI, today=TODAY)
    mini.replace(EV, "title: First nuclear test", "title: '![x](https://example.com/t.png) <img src=x onerror=alert(1)>'")
    report = render_markdown(diff_datasets(old, load_dataset(mini.path, today=TODAY)), "main`<b>")
    assert "![x](" not in report and "<img" not in report and "`<b>" not in report
    assert "&#91;x&#93;(https://example.com/t.png) &lt;img src=x onerror=alert(1)&gt;" in report


@pytest.mark.git
@pytest.mark.parametrize("revision", ["--output=/tmp/lipsteeth-pwned", "-o/tmp/lipsteeth-pwned", "HEAD --output=x"])
def test_a_revision_can_never_be_a_git_option(tmp_path, capsys, revision):
    """`lipsteeth diff -- --output=FILE` once reached git archive as an option and wrote the file."""
    target = Path("/tmp/lipsteeth-pwned")
    target.unlink(missing_ok=True)
    assert main(["diff", "--", revision]) == 2
    assert not target.exists()
    error = capsys.readouterr().err
    assert "is not a git revision" in error or "is not a commit this repository knows" in error


def test_check_output_never_starts_a_line_with_a_workflow_command(mini, capsys):
    """A value holding a line break and '::' would read as a workflow command in the CI log; every
    problem prints on one line, its control characters spelt out."""
    mini.replace(EV, "kind: nuclear-test", 'kind: "bomb\\n::add-mask::x\\r\\n::error::fake"')
    assert main(["--data", str(mini.path), "check", "--format", "github"]) == 1
    captured = capsys.readouterr()
    lines = (captured.err + captured.out).splitlines()
    assert [line for line in lines if line.startswith("::") and not line.startswith("::error file=data/")] == []
    assert "got 'bomb\\n::add-mask::x\\r\\n::error::fake'" in captured.err


NEW_PERSON = """
  - id: hu-jintao
    name: Hu Jintao
    country: CN
    roles:
      - title: General Secretary of the Communist Party of China
"""


def test_people_added_removed_and_changed(mini):
    """A person added, and one renamed: each list names only its own; read the other way, the
    addition is a removal."""
    old = load_dataset(MINI, today=TODAY)
    mini.write("people.yaml", mini.file("people.yaml").read_text() + NEW_PERSON)
    mini.replace("people.yaml", "name: Jiang Zemin", "name: Jiang Tse-min")
    new = load_dataset(mini.path, today=TODAY)
    forward, backward = diff_datasets(old, new), diff_datasets(new, old)
    assert (forward.people_added, forward.people_removed, forward.people_changed) == (["hu-jintao"], [], ["jiang-zemin"])
    assert (backward.people_added, backward.people_removed, backward.people_changed) == ([], ["hu-jintao"], ["jiang-zemin"])
    assert forward.verdicts == []


def test_a_claim_added_or_removed_is_a_verdict_from_or_to_nothing(mini):
    """A new claim shows as (id, None, verdict); its removal as (id, verdict, None)."""
    old = load_dataset(MINI, today=TODAY)
    claim = mini.file("claims.yaml").read_text().split("claims:\n", 1)[1]
    mini.write(
        "claims.yaml", mini.file("claims.yaml").read_text() + claim.replace("secret-visit-within-two-years", "a-second-claim")
    )
    new = load_dataset(mini.path, today=TODAY)
    assert diff_datasets(old, new).verdicts == [("a-second-claim", None, "consistent")]
    assert diff_datasets(new, old).verdicts == [("a-second-claim", "consistent", None)]


def test_trade_figures_added_removed_and_changed(mini):
    """A figure revised, one added and one dropped: each is a row, by series, period and figure."""
    from .test_trade import observation, series_file

    (mini.path / "series").mkdir()
    mini.write("series/trade.yaml", series_file(observation("2005", total=100), observation("2006", exports=60, total=100)))
    old = load_dataset(mini.path, today=TODAY)
    mini.write("series/trade.yaml", series_file(observation("2005", total=120), observation("2006", imports=40, total=100)))
    diff = diff_datasets(old, load_dataset(mini.path, today=TODAY))
    assert diff.trade == [
        ("china-customs-annual", "2005", "total", 100, 120),
        ("china-customs-annual", "2006", "exports", 60, None),
        ("china-customs-annual", "2006", "imports", None, 40),
    ]
    report = render_markdown(diff, "main")
    assert "**Trade figures added, removed or changed (3):**" in report
    assert "| `china-customs-annual` | 2005 | total | 100 | 120 |" in report
    assert "| `china-customs-annual` | 2006 | exports | 60 | – |" in report


def test_an_unchanged_trade_series_is_no_change(mini):
    from .test_trade import observation, series_file

    (mini.path / "series").mkdir()
    mini.write("series/trade.yaml", series_file(observation("2005", total=100)))
    same = load_dataset(mini.path, today=TODAY)
    assert diff_datasets(same, load_dataset(mini.path, today=TODAY)).is_empty()


def _repository(path: Path, *branches: str) -> Path:
    """A small git repository holding the fixture's data, with the named branches."""
    run = lambda *a: subprocess.run(["git", "-C", str(path), *a], check=True, capture_output=True)  # noqa: E731
    shutil.copytree(MINI, path / "data")
    run("init", "-q", "-b", "trunk")
    run("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "--allow-empty", "-m", "start")
    run("add", "data")
    run("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "data")
    for branch in branches:
        run("branch", branch)
    return path


@pytest.mark.parametrize(
    ("branches", "expected"),
    [(("main",), "main"), (("main", "origin/main"), "origin/main"), ((), None)],
    ids=["main", "origin-main-first", "neither"],
)
def test_diff_without_a_revision_compares_with_main(tmp_path, branches, expected):
    """A pull request's base is origin/main where the remote is known, else main; with neither, the
    command says what to name instead of a usage error."""
    from lipsteeth.history import default_base

    repo = _repository(tmp_path, *branches)
    if "origin/main" in branches:  # a remote-tracking ref, as a clone has
        subprocess.run(["git", "-C", str(repo), "update-ref", "refs/remotes/origin/main", "HEAD"], check=True)
        subprocess.run(["git", "-C", str(repo), "branch", "-q", "-D", "origin/main"], check=True)
    assert default_base(repo) == expected


def test_diff_with_no_argument_runs(tmp_path, capsys, monkeypatch):
    """`lipsteeth diff` alone reads the base from main and reports, exit 0."""
    from lipsteeth.data import files

    repo = _repository(tmp_path, "main")
    monkeypatch.setattr(files, "ROOT", repo)
    assert main(["--data", str(repo / "data"), "diff"]) == 0
    assert "## Data diff against main" in capsys.readouterr().out

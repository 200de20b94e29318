"""What git knows about the data, in a full clone and in a shallow one (#22): a shallow clone cuts the
history at a commit that git blames every older line on, so its dates are not published as facts."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from lipsteeth.history import Changes, data_commits, file_dates, record_dates
from lipsteeth.render.changelog import changelog_page

# Three commits a year apart: claims a and b, then b changed, then c added.
COMMITS = (
    ("2020-01-01T12:00:00Z", "Add claims a and b", "claims:\n  - id: claim-a\n    x: 1\n  - id: claim-b\n    x: 1\n"),
    ("2021-01-01T12:00:00Z", "Change claim b", "claims:\n  - id: claim-a\n    x: 1\n  - id: claim-b\n    x: 2\n"),
    (
        "2022-01-01T12:00:00Z",
        "Add claim c",
        "claims:\n  - id: claim-a\n    x: 1\n  - id: claim-b\n    x: 2\n  - id: claim-c\n    x: 3\n",
    ),
)


def _git(where: Path, *arguments: str, date: str | None = None) -> None:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    identity = ("-c", "user.name=Editor", "-c", "user.email=editor@example.org", "-c", "commit.gpgsign=false")
    subprocess.run(["git", *identity, "-C", str(where), *arguments], check=True, capture_output=True, env=env)


@pytest.fixture(scope="module")
def origin(tmp_path_factory) -> Path:
    repo = tmp_path_factory.mktemp("origin")
    _git(repo, "init", "-q", "-b", "main")
    (repo / "data").mkdir()
    for date, subject, claims in COMMITS:
        (repo / "data" / "claims.yaml").write_text(claims, encoding="utf-8")
        _git(repo, "add", "data")
        _git(repo, "commit", "-q", "-m", subject, date=date)
    return repo


def _clone(origin: Path, target: Path, *options: str) -> Path:
    _git(target.parent, "clone", "-q", *options, origin.as_uri(), str(target))
    return target


class TestFullClone:
    def test_every_change_and_every_record_s_date(self, origin, tmp_path):
        full = _clone(origin, tmp_path / "full")
        assert data_commits(full) == Changes(
            (("2022-01-01", "Add claim c"), ("2021-01-01", "Change claim b"), ("2020-01-01", "Add claims a and b")),
            shallow=False,
        )
        assert record_dates(full, [full / "data" / "claims.yaml"]) == {
            "claim-a": "2020-01-01",
            "claim-b": "2021-01-01",
            "claim-c": "2022-01-01",
        }
        assert file_dates(full, [full / "data" / "claims.yaml"]) == {"data/claims.yaml": "2022-01-01"}


class TestShallowClone:
    def test_dates_the_history_cannot_give_are_left_out(self, origin, tmp_path):
        """Cloned two commits deep: the cut ('Change claim b') would date claims a and b 2021, though a is
        from 2020; neither gets a date, and the cut is not listed as a change. Claim c keeps its own."""
        shallow = _clone(origin, tmp_path / "shallow", "--depth", "2")
        assert data_commits(shallow) == Changes((("2022-01-01", "Add claim c"),), shallow=True)
        assert record_dates(shallow, [shallow / "data" / "claims.yaml"]) == {"claim-c": "2022-01-01"}
        assert file_dates(shallow, [shallow / "data" / "claims.yaml"]) == {"data/claims.yaml": "2022-01-01"}

    def test_one_commit_deep_nothing_is_dated_and_the_build_says_so(self, origin, tmp_path, caplog):
        """Before, every record took the last commit's date and the changelog showed one entry, silently."""
        shallow = _clone(origin, tmp_path / "shallow", "--depth", "1")
        with caplog.at_level("INFO", logger="mkdocs.plugins.lipsteeth"):
            changes = data_commits(shallow)
        assert changes == Changes((), shallow=True)
        assert record_dates(shallow, [shallow / "data" / "claims.yaml"]) == {}
        assert file_dates(shallow, [shallow / "data" / "claims.yaml"]) == {}
        assert [r.getMessage() for r in caplog.records] == [
            "lipsteeth: this build's copy of the git history is shallow (cloned with --depth): changes older than its "
            "first commit are not listed, and dates that only the full history gives (when a claim was last reviewed, "
            "when a page last changed) are left out; build from a full clone (git fetch --unshallow) to publish them"
        ]

    def test_the_changelog_page_says_the_history_is_short(self):
        page = changelog_page([("2022-01-01", "Add claim c")], shallow=True)
        assert '!!! warning "Part of the history is missing"' in page
        assert "built from a shallow copy of the repository" in page
        assert "Part of the history" not in changelog_page([("2022-01-01", "Add claim c")])

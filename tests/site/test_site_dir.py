"""`lipsteeth build` never deletes or replaces a folder it did not make (#22), and builds the data of
the checkout it runs in, or the one --data names, never the data beside the installed package."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lipsteeth.cli import main
from lipsteeth.tools.run_mkdocs import STAMP, STAMP_HEADER, SiteDirRefused, refuse_unsafe_site_dir, write_stamp

from ..conftest import MINI, make_project

REFUSED = (
    "A build replaces the folder it builds into, so it builds only into a new or empty folder or one a previous "
    "build made (it carries .lipsteeth-site); nothing was touched. Choose another --site-dir (a new folder will do)."
)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path) -> Path:
    """A checkout of the project around the small data set, with a file of someone's work in it."""
    folder = make_project(tmp_path, MINI)
    (folder / "notes.txt").write_text("uncommitted work")
    return folder


class TestRefusedTargets:
    """Each target a build must never replace, refused before anything is built or touched."""

    @pytest.mark.parametrize(
        ("target", "reason"),
        [
            (".", "'{p}' is the project folder (the repository)"),
            ("..", "'{p.parent}' contains the project folder (the repository)"),
            ("docs", "'{p}/docs' is the project's docs/ folder (the hand-written pages)"),
            ("data", "'{p}/data' is the project's data/ folder"),
            ("scripts", "'{p}/scripts' is the project's scripts/ folder"),
            ("docs/site", "'{p}/docs/site' is inside the project's docs/ folder (the hand-written pages), which the build reads"),
            ("data/events", "'{p}/data/events' is inside the project's data/ folder, which the build reads"),
        ],
    )
    def test_the_repository_and_its_folders(self, project, monkeypatch, capsys, target, reason):
        """`build --site-dir .` once deleted the whole checkout, .git and uncommitted files included."""
        monkeypatch.chdir(project)
        before = _snapshot(project.parent)
        assert main(["build", "--site-dir", target]) == 2
        expected = f"lipsteeth build: refused: {reason.format(p=project)}. {REFUSED}\n"
        assert capsys.readouterr().err == expected
        assert _snapshot(project.parent) == before

    def test_a_folder_of_someone_elses_files(self, project, monkeypatch, capsys):
        monkeypatch.chdir(project)
        mine = project / "some" / "folder"
        mine.mkdir(parents=True)
        (mine / "thesis.tex").write_text("three years of work")
        assert main(["build", "--site-dir", "some/folder"]) == 2
        assert capsys.readouterr().err == (
            f"lipsteeth build: refused: '{mine}' holds files that no build wrote (it has no .lipsteeth-site stamp from a "
            f"previous build), such as 'thesis.tex'. {REFUSED}\n"
        )
        assert (mine / "thesis.tex").read_text() == "three years of work"

    def test_a_built_site_that_someone_added_a_file_to(self, tmp_path):
        site = tmp_path / "site"
        (site / "events").mkdir(parents=True)
        (site / "index.html").write_text("built")
        write_stamp(site)
        (site / "events" / "draft.md").write_text("an editor's draft")
        with pytest.raises(SiteDirRefused, match=r"holds files the previous build did not write: 'events/draft.md'$"):
            refuse_unsafe_site_dir(site, tmp_path / "project", tmp_path / "project" / "data")

    def test_a_file(self, tmp_path):
        (tmp_path / "site").write_text("not a folder")
        with pytest.raises(SiteDirRefused, match="exists and is not a folder"):
            refuse_unsafe_site_dir(tmp_path / "site", tmp_path / "project", tmp_path / "project" / "data")

    def test_a_folder_holding_the_data_named_by_data(self, tmp_path):
        data = tmp_path / "elsewhere" / "data"
        data.mkdir(parents=True)
        with pytest.raises(SiteDirRefused, match="contains the data folder"):
            refuse_unsafe_site_dir(tmp_path / "elsewhere", tmp_path / "project", data)


class TestAcceptedTargets:
    def test_a_new_an_empty_or_a_stamped_folder(self, tmp_path):
        project = tmp_path / "project"
        refuse_unsafe_site_dir(tmp_path / "new", project, project / "data")
        (tmp_path / "empty" / "sub").mkdir(parents=True)
        refuse_unsafe_site_dir(tmp_path / "empty", project, project / "data")
        built = tmp_path / "built"
        (built / "events").mkdir(parents=True)
        (built / "events" / "index.html").write_text("built")
        write_stamp(built)
        assert (built / STAMP).read_text().splitlines() == [STAMP_HEADER, "events/index.html"]
        refuse_unsafe_site_dir(built, project, project / "data")


@pytest.mark.slow
def test_build_data_replaces_only_its_own_site_and_builds_the_named_data(tmp_path, monkeypatch, capsys):
    """`lipsteeth --data X build` builds X (it once built the installed checkout's data); the site
    carries the stamp, a second build replaces it, and a folder named like the old '.old' survives."""
    project = make_project(tmp_path, MINI)
    other = tmp_path / "other" / "data"
    shutil.copytree(MINI, other)
    events = other / "events" / "events.yaml"
    events.write_text(events.read_text().replace("title: First nuclear test", "title: A title only X has"))
    keep = tmp_path / "out" / "site.old"
    keep.mkdir(parents=True)
    (keep / "keep.txt").write_text("mine")
    monkeypatch.chdir(project)
    site = tmp_path / "out" / "site"
    assert main(["--data", str(other), "build", "--site-dir", str(site)]) == 0
    assert "A title only X has" in (site / "events" / "2006-10-first-nuclear-test" / "index.html").read_text()
    assert "index.html" in (site / STAMP).read_text().splitlines()
    assert main(["build", "--site-dir", str(site)]) == 0  # replaces the stamped site, with the checkout's own data
    assert "First nuclear test" in (site / "events" / "2006-10-first-nuclear-test" / "index.html").read_text()
    assert (keep / "keep.txt").read_text() == "mine"
    assert sorted(p.name for p in site.parent.iterdir()) == ["site", "site.old"]
    capsys.readouterr()


class TestWhichData:
    """Without --data, the data of the checkout the command runs in; a second worktree sharing the
    venv validates its own tree."""

    def test_check_reads_the_checkout_it_runs_in(self, project):
        events = project / "data" / "events" / "events.yaml"
        events.write_text(events.read_text().replace("kind: nuclear-test", "kind: bomb"))
        command = [sys.executable, "-m", "lipsteeth.cli", "check"]
        result = subprocess.run(command, cwd=project / "docs", capture_output=True, text=True, check=False)
        assert result.returncode == 1
        assert "data/events/events.yaml:36:11: events[2].kind: expected one of:" in result.stderr

    def test_outside_any_checkout_it_says_what_it_expects(self, tmp_path):
        command = [sys.executable, "-m", "lipsteeth.cli", "check"]
        result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False)
        assert (result.returncode, result.stdout) == (2, "")
        assert result.stderr == (
            "lipsteeth: no data folder found: run lipsteeth inside a Lips and Teeth checkout (a folder holding "
            "mkdocs.yml and data/, or any folder below one), or name the data folder with --data DIR\n"
        )

    def test_a_data_folder_that_is_not_there(self, tmp_path, capsys):
        assert main(["--data", str(tmp_path / "nowhere"), "check"]) == 2
        assert capsys.readouterr().err == (
            f"lipsteeth: --data {tmp_path / 'nowhere'}: no such folder; expected a data folder holding article.yaml, "
            "people.yaml, claims.yaml and an events folder\n"
        )

    def test_a_build_outside_any_checkout_says_what_it_needs(self, tmp_path, monkeypatch, capsys):
        shutil.copytree(MINI, tmp_path / "data")
        monkeypatch.chdir(tmp_path)
        assert main(["--data", "data", "build", "--site-dir", "site"]) == 2
        assert capsys.readouterr().err == (
            "lipsteeth build: no site configuration found: run it inside a Lips and Teeth checkout (a folder holding "
            "mkdocs.yml, docs/ and data/, or any folder below one); --data may then name another data folder\n"
        )
        assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def _commit_the_data(project, branch: str) -> None:
    """The project as a checkout of its own, its data committed on `branch`."""
    git = ["git", "-C", str(project), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q", "-b", branch], check=True)
    subprocess.run([*git, "add", "data"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "data"], check=True)


@pytest.mark.git
def test_diff_compares_the_checkout_it_runs_in(project):
    """`lipsteeth diff` in a second checkout compares that checkout's data with its own main."""
    _commit_the_data(project, "main")
    events = project / "data" / "events" / "events.yaml"
    events.write_text(events.read_text().replace("title: First nuclear test", "title: A retitled test"))
    command = [sys.executable, "-m", "lipsteeth.cli", "diff"]
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "| `2006-10-first-nuclear-test` | `title` | First nuclear test | A retitled test |" in result.stdout


@pytest.mark.git
def test_diff_looks_for_main_in_the_checkout_it_runs_in(project):
    """Whether main exists is asked of this checkout, not of the one lipsteeth is installed from."""
    _commit_the_data(project, "trunk")
    command = [sys.executable, "-m", "lipsteeth.cli", "diff"]
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)
    assert (result.returncode, result.stderr) == (
        2,
        "lipsteeth diff: neither origin/main nor main exists here; name a revision to compare with\n",
    )

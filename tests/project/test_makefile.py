"""The Makefile picks a Python new enough for the locked dependencies, says what is needed when
there is none, and never reuses a venv it did not finish (#22). Run against stand-in interpreters
on a PATH of their own, so the machine's real Pythons play no part."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from ..conftest import ROOT

MAKE = shutil.which("make")
pytestmark = pytest.mark.skipif(MAKE is None, reason="needs make")
TOOLS = ("sed", "sort", "head", "mkdir", "rm", "touch", "mv", "ls", "find", "awk", "cat")
NEED = re.search(r'^requires-python = ">=([0-9.]+)"', (ROOT / "pyproject.toml").read_text(), re.M)[1]


def checkout(tmp_path: Path, pythons: dict[str, str]) -> tuple[Path, dict]:
    """A folder with the Makefile and what it reads, and a PATH holding only the basic tools and
    stand-in interpreters that report the given versions (and log anything else they are asked)."""
    folder = tmp_path / "checkout"
    folder.mkdir()
    for name in ("Makefile", "pyproject.toml", "requirements.lock", "requirements-tools.lock"):
        shutil.copy(ROOT / name, folder)
    path = tmp_path / "bin"
    path.mkdir()
    for tool in TOOLS:
        (path / tool).symlink_to(shutil.which(tool))
    for name, version in pythons.items():
        stub = path / name
        stub.write_text(
            f'#!/bin/sh\n[ "$1" = --version ] && {{ echo "Python {version}"; exit 0; }}\necho "$0 $*" >> ran.log\nexit 1\n'
        )
        stub.chmod(0o755)
    return folder, {"PATH": str(path), "HOME": str(tmp_path)}


def make(folder: Path, env: dict, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([MAKE, *arguments], cwd=folder, env=env, capture_output=True, text=True, check=False)


@pytest.mark.parametrize(
    ("pythons", "chosen"),
    [
        ({"python3": "3.11.2", "python3.12": "3.12.3"}, "python3.12"),  # Debian 12 with a newer Python beside it
        ({"python3": "3.11.2", "python3.11": "3.11.2", "python3.13": "3.13.0"}, "python3.13"),
        ({"python3": "3.12.1", "python3.13": "3.13.0"}, "python3"),  # python3 itself is new enough
        ({"python3": "3.10.12", "python3.11": "3.11.9"}, "python3.11"),
    ],
)
def test_make_picks_a_python_new_enough(tmp_path, pythons, chosen):
    folder, env = checkout(tmp_path, pythons)
    result = make(folder, env, "-n", "install")
    assert result.returncode == 0, result.stderr
    assert f"{chosen} -m venv .venv" in result.stdout.splitlines()


def test_with_none_new_enough_it_says_what_is_needed_and_makes_nothing(tmp_path):
    folder, env = checkout(tmp_path, {"python3": "3.11.2", "python3.11": "3.11.2"})
    result = make(folder, env, "install")
    assert result.returncode != 0
    assert result.stderr.startswith(
        f"make: this project needs Python {NEED} or later (pyproject.toml's requires-python).\n"
        f"  Tried: python3 python3.14 python3.13 python3.12 python3.11; python3 here is Python 3.11.2.\n"
    )
    assert "make PYTHON=/path/to/python3.12 install" in result.stderr
    assert not (folder / ".venv").exists() and not (folder / "ran.log").exists()


def test_a_python_named_that_is_too_old_is_refused(tmp_path):
    folder, env = checkout(tmp_path, {"python3": "3.11.2", "python3.12": "3.12.3"})
    result = make(folder, env, "install", "PYTHON=python3")
    assert result.returncode != 0
    assert f"make: this project needs Python {NEED} or later" in result.stderr
    assert "Tried: python3;" in result.stderr


def test_a_half_made_venv_is_never_reused(tmp_path):
    """An install that fails leaves .venv marked unfinished; the next removes it and starts again
    (it once reused it, and only `make clean` helped)."""
    folder, env = checkout(tmp_path, {"python3": "3.12.3"})  # a Python whose `-m venv` fails half-way
    first = make(folder, env, "install")
    assert first.returncode != 0
    assert (folder / ".venv" / ".installing").exists() and not (folder / ".venv" / ".installed").exists()
    (folder / ".venv" / "half-made").write_text("left by the failed install")
    second = make(folder, env, "install")
    assert "make: removing .venv, which an earlier install did not finish" in second.stdout
    assert not (folder / ".venv" / "half-made").exists()


def test_a_venv_no_install_made_is_left_alone(tmp_path):
    folder, env = checkout(tmp_path, {"python3": "3.12.3"})
    (folder / ".venv").mkdir()
    (folder / ".venv" / "mine").write_text("someone's own venv")
    result = make(folder, env, "install")
    assert result.returncode != 0
    assert "make: .venv exists but no finished 'make install' made it; move it away" in result.stderr
    assert (folder / ".venv" / "mine").read_text() == "someone's own venv"


class TestClean:
    def _site(self, folder: Path, files: list[str], stamped: list[str] | None) -> None:
        for name in files:
            (folder / "site" / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / "site" / name).write_text("x")
        if stamped is not None:
            (folder / "site" / ".lipsteeth-site").write_text("\n".join(["# written by lipsteeth build", *stamped]) + "\n")

    def test_a_built_site_is_removed(self, tmp_path):
        folder, env = checkout(tmp_path, {"python3": "3.12.3"})
        self._site(folder, ["index.html", "events/a/index.html"], ["index.html", "events/a/index.html"])
        assert make(folder, env, "clean").returncode == 0
        assert not (folder / "site").exists()

    @pytest.mark.parametrize(
        ("stamped", "message"),
        [(None, "make clean: site/ holds files no build wrote (no site/.lipsteeth-site); left as it is"),
         (["index.html"], "make clean: site/ holds files the build did not write; left as it is")],
    )  # fmt: skip
    def test_a_site_folder_holding_other_files_is_kept(self, tmp_path, stamped, message):
        folder, env = checkout(tmp_path, {"python3": "3.12.3"})
        self._site(folder, ["index.html", "notes.txt"], stamped)
        result = make(folder, env, "clean")
        assert message in result.stderr
        assert (folder / "site" / "notes.txt").exists()

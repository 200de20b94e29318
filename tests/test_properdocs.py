"""Longevity: MkDocs 1.x is no longer released; ProperDocs is its maintained drop-in fork.
The same project builds under ProperDocs, strictly, into the same set of pages."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from .conftest import ROOT, make_project

pytestmark = pytest.mark.slow
pytest.importorskip("properdocs", reason="properdocs is a test dependency: make install")


def test_the_site_builds_under_properdocs(tmp_path, real_site):
    """`properdocs build --strict` on the unchanged mkdocs.yml gives the pages MkDocs gives."""
    project = make_project(tmp_path, ROOT / "data")
    site = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "properdocs", "build", "--strict", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stderr
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert pages == sorted(p.relative_to(real_site).as_posix() for p in real_site.rglob("*.html"))

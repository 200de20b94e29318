"""Longevity: MkDocs 1.x is no longer released; ProperDocs is its maintained drop-in fork.
The same project builds under ProperDocs, strictly, into the same set of pages."""

from __future__ import annotations

import pytest

from ..conftest import ROOT, make_project, mkdocs_build

pytestmark = pytest.mark.slow
pytest.importorskip("properdocs", reason="properdocs is a test dependency: make install")


def test_the_site_builds_under_properdocs(tmp_path, real_site):
    """`properdocs build --strict` on the unchanged mkdocs.yml gives the pages MkDocs gives."""
    project = make_project(tmp_path, ROOT / "data")
    site = tmp_path / "site"
    result = mkdocs_build(project, site, tool="properdocs")
    assert result.returncode == 0, result.stderr
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert pages == sorted(p.relative_to(real_site).as_posix() for p in real_site.rglob("*.html"))

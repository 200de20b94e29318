"""Run MkDocs in a subprocess: strict builds, and the safe build that swaps a finished site into place.

`build_site` builds into a temporary folder first, then swaps it into place.

A failed build (bad data, a broken link under --strict) leaves the previous site untouched,
so nothing half-built is ever served or deployed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SITE_FILES = ("mkdocs.yml", "docs", "overrides")


def project_copy(root: Path, data: Path, target: Path) -> Path:
    """A copy of the site's configuration around another data folder (tests, the benchmark)."""
    target.mkdir(parents=True)
    for name in SITE_FILES:
        source = root / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target / name)
    (target / "scripts").mkdir()
    shutil.copy(root / "scripts" / "mkdocs_hooks.py", target / "scripts")
    shutil.copytree(data, target / "data")
    return target


def mkdocs_build(project: Path, site: Path, *, tool: str = "mkdocs", env: dict | None = None, capture: bool = True):
    """`<tool> build --strict` of `project` into `site` (tool: mkdocs or its fork properdocs)."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    command = [sys.executable, "-m", tool, "build", "--strict", "--quiet", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    return subprocess.run(command, capture_output=capture, text=True, env=environment, check=False)


def build_site(project: Path, site_dir: Path) -> int:
    """Build `project` into a temp folder; on success replace `site_dir` with it."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    result = mkdocs_build(project, staging, capture=False)
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        return result.returncode
    old = site_dir.with_name(site_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
    return 0

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

from ..generate import SOURCE

SITE_FILES = ("mkdocs.yml", "zensical.yml", "docs", "overrides")


def project_copy(root: Path, data: Path, target: Path) -> Path:
    """A copy of the site's configuration around another data folder (tests, the benchmark)."""
    target.mkdir(parents=True)
    for name in SITE_FILES:
        source = root / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target / name)
    (target / "scripts").mkdir()
    shutil.copy(root / "scripts" / "mkdocs_hooks.py", target / "scripts")
    shutil.copytree(data, target / "data")
    (target / SOURCE).mkdir(parents=True)  # mkdocs.yml's docs_dir: MkDocs wants it to exist before the hook fills it
    return target


def mkdocs_build(project: Path, site: Path, *, tool: str = "mkdocs", env: dict | None = None, capture: bool = True):
    """`<tool> build --strict` of `project` into `site` (tool: mkdocs or its fork properdocs)."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    (project / SOURCE).mkdir(parents=True, exist_ok=True)  # docs_dir must exist before the hook fills it
    command = [sys.executable, "-m", tool, "build", "--strict", "--quiet", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    return subprocess.run(command, capture_output=capture, text=True, env=environment, check=False)


def build_site(project: Path, site_dir: Path) -> int:
    """Build `project` into a temp folder; on success replace `site_dir` with it. On failure, or
    when stopped (SIGTERM reaches here as an exception), MkDocs is stopped, the temp folder
    removed and `site_dir` left as it was."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    try:
        result = mkdocs_build(project, staging, capture=False)  # run() kills MkDocs if we are interrupted
        if result.returncode != 0:
            return result.returncode
        staging.chmod(0o777 & ~_umask())  # mkdtemp makes it private; a site is for serving
        old = site_dir.with_name(site_dir.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if site_dir.exists():
            site_dir.rename(old)
        staging.rename(site_dir)
        shutil.rmtree(old, ignore_errors=True)
        return 0
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # gone already when it became the site


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask

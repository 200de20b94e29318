"""Build the site with Zensical, Material for MkDocs' successor: the generation step writes the
site's sources (the call the MkDocs hook makes), then `zensical build --strict` reads them through
zensical.yml (mkdocs.yml plus its own output folder, site-zensical/). Zensical runs no MkDocs hook,
so nothing else is needed: what it does without the hook is listed on the contributing page."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ..errors import DataError
from ..generate import generate

CONFIG = "zensical.yml"


def zensical_build(project: Path, *, capture: bool = True, env: dict | None = None) -> subprocess.CompletedProcess:
    """Generate, then `zensical build --strict` of `project`; a DataError is reported as a failed build."""
    environment = {**os.environ, **(env or {})}
    try:
        generate(project, environment.get("SITE_URL") or None, engine="zensical", repo_url=environment.get("REPO_URL") or None)
    except DataError as exc:
        return subprocess.CompletedProcess(["generate"], 1, "", exc.report())
    command = [sys.executable, "-m", "zensical", "build", "--strict", "-f", str(project / CONFIG)]
    return subprocess.run(command, capture_output=capture, text=True, env=environment, check=False, cwd=project)

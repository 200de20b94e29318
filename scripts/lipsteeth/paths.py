"""Where things are: the repository root, its data and docs folders."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
DOCS = ROOT / "docs"
CACHE = ROOT / ".cache" / "lipsteeth"

"""The answers of an interactive `lipsteeth new` that could not be written, kept for the next run.

An editor may give fifteen answers and then stop (Ctrl-C, Ctrl-D), or find the entry refused;
retyping them all is how answers get lost. They are kept in the checkout's .lipsteeth-drafts/
(never committed; apart from .cache/, which `make clean` empties), and the next `lipsteeth new` of the same kind offers to resume them; each resumed
answer is checked again as if typed.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from ..atomic import write_atomically

MAX_BYTES = 100_000  # a draft is a few answers; anything larger is not one of ours


def draft_path(data_dir: Path, what: str) -> Path:
    """Where the draft of a new `what` (event, person) for this data folder is kept."""
    return data_dir.resolve().parent / ".lipsteeth-drafts" / f"new-{what}.json"


def save_draft(path: Path, answers: dict) -> int:
    """Keep every answer but the id, which the next run proposes afresh (a refused id would
    otherwise come back with the draft and be refused again)."""
    kept = {name: value for name, value in answers.items() if isinstance(value, str) and value and name != "id"}
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, json.dumps(kept, ensure_ascii=False, indent=1).encode("utf-8"))
    return len(kept)


def load_draft(path: Path) -> dict[str, str]:
    """The kept answers, or {} when there are none (or the file is not a draft of ours)."""
    try:
        if path.stat().st_size > MAX_BYTES:
            return {}
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(found, dict):
        return {}
    return {k: v for k, v in found.items() if isinstance(k, str) and isinstance(v, str) and v}


def discard_draft(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()

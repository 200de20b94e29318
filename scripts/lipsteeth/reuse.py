"""A generation step with nothing to do: when the sources in the engine's folder were made from
exactly these inputs (every file of the data folder and of docs/, mkdocs.yml, this package's code,
the installed libraries' versions, the commit checked out and where a shallow clone is cut, today's
date in UTC and the options), a later run reads, checks and renders nothing again. A second
`make build` pays for hashing the inputs (about 15 ms for the real record) instead of a whole
generation; after an edit, the next run does all its work.

Only a run that succeeded is recorded, after its files were written, and only if its inputs did
not change while it ran: bad data is never skipped, and a file of the folder changed or removed
since (by hand) makes the next run generate again.
"""

from __future__ import annotations

import hashlib
import json
import sysconfig
from pathlib import Path

from .atomic import write_atomically
from .data.dates import today
from .history import head_commit, shallow_commits

PACKAGE = Path(__file__).resolve().parent


def inputs_key(root: Path, data_dir: Path, options: dict) -> str:
    """A hash of everything a generation step reads, and of the options it is given."""
    digest = hashlib.sha256()
    files = [root / "mkdocs.yml", *_files_under(root / "docs"), *_files_under(data_dir), *_files_under(PACKAGE, "*.py")]
    for path in files:
        digest.update(str(path).encode("utf-8", "surrogateescape") + b"\0" + path.read_bytes() + b"\0")
    repositories = sorted({root, data_dir.parent})  # the data may come from another checkout (--data)
    context = {
        # The changelog and every page's last-changed date come from git: its commit, and where a
        # shallow clone is cut (`git fetch --unshallow` changes the dates, not the commit).
        "history": [_history(repository) for repository in repositories],
        "today": today().isoformat(),  # what validation calls the future
        "libraries": installed(),
        "options": options,
    }
    digest.update(json.dumps(context, sort_keys=True, default=str).encode("utf-8"))
    return digest.hexdigest()


def _history(repository: Path) -> dict:
    cut = shallow_commits(repository)
    return {"commit": head_commit(repository), "cut": sorted(cut) if cut is not None else None}


def installed() -> list[str]:
    """Every package installed beside this one, with its version (the names of their metadata
    folders, which hold both): an upgrade of any library a page goes through generates again."""
    folders = {Path(sysconfig.get_paths()[name]) for name in ("purelib", "platlib")}
    return sorted(p.name for folder in folders if folder.is_dir() for p in folder.glob("*.dist-info"))


def _files_under(folder: Path, pattern: str = "*") -> list[Path]:
    return sorted(p for p in folder.rglob(pattern) if p.is_file()) if folder.is_dir() else []


def reusable(record: Path, key: str, folder: Path) -> dict | None:
    """What the run recorded in `record` handed on (`remember`), if it was made from `key` and its files
    are still in `folder` as it wrote them (by size: a hand edit that keeps the size is not caught,
    and the folder is ours, not an editor's); otherwise None."""
    try:
        recorded = json.loads(record.read_text(encoding="utf-8"))
        if recorded["key"] != key:
            return None
        for name, size in recorded["sizes"].items():
            if (folder / name).stat().st_size != size:
                return None
        handed = recorded["handed"]
        return handed if isinstance(handed, dict) else None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def remember(record: Path, key: str, files: dict[str, bytes], handed: dict) -> None:
    """Record a run that succeeded (its files written), for the next run to reuse, with what it
    handed on beside its files (JSON: the search entries, say), which `reusable` returns."""
    sizes = {name: len(content) for name, content in files.items()}
    text = json.dumps({"key": key, "sizes": sizes, "handed": handed}, ensure_ascii=False)
    write_atomically(record, text.encode("utf-8"), durable=False)  # lost, it costs one generation


def forget(record: Path) -> None:
    """Before writing: a run stopped half-way must not leave the last run's record looking current."""
    record.unlink(missing_ok=True)

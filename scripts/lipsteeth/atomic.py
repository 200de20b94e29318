"""Writing a file so that nothing is lost: the new bytes go to a temporary file beside it, are
flushed to disk, and only then replace the old file in one step. A full disk, a kill or a power
cut leaves either the old file or the new one, never a mix and never an empty file."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path


class WriteFailed(Exception):
    """The file could not be written; it is unchanged. The message says why, in plain words."""


def write_atomically(path: Path, data: bytes, *, shown_as: str | None = None) -> None:
    """Replace `path` with `data`, keeping its permissions; on failure `path` is untouched."""
    name = shown_as or str(path)
    temporary = None
    try:
        mode = path.stat().st_mode & 0o7777 if path.exists() else None
        # Named before it is created, so a kill at any moment after creation finds it in `finally`
        # (with mkstemp, a kill between creating the file and returning its name would leave it behind).
        temporary = path.parent / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
        temporary = None
        _sync_folder(path.parent)
    except OSError as exc:
        raise WriteFailed(f"could not write {name}: {exc.strerror or exc}; {name} is unchanged") from None
    finally:
        if temporary is not None:  # a failure or a kill (SIGTERM becomes an exception) before the swap
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; not every system lets a folder be opened for this."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)

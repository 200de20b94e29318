"""Writing a file so that nothing is lost: the new bytes go to a temporary file beside it, are
flushed to disk, and only then replace the old file in one step. A full disk, a kill or a power
cut leaves either the old file or the new one, never a mix and never an empty file.

Files made again from the data whenever they are lost (the site's generated sources, cached charts
and previews) are written `durable=False`: still renamed into place whole, so a kill or a reader
never meets half a file, but not forced to disk, which costs more than drawing them (two `fsync`s a
file, over a second for the 450 files of a cold build). After a power cut such a file may be empty or
short; whoever reads it checks it (the generation step compares bytes and rewrites; the caches
check that an entry ends as its format ends)."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path


class WriteFailed(Exception):
    """The file could not be written; it is unchanged. The message says why, in plain words."""


class Stored(bytes):
    """Bytes that a cache already holds as a file (`origin`): whoever writes them elsewhere may link
    that file instead (`link_atomically`). A file costs more to create than to link: on ext4 a new
    file needs an inode, and finding a free one after many files were just removed takes about a
    millisecond."""

    origin: Path

    def __new__(cls, data: bytes, origin: Path) -> Stored:
        stored = super().__new__(cls, data)
        stored.origin = origin
        return stored


def write_atomically(path: Path, data: bytes, *, shown_as: str | None = None, durable: bool = True) -> None:
    """Replace `path` with `data`, keeping its permissions; on failure `path` is untouched. With
    `durable`, the bytes and the rename are on disk when it returns."""
    name = shown_as or str(path)
    temporary = None
    try:
        mode = path.stat().st_mode & 0o7777 if path.exists() else None
        # Named before it is created, so a kill at any moment after creation finds it in `finally`
        # (with mkstemp, a kill between creating the file and returning its name would leave it behind).
        temporary = _temporary_for(path)
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
        temporary = None
        if durable:
            _sync_folder(path.parent)
    except OSError as exc:
        raise WriteFailed(f"could not write {name}: {exc.strerror or exc}; {name} is unchanged") from None
    finally:
        if temporary is not None:  # a failure or a kill (SIGTERM becomes an exception) before the swap
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def link_atomically(origin: Path, path: Path) -> None:
    """Replace `path` with a hard link to `origin` (same bytes, no copy), stamped now, so that an
    engine comparing times sees it changed; on failure (another file system, a system without hard
    links, `origin` gone) `path` is untouched and WriteFailed says why. Only for files that are
    always replaced whole, never written in place: the two names share their bytes."""
    temporary = _temporary_for(path)
    try:
        os.link(origin, temporary)
        try:
            os.utime(temporary)
            os.replace(temporary, path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    except OSError as exc:
        raise WriteFailed(f"could not link {path} to {origin}: {exc.strerror or exc}; {path} is unchanged") from None


def _temporary_for(path: Path) -> Path:
    """A new name beside `path` for what replaces it: hidden (engines and globs skip it) and unique
    to this process and call, so two writers never share one."""
    return path.parent / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; not every system lets a folder be opened for this."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)

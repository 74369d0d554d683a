"""Crash-safe files: append-only JSON lines and whole files replaced atomically.

A process killed while appending leaves at most one torn line at the end (no newline, or not JSON); readers stop
before it and :meth:`JsonLog.repair` cuts it off before the next append.  Whole files (parts, outputs) are written
to a temporary name, flushed to disk and renamed, so a reader sees the old file or the new one, never half of one.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO

__all__ = ["JsonLog", "write_atomic", "TMP_SUFFIX", "dumps"]

TMP_SUFFIX = ".tmp"


def dumps(record: object) -> str:
    """One JSON line, as `reportparse parse` writes reports (non-ASCII kept)."""
    return json.dumps(record, ensure_ascii=False)


class JsonLog:
    """An append-only file of JSON lines, each append flushed and synced before it returns."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def read(self) -> Iterator[dict]:
        """Every complete line; a torn last line (no newline: the writer was killed) is left out.  A line that
        ends in a newline is whole (JSON escapes newlines), so one that is not JSON is damage (ValueError)."""
        if not self.path.exists():
            return
        with open(self.path, "rb") as handle:
            for line in handle:
                if line.endswith(b"\n"):
                    yield _load(line, self.path)

    def repair(self) -> int:
        """Cut a torn last line off before appending; the number of bytes removed."""
        if not self.path.exists():
            return 0
        size = self.path.stat().st_size
        keep = _complete_length(self.path)
        if keep < size:
            with open(self.path, "r+b") as handle:
                handle.truncate(keep)
                _sync(handle)
        return size - keep

    def append(self, records: Iterable[object]) -> None:
        data = "".join(dumps(r) + "\n" for r in records).encode("utf-8")
        if not data:
            return
        with open(self.path, "ab") as handle:
            handle.write(data)
            _sync(handle)


def _load(line: bytes, path: Path) -> dict:
    try:
        return json.loads(line)
    except ValueError:
        raise ValueError(f"{path.name} has a line that is not JSON: {line[:80]!r}") from None


def _complete_length(path: Path, block: int = 1 << 16) -> int:
    """Bytes up to the last newline: what a killed append leaves whole."""
    with open(path, "rb") as handle:
        end = handle.seek(0, os.SEEK_END)
        while end > 0:
            start = max(0, end - block)
            handle.seek(start)
            found = handle.read(end - start).rfind(b"\n")
            if found >= 0:
                return start + found + 1
            end = start
    return 0


def _sync(handle: IO[bytes]) -> None:
    handle.flush()
    os.fsync(handle.fileno())


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomic(path: Path, write: Callable[[IO[bytes]], None]) -> Path:
    """Write ``path`` through ``write(handle)`` into a temporary file, sync it, and rename it into place."""
    tmp = path.with_name(path.name + TMP_SUFFIX)
    with open(tmp, "wb") as handle:
        write(handle)
        _sync(handle)
    os.replace(tmp, path)
    sync_folder(path.parent)
    return path

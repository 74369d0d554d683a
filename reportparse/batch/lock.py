"""One batch a folder: an exclusive lock on ``batch.lock``, held by the running batch.

The operating system releases it when the process ends in any way (SIGKILL and out-of-memory kills included), so
there is never a stale lock to clean up; the file also says who holds it, for the message (E062).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
from pathlib import Path

from ..errors import Errors, ReportParseError

__all__ = ["BatchLock"]


class BatchLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def __enter__(self) -> BatchLock:
        import fcntl

        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = os.read(fd, 4096).decode("utf-8", errors="replace").strip() or "holder unknown"
            os.close(fd)
            raise ReportParseError(Errors.E062, out=self.path.parent, holder=_describe(holder)) from None
        os.ftruncate(fd, 0)
        os.write(fd, json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                                 "started": dt.datetime.now().isoformat(timespec="seconds")}).encode("utf-8"))
        self._fd = fd
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing releases the lock; the file stays (removing it would race a new holder)
            self._fd = None


def _describe(text: str) -> str:
    try:
        data = json.loads(text)
        return f"pid {data['pid']} on {data['host']}, started {data['started']}"
    except (ValueError, KeyError, TypeError):
        return text

"""Progress of a batch: files done of all, reports and pages a second, ETA, failures.

On a terminal one line is redrawn (at most twice a second); into a log (an unattended job) a full line is written
every ``every_s`` seconds, so the log stays readable.  Rates count this run only, from its first result.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

from .ledger import ChunkRecord
from .tasks import FileResult

__all__ = ["Progress", "Observer"]


class Observer:
    """What a batch reports as it goes; subclass it to watch a batch (tests, dashboards)."""

    def started(self, total: int, done_before: int) -> None:
        pass

    def file_done(self, result: FileResult) -> None:
        pass

    def chunk_committed(self, record: ChunkRecord) -> None:
        pass

    def finished(self) -> None:
        pass


class Progress(Observer):
    def __init__(self, *, stream: TextIO | None = None, every_s: float | None = None, enabled: bool = True) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.every_s = every_s if every_s is not None else (0.5 if self.tty else 30.0)
        self.enabled = enabled
        self.total = self.before = self.files = self.failed = self.pages = self.chunks = 0
        self._start = self._last = 0.0

    def started(self, total: int, done_before: int) -> None:
        self.total, self.before = total, done_before
        self._start = self._last = time.monotonic()

    def file_done(self, result: FileResult) -> None:
        self.files += 1
        self.pages += result.pages
        self.failed += not result.ok
        now = time.monotonic()
        if now - self._last >= self.every_s:
            self._last = now
            self._show()

    def chunk_committed(self, record: ChunkRecord) -> None:
        self.chunks += 1

    def finished(self) -> None:
        if self.files:
            self._show()
        if self.enabled and self.tty and self.files:
            self.stream.write("\n")
            self.stream.flush()

    def line(self) -> str:
        elapsed = max(time.monotonic() - self._start, 1e-9)
        rate = self.files / elapsed
        left = self.total - self.files
        eta = _clock(left / rate) if rate > 0 else "?"
        done = self.before + self.files
        whole = self.before + self.total
        return (f"batch: {done:,}/{whole:,} files ({done / max(whole, 1):.1%}), {rate:.1f} files/s, "
                f"{self.pages / elapsed:.1f} pages/s, {self.chunks} chunk(s) committed, "
                f"{self.failed} failed, ETA {eta}")

    def _show(self) -> None:
        if not self.enabled:
            return
        if self.tty:
            self.stream.write("\r" + self.line() + "\x1b[K")
        else:
            self.stream.write(self.line() + "\n")
        self.stream.flush()


def _clock(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"

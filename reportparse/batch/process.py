"""One supervised worker process: it parses one file at a time, and is killed and replaced when a file takes too
long (E055) or too much memory (E056), or when it dies (the file is tried again, then E057).

Why not a process pool (``concurrent.futures``, ``pebble``): a per-file memory limit needs the pid of the process
parsing that file, and a death must be charged to the file it was parsing, not to a pool.  With one socket per
worker both are plain facts; the same class serves the local engine (one per thread) and Dask (one per Dask worker),
so limits and error codes are the same on both.  The worker is a fresh interpreter (``python -m``), started in its
own session so that killing it also kills a Tesseract it runs, and never forked from a parent holding threads.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection

from ..errors import DermalabError, Errors, ReportParseError
from .memory import rss
from .tasks import FileResult, FileTask, WorkerSetup, failure

__all__ = ["ParserProcess", "WorkerStartError", "Cancelled"]


class WorkerStartError(DermalabError, RuntimeError):
    """A worker could not load the pipeline (a missing model, a plugin that does not import): the batch stops."""


class Cancelled(Exception):
    """The batch is stopping (Ctrl-C, or an error elsewhere): the file is left for the next run."""


@dataclass(frozen=True)
class _Death:
    detail: str


class ParserProcess:
    """A worker process with the pipeline loaded, parsing under ``setup.limits``; started on first use."""

    def __init__(self, setup: WorkerSetup, *, env: dict[str, str] | None = None) -> None:
        self.setup = setup
        self.env = env
        self._proc: subprocess.Popen | None = None
        self._conn: Connection | None = None
        self.started = 0  # how many processes this one has started (1 + replacements)
        self._closed = False

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    def start(self) -> None:
        if self._closed:
            raise Cancelled()
        if self._proc is not None and self._proc.poll() is None:
            return
        self.stop()
        ours, theirs = socket.socketpair()
        try:
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "reportparse.batch.worker", str(theirs.fileno())],
                pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL, start_new_session=True, env=self.env)
        finally:
            theirs.close()
        self._conn = Connection(ours.detach())
        self.started += 1
        self._conn.send(("init", self.setup))
        self._await_ready()

    def _await_ready(self) -> None:
        deadline = time.monotonic() + self.setup.limits.startup_s
        while not self._conn.poll(self.setup.limits.poll_s * 4):
            if self._proc.poll() is not None or time.monotonic() > deadline:
                self._refuse_start(_exit_detail(self._proc.poll()) if self._proc.poll() is not None
                                   else f"not ready after {self.setup.limits.startup_s:g} s")
        try:
            message = self._conn.recv()
        except (EOFError, OSError):
            self._refuse_start(_exit_detail(self._proc.wait()))
        if message[0] != "ready":
            self.stop()
            raise WorkerStartError(message[2], code=message[1])

    def _refuse_start(self, detail: str) -> None:
        self.stop()
        raise ReportParseError(Errors.E064, name="workers", value=self.setup.parse.to_dict(),
                               hint=f"a worker stopped while loading the pipeline ({detail}; its error is printed "
                                    "above): check that `reportparse parse FILE` works with the same options")

    def run(self, task: FileTask) -> FileResult:
        """Parse ``task`` in the worker; a coded failure when a limit stopped it or its worker kept dying."""
        deaths: list[str] = []
        while True:
            self.start()
            outcome = self._attempt(task)
            if self._closed:
                raise Cancelled()
            if isinstance(outcome, FileResult):
                return outcome
            deaths.append(outcome.detail)
            if len(deaths) > self.setup.limits.retries:
                error = ReportParseError(Errors.E057, path=task.path, attempts=len(deaths), detail=deaths[-1])
                return failure(task, error)

    def _attempt(self, task: FileTask) -> FileResult | _Death:
        limits = self.setup.limits
        proc, conn = self._proc, self._conn  # close() from another thread may clear the attributes
        if proc is None or conn is None:
            return _Death("stopped")
        start = time.monotonic()
        try:
            conn.send(("parse", task))
            while True:
                if conn.poll(limits.poll_s):
                    result: FileResult = conn.recv()[1]
                    if result.code == "E056":  # the worker leaves after a MemoryError
                        self.stop()
                    return result
                if proc.poll() is not None:
                    return self._died(proc)
                used = rss(proc.pid)
                if used is not None and used > limits.memory_bytes:
                    self.stop()
                    error = ReportParseError(Errors.E056, path=task.path, limit=limits.memory_mb,
                                             detail=f"{used / 2**20:,.0f} MB resident")
                    return failure(task, error, time.monotonic() - start)
                if time.monotonic() - start > limits.time_s:
                    self.stop()
                    error = ReportParseError(Errors.E055, path=task.path, limit=limits.time_s)
                    return failure(task, error, time.monotonic() - start)
        except (EOFError, OSError):
            return self._died(proc)

    def _died(self, proc: subprocess.Popen) -> _Death:
        try:
            status = proc.wait(timeout=10)  # its socket closed: it is exiting
        except subprocess.TimeoutExpired:
            status = None
        self.stop()
        return _Death(_exit_detail(status))

    def close(self) -> None:
        """Stop for good: a task running now raises :class:`Cancelled` (callable from another thread)."""
        self._closed = True
        self.stop()

    def stop(self) -> None:
        """Kill the worker (and whatever it started) and forget it; the next task starts a new one."""
        proc, conn = self._proc, self._conn
        self._proc = self._conn = None
        if conn is not None:
            conn.close()
        if proc is None:
            return
        if proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                proc.kill()
        proc.wait()


def _exit_detail(status: int | None) -> str:
    if status is None:
        return "it stopped answering"
    if status < 0:
        name = signal.Signals(-status).name
        hint = ", e.g. by the system when memory ran out" if -status == signal.SIGKILL else ""
        return f"killed by {name}{hint}"
    return f"exit status {status}"

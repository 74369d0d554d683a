"""What runs inside a Dask worker: each worker process keeps its own supervised parser processes (one per thread
that needs one), started once, so the limits (E055-E057) are the same as on the local engine.

Functions here are shipped to the workers by reference: ``reportparse`` must be installed where they run.
"""

from __future__ import annotations

import atexit
import queue
import threading

from .process import ParserProcess
from .tasks import FileResult, FileTask, WorkerSetup

__all__ = ["run_task", "warm_up", "parser_pids"]

_IDLE: dict[WorkerSetup, queue.SimpleQueue[ParserProcess]] = {}
_ALL: list[ParserProcess] = []
_LOCK = threading.Lock()


def _acquire(setup: WorkerSetup) -> ParserProcess:
    with _LOCK:
        idle = _IDLE.setdefault(setup, queue.SimpleQueue())
        try:
            return idle.get_nowait()
        except queue.Empty:
            parser = ParserProcess(setup)
            _ALL.append(parser)
            return parser


def _release(setup: WorkerSetup, parser: ParserProcess) -> None:
    _IDLE[setup].put(parser)


def warm_up(setup: WorkerSetup) -> int:
    """Start this Dask worker's parser process (the pipeline loads once); its pid."""
    parser = _acquire(setup)
    try:
        parser.start()
        return parser.pid
    finally:
        _release(setup, parser)


def parser_pids() -> list[int]:
    """The parser processes of this Dask worker (for the benchmark's memory count)."""
    return [p.pid for p in _ALL if p.pid is not None]


def run_task(task: FileTask, setup: WorkerSetup) -> FileResult:
    parser = _acquire(setup)
    try:
        return parser.run(task)
    finally:
        _release(setup, parser)


@atexit.register
def _close_all() -> None:
    for parser in _ALL:
        parser.close()

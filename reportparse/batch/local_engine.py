"""The local engine: ``workers`` supervised worker processes on this machine, fed from threads of this process.

Each thread drives one :class:`ParserProcess` at a time (the threads only wait on sockets, so the GIL is not in the
way); the window of files handed out is bounded, so the parent holds a few files' results at a time.
"""

from __future__ import annotations

import queue
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait

from .process import ParserProcess
from .tasks import FileResult, FileTask, WorkerSetup

__all__ = ["LocalEngine"]


class LocalEngine:
    name = "local"

    def __init__(self, setup: WorkerSetup, workers: int, *, env: dict[str, str] | None = None) -> None:
        self.workers = workers
        self._parsers = [ParserProcess(setup, env=env) for _ in range(workers)]
        self._idle: queue.SimpleQueue[ParserProcess] = queue.SimpleQueue()
        for parser in self._parsers:
            self._idle.put(parser)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="reportparse-batch")

    def start(self) -> None:
        """Start every worker at once (they load the pipeline side by side); the first error stops the batch."""
        for future in [self._pool.submit(parser.start) for parser in self._parsers]:
            future.result()

    def worker_pids(self) -> list[int]:
        return [p.pid for p in self._parsers if p.pid is not None]

    def results(self, tasks: Iterable[FileTask]) -> Iterator[FileResult]:
        """Results as files finish (not in order)."""
        pending = iter(tasks)
        window: set[Future] = set()

        def submit_next() -> None:
            task = next(pending, None)
            if task is not None:
                window.add(self._pool.submit(self._run, task))

        for _ in range(2 * self.workers):  # one running and one waiting a worker
            submit_next()
        while window:
            done, _ = wait(window, return_when=FIRST_COMPLETED)
            for future in done:
                window.discard(future)
                yield future.result()
                submit_next()

    def _run(self, task: FileTask) -> FileResult:
        parser = self._idle.get()
        try:
            return parser.run(task)
        finally:
            self._idle.put(parser)

    def close(self) -> None:
        """Kill the workers (a file being parsed is left for the next run) and wait for the threads."""
        for parser in self._parsers:
            parser.close()
        self._pool.shutdown(wait=True, cancel_futures=True)

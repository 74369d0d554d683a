"""The Dask engine: files are Dask tasks on a cluster (``scheduler`` "tcp://host:8786") or on a LocalCluster of
``workers`` processes; inside each Dask worker a supervised parser process does the parsing (``remote.py``).

Dask brings the distribution and the resilience: a Dask worker lost mid-run has its files run again elsewhere (a
file that keeps killing Dask workers ends as E057 after the scheduler's ``allowed-failures``).  The batch state
(manifest, ledger, parts, outputs) stays with this process: workers only read the input files, which must be at
the same paths on every machine (shared storage).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from ..errors import Errors, ReportParseError
from . import remote
from .tasks import FileResult, FileTask, WorkerSetup, failure

__all__ = ["DaskEngine"]

_CONNECT_TIMEOUT = "30s"


class DaskEngine:
    name = "dask"

    def __init__(self, setup: WorkerSetup, workers: int, *, scheduler: str | None = None) -> None:
        self.setup = setup
        self.workers = workers
        self.scheduler = scheduler
        self.client = None
        self.cluster = None

    def start(self) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise ReportParseError(Errors.E064, name="engine", value="dask",
                                   hint="Dask is not installed: `pip install 'dask[distributed]'`") from None
        if self.scheduler:
            try:
                self.client = Client(self.scheduler, timeout=_CONNECT_TIMEOUT)
            except (OSError, TimeoutError) as exc:
                raise ReportParseError(Errors.E064, name="scheduler", value=self.scheduler,
                                       hint=f"no Dask scheduler answers there ({exc}); start one with "
                                            "`dask scheduler` and workers with `dask worker ADDRESS`") from None
        else:
            self.cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                        dashboard_address=None, silence_logs=logging.ERROR,
                                        memory_limit=0)  # the parser processes hold the memory limit
            self.client = Client(self.cluster)
        self._warm_up()
        self.workers = sum(self.client.nthreads().values()) or self.workers

    def _warm_up(self) -> None:
        """Every worker thread loads the pipeline now (as a task, off the worker's event loop); errors surface here."""
        futures = [self.client.submit(remote.warm_up, self.setup, workers=[address], allow_other_workers=False,
                                      pure=False)
                   for address, threads in self.client.nthreads().items() for _ in range(threads)]
        self.client.gather(futures)

    def worker_pids(self) -> list[int]:
        """The Dask workers' processes and their parser processes."""
        import os

        if self.client is None:
            return []
        pids = list(self.client.run(os.getpid).values())
        return pids + [pid for found in self.client.run(remote.parser_pids).values() for pid in found]

    def results(self, tasks: Iterable[FileTask]) -> Iterator[FileResult]:
        from distributed import KilledWorker, as_completed

        pending = iter(tasks)
        running = as_completed()
        by_key: dict[str, FileTask] = {}

        def submit_next() -> None:
            task = next(pending, None)
            if task is not None:
                future = self.client.submit(remote.run_task, task, self.setup, pure=False,
                                            key=f"reportparse-{task.sha256[:16]}-{task.index}")
                by_key[future.key] = task
                running.add(future)

        for _ in range(2 * self.workers):
            submit_next()
        for future in running:
            task = by_key.pop(future.key)
            try:
                result = future.result()
            except KilledWorker as exc:  # the file took Dask workers down with it, again and again: set aside
                result = failure(task, ReportParseError(Errors.E057, path=task.path, attempts="several",
                                                        detail=f"Dask: {exc}"))
            # any other error (the scheduler lost, a worker that cannot load the pipeline) is not the file's:
            # it stops the batch, and the next run resumes
            future.release()
            yield result
            submit_next()

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
        self.client = self.cluster = None

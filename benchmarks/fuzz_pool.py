"""A pool of worker processes for the fuzz harness (``fuzz_reports.py``): one input at a time per worker, each
worker under limits, replaced when it dies or overruns.

What ends an input, as the harness counts it:

* ``run(path)`` returns ``(outcome, detail)``: whatever the caller's function says (``report``, ``coded:E042``,
  ``uncaught:IndexError`` with the traceback as detail);
* ``timeout``: the worker used more than ``cpu_limit`` seconds of CPU on the input (the kernel ends it with
  SIGXCPU: the soft RLIMIT_CPU is moved to "used so far + limit" before each input), or more than ``wall_limit``
  seconds of wall time (a worker blocked without using CPU: it is killed).  CPU time is the limit because on a
  shared two-core machine a niced worker may wait for a CPU, and waiting is not a hang;
* ``crash:<why>``: the worker died (a signal, an exit) or raised MemoryError (its address space is limited to
  what it held when it started plus ``memory_limit`` bytes; it reports and exits, as its state is not to be
  trusted after that).

Workers are forked from the caller, so whatever the caller loaded and warmed before (the spaCy pipelines) is
shared and a replacement starts at once.
"""

from __future__ import annotations

import os
import resource
import signal
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing import get_context
from multiprocessing.connection import Connection, wait

__all__ = ["Task", "Result", "PoolLimits", "WorkerPool"]

RunFunc = Callable[[str], tuple[str, str]]


@dataclass(frozen=True)
class Task:
    index: int
    path: str


@dataclass(frozen=True)
class Result:
    index: int
    outcome: str  # "report", "coded:E042", "uncaught:IndexError", "timeout", "crash:SIGSEGV", ...
    detail: str = ""  # the traceback of an uncaught exception, the signal of a crash
    cpu: float = 0.0  # seconds of CPU the worker spent on the input
    wall: float = 0.0


@dataclass(frozen=True)
class PoolLimits:
    cpu_limit: float = 20.0  # seconds of CPU an input may take
    wall_limit: float = 600.0  # seconds of wall time: a worker blocked without using CPU (or starved of it)
    memory_limit: int = 3 * 1024 ** 3  # bytes of address space a worker may add to what it held when it started


def _vm_size() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[0]) * resource.getpagesize()


def _cpu_used() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _serve(conn: Connection, run: RunFunc, limits: PoolLimits) -> None:
    """A worker's loop: receive a path, run it, send the result; ``None`` ends it."""
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # SIGXCPU and SIGSEGV would dump hundreds of MB
    address = _vm_size() + limits.memory_limit
    resource.setrlimit(resource.RLIMIT_AS, (address, resource.getrlimit(resource.RLIMIT_AS)[1]))
    signal.signal(signal.SIGXCPU, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the parent, which ends its workers
    while True:
        task = conn.recv()
        if task is None:
            return
        cpu0, wall0 = _cpu_used(), time.perf_counter()
        soft = int(cpu0) + 1 + int(limits.cpu_limit + 0.999)
        resource.setrlimit(resource.RLIMIT_CPU, (soft, resource.getrlimit(resource.RLIMIT_CPU)[1]))
        try:
            outcome, detail = run(task.path)
        except MemoryError:
            conn.send(Result(task.index, "crash:MemoryError", "MemoryError", _cpu_used() - cpu0,
                             time.perf_counter() - wall0))
            os._exit(3)
        except BaseException as exc:  # noqa: BLE001 - everything the run function let through is a finding
            outcome, detail = f"uncaught:{type(exc).__name__}", traceback.format_exc()
        conn.send(Result(task.index, outcome, detail, _cpu_used() - cpu0, time.perf_counter() - wall0))


def _process_cpu(pid: int) -> float:
    """Seconds of CPU process ``pid`` has used (its user and system time in /proc), 0 when it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class _Worker:
    process: object
    conn: Connection
    task: Task | None = None
    started: float = 0.0
    cpu_at_start: float = 0.0


class WorkerPool:
    """``jobs`` workers that run ``run(path)`` for each task; ``map`` yields a :class:`Result` per task."""

    def __init__(self, run: RunFunc, jobs: int = 2, limits: PoolLimits = PoolLimits()) -> None:
        self.run, self.jobs, self.limits = run, max(1, jobs), limits
        self.context = get_context("fork")
        self.workers: list[_Worker] = []
        self.replaced = 0  # workers replaced after a timeout or a crash

    def _spawn(self) -> _Worker:
        parent, child = self.context.Pipe()
        process = self.context.Process(target=_serve, args=(child, self.run, self.limits), daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent)

    def _replace(self, worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(5)
        worker.conn.close()
        self.workers[self.workers.index(worker)] = self._spawn()
        self.replaced += 1

    def map(self, tasks: Iterable[Task]) -> Iterator[Result]:
        pending: Iterator[Task] = iter(tasks)
        queue: deque[Task] = deque()
        self.workers = [self._spawn() for _ in range(self.jobs)]
        try:
            while True:
                for worker in self.workers:
                    if worker.task is None:
                        task = queue.popleft() if queue else next(pending, None)
                        if task is None:
                            continue
                        worker.task, worker.started = task, time.perf_counter()
                        worker.cpu_at_start = _process_cpu(worker.process.pid)
                        worker.conn.send(task)
                busy = [w for w in self.workers if w.task is not None]
                if not busy:
                    return
                ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=0.5)
                for worker in busy:
                    result = self._collect(worker, ready)
                    if result is not None:
                        yield result
        finally:
            self.close()

    def _collect(self, worker: _Worker, ready: list) -> Result | None:
        """The worker's result if it has one, a timeout or a crash if it overran or died; None while it runs."""
        task = worker.task
        elapsed = time.perf_counter() - worker.started
        if worker.conn in ready or worker.process.sentinel in ready and worker.conn.poll():
            try:
                result = worker.conn.recv()
            except (EOFError, OSError):
                result = None
            if result is not None:
                worker.task = None
                if result.outcome.startswith("crash:"):
                    self._replace(worker)
                return result
        if worker.process.sentinel in ready or not worker.process.is_alive():
            worker.process.join(5)
            code = worker.process.exitcode
            self._replace(worker)
            if code == -signal.SIGXCPU:
                return Result(task.index, "timeout", f"over {self.limits.cpu_limit:g} s of CPU",
                              cpu=self.limits.cpu_limit, wall=elapsed)
            why = signal.Signals(-code).name if code is not None and code < 0 else f"exit{code}"
            return Result(task.index, f"crash:{why}", f"worker died ({why})", wall=elapsed)
        if elapsed > self.limits.wall_limit:
            cpu = _process_cpu(worker.process.pid) - worker.cpu_at_start
            self._replace(worker)
            return Result(task.index, "timeout", f"over {self.limits.wall_limit:g} s of wall time ({cpu:.1f} s of "
                          f"CPU)", cpu=cpu, wall=elapsed)
        return None

    def close(self) -> None:
        for worker in self.workers:
            try:
                if worker.task is None and worker.process.is_alive():
                    worker.conn.send(None)
                    worker.process.join(2)
            except (OSError, ValueError):
                pass
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(2)
            worker.conn.close()
        self.workers = []

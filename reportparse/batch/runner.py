"""A batch run, start to end: lock the folder, check the header, list new inputs, parse the chunks not yet
committed, commit each as it completes, and derive the outputs when every chunk is in.

Exactly once: what is done is what the ledger says (``ledger.py``), and outputs are derived from it; a run killed at
any point (Ctrl-C, SIGKILL, the machine running out of memory) loses at most the chunks it had not committed, and
the next run of the same command parses those and nothing else.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .folder import BatchFolder
from .ledger import ChunkRecord, ChunkState, Ledger, commit_chunk
from .lock import BatchLock
from .manifest import Discovery, Entry, iter_chunks, iter_entries, open_header, update_manifest
from .options import BatchConfig
from .output import Results, is_done, write_errors, write_results
from .progress import Observer, Progress
from .tasks import FileResult, FileTask, WorkerSetup
from .worker import import_plugins

__all__ = ["run_batch", "BatchSummary", "make_engine"]


@dataclass(frozen=True)
class BatchSummary:
    out: Path
    engine: str
    discovery: Discovery
    done_before: int  # files already committed when this run started
    parsed: int  # reports parsed by this run
    failed: int  # files that failed in this run
    pages: int  # pages of this run's reports
    seconds: float  # this run's parsing time (after the workers were ready)
    nothing_to_do: bool = False  # the batch was finished already: nothing was written
    results: Results | None = None  # totals of the whole batch (None when there was nothing to do)

    @property
    def output(self) -> Path | None:
        return self.out / self.results.output if self.results else None


@dataclass
class _Open:
    expected: int
    results: list[FileResult]
    retry: int = 0  # the retry this commit will be (0: the chunk's first)


def make_engine(config: BatchConfig, setup: WorkerSetup, env: dict[str, str] | None = None):
    if config.engine == "dask":
        from .dask_engine import DaskEngine

        return DaskEngine(setup, config.workers, scheduler=config.scheduler)
    from .local_engine import LocalEngine

    return LocalEngine(setup, config.workers, env=env)


def run_batch(config: BatchConfig, *, observer: Observer | None = None,
              env: dict[str, str] | None = None) -> BatchSummary:
    """Run (or resume) the batch ``config`` describes; KeyboardInterrupt stops it cleanly (re-raised after the
    workers are stopped: what was committed stays).  ``env``: the local workers' environment (default: this one's)."""
    from ..layout import report_suffixes

    folder = BatchFolder(config.out.absolute())
    folder.root.mkdir(parents=True, exist_ok=True)
    observer = observer or Progress()
    with BatchLock(folder.lock):
        header = open_header(folder, config)
        import_plugins(config.parse.plugins)  # their loaders' suffixes are walked too
        discovery = update_manifest(folder, config, report_suffixes(), int(header["chunk_size"]))
        ledger = Ledger(folder)
        records = ledger.open()
        chunk_files = _chunk_files(folder)
        retried = {c: s for c, s in records.items() if s.failed} if config.retry_failed else {}
        done_before = sum(r.files for r in records.values()) - sum(len(s.failed) for s in retried.values())
        todo = sum(n for c, n in chunk_files.items() if c not in records) + \
            sum(len(s.failed) for s in retried.values())
        summary = dict(out=folder.root, engine=config.engine, discovery=discovery, done_before=done_before)
        if not todo:
            if is_done(folder, config.fmt, records):
                return BatchSummary(**summary, parsed=0, failed=0, pages=0, seconds=0.0,
                                    nothing_to_do=True)
            results = write_results(folder, config.fmt, records, chunk_files)
            return BatchSummary(**summary, parsed=0, failed=0, pages=0, seconds=0.0, results=results)
        engine = make_engine(config, WorkerSetup(config.parse, config.limits), env)
        tally = _Tally()
        try:
            engine.start()
            observer.started(todo, done_before)
            start = time.monotonic()
            _process(folder, ledger, engine, records, retried, _Watch(observer, tally))
            tally.seconds = time.monotonic() - start
        finally:
            observer.finished()
            engine.close()
            if tally.files < todo:  # stopped early: what failed so far is listed all the same
                write_errors(folder, [r for _, r in sorted(ledger.load().items())])
        records = ledger.load()
        results = write_results(folder, config.fmt, records, chunk_files)
        return BatchSummary(**summary, parsed=tally.parsed, failed=tally.failed, pages=tally.pages,
                            seconds=tally.seconds, results=results)


@dataclass
class _Tally:
    files: int = 0
    parsed: int = 0
    failed: int = 0
    pages: int = 0
    seconds: float = 0.0


class _Watch(Observer):
    """Counts this run's results, then passes them on."""

    def __init__(self, inner: Observer, tally: _Tally) -> None:
        self.inner, self.tally = inner, tally

    def file_done(self, result: FileResult) -> None:
        self.tally.files += 1
        self.tally.parsed += result.ok
        self.tally.failed += not result.ok
        self.tally.pages += result.pages
        self.inner.file_done(result)

    def chunk_committed(self, record: ChunkRecord) -> None:
        self.inner.chunk_committed(record)


def _chunk_files(folder: BatchFolder) -> dict[int, int]:
    counts: dict[int, int] = {}
    for entry in iter_entries(folder):
        if entry.chunk is not None:
            counts[entry.chunk] = counts.get(entry.chunk, 0) + 1
    return counts


def _process(folder: BatchFolder, ledger: Ledger, engine, records: dict[int, ChunkState],
             retried: dict[int, ChunkState], observer: Observer) -> None:
    """Feed the uncommitted chunks' files, then the failed files of ``retried``, to the engine; commit each chunk
    (or retry) when its last file is back."""
    open_chunks: dict[int, _Open] = {}

    def tasks() -> Iterator[FileTask]:
        failed = {f.index for state in retried.values() for f in state.failed}
        again: dict[int, list[Entry]] = {}
        for chunk in iter_chunks(folder):
            if chunk.id in retried:
                again[chunk.id] = [entry for entry in chunk.entries if entry.index in failed]
            if chunk.id in records:
                continue
            open_chunks[chunk.id] = _Open(len(chunk.entries), [])
            for entry in chunk.entries:
                yield FileTask(entry.index, chunk.id, entry.path, entry.sha256, entry.size)
        for chunk_id, entries in again.items():
            open_chunks[chunk_id] = _Open(len(entries), [], retry=retried[chunk_id].retries + 1)
            for entry in entries:
                yield FileTask(entry.index, chunk_id, entry.path, entry.sha256, entry.size)

    for result in engine.results(tasks()):
        observer.file_done(result)
        slot = open_chunks[result.chunk]
        slot.results.append(result)
        if len(slot.results) == slot.expected:
            del open_chunks[result.chunk]
            observer.chunk_committed(commit_chunk(folder, ledger, result.chunk, slot.results, slot.retry))

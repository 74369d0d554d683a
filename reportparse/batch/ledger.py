"""The ledger: one line per commit, the only record of what is done.

A chunk is committed in two steps: its part file (the reports, in manifest order) is written under a temporary
name, synced and renamed; then its ledger line (the part, its hash and line count, and the files that failed, with
their codes) is appended and synced.  A run killed between the two leaves a part the ledger does not name: the next
run deletes it and parses the chunk again.  So every chunk is in the output once or not at all.

A retry (``--retry-failed``) commits the same way: a part of the files that now parse and a line (``retry`` n) that
names the files still failing, which supersedes the chunk's failures before it.  Each file of a chunk is in its
first part, in one retry's part or still failed, never twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from ..errors import Errors, ReportParseError
from .folder import BatchFolder
from .jsonlog import TMP_SUFFIX, JsonLog, dumps, write_atomic
from .tasks import FileResult

__all__ = ["Failure", "ChunkRecord", "ChunkState", "Ledger", "commit_chunk", "read_part", "read_chunk"]


@dataclass(frozen=True, slots=True)
class Failure:
    index: int
    path: str
    sha256: str
    code: str
    message: str


@dataclass(frozen=True)
class ChunkRecord:
    chunk: int
    part: str | None  # file name in parts/, None when no file of the chunk gave a report
    reports: int  # lines in the part
    pages: int
    sha256: str | None  # of the part's bytes
    failed: tuple[Failure, ...] = ()
    committed: str = ""
    retry: int = 0  # 0: the chunk's first commit; n: the n-th retry of the files it still had failed

    @property
    def files(self) -> int:
        return self.reports + len(self.failed)

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["failed"] = [asdict(f) for f in self.failed]
        return data

    @classmethod
    def from_dict(cls, data: dict) -> ChunkRecord:
        return cls(**{**data, "failed": tuple(Failure(**f) for f in data.get("failed", ()))})


@dataclass(frozen=True)
class ChunkState:
    """A committed chunk as its commits leave it: the first, then each retry of the files still failing."""

    commits: tuple[ChunkRecord, ...]

    @property
    def chunk(self) -> int:
        return self.commits[0].chunk

    @property
    def reports(self) -> int:
        return sum(c.reports for c in self.commits)

    @property
    def pages(self) -> int:
        return sum(c.pages for c in self.commits)

    @property
    def failed(self) -> tuple[Failure, ...]:
        return self.commits[-1].failed

    @property
    def files(self) -> int:
        return self.reports + len(self.failed)

    @property
    def retries(self) -> int:
        return len(self.commits) - 1

    def then(self, record: ChunkRecord) -> ChunkState:
        """This state with a retry commit added, checked: the next retry, of exactly the files that failed."""
        if record.retry != self.retries + 1:
            raise ValueError(f"chunk {record.chunk} has retry {record.retry} after {self.retries}")
        before = {f.index for f in self.failed}
        if record.files != len(before) or not {f.index for f in record.failed} <= before:
            raise ValueError(f"retry {record.retry} of chunk {record.chunk} is not of the files that had failed")
        return ChunkState((*self.commits, record))


class Ledger:
    def __init__(self, folder: BatchFolder) -> None:
        self.folder = folder
        self._log = JsonLog(folder.ledger)

    def load(self) -> dict[int, ChunkState]:
        """Committed chunks by id (a torn last line, from a run killed while appending it, is not a commit)."""
        states: dict[int, ChunkState] = {}
        try:
            for data in self._log.read():
                record = ChunkRecord.from_dict(data)
                if record.retry == 0:
                    if record.chunk in states:
                        raise ValueError(f"chunk {record.chunk} is committed twice")
                    states[record.chunk] = ChunkState((record,))
                elif record.chunk not in states:
                    raise ValueError(f"retry {record.retry} of chunk {record.chunk}, which was never committed")
                else:
                    states[record.chunk] = states[record.chunk].then(record)
        except (ValueError, TypeError, KeyError) as exc:
            raise ReportParseError(Errors.E063, out=self.folder.root, detail=f"ledger.jsonl: {exc}") from None
        return states

    def open(self) -> dict[int, ChunkState]:
        """Before a run appends: cut a torn line, delete parts no commit names, and return the commits."""
        self._log.repair()
        records = self.load()
        named = {c.part for state in records.values() for c in state.commits if c.part}
        if self.folder.parts.is_dir():
            for path in self.folder.parts.iterdir():
                if path.name not in named or path.name.endswith(TMP_SUFFIX):
                    path.unlink()
        return records

    def append(self, record: ChunkRecord) -> None:
        self._log.append([record.to_dict()])


def commit_chunk(folder: BatchFolder, ledger: Ledger, chunk: int, results: list[FileResult], retry: int = 0
                 ) -> ChunkRecord:
    """Write the chunk's part (its reports in manifest order) atomically, then its ledger line; ``retry`` n for
    the n-th retry of the chunk's failed files (``results`` holds those files only)."""
    results = sorted(results, key=lambda r: r.index)
    lines = [dumps({"index": r.index, "sha256": r.sha256, "report": r.report}) + "\n" for r in results if r.ok]
    part, digest = None, None
    if lines:
        data = "".join(lines).encode("utf-8")
        folder.parts.mkdir(exist_ok=True)
        path = write_atomic(folder.part(chunk, retry), lambda handle: handle.write(data))
        part, digest = path.name, hashlib.sha256(data).hexdigest()
    failed = tuple(Failure(r.index, r.path, r.sha256, r.code or "E999", r.message or "") for r in results if not r.ok)
    record = ChunkRecord(chunk=chunk, part=part, reports=len(lines), pages=sum(r.pages for r in results if r.ok),
                         sha256=digest, failed=failed,
                         committed=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), retry=retry)
    ledger.append(record)
    return record


def read_chunk(folder: BatchFolder, state: ChunkState) -> list[dict]:
    """The lines of every part of the chunk, in manifest order."""
    rows = [row for record in state.commits for row in read_part(folder, record)]
    return rows if state.retries == 0 else sorted(rows, key=lambda row: row["index"])


def read_part(folder: BatchFolder, record: ChunkRecord) -> list[dict]:
    """The part's lines, checked against the ledger (hash and count): E063 when they differ."""
    if record.part is None:
        return []
    path: Path = folder.parts / record.part
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReportParseError(Errors.E063, out=folder.root,
                               detail=f"part {record.part} of chunk {record.chunk} cannot be read: {exc}") from None
    if hashlib.sha256(data).hexdigest() != record.sha256:
        raise ReportParseError(Errors.E063, out=folder.root,
                               detail=f"part {record.part} is not what the ledger committed (hash differs)")
    rows = [json.loads(line) for line in data.splitlines()]
    if len(rows) != record.reports:
        raise ReportParseError(Errors.E063, out=folder.root,
                               detail=f"part {record.part} has {len(rows)} reports, the ledger {record.reports}")
    return rows

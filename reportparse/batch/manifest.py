"""The manifest: every input once, by content hash, in output order, each with the chunk it is parsed in.

``batch.json`` holds what the batch was started with (input, parse options, chunk size); a run with another input
(E060) or other options (E061) is refused.  ``manifest.jsonl`` only grows: each run walks the input again, hashes the
files it has not seen (a file whose size and modification time are unchanged keeps its hash), and appends the new
ones in new chunks, so a re-run after adding files parses only those.  A file with the bytes of one already listed
is recorded as its duplicate (``dup_of``) and not parsed again: one report per content.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from ..errors import Errors, ReportParseError
from .folder import BatchFolder
from .jsonlog import JsonLog, write_atomic
from .options import BatchConfig
from .tasks import file_sha256

__all__ = ["Entry", "Chunk", "Discovery", "open_header", "discover", "update_manifest", "iter_entries",
           "iter_chunks", "STATE_VERSION"]

STATE_VERSION = 1
_LIST_SUFFIXES = ("", ".txt", ".lst", ".list", ".csv")


@dataclass(frozen=True, slots=True)
class Entry:
    index: int  # place in the output
    path: str  # absolute
    sha256: str
    size: int
    mtime_ns: int
    chunk: int | None  # None for a duplicate
    dup_of: int | None = None

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        if self.dup_of is None:
            del data["dup_of"]
        return data


@dataclass(frozen=True)
class Chunk:
    id: int
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Discovery:
    seen: int  # files found in the input this run
    new: int  # new contents listed (to parse)
    duplicates: int  # new paths whose bytes were already listed
    files: int  # contents listed in all
    chunks: int


def open_header(folder: BatchFolder, config: BatchConfig) -> dict[str, object]:
    """The batch's header: written on the first run, checked against ``config`` on every later one."""
    wanted = {"state_version": STATE_VERSION, "input": str(config.input.absolute()),
              "options": config.parse.to_dict(), "chunk_size": config.chunk_size}
    if not folder.header.exists():
        header = {**wanted, "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}
        write_atomic(folder.header, lambda h: h.write(json.dumps(header, indent=1).encode("utf-8")))
        return header
    try:
        header = json.loads(folder.header.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ReportParseError(Errors.E063, out=folder.root, detail=f"batch.json cannot be read: {exc}") from None
    if header.get("state_version") != STATE_VERSION:
        raise ReportParseError(Errors.E063, out=folder.root,
                               detail=f"batch.json has state version {header.get('state_version')!r}, "
                                      f"this reportparse writes {STATE_VERSION}")
    if header["input"] != wanted["input"]:
        raise ReportParseError(Errors.E060, out=folder.root, old=header["input"], new=wanted["input"])
    if header["options"] != wanted["options"]:
        raise ReportParseError(Errors.E061, out=folder.root, diff=_diff(header["options"], wanted["options"]))
    return header


def _diff(old: dict, new: dict, prefix: str = "") -> str:
    changes = []
    for key in sorted(set(old) | set(new)):
        a, b = old.get(key), new.get(key)
        if isinstance(a, dict) and isinstance(b, dict):
            inner = _diff(a, b, f"{prefix}{key}.")
            changes.extend([inner] if inner else [])
        elif a != b:
            changes.append(f"{prefix}{key}: started with {a!r}, now {b!r}")
    return "; ".join(changes)


def discover(source: Path, suffixes: set[str], exclude: Path | None = None) -> Iterator[Path]:
    """The input's files, absolute, in output order: a folder walked in sorted order (report files only, as
    ``reportparse parse``), or a list file's paths in their order (relative ones from the list's folder)."""
    source = source.absolute()
    if source.is_dir():
        for path in sorted(p for p in source.rglob("*") if p.suffix.lower() in suffixes and p.is_file()):
            if exclude is None or not path.is_relative_to(exclude):
                yield path
        return
    yield from _listed(source)


def _listed(source: Path) -> Iterator[Path]:
    if not source.is_file():
        raise ReportParseError(Errors.E064, name="input", value=str(source),
                               hint="no such folder or file; give a folder of reports or a text file listing "
                                    "one path a line")
    data = source.read_bytes()
    if source.suffix.lower() not in _LIST_SUFFIXES or b"\x00" in data[:4096] or data.startswith(b"%PDF"):
        raise ReportParseError(Errors.E064, name="input", value=str(source),
                               hint="a batch reads a folder, or a text file listing one path a line (.txt, .lst); "
                                    "parse single reports with `reportparse parse`")
    for line in data.decode("utf-8-sig", errors="replace").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            path = Path(line).expanduser()
            yield path if path.is_absolute() else (source.parent / path).absolute()


def iter_entries(folder: BatchFolder) -> Iterator[Entry]:
    try:
        for data in JsonLog(folder.manifest).read():
            yield Entry(**data)
    except (ValueError, TypeError) as exc:
        raise ReportParseError(Errors.E063, out=folder.root, detail=f"manifest.jsonl: {exc}") from None


def update_manifest(folder: BatchFolder, config: BatchConfig, suffixes: set[str], chunk_size: int) -> Discovery:
    """List the input's new contents in new chunks (appended, synced a chunk at a time)."""
    log = JsonLog(folder.manifest)
    log.repair()
    known_paths: dict[str, tuple[int, int, str]] = {}  # path -> (size, mtime_ns, sha256): the stat cache
    known_hashes: dict[str, int] = {}  # sha256 -> index of its first listing
    next_index, next_chunk, files = 0, 0, 0
    for entry in iter_entries(folder):
        known_paths[entry.path] = (entry.size, entry.mtime_ns, entry.sha256)
        known_hashes.setdefault(entry.sha256, entry.index)
        next_index = entry.index + 1
        if entry.chunk is not None:
            files += 1
            next_chunk = entry.chunk + 1  # a run always starts a new chunk: committed chunks never grow
    seen = new = duplicates = 0
    in_chunk, pending = 0, []
    for path in discover(config.input, suffixes, exclude=folder.root.absolute()):
        seen += 1
        entry = _listing(path, known_paths, known_hashes, next_index, next_chunk)
        if entry is None:
            continue
        known_paths[entry.path] = (entry.size, entry.mtime_ns, entry.sha256)
        pending.append(entry.to_dict())
        next_index += 1
        if entry.dup_of is not None:
            duplicates += 1
            continue
        known_hashes[entry.sha256] = entry.index
        new += 1
        in_chunk += 1
        if in_chunk == chunk_size:
            log.append(pending)
            pending, in_chunk, next_chunk = [], 0, next_chunk + 1
    log.append(pending)
    return Discovery(seen=seen, new=new, duplicates=duplicates, files=files + new,
                     chunks=next_chunk + (1 if in_chunk else 0))


def _listing(path: Path, known_paths: dict[str, tuple[int, int, str]], known_hashes: dict[str, int],
             index: int, chunk: int) -> Entry | None:
    """The entry to append for ``path``, or None when it is listed already."""
    key = str(path)
    try:
        stat = path.stat()
    except OSError:
        return None  # gone since the walk; a listed path that disappears later fails as E001
    known = known_paths.get(key)
    if known is not None and known[:2] == (stat.st_size, stat.st_mtime_ns):
        return None
    try:
        sha = file_sha256(path)
    except OSError:
        return None
    if known is not None and known[2] == sha:
        return None  # touched, same bytes
    first = known_hashes.get(sha)
    if first is not None:
        return Entry(index, key, sha, stat.st_size, stat.st_mtime_ns, chunk=None, dup_of=first)
    return Entry(index, key, sha, stat.st_size, stat.st_mtime_ns, chunk=chunk)


def iter_chunks(folder: BatchFolder) -> Iterator[Chunk]:
    """The manifest's chunks in order, streamed (a chunk's entries are consecutive lines)."""
    current: list[Entry] = []
    seen: set[int] = set()
    for entry in iter_entries(folder):
        if entry.chunk is None:
            continue
        if current and entry.chunk != current[0].chunk:
            yield Chunk(current[0].chunk, tuple(current))
            current = []
        if not current:
            if entry.chunk in seen:
                raise ReportParseError(Errors.E063, out=folder.root,
                                       detail=f"manifest.jsonl lists chunk {entry.chunk} in two places")
            seen.add(entry.chunk)
        current.append(entry)
    if current:
        yield Chunk(current[0].chunk, tuple(current))


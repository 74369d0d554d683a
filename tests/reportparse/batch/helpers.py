"""Helpers for the batch tests: generated inputs, running ``reportparse batch`` as a real process, and the
invariants every batch folder must keep (each listed report exactly once, whole lines, a consistent ledger)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PLUGIN = "tests.reportparse.batch.plugin_loaders"


def generate_reports(out: Path, n: int, fmt: str = "txt", seed: int = 0) -> list[Path]:
    """``n`` generated Italian reports (``corpora``), rendered as ``fmt``, in ``out`` (no gold files)."""
    from corpora.reports import generate_corpus, write_report

    out.mkdir(parents=True, exist_ok=True)
    scratch = out.parent / f".{out.name}-gen"
    paths = [write_report(report, scratch, f)[0] for report, f in generate_corpus(n, lang="it", seed=seed,
                                                                                  formats=(fmt,))]
    paths = [Path(shutil.move(p, out / p.name)) for p in paths]
    shutil.rmtree(scratch)
    return paths


def env() -> dict[str, str]:
    """The environment of a batch under test: the repository on the path (for the test plugin)."""
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}


def batch_args(inp: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "reportparse", "batch", str(inp), "-o", str(out), "--ner", "off", *extra]


def run_batch_cli(inp: Path, out: Path, *extra: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(batch_args(inp, out, *extra), capture_output=True, text=True, env=env(), cwd=ROOT,
                          timeout=timeout)


def start_batch_cli(inp: Path, out: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(batch_args(inp, out, *extra), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env(), cwd=ROOT)


def wait_for(predicate, timeout: float = 90, step: float = 0.05) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(step)


def ledger_lines(out: Path) -> int:
    path = out / "ledger.jsonl"
    return path.read_bytes().count(b"\n") if path.exists() else 0


def read_jsonl(path: Path) -> list[dict]:
    data = path.read_bytes()
    assert not data or data.endswith(b"\n"), f"{path.name} ends in a truncated line"
    return [json.loads(line) for line in data.splitlines()]


def check_batch(out: Path) -> tuple[list[dict], list[dict]]:
    """Assert the folder's invariants; return (reports in output order, errors)."""
    manifest = read_jsonl(out / "manifest.jsonl")
    ledger = read_jsonl(out / "ledger.jsonl")
    files = [e for e in manifest if e.get("dup_of") is None]
    chunks = Counter(e["chunk"] for e in files)
    firsts = Counter(r["chunk"] for r in ledger if r.get("retry", 0) == 0)
    assert firsts == Counter(set(chunks)), "every chunk committed exactly once"
    reported, failed, retries = Counter(), {}, Counter()
    for record in ledger:  # retries of a chunk: 1, 2, ... each of the files still failed before it
        assert record.get("retry", 0) == retries[record["chunk"]], "retries in order"
        retries[record["chunk"]] += 1
        part = read_jsonl(out / "parts" / record["part"]) if record["part"] else []
        assert len(part) == record["reports"]
        if record.get("retry", 0):
            assert record["reports"] + len(record["failed"]) == len(failed[record["chunk"]])
        reported[record["chunk"]] += record["reports"]
        failed[record["chunk"]] = record["failed"]
    for chunk, count in chunks.items():
        assert reported[chunk] + len(failed[chunk]) == count
    names = {r["part"] for r in ledger if r["part"]}
    assert {p.name for p in (out / "parts").iterdir()} == names, "no part outside the ledger"
    reports = read_jsonl(out / "reports.jsonl")
    errors = read_jsonl(out / "errors.jsonl")
    done = [r["source"] for r in reports] + [e["path"] for e in errors]
    assert sorted(done) == sorted(e["path"] for e in files), "every listed file in the output or errors, once"
    index = {e["path"]: e["index"] for e in files}
    order = [index[r["source"]] for r in reports]
    assert order == sorted(order), "reports in manifest order"
    return reports, errors

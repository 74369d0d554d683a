"""A real ``reportparse batch`` stopped mid-run (SIGTERM, then SIGKILL) and run again: every report exactly once,
in manifest order, as a serial run parses it; no truncated line; the ledger consistent; no worker left behind."""

from __future__ import annotations

import re
import signal

import psutil
import pytest

import reportparse
from reportparse.ner.options import NerOptions

from .helpers import PLUGIN, check_batch, generate_reports, ledger_lines, run_batch_cli, start_batch_cli, wait_for

ARGS = ("--workers", "2", "--chunk-size", "4", "--plugin", PLUGIN)


@pytest.fixture
def inputs(tmp_path):
    inp = tmp_path / "in"
    generate_reports(inp, 24)
    # slow files (0.6 s each, under any limit) sort last, so a run is still busy when the test stops it
    for k, path in enumerate(generate_reports(tmp_path / "more", 6, seed=1)):
        (inp / f"zz_slow_{k}.slow").write_bytes(b"SLEEP 0.6\n" + path.read_bytes())
    return inp


def _stop_when(proc, out, lines: int, sig: int) -> list[int]:
    """Send ``sig`` once the ledger has ``lines`` commits; the worker pids it had."""
    wait_for(lambda: ledger_lines(out) >= lines or proc.poll() is not None)
    assert proc.poll() is None, "the batch finished before it could be stopped: " + proc.communicate()[1]
    workers = [p.pid for p in psutil.Process(proc.pid).children(recursive=True)]
    proc.send_signal(sig)
    proc.wait(timeout=60)
    return workers


def _gone(pids: list[int]) -> bool:
    return not any(psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE for pid in pids)


def test_a_stopped_batch_resumes_with_every_report_exactly_once(tmp_path, inputs):
    out = tmp_path / "batch"

    first = start_batch_cli(inputs, out, *ARGS)
    _stop_when(first, out, 2, signal.SIGTERM)  # as Ctrl-C: workers stopped, commits kept
    assert first.returncode == 130 and "Run the same command again to resume" in first.communicate()[1]
    assert not (out / "reports.jsonl").exists()
    after_first = ledger_lines(out)

    second = start_batch_cli(inputs, out, *ARGS)
    wait_for(lambda: ledger_lines(out) > after_first)
    busy = run_batch_cli(inputs, out, *ARGS)  # one folder, one batch
    assert busy.returncode == 2 and "[E062]" in busy.stderr and f"pid {second.pid}" in busy.stderr
    workers = _stop_when(second, out, after_first + 1, signal.SIGKILL)
    assert second.returncode == -signal.SIGKILL
    wait_for(lambda: _gone(workers), timeout=30)  # orphaned workers leave when their socket closes
    committed = sum(1 for _ in (out / "parts").glob("*.jsonl"))

    generate_reports(inputs, 3, seed=2)  # files added before the resume are parsed with it
    third = run_batch_cli(inputs, out, *ARGS)
    assert third.returncode == 0, third.stderr
    reports, errors = check_batch(out)
    assert len(reports) == 24 + 6 + 3 and errors == []
    parsed = int(re.search(r"this run parsed (\d+)", third.stderr).group(1))
    assert parsed == 33 - 4 * committed  # chunks committed before are not parsed again

    fourth = run_batch_cli(inputs, out, *ARGS)
    assert fourth.returncode == 0 and "nothing to do" in fourth.stderr
    assert reports == check_batch(out)[0]

    serial = {str(p): reportparse.parse_file(p, ner=NerOptions(backend="off")).to_dict()
              for p in sorted(inputs.glob("*.txt"))}
    assert {r["source"]: r for r in reports if r["source"].endswith(".txt")} == serial

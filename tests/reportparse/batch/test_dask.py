"""The Dask engine on a LocalCluster of 2 worker processes: a Dask worker killed mid-run has its files run again
elsewhere, and the batch ends with the outputs of a serial run, every report exactly once."""

from __future__ import annotations

import signal

import psutil
import pytest

import reportparse
from reportparse.ner.options import NerOptions

from .helpers import PLUGIN, check_batch, generate_reports, ledger_lines, start_batch_cli, wait_for

pytest.importorskip("distributed")


def _dask_workers(pid: int) -> list[psutil.Process]:
    """Processes under the batch that run a parser process: the Dask workers (not their nannies)."""
    found = []
    for proc in psutil.Process(pid).children(recursive=True):
        try:
            if any("reportparse.batch.worker" in " ".join(c.cmdline()) for c in proc.children()):
                found.append(proc)
        except psutil.NoSuchProcess:
            continue
    return found


def test_a_killed_dask_worker_loses_nothing(tmp_path):
    inp = tmp_path / "in"
    generate_reports(inp, 16)
    for k, path in enumerate(generate_reports(tmp_path / "more", 6, seed=1)):
        (inp / f"zz_slow_{k}.slow").write_bytes(b"SLEEP 0.6\n" + path.read_bytes())
    out = tmp_path / "batch"

    run = start_batch_cli(inp, out, "--engine", "dask", "--workers", "2", "--chunk-size", "4", "--plugin", PLUGIN)
    wait_for(lambda: ledger_lines(out) >= 1 or run.poll() is not None, timeout=120)
    assert run.poll() is None, run.communicate()[1]
    workers = _dask_workers(run.pid)
    assert len(workers) == 2
    workers[0].send_signal(signal.SIGKILL)
    stdout, stderr = run.communicate(timeout=240)
    assert run.returncode == 0, stderr
    assert not workers[0].is_running()

    reports, errors = check_batch(out)
    assert errors == [] and len(reports) == 22
    serial = {str(p): reportparse.parse_file(p, ner=NerOptions(backend="off")).to_dict()
              for p in sorted(inp.glob("*.txt"))}
    assert {r["source"]: r for r in reports if r["source"].endswith(".txt")} == serial
    assert "engine dask" in stderr

"""Per-file limits, for real: a file that sleeps, one that grows its worker past the memory limit, one that asks
for a huge block at once, and one that kills its worker are each set aside with their code, their workers replaced,
while the good files around them are all parsed."""

from __future__ import annotations

import sys
import time

import pytest

from .helpers import PLUGIN, check_batch, generate_reports, run_batch_cli

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="memory is read from /proc")


def test_slow_hungry_and_crashing_files_are_stopped_and_the_batch_goes_on(tmp_path):
    inp = tmp_path / "in"
    good = generate_reports(inp, 5)
    body = good[0].read_bytes()
    (inp / "a_sleeps.slow").write_bytes(b"SLEEP 600\n" + body)
    (inp / "b_grows.hog").write_bytes(b"GROW 1000\n" + body)
    (inp / "c_bursts.hog").write_bytes(b"BURST 8000\n" + body)
    (inp / "d_crashes.crash").write_bytes(b"boom\n")
    (inp / "e_naps.slow").write_bytes(b"SLEEP 0.2\n" + body)  # slow, but within the limit
    out = tmp_path / "batch"

    start = time.monotonic()
    run = run_batch_cli(inp, out, "--workers", "2", "--chunk-size", "3", "--plugin", PLUGIN,
                        "--time-limit", "10", "--memory-limit", "512", timeout=300)
    elapsed = time.monotonic() - start
    assert run.returncode == 0, run.stderr
    assert elapsed < 120, "the sleeping file was not stopped at the time limit"

    reports, errors = check_batch(out)
    codes = {e["path"].rsplit("/", 1)[1]: e["code"] for e in errors}
    assert codes == {"a_sleeps.slow": "E055", "b_grows.hog": "E056", "c_bursts.hog": "E056",
                     "d_crashes.crash": "E057"}
    messages = {e["path"].rsplit("/", 1)[1]: e["message"] for e in errors}
    assert "limit of 10 s" in messages["a_sleeps.slow"] and "--time-limit" in messages["a_sleeps.slow"]
    assert "MB resident" in messages["b_grows.hog"] and "--memory-limit" in messages["b_grows.hog"]
    assert "allocation failed" in messages["c_bursts.hog"]
    assert "died 2 time(s)" in messages["d_crashes.crash"] and "SIGKILL" in messages["d_crashes.crash"]
    assert sorted(r["source"] for r in reports) == sorted([*map(str, good), str(inp / "e_naps.slow")])
    assert all(r["values"] for r in reports)
    assert "E055 x1, E056 x2, E057 x1" in run.stderr

"""``--retry-failed``: after raising the limit that stopped them, the files set aside are parsed again; those that
parse join the output once, in manifest order, and the rest stay in errors.jsonl."""

from __future__ import annotations

import json
import sys

import pytest

from .helpers import PLUGIN, check_batch, generate_reports, ledger_lines, run_batch_cli

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the test plugin's crash is a SIGKILL")


def test_failed_files_are_retried_with_a_higher_limit_and_join_the_output_once(tmp_path):
    inp = tmp_path / "in"
    good = generate_reports(inp, 4)
    (inp / "b_slow.slow").write_bytes(b"SLEEP 4\n" + good[0].read_bytes())
    (inp / "c_crashes.crash").write_bytes(b"boom\n")
    out = tmp_path / "batch"
    common = ("--chunk-size", "3", "--plugin", PLUGIN)

    first = run_batch_cli(inp, out, *common, "--time-limit", "1", timeout=300)
    assert first.returncode == 0, first.stderr
    reports, errors = check_batch(out)
    assert {e["path"].rsplit("/", 1)[1]: e["code"] for e in errors} == {"b_slow.slow": "E055",
                                                                       "c_crashes.crash": "E057"}
    assert len(reports) == 4

    again = run_batch_cli(inp, out, *common, "--time-limit", "60", timeout=300)  # no --retry-failed: nothing to do
    assert again.returncode == 0 and ledger_lines(out) == 2

    retried = run_batch_cli(inp, out, *common, "--time-limit", "60", "--retry-failed", timeout=300)
    assert retried.returncode == 0, retried.stderr
    reports, errors = check_batch(out)
    assert [e["path"].rsplit("/", 1)[1] for e in errors] == ["c_crashes.crash"]
    assert sorted(r["source"] for r in reports) == sorted([*map(str, good), str(inp / "b_slow.slow")])
    ledger = [json.loads(line) for line in (out / "ledger.jsonl").read_text().splitlines()]
    assert [r["retry"] for r in ledger] == [0, 0, 1]  # both failures sort into the first chunk: one retry line
    done = json.loads((out / "done.json").read_text())
    assert (done["reports"], done["failed"], done["retries"]) == (5, 1, 1)

    twice = run_batch_cli(inp, out, *common, "--retry-failed", timeout=300)  # the crash fails again: retry 2
    assert twice.returncode == 0
    assert [e["path"].rsplit("/", 1)[1] for e in check_batch(out)[1]] == ["c_crashes.crash"]
    assert ledger_lines(out) == 4

"""The README's main job (`make run`) end to end, without make: parse the samples, write JSONL and CSV, score."""

import json
import subprocess
import sys


def test_main_job(samples_dir, tmp_path):
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "reportparse", "parse", str(samples_dir / "raw"), "-o", str(out / "values.jsonl"),
           "-o", str(out / "values.csv"), "--summary"]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    assert "parsed 9 of 9" in done.stderr
    reports = [json.loads(line) for line in (out / "values.jsonl").read_text().splitlines()]
    assert len(reports) == 9 and sum(len(r["values"]) for r in reports) > 250
    assert (out / "values.csv").read_text().count("\n") > 250
    scored = subprocess.run([sys.executable, "-m", "reportparse", "evaluate", "--gold", str(samples_dir / "gold"),
                             str(out / "values.jsonl")], capture_output=True, text=True, check=True)
    assert scored.stdout.strip().splitlines()[-1].split()[0] == "ALL"


def test_main_job_second_step_hybrid_demo(tmp_path):
    """`make run` step 2: drawn images, a small CND, a synthetic cohort and the fusion ablation."""
    from multimodal.demo import run_demo

    assert run_demo(tmp_path / "demo", per_class=30, quiet=True) == 0
    summary = json.loads((tmp_path / "demo" / "fusion" / "ablation.json").read_text())
    assert {"image", "tabular", "fused", "fused_tabular_missing_50"} <= set(summary["arms"])
    assert (tmp_path / "demo" / "fusion" / "ablation.png").exists()
    assert json.loads((tmp_path / "demo" / "cohort" / "cohort.json").read_text())["synthetic"] is True

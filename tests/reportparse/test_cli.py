import csv
import json

import pytest

from reportparse.cli import main


def test_parse_folder_with_a_bad_file(samples_dir, tmp_path, capsys):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("en04_markdown_status.md", "it03_ocr_two_units.txt"):
        (inputs / name).write_bytes((samples_dir / "raw" / name).read_bytes())
    (inputs / "broken.pdf").write_bytes(b"not a pdf at all")
    out_jsonl, out_csv = tmp_path / "v.jsonl", tmp_path / "v.csv"
    assert main(["parse", str(inputs), "-o", str(out_jsonl), "-o", str(out_csv), "--summary"]) == 0
    reports = [json.loads(line) for line in out_jsonl.read_text().splitlines()]
    assert len(reports) == 2 and all(r["values"] for r in reports)
    rows = list(csv.DictReader(out_csv.open()))
    assert len(rows) == sum(len(r["values"]) for r in reports)
    err = capsys.readouterr().err
    assert "parsed 2 of 3" in err and "broken.pdf" in err and "[E002]" in err


def test_exit_status_when_nothing_parses(tmp_path, capsys):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"garbage")
    assert main(["parse", str(bad), "-o", str(tmp_path / "o.jsonl")]) == 1


def test_stdout_and_parquet(samples_dir, tmp_path, capsys):
    assert main(["parse", str(samples_dir / "raw" / "en04_markdown_status.md"), "-q"]) == 0
    assert json.loads(capsys.readouterr().out)["language"] == "en"
    pytest.importorskip("pyarrow")
    out = tmp_path / "v.parquet"
    assert main(["parse", str(samples_dir / "raw" / "en04_markdown_status.md"), "-o", str(out), "-q"]) == 0
    import pyarrow.parquet as pq

    assert pq.read_table(out).num_rows > 10


def test_evaluate_command(samples_dir, tmp_path, capsys):
    predictions = tmp_path / "p.jsonl"
    assert main(["parse", str(samples_dir / "raw"), "-o", str(predictions), "-q"]) == 0
    assert main(["evaluate", "--gold", str(samples_dir / "gold"), str(predictions), "--json",
                 str(tmp_path / "s.json")]) == 0
    scores = json.loads((tmp_path / "s.json").read_text())
    assert scores["overall"]["f1"] >= 0.98


def test_help_explains(capsys):
    with pytest.raises(SystemExit):
        main(["parse", "--help"])
    assert "skipped" in capsys.readouterr().out


def test_python_dash_m(samples_dir):
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "reportparse", "catalogue", "--lang", "it"], capture_output=True,
                         text=True, check=True)
    assert "718-7" in out.stdout and "Emoglobina" in out.stdout

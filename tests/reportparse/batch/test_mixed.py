"""A batch of good reports mixed with corrupt, encrypted, empty, binary and oversized files finishes: the bad ones are
listed with their codes (the codes a serial parse gives them), the good ones are all parsed, as a serial run parses
them; the output can be rewritten in another format without parsing again."""

from __future__ import annotations

import pytest
from reportlab.pdfgen import canvas

import reportparse
from reportparse.errors import ReportParseError
from reportparse.io import flatten
from reportparse.ner.options import NerOptions

from .helpers import check_batch, generate_reports, run_batch_cli

OFF = NerOptions(backend="off")


def _serial(path) -> dict | str:
    try:
        return reportparse.parse_file(path, ner=OFF).to_dict()
    except ReportParseError as exc:
        return exc.code


def _bad_files(inp, good_pdf) -> None:
    locked = canvas.Canvas(str(inp / "encrypted.pdf"), encrypt="secret")
    locked.drawString(40, 700, "Emoglobina 13,5 g/dL 12,0 - 16,0")
    locked.save()
    (inp / "damaged.pdf").write_bytes(b"%PDF-1.4\n" + b"\x13garbage" * 300)
    (inp / "truncated.pdf").write_bytes(good_pdf.read_bytes()[:400])
    (inp / "empty.pdf").write_bytes(b"")
    (inp / "blank.txt").write_text("  \n\n ")
    (inp / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (inp / "huge.txt").write_text("Emoglobina 13,5 g/dL 12,0 - 16,0\n" * 20_000)  # ~660 KB, over --max-file-size


def test_bad_files_are_listed_with_codes_and_good_ones_parsed_as_a_serial_run(tmp_path):
    inp = tmp_path / "in"
    good = generate_reports(inp, 4, fmt="pdf") + generate_reports(inp, 2, fmt="txt", seed=3)
    _bad_files(inp, good[0])
    out = tmp_path / "batch"

    run = run_batch_cli(inp, out, "--workers", "2", "--chunk-size", "4", "--max-file-size", "0.5")
    assert run.returncode == 0, run.stderr
    reports, errors = check_batch(out)

    codes = {e["path"].rsplit("/", 1)[1]: e["code"] for e in errors}
    assert codes["huge.txt"] == "E058" and "--max-file-size" in errors[[*codes].index("huge.txt")]["message"]
    serial = {p.name: _serial(p) for p in sorted(inp.iterdir()) if p.name != "huge.txt"}
    expected_codes = {name: result for name, result in serial.items() if isinstance(result, str)}
    assert {name: code for name, code in codes.items() if name != "huge.txt"} == expected_codes
    assert set(expected_codes) == {"encrypted.pdf", "damaged.pdf", "truncated.pdf", "empty.pdf", "blank.txt",
                                   "binary.txt"}
    assert expected_codes["encrypted.pdf"] == "E003" and expected_codes["empty.pdf"] == "E007"
    assert all(e["message"] and e["sha256"] for e in errors)

    assert [r["source"].rsplit("/", 1)[1] for r in reports] == sorted(p.name for p in good)
    assert reports == [serial[p.name] for p in sorted(good)]  # values, order and all: a serial run's

    pq = pytest.importorskip("pyarrow.parquet")
    again = run_batch_cli(inp, out, "--format", "parquet", "--max-file-size", "0.5")
    assert again.returncode == 0 and "this run parsed" not in again.stderr  # rewritten from the parts
    rows = pq.read_table(out / "values.parquet").to_pylist()
    flat = [row for p in sorted(good) for row in flatten(reportparse.Report.from_dict(serial[p.name]))]
    assert [(r["source"], r["name"], r["value"], r["unit"]) for r in rows] == [
        (r["source"], r["name"], r["value"], r["unit"]) for r in flat]

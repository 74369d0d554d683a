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


def _linked_inputs(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text("Paziente: ROSSI, Mario   C.F.: RSSMRA80A01H501U\nData prelievo: 12/03/2024\n"
                                  "Emoglobina     11,2    g/dL    13,5 - 17,5\nPCR   < 0,5   mg/dL   0,0 - 0,5\n",
                                  encoding="utf-8")
    (inputs / "b.txt").write_text("Patient Name: SMITH, John   NHS No.: 943 476 5919\nCollected: 12/03/2024\n"
                                  "Haemoglobin   13.5   g/dL   13.0 - 17.0\n", encoding="utf-8")
    key = tmp_path / "link.key"
    key.write_bytes(b"cli-test-key-0123456789abcdef\n")
    return inputs, key


def test_fhir_and_omop_formats_with_linkage(tmp_path, capsys):
    from fhir.resources.R4B.bundle import Bundle

    inputs, key = _linked_inputs(tmp_path)
    fhir, omop, jsonl = tmp_path / "b.fhir.ndjson", tmp_path / "m.omop.csv", tmp_path / "r.jsonl"
    assert main(["parse", str(inputs), "-o", str(fhir), "-o", str(omop), "-o", str(jsonl), "--link-key-file",
                 str(key), "--ner", "off", "-q"]) == 0
    reports = [json.loads(line) for line in jsonl.read_text().splitlines()]
    bundles = [json.loads(line) for line in fhir.read_text().splitlines()]
    assert len(bundles) == len(reports) == 2 and all(r["patient"]["pseudonym"] for r in reports)
    for bundle, report in zip(bundles, reports):
        Bundle.model_validate(bundle)
        assert bundle["type"] == "collection"
        assert sum(e["resource"]["resourceType"] == "Observation" for e in bundle["entry"]) == len(report["values"])
    rows = list(csv.DictReader(omop.open(encoding="utf-8")))
    assert len(rows) == sum(len(r["values"]) for r in reports) and rows[1]["operator_source_value"] == "<"
    everything = fhir.read_text() + omop.read_text() + jsonl.read_text()
    for identifier in ("ROSSI", "RSSMRA80A01H501U", "SMITH", "943 476 5919", "9434765919", "cli-test-key"):
        assert identifier not in everything


def test_fhir_transaction_to_stdout_and_format_flag(tmp_path, capsys):
    inputs, _ = _linked_inputs(tmp_path)
    assert main(["parse", str(inputs / "a.txt"), "--format", "fhir", "--fhir-transaction", "--ner", "off", "-q"]) == 0
    bundle = json.loads(capsys.readouterr().out)
    assert bundle["type"] == "transaction" and all("request" in e for e in bundle["entry"])
    assert all("subject" not in e["resource"] for e in bundle["entry"])  # no linkage, no subject
    out = tmp_path / "m.csv"
    assert main(["parse", str(inputs / "b.txt"), "--format", "omop", "-o", str(out), "--ner", "off", "-q"]) == 0
    assert "measurement_source_value" in out.read_text().splitlines()[0]


@pytest.mark.parametrize("content, code", [(b"", "E066"), (b"short\n", "E066"), (None, "E067")])
def test_a_bad_link_key_file_is_refused(tmp_path, capsys, content, code):
    inputs, _ = _linked_inputs(tmp_path)
    key = tmp_path / "bad.key"
    if content is not None:
        key.write_bytes(content)
    assert main(["parse", str(inputs), "--link-key-file", str(key), "-q"]) == 2
    assert f"[{code}]" in capsys.readouterr().err


def test_help_lists_the_export_formats(capsys):
    with pytest.raises(SystemExit):
        main(["parse", "--help"])
    text = capsys.readouterr().out
    for word in ("fhir", "omop", "--fhir-transaction", "--link-key-file", "pseudonym", ".fhir.ndjson"):
        assert word in text, word


def test_linkage_in_worker_processes(tmp_path, capsys):
    inputs, key = _linked_inputs(tmp_path)
    for i in range(3):  # a pool is used from 4 files on
        (inputs / f"c{i}.txt").write_text((inputs / "a.txt").read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["parse", str(inputs), "--jobs", "2", "--link-key-file", str(key), "--ner", "off", "-q"]) == 0
    reports = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    pseudonyms = [r["patient"]["pseudonym"] for r in reports]
    assert len(reports) == 5 and all(pseudonyms) and len(set(pseudonyms)) == 2  # a.txt and its copies agree


def test_convert_command(capsys):
    assert main(["convert", "100", "mg/dL", "mmol/L", "--analyte", "glucose"]) == 0
    assert capsys.readouterr().out.strip() == "5.55074 mmol/L"
    assert main(["convert", "100", "mg/dL", "mmol/L"]) == 2  # mass to moles needs the analyte
    assert "[E072]" in capsys.readouterr().err
    assert main(["convert", "--table"]) == 0
    table = capsys.readouterr().out
    assert table.startswith("| analyte | from | to |") and "| hba1c | % | mmol/mol |" in table

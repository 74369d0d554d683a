"""``reportparse batch --format fhir / omop`` with linkage: the exports are derived from the parts (every report
once), a resume with another key is refused, and no file of the batch folder holds an identifier or the key."""

from __future__ import annotations

import csv
import json

import pytest

from .helpers import check_batch, read_jsonl, run_batch_cli

KEY = b"batch-export-test-key-0123456789"


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    from corpora.reports import generate_corpus, write_report

    root = tmp_path_factory.mktemp("batch-exports")
    identifiers = set()
    for report, fmt in generate_corpus(6, lang="it", seed=5, formats=("txt", "md")):
        raw, gold = write_report(report, root / "gen", fmt)
        identifiers.update(json.loads(gold.read_text(encoding="utf-8"))["identifiers"])
    (root / "link.key").write_bytes(KEY + b"\n")
    out = root / "out"
    done = run_batch_cli(root / "gen" / "raw", out, "--link-key-file", str(root / "link.key"), "--chunk-size", "4")
    assert done.returncode == 0, done.stderr
    return root, out, identifiers


def _rerun(root, out, *args):
    done = run_batch_cli(root / "gen" / "raw", out, "--link-key-file", str(root / "link.key"), "--chunk-size", "4",
                         *args)
    assert done.returncode == 0, done.stderr
    return done


def test_fhir_and_omop_outputs_hold_every_report_once(batch):
    from fhir.resources.R4B.bundle import Bundle

    root, out, _ = batch
    reports, errors = check_batch(out)
    assert len(reports) == 6 and not errors and all(r["patient"]["pseudonym"] for r in reports)
    _rerun(root, out, "--format", "fhir")
    bundles = read_jsonl(out / "bundles.fhir.ndjson")
    assert len(bundles) == len(reports) and {b["type"] for b in bundles} == {"collection"}
    for bundle, report in zip(bundles, reports):
        Bundle.model_validate(bundle)
        assert sum(e["resource"]["resourceType"] == "Observation" for e in bundle["entry"]) == len(report["values"])
        assert bundle["entry"][0]["resource"]["subject"]["reference"] == f"Patient/{report['patient']['pseudonym']}"
    _rerun(root, out, "--format", "fhir", "--fhir-transaction")
    assert {b["type"] for b in read_jsonl(out / "bundles.transaction.fhir.ndjson")} == {"transaction"}
    _rerun(root, out, "--format", "omop")
    with open(out / "measurement.omop.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == sum(len(r["values"]) for r in reports)
    assert {r["person_source_value"] for r in rows} == {r["patient"]["pseudonym"] for r in reports}


def test_a_resume_with_another_key_is_refused(batch):
    root, out, _ = batch
    (root / "other.key").write_bytes(b"another-batch-key-0123456789")
    done = run_batch_cli(root / "gen" / "raw", out, "--link-key-file", str(root / "other.key"), "--chunk-size", "4")
    assert done.returncode == 2 and "[E061]" in done.stderr and "key_id" in done.stderr
    short = root / "short.key"
    short.write_bytes(b"too-short")
    done = run_batch_cli(root / "gen" / "raw", root / "out2", "--link-key-file", str(short))
    assert done.returncode == 2 and "[E066]" in done.stderr


def test_no_identifier_or_key_in_the_batch_folder(batch):
    root, out, identifiers = batch
    assert len(identifiers) > 30
    texts = {p.name: p.read_text(encoding="utf-8", errors="replace") for p in out.rglob("*") if p.is_file()}
    assert {"batch.json", "manifest.jsonl", "reports.jsonl"} <= set(texts)
    leaks = [(name, ident) for name, text in texts.items() for ident in identifiers if ident in text]
    assert leaks == [] and not any(KEY.decode() in text for text in texts.values())
    assert "key_id" in texts["batch.json"]

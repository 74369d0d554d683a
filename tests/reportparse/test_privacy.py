"""No personal identifier printed on a report reaches any output format (FHIR and OMOP included), and none becomes
a value.  With linkage on, tests/reportparse/export/test_no_identifier_in_exports.py checks the same.

Every layout family of the generator prints fake names, codici fiscali, NHS numbers, MRNs, birth dates,
addresses and phone numbers in letterheads, patient boxes and footers; the gold lists them.
"""

import json

import pyarrow.parquet as pq
import pytest

import reportparse
from corpora.reports import FAMILIES, generate_corpus, write_report
from reportparse.io import write_reports

FORMATS = ("pdf", "txt", "md", "ocr")


@pytest.fixture(scope="module")
def parsed(tmp_path_factory):
    out = tmp_path_factory.mktemp("privacy")
    reports, identifiers = [], []
    names = list(FAMILIES)
    for i, family in enumerate(names):
        lang = "it" if i % 2 else "en"
        fmt = FORMATS[i % len(FORMATS)]
        (report, _), = generate_corpus(1, lang=lang, seed=i, formats=(fmt,), families=[family])
        raw, gold = write_report(report, out, fmt)
        identifiers.append((raw.name, json.loads(gold.read_text(encoding="utf-8"))["identifiers"]))
        reports.append(reportparse.parse_file(raw))
    return out, reports, identifiers


def test_every_family_carries_identifiers(parsed):
    _, _, identifiers = parsed
    assert all(ids for _, ids in identifiers)


def test_no_identifier_in_any_output_format(parsed):
    out, reports, identifiers = parsed
    texts = {}
    for fmt in ("jsonl", "csv", "parquet", "fhir.ndjson", "omop.csv", "omop.parquet"):
        path = write_reports(reports, out / f"values.{fmt}")
        if fmt.endswith("parquet"):
            texts[fmt] = json.dumps(pq.read_table(path).to_pylist(), ensure_ascii=False, default=str)
        else:
            texts[fmt] = path.read_text(encoding="utf-8")
    leaks = [(fmt, name, ident) for fmt, text in texts.items() for name, ids in identifiers for ident in ids
             if ident in text]
    assert leaks == []


def test_no_value_is_named_after_or_valued_from_an_identifier(parsed):
    _, reports, identifiers = parsed
    for report, (name, ids) in zip(reports, identifiers):
        for value in report.values:
            printed = f"{value.name} {value.text or ''} {value.ref_text or ''}"
            assert not any(ident in printed for ident in ids), (name, value)

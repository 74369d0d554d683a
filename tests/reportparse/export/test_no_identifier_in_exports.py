"""With linkage on, no identifier printed on a report reaches any export: JSONL, CSV, Parquet, FHIR, OMOP (CSV and
Parquet) or a DataFrame.  Every layout family prints fake names, codici fiscali, NHS numbers, MRNs, birth dates,
addresses, phone numbers and request ids in its own header style (patient box, letterhead, page footer), in both
languages and all four renderings; each output is searched for each identifier and for its digits alone."""

import json
import re

import pyarrow.parquet as pq
import pytest

import reportparse
from corpora.reports import FAMILIES, generate_corpus, write_report
from reportparse.io import write_reports

from .conftest import KEY

RENDERINGS = ("pdf", "txt", "md", "ocr")
FILES = ("values.jsonl", "values.csv", "values.parquet", "bundles.fhir.ndjson", "measurement.omop.csv",
         "measurement.omop.parquet")


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("exports")
    reports, identifiers = [], set()
    for i, family in enumerate(FAMILIES):
        for lang in ("it", "en"):
            fmt = RENDERINGS[(i + (lang == "en")) % len(RENDERINGS)]
            (report, _), = generate_corpus(1, lang=lang, seed=100 + i, formats=(fmt,), families=[family])
            raw, gold = write_report(report, out / "in", fmt)
            identifiers.update(json.loads(gold.read_text(encoding="utf-8"))["identifiers"])
            reports.append(reportparse.parse_file(raw, lang=lang, link=KEY))
    texts = {}
    for name in FILES:
        path = write_reports(reports, out / name)
        texts[name] = (json.dumps(pq.read_table(path).to_pylist(), ensure_ascii=False, default=str)
                       if name.endswith(".parquet") else path.read_text(encoding="utf-8"))
    frame = reportparse.to_frame(reports)
    texts["DataFrame"] = frame.to_json(orient="records", force_ascii=False, date_format="iso") + frame.to_csv()
    return reports, identifiers, texts


# Random-looking hex the exports write (FHIR uuid5 ids, which vary with the temporary folder, and the pseudonyms) is
# set aside: the 6,140 ids of a run held one of the 509 digit-only forms by chance in 7% of runs (measured with
# fresh random ids), which made this test fail now and then.
_HASHES = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b|\b[0-9a-f]{64}\b")


def _forms(identifier: str) -> set[str]:
    """The identifier as printed, and its digits alone when there are enough of them to mean something."""
    digits = re.sub(r"\D", "", identifier)
    return {identifier} | ({digits} if len(digits) >= 6 else set())


def test_every_report_is_linked_and_prints_identifiers(exported):
    reports, identifiers, _ = exported
    assert len(reports) == 2 * len(FAMILIES) and len(identifiers) > 6 * len(reports)
    assert all(r.patient.pseudonym for r in reports)
    assert len({r.patient.pseudonym for r in reports}) == len(reports)  # one fake patient each


def test_no_identifier_in_any_export(exported):
    _, identifiers, texts = exported
    assert set(texts) == {*FILES, "DataFrame"}
    texts = {name: _HASHES.sub("<hash>", text) for name, text in texts.items()}
    leaks = [(name, ident) for name, text in texts.items() for ident in identifiers for form in _forms(ident)
             if form in text]
    assert leaks == [], [(n, i, texts[n][max(0, texts[n].find(i) - 150):texts[n].find(i) + 60]) for n, i in leaks[:3]]


def test_every_export_carries_the_pseudonyms(exported):
    reports, _, texts = exported
    for name, text in texts.items():
        assert all(r.patient.pseudonym in text for r in reports if r.values), name

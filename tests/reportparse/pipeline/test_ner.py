"""The shipped recogniser in the pipeline: prose read by it, tables by the rules, every value says which."""

import json

import pytest

import reportparse
from reportparse import NerOptions
from reportparse.errors import ReportParseError
from reportparse.ner.options import default_model

pytestmark = pytest.mark.skipif(not (default_model("it") / "config.cfg").is_file(),
                                reason="no trained recogniser shipped")


def values(text, lang, **options):
    report = reportparse.parse_text(text, lang=lang, ner=NerOptions(**options) if options else None)
    return [(v.name, v.value if v.text is None else v.text, v.unit, v.ref_low, v.ref_high, v.source)
            for v in report.values]


def test_the_issues_english_sentence():
    got = values("Her hemoglobin was 11.2 g/dL and ferritin 8 ng/mL (ref 15-150).", "en")
    assert got == [("hemoglobin", 11.2, "g/dL", None, None, "ner"), ("ferritin", 8.0, "ng/mL", 15.0, 150.0, "ner")]


def test_everyday_italian_forms():
    got = values("Glicemia a digiuno 126 mg/dl, HbA1c 7,1%; creatinina nella norma.", "it")
    assert [g[:3] for g in got] == [("Glicemia a digiuno", 126.0, "mg/dl"), ("HbA1c", 7.1, "%")]
    got = values("Emocromo: Hb 10,9 g/dL, PLT 450.000/mmc", "it")
    assert [g[:3] for g in got] == [("Hb", 10.9, "g/dL"), ("PLT", 450000.0, "/mmc")]


def test_a_letter_is_read_as_prose_and_rules_alone_read_it_badly(tmp_path):
    letter = ("Gentile collega,\n"
              "ho visitato in data odierna la signora, 58 anni, per una dermatite seborroica del volto.\n"
              "Gli esami del 12/03/2024 mostrano emoglobina 11,2 g/dL e ferritina ridotta (8 ng/mL, v.n. 15-150);\n"
              "la PCR risulta negativa. Si consiglia metformina 500 mg due volte al giorno.\n"
              "Cordiali saluti\n")
    path = tmp_path / "lettera.txt"
    path.write_text(letter, encoding="utf-8")
    ner = reportparse.parse_file(path, lang="it")
    assert [(v.name, v.value, v.text, v.unit) for v in ner.values] == [
        ("emoglobina", 11.2, None, "g/dL"), ("ferritina", 8.0, None, "ng/mL"), ("PCR", None, "negativa", None)]
    assert all(v.source == "ner" for v in ner.values)
    rules = reportparse.parse_file(path, lang="it", ner=NerOptions(backend="off"))
    assert [v.name for v in rules.values] != [v.name for v in ner.values]


def test_table_rows_stay_with_the_rules():
    text = ("Esame            Risultato   U.M.     Valori di riferimento\n"
            "Emoglobina       13,5        g/dL     12,0 - 16,0\n"
            "Glucosio         95          mg/dL    70 - 100\n")
    assert [v[-1] for v in values(text, "it")] == ["rules", "rules"]
    assert values(text, "it") == values(text, "it", backend="off")


def test_source_reaches_every_output(tmp_path):
    report = reportparse.parse_text("Her hemoglobin was 11.2 g/dL.", lang="en")
    assert report.to_dict()["values"][0]["source"] == "ner"
    from reportparse.io import write_reports

    out = write_reports([report], tmp_path / "v.csv")
    header, row = out.read_text(encoding="utf-8").splitlines()[:2]
    assert "value_source" in header.split(",") and row.endswith("ner")
    assert json.loads(json.dumps(report.to_dict()))["values"][0]["source"] == "ner"


def test_a_missing_model_is_a_coded_error(tmp_path):
    with pytest.raises(ReportParseError, match=r"^\[E031\]"):
        reportparse.load_pipeline("it", ner=NerOptions(model=str(tmp_path / "nothing")))


def test_the_transformers_backend_runs_in_the_pipeline(tmp_path):
    pytest.importorskip("transformers")
    from reportparse.ner.data import LABELS
    from reportparse.ner.hf_train import build_tiny_model

    model = build_tiny_model(tmp_path / "tiny", ["Emoglobina 13,5 g/dL", "Glicemia 98 mg/dL nella norma"])
    nlp = reportparse.load_pipeline("it", ner=NerOptions(backend="transformers", model=str(model), mode="prose"))
    doc = nlp("La paziente presenta emoglobina 13,5 g/dL e glicemia 98 mg/dL, nella norma.")
    assert [s.kind for s in doc._.rp_segments] == ["prose"]
    assert all(label in LABELS and 0 <= start < end <= len(doc.text) for start, end, label in doc._.rp_entities)
    assert all(v.source == "ner" for v in doc._.lab_values)

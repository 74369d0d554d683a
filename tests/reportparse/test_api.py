import json
import subprocess
import sys

import spacy

import reportparse
from reportparse import LabValue, Report


def test_parse_text_record_fields():
    report = reportparse.parse_text("Sesso: M   Età: 54 anni\nData prelievo: 12/03/2024\n"
                                    "Emoglobina     11,2    g/dL    13,5 - 17,5\n", lang="auto")
    assert report.language == "it"
    assert (report.patient.sex, report.patient.age, report.collected.isoformat()) == ("M", 54.0, "2024-03-12")
    value = report.values[0]
    assert (value.analyte, value.loinc, value.ucum, value.interpretation, value.flag) == (
        "hemoglobin", "718-7", "g/dL", "L", None)
    assert value.reference.text == "13,5 - 17,5"


def test_records_round_trip(samples_dir):
    report = reportparse.parse_file(samples_dir / "raw" / "it02_multipage_previous.pdf")
    data = report.to_dict()
    assert Report.from_dict(json.loads(json.dumps(data))) == report
    assert set(data) == {"source", "language", "pages", "patient", "collected", "warnings", "values"}
    assert set(data["values"][0]) == {"name", "analyte", "loinc", "value", "text", "comparator", "unit", "ucum",
                                      "ref_low", "ref_high", "ref_text", "flag", "interpretation", "page", "span",
                                      "code", "footnote", "source", "ocr_confidence"}
    assert LabValue.from_dict(data["values"][0]) == report.values[0]


def test_records_are_immutable():
    value = reportparse.parse_text("Ferritina  20  ng/mL  30 - 300", lang="it").values[0]
    try:
        value.value = 3.0
    except AttributeError:
        return
    raise AssertionError("LabValue should be frozen")


def test_no_personal_data_in_output(samples_dir):
    for path in sorted((samples_dir / "raw").iterdir()):
        report = reportparse.parse_file(path)
        dumped = json.dumps(report.to_dict())
        for name in ("ROSSI", "BIANCHI", "ESPOSITO", "COLOMBO", "RICCI", "DOE", "SMITH", "BROWN", "TAYLOR", "WILSON"):
            assert name not in dumped, (path.name, name)
        assert "nascita" not in dumped.lower() and "DOB" not in dumped


def test_pipeline_is_a_spacy_language_with_our_components():
    nlp = reportparse.load_pipeline("it")
    assert isinstance(nlp, spacy.language.Language) and nlp.lang == "it"
    assert nlp.pipe_names == ["reportparse_layout", "reportparse_tables", "reportparse_rows", "reportparse_ner",
                              "reportparse_ner_rows", "reportparse_demographics", "reportparse_normalizer"]
    rules_only = reportparse.load_pipeline("it", ner=reportparse.NerOptions(backend="off"))
    assert "reportparse_ner" not in rules_only.pipe_names
    doc = nlp("Emoglobina   13,5   g/dL   12,0 - 16,0")
    assert [span.label_ for span in doc.spans["lab_parts"]] == ["ANALYTE", "RESULT", "UNIT", "REFERENCE"]
    assert doc._.lab_values[0].value == 13.5


def test_custom_pipeline_can_be_passed_back():
    nlp = reportparse.load_pipeline("en")
    nlp.remove_pipe("reportparse_demographics")
    report = reportparse.parse_text("Sex: F\nHemoglobin  13.0  g/dL  M: 13.5-17.5 F: 12.0-15.5", nlp=nlp)
    assert report.patient.sex is None and report.values[0].ref_low is None  # sex unknown: not guessed


def test_factories_are_registered_through_entry_points():
    code = ("import spacy; nlp = spacy.blank('en'); nlp.add_pipe('reportparse_rows'); "
            "nlp.add_pipe('reportparse_normalizer'); print(nlp('WBC  4.3  x10E3/uL  3.4-10.8')._.lab_values[0].ucum)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "10*3/uL"


def test_censored_and_qualitative_values():
    report = reportparse.parse_text("PCR   < 0,5   mg/dL   < 0,5\nNitriti   negativo   negativo\n", lang="it")
    crp, nitrite = report.values
    assert (crp.value, crp.text, crp.comparator, crp.interpretation) == (0.5, "< 0,5", "<", "N")
    assert (nitrite.value, nitrite.text, nitrite.interpretation) == (None, "negativo", "N")


def test_linkage_gives_a_pseudonym_and_never_the_identifier(tmp_path):
    from reportparse.linkage import LinkageOptions, pseudonymise

    link = LinkageOptions(b"api-test-key-0123456789abcdef")
    text = "Paziente: ROSSI, Mario   C.F.: RSSMRA80A01H501U\nEmoglobina     11,2    g/dL    13,5 - 17,5\n"
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    report = reportparse.parse_file(path, lang="it", link=link)
    assert report.patient.pseudonym == reportparse.parse_text(text, lang="it", link=link).patient.pseudonym \
        == pseudonymise("codice_fiscale", "RSSMRA80A01H501U", link)
    assert reportparse.parse_file(path, lang="it").patient.pseudonym is None
    data = report.to_dict()
    assert data["patient"]["pseudonym"] == report.patient.pseudonym and "RSSMRA" not in json.dumps(data)
    assert Report.from_dict(json.loads(json.dumps(data))) == report
    assert reportparse.LinkageOptions is LinkageOptions

"""Pseudonymous linkage: keys, the identifier chosen, and pseudonyms stable across layouts and formats."""

import pytest

import reportparse
from reportparse.errors import ReportParseError
from reportparse.linkage import LinkageOptions, load_key, pseudonymise

from .conftest import KEY

OTHER = LinkageOptions(b"another-key-of-enough-bytes")
NO_NER = reportparse.NerOptions(backend="off")


@pytest.mark.parametrize("key", [b"", b"   ", b"short-key-15byt", "a text key of many chars"])
def test_weak_keys_are_refused(key):
    with pytest.raises(ReportParseError) as info:
        LinkageOptions(key)
    assert info.value.code == "E066"


def test_key_files(tmp_path):
    with pytest.raises(ReportParseError) as info:
        load_key(tmp_path / "missing.key")
    assert info.value.code == "E067"
    (tmp_path / "empty.key").write_bytes(b"\n")
    with pytest.raises(ReportParseError) as info:
        load_key(tmp_path / "empty.key")
    assert info.value.code == "E066"
    (tmp_path / "ok.key").write_bytes(b"0123456789abcdef0123\n")  # the line end echo adds is not key
    link = load_key(tmp_path / "ok.key")
    assert link.key == b"0123456789abcdef0123" and "0123" not in repr(link) and link.key_id == \
        LinkageOptions(b"0123456789abcdef0123").key_id != OTHER.key_id


def test_same_key_same_pseudonym_other_key_other():
    a = pseudonymise("nhs_number", "943 476 5919", KEY)
    assert a == pseudonymise("nhs_number", "9434765919", KEY) != pseudonymise("nhs_number", "9434765919", OTHER)
    assert len(a) == 64 and int(a, 16) >= 0
    assert pseudonymise("mrn", "9434765919", KEY) != a  # the kind is part of the message


def _generated(lang, seed, family):
    from corpora.reports import generate_corpus

    (report, _), = generate_corpus(1, lang=lang, seed=seed, formats=("txt",), families=[family])
    return report


@pytest.mark.parametrize("lang,seed,family", [("it", 1, "classic"), ("it", 2, "lab_codes"), ("en", 3, "classic"),
                                              ("en", 4, "loinc_first"), ("en", 9, "boxed_grid")])
def test_one_patient_one_pseudonym_in_every_format(tmp_path, lang, seed, family):
    from corpora.reports import write_report

    report = _generated(lang, seed, family)
    printed = dict(report.identifiers)
    kind, value = next((k, printed[g]) for k, g in (("codice_fiscale", "codice_fiscale"), ("nhs_number", "nhs"),
                                                    ("mrn", "mrn")) if g in printed)
    expected = pseudonymise(kind, value, KEY)
    for fmt in ("txt", "md", "pdf", "ocr"):
        raw, _ = write_report(report, tmp_path / fmt, fmt)
        parsed = reportparse.parse_file(raw, lang=lang, ner=NO_NER, link=KEY)
        assert parsed.patient.pseudonym == expected, fmt
        assert reportparse.parse_file(raw, lang=lang, ner=NO_NER).patient.pseudonym is None


def test_name_and_birth_date_when_no_id_is_printed():
    text = ("Patient Name: WHITE, Jane Margaret        DOB: 25-Aug-1958\nCollected: 13/01/2020\n\n"
            "Haemoglobin   13.5   g/dL   12.0 - 16.0\n")
    report = reportparse.parse_text(text, lang="en", ner=NO_NER, link=KEY)
    assert report.patient.pseudonym == pseudonymise("name_birth", "Jane Margaret White", KEY, birth="1958-08-25")
    bare = reportparse.parse_text("Haemoglobin   13.5   g/dL   12.0 - 16.0", lang="en", ner=NO_NER, link=KEY)
    assert bare.patient.pseudonym is None


def test_the_key_and_the_identifier_stay_out_of_the_pipeline_and_the_report():
    nlp = reportparse.load_pipeline("it", ner=NO_NER)
    text = "Paziente: ROSSI, Mario   C.F.: RSSMRA80A01H501U\nEmoglobina   13,5   g/dL   12,0 - 16,0\n"
    report = reportparse.parse_text(text, nlp=nlp, link=KEY)
    assert report.patient.pseudonym == pseudonymise("codice_fiscale", "RSSMRA80A01H501U", KEY)
    saved = nlp.config.to_str() + repr(report) + str(report.to_dict())
    assert "RSSMRA80A01H501U" not in saved and KEY.key.decode() not in saved and "ROSSI" not in saved
    assert "RSSMRA" not in repr(nlp(text)._.rp_patient_id)  # in memory only, and its repr hides the value

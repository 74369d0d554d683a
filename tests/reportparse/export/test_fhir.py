"""FHIR R4 export: every Bundle validates against the R4B models, one Observation per value, reproducible ids."""

import datetime as dt
import json

from fhir.resources.R4B.bundle import Bundle

import reportparse
from reportparse.export.fhir import INTERPRETATION, LOINC, UCUM, to_fhir
from reportparse.records import LabValue, ParseWarning, Patient, ReferenceRange, Report

from .conftest import generated_reports


def _resources(bundle: dict, kind: str) -> list[dict]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def _check(report: Report, *, transaction: bool = False) -> dict:
    bundle = to_fhir(report, transaction=transaction)
    Bundle.model_validate(bundle)
    reports = _resources(bundle, "DiagnosticReport")
    observations = _resources(bundle, "Observation")
    assert len(reports) == 1 and len(observations) == len(report.values)
    urls = {e["fullUrl"] for e in bundle["entry"]}
    assert {r["reference"] for r in reports[0].get("result", [])} <= urls  # results resolve inside the bundle
    assert all(url.startswith("urn:uuid:") for url in urls) and len(urls) == len(bundle["entry"])
    if transaction:
        assert all(e["request"]["method"] == "POST" for e in bundle["entry"])
    return bundle


def test_every_sample_validates(sample_reports):
    assert len(sample_reports) == 9
    for report in sample_reports:
        _check(report)
        _check(report, transaction=True)


def test_twenty_generated_reports_validate(generated20):
    assert sum(len(r.values) for r in generated20) > 300
    for report in generated20:
        bundle = _check(report)
        assert _resources(bundle, "DiagnosticReport")[0]["subject"]["reference"] == \
            f"Patient/{report.patient.pseudonym}"


def test_two_hundred_generated_reports_validate():
    reports = generated_reports(200, seed=11)
    assert len(reports) == 200
    observations = values = 0
    for report in reports:
        bundle = _check(report, transaction=report.language == "en")
        observations += len(_resources(bundle, "Observation"))
        values += len(report.values)
    assert observations == values > 3000


def test_bundles_are_reproducible(generated20):
    report = generated20[3]
    again = Report.from_dict(json.loads(json.dumps(report.to_dict())))
    assert to_fhir(report) == to_fhir(again)
    other = generated20[4]
    assert {e["fullUrl"] for e in to_fhir(report)["entry"]}.isdisjoint(e["fullUrl"] for e in to_fhir(other)["entry"])


def test_reports_without_a_source_get_distinct_ids():
    a = Report(None, "en", 1, values=(LabValue("Glucose", value=5.0),))
    b = Report(None, "en", 1, values=(LabValue("Glucose", value=6.0),))
    assert to_fhir(a)["id"] != to_fhir(b)["id"] and to_fhir(a) == to_fhir(a)


def _value_report() -> Report:
    values = (
        LabValue("Emoglobina", analyte="hemoglobin", loinc="718-7", value=13.5, unit="g/dl", ucum="g/dL",
                 reference=ReferenceRange(12.0, 16.0, "12,0 - 16,0"), interpretation="N"),
        LabValue("PCR", loinc="1988-5", value=0.5, text="< 0,5", comparator="<", unit="mg/dl", ucum="mg/dL",
                 reference=ReferenceRange(None, 0.5, "< 0,5")),
        LabValue("HIV 1/2 Ab", text="negativo", reference=ReferenceRange(text="negativo")),
        LabValue("Ferritin", value=400.0, unit="ng/mL", ucum="ng/mL", flag="abnormal"),
        LabValue("Odd", value=3.0, unit="zz"),
    )
    warning = ParseWarning("W002", "Unknown unit 'zz' for 'Odd': kept as printed")
    return Report("r.txt", "it", 1, patient=Patient("F", 40.0, "ab" * 32), collected=dt.date(2024, 5, 2),
                  values=values, warnings=(warning,))


def test_values_map_to_observation_fields():
    bundle = _check(_value_report())
    report, = _resources(bundle, "DiagnosticReport")
    hb, crp, hiv, ferritin, odd = _resources(bundle, "Observation")
    assert report["code"]["coding"][0] == {"system": LOINC, "code": "11502-2", "display": "Laboratory report"}
    assert report["effectiveDateTime"] == "2024-05-02" and report["status"] == "final"
    assert report["subject"] == {"reference": "Patient/" + "ab" * 32}
    assert report["extension"][0]["valueAnnotation"]["text"].startswith("W002: Unknown unit")
    assert hb["code"] == {"coding": [{"system": LOINC, "code": "718-7"}], "text": "Emoglobina"}
    assert hb["valueQuantity"] == {"value": 13.5, "unit": "g/dl", "system": UCUM, "code": "g/dL"}
    assert hb["referenceRange"][0]["low"]["value"] == 12.0 and hb["referenceRange"][0]["text"] == "12,0 - 16,0"
    assert hb["interpretation"][0]["coding"][0] == {"system": INTERPRETATION, "code": "N", "display": "Normal"}
    assert hb["category"][0]["coding"][0]["code"] == "laboratory"
    assert crp["valueQuantity"]["comparator"] == "<" and crp["valueQuantity"]["value"] == 0.5
    assert hiv["valueString"] == "negativo" and hiv["code"] == {"text": "HIV 1/2 Ab"}
    assert ferritin["interpretation"][0]["coding"][0]["code"] == "A"
    assert odd["valueQuantity"] == {"value": 3.0, "unit": "zz"}  # no UCUM code: the unit stays text only


def test_no_subject_without_linkage_and_an_explicit_reference_wins():
    report = Report("x.txt", "en", 1, values=(LabValue("Glucose", value=5.0),))
    bundle = to_fhir(report)
    assert all("subject" not in e["resource"] for e in bundle["entry"])
    bundle = to_fhir(report, patient_ref="Patient/study-17")
    assert all(e["resource"]["subject"] == {"reference": "Patient/study-17"} for e in bundle["entry"])


def test_a_warning_quoting_an_identifier_keeps_only_its_code():
    report = Report("x.txt", "en", 1, warnings=(ParseWarning("W004", "Reference range 'NHS No. 943 476 5919'"),))
    bundle = to_fhir(report)
    assert "943" not in json.dumps(bundle)
    assert _resources(bundle, "DiagnosticReport")[0]["extension"][0]["valueAnnotation"]["text"] == "W004"


def test_package_api():
    report = reportparse.parse_text("Emoglobina   13,5   g/dL   12,0 - 16,0", lang="it")
    bundle = reportparse.to_fhir(report, transaction=True)
    assert bundle["type"] == "transaction" and len(_resources(bundle, "Observation")) == 1
    Bundle.model_validate(bundle)

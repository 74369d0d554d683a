"""FHIR R4 export: one Bundle per report, a DiagnosticReport and one Observation per value.

Plain JSON-ready dicts (no FHIR library at run time); the tests validate them with ``fhir.resources`` (R4B models,
which accept these R4 resources).  Ids are uuid5 of the report's source (or, for a report without one, of its
content) and the resource's index, so the same report always gives the same Bundle.  The subject is a pseudonymous
reference only (``Patient/<pseudonym>`` with linkage on, or ``patient_ref``); no name or printed id is ever written.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Any

from ..layout.furniture import identifier_kind
from ..records import LabValue, Report

__all__ = ["to_fhir", "bundle_line", "LOINC", "UCUM", "INTERPRETATION"]

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
_OBS_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
_V2_0074 = "http://terminology.hl7.org/CodeSystem/v2-0074"
_ABSENT = "http://terminology.hl7.org/CodeSystem/data-absent-reason"
# R4 DiagnosticReport has no ``note`` (R5 added it): the cross-version extension carries the warnings.
_NOTE_EXTENSION = "http://hl7.org/fhir/5.0/StructureDefinition/extension-DiagnosticReport.note"
_SOURCE_SYSTEM = "urn:dermalab:reportparse:source"
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://dermalab.invalid/reportparse/fhir")
_INTERPRETATION_DISPLAY = {"N": "Normal", "L": "Low", "H": "High", "A": "Abnormal"}
_FLAG_CODE = {"H": "H", "L": "L", "abnormal": "A"}


def to_fhir(report: Report, *, transaction: bool = False, patient_ref: str | None = None) -> dict[str, Any]:
    """A JSON-ready FHIR R4 Bundle of ``report``: type ``collection``, or ``transaction`` (each entry a POST)."""
    seed = _seed(report)
    ids = [_uuid(seed, index) for index in range(len(report.values) + 2)]  # bundle, report, observations
    subject = _subject(report, patient_ref)
    observations = [_observation(value, report, subject) for value in report.values]
    diagnostic = _diagnostic_report(report, subject, [f"urn:uuid:{u}" for u in ids[2:]])
    entries = [_entry(ids[1], diagnostic, transaction)]
    entries += [_entry(u, obs, transaction) for u, obs in zip(ids[2:], observations)]
    return {"resourceType": "Bundle", "id": ids[0], "type": "transaction" if transaction else "collection",
            "entry": entries}


def bundle_line(report: Report, *, transaction: bool = False) -> str:
    """The report's Bundle as one NDJSON line (the FHIR bulk-data convention), compact, with its line end."""
    return json.dumps(to_fhir(report, transaction=transaction), ensure_ascii=False, separators=(",", ":")) + "\n"


def _seed(report: Report) -> str:
    if report.source:
        return f"source:{report.source}"
    # No source (parse_text): the content decides, so two different texts never share ids.
    content = json.dumps(report.to_dict(), sort_keys=True, ensure_ascii=False).encode("utf-8")
    return "content:" + hashlib.sha256(content).hexdigest()


def _uuid(seed: str, index: int) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{seed}#{index}"))


def _entry(uid: str, resource: dict[str, Any], transaction: bool) -> dict[str, Any]:
    entry: dict[str, Any] = {"fullUrl": f"urn:uuid:{uid}", "resource": resource}
    if transaction:
        entry["request"] = {"method": "POST", "url": resource["resourceType"]}
    return entry


def _subject(report: Report, patient_ref: str | None) -> dict[str, str] | None:
    if patient_ref:
        return {"reference": patient_ref}
    if report.patient.pseudonym:
        return {"reference": f"Patient/{report.patient.pseudonym}"}
    return None


def _diagnostic_report(report: Report, subject: dict | None, results: list[str]) -> dict[str, Any]:
    resource: dict[str, Any] = {"resourceType": "DiagnosticReport", "language": report.language}
    notes = [_note(w.code, w.message) for w in report.warnings]
    if notes:
        resource["extension"] = [{"url": _NOTE_EXTENSION, "valueAnnotation": {"text": n}} for n in notes]
    if report.source:
        resource["identifier"] = [{"system": _SOURCE_SYSTEM, "value": report.source}]
    resource.update({
        "status": "final",
        "category": [{"coding": [{"system": _V2_0074, "code": "LAB", "display": "Laboratory"}]}],
        "code": {"coding": [{"system": LOINC, "code": "11502-2", "display": "Laboratory report"}],
                 "text": "Laboratory report"},
    })
    if subject:
        resource["subject"] = subject
    if report.collected:
        resource["effectiveDateTime"] = report.collected.isoformat()
    if results:
        resource["result"] = [{"reference": ref} for ref in results]
    return resource


def _note(code: str, message: str) -> str:
    """A warning as a note; only its code when the message quotes anything that looks like an identifier
    (warnings quote printed names and units, which should never be one, but a note must not risk it)."""
    return f"{code}: {message}" if identifier_kind(message) is None else code


def _observation(value: LabValue, report: Report, subject: dict | None) -> dict[str, Any]:
    code: dict[str, Any] = {"text": value.name}
    if value.loinc:
        code = {"coding": [{"system": LOINC, "code": value.loinc}], "text": value.name}
    resource: dict[str, Any] = {
        "resourceType": "Observation", "status": "final",
        "category": [{"coding": [{"system": _OBS_CATEGORY, "code": "laboratory", "display": "Laboratory"}]}],
        "code": code,
    }
    if subject:
        resource["subject"] = subject
    if report.collected:
        resource["effectiveDateTime"] = report.collected.isoformat()
    resource.update(_value(value))
    interpretation = _interpretation(value)
    if interpretation:
        resource["interpretation"] = [{"coding": [{"system": INTERPRETATION, "code": interpretation,
                                                   "display": _INTERPRETATION_DISPLAY[interpretation]}]}]
    reference = _reference_range(value)
    if reference:
        resource["referenceRange"] = [reference]
    return resource


def _quantity(number: float, value: LabValue) -> dict[str, Any]:
    quantity: dict[str, Any] = {"value": number}
    if value.unit or value.ucum:
        quantity["unit"] = value.unit or value.ucum
    if value.ucum:  # a code needs its system (qty-3); a unit reportparse could not map stays text only
        quantity.update(system=UCUM, code=value.ucum)
    return quantity


def _value(value: LabValue) -> dict[str, Any]:
    if value.value is not None and value.comparator:
        return {"valueQuantity": {**_quantity(value.value, value), "comparator": value.comparator}}
    if value.value is not None and value.text is None:
        return {"valueQuantity": _quantity(value.value, value)}
    if value.text:
        return {"valueString": value.text}
    if value.value is not None:
        return {"valueQuantity": _quantity(value.value, value)}
    return {"dataAbsentReason": {"coding": [{"system": _ABSENT, "code": "unknown", "display": "Unknown"}]}}


def _interpretation(value: LabValue) -> str | None:
    """The computed interpretation (value against its range); else the lab's printed flag."""
    if value.interpretation:
        return value.interpretation
    return _FLAG_CODE.get(value.flag) if value.flag else None


def _reference_range(value: LabValue) -> dict[str, Any] | None:
    ref = value.reference
    if ref is None or (ref.low is None and ref.high is None and not ref.text):
        return None
    out: dict[str, Any] = {}
    if ref.low is not None:
        out["low"] = _quantity(ref.low, value)
    if ref.high is not None:
        out["high"] = _quantity(ref.high, value)
    if ref.text:
        out["text"] = ref.text
    return out

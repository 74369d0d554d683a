"""``reportparse_normalizer``: raw rows to :class:`LabValue` records.

Links names to the catalogue (LOINC), units to UCUM, parses reference text into bounds
(the patient's sex picks sex-specific ranges), keeps printed flags and computes the
interpretation apart from them, and collects coded warnings.
"""

from __future__ import annotations

from dataclasses import replace

import regex
from spacy.language import Language
from spacy.tokens import Doc

from ..catalogue import load_catalogue
from ..errors import Warnings
from ..grammar.flags import NORMAL
from ..grammar.qualitative import is_negative
from ..grammar.ranges import parse_reference
from ..grammar.units import UNITS
from ..records import LabRow, LabValue, ParseWarning, Patient, ReferenceRange
from .extensions import register_extensions

_BOLD_LEGEND = regex.compile(
    r"\bbold\b.{0,60}\b(?:outside|abnormal|out\s+of\s+range|beyond|flagged)|"
    r"\b(?:grassetto|neretto)\b.{0,60}\b(?:fuori|anormal|alterat|patologic)",
    regex.IGNORECASE | regex.DOTALL,
)


def interpret(value: float | None, comparator: str | None, reference: ReferenceRange | None) -> str | None:
    """'L', 'N' or 'H' from a number and its reference; None when it cannot be told."""
    if value is None or reference is None or (reference.low is None and reference.high is None):
        return None
    low, high = reference.low, reference.high
    if comparator in ("<", "<="):  # the true value lies below ``value``
        if low is not None and value <= low:
            return "L"
        return "N" if high is None or value <= high else None
    if comparator in (">", ">="):
        if high is not None and value >= high:
            return "H"
        return "N" if low is None or value >= low else None
    if low is not None and value < low:
        return "L"
    if high is not None and value > high:
        return "H"
    return "N"


class Normalizer:
    def __init__(self, nlp: Language, name: str) -> None:
        register_extensions()
        self.name = name
        self.catalogue = load_catalogue()

    def __call__(self, doc: Doc) -> Doc:
        raw: list[LabRow] = doc._.rp_rows or []
        patient: Patient = doc._.patient or Patient()
        decimal = doc._.rp_decimal or "."
        bold_means_abnormal = bool(_BOLD_LEGEND.search(doc.text))
        ocr_words = doc._.rp_ocr_words
        warnings: list[ParseWarning] = []
        values = []
        for item in raw:
            value = self._normalize(item, decimal, patient.sex, bold_means_abnormal, warnings)
            if ocr_words:  # scans: how sure Tesseract was of the printed result
                value = replace(value, ocr_confidence=ocr_words.lowest(item.result_span))
            values.append(value)
        if not values:
            warnings.append(ParseWarning("W001", Warnings.W001))
        doc._.lab_values = tuple(sorted(values, key=lambda v: v.span or (0, 0)))
        doc._.rp_warnings = (doc._.rp_warnings or []) + warnings
        return doc

    def _normalize(self, row: LabRow, decimal: str, sex: str | None, bold_means_abnormal: bool,
                   warnings: list[ParseWarning]) -> LabValue:
        unit = row.unit
        ucum = UNITS.ucum(unit) if unit else None
        if unit and ucum is None:
            warnings.append(ParseWarning("W002", Warnings.W002.format(unit=unit, name=row.name)))
        reference = None
        if row.ref_low is not None or row.ref_high is not None:
            reference = ReferenceRange(row.ref_low, row.ref_high, row.ref_text)
        elif row.ref_text:
            bound, _ = parse_reference(row.ref_text, decimal=decimal, sex=sex, unit=unit)
            reference = ReferenceRange(bound.low if bound else None, bound.high if bound else None, row.ref_text)
        analyte = self.catalogue.lookup(row.name, unit=unit, specimen=row.specimen)
        number = row.value if row.result_kind in ("number", "censored") else None
        text = None if row.result_kind == "number" else row.result_text
        flag = None if row.flag == NORMAL else row.flag  # a printed "normal" is no flag
        if flag is None and row.bold and bold_means_abnormal:
            flag = "abnormal"
        if flag is None and row.in_abnormal_section:
            flag = "abnormal"
        interpretation = interpret(number, row.comparator, reference)
        if interpretation is None and row.result_kind == "qualitative" and reference and reference.text:
            if is_negative(text or "") and is_negative(reference.text):
                interpretation = "N"
        return LabValue(
            name=row.name,
            analyte=analyte.id if analyte else None,
            # the code of the analyte's LOINC property that the printed unit calls for (mg/dL vs mmol/L)
            loinc=analyte.code_for(ucum, qualitative=row.result_kind == "qualitative") if analyte else None,
            value=number,
            text=text,
            comparator=row.comparator,
            unit=unit,
            ucum=ucum,
            reference=reference,
            flag=flag,
            interpretation=interpretation,
            page=row.page,
            source=row.source,
            span=row.span,
            code=row.code,
            footnote=row.footnote,
        )

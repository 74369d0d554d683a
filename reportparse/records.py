"""Typed, immutable records: what a parsed report is.

Every normalised field sits beside the text it came from (``name`` beside ``analyte``,
``unit`` beside ``ucum``, ``reference.text`` beside its bounds, ``flag`` (printed) beside
``interpretation`` (computed)), so each output can be audited against the page.  Records do
no I/O; ``to_dict`` gives the JSON schema other tools read, ``from_dict`` reads it back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = ["ReferenceRange", "LabRow", "LabValue", "Patient", "ParseWarning", "Report"]

Flag = Literal["H", "L", "abnormal"]
Interpretation = Literal["N", "L", "H"]
Comparator = Literal["<", "<=", ">", ">="]


@dataclass(frozen=True, slots=True)
class ReferenceRange:
    """A printed reference interval; either bound may be open."""

    low: float | None = None
    high: float | None = None
    text: str | None = None

    def contains(self, value: float) -> bool | None:
        if self.low is None and self.high is None:
            return None
        return (self.low is None or value >= self.low) and (self.high is None or value <= self.high)


ResultKind = Literal["number", "censored", "qualitative", "count_range"]


@dataclass(frozen=True, slots=True)
class LabRow:
    """One result as read from the page, before normalisation.

    What a row reader produces — today's rules (``source="rules"``) or a trained component —
    and what ``reportparse_normalizer`` turns into a :class:`LabValue`.  Offsets index into
    the document text; every field is printed text or a number read from it.
    """

    name: str  # cleaned printed name (footnote marks and a unit in parentheses removed)
    name_span: tuple[int, int]
    result_kind: ResultKind
    result_text: str  # the printed result ("13,5", "< 0,5", "negativo", "0-1")
    result_span: tuple[int, int]
    value: float | None = None  # number of a "number" or "censored" result
    comparator: Comparator | None = None
    unit: str | None = None  # printed unit: its own column, glued to the result, or in the label / reference
    unit_span: tuple[int, int] | None = None
    ref_text: str | None = None
    ref_spans: tuple[tuple[int, int], ...] = ()
    ref_low: float | None = None  # only for limits printed in separate min / max cells
    ref_high: float | None = None
    flag: str | None = None  # printed marker: H, L, abnormal, or N (a printed "normal")
    code: str | None = None  # test code printed in its own column (LOINC or the lab's)
    footnote: str | None = None  # footnote / performing-site mark printed after the name
    bold: bool = False
    specimen: str | None = None  # "urine" inside a urinalysis section
    in_abnormal_section: bool = False
    page: int | None = None
    span: tuple[int, int] = (0, 0)
    source: str = "rules"


@dataclass(frozen=True, slots=True)
class LabValue:
    """One result row of a report."""

    name: str  # as printed, whitespace-normalised
    analyte: str | None = None  # catalogue id
    loinc: str | None = None
    value: float | None = None  # the number, also for censored results ("< 0,5" -> 0.5)
    text: str | None = None  # the printed result when it is not a plain number
    comparator: Comparator | None = None
    unit: str | None = None  # as printed
    ucum: str | None = None
    reference: ReferenceRange | None = None
    flag: Flag | None = None  # printed markers only
    interpretation: Interpretation | None = None  # computed from value and reference
    page: int | None = None
    span: tuple[int, int] | None = None  # offsets into Report text (parse_text input / extract_text output)
    code: str | None = None  # test code printed beside the name (LOINC or the lab's own)
    footnote: str | None = None  # footnote / performing-site mark printed after the name
    source: str = "rules"  # what read it: "rules", or "ner" (the trained recogniser)
    ocr_confidence: float | None = None  # lowest OCR confidence of the words of its printed result; None: no OCR

    @property
    def ref_low(self) -> float | None:
        return self.reference.low if self.reference else None

    @property
    def ref_high(self) -> float | None:
        return self.reference.high if self.reference else None

    @property
    def ref_text(self) -> str | None:
        return self.reference.text if self.reference else None

    @property
    def is_numeric(self) -> bool:
        return self.value is not None and self.text is None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "analyte": self.analyte,
            "loinc": self.loinc,
            "value": self.value,
            "text": self.text,
            "comparator": self.comparator,
            "unit": self.unit,
            "ucum": self.ucum,
            "ref_low": self.ref_low,
            "ref_high": self.ref_high,
            "ref_text": self.ref_text,
            "flag": self.flag,
            "interpretation": self.interpretation,
            "page": self.page,
            "span": list(self.span) if self.span else None,
            "code": self.code,
            "footnote": self.footnote,
            "source": self.source,
            "ocr_confidence": None if self.ocr_confidence is None else round(self.ocr_confidence, 4),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LabValue:
        has_ref = any(data.get(k) is not None for k in ("ref_low", "ref_high", "ref_text"))
        reference = ReferenceRange(data.get("ref_low"), data.get("ref_high"), data.get("ref_text")) if has_ref else None
        span = data.get("span")
        return cls(
            name=data["name"], analyte=data.get("analyte"), loinc=data.get("loinc"), value=data.get("value"),
            text=data.get("text"), comparator=data.get("comparator"), unit=data.get("unit"), ucum=data.get("ucum"),
            reference=reference, flag=data.get("flag"), interpretation=data.get("interpretation"),
            page=data.get("page"), span=tuple(span) if span else None, code=data.get("code"),
            footnote=data.get("footnote"), source=data.get("source", "rules"),
            ocr_confidence=data.get("ocr_confidence"),
        )


@dataclass(frozen=True, slots=True)
class Patient:
    """The only patient facts that leave the parser: never names, ids, addresses or birth dates.

    ``pseudonym``: with linkage on (``reportparse.linkage``), the keyed HMAC-SHA256 (hex) of the strongest patient
    identifier the report prints; without the key it cannot be turned back into the identifier."""

    sex: Literal["M", "F"] | None = None
    age: float | None = None
    pseudonym: str | None = None


@dataclass(frozen=True, slots=True)
class ParseWarning:
    code: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


@dataclass(frozen=True, slots=True)
class Report:
    """A parsed report."""

    source: str | None
    language: Literal["it", "en"]
    pages: int
    patient: Patient = field(default_factory=Patient)
    collected: dt.date | None = None
    values: tuple[LabValue, ...] = ()
    warnings: tuple[ParseWarning, ...] = ()

    def __len__(self) -> int:
        return len(self.values)

    def __iter__(self):
        return iter(self.values)

    def get(self, analyte: str) -> list[LabValue]:
        """Values of one catalogue analyte (a report may print it twice, in two units)."""
        return [v for v in self.values if v.analyte == analyte]

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "language": self.language,
            "pages": self.pages,
            "patient": {"sex": self.patient.sex, "age": self.patient.age, "pseudonym": self.patient.pseudonym},
            "collected": self.collected.isoformat() if self.collected else None,
            "warnings": [w.to_dict() for w in self.warnings],
            "values": [v.to_dict() for v in self.values],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        patient = data.get("patient") or {}
        collected = data.get("collected")
        return cls(
            source=data.get("source"),
            language=data["language"],
            pages=data.get("pages", 1),
            patient=Patient(patient.get("sex"), patient.get("age"), patient.get("pseudonym")),
            collected=dt.date.fromisoformat(collected) if collected else None,
            values=tuple(LabValue.from_dict(v) for v in data.get("values", [])),
            warnings=tuple(ParseWarning(w["code"], w["message"]) for w in data.get("warnings", [])),
        )

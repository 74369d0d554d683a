"""``reportparse_demographics``: sex, age and collection date (never names or ids)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..demographics import read_demographics
from ..records import Patient
from ..table.lines import split_lines
from .extensions import register_extensions


class DemographicsReader:
    def __init__(self, nlp: Language, name: str) -> None:
        register_extensions()
        self.name = name
        self.lang = nlp.lang

    def __call__(self, doc: Doc) -> Doc:
        lines = doc._.rp_lines if doc._.rp_lines is not None else split_lines(doc.text)
        found = read_demographics(lines, self.lang)
        doc._.patient = Patient(found.sex, found.age)
        doc._.collected = found.collected
        return doc

"""``reportparse_demographics``: sex, age and collection date (never names or ids).

The strongest patient identifier printed is kept on ``doc._.rp_patient_id`` for the API to turn into a keyed
pseudonym (``reportparse.linkage``) when linkage is on: in memory only, never in the config (the key is not the
pipeline's) nor in any record.  ``Doc.to_bytes`` would carry extension values: pass ``exclude=["user_data"]``
before storing a Doc this pipeline made.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..demographics import read_demographics
from ..records import Patient
from ..table.lines import split_lines
from .extensions import register_extensions

PATIENT_ID = "rp_patient_id"  # reportparse.demographics.PatientIdentifier | None


def _register() -> None:
    register_extensions()
    if not Doc.has_extension(PATIENT_ID):
        Doc.set_extension(PATIENT_ID, default=None)


class DemographicsReader:
    def __init__(self, nlp: Language, name: str) -> None:
        _register()
        self.name = name
        self.lang = nlp.lang

    def __call__(self, doc: Doc) -> Doc:
        lines = doc._.rp_lines if doc._.rp_lines is not None else split_lines(doc.text)
        found = read_demographics(lines, self.lang)
        doc._.patient = Patient(found.sex, found.age)
        doc._.collected = found.collected
        doc._.set(PATIENT_ID, found.identifier)
        return doc

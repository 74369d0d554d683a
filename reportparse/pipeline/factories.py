"""Every reportparse component registration, in one place.

Third parties get them without importing us: ``pyproject.toml`` declares these factories
under the ``spacy_factories`` entry point, so ``nlp.add_pipe("reportparse_rows")`` works
in any spaCy pipeline once dermalab is installed.
"""

from __future__ import annotations

from spacy.language import Language

from .demographics import DemographicsReader
from .normalizer import Normalizer
from .rows import RowReader


@Language.factory(
    "reportparse_rows",
    assigns=["doc._.rp_lines", "doc._.rp_raw_values", "doc.spans"],
    default_config={"decimal": "auto"},
)
def make_rows(nlp: Language, name: str, decimal: str) -> RowReader:
    """Table reader: lines, cells and result rows. ``decimal``: 'auto', ',' or '.'."""
    return RowReader(nlp, name, decimal=decimal)


@Language.factory("reportparse_demographics", assigns=["doc._.patient", "doc._.collected"])
def make_demographics(nlp: Language, name: str) -> DemographicsReader:
    """Sex, age and collection date; names and ids are never kept."""
    return DemographicsReader(nlp, name)


@Language.factory("reportparse_normalizer", assigns=["doc._.lab_values", "doc._.rp_warnings"])
def make_normalizer(nlp: Language, name: str) -> Normalizer:
    """Catalogue (LOINC), UCUM units, reference bounds, flags and interpretation."""
    return Normalizer(nlp, name)

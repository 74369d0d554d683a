"""Every reportparse component registration, in one place.

Third parties get them without importing us: ``pyproject.toml`` declares these factories
under the ``spacy_factories`` entry point, so ``nlp.add_pipe("reportparse_rows")`` works
in any spaCy pipeline once dermalab is installed.
"""

from __future__ import annotations

from spacy.language import Language

from ..ner.options import NerOptions
from ..params import ParseParams
from .demographics import DemographicsReader
from .layout import LayoutReader
from .ner import EntityRecognizer, NerRowLinker
from .normalizer import Normalizer
from .rows import RowReader
from .tables import TableReader


def _params(params: dict) -> ParseParams:
    # spaCy configs hold lists where ParseParams holds tuples
    return ParseParams(**{k: tuple(v) if isinstance(v, list) else v for k, v in params.items()})


@Language.factory(
    "reportparse_layout",
    assigns=["doc._.rp_lines", "doc._.rp_decimal", "doc._.rp_furniture"],
    default_config={"decimal": "auto", "params": {}},
)
def make_layout(nlp: Language, name: str, decimal: str, params: dict) -> LayoutReader:
    """Lines and cells, the decimal mark ('auto', ',' or '.'), and page furniture (headers, footers, ids)."""
    return LayoutReader(nlp, name, decimal=decimal, params=_params(params))


@Language.factory("reportparse_tables", assigns=["doc._.rp_tables"], default_config={"params": {}})
def make_tables(nlp: Language, name: str, params: dict) -> TableReader:
    """Table regions and column roles from header words and cell content (``doc._.rp_tables``)."""
    return TableReader(nlp, name, params=_params(params))


@Language.factory(
    "reportparse_rows",
    assigns=["doc._.rp_rows", "doc._.rp_rejected", "doc.spans"],
    default_config={"params": {}},
)
def make_rows(nlp: Language, name: str, params: dict) -> RowReader:
    """Result rows read through the table roles, plus records across lines."""
    return RowReader(nlp, name, params=_params(params))


@Language.factory(
    "reportparse_ner",
    assigns=["doc.spans", "doc._.rp_segments", "doc._.rp_entities"],
    default_config={"backend": "spacy", "model": None, "mode": "auto", "prose_share": 0.1,
                    "prose_max_table_rows": 12, "backfill": True},
)
def make_ner(nlp: Language, name: str, backend: str, model: str | None, mode: str, prose_share: float,
             prose_max_table_rows: int, backfill: bool = True) -> EntityRecognizer:
    """The trained recogniser on prose and on the lines the rules left (``doc.spans["rp_ner"]``)."""
    return EntityRecognizer(nlp, name, NerOptions(backend=backend, model=model, mode=mode, prose_share=prose_share,
                                                  prose_max_table_rows=prose_max_table_rows, backfill=backfill))


@Language.factory("reportparse_ner_rows", assigns=["doc._.rp_rows"])
def make_ner_rows(nlp: Language, name: str) -> NerRowLinker:
    """Records linked from the recogniser's entities (``source="ner"``), beside the rules' rows."""
    return NerRowLinker(nlp, name)


@Language.factory("reportparse_demographics", assigns=["doc._.patient", "doc._.collected"])
def make_demographics(nlp: Language, name: str) -> DemographicsReader:
    """Sex, age and collection date; names and ids are never kept."""
    return DemographicsReader(nlp, name)


@Language.factory("reportparse_normalizer", assigns=["doc._.lab_values", "doc._.rp_warnings"])
def make_normalizer(nlp: Language, name: str) -> Normalizer:
    """Catalogue (LOINC), UCUM units, reference bounds, flags and interpretation."""
    return Normalizer(nlp, name)

"""Exports for other tools: FHIR R4 Bundles (:func:`to_fhir`), OMOP CDM MEASUREMENT-shaped rows (:func:`omop_rows`)
and pandas DataFrames (:func:`to_frame`).  None of them writes a name or a printed id: the patient is at most its
keyed pseudonym (``reportparse.linkage``)."""

from .fhir import to_fhir
from .frame import to_frame
from .omop import OMOP_FIELDS, omop_rows, write_omop_csv, write_omop_parquet

__all__ = ["to_fhir", "to_frame", "omop_rows", "OMOP_FIELDS", "write_omop_csv", "write_omop_parquet"]

"""The three classes and the diagnosis vocabularies that map onto them.

HAM10000 ``dx`` codes, ISIC 2019 one-hot columns, Kaggle folder names and ISIC archive
diagnoses (flat ``diagnosis`` or the hierarchical ``diagnosis_1..5``) all name the same
lesions differently.  Seborrheic keratosis, solar lentigo and lichen-planus-like keratosis
are pigmented benign keratoses.  Anything else is ``None`` (dropped) or "other" (kept, when
asked); an empty or unknown diagnosis is never guessed.
"""

from __future__ import annotations

import regex

__all__ = ["CLASSES", "SHORT", "map_diagnosis", "OTHER"]

CLASSES: tuple[str, ...] = ("nevus", "pigmented benign keratosis", "melanoma")
SHORT = {"nevus": "nv", "pigmented benign keratosis": "bkl", "melanoma": "mel"}
OTHER = "other"

_CODES = {
    "nv": "nevus", "nev": "nevus", "bkl": "pigmented benign keratosis", "mel": "melanoma", "sek": "pigmented benign keratosis",
    "bcc": OTHER, "akiec": OTHER, "ak": OTHER, "df": OTHER, "vasc": OTHER, "scc": OTHER, "ack": OTHER,
}
_UNKNOWN = {"", "unk", "unknown", "nan", "none", "null", "indeterminate", "na", "n/a"}
_BKL = regex.compile(
    r"seborr?h?e?ic\s+kerato|solar\s+lentig|lentigo\s+senil|lichen\s+planus[\s-]*like|lichenoid\s+kerato|"
    r"pigmented\s+benign\s+kerato|benign\s+kerato|\bLPLK\b",
    regex.IGNORECASE,
)
_MEL = regex.compile(r"melanoma", regex.IGNORECASE)
_NEVUS = regex.compile(r"\bn(?:a)?evus|\bn(?:a)?evi\b|melanocytic\s+n", regex.IGNORECASE)
_NOT_MELANOCYTIC_NEVUS = regex.compile(r"sebaceous|epidermal|comedon|spilus\s+syndrome", regex.IGNORECASE)


def map_diagnosis(text: str | None) -> str | None:
    """Class of a printed diagnosis: one of :data:`CLASSES`, ``"other"``, or None when unknown/missing."""
    if text is None:
        return None
    raw = str(text).strip()
    key = raw.casefold().replace("_", " ")
    if key in _UNKNOWN:
        return None
    if key in _CODES:
        return _CODES[key]
    if key in CLASSES:
        return key
    if _MEL.search(raw) and not regex.search(r"\bnon[- ]?melanoma|simulator|mimic", raw, regex.IGNORECASE):
        return "melanoma"
    if _BKL.search(raw):
        return "pigmented benign keratosis"
    if _NEVUS.search(raw) and not _NOT_MELANOCYTIC_NEVUS.search(raw):
        return "nevus"
    return OTHER

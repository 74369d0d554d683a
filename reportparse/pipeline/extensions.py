"""Custom attributes our components set on ``Doc`` (registered once, idempotently)."""

from __future__ import annotations

from spacy.tokens import Doc

_EXTENSIONS = {
    "rp_lines": None,  # list[Line]: lines and cells of the document
    "rp_decimal": None,  # "," or "."
    "rp_text": None,  # doc.text with markdown emphasis and CSV commas blanked (same offsets): what readers lex
    "rp_furniture": None,  # dict[int, str]: line index -> why it is page furniture (never a value)
    "rp_tables": None,  # list[Table]: table regions and the role of each column
    "rp_rows": None,
    "rp_rejected": None,  # frozenset[int]: lines the rules read and judged no value (limits where results stand)  # list[LabRow]: results as read, before normalisation
    "rp_segments": None,  # list[Segment]: the parts the trained recogniser read (prose paragraphs, lines left)
    "rp_entities": None,  # list[(start, end, label)]: the recogniser's entities, exact character offsets
    "lab_values": None,  # tuple[LabValue, ...]: the result
    "patient": None,  # Patient
    "collected": None,  # datetime.date | None
    "rp_warnings": None,  # list[ParseWarning]
    "rp_ocr_words": None,  # reportparse.ocr.words.WordSpans: spans and confidences of OCR words (set by the caller)
}


def register_extensions() -> None:
    for name, default in _EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)

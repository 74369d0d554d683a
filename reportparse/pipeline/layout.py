"""``reportparse_layout``: lines and cells of the document, and which lines are page furniture."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..grammar.numbers import detect_decimal_mark
from ..layout.furniture import find_furniture
from ..params import ParseParams
from ..table.lines import clean_text, split_lines
from .extensions import register_extensions


class LayoutReader:
    """Sets ``doc._.rp_lines``, ``doc._.rp_text`` (the text with markdown emphasis and CSV commas blanked, same
    offsets), ``doc._.rp_decimal`` and ``doc._.rp_furniture`` (line index -> reason)."""

    def __init__(self, nlp: Language, name: str, decimal: str = "auto", params: ParseParams | None = None) -> None:
        register_extensions()
        self.name = name
        self.decimal = decimal
        self.default_decimal = "," if nlp.lang == "it" else "."
        self.params = params or ParseParams()

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        doc._.rp_decimal = detect_decimal_mark(text, self.default_decimal) if self.decimal == "auto" else self.decimal
        doc._.rp_lines = split_lines(text)
        doc._.rp_text = clean_text(text)[0]  # same offsets as doc.text; what the readers lex
        doc._.rp_furniture = find_furniture(doc._.rp_lines, self.params)
        return doc


def ensure_layout(doc: Doc, lang: str, params: ParseParams | None = None) -> None:
    """Fill the layout attributes when a pipeline runs a later component without ``reportparse_layout``."""
    if doc._.rp_lines is None:
        LayoutReader(type("_", (), {"lang": lang})(), "reportparse_layout", params=params)(doc)

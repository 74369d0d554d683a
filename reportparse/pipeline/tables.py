"""``reportparse_tables``: table regions and the role of every column (``doc._.rp_tables``).

``doc._.rp_tables`` is a list of :class:`~reportparse.table.columns.Table`; ``table.to_dict()``
shows each column's role, where it stands and whether the header or the content said so —
the place to look when a column was read as "previous".
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..params import ParseParams
from ..table.columns import read_tables
from ..table.lexer import lex
from .extensions import register_extensions
from .layout import ensure_layout


class TableReader:
    def __init__(self, nlp: Language, name: str, params: ParseParams | None = None) -> None:
        register_extensions()
        self.name = name
        self.lang = nlp.lang
        self.params = params or ParseParams()

    def __call__(self, doc: Doc) -> Doc:
        ensure_layout(doc, self.lang, self.params)
        text, decimal = doc._.rp_text, doc._.rp_decimal

        def lex_cell(cell):
            return lex(text, cell.start, cell.end, decimal, col_offset=cell.start - cell.col0)

        # Column headers repeated on every page are furniture to the row reader, but still headers here.
        furniture = doc._.rp_furniture or {}
        skip = {i for i, why in furniture.items() if why != "repeated"}
        doc._.rp_tables = read_tables(doc._.rp_lines, lex_cell, self.params, skip=skip)
        return doc


def ensure_tables(doc: Doc, lang: str, params: ParseParams | None = None) -> None:
    if doc._.rp_tables is None:
        TableReader(type("_", (), {"lang": lang})(), "reportparse_tables", params=params)(doc)

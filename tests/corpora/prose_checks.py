"""Checks every prose test file makes of a generated document: valid spans, and gold values that say what their
relations say."""

import pytest

from corpora.prose.builder import is_number
from reportparse.ner.data import LABELS

GOLD_KEYS = {"analyte", "value", "unit", "ref_low", "ref_high", "ref_text", "flag", "id"}


def check_spans(doc) -> None:
    """Entities in order, inside the text, of known labels, without surrounding blanks or line breaks."""
    ex, last = doc.example, 0
    for start, end, label in sorted(ex.entities):
        assert label in LABELS and 0 <= start < end <= len(ex.text) and start >= last, (doc.id, start, label)
        piece = ex.text[start:end]
        assert piece == piece.strip() and "\n" not in piece, (doc.id, piece)
        last = end


def check_gold_matches_relations(doc) -> None:
    """One relation per gold value; each relation's spans carry the right labels and print the gold's fields."""
    ex, values = doc.example, doc.gold["values"]
    assert len(ex.relations) == len(values), doc.id
    labels = {(s, e): label for s, e, label in ex.entities}
    for rel, gold in zip(ex.relations, values):
        assert set(gold) == GOLD_KEYS
        for field, label in (("analyte", "ANALYTE"), ("value", "VALUE"), ("unit", "UNIT"), ("range", "RANGE"),
                             ("flag", "FLAG")):
            span = getattr(rel, field)
            assert span is None or labels.get(tuple(span)) == label, (doc.id, field)
        assert doc.text[rel.analyte[0]:rel.analyte[1]] == gold["analyte"]
        printed = doc.text[rel.value[0]:rel.value[1]]
        if isinstance(gold["value"], float):
            assert is_number(printed, ex.meta["decimal"]) == pytest.approx(gold["value"]), (doc.id, printed)
        else:
            assert printed == gold["value"], (doc.id, printed)
        assert (doc.text[rel.unit[0]:rel.unit[1]] if rel.unit else None) == gold["unit"], doc.id
        if gold["ref_text"]:
            assert doc.text[rel.range[0]:rel.range[1]] == gold["ref_text"]

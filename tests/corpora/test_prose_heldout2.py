"""The third held-out prose template per language (``*_tumour_board``, written blind): held out, drawn only with
held-out forms (its own, registered ``only_for`` it, and the shared held-out ones), valid spans and gold,
deterministic, and leaving every other template's documents unchanged.
"""

import hashlib
import json
import re

import pytest

from corpora.prose import FORMS, HELD_OUT_TEMPLATES, TEMPLATES, TUNING_TEMPLATES, form_ids, generate_prose
from corpora.prose.builder import is_number
from reportparse.ner.data import LABELS

BOARD = ("it_tumour_board", "en_tumour_board")
SECOND_OPINION = ("it_second_opinion", "en_second_opinion")  # the fourth held-out kind (test_prose_blind.py)
GOLD_KEYS = {"analyte", "value", "unit", "ref_low", "ref_high", "ref_text", "flag", "id"}
# sha256 (first 16 hex digits) of [[text, gold] ...] of the first 5 seed-0 documents, computed before these
# templates and forms were added.
BEFORE = {"it_dermatology_consult": "fc2d07a4ffa29f10", "en_patient_letter": "244c025035e34b89"}


def _docs(name, n=40, seed=0):
    return generate_prose(n, TEMPLATES[name].lang, seed, [name])


def _hash(docs):
    payload = json.dumps([[d.text, d.gold] for d in docs], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def test_the_board_templates_are_held_out_and_one_more_per_language():
    for name in BOARD:
        assert name in TEMPLATES and TEMPLATES[name].held_out
        assert name in HELD_OUT_TEMPLATES and name not in TUNING_TEMPLATES
    for lang in ("it", "en"):
        assert len([n for n in HELD_OUT_TEMPLATES if TEMPLATES[n].lang == lang]) == 4


def test_their_own_forms_are_held_out_and_drawn_only_by_them():
    own = {f.id for f in FORMS.values() if f.only_for}
    assert own and all(FORMS[i].held for i in own)
    assert {t for i in own for t in FORMS[i].only_for} == set(BOARD) | set(SECOND_OPINION)
    for name in TEMPLATES:
        if name in BOARD:
            continue
        foreign = {i for i in own if name not in FORMS[i].only_for}
        for doc in _docs(name, 20):
            assert not set(doc.example.meta["forms"]) & foreign, (name, doc.id)


def test_the_board_templates_use_only_held_out_forms_and_most_of_their_own():
    for name in BOARD:
        lang = TEMPLATES[name].lang
        held = form_ids(lang, True)
        own = {f.id for f in FORMS.values() if name in f.only_for}
        used = set()
        for doc in _docs(name, 60):
            forms = set(doc.example.meta["forms"])
            assert forms <= held, (doc.id, forms - held)
            assert doc.example.meta["held_out"] is True and doc.gold["held_out"] is True
            used |= forms
        assert own <= used, own - used


def test_spans_relations_and_gold_agree():
    for name in BOARD:
        for doc in _docs(name, 60, seed=3):
            ex, values = doc.example, doc.gold["values"]
            last = 0
            for start, end, label in sorted(ex.entities):
                assert label in LABELS and start >= last, (doc.id, label)
                piece = ex.text[start:end]
                assert piece == piece.strip() and "\n" not in piece
                last = end
                if label in ("QUALIFIER",):
                    assert not re.search(r"\d", piece)
            assert values and len(ex.relations) == len(values), doc.id
            labels = {(s, e): label for s, e, label in ex.entities}
            related = set()
            for rel, gold in zip(ex.relations, values):
                assert set(gold) == GOLD_KEYS
                for field, label in (("analyte", "ANALYTE"), ("value", "VALUE"), ("unit", "UNIT"),
                                     ("range", "RANGE"), ("flag", "FLAG")):
                    span = getattr(rel, field)
                    assert span is None or labels.get(tuple(span)) == label, (doc.id, field)
                    if span is not None and field != "analyte":
                        related.add(tuple(span))
                text = lambda s: ex.text[s[0]:s[1]] if s is not None else None  # noqa: E731
                assert text(rel.analyte) == gold["analyte"]
                printed = text(rel.value)
                if isinstance(gold["value"], float):
                    assert is_number(printed, ex.meta["decimal"]) == pytest.approx(gold["value"]), (doc.id, printed)
                else:
                    assert printed == gold["value"]
                assert text(rel.unit) == gold["unit"] and text(rel.range) == gold["ref_text"]
                if gold["ref_text"] is None:
                    assert gold["ref_low"] is None and gold["ref_high"] is None
                assert gold["flag"] == {None: None, "H": "H", "↑": "H", "L": "L", "↓": "L", "*": "abnormal"}[
                    text(rel.flag)]
            for start, end, label in ex.entities:
                if label in ("VALUE", "UNIT", "RANGE", "FLAG"):
                    assert (start, end) in related, (doc.id, label, ex.text[start:end])
            for start, end, kind in ex.meta["negatives"]:
                assert not any(s < end and start < e for s, e, _ in ex.entities), (doc.id, kind)
            assert "SYNTHETIC" in doc.text and all(i in doc.text for i in doc.gold["identifiers"])


def test_the_new_phrasings_appear():
    texts = {name: "\n".join(d.text for d in _docs(name, 60)) for name in BOARD}
    it, en = texts["it_tumour_board"], texts["en_tumour_board"]
    assert "S100B" in it and "S100B" in en
    # the range between the number and its unit: "0,9 (0,6-1,2) mg/dl"
    assert re.search(r"\d \([^()]*\d\) [a-zµ/]", it, re.I) and re.search(r"\d \([^()]*\d\) [a-zµ/]", en, re.I)
    assert "precedente" in it and "previously" in en


def test_deterministic():
    for name in BOARD:
        first, again = _docs(name, 8, seed=7), _docs(name, 8, seed=7)
        assert [(d.text, d.example, d.gold) for d in first] == [(d.text, d.example, d.gold) for d in again]
        assert [d.text for d in _docs(name, 8, seed=8)] != [d.text for d in first]


def test_the_other_templates_are_unchanged_for_seed_0():
    for name, digest in BEFORE.items():
        assert _hash(_docs(name, 5)) == digest

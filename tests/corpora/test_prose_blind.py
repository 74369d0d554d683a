"""The fourth held-out prose template per language (``*_second_opinion``, written blind): held out, drawn only with
held-out forms (mostly its own, registered ``only_for`` it), valid spans and gold, negatives never covered,
deterministic, and leaving every other template's documents unchanged.
"""

import hashlib
import json
import re
from collections import Counter

import pytest

from corpora.prose import FORMS, HELD_OUT_TEMPLATES, TEMPLATES, TUNING_TEMPLATES, form_ids, generate_prose
from corpora.prose.builder import is_number
from reportparse.ner.data import LABELS

SECOND = ("it_second_opinion", "en_second_opinion")
GOLD_KEYS = {"analyte", "value", "unit", "ref_low", "ref_high", "ref_text", "flag", "id"}
# sha256 (first 16 hex digits) of [[text, gold] ...] of the first 5 seed-0 documents, computed before these
# templates and forms were added.
BEFORE = {"it_tumour_board": "011a1defa8006da3", "en_tumour_board": "c1d8954fd07836cf",
          "it_patient_letter": "0caec2efaed6eb54", "en_dermatology_consult": "47ad2033de6b4cd3"}
AT_LEAST = {"value": 6, "qual": 3, "norm": 2, "trend": 1, "pair": 1, "qual_group": 1, "frame": 3}


def _docs(name, n=40, seed=0):
    return generate_prose(n, TEMPLATES[name].lang, seed, [name])


def _hash(docs):
    payload = json.dumps([[d.text, d.gold] for d in docs], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def _own(name):
    return {f.id for f in FORMS.values() if name in f.only_for}


def test_the_second_opinion_templates_are_held_out_and_one_more_per_language():
    for name in SECOND:
        assert name in TEMPLATES and TEMPLATES[name].held_out and TEMPLATES[name].kind == "second_opinion"
        assert name in HELD_OUT_TEMPLATES and name not in TUNING_TEMPLATES
    for lang in ("it", "en"):
        assert len([n for n in HELD_OUT_TEMPLATES if TEMPLATES[n].lang == lang]) == 4


def test_their_own_forms_are_held_out_of_every_kind_and_drawn_only_by_them():
    for name in SECOND:
        own = _own(name)
        assert all(FORMS[i].held and FORMS[i].only_for == (name,) and FORMS[i].lang == TEMPLATES[name].lang
                   for i in own)
        kinds = Counter(FORMS[i].kind for i in own)
        assert all(kinds[kind] >= n for kind, n in AT_LEAST.items()), kinds
    own = _own(SECOND[0]) | _own(SECOND[1])
    for name in TEMPLATES:
        if name in SECOND:
            continue
        for doc in _docs(name, 20):
            assert not set(doc.example.meta["forms"]) & own, (name, doc.id)


def test_they_use_only_held_out_forms_and_all_of_their_own():
    for name in SECOND:
        lang = TEMPLATES[name].lang
        held, own = form_ids(lang, True), _own(name)
        used = Counter()
        for doc in _docs(name, 60):
            forms = set(doc.example.meta["forms"])
            assert forms <= held, (doc.id, forms - held)
            assert doc.example.meta["held_out"] is True and doc.gold["held_out"] is True
            used.update(forms)
        assert own <= set(used), own - set(used)
        # mostly their own phrasing: most lab forms drawn are the letter's own
        assert sum(used[i] for i in own) > 0.7 * sum(used.values())


def test_spans_relations_and_gold_agree_and_negatives_are_never_covered():
    kinds = set()
    for name in SECOND:
        for doc in _docs(name, 60, seed=3):
            ex, values = doc.example, doc.gold["values"]
            last = 0
            for start, end, label in sorted(ex.entities):
                assert label in LABELS and start >= last, (doc.id, label)
                piece = ex.text[start:end]
                assert piece == piece.strip() and "\n" not in piece
                last = end
                if label == "QUALIFIER":
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
                kinds.add(kind)
                assert not any(s < end and start < e for s, e, _ in ex.entities), (doc.id, kind)
            assert sum(k == "date" for *_, k in ex.meta["negatives"]) >= 3, doc.id
            assert "SYNTHETIC" in doc.text and all(i in doc.text for i in doc.gold["identifiers"])
    # the history, the plan and the lab passages are full of numbers that are not lab values
    assert {"date", "age", "phone", "score", "size", "dose", "id", "duration", "time"} <= kinds


def test_the_new_phrasings_appear():
    for name in SECOND:
        docs = _docs(name, 60)
        text = "\n".join(d.text for d in docs)
        # two names and two values split by slashes: "AST/ALT 45 / 60 U/L"
        assert re.search(r"\b[A-Za-z]+/[A-Za-z]+:? \d[\d.,]* / \d", text)
        glued = judged = 0
        for doc in docs:
            ex = doc.example
            spans = {(s, e): label for s, e, label in ex.entities}
            for rel in ex.relations:
                if rel.unit is not None and rel.unit[0] == rel.value[1] and ex.text[rel.unit[0]].isalpha():
                    glued += 1  # "PCR 12mg/L"
                between = ex.text[rel.analyte[1]:rel.value[0]]
                if between.endswith(" (") and any(label == "QUALIFIER" and rel.analyte[1] < s < rel.value[0]
                                                  for (s, e), label in spans.items()):
                    judged += 1  # "ferritina nettamente sotto il limite basso (8 ng/ml)"
        assert glued >= 5 and judged >= 10, (name, glued, judged)
    it = "\n".join(d.text for d in _docs("it_second_opinion", 60))
    en = "\n".join(d.text for d in _docs("en_second_opinion", 60))
    assert "secondo parere" in it and "second opinion" in en
    assert re.search(r"\d al \d{2}/\d{2}/\d{4}, (poi )?\d", it) or re.search(r"\d il \d{2}/\d{2}/\d{4}", it)
    assert "referto non in visione" in it and "report not seen" in en
    assert "diluizione 1:" in it and "dilution of 1:" in en


def test_deterministic():
    for name in SECOND:
        first, again = _docs(name, 8, seed=7), _docs(name, 8, seed=7)
        assert [(d.text, d.example, d.gold) for d in first] == [(d.text, d.example, d.gold) for d in again]
        assert [d.text for d in _docs(name, 8, seed=8)] != [d.text for d in first]


def test_the_other_templates_are_unchanged_for_seed_0():
    for name, digest in BEFORE.items():
        assert _hash(_docs(name, 5)) == digest

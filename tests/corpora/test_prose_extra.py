"""The extra tuning forms and document kinds (corpora.prose.forms_extra / templates_extra): they are tuning only,
each is drawn, every span and gold value follows the conventions, negatives stay outside entities, determinism."""

import re
from collections import Counter
from functools import lru_cache

from corpora.prose import FORMS, HELD_OUT_TEMPLATES, TEMPLATES, TUNING_TEMPLATES, generate_prose
from corpora.prose.builder import is_number
from corpora.prose.forms_extra import EXTRA_FORM_IDS, RANGE_LABELS_EXTRA
from corpora.prose.lexicon import (QUALIFIERS, QUALIFIERS_HELD, QUALITATIVE_WORDS, RANGE_LABELS, RANGE_LABELS_HELD,
                                   agree)
from corpora.prose.templates_extra import EXTRA_TEMPLATES

from .prose_checks import check_gold_matches_relations, check_spans

LANGS = ("it", "en")
KINDS_MIN = {"value": 14, "qual": 6, "norm": 4, "trend": 3, "pair": 2, "qual_group": 2, "frame": 5}
_WORDS = {agree(w, g, n).casefold() for by_lang in QUALITATIVE_WORDS.values() for words in by_lang.values()
          for w in words for g in "mf" for n in "sp"}
_FLAGS = {"H": "H", "↑": "H", "L": "L", "↓": "L", "*": "abnormal"}
N_DOCS = 360  # per language, tuning templates only


@lru_cache(maxsize=None)
def tuning(lang: str, seed: int = 11, n: int = N_DOCS):
    return tuple(generate_prose(n, lang, seed, [t for t in TUNING_TEMPLATES if TEMPLATES[t].lang == lang]))


def _docs():
    return [d for lang in LANGS for d in tuning(lang)]


# -- registration ------------------------------------------------------------------------------------------------
def test_the_extra_forms_are_tuning_forms_and_enough_of_each_kind():
    for lang in LANGS:
        ours = [FORMS[f] for f in EXTRA_FORM_IDS if FORMS[f].lang == lang]
        assert all(not f.held and not f.only_for for f in ours)
        counts = Counter(f.kind for f in ours)
        for kind, least in KINDS_MIN.items():
            assert counts[kind] >= least, (lang, kind, counts[kind])
    assert len(set(EXTRA_FORM_IDS)) == len(EXTRA_FORM_IDS) and all(FORMS[f].id == f for f in EXTRA_FORM_IDS)


def test_the_extra_templates_are_tuning_kinds_of_their_own():
    base = {"discharge_letter", "referral", "visit_summary", "gp_letter", "email_note", "dermatology_consult",
            "patient_letter", "tumour_board"}
    for lang in LANGS:
        ours = [TEMPLATES[n] for n in EXTRA_TEMPLATES if TEMPLATES[n].lang == lang]
        assert len(ours) >= 2
        for t in ours:
            assert not t.held_out and t.name in TUNING_TEMPLATES and t.name not in HELD_OUT_TEMPLATES
            assert t.kind not in base


def test_no_held_out_phrasing_in_the_extra_labels():
    for lang in LANGS:
        assert not set(RANGE_LABELS_EXTRA[lang]) & set(RANGE_LABELS_HELD[lang])


# -- drawing -----------------------------------------------------------------------------------------------------
def test_every_extra_form_and_template_is_drawn():
    for lang in LANGS:
        docs = tuning(lang)
        used = Counter(f for d in docs for f in d.example.meta["forms"])
        missing = [f for f in EXTRA_FORM_IDS if FORMS[f].lang == lang and not used[f]]
        assert not missing, missing
        assert {n for n in EXTRA_TEMPLATES if n.startswith(f"{lang}_")} <= {d.template for d in docs}
        # no single value form dominates the tuning documents
        values = {f: c for f, c in used.items() if FORMS[f].kind == "value"}
        assert max(values.values()) < 0.5 * sum(values.values())


def test_tuning_documents_never_use_held_out_forms_and_the_extra_kinds_use_extra_forms():
    held = {f.id for f in FORMS.values() if f.held}
    extra = set(EXTRA_FORM_IDS)
    ours = Counter()
    for doc in _docs():
        forms = set(doc.example.meta["forms"])
        assert not forms & held, doc.id
        assert doc.example.meta["held_out"] is False and doc.gold["held_out"] is False
        if doc.template in EXTRA_TEMPLATES:
            ours[bool(forms & extra)] += 1
    assert ours[True] >= 0.9 * sum(ours.values()), ours


def test_held_out_documents_never_use_the_extra_forms():
    extra = set(EXTRA_FORM_IDS)
    for lang in LANGS:
        held = [n for n in HELD_OUT_TEMPLATES if TEMPLATES[n].lang == lang]
        for doc in generate_prose(3 * len(held), lang, seed=2, templates=held):
            assert not set(doc.example.meta["forms"]) & extra, doc.id


# -- spans and gold ----------------------------------------------------------------------------------------------
def test_spans_are_valid_and_say_what_they_claim():
    for doc in _docs():
        check_spans(doc)
        ex = doc.example
        for start, end, label in sorted(ex.entities):
            piece = ex.text[start:end]
            if label == "VALUE":
                assert (is_number(piece, ex.meta["decimal"]) is not None or re.fullmatch(r"[<>] ?\d[\d.,]*", piece)
                        or re.fullmatch(r"1:\d+", piece) or piece.casefold() in _WORDS), (doc.id, piece)
            elif label == "RANGE":
                assert re.search(r"\d", piece), (doc.id, piece)
                labels = RANGE_LABELS_EXTRA[doc.lang] + RANGE_LABELS[doc.lang]
                assert not any(piece.startswith(lbl.strip()) for lbl in labels if lbl.strip()), (doc.id, piece)
            elif label == "FLAG":
                assert piece in _FLAGS, (doc.id, piece)
            elif label == "QUALIFIER":
                assert not re.search(r"\d", piece), (doc.id, piece)


def test_gold_values_match_their_relations():
    for doc in _docs():
        check_gold_matches_relations(doc)
        ex, decimal = doc.example, doc.example.meta["decimal"]
        for rel, gold in zip(ex.relations, doc.gold["values"]):
            if gold["ref_text"]:
                numbers = [is_number(n, decimal) for n in re.findall(r"\d[\d.,]*\d|\d", gold["ref_text"])]
                assert numbers == [x for x in (gold["ref_low"], gold["ref_high"]) if x is not None], doc.id
            else:
                assert rel.range is None and gold["ref_low"] is None and gold["ref_high"] is None
            flag = doc.text[rel.flag[0]:rel.flag[1]] if rel.flag else None
            assert gold["flag"] == (_FLAGS[flag] if flag else None), doc.id
        related = {tuple(getattr(r, f)) for r in ex.relations for f in ("value", "unit", "range", "flag")
                   if getattr(r, f) is not None}
        for start, end, label in ex.entities:
            if label in ("VALUE", "UNIT", "RANGE", "FLAG"):
                assert (start, end) in related, (doc.id, label, ex.text[start:end])


def test_judgements_are_qualifiers_never_flags_and_words_of_the_tuning_tables():
    tuning_words = {agree(q, g, n).casefold() for lang in LANGS for qs in QUALIFIERS[lang].values() for q in qs
                    for g in "mf" for n in "sp"} | {"positive", "positivo", "positiva", "positivi", "positive"}
    held_words = {agree(q, g, n).casefold() for lang in LANGS for qs in QUALIFIERS_HELD[lang].values() for q in qs
                  for g in "mf" for n in "sp"}
    for doc in _docs():
        for start, end, label in doc.example.entities:
            if label == "QUALIFIER":
                word = doc.text[start:end].casefold()
                assert word in tuning_words and word not in held_words, (doc.id, word)


def test_negatives_are_never_covered_by_an_entity():
    kinds = Counter()
    for doc in _docs():
        spans = doc.example.entities
        for start, end, kind in doc.example.meta["negatives"]:
            kinds[kind] += 1
            assert not any(s < end and start < e for s, e, _ in spans), (doc.id, kind, doc.text[start:end])
    assert {"date", "dose", "age", "id", "time", "phone", "vital", "score", "duration", "list"} <= set(kinds), kinds


def test_the_extra_kinds_write_trends_pairs_and_groups():
    for lang in LANGS:
        used = Counter(f.split(".")[1] for d in tuning(lang) if d.template in EXTRA_TEMPLATES
                       for f in d.example.meta["forms"])
        assert used["trend"] and used["pair"] and used["qual_group"], used


def test_documents_are_synthetic():
    for doc in _docs():
        if doc.template in EXTRA_TEMPLATES:
            assert "SYNTHETIC" in doc.text and doc.gold["synthetic"] is True


def test_deterministic_by_seed():
    for lang in LANGS:
        names = [n for n in EXTRA_TEMPLATES if n.startswith(f"{lang}_")]
        first, again = generate_prose(9, lang, 5, names), generate_prose(9, lang, 5, names)
        assert [(d.text, d.example, d.gold) for d in first] == [(d.text, d.example, d.gold) for d in again]
        assert [d.text for d in generate_prose(9, lang, 6, names)] != [d.text for d in first]

"""Numbers that are not lab values (corpora.prose.negatives) in the tuning documents: every table and writer works
in both languages and writes only negatives, the forms that put them beside lab values are tuning forms and are all
drawn, negatives are recorded and never covered by an entity, gold still matches the relations, tuning documents
carry more negatives than values and many in the same sentence as a value, documents are deterministic, and the
held-out documents are byte-identical to those before this module existed."""

import bisect
import datetime as dt
import hashlib
import json
import random
import re
from collections import Counter
from functools import lru_cache

import pytest

from corpora.prose import FORMS, HELD_OUT_TEMPLATES, TEMPLATES, TUNING_TEMPLATES, generate_prose
from corpora.prose import negatives as neg
from corpora.prose.builder import Doc
from corpora.prose.forms_extra import EXTRA_FORM_IDS, NEG_FORM_IDS, NEG_FORMS
from corpora.prose.lexicon import SCENARIOS
from corpora.prose.templates_extra import EXTRA_TEMPLATES, MONITORING, SCREENING
from .prose_checks import check_gold_matches_relations, check_spans

LANGS = ("it", "en")
N_DOCS = 320  # per language, tuning templates only
BASE_KINDS = ("discharge_letter", "referral", "visit_summary", "gp_letter", "email_note")
_FLAGS = {"H": "H", "↑": "H", "L": "L", "↓": "L", "*": "abnormal"}
_MARK = re.compile(r"\[\[(.+?)\|(\w+)\]\]")
ALL_SCENARIOS = SCENARIOS + tuple(MONITORING.values()) + (SCREENING,)
# sha256 of json.dumps([[text, gold] ...]) of 60 seed-1 held-out documents per language, computed before
# corpora.prose.negatives and the forms and template calls that use it were added.
HELD_OUT_BEFORE = {"it": "050f348ecc830d87057082faf81ef9f399359e0bc5e4c2bcec339c08251086ac",
                   "en": "a591c5707cf9b72e70a4da165ad5a8e4070f77311b5cdeff6b93fa257a8711ea"}


@lru_cache(maxsize=None)
def tuning(lang: str, seed: int = 17, n: int = N_DOCS):
    return tuple(generate_prose(n, lang, seed, [t for t in TUNING_TEMPLATES if TEMPLATES[t].lang == lang]))


def _docs():
    return [d for lang in LANGS for d in tuning(lang)]


def _doc(lang: str, seed: int = 0, scenario=None, decimal: str | None = None, diagnosis: str = "") -> Doc:
    rng = random.Random(seed)
    decimal = decimal or ("," if lang == "it" else ".")
    doc = Doc(rng=rng, lang=lang, held=False, scenario=scenario or rng.choice(ALL_SCENARIOS), sex=rng.choice("MF"),
              age=rng.randint(20, 85), visit=dt.date(2023, 5, 17), drawn=dt.date(2023, 5, 2), decimal=decimal,
              thousands=decimal == ",")
    doc.diagnosis = diagnosis
    return doc


def _all_phrases():
    """(where, language, phrase) for every phrase of the tables."""
    for topic, by_lang in neg.TOPICS.items():
        for lang in LANGS:
            for text in by_lang[lang]:
                yield f"TOPICS[{topic}]", lang, text
    for topic, families in neg.BY_FAMILY.items():
        for fam, by_lang in families.items():
            for lang in LANGS:
                for text in by_lang[lang]:
                    yield f"BY_FAMILY[{topic}][{fam}]", lang, text
    for aid, by_lang in neg.SEROLOGY.items():
        for lang in LANGS:
            for text in by_lang[lang]:
                yield f"SEROLOGY[{aid}]", lang, text
    for lang in LANGS:
        for text in neg.TREND_TAILS[lang] + neg.PLAN[lang]:
            yield "TREND_TAILS/PLAN", lang, text


def _sentence_of(text: str):
    bounds = [0] + [m.end() for m in re.finditer(r"(?<=[.!?])\s+|\n", text)] + [len(text)]
    return lambda pos: bisect.bisect_right(bounds, pos)


# -- the tables ------------------------------------------------------------------------------------------------------
def test_tables_have_both_languages_and_many_phrases():
    counts = Counter()
    for where, lang, text in _all_phrases():
        counts[lang] += 1
        marks = _MARK.findall(text)
        assert marks, (where, text)
        assert {kind for _, kind in marks} <= set(neg.KINDS), (where, text)
        assert "[[" not in _MARK.sub("", text) and "]]" not in _MARK.sub("", text), (where, text)
    assert counts["it"] >= 300 and counts["en"] >= 300, counts
    for topic, by_lang in neg.TOPICS.items():
        assert all(len(by_lang[lang]) >= 5 for lang in LANGS), topic
    for topic, families in neg.BY_FAMILY.items():
        assert "generic" in families and all(len(families["generic"][lang]) >= 3 for lang in LANGS), topic
    topics = set(neg.TOPICS) | set(neg.BY_FAMILY)
    assert set(neg.WRITERS) == topics and set(neg.LEADS) == topics
    for table in (neg.LEADS, neg.INLINE, neg.HEADINGS):
        assert all(set(by_lang) == set(LANGS) for by_lang in table.values())
    assert set(neg.FRAME_WORDS["it"]) == set(neg.FRAME_WORDS["en"])
    assert set(neg.FAMILY_OF.values()) | {"generic"} >= set(neg.FAMILY_TOPICS) - {"eczema", "hs"}
    # every disease family of the scenarios has its own scores
    assert {neg.FAMILY_OF[s.id] for s in ALL_SCENARIOS} - {"melanoma"} <= set(neg.BY_FAMILY["scores"])


def test_the_brief_categories_are_all_there():
    text = " ".join(t for _, lang, t in _all_phrases())
    for needle in ("Breslow", "mitosi", "/mm²", "Clark", "{pt}", "{sln", "AJCC", "{size2} mm", "SUVmax", "PA [[",
                   "FC [[", "SpO2", "°C", "peso", "BMI", "kg/m²", "PASI", "BSA", "DLQI", "EASI", "SCORAD",
                   "NRS prurito", "/10", "UAS7", "IGA", "PGA", "BPDAI", "SALT", "metotrexato", "ciclosporina",
                   "dupilumab [[300 mg", "cicli", "sedute", "J/cm²", "a scalare di [[5 mg", "compresse",
                   "nevi atipici", "lesioni", "TDS", "7 punti", "da [[{months} mesi", "tra il", "tel.", "fax",
                   "letto", "Ward", "anni|age", "nel [[{year}|year]]", "pack-years", "1:1", "1:10.000", "{weeks}/52"):
        assert needle in text, needle


def test_every_slot_fills_and_every_mark_becomes_a_negative():
    for decimal in (",", "."):
        for i, (where, lang, text) in enumerate(_all_phrases()):
            if lang == "en" and decimal == ",":
                continue
            doc = _doc(lang, i, decimal=decimal)
            filled = neg.fill(doc, text)
            assert "{" not in filled and "}" not in filled, (where, filled)
            doc.b.say(filled)
            assert not doc.b.entities and len(doc.b.negatives) == len(_MARK.findall(text)), (where, filled)
            for start, end, kind in doc.b.negatives:
                piece = doc.b.text[start:end]
                assert piece and piece == piece.strip(), (where, piece)


def test_numbers_follow_the_document_decimal_style_and_one_clause_agrees():
    it, it_dot, en = _doc("it", 1), _doc("it", 1, decimal="."), _doc("en", 1)
    assert neg.fill(it, "{~0.05}") == "0,05" and neg.fill(it_dot, "{~0.05}") == "0.05"
    assert neg.fill(en, "{~2.5}") == "2.5" and neg.fill(it, "{~15}") == "15"
    assert re.fullmatch(r"\d+,\d", neg.fill(it, "{temp}")) and re.fullmatch(r"\d+\.\d", neg.fill(en, "{temp}"))
    for seed in range(20):
        doc = _doc("en", seed)
        weight, height, bmi = neg.fill(doc, "{weight}|{height}|{bmi}").split("|")
        assert float(bmi) == pytest.approx(int(weight) / (int(height) / 100) ** 2, abs=0.051)
    with pytest.raises(KeyError):
        neg.fill(it, "{no_such_slot}")


def test_families_of_every_scenario_and_diagnosis():
    for scenario in ALL_SCENARIOS:
        assert neg.family(_doc("it", scenario=scenario)) == neg.FAMILY_OF[scenario.id]
    assert neg.family(_doc("it", diagnosis="dermatite atopica grave")) == "eczema"
    assert neg.family(_doc("en", diagnosis="hidradenitis suppurativa (Hurley stage II)")) == "hs"
    melanoma = next(s for s in SCENARIOS if s.id == "melanoma_followup")
    assert {neg.score_topic(_doc("it", i, scenario=melanoma)) for i in range(30)} <= {"histology", "staging",
                                                                                      "dermoscopy"}
    assert neg.score_topic(_doc("it", scenario=SCREENING)) == "scores"
    for seed in range(40):
        doc = _doc("it", seed)
        assert neg.pick_topic(doc) in neg.WRITERS
        assert neg.pick_topic(doc, ("vitals", "histology")) in ("vitals", "histology")


# -- the writers -----------------------------------------------------------------------------------------------------
def _only_negatives(doc: Doc, what: str) -> None:
    """Text with negatives and no entity; the negatives are numbers (or a stage, or a dose in words)."""
    b = doc.b
    assert not b.entities, what
    assert b.negatives, (what, b.text)
    for start, end, kind in b.negatives:
        piece = b.text[start:end]
        assert kind in neg.KINDS and 0 <= start < end <= len(b.text) and piece == piece.strip(), (what, kind)
        assert re.search(r"\d|\b[IVX]+[ABCD]?\b|daily|week|times|once|twice", piece), (what, piece)


def test_every_writer_writes_only_negatives_in_both_languages():
    for lang in LANGS:
        for topic, writer in neg.WRITERS.items():
            for seed, scenario in enumerate(ALL_SCENARIOS):
                doc = _doc(lang, seed, scenario=scenario)
                writer(doc)
                _only_negatives(doc, f"{lang} {topic}")
                doc = _doc(lang, seed + 100, scenario=scenario)
                neg.sentence(doc, topic)
                _only_negatives(doc, f"{lang} sentence {topic}")
                assert doc.b.text.endswith(".") and doc.b.text[0] == doc.b.text[0].upper()


def test_inline_before_plan_serology_and_trend_tail():
    for lang in LANGS:
        for seed in range(30):
            doc = _doc(lang, seed)
            topic = neg.pick_topic(doc)
            neg.inline(doc, topic, paren_ok=seed % 2 == 0)
            _only_negatives(doc, f"inline {topic}")
            assert doc.b.text[0] in " ,;(", doc.b.text
            if seed % 2:
                assert "(" not in doc.b.text[:3]
            doc = _doc(lang, seed)
            neg.before(doc, topic)
            _only_negatives(doc, f"before {topic}")
            assert doc.b.text.endswith((", ", "; "))
            doc = _doc(lang, seed)
            neg.numbered_plan(doc)
            _only_negatives(doc, "plan")
            lines = doc.b.text.split("\n")
            assert len(lines) >= 3 and [k for *_, k in doc.b.negatives].count("list") == len(lines) - 1
            doc = _doc(lang, seed)
            neg.trend_tail(doc)
            _only_negatives(doc, "trend tail")
            for aid in neg.SEROLOGY:
                doc = _doc(lang, seed)
                assert neg.serology_context(doc, aid)
                _only_negatives(doc, f"serology {aid}")
            assert not neg.serology_context(_doc(lang), "hemoglobin")


def test_a_document_does_not_repeat_a_measurement_while_others_are_left():
    for seed in range(10):
        doc = _doc("it", seed, scenario=SCREENING, decimal=".")
        for _ in range(2):
            neg.clause(doc, "vitals", 2)
            doc.b.t("; ")
        keys = [neg._key(part.strip()) for part in re.split(r"[;,]| e ", doc.b.text) if part.strip()]
        assert len(keys) == 4 and len(set(keys)) == 4, doc.b.text


# -- the forms -------------------------------------------------------------------------------------------------------
def test_the_new_forms_are_tuning_forms_for_both_languages():
    assert NEG_FORM_IDS and len(set(NEG_FORM_IDS)) == len(NEG_FORM_IDS)
    names = {lang: {f.split(".", 2)[2] for f in NEG_FORM_IDS if f.startswith(f"{lang}.")} for lang in LANGS}
    assert names["it"] == names["en"] == {n for forms in NEG_FORMS.values() for n, *_ in forms}
    for fid in NEG_FORM_IDS:
        form = FORMS[fid]
        assert form.id == fid and not form.held and not form.only_for and fid in EXTRA_FORM_IDS
    base_frames = {f.id.rsplit(".", 1)[1] for f in FORMS.values() if f.kind == "frame" and not f.held}
    for fid in NEG_FORM_IDS:
        if FORMS[fid].kind == "frame":  # drawn wherever the base frame of that name is asked for
            assert fid.split(".")[2] == "neg" and fid.rsplit(".", 1)[1] in base_frames, fid
    assert Counter(FORMS[f].kind for f in NEG_FORM_IDS) == Counter(
        {kind: 2 * len(forms) for kind, forms in NEG_FORMS.items()})


def test_every_new_form_is_drawn_by_the_tuning_documents_and_the_base_kinds_use_them():
    for lang in LANGS:
        used = Counter(f for d in tuning(lang) for f in d.example.meta["forms"])
        assert not [f for f in NEG_FORM_IDS if f.startswith(f"{lang}.") and not used[f]]
        ours = set(NEG_FORM_IDS)
        for kind in BASE_KINDS:
            docs = [d for d in tuning(lang) if d.template == f"{lang}_{kind}"]
            assert sum(bool(set(d.example.meta["forms"]) & ours) for d in docs) >= 0.5 * len(docs), (lang, kind)


def test_held_out_documents_never_use_them_and_are_unchanged():
    ours = set(NEG_FORM_IDS)
    for lang in LANGS:
        held = [n for n in HELD_OUT_TEMPLATES if TEMPLATES[n].lang == lang]
        docs = generate_prose(60, lang, seed=1, templates=held)
        assert not {f for d in docs for f in d.example.meta["forms"]} & ours
        digest = hashlib.sha256(json.dumps([[d.text, d.gold] for d in docs]).encode()).hexdigest()
        assert digest == HELD_OUT_BEFORE[lang], lang


# -- the documents ---------------------------------------------------------------------------------------------------
def test_negatives_are_recorded_and_never_covered_by_an_entity():
    for lang in LANGS:
        kinds = Counter()
        for doc in tuning(lang):
            ex = doc.example
            for start, end, kind in ex.meta["negatives"]:
                kinds[kind] += 1
                piece = ex.text[start:end]
                assert piece and piece == piece.strip(), (doc.id, kind, piece)
                assert not any(s < end and start < e for s, e, _ in ex.entities), (doc.id, kind, piece)
        assert set(neg.KINDS) <= set(kinds), (lang, set(neg.KINDS) - set(kinds))


def test_spans_are_valid_and_gold_values_match_their_relations():
    for doc in _docs():
        check_spans(doc)
        check_gold_matches_relations(doc)


def test_more_negatives_than_values_and_many_in_the_sentences_of_values():
    for lang in LANGS:
        by_kind = {}
        shared = values_total = 0
        for doc in tuning(lang):
            ex = doc.example
            values = [(s, e) for s, e, label in ex.entities if label == "VALUE"]
            sentence = _sentence_of(ex.text)
            with_negatives = {sentence(s) for s, _, _ in ex.meta["negatives"]}
            shared += sum(sentence(s) in with_negatives for s, _ in values)
            values_total += len(values)
            n, v = by_kind.get(doc.template, (0, 0))
            by_kind[doc.template] = (n + len(ex.meta["negatives"]), v + len(values))
        for name, (n, v) in by_kind.items():
            assert n >= v, (name, n, v)  # at least as many negatives as values, in every tuning kind
        assert shared >= 0.4 * values_total, (lang, shared, values_total)


def test_the_extra_templates_call_the_writers():
    def has_lead(doc, *topics):
        text = doc.text.replace("\n", " ")  # lines may be wrapped
        return any(lead in text for topic in topics for lead in neg.LEADS[topic][doc.lang])

    for lang in LANGS:
        seen = Counter()
        for doc in tuning(lang):
            kind = doc.template.split("_", 1)[1]
            seen[kind] += 1
            if kind == "prebiologic_screening":
                assert has_lead(doc, "lifestyle") and has_lead(doc, "screening"), doc.id
            elif kind == "drug_monitoring":
                assert has_lead(doc, "lifestyle", "instrumental", "courses"), doc.id
                seen["plan"] += bool(re.search(r"\n1[.)] ", doc.text))
            elif kind == "telephone_followup":
                assert has_lead(doc, "scores", "histology", "staging", "dermoscopy"), doc.id
        assert seen["prebiologic_screening"] and seen["telephone_followup"] and seen["plan"], seen
    assert {f"{lang}_{k}" for lang in LANGS for k in ("drug_monitoring", "prebiologic_screening",
                                                       "telephone_followup")} <= set(EXTRA_TEMPLATES)


def test_deterministic_by_seed():
    for lang in LANGS:
        names = [t for t in TUNING_TEMPLATES if TEMPLATES[t].lang == lang]
        first, again = generate_prose(24, lang, 8, names), generate_prose(24, lang, 8, names)
        assert [(d.text, d.example, d.gold) for d in first] == [(d.text, d.example, d.gold) for d in again]
        assert [d.text for d in generate_prose(24, lang, 9, names)] != [d.text for d in first]


# -- the recogniser's tokenizer (slow: loads spaCy) ----------------------------------------------------------------
@pytest.mark.slow
def test_entities_fall_on_the_recognisers_token_boundaries_beside_the_negatives():
    spacy = pytest.importorskip("spacy")
    pytest.importorskip("reportparse.ner.tokenizer")
    for lang in LANGS:
        nlp = spacy.blank(lang, config={"nlp": {"tokenizer": {"@tokenizers": "reportparse.lab_tokenizer.v1"}}})
        for doc in tuning(lang):
            tokens = nlp.make_doc(doc.text)
            for start, end, label in doc.example.entities:
                if tokens.char_span(start, end) is None:
                    # the known gap of test_prose: a unit whose last letter is upper case before a full stop
                    assert doc.text[end:end + 1] == "." and tokens.char_span(start, end + 1) is not None, (
                        doc.id, label, doc.text[max(0, start - 20):end + 20])

"""The tokenizer bounds: the same tokens on real text, linear time on runs without spaces, saved as before."""

from __future__ import annotations

import time

import spacy

import reportparse
from reportparse.limits import LIMITS
from reportparse.pipeline.guard import guard_tokenizer

TEXTS = [
    "Emoglobina     11,2    g/dL    13,5 - 17,5\nFerritina (siero)  20  ng/mL  30 - 300",
    "Her hemoglobin was 11.2 g/dL and ferritin 8 ng/mL (ref 15-150). See Dr. Rossi's note...",
    "WBC:6.2 RBC 4,5x10^6/µL; PLT 250.000/mmc; Colesterolo<200 mg/dL.", "“quoted”))) 'tis isn't",
    "a......b........", "x" + "." * 300, "((((((12,5))))))", "12.5g/dL, 45 U/L.", "ab" + ")" * 40 + "x" * 5,
]


def _tokens(nlp, text):
    return [t.text for t in nlp.make_doc(text)]


def test_guarded_tokenizer_splits_text_as_spacy_does():
    for lang in ("it", "en"):
        plain, guarded = spacy.blank(lang), spacy.blank(lang)
        guard_tokenizer(guarded.tokenizer)
        for text in TEXTS:
            assert _tokens(guarded, text) == _tokens(plain, text), text


def test_runs_longer_than_the_limit_are_one_token_and_the_rest_is_split_as_before():
    nlp = reportparse.load_pipeline("it", ner=reportparse.NerOptions(backend="off"))
    run = "(" * (LIMITS.max_token_chars + 1)
    assert _tokens(nlp, f"Emoglobina {run} 12,5.") == ["Emoglobina", run, "12,5", "."]


def test_nested_brackets_tokenize_in_linear_time():
    """Issue 13: 20 KB of nested parentheses took over 20 s (spaCy's suffix search read the whole run each time)."""
    nlp = spacy.blank("it")
    guard_tokenizer(nlp.tokenizer)
    start = time.process_time()
    for depth in (500, 10_000, 100_000):
        doc = nlp.make_doc("(" * depth + "12,5" + ")" * depth)
        assert doc.text.count("(") == depth
    assert time.process_time() - start < 5  # unguarded, 6 KB took 4 s here and 20 KB over 20 s (issue 13)


def test_a_long_run_is_no_url_and_short_words_are_judged_as_before():
    nlp = spacy.blank("en")
    guard_tokenizer(nlp.tokenizer)
    assert nlp.vocab["https://example.org/a"].like_url and not nlp.vocab["Emoglobina"].like_url
    run = "Immunology:ANA1:640." * 6000 + "x"  # spaCy's like_url takes 12 s on it
    start = time.process_time()
    assert not nlp.vocab[run].like_url and time.process_time() - start < 1


def test_guarded_tokenizer_saves_its_expressions_and_guards_once():
    nlp = spacy.blank("en")
    patterns = nlp.tokenizer.suffix_search.__self__.pattern, nlp.tokenizer.token_match
    guard_tokenizer(guard_tokenizer(nlp.tokenizer))
    restored = spacy.blank("en")
    restored.tokenizer.from_bytes(nlp.tokenizer.to_bytes())
    assert restored.tokenizer.suffix_search.__self__.pattern == patterns[0]
    assert restored.tokenizer.token_match == patterns[1] is None
    assert nlp.tokenizer.suffix_search.__self__.full.__self__.pattern == patterns[0]  # wrapped once, not twice

"""Nothing breaks reportparse (issue 13): a bounded run of the fuzz harness, and one regression test for each
failure it found, built here at its minimal size, each ending in a Report or the right code within a time bound.

Time bounds are CPU seconds of this process (``time.process_time``), generous enough for a loaded two-core
machine; each names what the input cost before its fix.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

import reportparse
from reportparse import NerOptions, OcrOptions
from reportparse.errors import ReportParseError
from reportparse.grammar.ranges import parse_reference
from reportparse.layout import loaders
from reportparse.limits import LIMITS, Limits
from reportparse.ner.backfill import _Spans, catalogue_names, result_words, unit_anchored_values
from reportparse.ner.segments import SpanIndex
from reportparse.table.draft import ColumnUnion, overlaps
from reportparse.table.lexer import NUM
from reportparse.table.rows import _drop_results_in_reference_columns

ROOT = Path(__file__).resolve().parents[2]
ROW = "Emoglobina     11,2    g/dL    13,5 - 17,5"
NEVER = OcrOptions(mode="never")


def _cpu(func, *args, **kwargs):
    start = time.process_time()
    result = func(*args, **kwargs)
    return result, time.process_time() - start


def _code(func, *args, **kwargs) -> str:
    with pytest.raises(ReportParseError) as info:
        func(*args, **kwargs)
    return info.value.code


# -- the harness -------------------------------------------------------------------------------------------------

def test_bounded_fuzz_run_ends_every_input_in_a_report_or_a_code(tmp_path):
    """Every mutator, 150 inputs at a twentieth of the extreme sizes: no uncaught exception, timeout or crash."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "fuzz_reports.py"), "--n", "150", "--scale", "0.05", "--jobs", "2",
         "--generated", "1", "--timeout", "20", "--out", str(tmp_path), "--progress", "0"],
        capture_output=True, text=True, timeout=900, env={**os.environ, "PYTHONHASHSEED": "0"})
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["inputs"] == 150
    assert set(summary["by_mutator"]) == set(_mutators()), "every mutator ran"
    assert (summary["uncaught"], summary["timeout"], summary["crash"]) == (0, 0, 0), \
        json.dumps(summary["bad"], indent=1)[:4000]
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert summary["outcomes"].get("report", 0) > 50 and any(o.startswith("coded:") for o in summary["outcomes"])


def _mutators() -> list[str]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from fuzz_mutators import MUTATORS
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return list(MUTATORS)


# -- uncaught exceptions -----------------------------------------------------------------------------------------

def test_a_row_whose_name_is_only_punctuation_is_skipped():
    """IndexError in the row reader (``name_items[0]`` on an empty slice) from ':  Te)' left by OCR."""
    report = reportparse.parse_text(":  Te)  12,5  g/dL  13-17\nFerritina  20  ng/mL  30 - 300", lang="it")
    assert [v.analyte for v in report.values] == ["ferritin"]


def test_a_text_over_the_limit_is_a_coded_error_not_spacys_e088(tmp_path):
    """spaCy's E088 for a 50 MB text: now E042 (text) or E043 (file bytes), at once."""
    text = ROW + "\n"
    huge = text * (50_000_000 // len(text))
    assert _cpu(_code, reportparse.parse_text, huge, lang="it")[0] == "E042"
    path = tmp_path / "huge.txt"
    path.write_text(huge, encoding="utf-8")
    code, seconds = _cpu(_code, reportparse.parse_file, path, ocr=NEVER)
    assert code == "E043" and seconds < 10
    just_over = (text * (LIMITS.max_text_chars // len(text) + 1))
    (tmp_path / "over.txt").write_text(just_over, encoding="utf-8")
    assert _code(reportparse.parse_file, tmp_path / "over.txt", ocr=NEVER) == "E042"
    own = reportparse.load_pipeline("it", ner=NerOptions(backend="off"))
    own.max_length = 100
    assert _code(reportparse.parse_text, text * 3, nlp=own) == "E042"  # a pipeline's own max_length too
    assert "split it" in str(ReportParseError(reportparse.errors.Errors.E042, path="x", chars=2, limit=1)).lower()


def test_a_line_of_thousands_of_records_is_read_without_recursion():
    """RecursionError in the row reader: each record of a line read the next one recursively (a markdown row of
    2,000 records, or one line of rows joined with ";")."""
    markdown = "|" + "|".join(["Emoglobina", "12,5", "g/dL", "13,5 - 17,5"] * 2000) + "|"
    joined = "; ".join(["Emoglobina 12,5 g/dL 13,5 - 17,5"] * 2000)
    for text in (markdown, joined):
        report, seconds = _cpu(reportparse.parse_text, text, lang="it")
        assert report.values[0].value == 12.5 and seconds < 20, seconds


# -- files that are not files ------------------------------------------------------------------------------------

def test_paths_that_are_not_plain_files_have_their_own_codes(tmp_path, monkeypatch):
    """A symlink loop said 'file not found'; a FIFO blocked the reader for ever; a device never ended."""
    (tmp_path / "a.txt").symlink_to("b.txt")
    (tmp_path / "b.txt").symlink_to("a.txt")
    (tmp_path / "dangling.txt").symlink_to("missing.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    (tmp_path / "folder.txt").mkdir()
    (tmp_path / "ok.txt").write_text(ROW, encoding="utf-8")
    (tmp_path / "link.txt").symlink_to("ok.txt")
    assert _code(reportparse.parse_file, tmp_path / "a.txt") == "E045"
    assert _code(reportparse.parse_file, tmp_path / "dangling.txt") == "E048"
    assert _code(reportparse.parse_file, tmp_path / "missing.txt") == "E001"
    assert _code(reportparse.parse_file, tmp_path / "pipe.txt") == "E047"
    assert _code(reportparse.parse_file, tmp_path / "zero.txt") == "E047"
    assert _code(reportparse.parse_file, tmp_path / "folder.txt") == "E010"
    assert _code(reportparse.parse_file, tmp_path / "ok.txt" / "x") == "E010"
    assert _code(reportparse.parse_file, "bad\x00name.txt") == "E010"
    assert _code(reportparse.parse_file, tmp_path / ("x" * 300 + ".txt")) == "E010"
    assert reportparse.parse_file(tmp_path / "link.txt", lang="it", ocr=NEVER).values[0].value == 11.2

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(loaders, "open", denied, raising=False)  # root reads any file: deny it here
    assert _code(reportparse.parse_file, tmp_path / "ok.txt") == "E046"


def test_a_file_over_the_byte_limit_is_not_read(tmp_path, monkeypatch):
    monkeypatch.setattr(loaders, "LIMITS", Limits(max_file_bytes=1000))
    (tmp_path / "big.pdf").write_bytes(b"%PDF-1.4\n" + b" " * 2000)
    assert _code(reportparse.parse_file, tmp_path / "big.pdf") == "E043"


# -- slow inputs -------------------------------------------------------------------------------------------------

def test_nested_parentheses_parse_in_linear_time():
    """20 KB of nested parentheses took over 20 s (spaCy's suffix search is quadratic on a run without spaces)."""
    for depth in (10_000, 100_000):
        report, seconds = _cpu(reportparse.parse_text, f"{ROW}\n" + "(" * depth + ")" * depth, lang="it")
        assert report.values[0].value == 11.2 and seconds < 10, (depth, seconds)


def test_a_long_line_of_prose_with_numbers_is_near_linear():
    """A letter's sentences joined into one 130 KB line took over 20 s: every number in it tried the whole line
    before it as a name, and looked for a footnote mark in every item after it."""
    line = "rileva triptasi sierica pari a 21,7 µg/L. IgE totali 19 UI/ml " * 2000
    report, seconds = _cpu(reportparse.parse_text, f"Egregio Dott. Galli,\n{line}\nCordiali saluti", lang="it")
    assert report.values and seconds < 20, seconds  # 39 s of CPU before, 6 s after (on a busy machine)


def test_a_cell_of_spaced_brackets_is_not_tried_as_two_header_phrases_at_every_word():
    """Bracket pairs with spaces between them ("( ( ( ... ) ) )") in a line: the header reader folded both halves
    of the cell at every word (quadratic: 317 s of CPU for 18,000 pairs; 12,000 would take over 100 s)."""
    text = f"{ROW}\nEmoglobina 12,5 " + "( " * 12_000 + "x" + " )" * 12_000 + f"\n{ROW}"
    report, seconds = _cpu(reportparse.parse_text, text, lang="it")
    assert report.values[0].value == 11.2 and seconds < 15, seconds


def test_a_long_run_without_spaces_is_one_word_and_no_url():
    """A 240,000-character run of ':'-joined fields: kept as one token, spaCy's like_url (quadratic in the word)
    took 12 s on half of it, and looking its header role up joined every prefix of its 36,000 words (9 s)."""
    text = "CLINIC NOTE\nDate seen: 15-Nov-2024\n" + "Immunology:ANA1:640." * 12_000 + "Immuno\nEnd"
    report, seconds = _cpu(reportparse.parse_text, text, lang="en")
    assert report.values == () and seconds < 5, seconds


def test_column_role_tries_only_prefixes_as_long_as_a_phrase_and_agrees_with_trying_all():
    from reportparse.lexicons import fold, load_lexicons

    def every_prefix(text: str) -> str | None:  # the role as defined: the whole, else the longest known prefix
        words = fold(text).split()
        return next((lexicons.column_words[" ".join(words[:n])] for n in range(len(words), 0, -1)
                     if " ".join(words[:n]) in lexicons.column_words), None)

    lexicons = load_lexicons()
    vocab = sorted(lexicons.column_words)[:80] + ["-", "|", "(", "Range", "x", "½", "SI", "İ", "ǰ", "a:b:c"]
    rng = random.Random(5)
    for _ in range(3000):
        text = rng.choice((" ", "", ":")).join(rng.choice(vocab) for _ in range(rng.randrange(1, 9)))
        assert lexicons.column_role(text) == every_prefix(text), text


def test_header_split_agrees_with_trying_every_point():
    from reportparse.lexicons import load_lexicons
    from reportparse.table import columns

    lexicons = load_lexicons()
    phrase_words = max(len(key.split()) for key in lexicons.column_words)
    vocab = sorted(lexicons.column_words)[:60] + ["-", "|", "12/03/2024", "Range", "Units", "(", "/", "½", "x"]
    rng = random.Random(3)
    splits = 0
    for _ in range(3000):
        text = " ".join(rng.choice(vocab) for _ in range(rng.randrange(2, 7)))
        words = list(columns.regex.finditer(r"\S+", text))
        slow = next((w.start() for w in words[1:] if columns._header_phrase(text[:w.start()], lexicons)
                     and columns._header_phrase(text[w.start():], lexicons)), None)
        assert columns._header_split(words, lexicons, phrase_words) == slow, text
        splits += slow is not None
    assert splits > 100


def test_reference_column_filter_is_near_linear():
    """25,000 identical rows took 48 s and 50,000 over 120 s: every row was checked against every other row's
    columns.  Now 50,000 drafts in one table take milliseconds."""
    def draft(result_cols, ref_cols=None, name_span=(0, 5)):
        item = SimpleNamespace(kind=NUM, col0=result_cols[0], col1=result_cols[1])
        ref = SimpleNamespace(col0=ref_cols[0], col1=ref_cols[1]) if ref_cols else None
        return SimpleNamespace(page=1, name_col=0, result=item, ref_item=ref, ref_minmax=None,
                               result_cols=result_cols, name_span=name_span)
    rows = [draft((15, 19), (30, 40)) for _ in range(50_000)] + [draft((31, 33))]
    kept, seconds = _cpu(_drop_results_in_reference_columns, rows)
    assert len(kept) == 50_000 and rows[-1] not in kept and seconds < 5


def test_column_union_agrees_with_the_pairwise_test():
    rng = random.Random(13)
    for _ in range(300):
        intervals = [(a, a + rng.randrange(6)) for a in (rng.randrange(60) for _ in range(rng.randrange(8)))]
        union = ColumnUnion(intervals)
        for a in range(-2, 66):
            query = (a, a + rng.randrange(4))
            assert union.meets(query) == any(overlaps(query, b, 0) for b in intervals)


def test_span_indexes_agree_with_a_scan():
    rng = random.Random(7)
    for _ in range(300):
        spans = [(s, s + rng.randrange(12)) for s in (rng.randrange(100) for _ in range(rng.randrange(10)))]
        index, taken = SpanIndex(spans), _Spans(spans)
        for start in range(-3, 110, 3):
            end = start + rng.randrange(8)
            assert sorted(index.overlapping(start, end)) == sorted(s for s in spans if s[0] < end and start < s[1])
            assert taken.overlaps(start, end) == any(s < end and start < e for s, e in spans)
            assert index.holds(start) == taken.holds(start) == any(s <= start < e for s, e in spans)


def test_a_long_reference_is_read_in_linear_time():
    """Each range of a reference looked for its unit in everything after it (quadratic on a one-line report)."""
    text = "1,0 - 2,0 mg/dL " * 20_000 + "normale 3,0 - 4,0 g/L"
    (bound, unit), seconds = _cpu(parse_reference, text, decimal=",")
    assert (bound.low, bound.high, unit) == (3.0, 4.0, "g/L") and seconds < 5


def test_backfill_on_a_long_paragraph_is_near_linear():
    """Every candidate was checked against every entity of the paragraph."""
    sentence = "Emoglobina 11,2 g/dL e sideremia, scesa a 38 µg/dL; HBsAg risultato negativo. "
    text = sentence * 250  # the longest paragraph the recogniser reads (20,000 characters)
    entities = []
    for k in range(250):
        base = k * len(sentence)
        entities += [(base, base + 10, "ANALYTE"), (base + 11, base + 15, "VALUE"), (base + 16, base + 20, "UNIT")]
        entities.append((base + sentence.index("HBsAg"), base + sentence.index("HBsAg") + 5, "ANALYTE"))
    start = time.process_time()
    values = unit_anchored_values(text, entities)
    names = catalogue_names(text, entities + values, lambda name: name in ("sideremia", "HBsAg", "Emoglobina"))
    results = result_words(text, entities + values + names)
    assert time.process_time() - start < 5
    assert len(values) == 2 * 250 and len(names) == 250 and len(results) == 250


def test_many_rows_parse_in_near_linear_time():
    """A report of thousands of rows: the recogniser's segments were each matched against every entity and
    every row (quadratic); 4x the rows must cost well under 16x the time."""
    def text(n):
        return "\n".join(f"Emoglobina {i % 89 + 5},{i % 10}  g/dL   13,5 - 17,5   pag {i}" for i in range(n))
    reportparse.parse_text(text(10), lang="it")
    small = _cpu(reportparse.parse_text, text(500), lang="it")[1]
    large = _cpu(reportparse.parse_text, text(2000), lang="it")[1]
    assert large < 10 * max(small, 0.2), (small, large)  # linear: ~4x; quadratic: 16x (10x: room for a busy CI)

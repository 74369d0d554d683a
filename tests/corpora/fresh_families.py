"""Checks shared by the tests of the families written blind (fresh2, fresh3, fresh4): every format renders with
gold whose values (and names, identifiers, references) are printed, and the generation is deterministic."""

import json
import re

from corpora.reports import generate_corpus, write_report
from corpora.reports.formatting import format_number
from corpora.reports.render_text import render_markdown, render_text

GOLD_KEYS = {"analyte", "value", "unit", "ref_low", "ref_high", "ref_text", "flag"}


def reports(name, n=8, seed=2):
    return [r for lang in ("it", "en") for r, _ in generate_corpus(n, lang=lang, seed=seed, families=[name])]


def value_rows(report):
    return [row for s in report.sections for row in s.rows if row.gold is not None]


def printed_value(report, row):
    value = row.gold["value"]
    if isinstance(value, str):
        return value
    return format_number(value, row.decimals, report.layout.decimal, row.thousands)


def pdf_text(path):
    from pdfminer.high_level import extract_text

    return extract_text(str(path))


def check_renders_every_format(tmp_path, name, lang, *, ref_text_printed=True):
    """``ref_text_printed``: the gold ``ref_text`` is printed as it stands (not where it joins two limit cells)."""
    generated = list(generate_corpus(4, lang=lang, seed=7, families=[name]))
    assert {fmt for _, fmt in generated} == {"pdf", "txt", "md", "ocr"}
    for report, fmt in generated:
        raw, gold_path = write_report(report, tmp_path, fmt)
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        assert gold["family"] == name and gold["synthetic"] is True
        assert gold["values"] and all(GOLD_KEYS <= set(v) for v in gold["values"])
        assert gold["identifiers"] and ("codice_fiscale" in {k for k, _ in report.identifiers}) == (lang == "it")
        for v in gold["values"]:
            assert v["flag"] in (None, "H", "L", "abnormal")
            assert v["ref_low"] is None or v["ref_high"] is None or v["ref_low"] <= v["ref_high"]
        if fmt == "ocr":
            continue
        if fmt == "pdf":
            assert raw.read_bytes().startswith(b"%PDF")
            text = re.sub(r"\s+", " ", pdf_text(raw))
        else:
            text = raw.read_text(encoding="utf-8")
            assert not [i for i in gold["identifiers"] if i not in text], (name, fmt)
            assert not [v["analyte"] for v in gold["values"] if v["analyte"] not in text], (name, fmt)
            if ref_text_printed:
                assert not [v["ref_text"] for v in gold["values"] if v["ref_text"] and v["ref_text"] not in text]
        missing = [printed_value(report, row) for row in value_rows(report)
                   if printed_value(report, row) not in text]
        assert not missing, (name, fmt, missing)
    again = list(generate_corpus(4, lang=lang, seed=7, families=[name]))
    assert [(r.gold("x"), render_text(r), render_markdown(r)) for r, _ in generated] == \
        [(r.gold("x"), render_text(r), render_markdown(r)) for r, _ in again]

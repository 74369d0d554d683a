"""The fresh3 families (two of the held-out five, written blind): registry, rendering in every format with gold
whose values are printed, and the gold conventions of each trait.

Nothing here parses: how well the parser reads them is measured by benchmarks/bench_families.py only.
"""

import json
import random

import pytest

from corpora.reports import FAMILIES, HELD_OUT_FAMILIES, TUNING_FAMILIES
from corpora.reports.families.fresh3 import _REF_LABELS
from corpora.reports.render_text import render_markdown, render_text

from .fresh_families import check_renders_every_format, printed_value, reports, value_rows

FRESH3 = ("stacked_result", "section_headers")


def test_the_held_out_five_hold_two_fresh2_families_and_the_fresh3_ones_appended_after_them():
    from corpora.reports.families import fresh3

    assert HELD_OUT_FAMILIES[:4] == ("in_out_columns", "two_level_header") + FRESH3
    assert set(TUNING_FAMILIES) == set(FAMILIES) - set(HELD_OUT_FAMILIES)
    # looked at on 2026-12-02: tuning families now
    assert {"numbered_tests", "interpretation_words", "ref_in_result"} <= set(TUNING_FAMILIES)
    assert all(FAMILIES[name].draw.__module__ == fresh3.__name__ for name in FRESH3)
    names = [n for n in FAMILIES if FAMILIES[n].draw.__module__ != f"{fresh3.__package__}.fresh4"]
    assert names[-len(FRESH3):] == list(FRESH3)  # appended (before fresh4's): the others keep their cycle places
    traits = {FAMILIES[name].trait for name in HELD_OUT_FAMILIES}
    assert len(traits) == 5
    assert not {FAMILIES[name].trait for name in FRESH3} & {FAMILIES[name].trait for name in TUNING_FAMILIES}
    for name in FRESH3:
        for lang in ("it", "en"):
            layouts = {FAMILIES[name].sample(random.Random(k), lang) for k in range(12)}
            assert len(layouts) > 3 and not any(layout.legacy for layout in layouts), (name, lang)


@pytest.mark.parametrize("name", FRESH3)
@pytest.mark.parametrize("lang", ["it", "en"])
def test_renders_every_format_with_gold_values_printed(tmp_path, name, lang):
    check_renders_every_format(tmp_path, name, lang)


def test_stacked_result_prints_the_reference_under_the_value_in_its_cell():
    styles, unit_on_ref, marked = set(), 0, 0
    for report in reports("stacked_result"):
        layout = report.layout
        assert layout.ref_under and not {"range", "unit", "min", "max"} & set(layout.columns)
        styles.add(layout.ref_under)
        lines = render_text(report).splitlines()
        md = render_markdown(report)
        cursor = 0
        for row in value_rows(report):
            cell, gold = row.cells["result"], row.gold
            printed = printed_value(report, row)
            assert cell.startswith(printed) and "range" not in row.cells and "unit" not in row.cells
            if gold["unit"] and layout.unit_placement == "column":  # the unit after the value, in the same cell
                glued = "" if gold["unit"] == "%" else " "  # 46,1%, 13,5 g/dL
                assert cell[len(printed):].startswith(f"{glued}{gold['unit']}")
            if "flag" not in layout.columns and gold["flag"]:
                marked += 1
                assert not cell.endswith(gold["unit"] or "\x00")  # the mark follows the value and its unit
            if not gold["ref_text"]:
                assert not row.ref_lines
                continue
            assert len(row.ref_lines) == 1
            under = row.ref_lines[0]
            if layout.ref_under == "paren":
                assert under == f"({gold['ref_text']})"
            elif layout.ref_under == "bracket":
                assert under == f"[{gold['ref_text']}]"
            elif layout.ref_under == "bare":
                assert under == gold["ref_text"]
            else:  # a label before it, not part of ref_text
                label = under[: -len(gold["ref_text"])].rstrip()
                assert under == f"{label} {gold['ref_text']}" and label in _REF_LABELS[report.lang]
            if layout.unit_placement == "in_range" and gold["unit"]:
                unit_on_ref += 1
                assert gold["ref_text"].endswith(f" {gold['unit']}") and gold["unit"] not in cell
            # The reference line comes right under the result cell: the next line of text, in the result column.
            cursor = next(i for i in range(cursor, len(lines)) if lines[i].startswith(row.cells["name"])
                          and cell in lines[i]) + 1
            assert lines[cursor].strip() == under
            assert lines[cursor].index(under) >= lines[cursor - 1].index(cell) - len(under)
            assert f"{cell}<br>{under} |" in md
    assert styles == {"paren", "bracket", "label", "bare"} and unit_on_ref and marked


def test_section_headers_print_a_worded_header_under_every_section_and_none_on_the_page():
    differing = cells = 0
    for report in reports("section_headers"):
        layout = report.layout
        assert layout.column_header == "none" and layout.section_headers in ("line", "cell")
        text = render_text(report)
        headers = []
        for section in report.sections:
            values = [row for row in section.rows if row.gold is not None]
            if not values:
                continue
            header = next(row for row in section.rows if row.kind == "header")
            assert section.rows.index(header) < section.rows.index(values[0])
            assert header.gold is None
            words = tuple(header.cells[c] for c in ("result", "unit", "range") if c in header.cells)
            headers.append(words)
            if layout.section_headers == "cell":
                cells += 1
                assert section.title is None and header.cells["name"].isupper()  # the section title
            else:
                assert section.title and not header.cells["name"].isupper()
            assert all(row.gold["analyte"] != header.cells["name"] for row in values)
            md_head = "| " + " | ".join(header.cells.get(c, "") for c in ("name",) + layout.columns) + " |"
            assert md_head in render_markdown(report)
            assert header.cells["name"] in text and header.cells["result"] in text
        differing += len(set(headers)) > 1
        # The column header words are never in the gold.
        gold_text = json.dumps(report.gold("x")["values"], ensure_ascii=False)
        assert "Risultato" not in gold_text and "Observed Value" not in gold_text
    assert differing > 4 and cells

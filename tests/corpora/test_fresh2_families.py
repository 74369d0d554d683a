"""The fresh2 families (the held-out five written blind): registry, rendering in every format with gold whose
values are printed, and the gold conventions of each trait.

Nothing here parses: how well the parser reads them is measured by benchmarks/bench_families.py only.
"""

import random
import re

import pytest

from corpora.reports import FAMILIES, HELD_OUT_FAMILIES, TUNING_FAMILIES
from corpora.reports.render_text import render_markdown, render_text

from .fresh_families import check_renders_every_format, printed_value, reports, value_rows

FRESH2 = ("in_out_columns", "two_level_header", "numbered_tests", "ref_in_result", "interpretation_words")


def _number(text, decimal):
    return float(text.replace("." if decimal == "," else ",", "").replace(decimal, "."))


def test_the_fresh2_families_are_appended_three_still_held_out():
    from corpora.reports.families import fresh2

    # numbered_tests, interpretation_words and ref_in_result were looked at on 2026-12-02: tuning families now.
    assert HELD_OUT_FAMILIES[:2] == ("in_out_columns", "two_level_header")
    assert {"numbered_tests", "interpretation_words", "ref_in_result"} <= set(TUNING_FAMILIES)
    assert not {"numbered_tests", "interpretation_words", "ref_in_result"} & set(HELD_OUT_FAMILIES)
    assert {"limits_before", "delta_check", "remarks_column", "summary_grid", "range_graph"} <= set(TUNING_FAMILIES)
    assert all(FAMILIES[name].draw.__module__ == fresh2.__name__ for name in FRESH2)
    later = {f"{fresh2.__package__}.fresh3", f"{fresh2.__package__}.fresh4"}
    names = [n for n in FAMILIES if FAMILIES[n].draw.__module__ not in later]
    assert names[-len(FRESH2):] == list(FRESH2)  # appended (before fresh3's): the others keep their cycle places
    assert len({FAMILIES[name].trait for name in FRESH2}) == 5
    for name in FRESH2:
        for lang in ("it", "en"):
            layouts = {FAMILIES[name].sample(random.Random(k), lang) for k in range(12)}
            assert len(layouts) > 3 and not any(layout.legacy for layout in layouts), (name, lang)


@pytest.mark.parametrize("name", FRESH2)
@pytest.mark.parametrize("lang", ["it", "en"])
def test_renders_every_format_with_gold_values_printed(tmp_path, name, lang):
    check_renders_every_format(tmp_path, name, lang, ref_text_printed=False)  # limits in two cells


def test_in_out_columns_value_in_one_column_flag_from_it():
    outside = bare = 0
    for report in reports("in_out_columns"):
        assert "result" not in report.layout.columns
        for row in value_rows(report):
            cells = row.cells
            assert bool(cells.get("inside")) != bool(cells.get("outside"))
            printed = cells.get("inside") or cells["outside"]
            assert printed.startswith(printed_value(report, row))
            if cells.get("outside"):
                outside += 1
                assert row.gold["flag"] is not None
                if printed == printed_value(report, row):
                    bare += 1
                    assert row.gold["flag"] == "abnormal"
            else:
                assert row.gold["flag"] is None
            if report.layout.site_codes:
                assert cells["site"] and cells["site"] not in (row.gold["ref_text"] or "")
        if report.layout.site_codes:
            legend = " ".join(text for line in report.legend for _, text, _ in line)
            assert all(row.cells["site"] in legend for row in value_rows(report))
    assert outside and bare


def test_two_level_header_prints_group_titles_above_the_column_titles():
    grouped = 0
    for report in reports("two_level_header"):
        layout = report.layout
        assert layout.header_groups and ("min", "max") in [span for _, span in layout.header_groups]
        lines = render_text(report).splitlines()
        titles_at = next(i for i, line in enumerate(lines) if line.startswith(("Esame", "Test Name")))
        upper = lines[titles_at - 1]
        for title, span in layout.header_groups:
            assert title in upper
            grouped += 1
        md = render_markdown(report).splitlines()
        head = next(i for i, line in enumerate(md) if line.startswith("| Esame") or line.startswith("| Test Name"))
        assert all(title in md[head] for title, _ in layout.header_groups) and md[head + 1].startswith("|---")
        decimal = layout.decimal
        for row in value_rows(report):
            gold = row.gold
            if gold["ref_low"] is not None and gold["ref_high"] is not None:
                assert (_number(row.cells["min"], decimal), _number(row.cells["max"], decimal)) == \
                    (gold["ref_low"], gold["ref_high"])
                assert gold["ref_text"] == f"{row.cells['min']} {row.cells['max']}"
    assert grouped


def test_numbered_tests_number_every_name_and_keep_it_out_of_the_gold():
    capitals = labels = 0
    for report in reports("numbered_tests"):
        layout = report.layout
        mark = {"dot": r"\.", "paren": r"\)", "dash": " -"}[layout.name_numbers]
        previous = 0
        for section in report.sections:
            if layout.number_restart and section.title:
                previous = 0
            for row in [r for r in section.rows if r.kind == "value" and r.gold is not None]:
                match = re.fullmatch(rf"(\d+){mark} (.+)", row.cells["name"])
                assert match, row.cells["name"]
                assert int(match.group(1)) == previous + 1
                previous += 1
                name = match.group(2)
                assert name.startswith(row.gold["analyte"])  # the number is not part of the gold name
                if layout.unit_placement == "label" and row.gold["unit"]:
                    labels += 1
                    assert name == f"{row.gold['analyte']} ({row.gold['unit']})"
                if layout.caps_names:
                    capitals += 1
                    assert row.gold["analyte"] == row.gold["analyte"].upper()
    assert capitals and labels


def test_ref_in_result_prints_the_reference_in_the_result_cell():
    for report in reports("ref_in_result"):
        layout = report.layout
        assert "range" not in layout.columns and "min" not in layout.columns
        for row in value_rows(report):
            cell, gold = row.cells["result"], row.gold
            assert cell.startswith(printed_value(report, row))
            if gold["ref_text"]:
                opening = "[" if layout.ref_in_result == "bracket" else "("
                assert f" {opening}" in cell and cell.endswith("]" if opening == "[" else ")")
                assert gold["ref_text"] in cell
            if "unit" not in layout.columns and gold["unit"]:
                assert f" {gold['unit']} " in f"{cell} "


def test_interpretation_words_give_the_flag():
    seen = set()
    for report in reports("interpretation_words"):
        normal, high, low = report.layout.interp_words
        for row in value_rows(report):
            word, flag = row.cells["interp"], row.gold["flag"]
            if not word:
                assert isinstance(row.gold["value"], str) and flag is None
                continue
            expected = {normal: None, high: "abnormal" if high == low else "H", low: "abnormal" if high == low else "L"}
            assert flag == expected[word], (word, flag)
            seen.add(flag)
    assert {None, "H", "L"} <= seen

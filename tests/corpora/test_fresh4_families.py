"""The fresh4 family (one of the held-out five, written blind): registry, rendering in every format with gold
whose values are printed, and the gold conventions of its trait.

Nothing here parses: how well the parser reads it is measured by benchmarks/bench_families.py only.
"""

import json
import random

import pytest

from corpora.reports import FAMILIES, HELD_OUT_FAMILIES, TUNING_FAMILIES
from corpora.reports.render_text import render_text

from .fresh_families import check_renders_every_format, reports, value_rows

FRESH4 = ("lab_column",)


def test_the_held_out_five_end_with_the_fresh4_family_appended_last():
    from corpora.reports.families import fresh4

    assert HELD_OUT_FAMILIES == ("in_out_columns", "two_level_header", "stacked_result", "section_headers") + FRESH4
    assert set(TUNING_FAMILIES) == set(FAMILIES) - set(HELD_OUT_FAMILIES)
    assert "ref_in_result" in TUNING_FAMILIES  # looked at on 2026-12-02 after its blind score 0.932
    assert all(FAMILIES[name].draw.__module__ == fresh4.__name__ for name in FRESH4)
    assert list(FAMILIES)[-len(FRESH4):] == list(FRESH4)  # appended: the other families keep their cycle places
    assert len({FAMILIES[name].trait for name in HELD_OUT_FAMILIES}) == 5
    assert not {FAMILIES[name].trait for name in FRESH4} & {FAMILIES[name].trait for name in TUNING_FAMILIES}
    for name in FRESH4:
        for lang in ("it", "en"):
            layouts = {FAMILIES[name].sample(random.Random(k), lang) for k in range(12)}
            assert len(layouts) > 3 and not any(layout.legacy for layout in layouts), (name, lang)


@pytest.mark.parametrize("name", FRESH4)
@pytest.mark.parametrize("lang", ["it", "en"])
def test_renders_every_format_with_gold_values_printed(tmp_path, name, lang):
    check_renders_every_format(tmp_path, name, lang)


def test_lab_column_prints_a_site_code_at_the_far_right_never_in_the_gold():
    orders, send_outs, unit_in_range = set(), 0, 0
    for report in reports("lab_column"):
        layout = report.layout
        assert layout.site_codes and layout.columns[-1] == "site" and layout.columns[0] == "result"
        orders.add(layout.columns)
        legend = " ".join(text for line in report.legend for _, text, _ in line)
        lines = render_text(report).splitlines()
        codes = set()
        for row in value_rows(report):
            code, gold = row.cells["site"], row.gold
            codes.add(code)
            assert code and code in legend
            # the code is none of value, unit, reference or flag
            assert code not in (gold["ref_text"] or "") and code != gold["unit"] and code != gold["flag"]
            assert code != str(gold["value"]) and code not in gold["analyte"].split()
            if layout.unit_placement == "in_range" and gold["unit"] and gold["ref_text"]:
                unit_in_range += 1
                assert gold["ref_text"].endswith(f" {gold['unit']}")
            # in the text rendering the code is the last thing on the row's line, after the reference
            if row.cells.get("name") and gold["ref_text"]:
                line = next(x for x in lines if x.startswith(row.cells["name"]) and row.cells["result"] in x)
                assert line.rstrip().endswith(f" {code}")
                assert line.index(row.cells["range"]) < line.rindex(code)
        send_outs += len(codes) > 1
        # the performing-sites block lists no test and no value
        gold_text = json.dumps(report.gold("x")["values"], ensure_ascii=False)
        assert "Performing sites" not in gold_text and "Sedi di esecuzione" not in gold_text
    assert len(orders) > 2 and send_outs and unit_in_range

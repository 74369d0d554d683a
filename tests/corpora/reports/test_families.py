"""Layout families: registry, selection, determinism, and that every family renders with valid gold and identifiers.

Nothing here parses: how well the parser reads each family is measured by benchmarks/bench_families.py.
"""

import json
import random
import re

import pytest

from corpora.cli import main
from corpora.reports import (FAMILIES, HELD_OUT_FAMILIES, TUNING_FAMILIES, generate_corpus, select_families,
                             write_report)
from corpora.reports.render_text import render_markdown, render_text

GOLD_KEYS = {"analyte", "value", "unit", "ref_low", "ref_high", "ref_text", "flag"}
# The codice fiscale check: odd positions (1st, 3rd...) weigh by this table (A/0 = 1, B/1 = 0, C/2 = 5...),
# even positions by their rank (A/0 = 0, B/1 = 1...); the sum modulo 26 is the check letter.
_ODD_ORDER = "BAKPLCQDREVOSFTGUHMINJWZYX"  # letter whose odd-position weight is its index


def _cf_valid(cf: str) -> bool:
    if not re.fullmatch(r"[A-Z]{6}\d{2}[ABCDEHLMPRST]\d{2}[A-Z]\d{3}[A-Z]", cf):
        return False
    as_letter = [chr(65 + int(c)) if c.isdigit() else c for c in cf[:15]]
    total = sum(_ODD_ORDER.index(c) if i % 2 == 0 else ord(c) - 65 for i, c in enumerate(as_letter))
    return cf[15] == chr(65 + total % 26)


def _nhs_valid(printed: str) -> bool:
    digits = printed.replace(" ", "")
    if not re.fullmatch(r"\d{3} \d{3} \d{4}", printed):
        return False
    check = (11 - sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1))) % 11) % 11
    return check != 10 and check == int(digits[9])


def test_known_identifiers_check_out():
    assert _cf_valid("RSSMRA85T10A562S") and not _cf_valid("RSSMRA85T10A562T")
    assert _nhs_valid("943 476 5919") and not _nhs_valid("943 476 5910")


def test_registry_has_at_least_25_described_families():
    assert len(FAMILIES) >= 25
    for name, family in FAMILIES.items():
        assert family.name == name and family.trait and family.description
    assert next(iter(FAMILIES)) == "classic"


def test_held_out_families_cover_different_traits():
    assert len(HELD_OUT_FAMILIES) == 5 and set(HELD_OUT_FAMILIES) <= set(FAMILIES)
    assert set(TUNING_FAMILIES) == set(FAMILIES) - set(HELD_OUT_FAMILIES)
    traits = {FAMILIES[name].trait for name in HELD_OUT_FAMILIES}
    assert len(traits) == 5
    # The earlier held-out sets have been looked at: they are tuning families now.
    looked_at = {"lab_codes", "app_printout", "kv_compact", "cumulative", "condensed",
                 "limits_before", "delta_check", "remarks_column", "summary_grid", "range_graph"}
    assert looked_at <= set(TUNING_FAMILIES)


@pytest.mark.parametrize("lang", ["it", "en"])
def test_every_family_renders_in_every_format_with_gold_and_identifiers(tmp_path, lang):
    seen: dict[str, set[str]] = {name: set() for name in FAMILIES}
    for report, fmt in generate_corpus(4 * len(FAMILIES), lang=lang, seed=1):
        name = report.layout.family
        seen[name].add(fmt)
        raw, gold_path = write_report(report, tmp_path, fmt)
        assert raw.stat().st_size > 0
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        assert gold["family"] == name and gold["synthetic"] is True and "SYNTHETIC" in gold["notes"]
        assert gold["values"] and all(GOLD_KEYS <= set(v) for v in gold["values"]), name
        kinds = {kind for kind, _ in report.identifiers}
        assert {"name", "birth_date", "mrn", "accession", "address", "phone"} <= kinds, name
        assert gold["identifiers"] and set(gold["identifiers"]) == {text for _, text in report.identifiers}
        for kind, text in report.identifiers:
            if kind == "codice_fiscale":
                assert _cf_valid(text), text
            if kind == "nhs":
                assert _nhs_valid(text), text
        assert ("codice_fiscale" in kinds) == (lang == "it")
        if fmt in ("txt", "md"):
            text = raw.read_text(encoding="utf-8")
            assert "SYNTHETIC" in text
            missing = [i for i in gold["identifiers"] if i not in text]
            assert not missing, (name, fmt, missing)
            if name != "classic":  # classic may wrap a long name over two lines
                absent = [v["analyte"] for v in gold["values"] if v["analyte"] not in text]
                assert not absent, (name, fmt, absent)
    assert all(formats == {"pdf", "txt", "md", "ocr"} for formats in seen.values()), seen


def test_each_family_is_deterministic_by_seed_and_independent_of_the_others():
    for name in FAMILIES:
        a = [(r.gold("x"), render_text(r)) for r, _ in generate_corpus(2, lang="it", seed=3, families=[name])]
        b = [(r.gold("x"), render_text(r)) for r, _ in generate_corpus(2, lang="it", seed=3, families=[name])]
        c = [(r.gold("x"), render_text(r)) for r, _ in generate_corpus(2, lang="it", seed=4, families=[name])]
        assert a == b and a != c, name
    # A family's k-th report does not depend on which other families are selected.
    alone = [r for r, _ in generate_corpus(2, lang="en", seed=5, families=["portal_status"])]
    mixed = [r for r, _ in generate_corpus(6, lang="en", seed=5, families=["lab_codes", "portal_status", "classic"])]
    assert [r.gold("x") for r in alone] == [r.gold("x") for r in mixed if r.layout.family == "portal_status"]
    assert render_markdown(alone[1]) == render_markdown(mixed[4])


def test_selection_cycles_excludes_and_rejects_unknown_names():
    picked = [r.layout.family for r, _ in generate_corpus(5, lang="en", families=["dashboard", "minmax"])]
    assert picked == ["dashboard", "minmax", "dashboard", "minmax", "dashboard"]
    everything = [r.layout.family for r, _ in generate_corpus(len(FAMILIES), lang="it")]
    assert everything == list(FAMILIES)
    kept = {r.layout.family for r, _ in generate_corpus(2 * len(FAMILIES), lang="it",
                                                        exclude_families=HELD_OUT_FAMILIES)}
    assert kept == set(TUNING_FAMILIES)
    assert select_families(["minmax", "classic", "minmax"], ["classic"]) == ["minmax"]
    with pytest.raises(ValueError, match=r"^\[G001\] unknown family 'nope'; known: classic, "):
        generate_corpus(3, lang="it", families=["classic", "nope"])
    with pytest.raises(ValueError, match=r"^\[G001\] unknown family 'bogus'"):
        generate_corpus(3, lang="it", exclude_families=["bogus"])
    with pytest.raises(ValueError, match=r"^\[G002\]"):
        generate_corpus(3, lang="it", families=["classic"], exclude_families=["classic"])


def test_cli_selects_families(tmp_path, capsys):
    def families(out):
        return [json.loads(p.read_text(encoding="utf-8"))["family"] for p in sorted((out / "gold").glob("*.json"))]

    assert main(["reports", "--n", "5", "--lang", "en", "--out", str(tmp_path / "h"), "--held-out", "-q",
                 "--formats", "txt"]) == 0
    assert sorted(families(tmp_path / "h")) == sorted(HELD_OUT_FAMILIES)
    assert main(["reports", "--n", "6", "--lang", "it", "--out", str(tmp_path / "t"), "--tuning", "-q",
                 "--formats", "md", "--exclude-families", "classic"]) == 0
    assert set(families(tmp_path / "t")) == set(TUNING_FAMILIES[1:7])
    assert main(["reports", "--n", "3", "--lang", "it", "--out", str(tmp_path / "f"), "-q", "--formats", "txt",
                 "--families", "key_value, minmax"]) == 0
    assert families(tmp_path / "f") == ["key_value", "minmax", "key_value"]
    capsys.readouterr()
    assert main(["reports", "--n", "2", "--out", str(tmp_path / "x"), "-q", "--families", "nope"]) == 2
    assert "error: [G001] unknown family 'nope'" in capsys.readouterr().err
    assert main(["families"]) == 0
    listing = capsys.readouterr().out
    assert all(name in listing for name in FAMILIES) and f"{len(HELD_OUT_FAMILIES)} held out" in listing


def _reports(name, n=6, lang="it"):
    return [r for r, _ in generate_corpus(n, lang=lang, seed=2, families=[name])] + \
        [r for r, _ in generate_corpus(n, lang="en", seed=2, families=[name])]


def _value_rows(report):
    return [row for s in report.sections for row in s.rows if row.gold is not None]


def test_gold_of_status_words_category_columns_and_risk_headers():
    from corpora.reports.restyle import STATUS_FLAG

    for report in _reports("portal_status"):
        for row in _value_rows(report):
            status = next(line for line in row.lines if len(line) == 2)[0][1]
            assert row.gold["flag"] == STATUS_FLAG.get(status)
            assert (row.gold["ref_text"] is None) == (report.layout.range_at == "")
    for report in _reports("low_normal_high"):
        for row in _value_rows(report):
            column = next(c for c in ("low", "normal", "high") if row.cells.get(c))
            assert row.gold["flag"] == {"low": "L", "normal": None, "high": "H"}[column]
            assert (row.gold["ref_text"] is None) == ("range" not in report.layout.columns)
    risky = 0
    for report in _reports("risk_categories"):
        for row in _value_rows(report):
            if row.lines:
                risky += 1
                heads, value = row.lines[1], row.lines[2][0]
                under = next(text for col, text, _ in heads if col == value[0])
                assert row.gold["ref_text"] in " ".join(text for _, text, _ in heads)
                assert (row.gold["flag"] is None) == (row.gold["ref_text"] in under)
    assert risky


def test_gold_of_dated_columns_marks_and_reference_blocks():
    for report in _reports("cumulative"):
        current = next(c for c, title in report.titles.items() if title in (
            report.collected.strftime("%d/%m/%Y"), report.collected.strftime("%m/%d/%Y")))
        decimal = report.layout.decimal
        for row in _value_rows(report):
            printed, value = row.cells[current], row.gold["value"]
            if isinstance(value, str):
                assert printed.startswith(value)
            else:
                number = printed.split()[0].rstrip("*¬").replace("." if decimal == "," else ",", "")
                assert float(number.replace(decimal, ".")) == value, (printed, value)
    for report in _reports("footnote_codes"):
        for row in [r for r in _value_rows(report) if r.kind == "value"]:
            name = row.cells["name"]
            assert name != row.gold["analyte"] and name.startswith(row.gold["analyte"] + " ")
    for report in _reports("ref_legend"):
        legend = [line for s in report.sections for row in s.rows if row.kind == "free" for line in row.lines]
        legend = {line[0][1]: line[1][1] for line in legend + report.legend if len(line) == 2}
        for row in _value_rows(report):
            unit = row.gold["unit"]
            key = f"{row.gold['analyte']} ({unit})" if unit else row.gold["analyte"]
            assert row.gold["ref_text"] in (legend[key], None)


# -- the fresh families (held out) --------------------------------------------------------------------------------
FRESH = ("limits_before", "delta_check", "remarks_column", "summary_grid", "range_graph")


def _number(text, decimal):
    return float(text.replace("." if decimal == "," else ",", "").replace(decimal, "."))


def test_fresh_families_have_their_own_randomness():
    from corpora.reports.families import fresh

    assert all(FAMILIES[name].draw.__module__ == fresh.__name__ for name in FRESH)
    for name in FRESH:
        layouts = {FAMILIES[name].sample(random.Random(k), "it") for k in range(12)}
        assert len(layouts) > 3 and not any(layout.legacy for layout in layouts), name


@pytest.mark.parametrize("name", FRESH)
@pytest.mark.parametrize("lang", ["it", "en"])
def test_fresh_family_renders_every_format_with_identifiers_and_is_deterministic(tmp_path, name, lang):
    reports = list(generate_corpus(4, lang=lang, seed=11, families=[name]))
    assert {fmt for _, fmt in reports} == {"pdf", "txt", "md", "ocr"}
    for report, fmt in reports:
        raw, gold_path = write_report(report, tmp_path, fmt)
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        assert gold["family"] == name and gold["values"] and all(GOLD_KEYS <= set(v) for v in gold["values"])
        assert ("codice_fiscale" in {kind for kind, _ in report.identifiers}) == (lang == "it")
        if fmt == "pdf":
            assert raw.read_bytes().startswith(b"%PDF")
            continue
        text = raw.read_text(encoding="utf-8")
        if fmt == "ocr":
            continue
        assert not [i for i in gold["identifiers"] if i not in text], (name, fmt)
        assert not [v["analyte"] for v in gold["values"] if v["analyte"] not in text], (name, fmt)
        for v in gold["values"]:
            assert v["flag"] in (None, "H", "L", "abnormal")
            assert (v["ref_low"] is None or v["ref_high"] is None or v["ref_low"] <= v["ref_high"])
    again = list(generate_corpus(4, lang=lang, seed=11, families=[name]))
    assert [(r.gold("x"), render_text(r), render_markdown(r)) for r, _ in reports] == \
        [(r.gold("x"), render_text(r), render_markdown(r)) for r, _ in again]


def test_gold_of_limit_columns_before_the_result_and_of_delta_columns():
    for report in _reports("limits_before"):
        columns = report.layout.columns
        assert columns.index("min") < columns.index("max") < columns.index("result")
        for row in _value_rows(report):
            gold = row.gold
            if gold["ref_low"] is not None and gold["ref_high"] is not None:
                decimal = report.layout.decimal
                assert (_number(row.cells["min"], decimal), _number(row.cells["max"], decimal)) == \
                    (gold["ref_low"], gold["ref_high"])
                assert gold["ref_text"] == f"{row.cells['min']} {row.cells['max']}"
    deltas = 0
    for report in _reports("delta_check"):
        decimal = report.layout.decimal
        for row in _value_rows(report):
            value = row.gold["value"]
            if isinstance(value, str):
                assert not row.cells["delta"]
                continue
            assert _number(row.cells["result"].split()[0].rstrip("*¬"), decimal) == value
            if row.cells["delta"]:
                deltas += 1
                previous = _number(row.cells["previous"], decimal)
                change = _number(row.cells["delta"].rstrip("%").lstrip("+-"), decimal)
                assert abs(change - abs(value - previous) * 100 / previous) <= 0.051 + 1e-9
                assert row.cells["delta"].endswith("%") == (report.layout.delta == "pct")
    assert deltas


def test_gold_of_range_bars_remarks_and_summary_grids():
    bars = 0
    for report in _reports("range_graph"):
        for row in _value_rows(report):
            bar = row.cells.get("graph", "")
            if not bar:
                continue
            bars += 1
            at = bar.index(report.layout.graph)
            assert row.gold["flag"] == ("L" if at < 3 else "H" if at > 9 else None), bar
    assert bars
    remarks = 0
    for report in _reports("remarks_column"):
        for row in _value_rows(report):
            remark = row.cells.get("remark", "")
            remarks += bool(remark)
            assert remark not in (str(row.gold["value"]), row.gold["ref_text"])
            if report.layout.flag_style == "none":
                assert row.gold["flag"] is None
    assert remarks
    for report in _reports("summary_grid"):
        printed = [row for s in report.sections for row in s.rows if row.gold is not None]
        lines = [row.lines[0] for row in printed if row.lines]
        assert all(row.kind == "hidden" for row in printed if not row.lines)
        assert max(len(line) for line in lines) >= 4  # at least two tests on some line
        names = [text for line in lines for _, text, _ in line if text not in ("|", ";")][0::2]
        assert names == [row.gold["analyte"] for row in printed]
        for row in printed:
            if report.layout.range_at != "after":
                assert row.gold["ref_text"] is None

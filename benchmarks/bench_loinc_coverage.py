"""LOINC coverage: how many parsed values carry a LOINC code, and whether that code fits the printed unit.

    python benchmarks/bench_loinc_coverage.py [--n 46] [--seed 0] [--formats txt,md] [--ner off]
                                              [--values-out OUT.json] [--values-in IN.json ...]

Parses the real development reports in ``../shared/data/reports-dev/raw`` (skipped, with a line saying so, when
that folder is absent) and ``--n`` generated reports a language (``corpora.reports.generate_corpus``, Italian and
English; report i comes from family i mod the number of families, so ``--n 46`` draws each family once), then
prints per source:

- coverage: the share of parsed values with a LOINC code (and the share linked to a catalogue analyte);
- property match: among coded values with a unit whose LOINC property can be told (g/L → MCnc, mmol/L → SCnc,
  U/L → CCnc, 10*3/uL → NCnc...), the share whose code has that property.  A code of unknown property counts as
  a mismatch: it cannot be vouched for.

``--values-out`` saves the parsed (name, analyte, loinc, unit, ucum) rows; ``--values-in`` scores saved rows
without parsing, so rows parsed by an older checkout can be scored with today's property tables.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEV_RAW = ROOT.parent / "shared" / "data" / "reports-dev" / "raw"
_FIELDS = ("name", "analyte", "loinc", "unit", "ucum")


def _rows(report) -> list[dict]:
    return [{k: getattr(v, k) for k in _FIELDS} for v in report.values]


def parse_dev(ner: str) -> list[dict] | None:
    """Rows of every development report, or None when the folder is absent."""
    import reportparse

    if not DEV_RAW.is_dir():
        return None
    rows = []
    for path in sorted(p for p in DEV_RAW.iterdir() if p.is_file()):
        try:
            report = reportparse.parse_file(path, ner=reportparse.NerOptions(backend=ner))
        except Exception as exc:  # one unreadable report must not hide the others
            print(f"  skipped {path.name}: {type(exc).__name__}: {exc}")
            continue
        rows += [dict(r, source=path.name) for r in _rows(report)]
    return rows


def parse_generated(n: int, seed: int, formats: tuple[str, ...], ner: str) -> list[dict]:
    import reportparse
    from corpora.reports import generate_corpus, write_report

    rows = []
    with tempfile.TemporaryDirectory(prefix="bench_loinc_") as tmp:
        for lang in ("it", "en"):
            for report, fmt in generate_corpus(n, lang=lang, seed=seed, formats=formats):
                raw, _ = write_report(report, tmp, fmt)
                parsed = reportparse.parse_file(raw, ner=reportparse.NerOptions(backend=ner))
                rows += [dict(r, source=raw.name) for r in _rows(parsed)]
    return rows


def _property_tools():
    """(code -> property, ucum -> allowed properties) from the catalogue, or None on a checkout without them."""
    try:
        from reportparse.catalogue import load_catalogue
        from reportparse.grammar.units import loinc_properties
    except ImportError:
        return None
    catalogue = load_catalogue()
    return catalogue.code_property, loinc_properties


def score(rows: list[dict]) -> dict:
    coded = [r for r in rows if r["loinc"]]
    out = {"values": len(rows), "linked": sum(1 for r in rows if r["analyte"]), "coded": len(coded)}
    tools = _property_tools()
    if tools is None:
        return out
    code_property, unit_property = tools
    checked = matched = 0
    mismatches: Counter = Counter()
    for r in coded:
        wanted = unit_property(r["ucum"]) if r["ucum"] else None
        if wanted is None:  # no unit, or one that does not tell ({ratio}, mosm)
            continue
        checked += 1
        if code_property(r["loinc"]) in wanted:
            matched += 1
        else:
            mismatches[(r["analyte"], r["loinc"], r["ucum"])] += 1
    out.update(checked=checked, matched=matched, mismatches=mismatches.most_common(8))
    return out


def _print(label: str, s: dict) -> None:
    n = s["values"] or 1
    line = (f"{label:10} values {s['values']:5d}  linked {s['linked'] / n:6.1%}  "
            f"LOINC coverage {s['coded']:5d} = {s['coded'] / n:6.1%}")
    if "checked" in s:
        share = s["matched"] / s["checked"] if s["checked"] else 0.0
        line += f"  property match {s['matched']}/{s['checked']} = {share:6.1%}"
    else:
        line += "  property match n/a (no property tables in this checkout)"
    print(line)
    for (analyte, code, ucum), count in s.get("mismatches", []):
        print(f"    mismatch x{count}: {analyte} {code} printed in {ucum}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=46, help="generated reports a language (default 46)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--formats", default="txt,md", help="formats of the generated reports (default txt,md)")
    parser.add_argument("--ner", choices=["spacy", "off"], default="off")
    parser.add_argument("--values-out", metavar="OUT", help="save the parsed rows as JSON")
    parser.add_argument("--values-in", metavar="IN", help="score rows saved by --values-out instead of parsing")
    args = parser.parse_args(argv)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    if args.values_in:
        sources = json.loads(Path(args.values_in).read_text(encoding="utf-8"))
    else:
        formats = tuple(s.strip() for s in args.formats.split(",") if s.strip())
        sources = {"dev": parse_dev(args.ner), "generated": parse_generated(args.n, args.seed, formats, args.ner)}
    if args.values_out:
        Path(args.values_out).write_text(json.dumps(sources, ensure_ascii=False), encoding="utf-8")
    for label, rows in sources.items():
        if rows is None:
            print(f"{label:10} skipped: {DEV_RAW} is absent")
            continue
        _print(label, score(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

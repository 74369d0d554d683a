"""Leave-family-out benchmark: reportparse on generated reports, one row per layout family.

    python benchmarks/bench_families.py [--n 4] [--seed 0] [--families A,B] [--jobs N] [--json OUT]
                                        [--ner spacy|off] [--compare]

For every layout family (corpora.reports.families, or those of --families) and both languages, generates --n
reports (formats pdf, txt, md, ocr in turn) in a temporary folder, parses each with reportparse.parse_file and
scores it against its gold with reportparse.evaluate.score_report.  Per family: reports, gold values,
precision / recall / F1 (micro over the family), unit and reference accuracy on matched values, whether the
family is held out, and how many of the fake identifiers printed on the reports (names, codici fiscali, NHS
numbers, addresses...) turn up in the parser's JSON output.  Then macro-F1 over the tuning families and over
the held-out ones, the lowest family F1 and the three worst families.  A report that fails to parse counts as
F1 0 (all its gold values missed) and is listed.

The held-out families are never used for tuning the parser: read their numbers here, never their reports.

``--ner off`` scores the rules alone; ``--compare`` scores rules alone and rules + the trained recogniser on the
same reports and prints both F1 columns and their difference per family (the recogniser is kept only where it
does not lose F1).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpora.reports import HELD_OUT_FAMILIES, generate_corpus, select_families, write_report  # noqa: E402

_COUNTS = ("gold", "predicted", "matched", "unit_ok", "ref_ok", "flag_ok")


def run_family(name: str, lang: str, n: int, seed: int, ner: str = "spacy") -> list[dict]:
    """Generate, parse and score ``n`` reports of one family in one language; one dict per report."""
    import reportparse
    from reportparse.evaluate import score_report

    options = reportparse.NerOptions(backend=ner)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    results = []
    with tempfile.TemporaryDirectory(prefix=f"bench_{name}_") as tmp:
        for report, fmt in generate_corpus(n, lang=lang, seed=seed, families=[name]):
            raw, gold_path = write_report(report, tmp, fmt)
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            row = {"family": name, "lang": lang, "file": raw.name, "format": fmt, "error": None, "leaked": []}
            try:
                predicted = reportparse.parse_file(raw, ner=options).to_dict()
            except Exception as exc:  # a parse error scores 0 for this report and is listed
                row.update({k: 0 for k in _COUNTS}, gold=len(gold["values"]), error=f"{type(exc).__name__}: {exc}")
                results.append(row)
                continue
            score = score_report(gold, predicted)
            row.update({k: getattr(score, k) for k in _COUNTS})
            dump = json.dumps(predicted, ensure_ascii=False)
            row["leaked"] = [text for text in gold["identifiers"] if text in dump]
            results.append(row)
    return results


def _summary(rows: list[dict]) -> dict:
    total = {k: sum(r[k] for r in rows) for k in _COUNTS}
    p = total["matched"] / total["predicted"] if total["predicted"] else 0.0
    r = total["matched"] / total["gold"] if total["gold"] else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    matched = total["matched"]
    return {"reports": len(rows), **total, "precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4),
            "unit_accuracy": round(total["unit_ok"] / matched, 4) if matched else 0.0,
            "ref_accuracy": round(total["ref_ok"] / matched, 4) if matched else 0.0,
            "flag_accuracy": round(total["flag_ok"] / matched, 4) if matched else 0.0,
            "leaked_identifiers": sum(len(r["leaked"]) for r in rows),
            "parse_errors": sum(1 for r in rows if r["error"])}


def _macro(summaries: dict[str, dict], names: list[str]) -> float | None:
    values = [summaries[n]["f1"] for n in names if n in summaries]
    return round(sum(values) / len(values), 4) if values else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=4, help="reports per family and language (default 4)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--families", metavar="A,B", help="only these families (default: all)")
    parser.add_argument("--langs", default="it,en")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1),
                        help="worker processes (default 2 or the CPU count if lower)")
    parser.add_argument("--json", metavar="OUT", help="write the numbers as JSON")
    parser.add_argument("--ner", choices=["spacy", "off"], default="spacy",
                        help="the trained recogniser beside the rules (default) or rules alone")
    parser.add_argument("--compare", action="store_true", help="rules alone against rules + recogniser")
    args = parser.parse_args(argv)
    if args.compare:
        return _compare(args)
    names = select_families([s.strip() for s in args.families.split(",")] if args.families else None)
    langs = [s.strip() for s in args.langs.split(",") if s.strip()]
    tasks = [(name, lang, args.n, args.seed, args.ner) for name in names for lang in langs]
    start = time.perf_counter()
    if args.jobs > 1:
        with ProcessPoolExecutor(args.jobs) as pool:
            chunks = list(pool.map(run_family, *zip(*tasks)))
    else:
        chunks = [run_family(*task) for task in tasks]
    rows = [row for chunk in chunks for row in chunk]
    elapsed = time.perf_counter() - start

    summaries = {name: _summary([r for r in rows if r["family"] == name]) for name in names}
    header = (f"{'family':18} {'held':>4} {'rep':>4} {'gold':>5} {'P':>6} {'R':>6} {'F1':>6} {'unit':>6} {'ref':>6} "
              f"{'leaks':>5} {'errs':>4}")
    print(header)
    print("-" * len(header))
    for name in names:
        s = summaries[name]
        print(f"{name:18} {'yes' if name in HELD_OUT_FAMILIES else 'no':>4} {s['reports']:4d} {s['gold']:5d} "
              f"{s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} {s['unit_accuracy']:6.3f} "
              f"{s['ref_accuracy']:6.3f} {s['leaked_identifiers']:5d} {s['parse_errors']:4d}")
    print("-" * len(header))
    tuning = [n for n in names if n not in HELD_OUT_FAMILIES]
    held = [n for n in names if n in HELD_OUT_FAMILIES]
    macro_tuning, macro_held = _macro(summaries, tuning), _macro(summaries, held)
    worst = sorted(names, key=lambda n: summaries[n]["f1"])[:3]
    overall = _summary(rows)
    print(f"macro-F1 tuning families ({len(tuning)}):   {macro_tuning if macro_tuning is not None else '-'}")
    print(f"macro-F1 held-out families ({len(held)}): {macro_held if macro_held is not None else '-'}")
    print(f"min family F1: {summaries[worst[0]]['f1']:.3f} ({worst[0]})")
    print("worst 3: " + ", ".join(f"{n} {summaries[n]['f1']:.3f}" for n in worst))
    print(f"overall micro-F1 {overall['f1']:.3f} over {overall['reports']} reports, {overall['gold']} gold values; "
          f"identifiers leaked: {overall['leaked_identifiers']}; parse errors: {overall['parse_errors']}; "
          f"{elapsed:.0f}s with {args.jobs} job(s)")
    errors = [r for r in rows if r["error"]]
    for r in errors:
        print(f"  parse error {r['family']}/{r['file']}: {r['error']}")
    leaks = [r for r in rows if r["leaked"]]
    for r in leaks[:10]:
        print(f"  leaked {r['family']}/{r['file']}: {r['leaked']}")
    if args.json:
        Path(args.json).write_text(json.dumps({
            "n_per_family_and_language": args.n, "seed": args.seed, "languages": langs,
            "held_out": list(HELD_OUT_FAMILIES), "families": summaries,
            "macro_f1_tuning": macro_tuning, "macro_f1_held_out": macro_held,
            "min_family_f1": {"family": worst[0], "f1": summaries[worst[0]]["f1"]}, "worst": worst,
            "overall": overall, "parse_errors": [{k: r[k] for k in ("family", "file", "error")} for r in errors],
            "reports": rows}, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


def _compare(args: argparse.Namespace) -> int:
    names = select_families([s.strip() for s in args.families.split(",")] if args.families else None)
    langs = [s.strip() for s in args.langs.split(",") if s.strip()]
    f1 = {}
    for ner in ("off", "spacy"):
        tasks = [(name, lang, args.n, args.seed, ner) for name in names for lang in langs]
        with ProcessPoolExecutor(max(1, args.jobs)) as pool:
            rows = [row for chunk in pool.map(run_family, *zip(*tasks)) for row in chunk]
        f1[ner] = {name: _summary([r for r in rows if r["family"] == name])["f1"] for name in names}
    print(f"{'family':18} {'held':>4} {'rules':>6} {'+ner':>6} {'delta':>6}")
    for name in names:
        print(f"{name:18} {'yes' if name in HELD_OUT_FAMILIES else 'no':>4} {f1['off'][name]:6.3f} "
              f"{f1['spacy'][name]:6.3f} {f1['spacy'][name] - f1['off'][name]:+6.3f}")
    lost = [n for n in names if f1["spacy"][n] < f1["off"][n]]
    for ner in ("off", "spacy"):
        held = _macro({n: {"f1": v} for n, v in f1[ner].items()}, [n for n in names if n in HELD_OUT_FAMILIES])
        print(f"macro-F1 {'rules' if ner == 'off' else 'rules + ner':12} all {sum(f1[ner].values()) / len(names):.4f}"
              f"  held-out {held if held is not None else '-'}")
    print("families where the recogniser loses F1: " + (", ".join(lost) or "none"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

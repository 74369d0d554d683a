"""The trained recogniser beside the rules: prose, table families, and cost.

    python benchmarks/bench_ner.py [--n 60] [--seed 1] [--json OUT]

1. Generated clinical prose in the HELD-OUT templates (corpora.prose.HELD_OUT_TEMPLATES; never trained on),
   Italian and English, --n documents each: (name, value) precision / recall / F1 and unit accuracy on matched
   values, for the rules alone (``--ner off``) and for rules + recogniser (default ``--mode auto``), per
   template and overall.  The tuning templates are scored too, on a seed the training never saw, for reference.
2. The parse cost per document with the recogniser on and off, and pdfminer.six ``extract_text`` on generated
   PDF reports in the same run (the cost target is within 2x of pdfminer for PDFs).

Table layout families, rules alone against rules + recogniser: ``python benchmarks/bench_families.py --compare``.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _score(docs, options) -> dict:
    import reportparse
    from reportparse.evaluate import score_report

    totals = {"gold": 0, "predicted": 0, "matched": 0, "unit_ok": 0, "ref_ok": 0}
    per_template: dict[str, dict] = {}
    for doc in docs:
        report = reportparse.parse_text(doc.text, lang=doc.example.lang, ner=options)
        score = score_report(doc.gold, report.to_dict())
        for bucket in (totals, per_template.setdefault(doc.template, {k: 0 for k in totals})):
            for key in bucket:
                bucket[key] += getattr(score, key)
    return {"all": _rates(totals), **{name: _rates(t) for name, t in sorted(per_template.items())}}


def _rates(t: dict) -> dict:
    p = t["matched"] / t["predicted"] if t["predicted"] else 0.0
    r = t["matched"] / t["gold"] if t["gold"] else 0.0
    return {**t, "precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0, 4),
            "unit_accuracy": round(t["unit_ok"] / t["matched"], 4) if t["matched"] else 0.0}


def prose_table(n: int, seed: int) -> dict:
    import reportparse
    from corpora.prose import HELD_OUT_TEMPLATES, TEMPLATES, generate_prose

    results = {}
    for lang in ("it", "en"):
        for split, names in (("held-out", [t for t in HELD_OUT_TEMPLATES if TEMPLATES[t].lang == lang]),
                             ("tuning", [t for t, tpl in TEMPLATES.items()
                                         if tpl.lang == lang and t not in HELD_OUT_TEMPLATES])):
            docs = list(generate_prose(n, lang=lang, seed=seed, templates=names))
            results[f"{lang} {split}"] = {
                "rules": _score(docs, reportparse.NerOptions(backend="off")),
                "rules+ner": _score(docs, reportparse.NerOptions()),
            }
    return results


def cost_table(n: int, seed: int) -> dict:
    """Seconds per PDF report: pdfminer extract_text, reportparse rules only, reportparse with the recogniser."""
    from pdfminer.high_level import extract_text

    import reportparse
    from corpora.reports import generate_corpus, write_report

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="bench_ner_") as tmp:
        paths = [write_report(r, tmp, "pdf")[0] for r, _ in generate_corpus(n, lang="it", seed=seed, formats=("pdf",))]
        reportparse.parse_file(paths[0], ner=reportparse.NerOptions())  # load both pipelines before timing
        reportparse.parse_file(paths[0], ner=reportparse.NerOptions(backend="off"))
        timings = {}
        for name, run in (("pdfminer extract_text", lambda p: extract_text(p)),
                          ("reportparse rules", lambda p: reportparse.parse_file(p, ner=reportparse.NerOptions(
                              backend="off"))),
                          ("reportparse rules+ner", lambda p: reportparse.parse_file(p, ner=reportparse.NerOptions()))):
            start = time.perf_counter()
            for path in paths:
                run(path)
            timings[name] = (time.perf_counter() - start) / len(paths)
    base = timings["pdfminer extract_text"]
    return {name: {"seconds_per_report": round(t, 4), "ratio_to_pdfminer": round(t / base, 2)}
            for name, t in timings.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=60, help="prose documents per language and split (default 60)")
    parser.add_argument("--seed", type=int, default=1, help="generation seed (training used seed 0)")
    parser.add_argument("--pdfs", type=int, default=12, help="PDF reports for the cost table (default 12)")
    parser.add_argument("--json", metavar="OUT")
    args = parser.parse_args(argv)
    prose = prose_table(args.n, args.seed)
    print(f"{'prose':18} {'reader':10} {'P':>6} {'R':>6} {'F1':>6} {'unit':>6} {'gold':>5}")
    for key, readers in prose.items():
        for reader, scores in readers.items():
            s = scores["all"]
            print(f"{key:18} {reader:10} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} "
                  f"{s['unit_accuracy']:6.3f} {s['gold']:5d}")
        for template, s in readers["rules+ner"].items():
            if template != "all":
                print(f"  {template:30} rules+ner F1 {s['f1']:.3f} unit {s['unit_accuracy']:.3f} "
                      f"(rules {readers['rules'][template]['f1']:.3f})")
    cost = cost_table(args.pdfs, args.seed)
    print(f"\n{'cost per PDF report':24} {'seconds':>8} {'x pdfminer':>10}")
    for name, c in cost.items():
        print(f"{name:24} {c['seconds_per_report']:8.4f} {c['ratio_to_pdfminer']:10.2f}")
    if args.json:
        Path(args.json).write_text(json.dumps({"seed": args.seed, "n": args.n, "prose": prose, "cost": cost},
                                              indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

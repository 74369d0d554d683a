"""Pick an ensemble of vision runs on the validation split, then score it once on the test split.

    python benchmarks/ensemble_select.py RUN [RUN ...] [--data DATASET] [--device cuda] [-o ensemble.json]

Every non-empty subset of the runs (mean of their flip-TTA probabilities) is scored on the runs'
shared validation split; the one with the best balanced accuracy (melanoma AUC breaks ties) is the
choice, and only then is the test split looked at. All subsets' test scores are printed too, marked
as not used for the choice. The runs must share one split (same data and split seed). ``--data`` finds the
split's images by id in a local copy of the dataset (runs trained on another machine). The chosen ensemble's
decision rule (class offsets for balanced accuracy, ``vision.decision``) is fitted on validation and its test
score printed apart.
"""

from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path

import numpy as np


def main(argv: list[str] | None = None) -> int:
    from vision.checkpoint import read_split
    from vision.decision import fit_decision_rule
    from vision.inference import load_run
    from vision.metrics import classification_report

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("runs", nargs="+")
    parser.add_argument("--data", help="the dataset the runs were trained on, here (images found by id)")
    parser.add_argument("--device", default="cpu")
    parser.add_argument("-o", "--output", help="JSON report")
    args = parser.parse_args(argv)

    located = {}
    if args.data:
        from corpora.images import load_dataset

        located = {r.image_id: str(r.image) for r in load_dataset(args.data).records}
    runs = [load_run(r, args.device) for r in args.runs]
    names = [Path(r).name for r in args.runs]
    classes = runs[0].classes
    probs, labels = {}, {}
    for part in ("val", "test"):
        rows = read_split(args.runs[0], part)
        for r in args.runs[1:]:
            if [row["image_id"] for row in read_split(r, part)] != [row["image_id"] for row in rows]:
                parser.error(f"{r} has another {part} split than {args.runs[0]}")
        labels[part] = np.array([classes.index(row["label"]) for row in rows])
        for name, run in zip(names, runs):
            images = [located.get(row["image_id"], row["image"]) for row in rows]
            probs[name, part], broken = run.predict_proba(images, batch_size=64, tta=True)
            if broken:
                parser.error(f"unreadable images: {list(broken)[:3]}")
    table = []
    for k in range(1, len(runs) + 1):
        for subset in itertools.combinations(names, k):
            row = {"runs": list(subset)}
            for part in ("val", "test"):
                p = np.mean([probs[name, part] for name in subset], axis=0)
                report = classification_report(p, labels[part], classes)
                row[part] = {key: report.get(key) for key in ("accuracy", "balanced_accuracy", "macro_f1",
                                                               "melanoma_auc", "melanoma_sensitivity_at_90_specificity")}
            table.append(row)
    chosen = max(table, key=lambda r: (r["val"]["balanced_accuracy"], r["val"]["melanoma_auc"] or 0))
    # The chosen ensemble's own decision rule (vision.decision), fitted on validation, then scored on test once.
    chosen_probs = {part: np.mean([probs[name, part] for name in chosen["runs"]], axis=0) for part in ("val", "test")}
    rule = fit_decision_rule(chosen_probs["val"], labels["val"])
    ruled = classification_report(chosen_probs["test"], labels["test"], classes, rule=rule)["decision_rule"]
    chosen["decision_rule"] = {"offsets": list(rule.offsets), "val": rule.scores,
                               "test": {k: ruled[k] for k in ("accuracy", "balanced_accuracy", "macro_f1")}}
    print(f"{'runs':45} {'val BA':>7} {'val AUC':>7} | {'test acc':>8} {'test BA':>7} {'test AUC':>8}")
    for row in table:
        mark = "  <- chosen on validation" if row is chosen else ""
        print(f"{' + '.join(row['runs']):45} {row['val']['balanced_accuracy']:7.3f} {row['val']['melanoma_auc']:7.3f} |"
              f" {row['test']['accuracy']:8.3f} {row['test']['balanced_accuracy']:7.3f}"
              f" {row['test']['melanoma_auc']:8.3f}{mark}")
    print(f"chosen ensemble with its decision rule (offsets {[round(v, 2) for v in rule.offsets]}, fitted on "
          f"validation: {rule.scores['before']:.3f} -> {rule.scores['after']:.3f}): test accuracy "
          f"{ruled['accuracy']:.3f}, balanced accuracy {ruled['balanced_accuracy']:.3f}")
    if args.output:
        Path(args.output).write_text(json.dumps({"chosen": chosen, "all": table, "tta": True,
                                                 "n": {p: int(len(labels[p])) for p in labels}}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

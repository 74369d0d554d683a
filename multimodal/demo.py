"""The bundled demo (second step of ``make run``): a small hybrid model on a generated cohort.

Everything is generated here, deterministically: drawn lesion images (no real data may be
bundled), the image backbone fine-tuned on one set of them (EfficientNet-Lite0 from ImageNet when
``dermalab[pretrained]`` is installed, else a small CND), a SYNTHETIC cohort built on another set
with generated reports whose lab values depend on the label (documented effects), and the
fusion ablation on it.  Runs in a few minutes on 2 CPU cores.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["run_demo"]


# The image backbone the demo fine-tunes: the best one when its ImageNet weights are installed (dermalab[pretrained]),
# at a small input so the demo stays within minutes on 2 CPU cores; otherwise a small CND from scratch.
BACKBONES = {
    "cnd_efficientnet_lite0": dict(model="cnd_efficientnet_lite0", weights="imagenet", input_size=(96, 128), epochs=4,
                                   batch_size=32, lr=1e-3),
    "cnd": dict(model="cnd", model_kwargs={"channels": (16, 32, 64), "hidden": 64}, input_size=(48, 64), epochs=8,
                batch_size=32, lr=3e-3),
}


def default_backbone() -> str:
    """EfficientNet-Lite0 from ImageNet when its weight package is installed, else CND."""
    from vision.errors import WeightsNotFoundError
    from vision.models.efficientnet import imagenet_weights_file

    try:
        imagenet_weights_file("lite0")
    except WeightsNotFoundError:
        return "cnd"
    return "cnd_efficientnet_lite0"


def run_demo(out: str | Path, seed: int = 0, per_class: int = 100, effect_scale: float = 2.0, quiet: bool = False,
             backbone: str = "auto") -> int:
    from corpora.cohorts import make_synthetic_cohort
    from corpora.images import load_dataset
    from corpora.images.fake import write_fake_dataset
    from vision.train import TrainConfig, train

    from .cli import main as multimodal_main

    out = Path(out)
    say = (lambda *a: None) if quiet else (lambda *a: print(*a, file=sys.stderr))
    backbone = default_backbone() if backbone == "auto" else backbone
    say(f"1/3 fine-tuning {backbone} on drawn lesion images ...")
    images_for_cnn = write_fake_dataset(out / "images_cnn", "ham10000", per_class=per_class, seed=seed + 1,
                                        size=(64, 48), difficulty=0.75)
    run = out / f"vision_{backbone}"
    if not (run / "model.safetensors").exists():
        train(TrainConfig(**BACKBONES[backbone], tta=False, seed=seed), load_dataset(images_for_cnn), run,
              progress=False)
    say("2/3 building a SYNTHETIC paired cohort (other drawn images + generated reports) ...")
    images_for_cohort = write_fake_dataset(out / "images_cohort", "ham10000", per_class=per_class, seed=seed + 2,
                                           size=(64, 48), difficulty=0.75)
    manifest = out / "cohort" / "manifest.csv"
    if not manifest.exists():
        make_synthetic_cohort(load_dataset(images_for_cohort), out / "cohort", seed=seed, report_fraction=0.8,
                              effect_scale=effect_scale)
    say(f"   lab effects: corpora.cohorts.DEFAULT_EFFECTS x {effect_scale} (see {out / 'cohort' / 'cohort.json'})")
    say("3/3 cross-validated ablation: image-only / tabular-only / fused ...")
    return multimodal_main(["train", "--cohort", str(manifest), "--vision-run", str(run), "--out", str(out / "fusion"),
                            "--folds", "5", "--seed", str(seed), "--hybrid", "--include-vision-train"]
                           + (["-q"] if quiet else []))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m multimodal.demo", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default="out/demo")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--per-class", type=int, default=100)
    parser.add_argument("--effect-scale", type=float, default=2.0,
                        help="multiplies the documented lab effects (the small default x2 shows on 300 images)")
    parser.add_argument("--backbone", choices=["auto", *BACKBONES], default="auto",
                        help="image model fine-tuned on the drawn images (auto: EfficientNet-Lite0 from ImageNet when "
                             "dermalab[pretrained] is installed, else a small CND)")
    parser.add_argument("-q", "--quiet", action="store_true")
    args = parser.parse_args(argv)
    return run_demo(args.out, args.seed, args.per_class, args.effect_scale, args.quiet, args.backbone)


if __name__ == "__main__":
    sys.exit(main())

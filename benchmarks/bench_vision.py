"""Training throughput and CPU inference latency of every backbone (CND, CND-InceptionV3, EfficientNet-Lite0/1/2),
in one process.

    python benchmarks/bench_vision.py [--batches 6] [--reduced-training]

Throughput: images/s of forward + backward + AdamW steps at each model's default input size
(batch 16, channels-last). Latency: one image at a time, eval mode, median of 20 runs.
``--reduced-training`` also trains CND for two short epochs on ../shared HAM10000 (or on
drawn images when ../shared is absent) to show the training path runs on a CPU.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import torch

from vision import create_model

ROOT = Path(__file__).resolve().parent.parent


def _throughput(name: str, size: tuple[int, int], batches: int, batch: int = 16) -> float:
    model = create_model(name).to(memory_format=torch.channels_last).train()
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=1e-3)
    x = torch.randn(batch, 3, *size).contiguous(memory_format=torch.channels_last)
    y = torch.randint(0, 3, (batch,))

    def step():
        out = model(x)
        logits = out[0] if isinstance(out, tuple) else out
        loss = torch.nn.functional.cross_entropy(logits, y)
        if isinstance(out, tuple):
            loss = loss + 0.4 * torch.nn.functional.cross_entropy(out[1], y)
        opt.zero_grad()
        loss.backward()
        opt.step()

    step()
    start = time.perf_counter()
    for _ in range(batches):
        step()
    return batches * batch / (time.perf_counter() - start)


def _latency(name: str, size: tuple[int, int], runs: int = 20) -> float:
    model = create_model(name).to(memory_format=torch.channels_last).eval()
    x = torch.randn(1, 3, *size).contiguous(memory_format=torch.channels_last)
    times = []
    with torch.no_grad():
        model(x)
        for _ in range(runs):
            start = time.perf_counter()
            model(x)
            times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--batches", type=int, default=6)
    parser.add_argument("--reduced-training", action="store_true")
    args = parser.parse_args()
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, device cpu")
    print(f"{'model':20} {'input':>10} {'params':>8} {'train img/s':>12} {'latency ms/img':>15}")
    backbones = (("cnd", (200, 200)), ("cnd", (150, 200)), ("cnd_inception_v3", (299, 299)),
                 ("cnd_efficientnet_lite0", (150, 200)), ("cnd_efficientnet_lite0", (192, 256)),
                 ("cnd_efficientnet_lite1", (208, 280)), ("cnd_efficientnet_lite2", (224, 296)))
    for name, size in backbones:
        params = sum(p.numel() for p in create_model(name).parameters()) / 1e6
        thr = _throughput(name, size, args.batches)
        lat = _latency(name, size)
        print(f"{name:20} {f'{size[0]}x{size[1]}':>10} {params:7.2f}M {thr:12.1f} {lat:15.1f}")
    if args.reduced_training:
        from corpora.images import load_dataset
        from corpora.images.fake import write_fake_dataset
        from vision.train import TrainConfig, train

        shared = ROOT.parent / "shared" / "data" / "ham10000-dev"
        with tempfile.TemporaryDirectory() as tmp:
            root = shared if shared.is_dir() else write_fake_dataset(Path(tmp) / "fake", per_class=60)
            metrics = train(TrainConfig(model="cnd", input_size=(96, 128), epochs=2, max_batches=30, tta=False),
                            load_dataset(root, verify="none"), Path(tmp) / "run", progress=False)
        print(f"reduced CND training on {root.name}: 2 epochs x 30 batches, test balanced accuracy "
              f"{metrics['test']['balanced_accuracy']:.3f} ({metrics['train_images_per_s']:.1f} img/s)")


if __name__ == "__main__":
    main()

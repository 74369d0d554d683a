"""Training curves (the paper's Figures 2 and 3) and confusion matrices as PNG."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

__all__ = ["plot_curves", "plot_confusion"]


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def plot_curves(history: list[dict], path: str | Path, title: str = "") -> Path:
    plt = _pyplot()
    epochs = [h["epoch"] for h in history]
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.8))
    for ax, key, label in ((axes[0], "acc", "accuracy"), (axes[1], "loss", "loss")):
        ax.plot(epochs, [h[f"train_{key}"] for h in history], "o-", label="train")
        ax.plot(epochs, [h[f"val_{key}"] for h in history], "o-", label="validation")
        if key == "acc":
            ax.plot(epochs, [h["val_balanced_accuracy"] for h in history], "s--", label="validation (balanced)")
        ax.set_xlabel("epoch")
        ax.set_ylabel(label)
        ax.grid(alpha=0.3)
        ax.legend()
    fig.suptitle(title or "training curves")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return Path(path)


def plot_confusion(matrix: Sequence[Sequence[int]], classes: Sequence[str], path: str | Path, title: str = "") -> Path:
    import numpy as np

    plt = _pyplot()
    m = np.asarray(matrix, dtype=float)
    norm = m / np.maximum(m.sum(axis=1, keepdims=True), 1)
    fig, ax = plt.subplots(figsize=(4.8, 4.2))
    ax.imshow(norm, cmap="Blues", vmin=0, vmax=1)
    short = [c.replace("pigmented benign keratosis", "benign keratosis") for c in classes]
    ax.set_xticks(range(len(classes)), short, rotation=30, ha="right")
    ax.set_yticks(range(len(classes)), short)
    for i in range(len(classes)):
        for j in range(len(classes)):
            ax.text(j, i, f"{int(m[i, j])}\n{norm[i, j]:.0%}", ha="center", va="center",
                    color="white" if norm[i, j] > 0.5 else "black", fontsize=8)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    ax.set_title(title or "confusion matrix")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return Path(path)

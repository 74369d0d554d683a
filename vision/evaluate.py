"""Evaluate a run: on its own held-out test split, or on any other dataset (another clinic)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from .checkpoint import read_split
from .inference import load_run
from .metrics import classification_report

__all__ = ["evaluate_run"]


def evaluate_run(run_dir: str | Path, dataset=None, *, split: str = "test", tta: bool = False, batch_size: int = 32,
                 device: str = "cpu", name: str | None = None) -> dict[str, Any]:
    """Metrics of ``run_dir`` on ``dataset`` (a corpora ImageDataset; all of it) or on the run's own split part.

    Writes ``eval_<name>.json`` and ``eval_<name>_confusion.png`` into the run directory.
    """
    from .plots import plot_confusion

    run = load_run(run_dir, device)
    run_dir = Path(run_dir)
    classes = run.classes
    if dataset is not None:
        items = [(str(r.image), r.label) for r in dataset.records]
        name = name or f"{Path(str(dataset.root)).name}"
    else:
        items = [(row["image"], row["label"]) for row in read_split(run_dir, split)]
        name = name or split
    items = [(p, label) for p, label in items if label in classes]
    probs, broken = run.predict_proba([p for p, _ in items], batch_size=batch_size, tta=tta)
    ok = ~np.isnan(probs).any(axis=1)
    labels = np.array([classes.index(label) for _, label in items])
    report = classification_report(probs[ok], labels[ok], classes)
    report.update({"run": str(run_dir), "data": name, "tta": tta, "broken_images": broken})
    suffix = f"{name}{'_tta' if tta else ''}"
    (run_dir / f"eval_{suffix}.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    plot_confusion(report["confusion_matrix"], classes, run_dir / f"eval_{suffix}_confusion.png",
                   title=f"{run.config['model']} on {name}")
    return report

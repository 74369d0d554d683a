"""Evaluate a run: on its own held-out test split, or on any other dataset (another clinic)."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import numpy as np

from .inference import load_run
from .metrics import classification_report

__all__ = ["evaluate_run"]


def _split_paths(run_dir: Path, part: str) -> list[tuple[str, str]]:
    with open(run_dir / "split.csv", encoding="utf-8") as handle:
        return [(row["image"], row["label"]) for row in csv.DictReader(handle) if part == "all" or row["split"] == part]


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
        items = _split_paths(run_dir, split)
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

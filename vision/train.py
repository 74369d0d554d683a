"""Training: lesion-grouped split, dermoscopy augmentation, class balance, AdamW + one-cycle schedule,
mixed precision and channels-last on CUDA, early stopping on validation balanced accuracy,
resumable, deterministic by seed, DDP under ``torchrun``.

On CUDA the decoded images live on the GPU and batches are augmented there (``vision.augment``);
a time budget stretches the one-cycle schedule over wall-clock time instead of epochs, so a run
fits a fixed GPU lease and still ends on a cooled-down learning rate.

The test part of the split is touched once, after training, by the best-on-validation model.
"""

from __future__ import annotations

import json
import math
import os
import random
import time
import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from .augment import BatchAugment, normalise, stack_images
from .checkpoint import load_pickled_state, save_model, write_config, write_split
from .data import CachedImages, Preprocess, eval_crop, eval_transform, train_transform
from .decision import fit_decision_rule
from .ema import WeightAverage, check_decay
from .errors import VisionError
from .mix import BatchMixer
from .inference import predict_batches
from .metrics import classification_report
from .models import create_model, get_model_config

__all__ = ["TrainConfig", "one_cycle_lr", "seed_everything", "train"]


@dataclass
class TrainConfig:
    model: str = "cnd"
    epochs: int = 40
    batch_size: int = 32
    lr: float = 3e-3
    weight_decay: float = 5e-4
    label_smoothing: float = 0.1
    balance: str = "loss"  # loss (class-weighted) | sampler (balanced batches) | none
    input_size: tuple[int, int] | None = None  # (h, w); None: the model's default
    colour_constancy: bool = False
    augment: float = 1.0
    degrade: float = 0.0  # share of training images shrunk, restored and JPEG re-encoded (other cameras, archives)
    patience: int = 10
    seed: int = 0
    split_seed: int = 0
    val_fraction: float = 0.15
    test_fraction: float = 0.15
    weights: str | None = None  # transfer models (cnd_inception_v3, cnd_efficientnet_*): "imagenet" or a local file
    train_layers: str = "all"  # transfer models: head | last | all
    backbone_lr_scale: float = 1.0  # transfer models with param_groups: the pretrained layers' rate / the head's
    aux_weight: float = 0.4
    model_kwargs: dict[str, Any] = field(default_factory=dict)
    num_workers: int = 0
    amp: bool = True  # CUDA only
    max_batches: int | None = None  # per epoch: reduced runs (benchmarks, tests)
    tta: bool = True  # in the final evaluation
    device: str = "auto"
    augment_on: str = "auto"  # loader (CPU workers) | device (batches on the GPU) | auto: device on CUDA
    time_budget: float | None = None  # minutes of training; the schedule follows time or epochs, whichever is ahead
    ema: float | None = None  # decay of an exponential moving average of the weights (validated and saved)
    mix: float = 0.0  # alpha of MixUp / CutMix (vision.mix), one or the other each batch; 0: off

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["input_size"] = list(self.input_size) if self.input_size else None
        return data


def _param_groups(model: nn.Module, backbone_lr_scale: float) -> list[dict]:
    """The model's own groups (discriminative rates) when it has them, else one group of what it trains."""
    if hasattr(model, "param_groups"):
        return model.param_groups(backbone_lr_scale)
    if backbone_lr_scale != 1.0:
        raise VisionError("--backbone-lr-scale needs a transfer model with param_groups (cnd_efficientnet_*)",
                          code="V007")
    return [{"params": [p for p in model.parameters() if p.requires_grad], "lr_scale": 1.0}]


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def _dist() -> tuple[int, int, int]:
    world = int(os.environ.get("WORLD_SIZE", "1"))
    if world > 1 and not torch.distributed.is_initialized():
        backend = "nccl" if torch.cuda.is_available() else "gloo"
        torch.distributed.init_process_group(backend)
    rank = torch.distributed.get_rank() if world > 1 else 0
    local = int(os.environ.get("LOCAL_RANK", "0"))
    return rank, world, local


def _device(name: str, local_rank: int) -> torch.device:
    if name != "auto":
        return torch.device(name)
    return torch.device(f"cuda:{local_rank}") if torch.cuda.is_available() else torch.device("cpu")


def one_cycle_lr(progress: float, max_lr: float, pct_start: float = 0.15, div: float = 25.0,
                 final_div: float = 1e4) -> float:
    """The one-cycle shape (cosine warm-up, then cosine annealing) at ``progress`` in [0, 1]."""
    start, end = max_lr / div, max_lr / div / final_div
    progress = min(max(progress, 0.0), 1.0)
    if progress < pct_start:
        t, lo, hi = progress / pct_start, start, max_lr
    else:
        t, lo, hi = (progress - pct_start) / (1 - pct_start), max_lr, end
    return float(hi + (lo - hi) * (1 + math.cos(math.pi * t)) / 2)


def _evaluate(model, images: torch.Tensor, targets: torch.Tensor, pre: Preprocess, device, criterion, amp_dtype,
              batch_size: int) -> tuple[float, np.ndarray, np.ndarray]:
    """Loss and probabilities on pre-cropped uint8 ``images`` (the validation set is cropped once, not per epoch)."""
    model.eval()
    losses, probs = [], []
    with torch.no_grad(), torch.autocast(device.type, dtype=amp_dtype, enabled=amp_dtype is not None):
        for i in range(0, len(images), batch_size):
            x = normalise(images[i:i + batch_size].to(device, non_blocking=True), pre)
            y = targets[i:i + batch_size].to(device)
            logits = model(x.contiguous(memory_format=torch.channels_last)).float()
            losses.append(criterion(logits, y) * len(y))
            probs.append(torch.softmax(logits, 1).cpu())
    p, t = torch.cat(probs).numpy(), targets.cpu().numpy()
    return float(sum(losses).item()) / max(len(t), 1), p, t


class _DeviceBatches:
    """Shuffled (or class-balanced, or rank-sharded) batches of a uint8 image tensor held on the device,
    augmented there by ``BatchAugment``."""

    def __init__(self, images: torch.Tensor, targets: torch.Tensor, augment: BatchAugment, batch_size: int,
                 generator: torch.Generator, device_generator: torch.Generator, sample_weights=None,
                 rank: int = 0, world: int = 1, seed: int = 0) -> None:
        self.images, self.targets, self.augment, self.batch_size = images, targets, augment, batch_size
        self.generator, self.device_generator = generator, device_generator
        self.sample_weights, self.rank, self.world, self.seed, self.epoch = sample_weights, rank, world, seed, 0
        n = len(images) // world
        self.drop_last = n > batch_size
        self.length = n // batch_size if self.drop_last else max(1, -(-n // batch_size))

    def set_epoch(self, epoch: int) -> None:
        self.epoch = epoch

    def __len__(self) -> int:
        return self.length

    def _order(self) -> torch.Tensor:
        n = len(self.images)
        if self.world > 1:  # the same permutation on every rank, then one shard each (as DistributedSampler)
            order = torch.randperm(n, generator=torch.Generator().manual_seed(self.seed + self.epoch))
            return order[self.rank:n - n % self.world:self.world]
        if self.sample_weights is not None:
            return torch.multinomial(self.sample_weights, n, replacement=True, generator=self.generator)
        return torch.randperm(n, generator=self.generator)

    def __iter__(self):
        order = self._order().to(self.images.device)
        for b in range(self.length):
            index = order[b * self.batch_size:(b + 1) * self.batch_size]
            yield self.augment(self.images[index], self.device_generator), self.targets[index]


def train(config: TrainConfig, dataset, run_dir: str | Path, *, resume: bool = False, progress: bool = True
          ) -> dict[str, Any]:
    """Train ``config.model`` on a ``corpora`` ImageDataset; write the run to ``run_dir``; return metrics."""
    from tqdm import tqdm

    from corpora.splits import group_ids, train_val_test_split

    if config.time_budget is not None and config.time_budget <= 0:
        raise VisionError(f"the time budget is in minutes and must be positive, not {config.time_budget}", code="V032")
    if config.ema is not None:  # checked before minutes of image decoding
        check_decay(config.ema)
    if not (isinstance(config.mix, (int, float)) and config.mix >= 0):
        raise VisionError(f"--mix is the alpha of MixUp / CutMix, 0 (off) or positive, not {config.mix}", code="V060")
    if config.augment_on not in ("auto", "loader", "device"):
        raise VisionError(f"augment_on must be auto, loader or device, not {config.augment_on!r}", code="V033")
    rank, world, local_rank = _dist()
    main = rank == 0
    device = _device(config.device, local_rank)
    seed_everything(config.seed + rank)
    if device.type == "cuda":
        torch.backends.cudnn.benchmark = True
    run_dir = Path(run_dir)
    if main:
        run_dir.mkdir(parents=True, exist_ok=True)
    classes = list(dataset.classes)
    defaults = get_model_config(config.model)
    input_size = tuple(config.input_size or defaults["input_size"])
    pre = Preprocess(input_size, tuple(defaults["mean"]), tuple(defaults["std"]), config.colour_constancy)

    # -- split: grouped by lesion (and patient), stratified, saved with the run ----------------------------
    if all(r.lesion_id is None and r.patient_id is None for r in dataset.records):
        warnings.warn("[V030] the dataset has no lesion or patient ids: images of one lesion may fall on both "
                      "sides of the split (use corpora.splits.phash_groups to group near-duplicates)", stacklevel=2)
    groups = group_ids(dataset.records)
    split = train_val_test_split(dataset, val=config.val_fraction, test=config.test_fraction, seed=config.split_seed,
                                 groups=groups)
    if main:
        write_split(run_dir, [(dataset.records[i].image_id, dataset.records[i].image, dataset.records[i].label,
                               int(groups[i]), name) for name in ("train", "val", "test") for i in getattr(split, name)])
    labels = np.asarray(dataset.labels)
    paths = [r.image for r in dataset.records]

    def cached(indices, transform=None):
        return CachedImages([paths[i] for i in indices], [int(labels[i]) for i in indices], pre, transform,
                            progress=progress and main)

    on_device = config.augment_on == "device" or (config.augment_on == "auto" and device.type == "cuda")
    train_set = cached(split.train, None if on_device else train_transform(pre, config.augment, config.degrade))
    val_set = cached(split.val)
    crop = eval_crop(pre)
    val_images = torch.stack([crop(image) for image in val_set.images])
    val_targets = torch.as_tensor(val_set.kept_targets)
    counts = np.bincount(train_set.kept_targets, minlength=len(classes)).astype(float)
    class_weights = counts.sum() / (len(classes) * np.maximum(counts, 1))
    balanced = class_weights[np.asarray(train_set.kept_targets)] if config.balance == "sampler" else None

    generator = torch.Generator().manual_seed(config.seed)
    sampler = None
    if on_device:
        device_generator = torch.Generator(device=device).manual_seed(config.seed + rank)
        train_loader = _DeviceBatches(
            stack_images(train_set.images).to(device), torch.as_tensor(train_set.kept_targets, device=device),
            BatchAugment(pre, config.augment, degrade=config.degrade), config.batch_size, generator, device_generator,
            None if balanced is None else torch.as_tensor(balanced), rank, world, config.seed)
        sampler = train_loader
        val_images = val_images.to(device)
    else:
        if world > 1:
            sampler = torch.utils.data.distributed.DistributedSampler(train_set, seed=config.seed, shuffle=True)
        elif balanced is not None:
            sampler = torch.utils.data.WeightedRandomSampler(torch.as_tensor(balanced), len(balanced),
                                                             generator=torch.Generator().manual_seed(config.seed))
        train_loader = DataLoader(train_set, batch_size=config.batch_size, shuffle=sampler is None, sampler=sampler,
                                  num_workers=config.num_workers, drop_last=len(train_set) > config.batch_size,
                                  generator=generator, pin_memory=device.type == "cuda",
                                  persistent_workers=config.num_workers > 0)

    # -- model, optimiser, schedule ------------------------------------------------------------------
    kwargs = dict(config.model_kwargs)
    if defaults.get("transfer"):
        kwargs["train_layers"] = config.train_layers
    model = create_model(config.model, weights=config.weights, num_classes=len(classes), **kwargs)
    pretrained = bool(getattr(model, "pretrained", False))
    model.to(device).to(memory_format=torch.channels_last)
    if world > 1:
        model = nn.parallel.DistributedDataParallel(model, device_ids=[local_rank] if device.type == "cuda" else None)
    core = getattr(model, "module", model)
    ema = WeightAverage(core, config.ema) if config.ema else None
    best_model = ema.module if ema is not None else core  # what is validated and saved
    optimizer = torch.optim.AdamW(_param_groups(core, config.backbone_lr_scale), lr=one_cycle_lr(0.0, config.lr),
                                  weight_decay=config.weight_decay)
    steps = len(train_loader) if config.max_batches is None else min(len(train_loader), config.max_batches)
    total_steps = max(1, config.epochs * steps)
    budget_s = config.time_budget * 60 if config.time_budget else None
    weight = torch.as_tensor(class_weights, dtype=torch.float32, device=device) if config.balance == "loss" else None
    criterion = nn.CrossEntropyLoss(weight=weight, label_smoothing=config.label_smoothing)
    plain = nn.CrossEntropyLoss()
    mixer = BatchMixer(config.mix, seed=config.seed + rank) if config.mix else None
    amp_dtype = None
    if config.amp and device.type == "cuda":
        amp_dtype = torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
    scaler = torch.amp.GradScaler("cuda", enabled=amp_dtype == torch.float16)

    history: list[dict[str, Any]] = []
    best, best_epoch, start_epoch, step, trained_s = -1.0, -1, 0, 0, 0.0
    state_path = run_dir / "last_state.pt"
    if resume and state_path.exists():
        state = load_pickled_state(state_path, map_location=device)  # coded V054/V055 for a damaged file
        core.load_state_dict(state["model"])
        optimizer.load_state_dict(state["optimizer"])
        if ema is not None and "ema" in state:
            ema.load_state_dict(state["ema"])
        # Resuming with more epochs stretches the schedule: it is a function of step / total steps.
        history = json.loads(state["history"])
        best, best_epoch, start_epoch = float(state["best"]), int(state["best_epoch"]), int(state["epoch"]) + 1
        # States written before time budgets existed have no step count: one epoch of steps per finished epoch.
        step = int(state.get("step", start_epoch * steps))
        trained_s = float(state.get("trained_s", 0.0))
        torch.set_rng_state(state["rng"])
        generator.set_state(state["loader_rng"])

    run_config = {
        "model": config.model, "model_kwargs": {k: v for k, v in kwargs.items() if k != "train_layers"},
        "classes": classes, "preprocess": pre.to_dict(), "recipe": config.to_dict(), "pretrained": pretrained,
        "dataset": {"root": str(dataset.root), "layout": dataset.layout, "images": len(dataset)},
        "split": {"seed": config.split_seed, "train": len(split.train), "val": len(split.val), "test": len(split.test),
                  "grouped_by": "lesion_id + patient_id", "file": "split.csv"},
        "versions": {"torch": torch.__version__}, "device": str(device), "world_size": world,
        "augment_on": "device" if on_device else "loader", "run_id": run_dir.name,
    }

    def progress_now(running_s: float = 0.0) -> float:
        """Where the schedule stands: steps done, or the share of the time budget used if that is further."""
        done = step / total_steps
        return max(done, (trained_s + running_s) / budget_s) if budget_s else done

    stop = torch.zeros(1, device=device)
    last_saved = time.perf_counter()
    for epoch in range(start_epoch, config.epochs):
        if sampler is not None and hasattr(sampler, "set_epoch"):
            sampler.set_epoch(epoch)
        model.train()
        seen, started = 0, time.perf_counter()
        correct = torch.zeros((), device=device)
        loss_sum = torch.zeros((), device=device)
        lr = one_cycle_lr(progress_now(), config.lr)
        bar = tqdm(train_loader, total=steps, desc=f"epoch {epoch + 1}/{config.epochs}", unit="batch",
                   disable=not (progress and main), leave=False)
        for b, (x, y) in enumerate(bar):
            if b >= steps or (budget_s and progress_now(time.perf_counter() - started) >= 1):
                break
            lr = one_cycle_lr(progress_now(time.perf_counter() - started), config.lr)
            for group in optimizer.param_groups:
                group["lr"] = lr * group.get("lr_scale", 1.0)
            x = x.to(device, non_blocking=True).contiguous(memory_format=torch.channels_last)
            y = y.to(device, non_blocking=True)
            mixed = mixer(x, y) if mixer is not None else None
            if mixed is not None:
                x = mixed.images

            def loss_of(logits: torch.Tensor) -> torch.Tensor:
                return mixed.loss(criterion, logits.float()) if mixed is not None else criterion(logits.float(), y)

            with torch.autocast(device.type, dtype=amp_dtype, enabled=amp_dtype is not None):
                out = model(x)
                if isinstance(out, tuple):  # InceptionV3 auxiliary head
                    logits = out[0]
                    loss = loss_of(out[0]) + config.aux_weight * loss_of(out[1])
                else:
                    logits = out
                    loss = loss_of(out)
            optimizer.zero_grad(set_to_none=True)
            scaler.scale(loss).backward()
            scaler.step(optimizer)
            scaler.update()
            if ema is not None:
                ema.update(core)
            step += 1
            seen += len(y)
            # Summed on the device: a .item() per batch would wait for the GPU every step.
            correct += (logits.argmax(1) == y).sum()
            loss_sum += loss.detach() * len(y)
            if progress and main and b % 10 == 0:
                bar.set_postfix(loss=f"{loss_sum.item() / seen:.3f}", acc=f"{correct.item() / seen:.3f}")
        if device.type == "cuda":
            torch.cuda.synchronize(device)
        elapsed = time.perf_counter() - started
        trained_s += elapsed
        out_of_time = bool(budget_s and progress_now() >= 1)
        if main:
            # The unwrapped model: a DDP forward on rank 0 alone would start a buffer broadcast the others never join.
            val_loss, val_probs, val_labels = _evaluate(best_model, val_images, val_targets, pre, device, plain,
                                                        amp_dtype, config.batch_size * 2)
            val = classification_report(val_probs, val_labels, classes)
            record = {"epoch": epoch + 1, "train_loss": loss_sum.item() / max(seen, 1),
                      "train_acc": correct.item() / max(seen, 1), "val_loss": val_loss, "val_acc": val["accuracy"],
                      "val_balanced_accuracy": val["balanced_accuracy"] or 0.0,
                      "val_melanoma_auc": val.get("melanoma_auc"), "images_per_s": seen * world / max(elapsed, 1e-9),
                      "lr": lr, "trained_s": trained_s}
            history.append(record)
            if record["val_balanced_accuracy"] > best:
                best, best_epoch = record["val_balanced_accuracy"], epoch + 1
                save_model(best_model, run_dir, {**run_config, "best_epoch": best_epoch})
            if progress:
                tqdm.write(f"epoch {epoch + 1}: train loss {record['train_loss']:.3f} acc {record['train_acc']:.3f} | "
                           f"val loss {val_loss:.3f} acc {val['accuracy']:.3f} BA {record['val_balanced_accuracy']:.3f}"
                           f" mel AUC {record['val_melanoma_auc'] or float('nan'):.3f} | {record['images_per_s']:.0f} img/s")
            stopping = epoch + 1 - best_epoch >= config.patience or out_of_time or epoch + 1 == config.epochs
            # The resume state (weights, AdamW moments, EMA) is written at the end and at most once a minute:
            # on a GPU an epoch can take a second, and writing it every epoch would cost more than training.
            if stopping or time.perf_counter() - last_saved >= 60:
                torch.save({"model": core.state_dict(), "optimizer": optimizer.state_dict(),
                            **({"ema": ema.state_dict()} if ema is not None else {}), "epoch": epoch, "step": step,
                            "trained_s": trained_s, "best": best, "best_epoch": best_epoch,
                            "history": json.dumps(history), "rng": torch.get_rng_state(),
                            "loader_rng": generator.get_state()}, state_path)
                last_saved = time.perf_counter()
            stop.fill_(float(stopping))
        if world > 1:
            torch.distributed.broadcast(stop, 0)
        if stop.item():
            break
    if world > 1:
        torch.distributed.barrier()
    if not main:
        return {}
    return _finish(run_dir, run_config, history, best_epoch, dataset, split, labels, pre, config, device, progress)


def _finish(run_dir, run_config, history, best_epoch, dataset, split, labels, pre, config, device, progress):
    """Evaluate the best model on validation and, once, on the held-out test part; write the reports."""
    from .checkpoint import load_model
    from .modelcard import write_model_card
    from .plots import plot_confusion, plot_curves

    model, saved = load_model(run_dir)
    model.to(device).to(memory_format=torch.channels_last)
    results, rule = {}, None
    for name in ("val", "test"):  # validation first: the decision rule is fitted there, then applied to test
        indices = getattr(split, name)
        data = CachedImages([dataset.records[i].image for i in indices], [int(labels[i]) for i in indices], pre,
                            eval_transform(pre), progress=False)
        loader = DataLoader(data, batch_size=64)
        probs = predict_batches(model, (x for x, _ in loader), device, tta=config.tta)
        targets = np.asarray(data.kept_targets)
        if rule is None:
            rule = fit_decision_rule(probs, targets)
        results[name] = classification_report(probs, targets, run_config["classes"], rule=rule)
    # The rule travels with the weights: predict names classes with it (vision.decision).
    write_config(run_dir, {**saved, "decision": rule.to_dict()})
    throughput = [h["images_per_s"] for h in history]
    metrics = {"best_epoch": best_epoch, "epochs_run": len(history), "history": history,
               "train_images_per_s": float(np.median(throughput)) if throughput else None,
               "tta": config.tta, "val": results["val"], "test": results["test"],
               "split": run_config["split"], "pretrained": run_config["pretrained"]}
    (run_dir / "metrics.json").write_text(json.dumps(metrics, indent=1), encoding="utf-8")
    if history:
        plot_curves(history, run_dir / "curves.png", title=f"{run_config['model']}: accuracy and loss")
    plot_confusion(results["test"]["confusion_matrix"], run_config["classes"], run_dir / "confusion_matrix.png",
                   title=f"{run_config['model']} on the held-out test split")
    write_model_card(run_dir, run_config, metrics)
    return metrics

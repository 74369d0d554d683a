"""Samples for fusion: image, label, lesion group, clinical record and (maybe) a parsed report."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import numpy as np

__all__ = ["Sample", "TrainedImages", "load_samples", "fusion_inputs", "build_matrix", "vision_train_images"]


@dataclass(frozen=True)
class Sample:
    image: Path
    label: str
    group: int
    record: Any  # corpora ImageRecord: age, sex, site
    report: Any  # reportparse Report or None


@dataclass(frozen=True)
class TrainedImages:
    """Images a vision run was trained on, known by id and by resolved path: a run trained on another machine or
    from another copy of the data lists other paths for the same ids."""

    ids: frozenset[str] = frozenset()
    paths: frozenset[str] = frozenset()

    def __contains__(self, record) -> bool:
        return record.image_id in self.ids or str(Path(record.image).resolve()) in self.paths

    def __len__(self) -> int:
        return len(self.ids)


def vision_train_images(run_dir: str | Path) -> TrainedImages:
    """Images a vision run was trained on (its split.csv 'train' rows): never evaluate fusion on them. A run
    without its split.csv is refused (V058): nothing would be left out, silently."""
    from vision.checkpoint import read_split

    rows = read_split(run_dir, "train", required=True)
    return TrainedImages(frozenset(row["image_id"] for row in rows),
                         frozenset(str(Path(row["image"]).resolve()) for row in rows))


def _parse_reports(paths: set[Path], progress: bool) -> dict[Path, Any]:
    import reportparse
    from tqdm import tqdm

    parsed = {}
    for path in tqdm(sorted(paths), disable=not progress, desc="parsing reports", unit="report"):
        try:
            parsed[path] = reportparse.parse_file(path)
        except reportparse.ReportParseError:
            parsed[path] = None  # a report that cannot be read is a missing modality, not a crash
    return parsed


def load_samples(source: str | Path, *, exclude: TrainedImages | None = None, progress: bool = False,
                 verify: str = "header") -> list[Sample]:
    """Samples from a cohort manifest (images + reports) or an image dataset folder (images + clinical data)."""
    from corpora.cohorts import load_cohort
    from corpora.images import load_dataset
    from corpora.splits import group_ids

    source = Path(source)
    exclude = exclude if exclude is not None else TrainedImages()
    if source.is_file():
        cohort = load_cohort(source)
        pairs = [(r, rep) for r, rep in cohort.pairs() if r not in exclude]
        reports = _parse_reports({rep for _, rep in pairs if rep is not None}, progress)
        records = [r for r, _ in pairs]
        groups = group_ids(records)
        return [Sample(r.image, r.label, int(g), r, reports.get(rep) if rep else None)
                for (r, rep), g in zip(pairs, groups)]
    dataset = load_dataset(source, verify=verify, progress=progress)
    records = [r for r in dataset.records if r not in exclude]
    groups = group_ids(records)
    return [Sample(r.image, r.label, int(g), r, None) for r, g in zip(records, groups)]


def fusion_inputs(samples: Sequence[Sample], image_features: np.ndarray) -> list[dict[str, Any]]:
    """The rows :class:`~multimodal.features.SampleFeaturizer` reads: image feature row, report and record."""
    return [{"image": row, "report": s.report, "record": s.record} for s, row in zip(samples, image_features)]


def build_matrix(samples: Sequence[Sample], image_features: np.ndarray, lab_featurizer=None,
                 clinical_featurizer=None) -> tuple[np.ndarray, dict[str, list[int]], list[str]]:
    """Stack [image | labs | clinical] columns; return X, the modality → columns map and feature names.

    The featurizers are fitted on all ``samples``: right for a final model or for listing its features, wrong
    for cross-validation (the lab panel would be chosen with the test folds in view); there, give
    ``run_ablation`` the :func:`fusion_inputs` and a :class:`~multimodal.features.SampleFeaturizer` to fit per fold.
    """
    from .features import SampleFeaturizer

    featurizer = SampleFeaturizer(lab_featurizer, clinical_featurizer)
    X = featurizer.fit_transform(fusion_inputs(samples, image_features))
    return X, featurizer.modalities_, list(featurizer.get_feature_names_out())


def save_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, indent=1, default=float), encoding="utf-8")

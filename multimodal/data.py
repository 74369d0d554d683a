"""Samples for fusion: image, label, lesion group, clinical record and (maybe) a parsed report."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import numpy as np

__all__ = ["Sample", "TrainedImages", "load_samples", "build_matrix", "vision_train_images"]


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
    """Images a vision run was trained on (its split.csv 'train' rows): never evaluate fusion on them."""
    from vision.checkpoint import read_split

    rows = read_split(run_dir, "train")
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


def build_matrix(samples: Sequence[Sample], image_features: np.ndarray, lab_featurizer=None,
                 clinical_featurizer=None) -> tuple[np.ndarray, dict[str, list[int]], list[str]]:
    """Stack [image | labs | clinical] columns; return X, the modality → columns map and feature names."""
    blocks, modalities, names = [image_features], {"image": list(range(image_features.shape[1]))}, \
        [f"image__{i}" for i in range(image_features.shape[1])]
    start = image_features.shape[1]
    reports = [s.report for s in samples]
    if lab_featurizer is not None and any(r is not None for r in reports):
        labs = lab_featurizer.fit(reports).transform(reports)
        blocks.append(labs)
        modalities["labs"] = list(range(start, start + labs.shape[1]))
        names += [f"labs__{n}" for n in lab_featurizer.get_feature_names_out()]
        start += labs.shape[1]
    if clinical_featurizer is not None:
        clinical = clinical_featurizer.fit([s.record for s in samples]).transform([s.record for s in samples])
        blocks.append(clinical)
        modalities["clinical"] = list(range(start, start + clinical.shape[1]))
        names += [f"clinical__{n}" for n in clinical_featurizer.get_feature_names_out()]
    return np.hstack(blocks), modalities, names


def save_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, indent=1, default=float), encoding="utf-8")

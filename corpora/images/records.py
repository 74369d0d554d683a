"""Records of an image dataset, the problems found while reading it, and views on it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from .labels import CLASSES

__all__ = ["ImageRecord", "DatasetIssue", "ImageDataset", "ISSUE_CODES"]

ISSUE_CODES = {
    "D001": "metadata row without an image file",
    "D002": "unreadable or truncated image",
    "D003": "duplicate image id in the metadata",
    "D004": "image file without a metadata row",
    "D005": "diagnosis outside the three classes",
    "D006": "missing or unknown diagnosis",
    "D007": "ground-truth row with no or several positive labels",
}


@dataclass(frozen=True, slots=True)
class ImageRecord:
    image: Path
    label: str | None  # one of CLASSES, "other", or None
    lesion_id: str | None = None
    patient_id: str | None = None
    age: float | None = None
    sex: str | None = None  # "male" | "female" | None
    site: str | None = None  # harmonised (corpora.images.sites)
    source: str = ""  # layout name, e.g. "ham10000"
    image_id: str = ""
    diagnosis: str | None = None  # as printed in the source

    def to_dict(self) -> dict[str, Any]:
        return {"image": str(self.image), "label": self.label, "lesion_id": self.lesion_id,
                "patient_id": self.patient_id, "age": self.age, "sex": self.sex, "site": self.site,
                "source": self.source, "image_id": self.image_id, "diagnosis": self.diagnosis}


@dataclass(frozen=True, slots=True)
class DatasetIssue:
    code: str
    item: str  # image id or path
    detail: str = ""

    def __str__(self) -> str:
        return f"[{self.code}] {self.item}: {ISSUE_CODES[self.code]}" + (f" ({self.detail})" if self.detail else "")


@dataclass
class ImageDataset:
    """Records plus what went wrong reading them; ``classes`` fixes the label order."""

    records: list[ImageRecord]
    issues: list[DatasetIssue] = field(default_factory=list)
    classes: tuple[str, ...] = CLASSES
    root: Path | None = None
    layout: str = ""

    def __len__(self) -> int:
        return len(self.records)

    def __iter__(self) -> Iterator[ImageRecord]:
        return iter(self.records)

    def __getitem__(self, index: int) -> ImageRecord:
        return self.records[index]

    @property
    def labels(self) -> list[int]:
        """Class index of every record (records without one of ``classes`` are not in a dataset)."""
        return [self.classes.index(r.label) for r in self.records]

    def issue_counts(self) -> dict[str, int]:
        return dict(sorted(Counter(i.code for i in self.issues).items()))

    def subset(self, indices) -> ImageDataset:
        return ImageDataset([self.records[i] for i in indices], [], self.classes, self.root, self.layout)

    def with_records(self, records: list[ImageRecord]) -> ImageDataset:
        return ImageDataset(records, list(self.issues), self.classes, self.root, self.layout)

    def map(self, fn: Callable[[ImageRecord], ImageRecord]) -> ImageDataset:
        return self.with_records([fn(r) for r in self.records])

    def describe(self) -> dict[str, Any]:
        """Counts per class and source, groups, missing metadata and issues."""
        records = self.records
        lesions = {r.lesion_id for r in records if r.lesion_id}
        patients = {r.patient_id for r in records if r.patient_id}
        return {
            "root": str(self.root) if self.root else None,
            "layout": self.layout,
            "images": len(records),
            "per_class": {c: sum(r.label == c for r in records) for c in self.classes},
            "per_source": dict(Counter(r.source for r in records)),
            "lesions": len(lesions),
            "images_without_lesion_id": sum(r.lesion_id is None for r in records),
            "patients": len(patients),
            "missing": {"age": sum(r.age is None for r in records), "sex": sum(r.sex is None for r in records),
                        "site": sum(r.site is None for r in records)},
            "issues": self.issue_counts(),
        }

    def torch(self, transform: Callable | None = None, *, return_meta: bool = False):
        """A ``torch.utils.data.Dataset`` view: (image tensor, class index[, record])."""
        from .torch_dataset import LesionImageDataset

        return LesionImageDataset(self, transform=transform, return_meta=return_meta)

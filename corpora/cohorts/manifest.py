"""The cohort manifest: one CSV row per image, linking it to its patient's report.

Columns: ``patient_id`` (pseudonymous), ``image`` (path), ``report`` (path or empty),
``label``, ``lesion_id``, ``age``, ``sex``, ``site``, ``synthetic`` (1 for generated data).
Paths are relative to the manifest's folder.  Patients with images and no report are
normal (missing modality); reports without images are reported, not dropped silently.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from ..images.records import ImageDataset, ImageRecord
from ..images.sites import harmonise_site

__all__ = ["MANIFEST_COLUMNS", "CohortPatient", "Cohort", "load_cohort", "write_manifest"]

MANIFEST_COLUMNS = ["patient_id", "image", "report", "label", "lesion_id", "age", "sex", "site", "synthetic"]


@dataclass
class CohortPatient:
    patient_id: str
    images: list[ImageRecord] = field(default_factory=list)
    reports: list[Path] = field(default_factory=list)


@dataclass
class Cohort:
    root: Path
    patients: dict[str, CohortPatient]
    synthetic: bool
    problems: list[str] = field(default_factory=list)

    def pairs(self) -> Iterator[tuple[ImageRecord, Path | None]]:
        """(image record, the patient's first report or None) for every image."""
        for patient in self.patients.values():
            for record in patient.images:
                yield record, (patient.reports[0] if patient.reports else None)

    def images(self) -> ImageDataset:
        records = [r for p in self.patients.values() for r in p.images]
        classes = tuple(dict.fromkeys(r.label for r in records if r.label))
        from ..images.labels import CLASSES

        ordered = tuple(c for c in CLASSES if c in classes) + tuple(c for c in classes if c not in CLASSES)
        return ImageDataset(records, [], ordered or CLASSES, self.root, "cohort")

    def describe(self) -> dict[str, object]:
        with_report = sum(1 for p in self.patients.values() if p.reports)
        return {"patients": len(self.patients), "patients_with_report": with_report,
                "images": sum(len(p.images) for p in self.patients.values()), "synthetic": self.synthetic,
                "problems": len(self.problems)}


def _float(value: str) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None


def load_cohort(manifest: str | Path) -> Cohort:
    manifest = Path(manifest)
    root = manifest.parent
    patients: dict[str, CohortPatient] = {}
    problems: list[str] = []
    synthetic = False
    with open(manifest, newline="", encoding="utf-8") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            pid = (row.get("patient_id") or "").strip()
            if not pid:
                problems.append(f"line {line}: no patient_id")
                continue
            patient = patients.setdefault(pid, CohortPatient(pid))
            synthetic = synthetic or row.get("synthetic", "").strip() in ("1", "true", "True")
            report = (row.get("report") or "").strip()
            if report:
                path = root / report
                if not path.exists():
                    problems.append(f"line {line}: report {report} not found")
                elif path not in patient.reports:
                    patient.reports.append(path)
            image = (row.get("image") or "").strip()
            if not image:
                continue
            path = root / image
            if not path.exists():
                problems.append(f"line {line}: image {image} not found")
                continue
            patient.images.append(ImageRecord(
                path, (row.get("label") or None), (row.get("lesion_id") or None), pid, _float(row.get("age", "")),
                (row.get("sex") or None), harmonise_site(row.get("site")), "cohort", Path(image).stem))
    for patient in patients.values():
        if patient.reports and not patient.images:
            problems.append(f"patient {patient.patient_id}: a report but no image")
    return Cohort(root, patients, synthetic, problems)


def write_manifest(path: str | Path, rows: Iterable[dict[str, object]]) -> Path:
    path = Path(path)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=MANIFEST_COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: ("" if row.get(k) is None else row.get(k)) for k in MANIFEST_COLUMNS})
    return path

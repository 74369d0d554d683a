"""Loaders for the layouts real users download, behind one ``load_dataset``.

| layout | how it is recognised | labels | groups |
| --- | --- | --- | --- |
| ``ham10000`` | ``HAM10000_metadata*.csv`` | ``dx`` | ``lesion_id`` |
| ``isic2019`` | ``ISIC_2019_Training_GroundTruth.csv`` (+ ``_Metadata.csv``) | one-hot columns | ``lesion_id`` |
| ``isic_archive`` | ``metadata.csv`` with an ``isic_id`` column (isic-cli export) | ``diagnosis`` / ``diagnosis_1..5`` | ``lesion_id``, ``patient_id`` |
| ``class_folders`` | sub-folders named after diagnoses (Kaggle "Skin cancer ISIC") | folder name | none |

Every problem met on the way is recorded as a :class:`DatasetIssue` and counted; nothing
is dropped silently and nothing stops the load.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

import regex

from ..errors import CorporaError, DatasetNotFoundError
from .checks import check_images
from .labels import CLASSES, OTHER, map_diagnosis
from .records import DatasetIssue, ImageDataset, ImageRecord
from .sites import harmonise_site

__all__ = ["Row", "LAYOUTS", "register_layout", "detect_layout", "load_dataset", "IMAGE_SUFFIXES"]

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".webp"}


@dataclass(frozen=True, slots=True)
class Row:
    """One metadata row before images are looked up."""

    image_id: str
    diagnosis: str | None
    lesion_id: str | None = None
    patient_id: str | None = None
    age: float | None = None
    sex: str | None = None
    site: str | None = None
    file: Path | None = None  # known path (class folders); else looked up by image id
    issue: str | None = None  # a problem already known for this row (D007)


@dataclass(frozen=True)
class Layout:
    name: str
    detect: Callable[[Path], bool]
    read: Callable[[Path], list[Row]]


LAYOUTS: dict[str, Layout] = {}


def register_layout(name: str, detect: Callable[[Path], bool], read: Callable[[Path], list[Row]]) -> None:
    """Add a layout (your lab's export format, say); ``load_dataset`` tries layouts in registration order."""
    LAYOUTS[name] = Layout(name, detect, read)


# -- helpers --------------------------------------------------------------------------------------
def _read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return [{(k or "").strip(): (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def _blank(value: str | None) -> str | None:
    value = (value or "").strip()
    return None if value.casefold() in ("", "nan", "none", "null", "unknown", "na") else value


def _age(value: str | None) -> float | None:
    try:
        age = float(value) if _blank(value) is not None else None
    except ValueError:
        return None
    return age if age is not None and 0 <= age <= 120 else None


def _sex(value: str | None) -> str | None:
    key = (value or "").strip().casefold()
    return {"male": "male", "m": "male", "female": "female", "f": "female"}.get(key)


def _find(root: Path, *patterns: str) -> Path | None:
    for pattern in patterns:
        found = sorted(root.glob(pattern))
        if found:
            return found[0]
    return None


def _image_index(root: Path) -> dict[str, Path]:
    index: dict[str, Path] = {}
    for path in sorted(root.rglob("*")):
        if path.suffix.lower() in IMAGE_SUFFIXES and not path.name.startswith(".") and path.is_file():
            index.setdefault(path.stem, path)
    return index


# -- HAM10000 -------------------------------------------------------------------------------------
def _ham_detect(root: Path) -> bool:
    return _find(root, "HAM10000_metadata*.csv", "HAM10000_metadata*") is not None


def _ham_read(root: Path) -> list[Row]:
    rows = []
    for r in _read_csv(_find(root, "HAM10000_metadata*.csv", "HAM10000_metadata*")):
        rows.append(Row(r.get("image_id", ""), _blank(r.get("dx")), _blank(r.get("lesion_id")), None,
                        _age(r.get("age")), _sex(r.get("sex")), r.get("localization")))
    return rows


# -- ISIC 2019 ------------------------------------------------------------------------------------
_ISIC2019_CLASSES = ("MEL", "NV", "BCC", "AK", "BKL", "DF", "VASC", "SCC", "UNK")


def _isic2019_detect(root: Path) -> bool:
    return _find(root, "ISIC_2019_Training_GroundTruth*.csv", "**/ISIC_2019_Training_GroundTruth*.csv") is not None


def _isic2019_read(root: Path) -> list[Row]:
    truth = _find(root, "ISIC_2019_Training_GroundTruth*.csv", "**/ISIC_2019_Training_GroundTruth*.csv")
    meta_path = _find(root, "ISIC_2019_Training_Metadata*.csv", "**/ISIC_2019_Training_Metadata*.csv")
    meta = {}
    if meta_path is not None:
        meta = {r.get("image", ""): r for r in _read_csv(meta_path)}
    rows = []
    for r in _read_csv(truth):
        image = r.get("image", "")
        positive = [c for c in _ISIC2019_CLASSES if c in r and _float(r[c]) >= 0.5]
        m = meta.get(image) or meta.get(image.removesuffix("_downsampled")) or {}
        rows.append(Row(image, positive[0] if len(positive) == 1 else None, _blank(m.get("lesion_id")), None,
                        _age(m.get("age_approx")), _sex(m.get("sex")), m.get("anatom_site_general"),
                        issue=None if len(positive) == 1 else "D007"))
    return rows


def _float(value: str) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


# -- ISIC archive (isic-cli) ----------------------------------------------------------------------
def _archive_csv(root: Path) -> Path | None:
    for path in sorted(root.glob("*.csv")):
        with open(path, newline="", encoding="utf-8-sig") as handle:
            header = next(csv.reader(handle), [])
        if "isic_id" in [h.strip() for h in header]:
            return path
    return None


def _isic_archive_detect(root: Path) -> bool:
    return _archive_csv(root) is not None


def _isic_archive_read(root: Path) -> list[Row]:
    rows = []
    for r in _read_csv(_archive_csv(root)):
        # The flat legacy "diagnosis" or the most specific level of the new hierarchy.
        levels = [r.get("diagnosis")] + [r.get(f"diagnosis_{i}") for i in (5, 4, 3, 2)]
        diagnosis = next((d for d in levels if _blank(d)), None)
        rows.append(Row(r.get("isic_id", ""), diagnosis, _blank(r.get("lesion_id")), _blank(r.get("patient_id")),
                        _age(r.get("age_approx")), _sex(r.get("sex")), r.get("anatom_site_general")))
    return rows


# -- one folder per class -------------------------------------------------------------------------
def _class_dirs(root: Path) -> list[Path]:
    dirs = []
    for candidate in sorted(p for p in root.iterdir() if p.is_dir()):
        if map_diagnosis(candidate.name) not in (None, OTHER) or regex.search(
                r"carcinoma|keratosis|dermatofibroma|vascular|lesion", candidate.name, regex.IGNORECASE):
            dirs.append(candidate)
        elif candidate.name.casefold() in ("train", "test", "val", "valid", "validation"):
            dirs.extend(_class_dirs(candidate))
    return dirs


def _class_folders_detect(root: Path) -> bool:
    return bool(_class_dirs(root))


def _class_folders_read(root: Path) -> list[Row]:
    rows = []
    for folder in _class_dirs(root):
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() in IMAGE_SUFFIXES:
                rel = path.relative_to(root)
                rows.append(Row(str(rel.with_suffix("")), folder.name, file=path))
    return rows


register_layout("ham10000", _ham_detect, _ham_read)
register_layout("isic2019", _isic2019_detect, _isic2019_read)
register_layout("isic_archive", _isic_archive_detect, _isic_archive_read)
register_layout("class_folders", _class_folders_detect, _class_folders_read)


def detect_layout(root: str | Path) -> str:
    root = Path(root)
    for layout in LAYOUTS.values():
        if layout.detect(root):
            return layout.name
    raise CorporaError(f"{root}: no known dataset layout (HAM10000 metadata CSV, ISIC 2019 ground truth, "
                       f"isic-cli metadata.csv or class folders). Known: {', '.join(LAYOUTS)}", code="D100")


def resolve_dataset(name_or_path: str | Path) -> Path:
    """A folder, or a dataset name looked up in $DERMALAB_DATA (colon-separated folders), ./data, ../shared/data."""
    import os

    path = Path(name_or_path)
    if path.is_dir():
        return path
    bases = [Path(p) for p in os.environ.get("DERMALAB_DATA", "").split(os.pathsep) if p]
    bases += [Path("data"), Path("..") / "shared" / "data"]
    for base in bases:
        if (base / str(name_or_path)).is_dir():
            return base / str(name_or_path)
    raise DatasetNotFoundError(f"dataset {name_or_path} is neither a folder nor a name found in "
                               f"$DERMALAB_DATA, ./data or ../shared/data", code="D101")


def load_dataset(
    root: str | Path,
    *,
    layout: str = "auto",
    classes: tuple[str, ...] = CLASSES,
    others: str = "drop",
    verify: str = "full",
    progress: bool = False,
) -> ImageDataset:
    """Read a dataset folder into records (image, label, lesion, patient, age, sex, site, source).

    ``others='keep'`` keeps diagnoses outside ``classes`` as "other"; ``verify`` is 'full'
    (decode every image: catches truncation), 'header' or 'none'.
    """
    root = resolve_dataset(root)
    name = detect_layout(root) if layout == "auto" else layout
    if name not in LAYOUTS:
        raise CorporaError(f"unknown layout {name!r}; known: {', '.join(LAYOUTS)}", code="D102")
    rows = LAYOUTS[name].read(root)
    return _assemble(root, name, rows, classes, others, verify, progress)


def _assemble(root: Path, source: str, rows: Iterable[Row], classes: tuple[str, ...], others: str, verify: str,
              progress: bool) -> ImageDataset:
    issues: list[DatasetIssue] = []
    index = _image_index(root)
    seen: set[str] = set()
    referenced: set[Path] = set()
    kept: list[tuple[Row, Path, str]] = []
    for row in rows:
        if row.image_id in seen:
            issues.append(DatasetIssue("D003", row.image_id))
            continue
        seen.add(row.image_id)
        path = row.file or index.get(row.image_id) or index.get(row.image_id.removesuffix("_downsampled")) \
            or index.get(f"{row.image_id}_downsampled")
        if path is not None:
            referenced.add(path)
        if row.issue:
            issues.append(DatasetIssue(row.issue, row.image_id))
            continue
        label = map_diagnosis(row.diagnosis)
        if label is None:
            issues.append(DatasetIssue("D006", row.image_id, str(row.diagnosis or "")))
            continue
        if label not in classes:
            issues.append(DatasetIssue("D005", row.image_id, str(row.diagnosis)))
            if others != "keep":
                continue
            label = OTHER
        if path is None:
            issues.append(DatasetIssue("D001", row.image_id))
            continue
        kept.append((row, path, label))
    broken = check_images([p for _, p, _ in kept], verify, progress)
    records = []
    for row, path, label in kept:
        if path in broken:
            issues.append(DatasetIssue("D002", str(path), broken[path]))
            continue
        records.append(ImageRecord(path, label, row.lesion_id, row.patient_id, row.age, row.sex,
                                   harmonise_site(row.site), source, row.image_id.removesuffix("_downsampled"),
                                   row.diagnosis))
    for path in sorted(set(index.values()) - referenced):
        issues.append(DatasetIssue("D004", str(path)))
    all_classes = classes + ((OTHER,) if others == "keep" and OTHER not in classes else ())
    return ImageDataset(records, issues, all_classes, root, source)


def summarize_issues(dataset: ImageDataset, examples: int = 3) -> str:
    counts = Counter(i.code for i in dataset.issues)
    lines = []
    for code, count in sorted(counts.items()):
        shown = [str(i) for i in dataset.issues if i.code == code][:examples]
        lines.append(f"{code} x{count}: " + "; ".join(shown))
    return "\n".join(lines)

"""A SYNTHETIC paired cohort: real images, generated reports whose values depend on the label."""

from __future__ import annotations

import json
import os
import random
from collections import defaultdict
from pathlib import Path

from ..images.records import ImageDataset
from ..reports.compose import compose_report
from ..reports.generator import write_report
from ..reports.layouts import sample_layout
from ..splits import group_ids
from .effects import DEFAULT_EFFECTS, effects_for
from .manifest import write_manifest

__all__ = ["make_synthetic_cohort", "COHORT_PANELS"]

COHORT_PANELS = ("cbc", "differential", "chemistry", "inflammation", "other")


def make_synthetic_cohort(
    dataset: ImageDataset,
    out_dir: str | Path,
    *,
    seed: int = 0,
    effect_scale: float = 1.0,
    report_fraction: float = 0.8,
    languages: tuple[str, ...] = ("it", "en"),
    formats: tuple[str, ...] = ("txt",),
    effects: dict[str, dict[str, float]] | None = None,
    link_images: bool = True,
    progress: bool = False,
) -> Path:
    """Write ``out_dir/manifest.csv``, ``reports/`` (+ gold) and ``cohort.json``; return the manifest path.

    One pseudonymous patient per lesion/patient group of ``dataset``; ``report_fraction`` of
    them get a generated report with lab values shifted by ``effects_for(label, effect_scale)``.
    Images are referenced in place (``link_images``: symlinked under ``images/`` so the cohort
    folder is self-contained without copying data).
    """
    from tqdm import tqdm

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    groups = group_ids(dataset.records)
    members: dict[int, list[int]] = defaultdict(list)
    for index, group in enumerate(groups):
        members[int(group)].append(index)
    rows = []
    order = sorted(members)
    rng.shuffle(order)
    for number, group in enumerate(tqdm(order, disable=not progress, desc="cohort", unit="patient")):
        indices = members[group]
        first = dataset.records[indices[0]]
        pid = f"SYN-{number:06d}"
        report_rel = ""
        if rng.random() < report_fraction:
            lang = rng.choice(languages)
            sex = {"male": "M", "female": "F"}.get(first.sex or "", rng.choice("MF"))
            age = int(first.age) if first.age is not None else None
            report = compose_report(rng, lang, sample_layout(rng, lang), report_id=pid, sex=sex, age=age,
                                    panels=COHORT_PANELS, shifts=effects_for(first.label, effect_scale, effects))
            raw, _ = write_report(report, out / "reports", rng.choice(formats))
            report_rel = str(raw.relative_to(out))
        for index in indices:
            record = dataset.records[index]
            image = Path(os.path.relpath(record.image, out))
            if link_images:
                link = out / "images" / record.image.name
                link.parent.mkdir(exist_ok=True)
                if not link.exists():
                    link.symlink_to(record.image.resolve())
                image = link.relative_to(out)
            rows.append({"patient_id": pid, "image": str(image), "report": report_rel, "label": record.label,
                         "lesion_id": record.lesion_id, "age": record.age, "sex": record.sex, "site": record.site,
                         "synthetic": 1})
    manifest = write_manifest(out / "manifest.csv", rows)
    (out / "cohort.json").write_text(json.dumps({
        "synthetic": True,
        "note": "SYNTHETIC cohort: real images, generated blood reports. Lab values depend on the image label "
                "through the effects below; they are not clinical data.",
        "seed": seed, "effect_scale": effect_scale, "report_fraction": report_fraction,
        "effects_sd": effects or DEFAULT_EFFECTS, "source_dataset": str(dataset.root), "patients": len(order),
        "images": len(rows),
    }, indent=1), encoding="utf-8")
    return manifest

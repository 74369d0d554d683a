"""Tiny synthetic image datasets in every supported layout, for tests and demos.

Images are drawn, not photographed: a skin-coloured background with a blob whose colour,
size and border depend on the class, so a small network can learn them.  They stand in
for real data only where no real data may be used (tests, the bundled demo).
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

from .labels import CLASSES

__all__ = ["draw_lesion", "write_fake_dataset", "FOLDER_NAMES"]

_COLOURS = {"nevus": (120, 80, 50), "pigmented benign keratosis": (150, 120, 70), "melanoma": (60, 30, 40)}
FOLDER_NAMES = {"nevus": "nevus", "pigmented benign keratosis": "pigmented benign keratosis", "melanoma": "melanoma"}
_HAM_DX = {"nevus": "nv", "pigmented benign keratosis": "bkl", "melanoma": "mel"}
_ISIC_COLS = {"nevus": "NV", "pigmented benign keratosis": "BKL", "melanoma": "MEL"}
_SITES = ["back", "face", "lower extremity", "trunk", "upper extremity", "abdomen", "unknown"]


def draw_lesion(label: str, rng: random.Random, size: tuple[int, int] = (64, 48), difficulty: float = 0.0
                ) -> Image.Image:
    """A drawn lesion; ``difficulty`` in [0, 1) blends the classes' colour, size and border towards each other."""
    import math

    w, h = size
    skin = tuple(int(c + rng.gauss(0, 8)) for c in (225, 180, 160))
    image = Image.new("RGB", size, skin)
    draw = ImageDraw.Draw(image)
    mean_colour = [sum(c[i] for c in _COLOURS.values()) / 3 for i in range(3)]
    base = [c * (1 - difficulty) + m * difficulty + rng.gauss(0, 30 * difficulty)
            for c, m in zip(_COLOURS[label], mean_colour)]
    radius_share = {"nevus": 0.22, "pigmented benign keratosis": 0.3, "melanoma": 0.34}[label]
    radius = (radius_share * (1 - difficulty) + 0.29 * difficulty) * min(w, h) * (1 + rng.gauss(0, 0.15 * difficulty))
    cx, cy = w / 2 + rng.gauss(0, w / 12), h / 2 + rng.gauss(0, h / 12)
    points = []
    jag = (0.35 if label == "melanoma" else 0.08) * (1 - difficulty) + 0.2 * difficulty
    for k in range(24):
        angle = 2 * math.pi * k / 24
        r = radius * (1 + rng.uniform(-jag, jag))
        points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    draw.polygon(points, fill=tuple(max(0, min(255, int(c + rng.gauss(0, 12)))) for c in base))
    if label == "melanoma" and rng.random() > difficulty:
        for _ in range(3):
            x, y = cx + rng.gauss(0, radius / 2), cy + rng.gauss(0, radius / 2)
            draw.ellipse([x - 3, y - 3, x + 3, y + 3], fill=(20, 20, 60))
    return image.filter(ImageFilter.GaussianBlur(0.6))


def write_fake_dataset(root: str | Path, layout: str = "ham10000", *, per_class: int = 6, seed: int = 0,
                       images_per_lesion: int = 2, size: tuple[int, int] = (64, 48), difficulty: float = 0.0) -> Path:
    """Write a small dataset in ``layout`` ('ham10000', 'isic2019', 'class_folders', 'isic_archive')."""
    root = Path(root)
    rng = random.Random(seed)
    rows = []
    n = 0
    for label in CLASSES:
        for _ in range(per_class):
            lesion = f"HAM_{n // images_per_lesion:07d}"
            patient = f"IP_{n // (images_per_lesion * 2):07d}"
            image_id = f"ISIC_{1000000 + n:07d}"
            rows.append(dict(label=label, image_id=image_id, lesion=lesion, patient=patient,
                             age=str(rng.choice([35, 45, 55, 65, 75])) if rng.random() > 0.1 else "",
                             sex=rng.choice(["male", "female", "unknown"]), site=rng.choice(_SITES)))
            n += 1
    if layout == "ham10000":
        (root / "images").mkdir(parents=True, exist_ok=True)
        with open(root / "HAM10000_metadata.csv", "w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["lesion_id", "image_id", "dx", "dx_type", "age", "sex", "localization"])
            for r in rows:
                writer.writerow([r["lesion"], r["image_id"], _HAM_DX[r["label"]], "histo", r["age"], r["sex"], r["site"]])
                draw_lesion(r["label"], rng, size, difficulty).save(root / "images" / f"{r['image_id']}.jpg", quality=90)
    elif layout == "isic2019":
        (root / "ISIC_2019_Training_Input").mkdir(parents=True, exist_ok=True)
        cols = ["MEL", "NV", "BCC", "AK", "BKL", "DF", "VASC", "SCC", "UNK"]
        with open(root / "ISIC_2019_Training_GroundTruth.csv", "w", newline="") as g, \
                open(root / "ISIC_2019_Training_Metadata.csv", "w", newline="") as m:
            gw, mw = csv.writer(g), csv.writer(m)
            gw.writerow(["image"] + cols)
            mw.writerow(["image", "age_approx", "anatom_site_general", "lesion_id", "sex"])
            for k, r in enumerate(rows):
                image = r["image_id"] + ("_downsampled" if k % 3 == 0 else "")
                gw.writerow([image] + ["1.0" if c == _ISIC_COLS[r["label"]] else "0.0" for c in cols])
                site = {"back": "posterior torso", "face": "head/neck", "trunk": "anterior torso"}.get(r["site"], r["site"])
                mw.writerow([image, r["age"], "" if site == "unknown" else site, r["lesion"], r["sex"]])
                draw_lesion(r["label"], rng, size, difficulty).save(root / "ISIC_2019_Training_Input" / f"{image}.jpg")
    elif layout == "class_folders":
        for r in rows:
            folder = root / "Train" / FOLDER_NAMES[r["label"]]
            folder.mkdir(parents=True, exist_ok=True)
            draw_lesion(r["label"], rng, size, difficulty).save(folder / f"{r['image_id']}.jpg")
    elif layout == "isic_archive":
        root.mkdir(parents=True, exist_ok=True)
        names = {"nevus": "Nevus", "pigmented benign keratosis": "Seborrheic keratosis", "melanoma": "Melanoma Invasive"}
        with open(root / "metadata.csv", "w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["isic_id", "attribution", "copyright_license", "age_approx", "anatom_site_general",
                             "diagnosis_1", "diagnosis_2", "diagnosis_3", "lesion_id", "patient_id", "sex"])
            for r in rows:
                benign = "Malignant" if r["label"] == "melanoma" else "Benign"
                writer.writerow([r["image_id"], "synthetic", "CC-0", r["age"], "", benign, "", names[r["label"]],
                                 r["lesion"], r["patient"], r["sex"]])
                draw_lesion(r["label"], rng, size, difficulty).save(root / f"{r['image_id']}.jpg")
    else:
        raise ValueError(f"unknown layout {layout!r}")
    return root

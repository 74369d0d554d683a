"""Damage presets and the small tables the damage functions draw from: data only, no logic.

A :class:`DamageSpec` is a render resolution and an ordered list of :class:`Step` (a damage function of
:mod:`.damage` by name, with its parameters).  A parameter given as a ``(low, high)`` pair is drawn uniformly
per page from the page's seeded generator; any other value is used as it is.  Lengths are in millimetres on
the page, so a preset means the same damage at any dpi.

The order of the steps follows the physical order: the paper, then what is written or stamped on it, then
how it is captured (geometry, light, optics, sensor, resolution) and last how the image file is stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Step", "DamageSpec", "step", "PRESETS", "SINGLE_DAMAGE_PRESETS", "STAMP_TEXTS", "STAMP_RING_TEXTS",
           "INK_COLOURS", "PEN_COLOURS", "DESK_COLOURS", "FAX_SENDERS"]


@dataclass(frozen=True)
class Step:
    """One damage: the name of a function in :data:`corpora.scans.damage.DAMAGES` and its parameters."""

    damage: str
    params: tuple[tuple[str, Any], ...] = ()

    @property
    def kwargs(self) -> dict[str, Any]:
        return dict(self.params)


def step(damage: str, **params: Any) -> Step:
    """``Step`` with keyword parameters (kept sorted, so equal steps compare equal)."""
    return Step(damage, tuple(sorted(params.items())))


@dataclass(frozen=True)
class DamageSpec:
    """A preset: pages are rasterised at ``dpi`` and go through ``steps`` in order."""

    name: str
    dpi: int
    steps: tuple[Step, ...]
    description: str


_PRESETS = (
    DamageSpec("clean", 300, (), "native PDF rasterised at 300 dpi, no damage (the OCR ceiling)"),
    DamageSpec("moderate", 200,
               (step("skew", degrees=(-3.0, 3.0)), step("gaussian_noise", sigma=(4.0, 10.0)),
                step("jpeg", quality=60)),
               "an ordinary office scan: 200 dpi, skew up to ±3°, sensor noise, JPEG q=60"),
    # One damage each, at the clean preset's 300 dpi, so a per-damage table isolates that damage.
    DamageSpec("blur", 300, (step("gaussian_blur", sigma_mm=(0.08, 0.16)),), "defocus: gaussian blur"),
    DamageSpec("motion_blur", 300, (step("motion_blur", length_mm=(0.4, 1.0), angle=(0.0, 180.0)),),
               "hand shake: linear motion blur"),
    DamageSpec("noise", 300, (step("gaussian_noise", sigma=(10.0, 20.0)),), "sensor noise (grey levels)"),
    DamageSpec("specks", 300, (step("salt_pepper", amount=(0.0005, 0.002), size_mm=0.12),),
               "dust and toner specks: salt-and-pepper dots"),
    DamageSpec("jpeg", 300, (step("jpeg", quality=(20, 35)),), "heavy JPEG compression artefacts"),
    DamageSpec("skew", 300, (step("skew", degrees=(-5.0, 5.0)),), "page rotated on the scanner bed"),
    DamageSpec("perspective", 300, (step("perspective", inset=(0.02, 0.07), keystone=(0.0, 0.06)),),
               "phone photo geometry: page warped in perspective on a desk"),
    DamageSpec("lighting", 300,
               (step("lighting", gradient=(0.1, 0.3), vignette=(0.1, 0.3), shadow=(0.15, 0.4), warmth=(0.0, 0.08)),),
               "uneven light: gradient, vignette, a soft shadow, warm tint"),
    DamageSpec("fax", 300, (step("binarise", threshold=(0.45, 0.6), dither=False),),
               "binarised to black and white (threshold)"),
    DamageSpec("lowres", 300, (step("downscale", to_dpi=(100.0, 150.0)),),
               "detail of a 100-150 dpi capture, stored at 300 dpi"),
    DamageSpec("paper", 300, (step("paper", yellowing=(0.05, 0.15), texture=(0.02, 0.05)),),
               "yellowed, textured paper"),
    DamageSpec("stamp", 300, (step("stamp", count=(1, 2), opacity=(0.55, 0.85), diameter_mm=(28.0, 40.0)),),
               "a coloured ink stamp over the table"),
    DamageSpec("handwriting", 300, (step("handwriting", marks=(3, 7), width_mm=(0.35, 0.7)),),
               "pen marks: ticks, circled values, underlines, scribbles"),
    # Combinations.
    DamageSpec("photo", 300,
               (step("perspective", inset=(0.02, 0.07), keystone=(0.0, 0.06)),
                step("lighting", gradient=(0.1, 0.3), vignette=(0.1, 0.3), shadow=(0.0, 0.35), warmth=(0.0, 0.08)),
                step("gaussian_blur", sigma_mm=(0.04, 0.1)), step("jpeg", quality=(60, 85))),
               "a phone photo: perspective, uneven light, slight defocus, JPEG"),
    DamageSpec("fax_full", 200,
               (step("paper", yellowing=(0.0, 0.05), texture=(0.01, 0.03)),
                step("skew", degrees=(-1.5, 1.5)), step("gaussian_blur", sigma_mm=(0.04, 0.08)),
                step("fax_header"),  # printed by the sending machine, so it goes through the line like the page
                step("downscale", to_dpi=204.0, vertical_dpi=98.0, restore="nearest"),
                step("binarise", threshold=(0.5, 0.62), dither=False),
                step("salt_pepper", amount=(0.0002, 0.001), size_mm=0.25)),
               "a received fax: standard 204x98 dpi resolution, black and white, specks, sender line on top"),
)

PRESETS: dict[str, DamageSpec] = {spec.name: spec for spec in _PRESETS}

# The presets of the per-damage table: each adds one damage to "clean".
SINGLE_DAMAGE_PRESETS = ("blur", "motion_blur", "noise", "specks", "jpeg", "skew", "perspective", "lighting", "fax",
                         "lowres", "paper", "stamp", "handwriting")

# Rubber stamps: (centre lines, ring text for round ones).  Labs in both languages stamp reports.
STAMP_TEXTS = (
    ("VERIFICATO",), ("COPIA", "CONFORME"), ("REFERTATO",), ("RICEVUTO",), ("PAGATO",), ("VISTO", "IL MEDICO"),
    ("CHECKED",), ("COPY",), ("RECEIVED",), ("PAID",), ("REVIEWED",), ("ORIGINAL", "ON FILE"),
)
STAMP_RING_TEXTS = ("LABORATORIO ANALISI CLINICHE", "SERVIZIO DI MEDICINA DI LABORATORIO",
                    "CLINICAL PATHOLOGY LABORATORY", "DEPARTMENT OF LABORATORY MEDICINE")
INK_COLOURS = ((35, 60, 170), (190, 30, 40), (110, 40, 140), (20, 110, 70))  # stamp-pad blue, red, violet, green
PEN_COLOURS = ((25, 45, 140), (30, 30, 35), (170, 30, 30))  # ballpoint blue, black, red
DESK_COLOURS = ((96, 72, 52), (140, 128, 112), (60, 60, 64), (190, 184, 172))  # wood, oak, dark grey, light laminate
FAX_SENDERS = ("LAB ANALISI", "POLIAMBULATORIO", "CENTRO PRELIEVI", "CLINICAL LAB", "PATHOLOGY DEPT")

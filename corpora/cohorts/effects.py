"""Documented lab-value effects of the synthetic cohorts (in standard deviations of the healthy value).

The directions follow associations reported in the literature, the sizes are deliberately
small and are *not* clinical claims: they exist so a fusion model has something real but
modest to find.

| class | analyte | shift (SD) | rationale |
| --- | --- | --- | --- |
| melanoma | ldh | +0.6 | serum LDH rises with melanoma burden (AJCC staging marker) |
| melanoma | crp | +0.4 | systemic inflammation |
| melanoma | neutrophils_pct / lymphocytes_pct | +0.3 / -0.3 | higher neutrophil-to-lymphocyte ratio |
| melanoma | vitamin_d_25oh | -0.4 | low vitamin D reported in melanoma patients |
| pigmented benign keratosis | glucose, hba1c | +0.4, +0.4 | seborrheic keratoses cluster with age and metabolic syndrome |
| nevus | — | 0 | reference class |

``effect_scale`` multiplies every shift (0 turns the effects off).
"""

from __future__ import annotations

__all__ = ["DEFAULT_EFFECTS", "effects_for"]

DEFAULT_EFFECTS: dict[str, dict[str, float]] = {
    "melanoma": {"ldh": 0.6, "crp": 0.4, "neutrophils_pct": 0.3, "lymphocytes_pct": -0.3, "vitamin_d_25oh": -0.4},
    "pigmented benign keratosis": {"glucose": 0.4, "hba1c": 0.4},
    "nevus": {},
}


def effects_for(label: str | None, scale: float = 1.0,
                effects: dict[str, dict[str, float]] | None = None) -> dict[str, float]:
    table = DEFAULT_EFFECTS if effects is None else effects
    return {analyte: shift * scale for analyte, shift in table.get(label or "", {}).items()}

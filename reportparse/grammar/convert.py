"""Convert a value between the UCUM units our registry produces.

Enough dimensional analysis for lab reports: mass, substance (mol, eq), volume, counts
(10*n, /mm3, /uL), catalytic units (U, [IU]) and percentages.  Mass and substance convert
through the analyte's molar mass (and valence for equivalents), e.g. glucose mmol/L →
mg/dL, creatinine µmol/L → mg/dL.  Anything else is refused rather than guessed.
"""

from __future__ import annotations

from functools import lru_cache

import regex

__all__ = ["convert", "MOLAR_MASS", "ConversionError"]

# g/mol (and valence for meq) of analytes reported in both mass and molar units.
MOLAR_MASS: dict[str, tuple[float, int]] = {
    "glucose": (180.16, 1), "glucose_fasting": (180.16, 1), "creatinine": (113.12, 1), "urea": (60.06, 1),
    "bun": (28.014, 1), "uric_acid": (168.11, 1), "cholesterol_total": (386.65, 1), "hdl": (386.65, 1),
    "ldl": (386.65, 1), "ldl_calculated": (386.65, 1), "non_hdl": (386.65, 1), "vldl": (386.65, 1),
    "triglycerides": (885.7, 1), "bilirubin_total": (584.66, 1), "bilirubin_direct": (584.66, 1),
    "bilirubin_indirect": (584.66, 1), "calcium": (40.078, 2), "calcium_ionized": (40.078, 2),
    "magnesium": (24.305, 2), "phosphorus": (30.974, 1), "iron": (55.845, 1), "sodium": (22.99, 1),
    "potassium": (39.098, 1), "chloride": (35.45, 1), "bicarbonate": (61.02, 1), "lactate": (89.07, 1),
    "vitamin_b12": (1355.37, 1), "folate": (441.4, 1), "vitamin_d_25oh": (400.64, 1), "ft4": (776.87, 1),
    "t4_total": (776.87, 1), "ft3": (650.98, 1), "t3_total": (650.98, 1), "cortisol": (362.46, 1),
    "homocysteine": (135.18, 1), "ammonia": (17.031, 1),
}


class ConversionError(ValueError):
    pass


_PREFIX = {"": 1.0, "k": 1e3, "d": 1e-1, "c": 1e-2, "m": 1e-3, "u": 1e-6, "n": 1e-9, "p": 1e-12, "f": 1e-15}
_BASE = {"g": "mass", "mol": "substance", "eq": "equivalent", "L": "volume", "U": "enzyme", "[IU]": "iu",
         "kat": "katal"}


@lru_cache(maxsize=1024)
def _term(term: str) -> tuple[float, dict[str, int]]:
    """Factor and dimensions of one side of a ratio: '10*3', 'mg', 'dL', 'mm3', '[IU]', ''."""
    term = term.strip()
    if term in ("", "1"):
        return 1.0, {}
    m = regex.fullmatch(r"10\*(\d+)", term)
    if m:
        return 10.0 ** int(m.group(1)), {}
    m = regex.fullmatch(r"\((\d+(?:\.\d+)?)\.(.+)\)", term)  # (24.h), (100.mL)
    if m:
        factor, dims = _term(m.group(2))
        return factor * float(m.group(1)), dims
    if term in ("mm3", "cm3"):
        return (1e-6 if term == "mm3" else 1e-3), {"volume": 1}
    for base, dim in sorted(_BASE.items(), key=lambda kv: -len(kv[0])):
        if term.endswith(base) and term[: -len(base)] in _PREFIX:
            return _PREFIX[term[: -len(base)]], {dim: 1}
    raise ConversionError(f"unknown unit term {term!r}")


@lru_cache(maxsize=1024)
def _unit(ucum: str) -> tuple[float, tuple[tuple[str, int], ...]]:
    if ucum == "%":
        return 0.01, ()
    if "/" in ucum:
        num, _, den = ucum.partition("/")
    else:
        num, den = ucum, ""
    f_num, d_num = _term(num)
    f_den, d_den = _term(den)
    dims = dict(d_num)
    for k, v in d_den.items():
        dims[k] = dims.get(k, 0) - v
    return f_num / f_den, tuple(sorted((k, v) for k, v in dims.items() if v))


def convert(value: float, from_ucum: str, to_ucum: str, analyte: str | None = None) -> float:
    """``value`` in ``from_ucum`` expressed in ``to_ucum``; raises ConversionError when impossible."""
    if from_ucum == to_ucum:
        return value
    f_from, d_from = _unit(from_ucum)
    f_to, d_to = _unit(to_ucum)
    if d_from == d_to:
        return value * f_from / f_to
    dims_from, dims_to = dict(d_from), dict(d_to)
    kinds = {"mass", "substance", "equivalent"}
    a = next((k for k in dims_from if k in kinds), None)
    b = next((k for k in dims_to if k in kinds), None)
    if a and b and analyte in MOLAR_MASS and {k: v for k, v in dims_from.items() if k != a} == \
            {k: v for k, v in dims_to.items() if k != b}:
        molar_mass, valence = MOLAR_MASS[analyte]
        grams_per = {"mass": 1.0, "substance": molar_mass, "equivalent": molar_mass / valence}
        return value * f_from * grams_per[a] / (f_to * grams_per[b])
    raise ConversionError(f"cannot convert {from_ucum} to {to_ucum}" + (f" for {analyte}" if analyte else ""))

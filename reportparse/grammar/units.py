"""Units as printed, and their canonical UCUM form.

The registry knows the spellings lab reports use (``mg/dl``, ``UI/L``, ``x10E3/uL``,
``10^3 / µL``, ``mill/cumm``, ``mm/1 hour``…) and composes the rest from atoms, so
``µmol/L`` and ``nmol/mL`` need no entry of their own.  Lookups are cached: a report
repeats a dozen units hundreds of times.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

__all__ = ["UnitRegistry", "UNITS", "normalize_unit_text", "loinc_properties"]

# Whole spellings whose UCUM form cannot be composed from atoms (keys: normalize_unit_text form).
_SPECIAL: dict[str, str] = {
    "%": "%",
    "‰": "[ppth]",
    "fl": "fL",
    "pg": "pg",
    "ratio": "{ratio}",
    "index": "{index}",
    "sec": "s",
    "secondi": "s",
    "seconds": "s",
    "s": "s",
    "mm/h": "mm/h",
    "mm/hr": "mm/h",
    "mm/hour": "mm/h",
    "mm/1hour": "mm/h",
    "mm/1sthour": "mm/h",
    "mm/1sthr": "mm/h",
    "mm/1h": "mm/h",
    "mm/1ora": "mm/h",
    "mm/ora": "mm/h",
    "mm/1°ora": "mm/h",
    "mm/1aora": "mm/h",
    "mm/1aora.": "mm/h",
    "mm/1ªora": "mm/h",
    "ml/min/1.73m2": "mL/min/{1.73_m2}",
    "ml/min/1.73m^2": "mL/min/{1.73_m2}",
    "ml/min/1.73": "mL/min/{1.73_m2}",
    "ml/min/1.73sq.m": "mL/min/{1.73_m2}",
    "ml/min/1.73mq": "mL/min/{1.73_m2}",
    "ml/min/1,73m2": "mL/min/{1.73_m2}",
    "ml/min/1,73mq": "mL/min/{1.73_m2}",
    "ml/min": "mL/min",
    "mosm": "mosm",
    "mosm/kg": "mosm/kg",
    "mosm/l": "mosm/L",
    "/cumm": "/mm3",
    "/cu.mm": "/mm3",
    "/mm3": "/mm3",
    "/mm^3": "/mm3",
    "/ul": "/uL",
    "/µl": "/uL",
    "/hpf": "/[HPF]",
    "/lpf": "/[LPF]",
    "/campo": "/[HPF]",
    "rbc/hpf": "/[HPF]",
    "wbc/hpf": "/[HPF]",
    "cells/hpf": "/[HPF]",
    "epicells/hpf": "/[HPF]",
    "epi/hpf": "/[HPF]",
    "/100wbc": "/100{WBCs}",
    "/100gb": "/100{WBCs}",
    "/100leucociti": "/100{WBCs}",
    "l/l": "L/L",
    "g/24h": "g/(24.h)",
    "mg/24h": "mg/(24.h)",
    "mg/24ore": "mg/(24.h)",
    "mmol/24h": "mmol/(24.h)",
    "ml/24h": "mL/(24.h)",
    "ug/gcreat": "ug/g{creat}",
    "mg/gcreat": "mg/g{creat}",
    "mg/mmol": "mg/mmol",
    "gpl": "[GPL'U]/mL",
    "mpl": "[MPL'U]/mL",
    "gplu/ml": "[GPL'U]/mL",
    "mplu/ml": "[MPL'U]/mL",
    "copies/ml": "{copies}/mL",
    "cp/ml": "{copies}/mL",
    "mmhg": "mm[Hg]",
    "mg/gcreatinina": "mg/g{creat}",
    "mg/gcreatinine": "mg/g{creat}",
    "mg/mmolcreat": "mg/mmol",
    "ng/lfeu": "ng/L",
    "ug/lfeu": "ug/L",
    "ng/mlfeu": "ng/mL",
    "ug/mlfeu": "ug/mL",
    "mg/lfeu": "mg/L",
}

_PREFIXES = {"": "", "k": "k", "m": "m", "u": "u", "n": "n", "p": "p", "f": "f", "d": "d", "c": "c"}
# Base atoms (lower-case, after normalisation) and their UCUM spelling.
_BASES = {
    "g": "g", "gm": "g", "gr": "g", "l": "L", "mol": "mol", "eq": "eq", "u": "U", "iu": "[IU]",
    "ui": "[IU]", "m": "m", "osm": "osm", "kat": "kat",
}
# Count atoms for cell concentrations: "10^3", "x10E9", "mill", "thou", "1000".
_COUNT_RE = regex.compile(r"^(?:x|\*)?10(?:\^|e|\*)?(\d{1,2})$")
_COUNT_WORDS = {"mill": "10*6", "million": "10*6", "milioni": "10*6", "mil": "10*6", "thou": "10*3",
                "thousand": "10*3", "migliaia": "10*3", "1000": "10*3", "1.000": "10*3", "10.000": "10*4",
                "lakh": "10*5", "lakhs": "10*5", "cells": "", "cell": "", "cellule": "", "n": "", "n.": "", "#": ""}
_VOLUME = {"cumm": "mm3", "cu.mm": "mm3", "mm3": "mm3", "mm^3": "mm3", "mmc": "mm3", "ul": "uL", "µl": "uL",
           "l": "L", "ml": "mL", "dl": "dL", "cl": "cL", "nl": "nL", "pl": "pL", "fl": "fL", "hpf": "[HPF]"}


def normalize_unit_text(text: str) -> str:
    """Fold a printed unit to a lookup key: NFKC, micro signs to ``u``, no spaces, lower case."""
    s = unicodedata.normalize("NFKC", text).strip()
    s = s.replace("μ", "u").replace("µ", "u").replace("×", "x").replace("³", "3").replace("²", "2")
    s = regex.sub(r"\s+", "", s).lower()
    s = regex.sub(r"^mc(?=[gl])", "u", s)  # mcg, mcL
    s = regex.sub(r"/mc(?=[gl])", "/u", s)
    return s


def _atom(token: str) -> str | None:
    """UCUM for a simple atom like ``mg``, ``umol``, ``dL``, ``[IU]``; None when unknown."""
    if token in _VOLUME:
        return _VOLUME[token]
    for prefix in sorted(_PREFIXES, key=len, reverse=True):
        if token.startswith(prefix) and token[len(prefix):] in _BASES:
            base = _BASES[token[len(prefix):]]
            if prefix == "m" and token[1:] in ("m",):
                return "mm"
            return _PREFIXES[prefix] + base
    return None


def _count(token: str) -> str | None:
    if token in _COUNT_WORDS:
        return _COUNT_WORDS[token]
    m = _COUNT_RE.match(token)
    return f"10*{int(m.group(1))}" if m else None


@lru_cache(maxsize=4096)
def _to_ucum(key: str) -> str | None:
    if not key:
        return None
    if key in _SPECIAL:
        return _SPECIAL[key]
    if "/" not in key:
        return _atom(key)
    numerator, _, denominator = key.partition("/")
    if "/" in denominator:
        return None
    den = _atom(denominator) or _VOLUME.get(denominator)
    if den is None:
        m = regex.fullmatch(r"(10{0,3})(?![\d.,])(.+)", denominator)  # /100mL, /10L: a power of ten, never "/4uL"
        if m and _atom(m.group(2)):
            den = f"({m.group(1)}.{_atom(m.group(2))})"
        elif denominator in ("h", "hr", "ora", "24h", "d", "die"):
            den = {"h": "h", "hr": "h", "ora": "h", "24h": "(24.h)", "d": "d", "die": "d"}[denominator]
    if den is None:
        return None
    if numerator == "":
        return f"/{den}"
    num = _atom(numerator)
    if num is None:
        count = _count(numerator)
        if count is None:
            return None
        return f"{count}/{den}" if count else f"/{den}"
    return f"{num}/{den}"


@lru_cache(maxsize=16384)
def _printed_to_ucum(text: str) -> str | None:
    return _to_ucum(normalize_unit_text(text))


class UnitRegistry:
    """Recognise printed units and map them to UCUM; one shared instance is :data:`UNITS`."""

    def ucum(self, text: str | None) -> str | None:
        """UCUM code for a printed unit, or None when the spelling is unknown."""
        if not text:
            return None
        return _printed_to_ucum(text)

    def is_unit(self, text: str) -> bool:
        return self.ucum(text) is not None


UNITS = UnitRegistry()


# LOINC property of a unit: what a number in that unit measures.  Kinds of UCUM atoms (after the prefix):
_MASS, _SUBSTANCE, _CATALYTIC, _ARBITRARY, _OSMOLE = "mass", "substance", "catalytic", "arbitrary", "osmole"
_ATOM_KIND = {"g": _MASS, "mol": _SUBSTANCE, "eq": _SUBSTANCE, "U": _CATALYTIC, "kat": _CATALYTIC,
              "[IU]": _ARBITRARY, "[arb'U]": _ARBITRARY, "[GPL'U]": _ARBITRARY, "[MPL'U]": _ARBITRARY,
              "osm": _OSMOLE}
_PREFIX_RE = regex.compile(r"^(?:k|d|c|m|u|n|p|f)?(?=.)")
# A fraction printed as %: which of LOINC's fraction properties a code may have.
_FRACTIONS = frozenset({"NFr", "VFr", "MFr", "Ratio"})  # SFr is printed as mmol/mol (HbA1c IFCC)
# (kind of numerator, kind of denominator) -> LOINC properties; U and [IU] per volume are catalytic for an
# enzyme (CCnc) and arbitrary for a hormone or an antibody (ACnc), so both are allowed.
_RATIO_PROPERTIES = {
    (_MASS, "volume"): {"MCnc"}, (_SUBSTANCE, "volume"): {"SCnc"}, (_CATALYTIC, "volume"): {"CCnc", "ACnc"},
    (_ARBITRARY, "volume"): {"ACnc", "CCnc"}, ("count", "volume"): {"NCnc"}, ("count", "area"): {"Naric"},
    (_OSMOLE, _MASS): {"Osmol"}, (_MASS, "time"): {"MRat"}, (_SUBSTANCE, "time"): {"SRat"},
    ("volume", "time"): {"VRat"}, (_MASS, _MASS): {"MRto"}, (_SUBSTANCE, _SUBSTANCE): {"SFr", "SRto"},
    ("volume", "volume"): {"VFr"}, (_MASS, _SUBSTANCE): set(),
}
# Whole units with a property of their own.
_UNIT_PROPERTIES = {
    "%": _FRACTIONS, "fL": {"EntVol"}, "pg": {"EntMass"}, "mm/h": {"Vel"}, "s": {"Time"}, "min": {"Time"},
    "mm[Hg]": {"PPres"}, "[pH]": {"LsCnc"}, "mL/min/{1.73_m2}": {"ArVRat"}, "{INR}": {"RelTime"},
    "/100{WBCs}": {"Ratio", "NFr"}, "{titer}": {"Titr"}, "L/L": {"VFr"},
}


def _kind(term: str) -> str | None:
    """'mass', 'substance', 'volume', 'count', 'time', 'area'... of one side of a UCUM ratio."""
    term = regex.sub(r"\{[^}]*\}", "", term)  # annotations: g{creat} is a mass, {copies} a count
    if term in ("", "1") or regex.fullmatch(r"10\*\d+", term):
        return "count"
    m = regex.fullmatch(r"\((\d+(?:\.\d+)?)\.(.+)\)", term)  # (24.h), (100.mL)
    if m:
        term = m.group(2)
    if term in ("mm3", "cm3") or regex.fullmatch(r"[kdcmunpf]?L", term):
        return "volume"
    if term in ("h", "d", "min", "s"):
        return "time"
    if term in ("[HPF]", "[LPF]"):
        return "area"
    base = _PREFIX_RE.sub("", term) if term not in _ATOM_KIND else term
    return _ATOM_KIND.get(base) or _ATOM_KIND.get(term)


@lru_cache(maxsize=1024)
def loinc_properties(ucum: str | None) -> frozenset[str] | None:
    """LOINC properties a value in ``ucum`` can have: mg/dL -> {MCnc}, mmol/L -> {SCnc}, 10*3/uL -> {NCnc},
    % -> the fractions.  An empty set for a unit no code of ours fits (mg/mmol); None when the unit does not
    tell ({ratio}, {index}, no unit), so that the caller falls back on the analyte's only code."""
    if not ucum:
        return None
    if ucum in _UNIT_PROPERTIES:
        return frozenset(_UNIT_PROPERTIES[ucum])
    if "/" not in ucum:
        return None
    numerator, _, denominator = ucum.partition("/")
    if "/" in denominator:
        return None
    props = _RATIO_PROPERTIES.get((_kind(numerator), _kind(denominator)))
    return None if props is None else frozenset(props)

"""Convert a value between the UCUM units our registry produces.

The dimensional part is pint's: each UCUM unit is read into a pint expression (``ucum_pint.tsv`` for
the atoms pint does not spell the UCUM way, ``pint_units.tsv`` for the units it lacks: [IU], eq, osm,
microscope fields), so mg/dL → g/L, 10*3/uL → 10*9/L, U/L → ukat/L come free.  Mass, amount of
substance and equivalents convert into each other through the analyte's molar mass and valence
(``molar_masses.tsv``): glucose mmol/L → mg/dL, calcium mg/dL → meq/L, BUN → urea.  HbA1c % (NGSP)
↔ mmol/mol (IFCC) is affine, not dimensional, and has its own formula.  Anything else is refused
with a coded :class:`ConversionError` (a ValueError) rather than guessed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import regex

from ..errors import Errors, ReportParseError

__all__ = ["convert", "ConversionError", "MolarMass", "MOLAR_MASS", "molar_masses", "Conversion",
           "conversion_table", "conversion_table_markdown", "to_pint"]


class ConversionError(ReportParseError):
    """A conversion that cannot be made (E070-E074); still a ValueError."""


@dataclass(frozen=True, slots=True)
class MolarMass:
    grams_per_mol: float
    valence: int  # charge: equivalents per mole
    conventional: str  # usual mass unit (UCUM)
    si: tuple[str, ...]  # usual molar units (UCUM)
    measured_as: str | None  # the analyte whose moles this one counts (bun -> urea)


@dataclass(frozen=True, slots=True)
class Conversion:
    """One supported conversion: ``to = from × factor`` or, when ``factor`` is None, ``formula``."""
    analyte: str
    source: str
    target: str
    factor: float | None
    formula: str


# HbA1c: IFCC mmol/mol = 10.929 × (NGSP % − 2.15), the IFCC-NGSP master equation (affine).
_HBA1C_SLOPE, _HBA1C_OFFSET = 10.929, 2.15
_HBA1C = {"hba1c"}


def _read(filename: str) -> list[list[str]]:
    text = resources.files("reportparse").joinpath("data", "catalogue", filename).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def molar_masses() -> dict[str, MolarMass]:
    """analyte id -> molar mass, valence and usual units, from molar_masses.tsv."""
    table = {}
    for row in _read("molar_masses.tsv"):
        row = [c.strip() for c in row] + [""] * (6 - len(row))
        analyte, grams, valence, conventional, si, measured_as = row[:6]
        table[analyte] = MolarMass(float(grams), int(valence), conventional,
                                   tuple(s.strip() for s in si.split(",") if s.strip()), measured_as or None)
    return table


# analyte -> (g/mol, valence), the shape this module exported before the table moved to molar_masses.tsv.
MOLAR_MASS: dict[str, tuple[float, int]] = {k: (v.grams_per_mol, v.valence) for k, v in molar_masses().items()}


@lru_cache(maxsize=1)
def _registry():
    """A pint registry that knows the UCUM units pint lacks (imported lazily: parsing never needs it)."""
    import pint

    ureg = pint.UnitRegistry()
    for name, symbol in (r[:2] for r in _read("pint_units.tsv")):
        ureg.define(f"{name.strip()} = [{name.strip()}] = {symbol.strip()}")
    return ureg


@lru_cache(maxsize=1)
def _atoms() -> dict[str, str]:
    return {ucum.strip(): expr.strip() for ucum, expr in (r[:2] for r in _read("ucum_pint.tsv"))}


def _term(term: str) -> str:
    """pint expression of one UCUM factor: 'mg', '10*3', '(24.h)', 'u[IU]', 'g{creat}', '{ratio}'."""
    m = regex.fullmatch(r"\((\d+(?:\.\d+)?)\.(.+)\)", term)  # (24.h), (100.mL)
    if m:
        return f"({m.group(1)}*{_term(m.group(2))})"
    bare = regex.sub(r"\{[^}]*\}", "", term)  # annotations count for 1
    if bare in ("", "1"):
        return "1"
    m = regex.fullmatch(r"10\*(\d+)", bare)
    if m:
        return f"1e{int(m.group(1))}"
    if bare not in _atoms() and "[" in bare:  # a bracketed UCUM atom pint has no meaning for ([pH], [ppth])
        raise ConversionError(Errors.E070, unit=term)
    return _atoms().get(bare, bare)


@lru_cache(maxsize=1024)
def to_pint(ucum: str) -> str:
    """The pint expression of a UCUM unit ('10*3/uL' -> '1e3/uL'); E070 when pint cannot read it."""
    if not ucum:
        raise ConversionError(Errors.E070, unit=ucum)
    if ucum in _atoms():
        expr = _atoms()[ucum]
    else:
        expr = " / ".join(_term(t) for t in ucum.split("/"))  # '/uL' -> '1 / uL'
    try:
        _parse(expr)
    except Exception as exc:  # pint raises several kinds for a string it cannot read ('[pH]', '{ratio}/xyz')
        raise ConversionError(Errors.E070, unit=ucum) from exc
    return expr


@lru_cache(maxsize=1024)
def _parse(expr: str):
    ureg = _registry()
    parsed = ureg.parse_expression(expr)
    return parsed if isinstance(parsed, ureg.Quantity) else ureg.Quantity(parsed)


def _quantity(value: float, ucum: str):
    return value * _parse(to_pint(ucum))


# Kinds that convert into each other through molar mass and valence: the pint dimension of one of each.
_KINDS = {"mass": "[mass]", "substance": "[substance]", "equivalent": "[equivalent]"}


def _kind(quantity) -> str | None:
    """Which of mass / substance / equivalent the unit counts (in its numerator), if any."""
    dims = quantity.dimensionality
    found = [k for k, d in _KINDS.items() if dims.get(d, 0) == 1]
    return found[0] if len(found) == 1 else None


def _to_moles(quantity, kind: str, mm: MolarMass):
    ureg = _registry()
    if kind == "mass":
        return quantity / ureg.Quantity(mm.grams_per_mol, "g/mol")
    if kind == "equivalent":
        return quantity / ureg.Quantity(mm.valence, "eq_/mol")
    return quantity


def _from_moles(quantity, kind: str, mm: MolarMass):
    ureg = _registry()
    if kind == "mass":
        return quantity * ureg.Quantity(mm.grams_per_mol, "g/mol")
    if kind == "equivalent":
        return quantity * ureg.Quantity(mm.valence, "eq_/mol")
    return quantity


def _molar_mass(analyte: str | None, source: str, target: str, *, role: str = "") -> MolarMass:
    if analyte is None:
        raise ConversionError(Errors.E072, source=source, target=target, why="no analyte was given")
    mm = molar_masses().get(analyte)
    if mm is None:
        raise ConversionError(Errors.E072, source=source, target=target,
                              why=f"{role}{analyte!r} has no row in molar_masses.tsv")
    return mm


def _hba1c(value: float, from_ucum: str, to_ucum: str) -> float | None:
    """HbA1c between % (NGSP/DCCT) and mmol/mol (IFCC); None when the pair is not that one."""
    units = {from_ucum, to_ucum}
    if units != {"%", "mmol/mol"}:
        return None
    if from_ucum == "%":
        return _HBA1C_SLOPE * (value - _HBA1C_OFFSET)
    return value / _HBA1C_SLOPE + _HBA1C_OFFSET


def convert(value: float, from_ucum: str, to_ucum: str, analyte: str | None = None, *,
            to_analyte: str | None = None) -> float:
    """``value`` in ``from_ucum`` expressed in ``to_ucum``.

    ``analyte`` (a catalogue id) allows mass <-> moles <-> equivalents through its molar mass and valence, and
    HbA1c % <-> mmol/mol; ``to_analyte`` converts into another analyte measured as the same substance (BUN ->
    urea).  Raises :class:`ConversionError` (E070-E074, a ValueError) when the conversion cannot be made."""
    if not math.isfinite(value):
        raise ConversionError(Errors.E074, value=value, source=from_ucum, target=to_ucum, analyte=analyte,
                              why="the value is not a finite number")
    if to_analyte is None or to_analyte == analyte:
        if from_ucum == to_ucum:
            return value
        if analyte in _HBA1C:
            affine = _hba1c(value, from_ucum, to_ucum)
            if affine is not None:
                return affine
    source, target = _quantity(value, from_ucum), _quantity(1.0, to_ucum)
    if to_analyte is not None and to_analyte != analyte:
        return _between_analytes(source, target, from_ucum, to_ucum, analyte, to_analyte)
    if source.dimensionality == target.dimensionality:
        return float(source.to(target.units).magnitude / target.magnitude)
    a, b = _kind(source), _kind(target)
    if a and b and a != b:
        rest_a = source.dimensionality / _registry().parse_expression(_unit_of(a)).dimensionality
        rest_b = target.dimensionality / _registry().parse_expression(_unit_of(b)).dimensionality
        if rest_a == rest_b:
            mm = _molar_mass(analyte, from_ucum, to_ucum)
            moved = _from_moles(_to_moles(source, a, mm), b, mm)
            return float(moved.to(target.units).magnitude / target.magnitude)
    raise ConversionError(Errors.E071, source=from_ucum, target=to_ucum,
                          detail=f" for {analyte}" if analyte else "",
                          source_dim=str(source.dimensionality), target_dim=str(target.dimensionality))


def _unit_of(kind: str) -> str:
    return {"mass": "g", "substance": "mol", "equivalent": "eq_"}[kind]


def _between_analytes(source, target, from_ucum: str, to_ucum: str, analyte: str | None, to_analyte: str) -> float:
    """BUN mg/dL -> urea mg/dL: through the moles of the substance both count."""
    mm_from = _molar_mass(analyte, from_ucum, to_ucum)
    mm_to = _molar_mass(to_analyte, from_ucum, to_ucum, role="the target ")
    if mm_from.measured_as != to_analyte and mm_to.measured_as != analyte:
        raise ConversionError(Errors.E073, analyte=analyte, to_analyte=to_analyte)
    a, b = _kind(source), _kind(target)
    if not (a and b):
        raise ConversionError(Errors.E071, source=from_ucum, target=to_ucum, detail=f" for {analyte} -> {to_analyte}",
                              source_dim=str(source.dimensionality), target_dim=str(target.dimensionality))
    moved = _from_moles(_to_moles(source, a, mm_from), b, mm_to)
    try:
        return float(moved.to(target.units).magnitude / target.magnitude)
    except Exception as exc:  # pint's DimensionalityError: the rest of the units differ (per L vs per day)
        raise ConversionError(Errors.E071, source=from_ucum, target=to_ucum, detail=f" for {analyte} -> {to_analyte}",
                              source_dim=str(source.dimensionality),
                              target_dim=str(target.dimensionality)) from exc


def conversion_table() -> list[Conversion]:
    """Every analyte-specific conversion the converter supports, with its factor (``to = from × factor``) or
    formula: mass <-> molar units per molar_masses.tsv, BUN -> urea, HbA1c % <-> mmol/mol."""
    rows = []
    for analyte, mm in molar_masses().items():
        for si in mm.si:
            factor = convert(1.0, mm.conventional, si, analyte)
            rows.append(Conversion(analyte, mm.conventional, si, factor,
                                   f"{si} = {mm.conventional} × {factor:.6g}"))
        if mm.measured_as:
            factor = convert(1.0, mm.conventional, mm.conventional, analyte, to_analyte=mm.measured_as)
            rows.append(Conversion(f"{analyte} -> {mm.measured_as}", mm.conventional, mm.conventional, factor,
                                   f"{mm.measured_as} = {analyte} × {factor:.6g} "
                                   f"({molar_masses()[mm.measured_as].grams_per_mol:g}/{mm.grams_per_mol:g})"))
    rows.append(Conversion("hba1c", "%", "mmol/mol", None,
                           f"mmol/mol = {_HBA1C_SLOPE} × (% − {_HBA1C_OFFSET})"))
    rows.append(Conversion("hba1c", "mmol/mol", "%", None,
                           f"% = mmol/mol / {_HBA1C_SLOPE} + {_HBA1C_OFFSET}"))
    return rows


def conversion_table_markdown() -> str:
    """:func:`conversion_table` as a markdown table (for the README)."""
    lines = ["| analyte | from | to | factor | formula |", "| --- | --- | --- | --- | --- |"]
    for c in conversion_table():
        factor = "affine" if c.factor is None else f"{c.factor:.6g}"
        lines.append(f"| {c.analyte} | {c.source} | {c.target} | {factor} | {c.formula} |")
    return "\n".join(lines)

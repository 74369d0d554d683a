"""Compose a report: draw values, format every printed string, and write the gold beside it."""

from __future__ import annotations

import datetime as dt
import math
import random

from .formatting import format_number
from .identity import dress_patient
from .layouts import Layout
from .model import GeneratedReport, PrintedRow, Section
from .panels import PANELS, QUALITATIVE, SPECS, AnalyteSpec, UnitOption
from .restyle import restyle

__all__ = ["compose_report", "format_number", "draw_value"]

_LABS = {
    "it": ["Laboratorio Analisi Cliniche San Marco (SINTETICO)", "Centro Diagnostico Aurora - referto dimostrativo",
           "Azienda Sanitaria Demo - Patologia Clinica", "Poliambulatorio Esempio s.r.l."],
    "en": ["Riverside Clinical Laboratory (SYNTHETIC)", "Demo Diagnostics Ltd - Pathology",
           "Northfield Hospital Laboratory Medicine", "Sample Health Labs Inc."],
}
_FAKE_NAMES = {"it": ["ROSSI MARIO", "BIANCHI ANNA", "ESPOSITO LUCA", "COLOMBO GIULIA", "RICCI PAOLO"],
               "en": ["DOE JANE", "SMITH JOHN", "BROWN MARY", "TAYLOR JAMES", "WILSON EMMA"]}
_SECTION_TITLES = {
    "cbc": ("EMOCROMO", "COMPLETE BLOOD COUNT (CBC)"),
    "differential": ("FORMULA LEUCOCITARIA", "DIFFERENTIAL LEUCOCYTE COUNT"),
    "chemistry": ("CHIMICA CLINICA", "CLINICAL CHEMISTRY"),
    "electrolytes": ("ELETTROLITI", "ELECTROLYTES"),
    "iron": ("METABOLISMO DEL FERRO", "IRON STUDIES"),
    "lipids": ("ASSETTO LIPIDICO", "LIPID PROFILE"),
    "thyroid": ("FUNZIONALITA' TIROIDEA", "THYROID PROFILE"),
    "inflammation": ("INDICI DI FLOGOSI", "INFLAMMATION MARKERS"),
    "other": ("ALTRI ESAMI", "OTHER TESTS"),
    "urine": ("ESAME CHIMICO FISICO DELLE URINE", "URINE EXAMINATION, ROUTINE"),
}
_METHODS = {"it": ["(Metodo: enzimatico colorimetrico)", "(Metodo: citometria a flusso)", "Metodo: ISE indiretto",
                   "(Metodo: immunoturbidimetrico)"],
            "en": ["(Enzymatic Colorimetric)", "(Flow cytometry)", "Method: ISE, indirect", "(Immunoturbidimetry)"]}
_FLAG_TEXT = {
    "letter": {"H": "H", "L": "L"},
    "word": {"it": {"H": "ALTO", "L": "BASSO"}, "en": {"H": "High", "L": "Low"}},
    "arrow": {"H": "↑", "L": "↓"},
}


def draw_value(rng: random.Random, spec: AnalyteSpec, shift: float = 0.0) -> float:
    """A value in the canonical unit; ``shift`` moves the draw by that many standard deviations."""
    if spec.lognormal:
        value = spec.mean * math.exp(rng.gauss(shift * spec.sd, spec.sd))
    else:
        value = rng.gauss(spec.mean + shift * spec.sd, spec.sd)
    return max(value, spec.floor)


class _Composer:
    def __init__(self, rng: random.Random, lang: str, layout: Layout, sex: str, age: int,
                 shifts: dict[str, float] | None) -> None:
        self.rng, self.lang, self.layout, self.sex, self.age = rng, lang, layout, sex, age
        self.shifts = shifts or {}
        self.values: dict[str, float | str] = {}

    # -- formatting ------------------------------------------------------------------------------
    def num(self, value: float, decimals: int, thousands: bool = False) -> str:
        return format_number(value, decimals, self.layout.decimal, thousands)

    def flag_for(self, value: float, low: float | None, high: float | None) -> str | None:
        if low is not None and value < low:
            return "L"
        if high is not None and value > high:
            return "H"
        return None

    def printed_flag(self, flag: str | None) -> tuple[str, str | None]:
        style = self.layout.flag_style
        if flag is None or style == "none":
            return "", None
        if style == "star":
            return ("¬" if self.lang == "it" and self.rng.random() < 0.4 else "*"), "abnormal"
        if style == "word":
            return _FLAG_TEXT["word"][self.lang][flag], flag
        return _FLAG_TEXT[style][flag], flag

    def range_text(self, low: str | None, high: str | None) -> str:
        style, it = self.layout.range_style, self.lang == "it"
        if low is not None and high is not None:
            if style == "tight":
                return f"{low}-{high}"
            if style == "div":
                return f"{low} ÷ {high}"
            if style == "to":
                return f"da {low} a {high}" if it else f"{low} to {high}"
            if style == "brackets":
                return f"[{low} - {high}]"
            return f"{low} - {high}"
        if high is not None:
            options = (["< ", "fino a ", "inf. a ", "<= "] if it else ["< ", "Up to ", "<= ", "< or = "])
            prefix = options[0] if style in ("dash", "tight") else self.rng.choice(options)
            text = f"{prefix}{high}"
        else:
            options = ([">", "sup. a ", ">= "] if it else [">", ">= ", "> "])
            prefix = "> " if style in ("dash", "tight") else self.rng.choice(options)
            text = f"{prefix}{low}"
        return f"[{text}]" if style == "brackets" else text

    # -- rows ------------------------------------------------------------------------------------
    def printed_name(self, spec_names: tuple[str, ...]) -> str:
        return self.rng.choice(spec_names)

    def value_row(self, spec: AnalyteSpec, value: float, option: UnitOption, name: str, second: bool = False,
                  censor: bool = True) -> PrintedRow:
        layout, lang = self.layout, self.lang
        unit = self.rng.choice(option.it if lang == "it" else option.en)
        thousands = option.factor >= 1000

        def printed(v: float | None) -> float | None:
            return None if v is None else round(v * option.factor, option.decimals)

        def fmt(v: float | None) -> str | None:
            return None if v is None else self.num(v, option.decimals, thousands)

        number = printed(value)
        low, high = spec.sex_ranges.get(self.sex, (spec.low, spec.high))
        plow, phigh = printed(low), printed(high)
        result = fmt(number)
        gold_value: float | str = number
        flag_code = self.flag_for(number, plow, phigh)
        if censor and layout.censored and spec.id == "crp" and value < 0.5:
            limit = self.num(0.5 * option.factor, option.decimals)
            result = f"inferiore a {limit}" if lang == "it" and self.rng.random() < 0.3 else f"< {limit}"
            gold_value, flag_code = result, None
        elif censor and layout.censored and spec.id == "egfr" and number > 90:
            result = "> 90" if self.rng.random() < 0.5 else ">90"
            gold_value, flag_code = result, None
        flag_text, flag_gold = self.printed_flag(flag_code)

        cells: dict[str, str] = {}
        if spec.sex_ranges and layout.sex_specific and "min" not in layout.columns:
            (m_lo, m_hi), (f_lo, f_hi) = spec.sex_ranges["M"], spec.sex_ranges["F"]
            male = self.range_text(fmt(printed(m_lo)), fmt(printed(m_hi)))
            female = self.range_text(fmt(printed(f_lo)), fmt(printed(f_hi)))
            words = ("Uomini", "Donne", " /") if lang == "it" else ("Male", "Female", ";")
            ref_text = f"M: {male} F: {female}" if self.rng.random() < 0.5 else f"{words[0]} {male}{words[2]} {words[1]} {female}"
        else:
            ref_text = self.range_text(fmt(plow), fmt(phigh))
        if "min" in layout.columns:
            if plow is not None and phigh is not None:
                cells["min"], cells["max"] = fmt(plow), fmt(phigh)
                ref_text = f"{cells['min']} {cells['max']}"
            else:
                cells["min"], cells["max"] = ref_text, ""
        else:
            cells["range"] = ref_text

        placement = "column" if second else layout.unit_placement
        if not unit:
            pass
        elif placement == "in_range":
            key = "range" if "range" in cells else ("max" if cells.get("max") else "min")
            cells[key] = f"{cells[key]} {unit}"
            ref_text = cells[key] if key == "range" else (f"{cells['min']} {cells['max']}".strip())
        elif placement == "glued" and isinstance(gold_value, float):
            # Glued without a space only where a reader could still tell them apart ("46,1%", "9,2fL").
            tight = unit == "%" or (unit[0].isalpha() and unit[0] not in "xX" and self.rng.random() < 0.5)
            result = f"{result}{unit}" if tight else f"{result} {unit}"
        elif placement == "label":
            name = f"{name} ({unit})"
        else:
            cells["unit"] = unit
        if "flag" in layout.columns:
            cells["flag"] = flag_text
        elif flag_text:
            result = f"{result}{flag_text}" if flag_text in ("*", "¬") else f"{result} {flag_text}"
        cells["result"] = result
        if "previous" in layout.columns:
            cells["previous"] = fmt(printed(draw_value(self.rng, spec)))

        gold_name = name
        if placement == "label" and unit:
            gold_name = name[: -len(f" ({unit})")]
        if layout.colon_after_name and not second:
            name = f"{name}:"
        cells["name"] = "" if second else name
        gold = {"analyte": gold_name, "value": gold_value, "unit": unit or None, "ref_low": plow, "ref_high": phigh,
                "ref_text": ref_text, "flag": flag_gold, "id": spec.id}
        row = PrintedRow("second_unit" if second else "value", cells, gold=gold, truth=flag_code,
                         decimals=option.decimals, thousands=thousands)
        if not second and len(name) > 24 and layout.values_below_name:
            row.below = True
        elif not second and layout.wrap_names and len(name) > 22:
            row.name_lines = _wrap(name)
        return row

    def analyte_rows(self, analyte_id: str, name_override: str | None = None, value: float | None = None) -> list[PrintedRow]:
        spec = SPECS[analyte_id]
        if value is None:
            value = draw_value(self.rng, spec, self.shifts.get(analyte_id, 0.0))
        self.values[analyte_id] = value
        names = spec.it if self.lang == "it" else spec.en
        name = name_override or self.printed_name(names)
        option = spec.units[0] if len(spec.units) == 1 or self.layout.canonical_units or self.rng.random() < 0.75 \
            else self.rng.choice(spec.units[1:])
        rows = [self.value_row(spec, value, option, name)]
        if self.layout.second_units and len(spec.units) > 1 and option is spec.units[0] \
                and self.layout.unit_placement == "column" and "min" not in self.layout.columns:
            rows.append(self.value_row(spec, value, spec.units[1], name, second=True, censor=False))
            rows[-1].gold["analyte"] = rows[0].gold["analyte"]
        if self.layout.method_lines and self.rng.random() < 0.35:
            rows.append(PrintedRow("method", {"name": self.rng.choice(_METHODS[self.lang])}))
        return rows

    def differential(self) -> list[PrintedRow]:
        ids = PANELS["differential"]
        raw = {i: max(draw_value(self.rng, SPECS[i], self.shifts.get(i, 0.0)), 0.1) for i in ids}
        total = sum(raw.values())
        pct = {i: raw[i] * 100 / total for i in ids}
        rows: list[PrintedRow] = []
        for i in ids:
            rows.extend(self.analyte_rows(i, value=pct[i]))
        wbc = self.values.get("wbc")
        if self.layout.differential_abs and isinstance(wbc, float):
            for i in ids:
                pct_name = rows[[r.gold["id"] if r.gold else None for r in rows].index(i)].gold["analyte"]
                name = pct_name if self.lang == "en" or self.rng.random() < 0.5 else f"{pct_name} #"
                absolute = wbc * pct[i] / 100
                abs_spec = AnalyteSpec(i.replace("_pct", "_abs"), (name,), (name,),
                                       (UnitOption(("x10^3/µL", "10^9/L"), ("x10E3/uL", "10^9/L", "thou/mm3"), 1.0, 2),),
                                       _abs_low(i), _abs_high(i), absolute, 0.0)
                rows.append(self.value_row(abs_spec, absolute, abs_spec.units[0], name))
                self.values[abs_spec.id] = absolute
        return rows

    def urine(self) -> list[PrintedRow]:
        rows: list[PrintedRow] = []
        for analyte_id in PANELS["urine"]:
            rows.extend(self.analyte_rows(analyte_id))
        for qid, it_name, en_name, normal, abnormal, reference in QUALITATIVE:
            index = 0 if self.lang == "it" else 1
            shift = self.shifts.get(qid, 0.0)
            result = normal[index] if self.rng.random() > 0.12 + 0.1 * shift else self.rng.choice(abnormal[index])
            self.values[qid] = result
            name = it_name if self.lang == "it" else en_name
            cells = {"name": name, "result": result}
            if "min" in self.layout.columns:
                cells["min"], cells["max"] = reference[index], ""
            else:
                cells["range"] = reference[index]
            rows.append(PrintedRow("value", cells, gold={
                "analyte": name, "value": result, "unit": None, "ref_low": None, "ref_high": None,
                "ref_text": reference[index], "flag": None, "id": qid}))
        return rows

    def section(self, panel: str) -> Section:
        if panel == "differential":
            rows = self.differential()
        elif panel == "urine":
            rows = self.urine()
        else:
            rows = []
            for analyte_id in PANELS[panel]:
                if analyte_id == "bun" and self.lang == "it":
                    continue
                if analyte_id == "urea" and self.lang == "en" and self.rng.random() < 0.5:
                    continue
                rows.extend(self.analyte_rows(analyte_id))
        title = _SECTION_TITLES[panel][0 if self.lang == "it" else 1] if self.layout.sections else None
        trailer = []
        if panel == "lipids" and self.layout.interpretation_table:
            trailer = _lipid_table(self.lang, self.layout.decimal)
        return Section(title, rows, trailer)


def _abs_low(pct_id: str) -> float:
    return {"neutrophils_pct": 1.8, "lymphocytes_pct": 1.0, "monocytes_pct": 0.2, "eosinophils_pct": 0.0,
            "basophils_pct": 0.0}[pct_id]


def _abs_high(pct_id: str) -> float:
    return {"neutrophils_pct": 7.5, "lymphocytes_pct": 4.0, "monocytes_pct": 1.0, "eosinophils_pct": 0.5,
            "basophils_pct": 0.1}[pct_id]


def _wrap(name: str) -> list[str]:
    """Split a long name over two lines where a reader (and the parser) can tell it goes on."""
    if "(" in name:
        head, _, tail = name.partition("(")
        words = tail.split()
        if len(words) >= 2:
            return [f"{head}({' '.join(words[:1])}", " ".join(words[1:])]
    words = name.split()
    for i in range(len(words) - 1, 0, -1):
        if words[i][0].islower() or words[i - 1].lower() in ("di", "del", "della", "of", "the"):
            return [" ".join(words[:i]), " ".join(words[i:])]
    return []


def _lipid_table(lang: str, decimal: str) -> list[str]:
    if lang == "it":
        return ["Obiettivi terapeutici colesterolo LDL (ESC/EAS 2019):",
                "Rischio basso            < 116 mg/dL",
                "Rischio moderato         < 100 mg/dL",
                "Rischio alto             < 70 mg/dL",
                "Rischio molto alto       < 55 mg/dL"]
    return ["LDL cholesterol treatment goals:",
            "Low risk                 < 116 mg/dL",
            "Moderate risk            < 100 mg/dL",
            "High risk                < 70 mg/dL",
            "Very high risk           < 55 mg/dL"]


def compose_report(
    rng: random.Random,
    lang: str,
    layout: Layout,
    *,
    report_id: str,
    sex: str | None = None,
    age: int | None = None,
    panels: tuple[str, ...] | None = None,
    shifts: dict[str, float] | None = None,
) -> GeneratedReport:
    """Draw a patient and their values and lay them out; ``shifts`` (in SDs) bias analytes."""
    sex = sex or rng.choice("MF")
    age = age if age is not None else rng.randint(18, 88)
    collected = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randint(0, 3800))
    birth = dt.date(collected.year - age, rng.randint(1, 12), rng.randint(1, 28))
    if (birth.month, birth.day) > (collected.month, collected.day):
        birth = birth.replace(year=birth.year - 1)
    composer = _Composer(rng, lang, layout, sex, age, shifts)
    if panels is None and layout.panels:
        panels = layout.panels
    if panels is None:
        optional = [p for p in ("chemistry", "electrolytes", "iron", "lipids", "thyroid", "inflammation", "other")]
        chosen = ["cbc", "differential"] + sorted(rng.sample(optional, rng.randint(1, 4)), key=optional.index)
        if layout.qualitative:
            chosen.append("urine")
        panels = tuple(chosen)
    sections = [composer.section(p) for p in panels]
    date = collected.strftime("%d/%m/%Y") if lang == "it" else (
        collected.strftime("%d/%m/%Y") if rng.random() < 0.5 else collected.strftime("%d-%b-%Y"))
    name = rng.choice(_FAKE_NAMES[lang])
    if lang == "it":
        header = [("Paziente", name), ("Data di nascita", birth.strftime("%d/%m/%Y")), ("Sesso", sex),
                  ("Età", f"{age} anni"), ("Data prelievo", date), ("Richiesta n.", f"{rng.randint(10**6, 10**7 - 1)}")]
    else:
        header = [("Patient Name", name), ("DOB", birth.strftime("%d/%m/%Y")),
                  ("Sex", "Male" if sex == "M" else "Female"), ("Age", f"{age} Years"), ("Collected", date),
                  ("Lab No.", f"{rng.randint(10**8, 10**9 - 1)}")]
    report = GeneratedReport(
        id=report_id, lang=lang, layout=layout, lab=rng.choice(_LABS[lang]), header=header, sections=sections,
        sex=sex, age=age, collected=collected, values=composer.values,
        footer="Referto sintetico generato per test - non valido ai fini diagnostici" if lang == "it"
        else "Synthetic report generated for testing - not for clinical use",
    )
    if not layout.legacy:  # family options: draws only from here on, so the original layouts stay as they were
        restyle(report, rng)
        from .families.fresh2 import restyle_fresh2  # its options draw nothing when unset

        restyle_fresh2(report, rng)
        from .families.fresh3 import restyle_fresh3  # nor do the fresh3 ones

        restyle_fresh3(report, rng)
        dress_patient(report, rng, birth)
    return report

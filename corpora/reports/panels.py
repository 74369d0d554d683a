"""Analytes the generator can print: names, units, reference intervals, value distributions.

Values are drawn in the canonical unit (first of ``units``) from a normal or log-normal
distribution fitted by eye to adult reference populations, then converted to the printed
unit.  ``effects`` elsewhere (synthetic cohorts) shift these distributions; the numbers
here are the healthy baseline.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["UnitOption", "AnalyteSpec", "PANELS", "SPECS", "QUALITATIVE"]


@dataclass(frozen=True)
class UnitOption:
    it: tuple[str, ...]  # printed spellings in Italian reports
    en: tuple[str, ...]
    factor: float = 1.0  # printed = canonical * factor
    decimals: int = 1


@dataclass(frozen=True)
class AnalyteSpec:
    id: str  # catalogue id
    it: tuple[str, ...]
    en: tuple[str, ...]
    units: tuple[UnitOption, ...]
    low: float | None  # reference interval in the canonical unit
    high: float | None
    mean: float
    sd: float
    lognormal: bool = False
    sex_ranges: dict[str, tuple[float, float]] = field(default_factory=dict)
    floor: float = 0.0


def _u(it, en, factor=1.0, decimals=1):
    return UnitOption(tuple(it), tuple(en), factor, decimals)


_G_DL = _u(["g/dL", "g/dl"], ["g/dL", "gm/dL", "g/dl"])
_MG_DL = _u(["mg/dL", "mg/dl"], ["mg/dL", "mg/dl"])
_U_L = _u(["U/L", "UI/L", "U/l"], ["U/L", "IU/L"], decimals=0)
_MMOL = _u(["mmol/L", "mEq/L"], ["mmol/L", "mEq/L"])
_PCT = _u(["%"], ["%"])
_K_UL = _u(["x10^3/µL", "10^3/µL", "x10^9/L", "10^9/L"], ["x10E3/uL", "10^3/µL", "thou/mm3", "10^9/L"], decimals=2)
_PER_MM3 = _u(["/mm3", "/µL"], ["/cumm", "/mm3"], factor=1000.0, decimals=0)

SPECS: dict[str, AnalyteSpec] = {s.id: s for s in [
    # CBC
    AnalyteSpec("wbc", ("Leucociti", "Globuli bianchi", "GB (Leucociti)"), ("WBC", "White Blood Cells", "Total Leukocyte Count"),
                (_K_UL, _PER_MM3), 4.0, 10.0, 6.8, 0.27, lognormal=True),
    AnalyteSpec("rbc", ("Eritrociti", "Globuli rossi"), ("RBC", "Red Blood Cells", "RBC Count"),
                (_u(["x10^6/µL", "10^6/µL", "x10^12/L"], ["x10E6/uL", "mill/mm3", "10^12/L"], decimals=2),),
                4.2, 5.6, 4.8, 0.45, sex_ranges={"M": (4.5, 5.9), "F": (4.0, 5.2)}),
    AnalyteSpec("hemoglobin", ("Emoglobina", "Emoglobina (Hb)", "HGB"), ("Hemoglobin", "Haemoglobin", "HGB"),
                (_G_DL, _u(["g/L"], ["g/L"], factor=10.0, decimals=0)), 12.0, 17.0, 14.2, 1.4,
                sex_ranges={"M": (13.5, 17.5), "F": (12.0, 15.5)}),
    AnalyteSpec("hematocrit", ("Ematocrito", "HCT"), ("Hematocrit", "Packed Cell Volume (PCV)", "HCT"), (_PCT,),
                36.0, 50.0, 42.0, 4.0, sex_ranges={"M": (40.0, 52.0), "F": (36.0, 46.0)}),
    AnalyteSpec("mcv", ("MCV", "Volume globulare medio (MCV)"), ("MCV", "Mean Corpuscular Volume"),
                (_u(["fL", "fl"], ["fL", "fl"]),), 80.0, 100.0, 89.0, 5.0),
    AnalyteSpec("mch", ("MCH", "Contenuto medio di Hb (MCH)"), ("MCH", "Mean Corpuscular Hemoglobin"),
                (_u(["pg"], ["pg"]),), 27.0, 33.0, 29.5, 1.8),
    AnalyteSpec("mchc", ("MCHC", "Concentrazione media di Hb (MCHC)"), ("MCHC",), (_G_DL,), 32.0, 36.0, 33.8, 1.0),
    AnalyteSpec("rdw", ("RDW", "RDW-CV"), ("RDW", "RDW-CV", "Red Cell Distribution Width"), (_PCT,), 11.5, 14.5, 13.0, 0.9),
    AnalyteSpec("platelets", ("Piastrine", "PLT"), ("Platelets", "Platelet Count", "PLT"),
                (_u(["x10^3/µL", "10^3/µL", "x10^9/L"], ["x10E3/uL", "10^3/µL", "thou/mm3"], decimals=0), _PER_MM3),
                150.0, 400.0, 250.0, 0.24, lognormal=True),
    AnalyteSpec("mpv", ("MPV", "Volume piastrinico medio"), ("MPV", "Mean Platelet Volume"),
                (_u(["fL"], ["fL", "fl"]),), 7.5, 11.5, 9.5, 1.0),
    AnalyteSpec("neutrophils_pct", ("Neutrofili",), ("Neutrophils",), (_PCT,), 40.0, 75.0, 58.0, 8.0),
    AnalyteSpec("lymphocytes_pct", ("Linfociti",), ("Lymphocytes",), (_PCT,), 20.0, 45.0, 32.0, 7.0),
    AnalyteSpec("monocytes_pct", ("Monociti",), ("Monocytes",), (_PCT,), 2.0, 10.0, 6.0, 1.8),
    AnalyteSpec("eosinophils_pct", ("Eosinofili",), ("Eosinophils",), (_PCT,), 0.0, 6.0, 2.5, 1.4),
    AnalyteSpec("basophils_pct", ("Basofili",), ("Basophils",), (_PCT,), 0.0, 1.5, 0.5, 0.3),
    AnalyteSpec("esr", ("VES", "Velocità di eritrosedimentazione (VES)"), ("ESR", "Erythrocyte Sedimentation Rate"),
                (_u(["mm/h", "mm/1a ora"], ["mm/hr", "mm/1 hour", "mm/h"], decimals=0),), 0.0, 20.0, 9.0, 0.55,
                lognormal=True, sex_ranges={"M": (0.0, 15.0), "F": (0.0, 20.0)}),
    # chemistry
    AnalyteSpec("glucose", ("Glucosio", "Glicemia"), ("Glucose", "Glucose Fasting", "Fasting Blood Sugar"),
                (_u(["mg/dL", "mg/dl"], ["mg/dL"], decimals=0), _u(["mmol/L"], ["mmol/L"], factor=1 / 18.016, decimals=1)),
                70.0, 100.0, 92.0, 11.0),
    AnalyteSpec("urea", ("Azotemia", "Urea"), ("Urea",), (_u(["mg/dL", "mg/dl"], ["mg/dL"], decimals=0),),
                10.0, 50.0, 32.0, 8.0),
    AnalyteSpec("bun", ("Azoto ureico",), ("BUN", "Blood Urea Nitrogen", "Urea Nitrogen"),
                (_u(["mg/dL"], ["mg/dL"], decimals=0),), 7.0, 20.0, 14.0, 4.0),
    AnalyteSpec("creatinine", ("Creatinina", "Creatininemia"), ("Creatinine", "Serum Creatinine"),
                (_u(["mg/dL", "mg/dl"], ["mg/dL"], decimals=2), _u(["µmol/L", "umol/L"], ["umol/L", "µmol/L"], 88.4, 0)),
                0.5, 1.2, 0.9, 0.18, sex_ranges={"M": (0.7, 1.3), "F": (0.5, 1.1)}),
    AnalyteSpec("egfr", ("eGFR (CKD-EPI)", "Filtrato glomerulare stimato"), ("eGFR", "GFR Estimated"),
                (_u(["mL/min/1,73m2", "mL/min/1.73m²"], ["mL/min/1.73m2", "mL/min/1.73"], decimals=0),),
                90.0, None, 96.0, 14.0),
    AnalyteSpec("uric_acid", ("Acido urico", "Uricemia"), ("Uric Acid",), (_MG_DL,), 3.4, 7.0, 5.2, 1.2),
    AnalyteSpec("total_protein", ("Proteine totali", "Protidemia"), ("Total Protein", "Protein, Total"), (_G_DL,),
                6.4, 8.3, 7.1, 0.45),
    AnalyteSpec("albumin", ("Albumina",), ("Albumin",), (_G_DL,), 3.5, 5.2, 4.3, 0.35),
    AnalyteSpec("bilirubin_total", ("Bilirubina totale",), ("Bilirubin Total", "Total Bilirubin"),
                (_u(["mg/dL", "mg/dl"], ["mg/dL"], decimals=2),), None, 1.2, 0.6, 0.45, lognormal=True),
    AnalyteSpec("ast", ("AST (GOT)", "GOT - AST", "Aspartato aminotransferasi"), ("AST (SGOT)", "AST", "SGOT"), (_U_L,),
                None, 40.0, 24.0, 0.3, lognormal=True),
    AnalyteSpec("alt", ("ALT (GPT)", "GPT - ALT", "Alanina aminotransferasi"), ("ALT (SGPT)", "ALT", "SGPT"), (_U_L,),
                None, 41.0, 24.0, 0.4, lognormal=True),
    AnalyteSpec("ggt", ("Gamma GT", "GGT"), ("GGT", "Gamma GT", "GGTP"), (_U_L,), 8.0, 61.0, 26.0, 0.45, lognormal=True),
    AnalyteSpec("alp", ("Fosfatasi alcalina",), ("Alkaline Phosphatase", "ALP"), (_U_L,), 40.0, 129.0, 75.0, 0.25,
                lognormal=True),
    AnalyteSpec("ldh", ("LDH", "Lattico deidrogenasi (LDH)"), ("LDH", "Lactate Dehydrogenase"), (_U_L,), 135.0, 225.0,
                180.0, 0.17, lognormal=True),
    AnalyteSpec("sodium", ("Sodio",), ("Sodium",), (_MMOL,), 136.0, 145.0, 140.0, 2.2),
    AnalyteSpec("potassium", ("Potassio",), ("Potassium",), (_MMOL,), 3.5, 5.1, 4.2, 0.35),
    AnalyteSpec("chloride", ("Cloro", "Cloruri"), ("Chloride",), (_MMOL,), 98.0, 107.0, 102.0, 2.5),
    AnalyteSpec("calcium", ("Calcio", "Calcemia"), ("Calcium", "Calcium, Total"), (_MG_DL,), 8.6, 10.2, 9.4, 0.4),
    AnalyteSpec("magnesium", ("Magnesio",), ("Magnesium",), (_MG_DL,), 1.6, 2.6, 2.0, 0.2),
    AnalyteSpec("iron", ("Ferro", "Sideremia"), ("Iron", "Serum Iron"), (_u(["µg/dL", "mcg/dL"], ["ug/dL", "µg/dL"], decimals=0),),
                50.0, 170.0, 95.0, 0.3, lognormal=True, sex_ranges={"M": (65.0, 175.0), "F": (50.0, 170.0)}),
    AnalyteSpec("ferritin", ("Ferritina",), ("Ferritin",), (_u(["ng/mL", "ng/ml"], ["ng/mL"], decimals=0),), 15.0, 300.0,
                90.0, 0.6, lognormal=True, sex_ranges={"M": (30.0, 400.0), "F": (15.0, 150.0)}),
    AnalyteSpec("cholesterol_total", ("Colesterolo totale", "Colesterolo"), ("Cholesterol, Total", "Total Cholesterol"),
                (_u(["mg/dL", "mg/dl"], ["mg/dL"], decimals=0),), None, 200.0, 192.0, 32.0),
    AnalyteSpec("hdl", ("Colesterolo HDL",), ("HDL Cholesterol", "HDL"), (_u(["mg/dL"], ["mg/dL"], decimals=0),), 40.0,
                None, 55.0, 12.0),
    AnalyteSpec("ldl", ("Colesterolo LDL",), ("LDL Cholesterol", "LDL"), (_u(["mg/dL"], ["mg/dL"], decimals=0),), None,
                130.0, 115.0, 28.0),
    AnalyteSpec("triglycerides", ("Trigliceridi",), ("Triglycerides",), (_u(["mg/dL", "mg/dl"], ["mg/dL"], decimals=0),),
                None, 150.0, 110.0, 0.4, lognormal=True),
    AnalyteSpec("hba1c", ("Emoglobina glicata (HbA1c)", "HbA1c"), ("HbA1c", "Glycated Hemoglobin (HbA1c)"), (_PCT,),
                4.0, 5.6, 5.3, 0.35),
    AnalyteSpec("tsh", ("TSH", "Tireotropina (TSH)"), ("TSH", "Thyroid Stimulating Hormone"),
                (_u(["µUI/mL", "mUI/L"], ["µIU/mL", "uIU/mL"], decimals=2),), 0.27, 4.2, 1.7, 0.5, lognormal=True),
    AnalyteSpec("ft4", ("FT4", "Tiroxina libera (FT4)"), ("Free T4", "FT4"), (_u(["ng/dL"], ["ng/dL"], decimals=2),),
                0.93, 1.7, 1.25, 0.15),
    AnalyteSpec("crp", ("PCR", "Proteina C reattiva"), ("CRP", "C-Reactive Protein"),
                (_u(["mg/L"], ["mg/L", "mg/l"], decimals=1), _u(["mg/dL"], ["mg/dL"], factor=0.1, decimals=2)),
                None, 5.0, 1.8, 0.9, lognormal=True),
    AnalyteSpec("vitamin_d_25oh", ("Vitamina D (25-OH)", "25-OH Vitamina D"), ("Vitamin D, 25-Hydroxy", "25-OH Vitamin D"),
                (_u(["ng/mL"], ["ng/mL"], decimals=1),), 30.0, 100.0, 28.0, 9.0, floor=4.0),
    AnalyteSpec("vitamin_b12", ("Vitamina B12",), ("Vitamin B12",), (_u(["pg/mL"], ["pg/mL"], decimals=0),), 197.0,
                771.0, 420.0, 0.3, lognormal=True),
    AnalyteSpec("inr", ("INR", "PT INR"), ("INR", "PT INR"), (_u([""], [""], decimals=2),), 0.8, 1.2, 1.0, 0.08),
    AnalyteSpec("fibrinogen", ("Fibrinogeno",), ("Fibrinogen",), (_u(["mg/dL"], ["mg/dL"], decimals=0),), 200.0, 400.0,
                300.0, 50.0),
    AnalyteSpec("ige_total", ("IgE totali",), ("Total IgE", "IgE"), (_u(["UI/mL", "kU/L"], ["IU/mL", "kU/L"], decimals=0),),
                None, 100.0, 45.0, 0.9, lognormal=True),
    # urinalysis, numeric part
    AnalyteSpec("urine_ph", ("pH",), ("pH",), (_u([""], [""], decimals=1),), 5.0, 8.0, 6.0, 0.6),
    AnalyteSpec("urine_specific_gravity", ("Peso specifico",), ("Specific Gravity",), (_u([""], [""], decimals=3),),
                1.005, 1.030, 1.018, 0.006),
]}

# Qualitative urinalysis rows: (id, it name, en name, normal result it/en, abnormal results it/en, reference it/en).
QUALITATIVE: list[tuple[str, str, str, tuple[str, str], tuple[tuple[str, ...], tuple[str, ...]], tuple[str, str]]] = [
    ("urine_color", "Colore", "Colour", ("Giallo paglierino", "Pale Yellow"), (("Ambrato",), ("Amber", "Dark Yellow")),
     ("Giallo paglierino", "Pale yellow")),
    ("urine_appearance", "Aspetto", "Appearance", ("Limpido", "Clear"), (("Torbido",), ("Turbid", "Hazy")),
     ("Limpido", "Clear")),
    ("urine_protein", "Proteine", "Proteins", ("Negativo", "Negative"), (("Tracce", "+", "++"), ("Trace", "1+", "2+")),
     ("Negativo", "Negative")),
    ("urine_glucose", "Glucosio", "Glucose", ("Negativo", "Negative"), (("Presente", "++"), ("Positive", "2+")),
     ("Negativo", "Negative")),
    ("urine_ketones", "Corpi chetonici", "Ketones", ("Assenti", "Negative"), (("Tracce",), ("Trace",)),
     ("Assenti", "Negative")),
    ("urine_bilirubin", "Bilirubina", "Bilirubin", ("Negativo", "Negative"), (("Positivo",), ("Positive",)),
     ("Negativo", "Negative")),
    ("urine_nitrite", "Nitriti", "Nitrite", ("Negativo", "Negative"), (("Positivo",), ("Positive",)),
     ("Negativo", "Negative")),
    ("urine_blood", "Emoglobina", "Blood", ("Assente", "Negative"), (("Tracce", "+"), ("Trace", "1+")),
     ("Assente", "Negative")),
]

PANELS: dict[str, tuple[str, ...]] = {
    "cbc": ("wbc", "rbc", "hemoglobin", "hematocrit", "mcv", "mch", "mchc", "rdw", "platelets", "mpv"),
    "differential": ("neutrophils_pct", "lymphocytes_pct", "monocytes_pct", "eosinophils_pct", "basophils_pct"),
    "chemistry": ("glucose", "urea", "creatinine", "egfr", "uric_acid", "total_protein", "albumin", "bilirubin_total",
                  "ast", "alt", "ggt", "alp", "ldh"),
    "electrolytes": ("sodium", "potassium", "chloride", "calcium", "magnesium"),
    "iron": ("iron", "ferritin"),
    "lipids": ("cholesterol_total", "hdl", "ldl", "triglycerides"),
    "thyroid": ("tsh", "ft4"),
    "inflammation": ("crp", "esr", "fibrinogen"),
    "other": ("hba1c", "vitamin_d_25oh", "vitamin_b12", "inr", "ige_total"),
    "urine": ("urine_ph", "urine_specific_gravity"),
}

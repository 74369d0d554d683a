"""Family options applied to a composed report: codes before names, marks after them, dated columns, category
columns, references apart, portal / card / key-value blocks, CSV and ASCII-table exports.

:func:`restyle` runs after the values are drawn (``compose.compose_report``) and changes how rows print and, where
the printed report says something else, the gold with them.  Every option is off in the original layouts and
draws nothing from the generator then.  Block styles print a value as ``row.lines`` (free lines of spans); the
values of a line that carries several of them are kept as 'hidden' rows, so the gold keeps its order.

Gold conventions (each the only reading the printed page allows):

* marks after a name (``WBC 01``, ``Glucose (A)``, ``TSH ¹``) are not part of it;
* dated columns: the gold is the current result only;
* portal status words: H for Above Range / High / Alto, L for Below Range / Low / Basso, "abnormal" for
  Out of Range / Fuori range, null for In Range / Normal / Nella norma; no reference line, no reference;
* category columns (Low | Normal | High): the flag is where the result stands (H right of the normal column,
  L left of it, null in it); the reference comes from a printed range column only;
* risk categories (Desirable <200 | Borderline 200-239 | High >=240): the same, and the reference is the range
  printed in the normal category's header;
* references in a separate block keyed by name and unit: the gold keeps them (the key is unique and printed),
  except for a key printed with two different ranges, which gets null.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import random

from .formatting import format_number
from .model import GeneratedReport, PrintedRow, Span
from .panels import PANELS, QUALITATIVE, SPECS
from .plan import column_titles

__all__ = ["restyle", "LOINC"]

# LOINC codes of every analyte the generator prints (the same codes as reportparse's catalogue).
LOINC = {
    "wbc": "6690-2", "rbc": "789-8", "hemoglobin": "718-7", "hematocrit": "4544-3", "mcv": "787-2", "mch": "785-6",
    "mchc": "786-4", "rdw": "788-0", "platelets": "777-3", "mpv": "32623-1", "neutrophils_pct": "770-8",
    "neutrophils_abs": "751-8", "lymphocytes_pct": "736-9", "lymphocytes_abs": "731-0", "monocytes_pct": "5905-5",
    "monocytes_abs": "742-7", "eosinophils_pct": "713-8", "eosinophils_abs": "711-2", "basophils_pct": "706-2",
    "basophils_abs": "704-7", "esr": "30341-2", "glucose": "2345-7", "urea": "3091-6", "bun": "3094-0",
    "creatinine": "2160-0", "egfr": "62238-1", "uric_acid": "3084-1", "total_protein": "2885-2", "albumin": "1751-7",
    "bilirubin_total": "1975-2", "ast": "1920-8", "alt": "1742-6", "ggt": "2324-2", "alp": "6768-6", "ldh": "2532-0",
    "sodium": "2951-2", "potassium": "2823-3", "chloride": "2075-0", "calcium": "17861-6", "magnesium": "19123-9",
    "iron": "2498-4", "ferritin": "2276-4", "cholesterol_total": "2093-3", "hdl": "2085-9", "ldl": "2089-1",
    "triglycerides": "2571-8", "hba1c": "4548-4", "tsh": "3016-3", "ft4": "3024-7", "crp": "1988-5",
    "vitamin_d_25oh": "62292-8", "vitamin_b12": "2132-9", "inr": "6301-6", "fibrinogen": "3255-7",
    "ige_total": "19113-0", "urine_ph": "5803-2", "urine_specific_gravity": "5811-5", "urine_color": "5778-6",
    "urine_appearance": "5767-9", "urine_protein": "5804-0", "urine_glucose": "5792-7", "urine_ketones": "5797-6",
    "urine_bilirubin": "5770-3", "urine_nitrite": "5802-4", "urine_blood": "5794-3",
}
_PANEL_OF = {analyte: panel for panel, ids in PANELS.items() for analyte in ids}
_PANEL_OF.update({i.replace("_pct", "_abs"): "differential" for i in PANELS["differential"]})
_PANEL_OF.update({q[0]: "urine" for q in QUALITATIVE})
_CODE_PREFIX = {"cbc": "EMO", "differential": "EMO", "chemistry": "CHI", "electrolytes": "ELE", "iron": "FER",
                "lipids": "LIP", "thyroid": "TIR", "inflammation": "INF", "other": "ALT", "urine": "URI"}
_METHODS = {  # (it, en) per panel, then per analyte
    "cbc": ("Citometria a flusso", "Flow cytometry"), "differential": ("Citometria a flusso", "Flow cytometry"),
    "chemistry": ("Enzimatico colorimetrico", "Enzymatic colorimetric"), "electrolytes": ("ISE indiretto",
                                                                                          "Indirect ISE"),
    "iron": ("Immunoturbidimetria", "Immunoturbidimetry"), "lipids": ("Enzimatico", "Enzymatic"),
    "thyroid": ("CLIA", "CLIA"), "inflammation": ("Immunoturbidimetria", "Immunoturbidimetry"),
    "other": ("CLIA", "CLIA"), "urine": ("Striscia reattiva", "Dipstick"),
    "esr": ("Westergren", "Westergren"), "hba1c": ("HPLC", "HPLC"), "inr": ("Coagulativo", "Clotting"),
    "fibrinogen": ("Clauss", "Clauss"), "ige_total": ("FEIA", "FEIA"), "egfr": ("Calcolo CKD-EPI", "CKD-EPI calc."),
}
_SPECIMENS = {"cbc": ("Sangue intero", "Whole blood"), "differential": ("Sangue intero", "Whole blood"),
              "urine": ("Urine", "Urine"), "inr": ("Plasma", "Plasma"), "fibrinogen": ("Plasma", "Plasma"),
              "esr": ("Sangue intero", "Whole blood"), "hba1c": ("Sangue intero", "Whole blood")}
_MARKS = {"digits": [" 01", " 02", " 03"], "letter": [" (A)", " (B)", " (C)"], "bracket": [" [1]", " [2]", " [3]"],
          "super": [" ¹", " ²", " ³"]}
_SITES = {"it": ["Laboratorio Centrale, Via dell'Ospedale 3", "Presidio Ospedaliero Nord", "Laboratorio di Immunometria",
                 "Service esterno - Centro Analisi Delta"],
          "en": ["Core Laboratory, 12 Mill Lane", "North Site Pathology", "Immunoassay Unit",
                 "Referral laboratory - Delta Analytics"]}
_COMMENTS = {
    "it": ["Nota: campione lievemente emolizzato.", "Valore confermato su secondo campione.",
           "Si consiglia di ripetere il dosaggio tra 3 mesi.",
           "Commento: il risultato va interpretato in relazione al quadro clinico.",
           "Prelievo eseguito alle ore 08:15.", "Valore precedente 12,1 (marzo 2023)."],
    "en": ["Note: slightly haemolysed sample.", "Result confirmed on repeat analysis.",
           "Please repeat in 3 months.", "Comment: interpret in the clinical context.",
           "Sample received at 08:15 on the day of collection.", "Previous value 12.1 (March 2023)."],
}
_STATUS = {"en": [("In Range", "Above Range", "Below Range"), ("Normal", "High", "Low"),
                  ("In Range", "Out of Range", "Out of Range")],
           "it": [("Nella norma", "Alto", "Basso"), ("Nella norma", "Fuori range", "Fuori range"),
                  ("Normale", "Alto", "Basso")]}
STATUS_FLAG = {"Above Range": "H", "High": "H", "Alto": "H", "Below Range": "L", "Low": "L", "Basso": "L",
               "Out of Range": "abnormal", "Fuori range": "abnormal"}
_RANGE_LABELS = {"en": ["Standard Range:", "Normal range:", "Reference range:"],
                 "it": ["Intervallo di riferimento:", "Valori normali:", "Valori di riferimento:"]}
_APP_LABELS = {"en": [("Your value:", "Normal range:"), ("Result:", "Standard range:"), ("Value", "Reference")],
               "it": [("Il tuo valore:", "Valori normali:"), ("Risultato:", "Intervallo di riferimento:"),
                      ("Valore", "Riferimento")]}
_CARD_LABELS = {"en": ["Range:", "Ref:", "Normal:"], "it": ["Range:", "Rif.:", "Intervallo:"]}
# Risk categories in the canonical unit: (it label, en label, lower bound (inclusive), upper bound (exclusive),
# printed bounds, flag).  The category with flag None is the normal one.
_RISK: dict[str, list[tuple[str, str, float, float, str, str | None]]] = {
    "cholesterol_total": [("Desiderabile", "Desirable", -math.inf, 200, "< 200", None),
                          ("Limite", "Borderline", 200, 240, "200 - 239", "H"),
                          ("Alto", "High", 240, math.inf, "≥ 240", "H")],
    "ldl": [("Ottimale", "Optimal", -math.inf, 130, "< 130", None),
            ("Limite", "Borderline", 130, 160, "130 - 159", "H"),
            ("Alto", "High", 160, math.inf, "≥ 160", "H")],
    "hdl": [("Rischio", "Risk", -math.inf, 40, "< 40", "L"),
            ("Desiderabile", "Desirable", 40, math.inf, "≥ 40", None)],
    "triglycerides": [("Normale", "Normal", -math.inf, 150, "< 150", None),
                      ("Limite", "Borderline", 150, 200, "150 - 199", "H"),
                      ("Alto", "High", 200, math.inf, "≥ 200", "H")],
    "glucose": [("Basso", "Low", -math.inf, 70, "< 70", "L"),
                ("Normale", "Normal", 70, 100, "70 - 99", None),
                ("Alterata", "Impaired", 100, 126, "100 - 125", "H"),
                ("Diabete", "Diabetes", 126, math.inf, "≥ 126", "H")],
    "hba1c": [("Normale", "Normal", -math.inf, 5.7, "< 5.7", None),
              ("Prediabete", "Prediabetes", 5.7, 6.5, "5.7 - 6.4", "H"),
              ("Diabete", "Diabetes", 6.5, math.inf, "≥ 6.5", "H")],
    "vitamin_d_25oh": [("Carenza", "Deficient", -math.inf, 20, "< 20", "L"),
                       ("Insufficienza", "Insufficient", 20, 30, "20 - 29", "L"),
                       ("Sufficienza", "Sufficient", 30, 100.05, "30 - 100", None),
                       ("Eccesso", "Excess", 100.05, math.inf, "> 100", "H")],
}
_NOTES = {"ldl": ("(< 100 se ad alto rischio)", "(< 100 if at high risk)"),
          "egfr": ("(60 - 89: lieve riduzione)", "(60 - 89: mildly decreased)")}


def restyle(report: GeneratedReport, rng: random.Random) -> None:
    """Apply the family options of ``report.layout`` to its rows and gold, in place."""
    layout = report.layout
    if layout.lead_columns:
        _lead_codes(report, rng)
    if layout.flag_normal:
        for _, row in _rows(report):
            if "flag" in row.cells and not row.cells["flag"] and _has_range(row) and not isinstance(
                    row.gold["value"], str):
                row.cells["flag"] = layout.flag_normal
    if layout.name_marks:
        _name_marks(report, rng)
    if "date" in layout.columns:
        _previous_dates(report, rng)
    if layout.cumulative:
        _cumulative(report, rng)
    if "method" in layout.columns or "specimen" in layout.columns:
        for _, row in _rows(report):
            panel = _PANEL_OF.get(row.gold["id"], "other")
            index = 0 if report.lang == "it" else 1
            row.cells["method"] = _METHODS.get(row.gold["id"], _METHODS[panel])[index]
            row.cells["specimen"] = _SPECIMENS.get(row.gold["id"], _SPECIMENS.get(panel, ("Siero", "Serum")))[index]
    if layout.delta:
        _delta(report, rng)
    if layout.graph:
        _graph(report)
    if layout.remarks:
        _remarks(report, rng)
    if layout.ref_lines:
        _reference_lines(report)
    if layout.style == "categories":
        _category_columns(report)
    if layout.ref_block:
        _reference_block(report)
    if layout.bold_abnormal:
        for _, row in _rows(report):
            if row.truth:
                row.bold = ("result",)
        note = ("I risultati in grassetto sono al di fuori dell'intervallo di riferimento." if report.lang == "it"
                else "Results in bold are outside the reference interval.")
        report.legend += [[], [(0, note, "i")]]
    if layout.comments:
        _comments(report, rng)
    if layout.style in _BLOCKS:
        _BLOCKS[layout.style](report, rng)


# -- helpers ---------------------------------------------------------------------------------------------------
def _rows(report: GeneratedReport, kinds: tuple[str, ...] = ("value", "second_unit")):
    for section in report.sections:
        for row in section.rows:
            if row.kind in kinds and row.gold is not None:
                yield section, row


def _has_range(row: PrintedRow) -> bool:
    return row.gold["ref_low"] is not None or row.gold["ref_high"] is not None


def _drop_reference(gold: dict) -> None:
    gold["ref_low"] = gold["ref_high"] = gold["ref_text"] = None


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def _dates_before(rng: random.Random, collected: dt.date, n: int) -> list[dt.date]:
    days = sorted(rng.sample(range(20, 900), n))
    return [collected - dt.timedelta(days=d) for d in days]


def _date_text(report: GeneratedReport, date: dt.date) -> str:
    return date.strftime("%d/%m/%Y") if report.lang == "it" or report.layout.decimal == "," else date.strftime(
        "%m/%d/%Y")


def _earlier_result(rng: random.Random, report: GeneratedReport, row: PrintedRow) -> str:
    """Another printable result for the same row (an earlier measurement)."""
    value = row.gold["value"]
    if isinstance(value, str):
        return value
    earlier = max(value * math.exp(rng.gauss(0.0, 0.07)), 0.0)
    return format_number(round(earlier, row.decimals), row.decimals, report.layout.decimal, row.thousands)


# -- table options ---------------------------------------------------------------------------------------------
def _lead_codes(report: GeneratedReport, rng: random.Random) -> None:
    layout = report.layout
    start, step = rng.randint(1, 40), rng.choice([1, 1, 2, 5])
    counters: dict[str, int] = {}
    for _, row in _rows(report):
        if row.kind == "second_unit":
            continue
        analyte = row.gold["id"]
        if "loinc" in layout.lead_columns:
            row.cells["loinc"] = LOINC.get(analyte, "")
        if "code" in layout.lead_columns:
            panel = _PANEL_OF.get(analyte, "other")
            if layout.code_style == "digits":
                number = counters.setdefault("all", start * 10)
                row.cells["code"] = f"{number:04d}"
                counters["all"] = number + step
            else:
                number = counters.setdefault(panel, start if panel == "cbc" else 1)
                row.cells["code"] = f"{_CODE_PREFIX[panel]}{number:02d}"
                counters[panel] = number + 1


def _name_marks(report: GeneratedReport, rng: random.Random) -> None:
    marks = _MARKS[report.layout.name_marks]
    sites = rng.sample(_SITES[report.lang], rng.choice([2, 3]))
    used: set[int] = set()
    for _, row in _rows(report, ("value",)):
        k = 0 if rng.random() < 0.55 else rng.randrange(len(sites))
        used.add(k)
        mark = marks[k]
        name = row.cells["name"]
        row.cells["name"] = f"{name[:-1]}{mark}:" if name.endswith(":") else f"{name}{mark}"
        if row.name_lines:
            row.name_lines[-1] += mark
    label = "Eseguito presso" if report.lang == "it" else "Performing site"
    report.legend += [[]] + [[(0, f"{marks[k].strip()} {label}: {sites[k]}", "i")] for k in sorted(used)]


def _previous_dates(report: GeneratedReport, rng: random.Random) -> None:
    dates = [_date_text(report, d) for d in _dates_before(rng, report.collected, rng.randint(1, 3))]
    for section in report.sections:
        date = ""
        for row in section.rows:
            if row.gold is None or row.kind not in ("value", "second_unit"):
                continue
            if row.kind == "value":  # a second-unit row goes with the row above it
                date = "" if rng.random() < 0.15 else rng.choice(dates)
            row.cells["date"] = date
            if not date:
                row.cells["previous"] = ""


def _cumulative(report: GeneratedReport, rng: random.Random) -> None:
    layout = report.layout
    columns = [c for c in layout.columns if c.startswith("d") and c[1:].isdigit()]
    dates = _dates_before(rng, report.collected, len(columns) - 1)[::-1] + [report.collected]  # oldest first
    if layout.cumulative == "first":
        dates = dates[::-1]
    current = columns[dates.index(report.collected)]
    report.titles = {c: _date_text(report, d) for c, d in zip(columns, dates)}
    for _, row in _rows(report):
        result = row.cells.pop("result", "")
        for c in columns:
            row.cells[c] = result if c == current else ("" if rng.random() < 0.15 else
                                                        _earlier_result(rng, report, row))


def _reference_lines(report: GeneratedReport) -> None:
    lang = 0 if report.lang == "it" else 1
    for _, row in _rows(report, ("value",)):
        text = row.cells.get("range", "")
        for sep, keep in ((" F: ", "F: "), (" / Donne ", "Donne "), ("; Female ", "Female ")):
            if sep in text:
                first, second = text.split(sep, 1)
                row.cells["range"], row.ref_lines = first, [keep + second]
                row.gold["ref_text"] = f"{first} {keep}{second}"
                break
        else:
            note = _NOTES.get(row.gold["id"])
            if note and text:
                row.ref_lines = [note[lang]]
                row.gold["ref_text"] = f"{text} {note[lang]}"


def _category_columns(report: GeneratedReport) -> None:
    keep_reference = "range" in report.layout.columns
    for _, row in _rows(report):
        column = {"L": "low", "H": "high"}.get(row.truth, "normal")
        row.cells[column] = row.cells.pop("result", "")
        row.gold["flag"] = row.truth
        if not keep_reference:
            _drop_reference(row.gold)


def _reference_block(report: GeneratedReport) -> None:
    it = report.lang == "it"
    texts: dict[tuple[str, str], set[str]] = {}
    for _, row in _rows(report, ("value",)):
        texts.setdefault((row.gold["analyte"], row.gold["unit"] or ""), set()).add(row.cells.get("range", ""))
    title = [(0, "Valori di riferimento" if it else "Reference intervals", "b")]

    def legend(rows: list[PrintedRow]) -> list[list[Span]]:
        keys = list(dict.fromkeys((r.gold["analyte"], r.gold["unit"] or "") for r in rows))
        labels = [f"{name} ({unit})" if unit else name for name, unit in keys]
        col = max(len(label) for label in labels) + 4
        return [[], title] + [[(0, label, ""), (col, " / ".join(sorted(texts[key])), "")]
                              for label, key in zip(labels, keys)]

    for section in report.sections:
        rows = [r for r in section.rows if r.kind == "value" and r.gold is not None]
        for row in rows:
            if len(texts[(row.gold["analyte"], row.gold["unit"] or "")]) > 1:
                _drop_reference(row.gold)
        if report.layout.ref_block == "section" and rows:
            section.rows.append(PrintedRow("free", lines=legend(rows)))
    if report.layout.ref_block == "report":
        report.legend += legend([row for _, row in _rows(report, ("value",))])


def _comments(report: GeneratedReport, rng: random.Random) -> None:
    texts = _COMMENTS[report.lang]
    for section in report.sections:
        rows: list[PrintedRow] = []
        for i, row in enumerate(section.rows):
            rows.append(row)
            following = section.rows[i + 1] if i + 1 < len(section.rows) else None
            if row.kind == "value" and rng.random() < 0.12 and (following is None or following.kind == "value"):
                rows.append(PrintedRow("comment", {"name": rng.choice(texts)}))
        section.rows = rows


# -- fresh families (families/fresh.py) -------------------------------------------------------------------------
_REMARKS = {
    "it": {None: ["Campione lievemente emolizzato", "Confermato su ripetizione", "Da correlare al quadro clinico",
                  "Dato in linea con il precedente", "Lieve lipemia del campione", "Vedi nota in calce",
                  "Digiuno non dichiarato"],
           "H": ["Valore aumentato, si consiglia controllo", "Aumento da valutare clinicamente",
                 "Ripetere il dosaggio tra 3 mesi", "Confermato su ripetizione"],
           "L": ["Valore ridotto, da valutare", "Riduzione da correlare alla clinica", "Confermato su ripetizione"]},
    "en": {None: ["Slightly haemolysed sample", "Confirmed on repeat analysis", "Interpret in clinical context",
                  "Consistent with previous result", "Mildly lipaemic sample", "See footnote",
                  "Fasting status not stated"],
           "H": ["Raised, suggest repeat", "Elevated - please review", "Suggest repeat in 3 months",
                 "Confirmed on repeat analysis"],
           "L": ["Low, clinical correlation advised", "Reduced - please review", "Confirmed on repeat analysis"]},
}


def _delta(report: GeneratedReport, rng: random.Random) -> None:
    """An earlier result close to the current one in "previous", its change in per cent in "delta"."""
    layout = report.layout
    for _, row in _rows(report):
        value = row.gold["value"]
        row.cells["previous"], row.cells["delta"] = "", ""
        if isinstance(value, str) or rng.random() < 0.15:
            continue
        earlier = round(max(value * math.exp(rng.gauss(0.0, 0.09)), 0.0), row.decimals)
        row.cells["previous"] = format_number(earlier, row.decimals, layout.decimal, row.thousands)
        if earlier <= 0:
            continue
        change = round((value - earlier) * 100 / earlier, 1)
        text = format_number(abs(change), 1, layout.decimal)
        sign = "" if text.strip("0.,") == "" else ("+" if change > 0 else "-")
        row.cells["delta"] = f"{sign}{text}" + ("%" if layout.delta == "pct" else "")


def _graph(report: GeneratedReport) -> None:
    """A range bar "---|-----|---" with the marker where the result stands: the three left dashes below the range,
    the five between the bars within it, the three right ones above it.  The marker is a printed flag."""
    marker = report.layout.graph
    for _, row in _rows(report):
        gold, value = row.gold, row.gold["value"]
        low, high = gold["ref_low"], gold["ref_high"]
        row.cells["graph"] = ""
        if isinstance(value, str) or low is None or high is None or high <= low:
            continue
        t = (value - low) / (high - low)
        if value < low:
            slot = 0 if t < -0.5 else 1 if t < -0.2 else 2
        elif value > high:
            slot = 10 if t > 1.5 else 11 if t > 1.2 else 12
        else:
            slot = 4 + min(4, int(t * 5))
        bar = list("---|-----|---")
        bar[slot] = marker
        row.cells["graph"] = "".join(bar)
        gold["flag"] = row.truth


def _remarks(report: GeneratedReport, rng: random.Random) -> None:
    texts = _REMARKS[report.lang]
    for _, row in _rows(report, ("value",)):
        chance = report.layout.remarks * (2.5 if row.truth else 1.0)
        row.cells["remark"] = rng.choice(texts[row.truth]) if rng.random() < chance else ""


def _grid(report: GeneratedReport, rng: random.Random) -> None:
    """Several tests on one line, each as name then value (result, unit, flag; the reference in brackets when
    ``range_at`` is "after"), in columns aligned over the whole report."""
    layout = report.layout
    rows = [row for _, row in _rows(report, ("value",))]
    if not rows:
        return
    with_range = layout.range_at == "after"
    for row in rows:  # a summary uses the shortest name a lab prints for the test
        spec = SPECS.get(row.gold["id"])
        if spec is not None and row.cells["name"] == row.gold["analyte"]:
            row.cells["name"] = row.gold["analyte"] = min(spec.it if report.lang == "it" else spec.en, key=len)

    def value(row: PrintedRow) -> str:
        c = row.cells
        ref = c.get("range", "")
        return _join(c.get("result", ""), c.get("unit", ""), c.get("flag", ""), f"({ref})" if with_range and ref
                     else "")

    for row in rows:
        if not with_range or not row.cells.get("range"):
            _drop_reference(row.gold)
    name_w = max(len(r.cells["name"]) for r in rows) + 2
    slot_w = name_w + max(len(value(r)) for r in rows) + (5 if layout.grid_sep else 4)
    per = max(1, layout.grid_per_line)
    limit = 120 if (layout.font_size or 8.6) <= 7.6 else 108  # characters that fit the PDF page
    while per > 1 and per * slot_w > limit:
        per -= 1
    for section in report.sections:
        table = [r for r in section.rows if r.kind == "value" and r.gold is not None]
        for i in range(0, len(table), per):
            chunk = table[i:i + per]
            spans: list[Span] = []
            for k, row in enumerate(chunk):
                x = k * slot_w
                if k and layout.grid_sep:
                    spans.append((x - 3, layout.grid_sep, ""))
                spans += [(x, row.cells["name"], ""), (x + name_w, value(row), "")]
            chunk[0].lines = [spans]
            for other in chunk[1:]:
                other.kind = "hidden"


# -- block styles ----------------------------------------------------------------------------------------------
def _portal(report: GeneratedReport, rng: random.Random) -> None:
    layout = report.layout
    normal, high, low = _STATUS[report.lang][layout.variant % 3]
    label = rng.choice(_RANGE_LABELS[report.lang])
    for _, row in _rows(report, ("value",)):
        c = row.cells
        status = {"H": high, "L": low}.get(row.truth, normal)
        reference = [(0, _join(label, c.get("range", ""), c.get("unit", "")), "")]
        lines: list[list[Span]] = [[(0, c["name"], "b")]]
        if layout.range_at == "before":
            lines.append(reference)
        lines.append([(0, status, ""), (16, _join(c.get("result", ""), c.get("unit", "")), "")])
        if layout.range_at == "after":
            lines.append(reference)
        row.lines = lines + [[]]
        row.gold["flag"] = STATUS_FLAG.get(status)
        if not layout.range_at:
            _drop_reference(row.gold)


def _app(report: GeneratedReport, rng: random.Random) -> None:
    value_label, range_label = _APP_LABELS[report.lang][report.layout.variant % 3]
    for _, row in _rows(report, ("value",)):
        c = row.cells
        value = _join(c.get("result", ""), c.get("unit", ""))
        if value_label.endswith(":"):
            value_line = [(0, f"{value_label} {value}", "")]
            range_line = [(0, _join(range_label, c.get("range", ""), c.get("unit", "")), "")]
        else:
            value_line = [(0, value_label, ""), (14, value, "")]
            range_line = [(0, range_label, ""), (14, _join(c.get("range", ""), c.get("unit", "")), "")]
        if c.get("flag"):
            value_line.append((34, c["flag"], "b"))
        row.lines = [[(0, c["name"], "b")], value_line, range_line, []]


def _cards(report: GeneratedReport, rng: random.Random) -> None:
    per = max(1, report.layout.cards_per_row)
    label = rng.choice(_CARD_LABELS[report.lang])
    cards: dict[int, list[list[Span]]] = {}
    for _, row in _rows(report, ("value",)):
        c = row.cells
        value = _join(c.get("result", ""), c.get("unit", ""))
        value_line = [(0, value, "big")] + ([(len(value) + 3, c["flag"], "b")] if c.get("flag") else [])
        cards[id(row)] = [[(0, c["name"], "b")], value_line, [(0, _join(label, c.get("range", "")), "")]]
    if not cards:
        return
    width = max(col + len(text) for card in cards.values() for line in card for col, text, _ in line) + 4
    for section in report.sections:
        chunk: list[PrintedRow] = []
        for row in section.rows + [None]:
            if row is not None and id(row) in cards and len(chunk) < per:
                chunk.append(row)
                continue
            if chunk:
                merged = [[(col + slot * width, text, style) for slot, r in enumerate(chunk)
                           for col, text, style in cards[id(r)][j]] for j in range(3)]
                chunk[0].lines = merged + [[]]
                for other in chunk[1:]:
                    other.kind = "hidden"
                chunk = [row] if row is not None and id(row) in cards else []


def _key_value(report: GeneratedReport, rng: random.Random) -> None:
    for _, row in _rows(report, ("value",)):
        row.lines = [[(0, _kv_text(report, row, report.layout.variant % 4), "")]]


def _kv_text(report: GeneratedReport, row: PrintedRow, variant: int) -> str:
    c, it = row.cells, report.lang == "it"
    value = _join(c.get("result", ""), c.get("unit", ""), c.get("flag", ""))
    ref = c.get("range", "")
    if variant == 1:
        return f"{c['name']} = {value} [{ref}]"
    if variant == 2:
        return f"{c['name']}: {value} - {'rif.' if it else 'ref.'} {ref}"
    if variant == 3:
        return f"{c['name']} - {value} ({'v.n.' if it else 'normal'} {ref})"
    return f"{c['name']}: {value} ({ref})"


def _kv_compact(report: GeneratedReport, rng: random.Random) -> None:
    variant = report.layout.variant % 4
    sep = ["; ", " - ", "   ", " | "][variant]
    for section in report.sections:
        rows = [r for r in section.rows if r.kind == "value" and r.gold is not None]
        i = 0
        while i < len(rows):
            chunk = rows[i:i + rng.choice([2, 3, 3, 4])]
            i += len(chunk)
            items = []
            for row in chunk:
                c = row.cells
                value = _join(c.get("result", ""), c.get("unit", ""), c.get("flag", ""))
                name = f"{c['name']}:" if variant in (1, 2) else c["name"]
                items.append(f"{name} {value} ({c.get('range', '')})")
            chunk[0].lines = [[(0, sep.join(items), "")]]
            for other in chunk[1:]:
                other.kind = "hidden"


def _risk(report: GeneratedReport, rng: random.Random) -> None:
    it, decimal = report.lang == "it", report.layout.decimal
    ascii_ge = report.layout.font == "Courier" or rng.random() < 0.5  # Courier has no ≥
    for _, row in _rows(report, ("value",)):
        categories = _RISK.get(row.gold["id"])
        value = row.gold["value"]
        if not categories or isinstance(value, str):
            continue

        def bounds(text: str) -> str:
            text = text.replace("≥", ">=") if ascii_ge else text
            return text.replace(".", ",") if decimal == "," else text

        heads = [f"{cat[0] if it else cat[1]} {bounds(cat[4])}" for cat in categories]
        width = max(len(h) for h in heads) + 4
        where = next(k for k, cat in enumerate(categories) if cat[2] <= value < cat[3])
        normal = next(cat for cat in categories if cat[5] is None)
        c = row.cells
        name_line = [(0, c["name"], "b")] + ([(4 + width * len(categories), c["unit"], "")] if c.get("unit") else [])
        row.lines = [name_line, [(4 + width * k, head, "") for k, head in enumerate(heads)],
                     [(4 + width * where, format_number(value, row.decimals, decimal, row.thousands), "")], []]
        low, high = _bounds_of(normal)
        row.gold.update(flag=categories[where][5], ref_low=low, ref_high=high, ref_text=bounds(normal[4]))


def _bounds_of(category: tuple) -> tuple[float | None, float | None]:
    text = category[4]
    numbers = [float(t) for t in text.replace("≥", " ").replace("<", " ").replace(">", " ").replace(" - ", " ").split()]
    if text.startswith("<"):
        return None, numbers[0]
    if text.startswith(("≥", ">")):
        return numbers[0], None
    return numbers[0], numbers[1]


def _csv(report: GeneratedReport, rng: random.Random) -> None:
    layout = report.layout
    variant = layout.variant % 4
    delimiter = ";" if layout.decimal == "," else rng.choice([",", ";"])
    quoting = csv.QUOTE_ALL if variant % 2 else csv.QUOTE_MINIMAL
    columns = ("name",) + layout.columns
    titles = column_titles(report.lang, layout.columns)
    with_section = variant >= 2

    def line(fields: list[str]) -> str:
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=delimiter, quoting=quoting, lineterminator="").writerow(fields)
        return buffer.getvalue()

    head = ([("Sezione" if report.lang == "it" else "Section")] if with_section else []) + [
        titles[c] or "Flag" for c in columns]
    first = True
    for section in report.sections:
        for row in section.rows:
            if row.kind not in ("value", "second_unit"):
                continue
            fields = ([section.title or ""] if with_section else []) + [row.cells.get(c, "") for c in columns]
            row.lines = ([[(0, line(head), "")]] if first else []) + [[(0, line(fields), "")]]
            first = False
        if with_section:
            section.title = None


def _pipe(report: GeneratedReport, rng: random.Random) -> None:
    layout = report.layout
    columns = ("name",) + layout.columns
    titles = column_titles(report.lang, layout.columns)
    rows = [row for _, row in _rows(report)]
    widths = {c: max([len(titles[c])] + [len(r.cells.get(c, "")) for r in rows]) for c in columns}
    border = "+" + "+".join("-" * (widths[c] + 2) for c in columns) + "+"
    numeric = {"result", "min", "max", "previous"}

    def fmt(cells: dict[str, str]) -> str:
        return "|" + "|".join(" " + (cells.get(c, "").rjust(widths[c]) if layout.right_align_numbers and c in numeric
                                     else cells.get(c, "").ljust(widths[c])) + " " for c in columns) + "|"

    for section in report.sections:
        table = [r for r in section.rows if r.kind in ("value", "second_unit") and r.gold is not None]
        for k, row in enumerate(table):
            lines = [[(0, border, "")], [(0, fmt(titles), "")], [(0, border, "")]] if k == 0 else []
            lines.append([(0, fmt(row.cells), "")])
            if k == len(table) - 1:
                lines.append([(0, border, "")])
            row.lines = lines


_BLOCKS = {"portal": _portal, "app": _app, "cards": _cards, "keyvalue": _key_value, "kv_compact": _kv_compact,
           "risk": _risk, "csv": _csv, "pipe": _pipe, "grid": _grid}

"""More tuning sentence forms: many other ways Italian and English clinicians print a result, a qualitative result,
a judgement without a value, a trend, a pair of results and a lab passage.

Every form here is a TUNING form (``held=False``, no ``only_for``): held-out templates never draw them, so adding
them widens what a recogniser is trained on without touching the held-out documents.  They follow the gold
conventions of :mod:`corpora.prose` exactly: judgement words are QUALIFIER entities (never gold flags), labels of
ranges stay outside the RANGE span, and the numbers printed around a value (dates, times of sampling, list
numbers) are negatives, never entities.

The phrase lists are data (module-level tuples and dicts at the top); the forms below only arrange them.  Spellings
the lab tokenizer does not split ("Hb=10,9", "Hb-10,9", "10,9↓", "6.2×10^9/L") are avoided: "Hb = 10,9",
"Hb - 10,9", "10,9 ↓".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from .builder import Doc, Span, ValueMention, a_an, emit_flag, emit_range, emit_value
from .forms import (FORMS, _PANEL_WORDS, Item, NormMention, QualMention, _art, _group_gender, _lead, _name,
                    _names_list, _paren_value, _qual_word, _relate_word, _word, form, join, render)
from .lexicon import Name, agree, article, prep

__all__ = ["RANGE_LABELS_EXTRA", "EXTRA_FORM_IDS"]

# == data ==========================================================================================================
# Labels printed before a range (never inside the RANGE span).  None of them is a held-out label.
RANGE_LABELS_EXTRA: dict[str, tuple[str, ...]] = {
    "it": ("v.n.", "vn", "VN", "V.N.", "rif.", "v. rif.", "val. rif.", "valori di riferimento", "range", "rif",
           "valori normali", "n.v."),
    "en": ("ref", "ref.", "ref range", "ref. range", "reference range", "normal range", "normal", "NR", "N", "range",
           "RI", "reference"),
}
# Where the range goes after the value: "(v.n. 12-16)", "[12-16]", "(12-16)", ", vn 12-16", " - rif. 12-16",
# "(VN: 12-16)".
RANGE_STYLES = ("paren", "paren", "bracket", "bare", "comma", "dash", "colon")
CASE_RATE = 0.15  # telegraphic forms: the name typed in another case ("hb", "FERRITINA")
TABLE_GAPS = ("\t", "  ", "   ", "    ", "\t\t", "     ")
TIMES = ("07:45", "08:00", "08:15", "08:30", "09:10", "10:30", "11:00", "14:20")

IT = {
    "si_verbs": ("si rilev%", "si evidenzi%", "si document%", "si osserv%", "si registr%", "si apprezz%"),
    "si_links": (" ", " ", " di ", " pari a "),
    "valore": (": valore ", ", valore ", " con valore di ", ": valore di ", " con un valore di "),
    "dosaggio": ("dosaggio ", "dosaggio di ", "dosaggio sierico di ", "al dosaggio "),
    "dosaggio_links": (": ", " ", ": ", " pari a "),
    "circa": (" circa ", " di circa ", " intorno a ", " attorno a "),
    "dashes": (" - ", " - ", " – "),
    "attestato": (" attestat@ a ", " attestat@ su ", " attestat@ su valori di ", " stabilmente attestat@ a "),
    "date_after": (" il {date}", " in data {date}", " ({date})", " al prelievo del {date}", " al controllo del {date}"),
    "date_after_time": (" (prelievo del {date}, ore {time})", " (prelievo delle ore {time} del {date})"),
    "date_before": ("{name} del {date}: ", "{name} ({date}): ", "{name} al {date}: "),
    "now": (" attualmente ", " ora ", " oggi ", " all'ultimo controllo ", " al controllo odierno ", " in data odierna ",
            " al momento "),
    "move": {"L": ("$ sces@ a", "$ calat@ a", "$ passat@ a", "$ sces@ fino a"),
             "H": ("$ salit@ a", "$ risalit@ a", "$ passat@ a", "ha raggiunto"),
             "N": ("si attesta a", "si attesta su", "$ stabile a", "si mantiene su")},
    "move_plural": {"ha raggiunto": "hanno raggiunto", "si attesta a": "si attestano a",
                    "si attesta su": "si attestano su", "$ stabile a": "sono stabili a",
                    "si mantiene su": "si mantengono su"},
    "qual_after": (" ({q})", ", {q}", " - {q}", " ({q})"),
    "value_di": (" di ", " di ", " per "),
    "esito": (": esito {w}", " con esito {w}", ", esito: {w}", ": risultato {w}", " - esito {w}"),
    "ricerca": ("ricerca {name}: {w}", "ricerca di {name} {w}", "ricerca {name} {w}", "ricerca di {name}: {w}"),
    "ricerca_ok": ("hbsag", "hcv", "ana", "bhcg"),
    "qual_seps": (" - ", " – ", ": ", ": "),
    "esito_verbs": ("ha dato esito", "ha dato esito", "ha fornito esito"),
    "patterns": ("omogeneo", "speckled", "granulare fine", "nucleolare", "centromerico", "a grani grossi"),
    "titre": ("{q}, titolo {t}", "{t} ({q})", "{q} con titolo {t}", "{q} a titolo {t}", ": {q}, {t}", " {t}"),
    "group_all": (": tutti {w}", ": {w}", " - {w}", " tutti {w}"),
    "group_slash": (" / ", " / ", "/"),
    "norm_seps": (": ", " - ", ": "),
    "norm_verbs": {"s": ("si mantiene", "si conferma", "appare", "si mantiene"),
                   "p": ("si mantengono", "si confermano", "appaiono", "si mantengono")},
    "trend_down": ("in calo", "in riduzione", "in diminuzione", "in discesa"),
    "trend_up": ("in aumento", "in crescita", "in salita", "in rialzo"),
    "trend_ref": (" rispetto a {v}", " rispetto al valore di {v}", " rispetto al precedente di {v}", " da {v}"),
    "trend_when": (" del {date}", " del controllo precedente", " di {months} mesi fa", " del mese scorso", ""),
    "trend_arrow": (" → ", " → ", " -> "),
    "trend_noun_down": ("riduzione", "calo", "discesa", "diminuzione"),
    "trend_noun_up": ("incremento", "rialzo", "aumento", "risalita"),
    "trend_was": ("era {v}", "precedente {v}", "prec. {v}", "in precedenza {v}", "{v} al controllo precedente",
                  "{v} il {date}"),
    "pair_links": (": ", " ", " pari a "),
    # frames
    "lead_lines": ("Esami ematochimici del {date}:", "Esami di laboratorio:", "Ematochimica ({date}):",
                   "Prelievo del {date}:", "Ultimo controllo ematico:", "Esami in visione ({date}):"),
    "lead_separated": ("Esami del {date}: ", "Laboratorio: ", "Ematochimici: ", "Ultimi esami: ", "Prelievo {date}: ",
                       "Esami ({date}): "),
    "separators": (" | ", " / ", " - ", " – ", " | "),
    "lead_numbered": ("Esami ematochimici ({date}):", "Esiti degli esami:", "Risultati di laboratorio:",
                      "Esami eseguiti il {date}:"),
    "numbers": ("{n}) ", "{n}. ", "{n}) "),
    "paren_intro": ("Recenti esami ematochimici", "Gli esami di controllo del {date}",
                    "Gli esami eseguiti presso il laboratorio territoriale il {date}", "Esami ematici di controllo",
                    "Gli ultimi esami"),
    "paren_outro": (" vengono visionati in data odierna", " sono in linea con il quadro clinico",
                    " non modificano l'indicazione terapeutica", " vengono allegati alla presente",
                    " sono stati discussi con {pat}"),
    "lead_con": ("Controllo ematochimico del {date} con ", "Porta in visione esami recenti che documentano ",
                 "Esami eseguiti il {date} presso il laboratorio di fiducia, con ",
                 "Dal punto di vista laboratoristico si segnalano ", "Gli esami di laboratorio documentano ",
                 "Agli ultimi controlli si apprezzano "),
    # (opener, whether a clause may follow, whether it may open the passage)
    "openers": (("Da segnalare ", False, True), ("Da notare ", False, True), ("Segnalo ", False, True),
                ("Agli esami ", False, True), ("Per il resto, ", True, False), ("Inoltre ", True, False),
                ("", True, True), ("", True, True)),
}

EN = {
    "level_ok": ("ferritin", "vitamin_d_25oh", "vitamin_b12", "folate", "tsh", "glucose", "hba1c", "crp", "ige_total",
                 "tryptase", "ldh", "ck", "iron", "cholesterol_total", "triglycerides", "uric_acid", "calcium",
                 "sodium", "potassium", "albumin", "bilirubin_total", "ft4", "s100b", "hemoglobin", "creatinine",
                 "urea", "hdl", "ldl", "anti_tpo", "bp180", "dsg3", "alp", "ggt"),
    "level": (" level of ", " level ", " level: ", " level of "),
    "move": {"L": ("dropped to", "fell to", "has fallen to", "came down to", "has dropped to"),
             "H": ("rose to", "has risen to", "climbed to", "went up to", "has gone up to"),
             "N": ("settled at", "has settled at", "came back at", "is now")},
    "present": {"s": ("is", "is currently", "remains at", "stands at", "sits at"),
                "p": ("are", "are currently", "remain at", "stand at", "sit at")},
    "measured": {"s": ("measured", "came back at", "was found to be", "was reported as", "was recorded at"),
                 "p": ("measured", "came back at", "were found to be", "were reported as", "were recorded at")},
    "equals": (" = ", " = ", " ="),
    "dashes": (" - ", " - ", " – "),
    "qual_after": (" ({q})", ", {q}", " - {q}", " ({q})"),
    "date_after": (" on {date}", " ({date})", " from {date}", " as of {date}", " taken {date}"),
    "date_after_time": (" (sample taken {date} at {time})", " (taken at {time} on {date})"),
    "date_before": ("{name} on {date}: ", "{name} ({date}): ", "{name} {date}: "),
    "now": (" now ", " today ", " currently ", " most recently ", " on this occasion ", " at last check "),
    "latest": ("latest ", "most recent ", "current ", "repeat "),
    "result": ("{name} result: {v}", "{name} result {v}", "{art}{name} result of {v}", "a result of {v} for {name}"),
    "q_result": (" result: {w}", " result {w}", " - result {w}", ", result {w}"),
    "q_seps": (" - ", " – ", ": ", " = "),
    "q_came_back": {"s": ("came back", "has come back", "returned", "was reported as"),
                    "p": ("came back", "have come back", "returned", "were reported as")},
    "for_words": {"neg": "negative", "pos": "positive", "ind": "indeterminate"},
    "patterns": ("speckled", "homogeneous", "nucleolar", "centromere", "fine speckled", "coarse speckled"),
    "titre": ("{q}, titre {t}", "{t} ({pattern} pattern)", "{q} at {t} with a {pattern} pattern", " titre {t}",
              "{q} ({t})", ": {q}, {t}"),
    "group_all": (": all {w}", ": {w}", " - {w}", " all {w}"),
    "group_slash": (" / ", " / ", "/"),
    "norm_seps": (": ", " - ", ": "),
    "norm_came_back": ("came back", "came back", "were reported as", "have come back"),
    "norm_remain": {"s": ("remains", "stays", "continues to be"), "p": ("remain", "stay", "continue to be")},
    "trend_down": ("down from", "down from", "having been", "falling from"),
    "trend_up": ("up from", "up from", "having been", "rising from"),
    "trend_when": (" in {month}", " on {date}", " previously", " at the last check", " {months} months ago", ""),
    "trend_arrow": (" → ", " → ", " -> "),
    "trend_noun_down": ("a fall", "a drop", "a reduction", "a steady fall"),
    "trend_noun_up": ("a rise", "a climb", "a further rise", "a jump"),
    "trend_was": ("previously {v}", "was {v}", "prev. {v}", "{v} on {date}", "{v} last time", "from {v}"),
    "pair_links": (": ", " ", " of "),
    # frames
    "lead_lines": ("Bloods ({date}):", "Blood results:", "Labs {date}:", "Most recent bloods:", "Results today:",
                   "Bloods taken {date}:"),
    "lead_separated": ("Bloods: ", "Labs ({date}): ", "Results: ", "Recent bloods: ", "Bloods {date}: "),
    "separators": (" | ", " / ", " - ", " – ", " | "),
    "lead_numbered": ("Blood results ({date}):", "Investigations:", "Results of bloods taken {date}:",
                      "Latest results:"),
    "numbers": ("{n}) ", "{n}. ", "{n}. "),
    "paren_intro": ("{Her} recent bloods", "Blood tests from {date}", "The bloods taken at the practice on {date}",
                    "Repeat bloods", "The latest results"),
    "paren_outro": (" were reviewed today", " have been discussed with {her}", " are attached",
                    " did not change the plan", " were in keeping with the clinical picture"),
    "lead_with": ("{She} had bloods on {date} with ", "Bloods were notable for ",
                  "Investigations were significant for ",
                  "Bloods from the practice on {date} revealed ", "Recent bloods demonstrate ", "Today's bloods show "),
    "openers": (("Of note, ", True, True), ("Notably, ", True, True), ("Additionally, ", True, False),
                ("We also noted ", False, False), ("Bloods also showed ", False, False), ("Otherwise, ", True, False),
                ("", True, True), ("", True, True)),
}
MONTHS_SHORT = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December")

EXTRA_FORM_IDS: list[str] = []  # filled as the forms below register


# == registration and helpers =====================================================================================
def _reg(lang: str, kind: str, name: str, **kw):
    """Register a TUNING form; refuse a name already taken (a clash would replace another form, held-out ones
    included)."""
    fid = f"{lang}.{kind}.{name}"
    if fid in FORMS:
        raise RuntimeError(f"form {fid} is already registered; choose another name")
    EXTRA_FORM_IDS.append(fid)
    return form(lang, kind, name, held=False, **kw)


def _gluable(unit: str) -> bool:
    """A unit that may follow the number with no space and still be a token of its own ("10,9g/dl", "88U/L")."""
    return " " not in unit and not unit[0].isdigit() and unit[0] != "×"


def _emit(doc: Doc, vm: ValueMention, *, glue: bool | None = None, unit_paren: bool = False
          ) -> tuple[Span, Span | None, Span | None]:
    """The value, its unit and flag; ``glue``: force the unit against the number (when it can be), ``unit_paren``:
    "10,9 (g/dL)"."""
    if vm.unit and glue is not None:
        vm.glue = glue and _gluable(vm.unit)
    if not (unit_paren and vm.unit):
        return emit_value(doc, vm, in_paren=doc.no_ranges)
    b = doc.b
    value = b.ent(vm.value_text, "VALUE")
    flag = b.ent("*", "FLAG") if vm.flag_text == "*" and vm.star_glued else None
    b.t(" (")
    unit = b.ent(vm.unit, "UNIT")
    b.t(")")
    if vm.flag_text and flag is None:
        flag = emit_flag(doc, vm, in_paren=doc.no_ranges)
    return value, unit, flag


def _range(doc: Doc, vm: ValueMention) -> Span | None:
    """The printed reference range, in one of several styles and with a label of this module or of the lexicon."""
    if not vm.range_text or doc.no_ranges:
        return None
    if doc.rng.random() < 0.3:
        return emit_range(doc, vm)
    b, style, label = doc.b, doc.pick(RANGE_STYLES), doc.pick(RANGE_LABELS_EXTRA[doc.lang])
    close = ""
    if style == "bracket":
        b.t(" [")
        close = "]"
    elif style == "bare":
        b.t(" (")
        close = ")"
    elif style == "comma":
        b.t(f", {label} ")
    elif style == "dash":
        b.t(f" - {label} ")
    elif style == "colon":
        b.t(f" ({label}: ")
        close = ")"
    else:
        b.t(f" ({label} ")
        close = ")"
    span = b.ent(vm.range_text, "RANGE")
    b.t(close)
    return span


def _finish(doc: Doc, vm: ValueMention, analyte: Span, **emit) -> None:
    value, unit, flag = _emit(doc, vm, **emit)
    doc.relate(vm, analyte, value, unit, _range(doc, vm), flag)


def _cased(doc: Doc, name: Name, rate: float = CASE_RATE) -> Name:
    """Sometimes the name as typed in a hurry: lower-case acronyms ("hb", "pcr"), upper-case words ("FERRITINA")."""
    if doc.rng.random() >= rate:
        return name
    text = name.text
    if any(c.isdigit() or c in "()γ" for c in text):  # "25(OH)D", "HbA1c", "γGT" stay as they are
        return name
    return replace(name, text=text.upper() if text == text.lower() else text.lower())


def _date(doc: Doc, text: str, **extra: str) -> None:
    """Text with ``{date}`` (the date of the bloods), ``{time}`` and other slots: those numbers are negatives."""
    slots = {"date": f"[[{doc.date(doc.drawn)}|date]]", "time": f"[[{doc.pick(TIMES)}|time]]", **extra}
    doc.b.say(text.format(**slots))


def _indef(name: Name) -> str:
    """Italian indefinite article before ``name`` ("una ferritina", "un'Hb", "dei GB")."""
    art = article(name)
    if name.number == "p":
        return {"i": "dei ", "gli": "degli "}.get(art, "delle ")
    if name.gender == "f":
        return "un'" if art == "l'" else "una "
    return "uno " if art == "lo" else "un "


def _names_sep(doc: Doc, names: list[Name], sep: str) -> list[Span]:
    """Names with one separator throughout ("HBsAg / anti-HCV / IGRA")."""
    spans = []
    for i, name in enumerate(names):
        doc.b.t(sep if i else "")
        spans.append(_name(doc, name))
    return spans


def _is_panel(name: Name) -> bool:
    return name.text.casefold() in _PANEL_WORDS


def _flagged(doc: Doc, vm: ValueMention) -> bool:
    return vm.flag_gold in ("H", "L")


def _plain_value(doc: Doc, vm: ValueMention) -> tuple[Span, Span | None]:
    """Value and unit only (trend and pair mentions carry no range or flag)."""
    value = doc.b.ent(vm.value_text, "VALUE")
    unit = None
    if vm.unit:
        doc.b.t(" ")
        unit = doc.b.ent(vm.unit, "UNIT")
    return value, unit


def _down(first: ValueMention, last: ValueMention) -> bool:
    return isinstance(first.value_gold, float) and isinstance(last.value_gold, float) and \
        last.value_gold < first.value_gold


def _earlier_date(doc: Doc) -> str:
    return doc.date(doc.drawn - dt.timedelta(days=doc.rng.randint(28, 200)))


# == Italian: values ==============================================================================================
@_reg("it", "value", "x_di", weight=1.2)
def _it_di(doc: Doc, vm: ValueMention) -> None:
    """"Hb di 10,9 g/dL", "una ferritina di 8 ng/ml"."""
    if doc.rng.random() < 0.4:
        doc.b.t(_indef(vm.name))
    a = _name(doc, vm.name)
    doc.b.t(" di ")
    _finish(doc, vm, a)


@_reg("it", "value", "x_si_rileva", weight=1.0, verb=True)
def _it_si_rileva(doc: Doc, vm: ValueMention) -> None:
    """"si rileva Hb 10,9 g/dL", "si documenta una ferritina di 8"."""
    doc.b.t(agree(doc.pick(IT["si_verbs"]), vm.name.gender, vm.name.number) + " ")
    link = doc.pick(IT["si_links"])
    if link != " " and doc.rng.random() < 0.6:
        doc.b.t(_indef(vm.name))
    a = _name(doc, vm.name)
    doc.b.t(link)
    _finish(doc, vm, a)


@_reg("it", "value", "x_valore", weight=1.0)
def _it_valore(doc: Doc, vm: ValueMention) -> None:
    """"ferritina: valore 8 ng/ml", "PCR con valore di 12 mg/L"."""
    a = _name(doc, vm.name)
    doc.b.t(doc.pick(IT["valore"]))
    _finish(doc, vm, a)


@_reg("it", "value", "x_dosaggio", weight=0.8)
def _it_dosaggio(doc: Doc, vm: ValueMention) -> None:
    """"dosaggio della vitamina D: 18 ng/ml", "dosaggio ferritina 8"."""
    doc.b.t(doc.pick(IT["dosaggio"]))
    a = _name(doc, vm.name)
    doc.b.t(doc.pick(IT["dosaggio_links"]))
    _finish(doc, vm, a)


@_reg("it", "value", "x_value_di", weight=0.6)
def _it_value_di(doc: Doc, vm: ValueMention) -> None:
    """"8 ng/mL di ferritina", "45 U/L per le ALT": the value before the name."""
    value, unit, flag = _emit(doc, vm)
    link = doc.pick(IT["value_di"])
    doc.b.t(link)
    if link == " per ":
        _art(doc, vm.name)
    a = _name(doc, vm.name)
    doc.relate(vm, a, value, unit, _range(doc, vm), flag)


@_reg("it", "value", "x_circa", weight=0.7)
def _it_circa(doc: Doc, vm: ValueMention) -> None:
    """"PCR circa 12 mg/L", "ferritina intorno a 8": an approximate wording, the printed number is the value."""
    a = _name(doc, vm.name)
    doc.b.t(doc.pick(IT["circa"]))
    _finish(doc, vm, a)


@_reg("it", "value", "x_trattino", weight=0.8)
def _it_trattino(doc: Doc, vm: ValueMention) -> None:
    """"Hb - 10,9 g/dl"."""
    a = _name(doc, _cased(doc, vm.name))
    doc.b.t(doc.pick(IT["dashes"]))
    _finish(doc, vm, a)


@_reg("it", "value", "x_attaccato", weight=1.0)
def _it_attaccato(doc: Doc, vm: ValueMention) -> None:
    """"Hb 10,9g/dl", "ALT 88U/L": no space between number and unit."""
    a = _name(doc, _cased(doc, vm.name))
    doc.b.t(doc.pick([" ", " ", ": "]))
    _finish(doc, vm, a, glue=True)


@_reg("it", "value", "x_unita_prima", weight=0.8)
def _it_unita_prima(doc: Doc, vm: ValueMention) -> None:
    """"Hb (g/dL) 10,9", "PCR (mg/L): 12": the unit in brackets after the name."""
    a = _name(doc, vm.name)
    unit = None
    if vm.unit:
        doc.b.t(" (")
        unit = doc.b.ent(vm.unit, "UNIT")
        doc.b.t(doc.pick([") ", "): ", ") "]))
    else:
        doc.b.t(": ")
    value, _, flag = emit_value(doc, replace(vm, unit=None), in_paren=doc.no_ranges)
    doc.relate(vm, a, value, unit, _range(doc, vm), flag)


@_reg("it", "value", "x_unita_dopo", weight=0.7)
def _it_unita_dopo(doc: Doc, vm: ValueMention) -> None:
    """"Hb 10,9 (g/dL)"."""
    a = _name(doc, vm.name)
    doc.b.t(doc.pick([" ", ": "]))
    _finish(doc, vm, a, unit_paren=True)


@_reg("it", "value", "x_qual_dopo", weight=1.2)
def _it_qual_dopo(doc: Doc, vm: ValueMention) -> None:
    """"ferritina 8 ng/ml (ridotta)", "ALT 88 U/L, aumentate": the judgement after the value."""
    a = _name(doc, vm.name)
    doc.b.t(doc.pick([" ", " ", ": "]))
    value, unit, flag = _emit(doc, vm)
    rng_span = _range(doc, vm)
    pattern = doc.pick(IT["qual_after"]) if rng_span is None and not doc.no_ranges else doc.pick([", {q}", " - {q}"])
    before, after = pattern.split("{q}")
    doc.b.t(before)
    doc.b.ent(doc.qualifier(vm.direction, vm.name), "QUALIFIER")
    doc.b.t(after)
    doc.relate(vm, a, value, unit, rng_span, flag)


@_reg("it", "value", "x_attestato", weight=0.8, fits=lambda d, vm: isinstance(vm.value_gold, float))
def _it_attestato(doc: Doc, vm: ValueMention) -> None:
    """"PCR attestata a 12 mg/L", "piastrine attestate su valori di 450.000/mmc"."""
    a = _name(doc, vm.name)
    doc.b.t(agree(doc.pick(IT["attestato"]), vm.name.gender, vm.name.number))
    _finish(doc, vm, a)


@_reg("it", "value", "x_in_data", weight=1.0)
def _it_in_data(doc: Doc, vm: ValueMention) -> None:
    """"Hb 10,9 g/dL il 12/03/2024", "PCR del 12/03/2024: 12 mg/L": the date of the sample next to the value."""
    if doc.rng.random() < 0.35:
        before, after = doc.pick(IT["date_before"]).split("{name}")
        doc.b.t(before)
        a = _name(doc, vm.name)
        _date(doc, after)
        _finish(doc, vm, a)
        return
    a = _name(doc, vm.name)
    doc.b.t(doc.pick([" ", ": "]))
    _finish(doc, vm, a)
    options = IT["date_after"] + (() if doc.no_ranges else IT["date_after_time"])
    _date(doc, doc.pick([o for o in options if not (doc.no_ranges and "(" in o)]))


@_reg("it", "value", "x_ora", weight=0.9)
def _it_ora(doc: Doc, vm: ValueMention) -> None:
    """"PCR attualmente 12 mg/L", "ferritina all'ultimo controllo 8"."""
    a = _name(doc, vm.name)
    doc.b.t(doc.pick(IT["now"]))
    _finish(doc, vm, a)


@_reg("it", "value", "x_sceso", weight=0.9, verb=True)
def _it_sceso(doc: Doc, vm: ValueMention) -> None:
    """"l'Hb è scesa a 10,9 g/dL", "la PCR è salita a 45 mg/L", "la creatinina si attesta a 0,9"."""
    direction = vm.direction if isinstance(vm.value_gold, float) else "N"
    verb = doc.pick(IT["move"][direction])
    if vm.name.number == "p":
        verb = IT["move_plural"].get(verb, verb)
    _art(doc, vm.name)
    a = _name(doc, vm.name)
    doc.b.t(" " + agree(verb, vm.name.gender, vm.name.number) + " ")
    _finish(doc, vm, a)


@_reg("it", "value", "x_tra_parentesi", weight=0.8, fits=lambda d, vm: not d.no_ranges)
def _it_tra_parentesi(doc: Doc, vm: ValueMention) -> None:
    """"ferritina (8 ng/ml)", "Hb (10,9 g/dL; v.n. 12-16)"."""
    a = _name(doc, vm.name)
    _paren_value(doc, vm, a)


@_reg("it", "value", "x_freccia", weight=8.0, fits=_flagged)
def _it_freccia(doc: Doc, vm: ValueMention) -> None:
    """"ALT ↑ 88 U/L": the marker between name and value (gold flag as the marker says)."""
    a = _name(doc, vm.name)
    doc.b.t(" ")
    flag = doc.b.ent("↑" if vm.flag_gold == "H" else "↓", "FLAG")
    doc.b.t(" ")
    value, unit, _ = emit_value(doc, replace(vm, flag_text=None))
    doc.relate(vm, a, value, unit, _range(doc, vm), flag)


@_reg("it", "value", "x_tabella", weight=0.8)
def _it_tabella(doc: Doc, vm: ValueMention) -> None:
    """"Hb<TAB>10,9 g/dL", "PCR     12": pasted from a lab table."""
    a = _name(doc, _cased(doc, vm.name, 0.25))
    doc.b.t(doc.pick(TABLE_GAPS))
    _finish(doc, vm, a)


@_reg("it", "value", "x_maiuscolo", weight=0.6)
def _it_maiuscolo(doc: Doc, vm: ValueMention) -> None:
    """"hb 10,9", "FERRITINA 8 ng/ml", "pcr: 12"."""
    a = _name(doc, _cased(doc, vm.name, 1.0))
    doc.b.t(doc.pick([" ", " ", ": "]))
    _finish(doc, vm, a)


# == Italian: qualitative results =================================================================================
_no_titre = lambda d, q: q.titre is None  # noqa: E731


@_reg("it", "qual", "x_esito", weight=1.0, fits=_no_titre)
def _it_q_esito(doc: Doc, qm: QualMention) -> None:
    """"Quantiferon: esito negativo", "HBsAg con esito negativo" (the word agrees with "esito")."""
    a = _name(doc, qm.name)
    before, after = doc.pick(IT["esito"]).split("{w}")
    doc.b.t(before)
    _relate_word(doc, qm, a, _qual_word(doc, qm, "m", "s"))
    doc.b.t(after)


@_reg("it", "qual", "x_ricerca", weight=0.8, fits=lambda d, q: q.titre is None and q.analyte.id in IT["ricerca_ok"])
def _it_q_ricerca(doc: Doc, qm: QualMention) -> None:
    """"ricerca di HBsAg negativa", "ricerca ANA: negativa" (the word agrees with "ricerca")."""
    pattern = doc.pick(IT["ricerca"])
    head, tail = pattern.split("{name}")
    doc.b.t(head)
    a = _name(doc, qm.name)
    before, after = tail.split("{w}")
    doc.b.t(before)
    _relate_word(doc, qm, a, _qual_word(doc, qm, "f", "s"))
    doc.b.t(after)


@_reg("it", "qual", "x_invertito", weight=0.8, fits=_no_titre)
def _it_q_invertito(doc: Doc, qm: QualMention) -> None:
    """"Negativo il Quantiferon", "negativi gli anticorpi anti-HCV": the word first."""
    value = _qual_word(doc, qm)
    doc.b.t(" ")
    _art(doc, qm.name)
    _relate_word(doc, qm, _name(doc, qm.name), value)


@_reg("it", "qual", "x_trattino", weight=0.9, fits=_no_titre)
def _it_q_trattino(doc: Doc, qm: QualMention) -> None:
    """"HBsAg - NEGATIVO", "anti-HCV: negativi"."""
    a = _name(doc, _cased(doc, qm.name, 0.1))
    doc.b.t(doc.pick(IT["qual_seps"]))
    word = _word(doc, qm.outcome, qm.name.gender, qm.name.number, plain=qm.plain)
    value = doc.b.ent(word.upper() if doc.rng.random() < 0.4 else word, "VALUE")
    _relate_word(doc, qm, a, value)


@_reg("it", "qual", "x_parentesi", weight=0.7, fits=_no_titre)
def _it_q_parentesi(doc: Doc, qm: QualMention) -> None:
    """"Quantiferon (negativo)"."""
    a = _name(doc, qm.name)
    doc.b.t(" (")
    _relate_word(doc, qm, a, _qual_word(doc, qm))
    doc.b.t(")")


@_reg("it", "qual", "x_esito_verbo", weight=1.2, verb=True, fits=_no_titre)
def _it_q_esito_verbo(doc: Doc, qm: QualMention) -> None:
    """"il test IGRA ha dato esito negativo"."""
    _art(doc, qm.name)
    a = _name(doc, qm.name)
    verb = doc.pick(IT["esito_verbs"])
    doc.b.t(f" {verb.replace('ha ', 'hanno ') if qm.name.number == 'p' else verb} ")
    _relate_word(doc, qm, a, _qual_word(doc, qm, "m", "s"))


@_reg("it", "qual", "x_titolo", weight=4.0, fits=lambda d, q: q.titre is not None)
def _it_q_titolo(doc: Doc, qm: QualMention) -> None:
    """"ANA positivi, titolo 1:320, pattern speckled", "ANA 1:160 (positivi)"."""
    a = _name(doc, qm.name)
    pattern = doc.pick(IT["titre"])
    if not pattern.startswith((":", " ")):
        doc.b.t(" ")
    value = None
    for piece in _pieces(pattern):
        if piece == "{q}":
            doc.b.ent(agree("positiv@", qm.name.gender, qm.name.number), "QUALIFIER")
        elif piece == "{t}":
            value = doc.b.ent(qm.titre, "VALUE")
        else:
            doc.b.t(piece)
    if doc.rng.random() < 0.5:
        doc.b.t(f", pattern {doc.pick(IT['patterns'])}")
    doc.relate_word(qm.analyte.id, a, value, qm.titre)


def _pieces(pattern: str) -> list[str]:
    """"{q}, titolo {t}" -> ["{q}", ", titolo ", "{t}"]."""
    out, rest = [], pattern
    while rest:
        cut = min((rest.find(k) for k in ("{q}", "{t}", "{pattern}") if rest.find(k) >= 0), default=-1)
        if cut < 0:
            out.append(rest)
            break
        if cut:
            out.append(rest[:cut])
        end = rest.index("}", cut) + 1
        out.append(rest[cut:end])
        rest = rest[end:]
    return out


# == Italian: groups of qualitative results, judgements without a value ===========================================
@_reg("it", "qual_group", "x_prima", weight=1.0)
def _it_qg_prima(doc: Doc, group: list[QualMention]) -> None:
    """"Negativi HBsAg, anti-HCV e Quantiferon"."""
    names = [q.name for q in group]
    value = doc.b.ent(_word(doc, group[0].outcome, _group_gender(names), "p"), "VALUE")
    doc.b.t(" ")
    for qm, a in zip(group, _names_list(doc, names, " e ")):
        _relate_word(doc, qm, a, value)


@_reg("it", "qual_group", "x_barre", weight=1.0)
def _it_qg_barre(doc: Doc, group: list[QualMention]) -> None:
    """"HBsAg / anti-HCV / Quantiferon: tutti negativi"."""
    names = [q.name for q in group]
    spans = _names_sep(doc, names, doc.pick(IT["group_slash"] + (", ",)))
    before, after = doc.pick(IT["group_all"]).split("{w}")
    doc.b.t(before)
    value = doc.b.ent(_word(doc, group[0].outcome, _group_gender(names), "p"), "VALUE")
    doc.b.t(after)
    for qm, a in zip(group, spans):
        _relate_word(doc, qm, a, value)


def _norm_agreement(nm: NormMention) -> tuple[str, str]:
    if len(nm.names) == 1:
        return nm.names[0].gender, nm.names[0].number
    return _group_gender(nm.names), "p"


@_reg("it", "norm", "x_prima", weight=1.0)
def _it_n_prima(doc: Doc, nm: NormMention) -> None:
    """"Nella norma emocromo e funzionalità renale", "aumentata la creatinina": the judgement first."""
    g, n = _norm_agreement(nm)
    doc.b.ent(doc.qualifier(nm.direction, Name("", g, n)), "QUALIFIER")
    doc.b.t(" ")
    if len(nm.names) == 1 and doc.rng.random() < 0.6:
        _art(doc, nm.names[0])
    _names_list(doc, nm.names, " e ")


@_reg("it", "norm", "x_due_punti", weight=1.0)
def _it_n_due_punti(doc: Doc, nm: NormMention) -> None:
    """"Emocromo: nella norma", "funzionalità renale - nei limiti"."""
    _names_list(doc, nm.names, doc.pick([" e ", ", "]))
    g, n = _norm_agreement(nm)
    doc.b.t(doc.pick(IT["norm_seps"]))
    doc.b.ent(doc.qualifier(nm.direction, Name("", g, n)), "QUALIFIER")


@_reg("it", "norm", "x_si_mantiene", weight=0.9, verb=True)
def _it_n_si_mantiene(doc: Doc, nm: NormMention) -> None:
    """"la funzionalità renale si mantiene nella norma", "emocromo e transaminasi si confermano nella norma"."""
    g, n = _norm_agreement(nm)
    if len(nm.names) == 1:
        _art(doc, nm.names[0])
    _names_list(doc, nm.names, " e ")
    doc.b.t(f" {doc.pick(IT['norm_verbs'][n])} ")
    doc.b.ent(doc.qualifier(nm.direction, Name("", g, n)), "QUALIFIER")


@_reg("it", "norm", "x_valori", weight=0.8, fits=lambda d, nm: not any(_is_panel(n) for n in nm.names))
def _it_n_valori(doc: Doc, nm: NormMention) -> None:
    """"valori di creatinina ai limiti superiori", "valori di ferritina ridotti" (agreeing with "valori")."""
    doc.b.t(doc.pick(["valori di ", "valori di ", "livelli di "]))
    _names_list(doc, nm.names, " e ")
    doc.b.t(" ")
    doc.b.ent(doc.qualifier(nm.direction, Name("", "m", "p")), "QUALIFIER")


@_reg("it", "norm", "x_parentesi", weight=0.6)
def _it_n_parentesi(doc: Doc, nm: NormMention) -> None:
    """"emocromo (nella norma)"."""
    _names_list(doc, nm.names, " e ")
    g, n = _norm_agreement(nm)
    doc.b.t(" (")
    doc.b.ent(doc.qualifier(nm.direction, Name("", g, n)), "QUALIFIER")
    doc.b.t(")")


# == Italian: trends and pairs ======================================================================================
def _trend_slots(doc: Doc) -> dict[str, str]:
    return {"date": f"[[{_earlier_date(doc)}|date]]", "months": f"[[{doc.rng.randint(2, 6)}|duration]]"}


@_reg("it", "trend", "x_rispetto", weight=1.0)
def _it_t_rispetto(doc: Doc, pair: tuple[ValueMention, ValueMention]) -> None:
    """"ferritina 8 ng/ml, in calo rispetto a 15 del 12/01/2024": both numbers are values of the same test."""
    before, now = pair
    a = _name(doc, now.name)
    doc.b.t(doc.pick([" ", ": "]))
    v2, unit = _plain_value(doc, now)
    trend = doc.pick(IT["trend_down"] if _down(before, now) else IT["trend_up"])
    head, tail = doc.pick(IT["trend_ref"]).split("{v}")
    opener = doc.pick([", ", " ", " ("]) if not doc.no_ranges else doc.pick([", ", " "])
    doc.b.t(f"{opener}{trend}{head}")
    v1 = doc.b.ent(before.value_text, "VALUE")
    unit1 = unit
    if unit and doc.rng.random() < 0.3:
        doc.b.t(" ")
        unit1 = doc.b.ent(before.unit, "UNIT")
    doc.b.t(tail)
    doc.b.say(doc.pick(IT["trend_when"]).format(**_trend_slots(doc)))
    if opener == " (":
        doc.b.t(")")
    doc.relate(before, a, v1, unit1, None, None)
    doc.relate(now, a, v2, unit, None, None)


@_reg("it", "trend", "x_freccia", weight=1.0)
def _it_t_freccia(doc: Doc, pair: tuple[ValueMention, ValueMention]) -> None:
    """"PCR 45 → 12 mg/L"."""
    first, last = pair
    a = _name(doc, first.name)
    doc.b.t(doc.pick([" ", ": "]))
    v1 = doc.b.ent(first.value_text, "VALUE")
    doc.b.t(doc.pick(IT["trend_arrow"]))
    v2, unit = _plain_value(doc, last)
    doc.relate(first, a, v1, unit, None, None)
    doc.relate(last, a, v2, unit, None, None)


@_reg("it", "trend", "x_nominale", weight=1.0)
def _it_t_nominale(doc: Doc, pair: tuple[ValueMention, ValueMention]) -> None:
    """"riduzione della PCR da 45 a 12 mg/L", "incremento delle ALT da 40 a 88 U/L"."""
    first, last = pair
    doc.b.t(doc.pick(IT["trend_noun_down"] if _down(first, last) else IT["trend_noun_up"]) + " ")
    word = prep("di", first.name)
    doc.b.t(word if word.endswith("'") else f"{word} ")
    a = _name(doc, first.name)
    doc.b.t(" da ")
    v1 = doc.b.ent(first.value_text, "VALUE")
    doc.b.t(" a ")
    v2, unit = _plain_value(doc, last)
    doc.relate(first, a, v1, unit, None, None)
    doc.relate(last, a, v2, unit, None, None)


@_reg("it", "trend", "x_era", weight=1.0, fits=lambda d, p: not d.no_ranges)
def _it_t_era(doc: Doc, pair: tuple[ValueMention, ValueMention]) -> None:
    """"PCR 12 mg/L (era 45)", "Hb 10,9 g/dL (prec. 12,1)"."""
    before, now = pair
    a = _name(doc, now.name)
    doc.b.t(doc.pick([" ", ": "]))
    v2, unit = _plain_value(doc, now)
    head, tail = doc.pick(IT["trend_was"]).split("{v}")
    doc.b.t(" (")
    doc.b.say(head.format(**_trend_slots(doc)))
    v1 = doc.b.ent(before.value_text, "VALUE")
    doc.b.say(tail.format(**_trend_slots(doc)))
    doc.b.t(")")
    doc.relate(before, a, v1, unit, None, None)
    doc.relate(now, a, v2, unit, None, None)


@_reg("it", "pair", "x_due_punti", weight=1.0)
def _it_p_due_punti(doc: Doc, pair: tuple[ValueMention, ValueMention]) -> None:
    """"AST e ALT: 45 e 60 U/L"."""
    first, second = pair
    a1 = _name(doc, first.name)
    doc.b.t(" e ")
    a2 = _name(doc, second.name)
    doc.b.t(doc.pick(IT["pair_links"]))
    v1 = doc.b.ent(first.value_text, "VALUE")
    doc.b.t(" e ")
    v2, unit = _plain_value(doc, second)
    doc.relate(first, a1, v1, unit, None, None)
    doc.relate(second, a2, v2, unit, None, None)


@_reg("it", "pair", "x_doppia_unita", weight=1.0)
def _it_p_doppia_unita(doc: Doc, pair: tuple[ValueMention, ValueMention]) -> None:
    """"AST 45 U/L, ALT 60 U/L": each value with its own unit."""
    first, second = pair
    a1 = _name(doc, first.name)
    doc.b.t(" ")
    v1, u1 = _plain_value(doc, first)
    doc.b.t(doc.pick([", ", " e ", " - "]))
    a2 = _name(doc, second.name)
    doc.b.t(" ")
    v2, u2 = _plain_value(doc, second)
    doc.relate(first, a1, v1, u1, None, None)
    doc.relate(second, a2, v2, u2, None, None)


@_reg("it", "pair", "x_barra", weight=1.0)
def _it_p_barra(doc: Doc, pair: tuple[ValueMention, ValueMention]) -> None:
    """"AST/ALT 45 / 60 U/L"."""
    first, second = pair
    a1 = _name(doc, first.name)
    doc.b.t("/")
    a2 = _name(doc, second.name)
    doc.b.t(doc.pick([" ", ": "]))
    v1 = doc.b.ent(first.value_text, "VALUE")
    doc.b.t(" / ")
    v2, unit = _plain_value(doc, second)
    doc.relate(first, a1, v1, unit, None, None)
    doc.relate(second, a2, v2, unit, None, None)


# == English: values ==============================================================================================
@_reg("en", "value", "x_level", weight=1.2,
      fits=lambda d, vm: vm.analyte.id in EN["level_ok"] and vm.name.number == "s")
def _en_level(doc: Doc, vm: ValueMention) -> None:
    """"ferritin level of 8 ng/mL", "a vitamin D level of 25", "TSH level: 2.1"."""
    link = doc.pick(EN["level"])
    if link == " level of " and doc.rng.random() < 0.5:
        doc.b.t(f"{a_an(vm.name.text)} ")
    a = _name(doc, vm.name)
    doc.b.t(link)
    _finish(doc, vm, a)


@_reg("en", "value", "x_moved", weight=1.0, verb=True)
def _en_moved(doc: Doc, vm: ValueMention) -> None:
    """"Hb dropped to 10.9 g/dL", "CRP has risen to 45", "creatinine settled at 88"."""
    direction = vm.direction if isinstance(vm.value_gold, float) else "N"
    verb = doc.pick(EN["move"][direction])
    if vm.name.number == "p":
        verb = verb.replace("has ", "have ").replace("is now", "are now")
    a = _name(doc, vm.name)
    doc.b.t(f" {verb} ")
    _finish(doc, vm, a)


@_reg("en", "value", "x_present", weight=1.0, verb=True)
def _en_present(doc: Doc, vm: ValueMention) -> None:
    """"ferritin is 8", "platelets remain at 450", "ALT stands at 88 U/L"."""
    a = _name(doc, vm.name)
    doc.b.t(f" {doc.pick(EN['present'][vm.name.number])} ")
    _finish(doc, vm, a)


@_reg("en", "value", "x_measured", weight=1.0, verb=True)
def _en_measured(doc: Doc, vm: ValueMention) -> None:
    """"CRP measured 12 mg/L", "ferritin came back at 8", "ALT was found to be 88"."""
    a = _name(doc, vm.name)
    doc.b.t(f" {doc.pick(EN['measured'][vm.name.number])} ")
    _finish(doc, vm, a)


@_reg("en", "value", "x_equals", weight=0.8)
def _en_equals(doc: Doc, vm: ValueMention) -> None:
    """"Hb = 10.9", "CRP =12"."""
    a = _name(doc, _cased(doc, vm.name))
    doc.b.t(doc.pick(EN["equals"]))
    _finish(doc, vm, a)


@_reg("en", "value", "x_dash", weight=0.8)
def _en_dash(doc: Doc, vm: ValueMention) -> None:
    """"Hb - 10.9 g/dL"."""
    a = _name(doc, _cased(doc, vm.name))
    doc.b.t(doc.pick(EN["dashes"]))
    _finish(doc, vm, a)


@_reg("en", "value", "x_glued", weight=1.0)
def _en_glued(doc: Doc, vm: ValueMention) -> None:
    """"Hb 10.9g/dL", "ALT 88IU/L"."""
    a = _name(doc, _cased(doc, vm.name))
    doc.b.t(doc.pick([" ", " ", ": "]))
    _finish(doc, vm, a, glue=True)


@_reg("en", "value", "x_unit_before", weight=0.8)
def _en_unit_before(doc: Doc, vm: ValueMention) -> None:
    """"Hb (g/L) 109", "CRP (mg/L): 12"."""
    a = _name(doc, vm.name)
    unit = None
    if vm.unit:
        doc.b.t(" (")
        unit = doc.b.ent(vm.unit, "UNIT")
        doc.b.t(doc.pick([") ", "): "]))
    else:
        doc.b.t(": ")
    value, _, flag = emit_value(doc, replace(vm, unit=None), in_paren=doc.no_ranges)
    doc.relate(vm, a, value, unit, _range(doc, vm), flag)


@_reg("en", "value", "x_unit_after", weight=0.7)
def _en_unit_after(doc: Doc, vm: ValueMention) -> None:
    """"Hb 10.9 (g/dL)"."""
    a = _name(doc, vm.name)
    doc.b.t(doc.pick([" ", ": "]))
    _finish(doc, vm, a, unit_paren=True)


@_reg("en", "value", "x_qual_after", weight=1.2)
def _en_qual_after(doc: Doc, vm: ValueMention) -> None:
    """"ferritin 8 ng/mL (low)", "ALT 88 U/L, raised"."""
    a = _name(doc, vm.name)
    doc.b.t(doc.pick([" ", " ", ": "]))
    value, unit, flag = _emit(doc, vm)
    rng_span = _range(doc, vm)
    pattern = doc.pick(EN["qual_after"]) if rng_span is None and not doc.no_ranges else doc.pick([", {q}", " - {q}"])
    before, after = pattern.split("{q}")
    doc.b.t(before)
    doc.b.ent(doc.qualifier(vm.direction), "QUALIFIER")
    doc.b.t(after)
    doc.relate(vm, a, value, unit, rng_span, flag)


@_reg("en", "value", "x_qual_of", weight=1.0)
def _en_qual_of(doc: Doc, vm: ValueMention) -> None:
    """"a raised CRP of 45 mg/L", "a low ferritin of 8", "raised eosinophils of 1.2"."""
    q = doc.qualifier(vm.direction, attributive=True)
    if vm.name.number == "s":
        doc.b.t(f"{a_an(q)} ")
    doc.b.ent(q, "QUALIFIER")
    doc.b.t(" ")
    a = _name(doc, vm.name)
    doc.b.t(" of ")
    _finish(doc, vm, a)


@_reg("en", "value", "x_on_date", weight=1.0)
def _en_on_date(doc: Doc, vm: ValueMention) -> None:
    """"Hb 10.9 g/dL on 12/03/2024", "CRP (12 March 2024): 12": the date of the sample next to the value."""
    if doc.rng.random() < 0.35:
        before, after = doc.pick(EN["date_before"]).split("{name}")
        doc.b.t(before)
        a = _name(doc, vm.name)
        _date(doc, after)
        _finish(doc, vm, a)
        return
    a = _name(doc, vm.name)
    doc.b.t(doc.pick([" ", ": "]))
    _finish(doc, vm, a)
    options = EN["date_after"] + (() if doc.no_ranges else EN["date_after_time"])
    _date(doc, doc.pick([o for o in options if not (doc.no_ranges and "(" in o)]))


@_reg("en", "value", "x_now", weight=0.9)
def _en_now(doc: Doc, vm: ValueMention) -> None:
    """"CRP now 12", "ferritin today 8 ng/mL", "latest Hb 10.9"."""
    if doc.rng.random() < 0.3:
        doc.b.t(doc.pick(EN["latest"]))
        a = _name(doc, vm.name)
        doc.b.t(doc.pick([" ", " ", ": "]))
    else:
        a = _name(doc, vm.name)
        doc.b.t(doc.pick(EN["now"]))
    _finish(doc, vm, a)


@_reg("en", "value", "x_result", weight=0.9)
def _en_result(doc: Doc, vm: ValueMention) -> None:
    """"ferritin result: 8", "a CRP result of 12", "a result of 45 U/L for ALT"."""
    pattern = doc.pick(EN["result"])
    if pattern.startswith("a result"):
        doc.b.t("a result of ")
        value, unit, flag = _emit(doc, vm)
        doc.b.t(" for ")
        a = _name(doc, vm.name)
        doc.relate(vm, a, value, unit, _range(doc, vm), flag)
        return
    head, rest = pattern.split("{name}")
    if head:
        doc.b.t(f"{a_an(vm.name.text)} ")
    a = _name(doc, vm.name)
    doc.b.t(rest.replace("{v}", ""))
    _finish(doc, vm, a)


@_reg("en", "value", "x_in_brackets", weight=0.8, fits=lambda d, vm: not d.no_ranges)
def _en_in_brackets(doc: Doc, vm: ValueMention) -> None:
    """"ferritin (8 ng/mL)", "Hb (10.9 g/dL; ref 12-16)"."""
    a = _name(doc, vm.name)
    _paren_value(doc, vm, a)


@_reg("en", "value", "x_arrow", weight=8.0, fits=_flagged)
def _en_arrow(doc: Doc, vm: ValueMention) -> None:
    """"ALT ↑ 88 U/L"."""
    a = _name(doc, vm.name)
    doc.b.t(" ")
    flag = doc.b.ent("↑" if vm.flag_gold == "H" else "↓", "FLAG")
    doc.b.t(" ")
    value, unit, _ = emit_value(doc, replace(vm, flag_text=None))
    doc.relate(vm, a, value, unit, _range(doc, vm), flag)


@_reg("en", "value", "x_table", weight=0.8)
def _en_table(doc: Doc, vm: ValueMention) -> None:
    """"Hb<TAB>10.9 g/dL", "CRP     12": pasted from the lab system."""
    a = _name(doc, _cased(doc, vm.name, 0.25))
    doc.b.t(doc.pick(TABLE_GAPS))
    _finish(doc, vm, a)


@_reg("en", "value", "x_case", weight=0.6)
def _en_case(doc: Doc, vm: ValueMention) -> None:
    """"hb 10.9", "crp 12", "FERRITIN 8"."""
    a = _name(doc, _cased(doc, vm.name, 1.0))
    doc.b.t(doc.pick([" ", " ", ": "]))
    _finish(doc, vm, a)


# == English: qualitative results =================================================================================
@_reg("en", "qual", "x_result", weight=1.0, fits=_no_titre)
def _en_q_result(doc: Doc, qm: QualMention) -> None:
    """"QuantiFERON result: negative", "HBsAg came back as negative"."""
    a = _name(doc, qm.name)
    before, after = doc.pick(EN["q_result"]).split("{w}")
    doc.b.t(before)
    _relate_word(doc, qm, a, _qual_word(doc, qm))
    doc.b.t(after)


@_reg("en", "qual", "x_brackets", weight=0.7, fits=_no_titre)
def _en_q_brackets(doc: Doc, qm: QualMention) -> None:
    """"IGRA (negative)"."""
    a = _name(doc, qm.name)
    doc.b.t(" (")
    _relate_word(doc, qm, a, _qual_word(doc, qm))
    doc.b.t(")")


@_reg("en", "qual", "x_dash", weight=0.9, fits=_no_titre)
def _en_q_dash(doc: Doc, qm: QualMention) -> None:
    """"HBsAg - NEGATIVE", "anti-HCV: not detected"."""
    a = _name(doc, _cased(doc, qm.name, 0.1))
    doc.b.t(doc.pick(EN["q_seps"]))
    word = _word(doc, qm.outcome, plain=qm.plain)
    value = doc.b.ent(word.upper() if doc.rng.random() < 0.4 else word, "VALUE")
    _relate_word(doc, qm, a, value)


@_reg("en", "qual", "x_came_back", weight=0.8, verb=True, fits=_no_titre)
def _en_q_came_back(doc: Doc, qm: QualMention) -> None:
    """"QuantiFERON came back negative", "hepatitis C antibody has come back non-reactive"."""
    a = _name(doc, qm.name)
    doc.b.t(f" {doc.pick(EN['q_came_back'][qm.name.number])} ")
    _relate_word(doc, qm, a, _qual_word(doc, qm))


@_reg("en", "qual", "x_for_name", weight=0.8, fits=_no_titre)
def _en_q_for_name(doc: Doc, qm: QualMention) -> None:
    """"negative for HBsAg", "positive for QuantiFERON": the word first."""
    value = doc.b.ent(EN["for_words"][qm.outcome], "VALUE")
    doc.b.t(" for ")
    _relate_word(doc, qm, _name(doc, qm.name), value)


@_reg("en", "qual", "x_titre_pattern", weight=4.0, fits=lambda d, q: q.titre is not None)
def _en_q_titre_pattern(doc: Doc, qm: QualMention) -> None:
    """"ANA positive, titre 1:320", "ANA 1:160 (speckled pattern)"."""
    a = _name(doc, qm.name)
    pattern = doc.pick(EN["titre"])
    if not pattern.startswith((":", " ")):
        doc.b.t(" ")
    value = None
    for piece in _pieces(pattern):
        if piece == "{q}":
            doc.b.ent("positive", "QUALIFIER")
        elif piece == "{t}":
            value = doc.b.ent(qm.titre, "VALUE")
        elif piece == "{pattern}":
            doc.b.t(doc.pick(EN["patterns"]))
        else:
            doc.b.t(piece)
    doc.relate_word(qm.analyte.id, a, value, qm.titre)


@_reg("en", "qual_group", "x_for_names", weight=1.0)
def _en_qg_for_names(doc: Doc, group: list[QualMention]) -> None:
    """"negative for HBsAg, hepatitis C antibody and QuantiFERON"."""
    value = doc.b.ent(EN["for_words"][group[0].outcome], "VALUE")
    doc.b.t(" for ")
    last = doc.pick([" and ", ", and "]) if len(group) > 2 else " and "
    for qm, a in zip(group, _names_list(doc, [q.name for q in group], last)):
        _relate_word(doc, qm, a, value)


@_reg("en", "qual_group", "x_slash", weight=1.0)
def _en_qg_slash(doc: Doc, group: list[QualMention]) -> None:
    """"HBsAg / anti-HCV / IGRA: all negative", "HBsAg, HCV antibody - negative"."""
    spans = _names_sep(doc, [q.name for q in group], doc.pick(EN["group_slash"] + (", ",)))
    pattern = doc.pick(EN["group_all"])
    if len(group) == 2:
        pattern = pattern.replace("all", "both")
    before, after = pattern.split("{w}")
    doc.b.t(before)
    value = doc.b.ent(_word(doc, group[0].outcome, adjective=any(w in before for w in ("all", "both"))), "VALUE")
    doc.b.t(after)
    for qm, a in zip(group, spans):
        _relate_word(doc, qm, a, value)


# == English: judgements without a value ===========================================================================
def _en_plural(nm: NormMention) -> str:
    return "p" if len(nm.names) > 1 or nm.names[0].number == "p" else "s"


@_reg("en", "norm", "x_colon", weight=1.0)
def _en_n_colon(doc: Doc, nm: NormMention) -> None:
    """"FBC: normal", "renal function - within normal limits"."""
    _names_list(doc, nm.names, doc.pick([" and ", ", "]))
    doc.b.t(doc.pick(EN["norm_seps"]))
    doc.b.ent(doc.qualifier(nm.direction), "QUALIFIER")


@_reg("en", "norm", "x_came_back", weight=0.8, verb=True)
def _en_n_came_back(doc: Doc, nm: NormMention) -> None:
    """"FBC came back normal", "LFTs have come back within normal limits"."""
    _names_list(doc, nm.names, " and ")
    verb = doc.pick(EN["norm_came_back"])
    if _en_plural(nm) == "s":
        verb = verb.replace("were", "was").replace("have", "has")
    doc.b.t(f" {verb} ")
    doc.b.ent(doc.qualifier(nm.direction), "QUALIFIER")


@_reg("en", "norm", "x_remain", weight=0.9, verb=True)
def _en_n_remain(doc: Doc, nm: NormMention) -> None:
    """"renal function remains normal", "LFTs remain within normal limits"."""
    _names_list(doc, nm.names, " and ")
    doc.b.t(f" {doc.pick(EN['norm_remain'][_en_plural(nm)])} ")
    doc.b.ent(doc.qualifier(nm.direction), "QUALIFIER")


@_reg("en", "norm", "x_otherwise", weight=0.8)
def _en_n_otherwise(doc: Doc, nm: NormMention) -> None:
    """"otherwise normal FBC and renal function", "an otherwise unremarkable lipid profile"."""
    q = doc.qualifier(nm.direction, attributive=True)
    doc.b.t(doc.pick(["otherwise ", "otherwise ", "an otherwise " if nm.names[0].number == "s" and
                      len(nm.names) == 1 else "otherwise "]))
    doc.b.ent(q, "QUALIFIER")
    doc.b.t(" ")
    _names_list(doc, nm.names, " and ")


@_reg("en", "norm", "x_brackets", weight=0.6)
def _en_n_brackets(doc: Doc, nm: NormMention) -> None:
    """"FBC (normal)"."""
    _names_list(doc, nm.names, " and ")
    doc.b.t(" (")
    doc.b.ent(doc.qualifier(nm.direction), "QUALIFIER")
    doc.b.t(")")


# == English: trends and pairs =====================================================================================
def _en_trend_slots(doc: Doc) -> dict[str, str]:
    earlier = doc.drawn - dt.timedelta(days=doc.rng.randint(28, 200))
    return {"date": f"[[{doc.date(earlier)}|date]]", "months": f"[[{doc.rng.randint(2, 6)}|duration]]",
            "month": MONTHS_SHORT[earlier.month - 1]}


@_reg("en", "trend", "x_compared", weight=1.0)
def _en_t_compared(doc: Doc, pair: tuple[ValueMention, ValueMention]) -> None:
    """"ferritin 8 ng/mL, down from 15 in January", "ALT 88 U/L (up from 40 previously)"."""
    before, now = pair
    a = _name(doc, now.name)
    doc.b.t(doc.pick([" ", ": "]))
    v2, unit = _plain_value(doc, now)
    words = doc.pick(EN["trend_down"] if _down(before, now) else EN["trend_up"])
    opener = doc.pick([", ", " ", " ("]) if not doc.no_ranges else doc.pick([", ", " "])
    doc.b.t(f"{opener}{words} ")
    v1 = doc.b.ent(before.value_text, "VALUE")
    unit1 = unit
    if unit and doc.rng.random() < 0.3:
        doc.b.t(" ")
        unit1 = doc.b.ent(before.unit, "UNIT")
    doc.b.say(doc.pick(EN["trend_when"]).format(**_en_trend_slots(doc)))
    if opener == " (":
        doc.b.t(")")
    doc.relate(before, a, v1, unit1, None, None)
    doc.relate(now, a, v2, unit, None, None)


@_reg("en", "trend", "x_arrow", weight=1.0)
def _en_t_arrow(doc: Doc, pair: tuple[ValueMention, ValueMention]) -> None:
    """"CRP 45 → 12 mg/L"."""
    first, last = pair
    a = _name(doc, first.name)
    doc.b.t(doc.pick([" ", ": "]))
    v1 = doc.b.ent(first.value_text, "VALUE")
    doc.b.t(doc.pick(EN["trend_arrow"]))
    v2, unit = _plain_value(doc, last)
    doc.relate(first, a, v1, unit, None, None)
    doc.relate(last, a, v2, unit, None, None)


@_reg("en", "trend", "x_nominal", weight=1.0)
def _en_t_nominal(doc: Doc, pair: tuple[ValueMention, ValueMention]) -> None:
    """"a fall in CRP from 45 to 12 mg/L", "a rise in ALT from 40 to 88 U/L"."""
    first, last = pair
    doc.b.t(doc.pick(EN["trend_noun_down"] if _down(first, last) else EN["trend_noun_up"]) + " in ")
    if doc.rng.random() < 0.3:
        doc.b.t("the ")
    a = _name(doc, first.name)
    doc.b.t(" from ")
    v1 = doc.b.ent(first.value_text, "VALUE")
    doc.b.t(" to ")
    v2, unit = _plain_value(doc, last)
    doc.relate(first, a, v1, unit, None, None)
    doc.relate(last, a, v2, unit, None, None)


@_reg("en", "trend", "x_previously", weight=1.0, fits=lambda d, p: not d.no_ranges)
def _en_t_previously(doc: Doc, pair: tuple[ValueMention, ValueMention]) -> None:
    """"CRP 12 mg/L (previously 45)", "Hb 10.9 g/dL (prev. 12.1 on 03/01/2024)"."""
    before, now = pair
    a = _name(doc, now.name)
    doc.b.t(doc.pick([" ", ": "]))
    v2, unit = _plain_value(doc, now)
    head, tail = doc.pick(EN["trend_was"]).split("{v}")
    slots = _en_trend_slots(doc)
    doc.b.t(" (")
    doc.b.say(head.format(**slots))
    v1 = doc.b.ent(before.value_text, "VALUE")
    doc.b.say(tail.format(**slots))
    doc.b.t(")")
    doc.relate(before, a, v1, unit, None, None)
    doc.relate(now, a, v2, unit, None, None)


@_reg("en", "pair", "x_colon", weight=1.0)
def _en_p_colon(doc: Doc, pair: tuple[ValueMention, ValueMention]) -> None:
    """"AST and ALT: 45 and 60 U/L"."""
    first, second = pair
    a1 = _name(doc, first.name)
    doc.b.t(" and ")
    a2 = _name(doc, second.name)
    doc.b.t(doc.pick(EN["pair_links"]))
    v1 = doc.b.ent(first.value_text, "VALUE")
    doc.b.t(" and ")
    v2, unit = _plain_value(doc, second)
    doc.relate(first, a1, v1, unit, None, None)
    doc.relate(second, a2, v2, unit, None, None)


@_reg("en", "pair", "x_both_units", weight=1.0)
def _en_p_both_units(doc: Doc, pair: tuple[ValueMention, ValueMention]) -> None:
    """"AST 45 U/L, ALT 60 U/L": each value with its own unit."""
    first, second = pair
    a1 = _name(doc, first.name)
    doc.b.t(" ")
    v1, u1 = _plain_value(doc, first)
    doc.b.t(doc.pick([", ", "; ", " - "]))
    a2 = _name(doc, second.name)
    doc.b.t(" ")
    v2, u2 = _plain_value(doc, second)
    doc.relate(first, a1, v1, u1, None, None)
    doc.relate(second, a2, v2, u2, None, None)


@_reg("en", "pair", "x_slash", weight=1.0)
def _en_p_slash(doc: Doc, pair: tuple[ValueMention, ValueMention]) -> None:
    """"AST/ALT 45 / 60 U/L"."""
    first, second = pair
    a1 = _name(doc, first.name)
    doc.b.t("/")
    a2 = _name(doc, second.name)
    doc.b.t(doc.pick([" ", ": "]))
    v1 = doc.b.ent(first.value_text, "VALUE")
    doc.b.t(" / ")
    v2, unit = _plain_value(doc, second)
    doc.relate(first, a1, v1, unit, None, None)
    doc.relate(second, a2, v2, unit, None, None)


# == frames (both languages) ======================================================================================
_TABLES = {"it": IT, "en": EN}
_SIMPLE = ("compact", "colon", "simple", "shared", "x_di", "x_attaccato", "x_ora", "x_equals", "x_glued", "x_now",
           "x_level", "x_esito", "x_result", "x_prima", "x_for_names", "x_due_punti", "x_freccia", "x_arrow")


def _pronouns(doc: Doc) -> dict[str, str]:
    f = doc.sex == "F"
    return {"She": "She" if f else "He", "she": "she" if f else "he", "Her": "Her" if f else "His",
            "her": "her" if f else "him", "pat": "la paziente" if f else "il paziente"}


def _fill(doc: Doc, text: str) -> str:
    """Pronouns filled; ``{date}`` stays for :func:`_lead` (or :func:`_date`)."""
    return text.format(date="{date}", **_pronouns(doc))


def _lines(doc: Doc, items: list[Item]) -> None:
    t = _TABLES[doc.lang]
    _lead(doc, [_fill(doc, x) for x in t["lead_lines"]], verbs=False)
    end = doc.pick(["", "", "", ";"])
    for i, item in enumerate(items):
        doc.b.t("\n")
        render(doc, item)
        doc.b.t("." if i == len(items) - 1 and end else end)


def _separated(doc: Doc, items: list[Item]) -> None:
    t = _TABLES[doc.lang]
    _lead(doc, [_fill(doc, x) for x in t["lead_separated"]], verbs=False)
    sep = doc.pick(t["separators"])
    join(doc, items, sep=sep, last=sep)
    doc.b.t(doc.pick([".", "", "."]))


def _numbered(doc: Doc, items: list[Item]) -> None:
    t = _TABLES[doc.lang]
    _lead(doc, [_fill(doc, x) for x in t["lead_numbered"]], verbs=False)
    style, end = doc.pick(t["numbers"]), doc.pick(["", ";", ""])
    for i, item in enumerate(items):
        doc.b.t("\n")
        number, rest = style.split("{n}")[0], style.split("{n}")[1]
        doc.b.t(number)
        doc.b.neg(str(i + 1), "list")
        doc.b.t(rest)
        render(doc, item)
        doc.b.t("." if i == len(items) - 1 else end)


def _parenthetical(doc: Doc, items: list[Item]) -> None:
    """"Recenti esami ematochimici (Hb 10,9 g/dL, PLT 450.000/mmc, PCR 12 mg/L) vengono visionati in data odierna."
    Inside the brackets no range is printed (they would nest) and the items are the short forms."""
    t = _TABLES[doc.lang]
    doc.lead_given = False
    doc.verbs_ok = False
    doc.b.cap_next = True
    _date(doc, _fill(doc, doc.pick(t["paren_intro"])))
    doc.b.t(" (")
    was, doc.no_ranges = doc.no_ranges, True
    sep = doc.pick([", ", "; "])
    for i, item in enumerate(items):
        if i:
            doc.b.t(sep)
        render(doc, item, only=_SIMPLE)
    doc.no_ranges = was
    doc.b.t(")")
    doc.b.t(_fill(doc, doc.pick(t["paren_outro"])) + ".")


def _with(doc: Doc, items: list[Item], key: str) -> None:
    _lead(doc, [_fill(doc, x) for x in _TABLES[doc.lang][key]], verbs=False)
    join(doc, items)
    doc.b.t(".")


def _openers(doc: Doc, items: list[Item]) -> None:
    doc.lead_given, doc.verbs_ok = False, True
    options = list(_TABLES[doc.lang]["openers"])
    for i, item in enumerate(items):
        if i:
            doc.b.t(" ")
        text, verbs, _ = doc.pick([o for o in options if i or o[2]])
        if text:
            options = [o for o in options if o[0] != text]
        doc.b.cap_next = True
        doc.b.t(text)
        doc.verbs_ok = verbs
        render(doc, item)
        doc.b.t(".")
    doc.verbs_ok = True


def _it_con(doc: Doc, items: list[Item]) -> None:
    _with(doc, items, "lead_con")


def _en_with(doc: Doc, items: list[Item]) -> None:
    _with(doc, items, "lead_with")


def _no_heading(doc: Doc, items: list[Item]) -> bool:
    return not doc.lead_given


# name, function, weight, fits
FRAMES = {
    "it": (("x_righe", _lines, 1.2, None), ("x_separati", _separated, 1.0, None), ("x_numerati", _numbered, 0.9, None),
           ("x_parentesi", _parenthetical, 1.6, _no_heading), ("x_con", _it_con, 1.0, None),
           ("x_segnalo", _openers, 1.0, None)),
    "en": (("x_lines", _lines, 1.2, None), ("x_separated", _separated, 1.0, None), ("x_numbered", _numbered, 0.9, None),
           ("x_parenthetical", _parenthetical, 1.6, _no_heading), ("x_with", _en_with, 1.0, None),
           ("x_noting", _openers, 1.0, None)),
}
for _lang, _frames in FRAMES.items():
    for _n, _fn, _w, _fits in _frames:
        _reg(_lang, "frame", _n, weight=_w, fits=_fits)(_fn)


# == negatives beside lab values ===================================================================================
# Numbers that are not lab values (scores, doses, vital signs, anthropometrics, dates, durations, histology,
# imaging...: corpora.prose.negatives) in the same sentences as lab values: value forms that add a clause of them
# before or after the result, qualitative, judgement and trend forms with a remark of the same kind, and frames
# that open or interleave a lab passage with them.  The base templates ask for frames by name (``only=``, matched
# against the last dotted part of a form id), so the frames here are registered as ``neg.<base frame>`` and are
# drawn wherever that base frame may be ("neg.intro" beside "intro").  All TUNING forms (held False, no only_for).
from . import negatives as neg  # noqa: E402
from .forms import _header  # noqa: E402

__all__ += ["NEG_FORM_IDS"]
NEG_FORM_IDS: list[str] = []  # filled as the forms below register (they are in EXTRA_FORM_IDS too)
# Topics of a clause that opens a lab passage, of a bullet or list entry among results, of a closing sentence.
NEG_LEAD_TOPICS = ("vitals", "anthropometrics", "scores", "treatment", "courses", "histology", "staging", "imaging",
                   "instrumental", "dermoscopy", "counts", "response", "lifestyle", "skin_cancer_history", "location")
NEG_ENTRY_TOPICS = ("vitals", "anthropometrics", "scores", "treatment", "imaging", "instrumental", "response",
                    "histology", "staging", "dermoscopy", "topicals", "skin_cancer_history")
NEG_END_TOPICS = ("contacts", "location", "treatment", "scores", "vitals", "topicals", "lifestyle", "ages", "when",
                  "skin_cancer_history")
NEG_TAIL_TOPICS = ("treatment", "courses", "timing", "scores")


def _nreg(lang: str, kind: str, name: str, **kw):
    NEG_FORM_IDS.append(f"{lang}.{kind}.{name}")
    return _reg(lang, kind, name, **kw)


def _flat(doc: Doc, arg) -> bool:
    """Not inside brackets already open (the clauses may open their own)."""
    return not doc.no_ranges


def _value_then(doc: Doc, vm: ValueMention, topic: str) -> None:
    """"Hb 10,9 g/dL con PASI 12,4", "ALT 88 U/L in corso di metotrexato 15 mg/settimana"."""
    a = _name(doc, vm.name)
    doc.b.t(doc.pick([" ", " ", ": "]))
    value, unit, flag = _emit(doc, vm)
    rng_span = _range(doc, vm)
    doc.relate(vm, a, value, unit, rng_span, flag)
    neg.inline(doc, topic, paren_ok=rng_span is None and flag is None)


def _topic_then(doc: Doc, vm: ValueMention, topic: str) -> None:
    """"PASI 12,4 e Hb 10,9 g/dL", "PA 130/80 mmHg, PCR 12 mg/L": the clause first (only where a clause may
    start: after a colon, at the start of a sentence or of a list entry)."""
    neg.before(doc, topic)
    a = _name(doc, vm.name)
    doc.b.t(doc.pick([" ", " ", ": "]))
    _finish(doc, vm, a)


def _either(doc: Doc, vm: ValueMention, topic: str, first: float) -> None:
    if doc.verbs_ok and doc.rng.random() < first:
        _topic_then(doc, vm, topic)
    else:
        _value_then(doc, vm, topic)


def _n_score(doc: Doc, vm: ValueMention) -> None:
    """"Hb 10,9 g/dL con PASI 12,4", "UAS7 28, IgE totali 450 UI/ml", "eosinophils 1.2 x10^9/L (BPDAI 32)", "LDH
    250 U/L (Breslow 1,2 mm)"."""
    _either(doc, vm, neg.score_topic(doc), 0.35)


def _n_therapy(doc: Doc, vm: ValueMention) -> None:
    """"ALT 88 U/L dopo 4 settimane di metotrexato 15 mg/settimana", "Hb 11.2 g/dL after 4 cycles of ..."."""
    _value_then(doc, vm, "courses" if doc.rng.random() < 0.25 else "treatment")


def _n_vitals(doc: Doc, vm: ValueMention) -> None:
    """"PCR 12 mg/L, T 37,8 °C", "BP 130/80, glucose 7.1 mmol/L", "glicemia 126 mg/dl (BMI 31,2)"."""
    _either(doc, vm, "vitals" if doc.rng.random() < 0.7 else "anthropometrics", 0.35)


def _n_when(doc: Doc, vm: ValueMention) -> None:
    """"ferritina 8 ng/ml a 3 mesi dal controllo precedente", "CRP 45 mg/L on day 3 of admission", "at 6/52"."""
    _value_then(doc, vm, "timing" if doc.rng.random() < 0.75 else "when")


def _n_context(doc: Doc, vm: ValueMention) -> None:
    """A remark of the disease beside the value: "LDH 250 U/L (Breslow 1,2 mm, pT2a)", "ALT 35 U/L; ex-smoker
    (20 pack-years)"."""
    topics = neg.CONTEXT_TOPICS.get(neg.family(doc), neg.CONTEXT_TOPICS["generic"])
    _either(doc, vm, doc.pick(topics), 0.3)


def _n_q_context(doc: Doc, qm: QualMention) -> None:
    """"Quantiferon negativo (RX torace del 12/03/2023 negativo)", "HBsAg negative, vaccinated in 1998"."""
    a = _name(doc, qm.name)
    doc.b.t(doc.pick([" ", " ", ": "]))
    _relate_word(doc, qm, a, _qual_word(doc, qm))
    neg.serology_context(doc, qm.analyte.id)


def _n_n_when(doc: Doc, nm: NormMention) -> None:
    """"emocromo nella norma a 4 settimane dall'avvio della terapia", "LFTs normal at week 12"."""
    _names_list(doc, nm.names, " e " if doc.lang == "it" else " and ")
    doc.b.t(" ")
    if doc.lang == "it":
        g, n = (nm.names[0].gender, nm.names[0].number) if len(nm.names) == 1 else (_group_gender(nm.names), "p")
        doc.b.ent(doc.qualifier(nm.direction, Name("", g, n)), "QUALIFIER")
    else:
        doc.b.ent(doc.qualifier(nm.direction), "QUALIFIER")
    neg.inline(doc, "timing", paren_ok=False)


def _n_t_tail(doc: Doc, pair: tuple[ValueMention, ValueMention]) -> None:
    """"ALT scesa da 88 a 45 U/L dopo riduzione della dose a 10 mg/settimana", "CRP fell from 120 to 15 mg/L over
    6 weeks, with PASI down from 18 to 4"."""
    FORMS["it.trend.da_a" if doc.lang == "it" else "en.trend.from_to"].fn(doc, pair)
    neg.trend_tail(doc)


def _f_intro(doc: Doc, items: list[Item]) -> None:
    """One sentence with the clinical numbers and the results: "PA 130/80 mmHg, FC 72 bpm; agli esami del
    12/03/2024: Hb 10,9 g/dL, ...", "12 weeks into dupilumab 300 mg every 2 weeks, bloods show ...", "Bloods showed
    ... on methotrexate 15 mg weekly"."""
    words = neg.FRAME_WORDS[doc.lang]
    if doc.lead_given:  # after the template's own heading ("Esami in visione: "): results, then a remark
        doc.lead_given, doc.verbs_ok = False, True
        join(doc, items)
        neg.inline(doc, neg.pick_topic(doc, NEG_TAIL_TOPICS), paren_ok=False)
        doc.b.t(".")
        return
    style = doc.pick(("clinical", "clinical", "time", "tail"))
    doc.b.cap_next = True
    if style == "clinical":
        neg.clause(doc, neg.pick_topic(doc, NEG_LEAD_TOPICS))
        lead = doc.pick(words["then_labs"])
    elif style == "time":
        neg.write(doc, doc.pick(words["time_leads"]))
        neg.clause(doc, "treatment", 1)
        lead = doc.pick(words["time_then"])
    else:
        lead = doc.pick(words["lab_leads"])
    neg.write(doc, lead)
    doc.verbs_ok = lead.rstrip().endswith(":")
    join(doc, items)
    if style == "tail" or doc.rng.random() < 0.3:
        neg.inline(doc, neg.pick_topic(doc, NEG_TAIL_TOPICS), paren_ok=False)
    doc.b.t(".")
    doc.verbs_ok = True


def _f_sentences(doc: Doc, items: list[Item]) -> None:
    """Results as sentences with clinical sentences between them ("Peso 82 kg, BMI 26,8. Hb 10,9 g/dL. PASI 12,
    DLQI 9."), now and then a remark in the same sentence as a result."""
    doc.lead_given = False
    slots = len(items) + 1
    extra = set(doc.rng.sample(range(slots), min(slots, doc.pick((1, 1, 2)))))
    started = False
    for i in range(slots):
        if i in extra:
            doc.b.t(" " if started else "")
            neg.sentence(doc, neg.pick_topic(doc, NEG_END_TOPICS if i == len(items) else NEG_LEAD_TOPICS))
            started = True
        if i < len(items):
            doc.b.t(" " if started else "")
            doc.b.cap_next, doc.verbs_ok = True, True
            render(doc, items[i])
            if items[i].kind in ("value", "trend", "norm") and doc.rng.random() < 0.3:
                neg.inline(doc, neg.pick_topic(doc, NEG_TAIL_TOPICS), paren_ok=False)
            doc.b.t(".")
            started = True
    doc.verbs_ok = True


def _entries(doc: Doc, items: list[Item], exams_only: bool) -> list[Item | None]:
    """The items with one to three entries of clinical numbers (None) among them (one exam after a heading of
    results)."""
    entries: list[Item | None] = list(items)
    for _ in range(1 if exams_only else doc.pick((1, 1, 2, 3))):
        entries.insert(doc.rng.randint(0, len(entries)), None)
    return entries


def _entry(doc: Doc, entry: Item | None, exams_only: bool) -> None:
    if entry is not None:
        render(doc, entry)
    else:
        exams = "imaging" if neg.family(doc) == "melanoma" else "instrumental"
        neg.clause(doc, exams if exams_only else neg.pick_topic(doc, NEG_ENTRY_TOPICS), 1 if exams_only else
                   doc.pick((1, 1, 2)))


def _f_bullets(doc: Doc, items: list[Item]) -> None:
    """A list where some lines are clinical numbers ("- PA 130/80 mmHg", "- PASI 12,4, BSA 15%"); after the
    template's heading of results only instrumental exams ("- RX torace del 12/03/2023 negativo")."""
    exams_only = doc.lead_given
    if doc.lead_given:
        doc.lead_given = False
    else:
        doc.b.cap_next = True
        neg.write(doc, doc.pick(neg.FRAME_WORDS[doc.lang]["bullet_leads"]))
    doc.verbs_ok = True
    mark, end = doc.pick(["- ", "• ", "– ", "- "]), doc.pick(["", "", ";", ","])
    entries = _entries(doc, items, exams_only)
    for i, entry in enumerate(entries):
        doc.b.t(f"\n{mark}")
        _entry(doc, entry, exams_only)
        doc.b.t("." if i == len(entries) - 1 and end else end)


def _f_semicolon(doc: Doc, items: list[Item]) -> None:
    """"Parametri ed esami: PA 130/80 mmHg; Hb 10,9 g/dL; PASI 12; PCR 12 mg/L."."""
    exams_only = doc.lead_given
    if doc.lead_given:
        doc.lead_given = False
    else:
        doc.b.cap_next = True
        neg.write(doc, doc.pick(neg.FRAME_WORDS[doc.lang]["semicolon_leads"]))
    doc.verbs_ok = True
    for i, entry in enumerate(_entries(doc, items, exams_only)):
        doc.b.t("; " if i else "")
        _entry(doc, entry, exams_only)
    doc.b.t(".")


def _f_header(doc: Doc, items: list[Item]) -> None:
    """Panel headings with a line of clinical numbers before or after them ("Parametri vitali: PA 130/80 mmHg,
    FC 72 bpm.\\nEmocromo: Hb 10,9 g/dL ...")."""
    doc.lead_given, doc.verbs_ok = False, True
    topic = neg.pick_topic(doc, tuple(neg.HEADINGS))
    heading = doc.pick(neg.HEADINGS[topic][doc.lang]) + doc.pick([": ", ": ", " - "])
    last = " e " if doc.lang == "it" else " and "
    if doc.rng.random() < 0.5:
        doc.b.t(heading)
        neg.clause(doc, topic)
        doc.b.t(".\n")
        _header(doc, items, last)
    else:
        _header(doc, items, last)
        doc.b.t(f"\n{heading}")
        neg.clause(doc, topic)
        doc.b.t(".")


# name, function, weight, fits (the same in both languages)
NEG_FORMS = {
    "value": (("n_score", _n_score, 3.5, _flat), ("n_therapy", _n_therapy, 3.0, _flat),
              ("n_vitals", _n_vitals, 2.6, _flat), ("n_when", _n_when, 2.4, _flat),
              ("n_context", _n_context, 2.5, _flat)),
    "qual": (("n_q_context", _n_q_context, 1.2,
              lambda d, q: q.titre is None and q.analyte.id in neg.SEROLOGY and not d.no_ranges),),
    "norm": (("n_n_when", _n_n_when, 1.0, _flat),),
    "trend": (("n_t_tail", _n_t_tail, 1.0, _flat),),
    "frame": (("neg.intro", _f_intro, 2.2, None), ("neg.sentences", _f_sentences, 1.2, None),
              ("neg.bullets", _f_bullets, 1.2, None), ("neg.semicolon", _f_semicolon, 0.8, None),
              ("neg.header", _f_header, 1.2, lambda d, items: len(items) >= 3)),
}
for _lang in ("it", "en"):
    for _kind, _forms in NEG_FORMS.items():
        for _n, _fn, _w, _fits in _forms:
            _nreg(_lang, _kind, _n, weight=_w, fits=_fits)(_fn)

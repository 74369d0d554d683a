"""Held-out sentence forms of the second-opinion letters (templates ``*_second_opinion``), written blind.

A consultant at a tertiary referral centre summarises the outside results a patient brought: values judged first
and given in brackets after ("ferritina nettamente sotto il limite basso (8 ng/ml; limiti lab. 15-150)"), values
with the date they were taken, the outside lab's reference limits under labels of their own, units glued to the
number ("PCR 12mg/L"), two tests and two values split by slashes ("AST/ALT 45 / 60 U/L"), a value per date ("ALT
88 al 03/02/2024, 61 U/L al 10/04/2024"), results only described by the outside report ("TSH riferito nella
norma (referto non in visione)"), serology screens, ANA to a dilution, and lists that run across lines.  Doses and
report numbers sit next to the values as negatives.

Every form here is registered ``held=True, only_for=("<lang>_second_opinion",)``, so only those templates draw
them and every other template's documents stay as they were.
"""

from __future__ import annotations

import datetime as dt

from .builder import Doc, Span, ValueMention, a_an, emit_value
from .forms import (Item, NormMention, QualMention, _directional, _group_gender, _lead, _name, _names_list,
                    _relate_word, _word, form, render)
from .lexicon import Name, agree, article

__all__ = ["SECOND_OPINION", "OWN_NAMES"]

SECOND_OPINION = {"it": ("it_second_opinion",), "en": ("en_second_opinion",)}

# Judgement words of these letters (QUALIFIER), their own: none is a word of the other tables.
_JUDGE = {
    "it": {"H": ("nettamente sopra il limite alto", "in eccesso", "fuori range verso l'alto", "francamente patologic@",
                 "oltre la soglia del laboratorio"),
           "L": ("nettamente sotto il limite basso", "in difetto", "fuori range verso il basso",
                 "francamente patologic@", "sotto la soglia del laboratorio"),
           "N": ("nei valori attesi", "non patologic@", "senza anomalie", "perfettamente in ordine")},
    "en": {"H": ("over the upper limit", "frankly abnormal", "well over the lab's cut-off", "high for their lab",
                 "out of range upwards"),
           "L": ("under the lower limit", "frankly abnormal", "well under the lab's cut-off", "low for their lab",
                 "out of range downwards"),
           "N": ("within expected limits", "perfectly acceptable", "not abnormal", "reassuring")},
}
# Labels before the outside lab's reference limits (outside the RANGE span).
_LIMITS = {"it": ("limiti lab.", "valori attesi", "rif. lab. esterno", "limiti del laboratorio"),
           "en": ("their range", "outside lab range", "lab limits", "ref. values")}
_LIMITS_PHRASE = {"it": (", a fronte di valori attesi ", ", con limiti del laboratorio di "),
                  "en": (", against their range of ", ", with the lab quoting ")}

# The names of the forms below: the frames of these letters prefer them.
OWN_NAMES = ("documentata", "colloca", "giudizio", "data_davanti", "attaccata", "articolo", "secondo_lab",
             "qual_data", "refertato", "diluizione", "screening", "descritto", "riferito", "per_data", "barra",
             "recorded", "sitting", "judged", "dated_first", "glued", "extreme", "per_lab", "qual_dated",
             "reported_as", "dilution", "screen", "described", "said_to_be", "by_date", "slash")


def _judge(doc: Doc, direction: str, name: Name | None = None) -> str:
    text = doc.pick(_JUDGE[doc.lang][direction])
    return agree(text, name.gender, name.number) if doc.lang == "it" and name is not None else text


def _limits(doc: Doc, vm: ValueMention, inner: bool = False) -> Span | None:
    """The outside lab's limits after a value: " (limiti lab. 15-150)", ", against their range of 15-150";
    ``inner``: "; lab limits 15-150" inside a parenthesis already open."""
    if not vm.range_text or doc.no_ranges:
        return None
    b = doc.b
    if inner:
        b.t(f"; {doc.pick(_LIMITS[doc.lang])} ")
    elif doc.rng.random() < 0.3:
        b.t(doc.pick(_LIMITS_PHRASE[doc.lang]))
    else:
        label = doc.pick(_LIMITS[doc.lang])
        b.t(f" ({label}{doc.pick([' ', ': '])}")
        span = b.ent(vm.range_text, "RANGE")
        b.t(")")
        return span
    return b.ent(vm.range_text, "RANGE")


def _close(doc: Doc, vm: ValueMention, analyte: Span, *, in_paren: bool = False) -> None:
    """Number, unit, flag and the outside limits, related to ``analyte``."""
    value, unit, flag = emit_value(doc, vm, in_paren=in_paren)
    doc.relate(vm, analyte, value, unit, _limits(doc, vm, inner=in_paren), flag)


def _near_date(doc: Doc) -> None:
    """A date a few days from the bloods of this passage (a negative)."""
    day = doc.drawn + dt.timedelta(days=doc.rng.randint(1, 9))
    doc.b.neg(doc.date(day, "num" if doc.rng.random() < 0.6 else None), "date")


def _gap(unit: str) -> str:
    """What goes between a number and its unit: nothing before "/mmc" or "%", a space otherwise."""
    return "" if unit.startswith(("/", "%")) else " "


def _no_paren(doc: Doc, _arg) -> bool:
    return not doc.no_ranges


def _singular(doc: Doc, vm: ValueMention) -> bool:
    return vm.name.number == "s"


def _gluable(doc: Doc, vm: ValueMention) -> bool:
    """A unit that reads glued to its number ("12mg/L", "8ng/mL"), not a power of ten ("x10^9/L", "10^3/µL")."""
    return bool(vm.unit) and isinstance(vm.value_gold, float) and vm.unit[0].isalpha() and \
        vm.unit[0] not in "xX×KM"


# == Italian =====================================================================================================
_IT = SECOND_OPINION["it"]


@form("it", "value", "documentata", held=True, weight=2, only_for=_IT)
def _it_documentata(doc: Doc, vm: ValueMention) -> None:
    """ "ferritina documentata a 8 ng/ml" """
    a = _name(doc, vm.name)
    doc.b.t(agree(doc.pick([" documentat@ a ", " documentat@ a ", " documentat@ pari a "]), vm.name.gender,
                  vm.name.number))
    _close(doc, vm, a)


@form("it", "value", "colloca", held=True, weight=1.5, only_for=_IT)
def _it_colloca(doc: Doc, vm: ValueMention) -> None:
    """ "PCR che si colloca a 12 mg/L", "piastrine collocate a 450.000/mmc" """
    a = _name(doc, vm.name)
    doc.b.t(agree(doc.pick([" che si colloc% a ", " collocat@ a ", ", che si colloc% a "]), vm.name.gender,
                  vm.name.number))
    _close(doc, vm, a)


@form("it", "value", "giudizio", held=True, weight=3, fits=_no_paren, only_for=_IT)
def _it_giudizio(doc: Doc, vm: ValueMention) -> None:
    """ "ferritina nettamente sotto il limite basso (8 ng/ml; limiti lab. 15-150, prelievo del 12/03/2024)":
    judgement first, the value in brackets after it."""
    a = _name(doc, vm.name)
    doc.b.t(" ")
    doc.b.ent(_judge(doc, vm.direction, vm.name), "QUALIFIER")
    doc.b.t(" (")
    _close(doc, vm, a, in_paren=True)
    if doc.rng.random() < 0.3:
        doc.b.t(doc.pick([", prelievo del ", ", in data "]))
        _near_date(doc)
    doc.b.t(")")


@form("it", "value", "data_davanti", held=True, weight=2, only_for=_IT)
def _it_data_davanti(doc: Doc, vm: ValueMention) -> None:
    """ "GB al 14/05/2023: 3.900/mmc", "creatinina (ricontrollata il 14/05/2023) 1,3 mg/dl" """
    a = _name(doc, vm.name)
    style = doc.rng.randrange(3)
    if style == 0:
        doc.b.t(" al ")
        _near_date(doc)
        doc.b.t(": ")
    elif style == 1:
        doc.b.t(agree(" (ricontrollat@ il ", vm.name.gender, vm.name.number))
        _near_date(doc)
        doc.b.t(") ")
    else:
        doc.b.t(", in data ")
        _near_date(doc)
        doc.b.t(", ")
    _close(doc, vm, a)


@form("it", "value", "attaccata", held=True, weight=1.5, fits=_gluable, only_for=_IT)
def _it_attaccata(doc: Doc, vm: ValueMention) -> None:
    """ "PCR 12mg/L", "Hb 10,9g/dl": the unit glued to the number."""
    vm.glue = True
    a = _name(doc, vm.name)
    doc.b.t(doc.pick([" ", " ", " di "]))
    _close(doc, vm, a)


@form("it", "value", "articolo", held=True, weight=2, fits=_singular, only_for=_IT)
def _it_articolo(doc: Doc, vm: ValueMention) -> None:
    """ "una ferritina di 8 ng/ml", "un'emoglobina di 10,9 g/dL", "un TSH di 4,2" """
    art = article(vm.name)
    if art == "l'":
        doc.b.t("un'" if vm.name.gender == "f" else "un ")
    else:
        doc.b.t({"lo": "uno ", "la": "una ", "il": "un "}.get(art, "una " if vm.name.gender == "f" else "un "))
    a = _name(doc, vm.name)
    doc.b.t(" di ")
    _close(doc, vm, a)


@form("it", "value", "secondo_lab", held=True, weight=1.5, only_for=_IT)
def _it_secondo_lab(doc: Doc, vm: ValueMention) -> None:
    """ "VES 38 mm/h secondo il laboratorio di provenienza", "LDH, stando al referto esterno, 245 U/L" """
    a = _name(doc, vm.name)
    if doc.rng.random() < 0.5:
        doc.b.t(doc.pick([", stando al referto esterno, ", ", secondo il laboratorio inviante, "]))
        _close(doc, vm, a)
    else:
        doc.b.t(" ")
        _close(doc, vm, a)
        doc.b.t(doc.pick([" secondo il laboratorio di provenienza"] if doc.b.ends_with(")") or doc.no_ranges else
                         [" secondo il laboratorio di provenienza", " (dato del laboratorio esterno)"]))


@form("it", "qual", "qual_data", held=True, weight=1.5, only_for=_IT)
def _it_q_data(doc: Doc, qm: QualMention) -> None:
    """ "HBsAg (12/03/2024): negativo", "Quantiferon del 12/03/2024 negativo" """
    a = _name(doc, qm.name)
    if doc.rng.random() < 0.5 and not doc.no_ranges:
        doc.b.t(" (")
        _near_date(doc)
        doc.b.t("): ")
    else:
        doc.b.t(" del ")
        _near_date(doc)
        doc.b.t(" ")
    _relate_word(doc, qm, a, doc.b.ent(_word(doc, qm.outcome, qm.name.gender, qm.name.number, plain=qm.plain),
                                        "VALUE"))


@form("it", "qual", "refertato", held=True, weight=2, fits=lambda d, q: q.titre is None, only_for=_IT)
def _it_q_refertato(doc: Doc, qm: QualMention) -> None:
    """ "anti-HCV refertati come negativi" """
    a = _name(doc, qm.name)
    doc.b.t(agree(doc.pick([" refertat@ come ", " riportat@ come "]), qm.name.gender, qm.name.number))
    _relate_word(doc, qm, a, doc.b.ent(_word(doc, qm.outcome, qm.name.gender, qm.name.number, plain=qm.plain),
                                        "VALUE"))


@form("it", "qual", "diluizione", held=True, weight=5, fits=lambda d, q: q.titre is not None, only_for=_IT)
def _it_q_diluizione(doc: Doc, qm: QualMention) -> None:
    """ "ANA positivi fino alla diluizione 1:160 (pattern speckled)" """
    a = _name(doc, qm.name)
    doc.b.t(" ")
    doc.b.ent(agree("positiv@", qm.name.gender, qm.name.number), "QUALIFIER")
    doc.b.t(doc.pick([" fino alla diluizione ", " alla diluizione di ", " con diluizione "]))
    doc.relate_word(qm.analyte.id, a, doc.b.ent(qm.titre, "VALUE"), qm.titre)
    if doc.rng.random() < 0.5:
        doc.b.t(doc.pick([" (pattern speckled)", " (pattern omogeneo)", ", pattern nucleolare"]))


@form("it", "qual_group", "screening", held=True, weight=1, only_for=_IT)
def _it_qg_screening(doc: Doc, group: list[QualMention]) -> None:
    """ "screening sierologico negativo (HBsAg, anti-HCV e Quantiferon)", "sierologie per HBsAg e anti-HCV
    negative" """
    if doc.rng.random() < 0.5 and not doc.no_ranges:
        infections = all(q.analyte.id != "ana" for q in group)
        doc.b.t(doc.pick(["screening sierologico ", "screening infettivologico "] if infections else
                         ["screening sierologico "]))
        value = doc.b.ent(_word(doc, group[0].outcome, "m", "s"), "VALUE")
        doc.b.t(" (")
        spans = _names_list(doc, [q.name for q in group], doc.pick([" e ", ", "]))
        doc.b.t(")")
    else:
        doc.b.t("sierologie per ")
        spans = _names_list(doc, [q.name for q in group], " e ")
        doc.b.t(" ")
        value = doc.b.ent(_word(doc, group[0].outcome, "f", "p"), "VALUE")
    for qm, a in zip(group, spans):
        _relate_word(doc, qm, a, value)


def _it_norm_names(doc: Doc, nm: NormMention) -> Name:
    _names_list(doc, nm.names, " e ")
    if len(nm.names) == 1:
        return nm.names[0]
    return Name("", _group_gender(nm.names), "p")


@form("it", "norm", "descritto", held=True, weight=2, only_for=_IT)
def _it_n_descritto(doc: Doc, nm: NormMention) -> None:
    """ "funzionalità renale descritta come nei valori attesi", "emocromo senza anomalie nel referto esterno" """
    name = _it_norm_names(doc, nm)
    if doc.rng.random() < 0.5:
        doc.b.t(agree(" descritt@ come ", name.gender, name.number))
        doc.b.ent(_judge(doc, nm.direction, name), "QUALIFIER")
    else:
        doc.b.t(" ")
        doc.b.ent(_judge(doc, nm.direction, name), "QUALIFIER")
        doc.b.t(doc.pick([" nel referto esterno", " nella documentazione portata"]))


@form("it", "norm", "riferito", held=True, weight=1.5, fits=_no_paren, only_for=_IT)
def _it_n_riferito(doc: Doc, nm: NormMention) -> None:
    """ "TSH riferito nei valori attesi (referto non in visione)": judged, no number seen."""
    name = _it_norm_names(doc, nm)
    doc.b.t(agree(" riferit@ ", name.gender, name.number))
    doc.b.ent(_judge(doc, nm.direction, name), "QUALIFIER")
    doc.b.t(doc.pick([" (referto non in visione)", " (valore numerico non disponibile)", " (dato anamnestico)"]))


@form("it", "trend", "per_data", held=True, weight=2, only_for=_IT)
def _it_t_per_data(doc: Doc, pair: tuple[ValueMention, ValueMention]) -> None:
    """ "ALT 88 al 03/02/2024, 61 U/L al 10/04/2024": a value per date, the unit once."""
    first, last = pair
    earlier = doc.drawn - dt.timedelta(days=doc.rng.randint(30, 150))
    a = _name(doc, first.name)
    doc.b.t(" ")
    v1 = doc.b.ent(first.value_text, "VALUE")
    prep = doc.pick([" al ", " il ", " in data "])
    doc.b.t(prep)
    doc.b.neg(doc.date(earlier, "num"), "date")
    doc.b.t(doc.pick([", ", ", poi ", " e "]))
    v2 = doc.b.ent(last.value_text, "VALUE")
    unit = None
    if last.unit:
        doc.b.t(_gap(last.unit))
        unit = doc.b.ent(last.unit, "UNIT")
    doc.b.t(prep)
    doc.b.neg(doc.date(doc.drawn, "num"), "date")
    doc.relate(first, a, v1, unit, None, None)
    doc.relate(last, a, v2, unit, None, None)


@form("it", "pair", "barra", held=True, weight=2, only_for=_IT)
def _it_p_barra(doc: Doc, pair: tuple[ValueMention, ValueMention]) -> None:
    """ "AST/ALT 45 / 60 U/L": two names and two values split by slashes, one unit."""
    _slash_pair(doc, pair)


def _slash_pair(doc: Doc, pair: tuple[ValueMention, ValueMention]) -> None:
    first, second = pair
    a1 = _name(doc, first.name)
    doc.b.t("/")
    a2 = _name(doc, second.name)
    doc.b.t(doc.pick([" ", ": "]))
    v1 = doc.b.ent(first.value_text, "VALUE")
    doc.b.t(" / ")
    v2 = doc.b.ent(second.value_text, "VALUE")
    unit = None
    if second.unit:
        doc.b.t(_gap(second.unit))
        unit = doc.b.ent(second.unit, "UNIT")
    doc.relate(first, a1, v1, unit, None, None)
    doc.relate(second, a2, v2, unit, None, None)


# -- Italian frames -------------------------------------------------------------------------------------------------
def _own(doc: Doc) -> tuple[str, ...] | None:
    """Mostly this letter's own forms; now and then any held-out form."""
    return OWN_NAMES if doc.rng.random() < 0.85 else None


def _therapy_aside(doc: Doc) -> None:
    """A dose next to the values: " (in corso methotrexate 15 mg s.c. una volta a settimana)"."""
    options = [t for t in doc.scenario.therapy.get(doc.lang, ()) if "{" not in t and "[[" in t]
    if not options or doc.no_ranges:
        return
    doc.b.t(doc.pick([" (in corso ", " (in terapia con ", " (sotto "] if doc.lang == "it" else
                     [" (on ", " (while on ", " (taking "]))
    doc.b.say(doc.pick(options))
    doc.b.t(")")


def _fresh(doc: Doc, options: list[str]) -> list[str]:
    """The lead-ins this letter has not used yet (a second report is not introduced with the same words)."""
    text = doc.b.text
    return [o for o in options if o.split("{")[0].split("[[")[0] not in text] or options


def _opener(doc: Doc, i: int, n: int, first: list[str], middle: list[str], last: str, used: set[str]) -> str:
    """Sentence openers of a commentary: a strong one first, "Per il resto"/"Otherwise" only last."""
    if i == 0:
        return doc.pick(first)
    pool = [o for o in middle if o not in used]
    if i == n - 1 and n > 2 and doc.rng.random() < 0.6:
        return last
    return doc.pick(pool or middle)


def _report_no(doc: Doc) -> None:
    text = doc.pick([f"{doc.drawn.year}/{doc.rng.randint(1000, 99999)}", f"{doc.rng.randint(100000, 999999)}",
                     f"L{doc.rng.randint(10 ** 6, 10 ** 7 - 1)}"])
    doc.identifiers.append(text)
    doc.b.neg(text, "id")


@form("it", "frame", "per_data", held=True, weight=2, only_for=_IT)
def _it_f_per_data(doc: Doc, items: list[Item]) -> None:
    """One outside report: where and when, then the items in running text."""
    if doc.lead_given:
        _lead(doc, [""])
    else:
        pat = "la paziente" if doc.sex == "F" else "il paziente"
        doc.b.cap_next = True
        opening = doc.pick(_fresh(doc, [
            f"Ho potuto rivedere gli esami che {pat} ha eseguito presso il laboratorio di zona il [[{{d}}|date]]",
            "Documentazione di laboratorio esterna del [[{d}|date]]",
            "Dal referto del laboratorio di provenienza, datato [[{d}|date]]",
            f"Tra gli accertamenti portati in visione {'dalla' if doc.sex == 'F' else 'dal'} paziente, quelli del "
            "[[{d}|date]]"]))
        doc.b.say(opening.replace("{d}", doc.date(doc.drawn)))
        if doc.rng.random() < 0.5:
            doc.b.t(doc.pick([" (referto n. ", " (prot. "]))
            _report_no(doc)
            doc.b.t(")")
        if opening.startswith("Tra"):
            doc.b.t(" documentano ")
            doc.verbs_ok = False
        elif opening.startswith("Dal"):
            doc.b.t(", ricavo: ")
            doc.verbs_ok = True
        else:
            doc.b.t(": ")
            doc.verbs_ok = True
    sep = doc.pick(["; ", ", "])
    for i, item in enumerate(items):
        if i:
            doc.b.t(" e " if i == len(items) - 1 and sep == ", " else sep)
        render(doc, item, only=_own(doc))
    doc.b.t(".")


@form("it", "frame", "righe", held=True, weight=1.5, only_for=_IT)
def _it_f_righe(doc: Doc, items: list[Item]) -> None:
    """A list that runs across lines, one result a line, commas at the line ends."""
    _lead(doc, _fresh(doc, ["Riporto i valori principali del {date}:",
                            "Di seguito i dati che ritengo rilevanti ({date}):",
                            "Valori di interesse, prelievo del {date}:"]), verbs=True)
    indent = doc.pick(["", "  ", "   "])
    end = doc.pick([",", ";"])
    for i, item in enumerate(items):
        doc.b.t(f"\n{indent}")
        render(doc, item, only=_own(doc))
        doc.b.t(end if i < len(items) - 1 else ".")


@form("it", "frame", "commento", held=True, weight=1.5, only_for=_IT)
def _it_f_commento(doc: Doc, items: list[Item]) -> None:
    """A consultant's comment, one finding a sentence: "Di rilievo ... Meno significativo ..." """
    doc.lead_given = False
    used: set[str] = set()
    for i, item in enumerate(items):
        if i:
            doc.b.t(" ")
        opener = _opener(doc, i, len(items), ["Di rilievo ", "Da notare "],
                         ["A margine, ", "Da segnalare anche ", "Inoltre ", "Quanto al resto, "], "Per il resto, ",
                         used)
        used.add(opener)
        doc.b.cap_next = True
        doc.b.t(opener)
        doc.verbs_ok = False
        render(doc, item, only=_own(doc))
        if i == 0 and item.kind == "value" and doc.rng.random() < 0.4:
            _therapy_aside(doc)
        doc.b.t(".")
    doc.verbs_ok = True


# == English =====================================================================================================
_EN = SECOND_OPINION["en"]


@form("en", "value", "recorded", held=True, weight=2, only_for=_EN)
def _en_recorded(doc: Doc, vm: ValueMention) -> None:
    """ "ferritin recorded at 8 ng/mL" """
    a = _name(doc, vm.name)
    doc.b.t(doc.pick([" recorded at ", " recorded as ", " documented at "]))
    _close(doc, vm, a)


@form("en", "value", "sitting", held=True, weight=1.5, only_for=_EN)
def _en_sitting(doc: Doc, vm: ValueMention) -> None:
    """ "CRP sitting at 12 mg/L", "eosinophils running at 1.2 x10^9/L" """
    a = _name(doc, vm.name)
    doc.b.t(doc.pick([" sitting at ", " running at ", " sitting at "]))
    _close(doc, vm, a)


@form("en", "value", "judged", held=True, weight=3, fits=_no_paren, only_for=_EN)
def _en_judged(doc: Doc, vm: ValueMention) -> None:
    """ "ferritin under the lower limit (8 ng/mL; their range 15-150, taken 12/03/2024)" """
    a = _name(doc, vm.name)
    doc.b.t(" ")
    doc.b.ent(_judge(doc, vm.direction), "QUALIFIER")
    doc.b.t(" (")
    _close(doc, vm, a, in_paren=True)
    if doc.rng.random() < 0.3:
        doc.b.t(doc.pick([", taken ", ", dated "]))
        _near_date(doc)
    doc.b.t(")")


@form("en", "value", "dated_first", held=True, weight=2, only_for=_EN)
def _en_dated_first(doc: Doc, vm: ValueMention) -> None:
    """ "WBC on 14 May 2023: 3.9 x10^9/L", "creatinine (rechecked 14/05/2023) 112 µmol/L" """
    a = _name(doc, vm.name)
    style = doc.rng.randrange(3)
    if style == 0:
        doc.b.t(" on ")
        _near_date(doc)
        doc.b.t(": ")
    elif style == 1:
        doc.b.t(" (rechecked ")
        _near_date(doc)
        doc.b.t(") ")
    else:
        doc.b.t(", as of ")
        _near_date(doc)
        doc.b.t(", ")
    _close(doc, vm, a)


@form("en", "value", "glued", held=True, weight=1.5, fits=_gluable, only_for=_EN)
def _en_glued(doc: Doc, vm: ValueMention) -> None:
    """ "CRP 12mg/L", "Hb 109g/L": the unit glued to the number."""
    vm.glue = True
    a = _name(doc, vm.name)
    doc.b.t(doc.pick([" ", " ", " of "]))
    _close(doc, vm, a)


@form("en", "value", "extreme", held=True, weight=1.5, fits=_directional, only_for=_EN)
def _en_extreme(doc: Doc, vm: ValueMention) -> None:
    """ "CRP peaked at 45 mg/L", "ferritin as low as 8 ng/mL" """
    a = _name(doc, vm.name)
    doc.b.t(doc.pick([" peaked at ", " topping out at "] if vm.direction == "H" else
                     [" as low as ", " bottoming out at "]))
    _close(doc, vm, a)


@form("en", "value", "per_lab", held=True, weight=1.5, only_for=_EN)
def _en_per_lab(doc: Doc, vm: ValueMention) -> None:
    """ "ESR, per the referring lab, 38 mm/hr", "LDH 245 U/L according to their laboratory" """
    a = _name(doc, vm.name)
    if doc.rng.random() < 0.5:
        doc.b.t(doc.pick([", per the referring lab, ", ", on the outside report, "]))
        _close(doc, vm, a)
    else:
        doc.b.t(" ")
        _close(doc, vm, a)
        doc.b.t(doc.pick([" according to their laboratory"] if doc.b.ends_with(")") or doc.no_ranges else
                         [" according to their laboratory", " (outside lab figure)"]))


@form("en", "qual", "qual_dated", held=True, weight=1.5, only_for=_EN)
def _en_q_dated(doc: Doc, qm: QualMention) -> None:
    """ "HBsAg (12/03/2024): negative", "QuantiFERON on 12 March 2024 negative" """
    a = _name(doc, qm.name)
    if doc.rng.random() < 0.5 and not doc.no_ranges:
        doc.b.t(" (")
        _near_date(doc)
        doc.b.t("): ")
    else:
        doc.b.t(" on ")
        _near_date(doc)
        doc.b.t(" ")
    _relate_word(doc, qm, a, doc.b.ent(_word(doc, qm.outcome, plain=qm.plain), "VALUE"))


@form("en", "qual", "reported_as", held=True, weight=2, fits=lambda d, q: q.titre is None, only_for=_EN)
def _en_q_reported(doc: Doc, qm: QualMention) -> None:
    """ "hepatitis C antibody reported as non-reactive" """
    a = _name(doc, qm.name)
    doc.b.t(doc.pick([" reported as ", " reported back as ", " documented as "]))
    _relate_word(doc, qm, a, doc.b.ent(_word(doc, qm.outcome, plain=qm.plain), "VALUE"))


@form("en", "qual", "dilution", held=True, weight=5, fits=lambda d, q: q.titre is not None, only_for=_EN)
def _en_q_dilution(doc: Doc, qm: QualMention) -> None:
    """ "ANA positive to a dilution of 1:160 (speckled pattern)" """
    a = _name(doc, qm.name)
    doc.b.t(" ")
    doc.b.ent("positive", "QUALIFIER")
    doc.b.t(doc.pick([" to a dilution of ", " out to ", " down to a dilution of "]))
    doc.relate_word(qm.analyte.id, a, doc.b.ent(qm.titre, "VALUE"), qm.titre)
    if doc.rng.random() < 0.5:
        doc.b.t(doc.pick([" (speckled pattern)", " (homogeneous pattern)", ", nucleolar pattern"]))


@form("en", "qual_group", "screen", held=True, weight=1, only_for=_EN)
def _en_qg_screen(doc: Doc, group: list[QualMention]) -> None:
    """ "a negative screen for HBsAg, HCV antibody and QuantiFERON", "serology (HBsAg, anti-HCV) negative" """
    names = [q.name for q in group]
    if doc.rng.random() < 0.5 or doc.no_ranges:
        word = _word(doc, group[0].outcome, adjective=True)
        doc.b.t(f"{a_an(word)} ")
        value = doc.b.ent(word, "VALUE")
        infections = all(q.analyte.id != "ana" for q in group)
        doc.b.t(doc.pick([" screen for ", " infection screen covering "] if infections else [" screen for "]))
        spans = _names_list(doc, names, doc.pick([" and ", ", and "]) if len(names) > 2 else " and ")
    else:
        viral = all(q.analyte.id in ("hbsag", "hcv") for q in group)
        doc.b.t(doc.pick(["serology (", "hepatitis serology ("] if viral else ["serology ("]))
        spans = _names_list(doc, names, ", ")
        doc.b.t(") ")
        value = doc.b.ent(_word(doc, group[0].outcome), "VALUE")
    for qm, a in zip(group, spans):
        _relate_word(doc, qm, a, value)


@form("en", "norm", "described", held=True, weight=2, only_for=_EN)
def _en_n_described(doc: Doc, nm: NormMention) -> None:
    """ "renal function described as within expected limits", "FBC reassuring on the outside report" """
    _names_list(doc, nm.names, " and ")
    if doc.rng.random() < 0.5:
        doc.b.t(" described as ")
        doc.b.ent(_judge(doc, nm.direction), "QUALIFIER")
    else:
        doc.b.t(" ")
        doc.b.ent(_judge(doc, nm.direction), "QUALIFIER")
        doc.b.t(doc.pick([" on the outside report", " in the paperwork she brought" if doc.sex == "F" else
                          " in the paperwork he brought"]))


@form("en", "norm", "said_to_be", held=True, weight=1.5, fits=_no_paren, only_for=_EN)
def _en_n_said(doc: Doc, nm: NormMention) -> None:
    """ "TSH said to be reassuring (report not seen)": judged, no number seen."""
    _names_list(doc, nm.names, " and ")
    doc.b.t(" said to be ")
    doc.b.ent(_judge(doc, nm.direction), "QUALIFIER")
    doc.b.t(doc.pick([" (report not seen)", " (no figure available)", " (patient's account)"]))


@form("en", "trend", "by_date", held=True, weight=2, only_for=_EN)
def _en_t_by_date(doc: Doc, pair: tuple[ValueMention, ValueMention]) -> None:
    """ "ALT 88 on 03/02/2024, 61 U/L on 10/04/2024" """
    first, last = pair
    earlier = doc.drawn - dt.timedelta(days=doc.rng.randint(30, 150))
    style = doc.pick(["num", "long", "short"])
    a = _name(doc, first.name)
    doc.b.t(" ")
    v1 = doc.b.ent(first.value_text, "VALUE")
    doc.b.t(" on ")
    doc.b.neg(doc.date(earlier, style), "date")
    doc.b.t(doc.pick([", ", ", then ", " and "]))
    v2 = doc.b.ent(last.value_text, "VALUE")
    unit = None
    if last.unit:
        doc.b.t(_gap(last.unit))
        unit = doc.b.ent(last.unit, "UNIT")
    doc.b.t(" on ")
    doc.b.neg(doc.date(doc.drawn, style), "date")
    doc.relate(first, a, v1, unit, None, None)
    doc.relate(last, a, v2, unit, None, None)


@form("en", "pair", "slash", held=True, weight=2, only_for=_EN)
def _en_p_slash(doc: Doc, pair: tuple[ValueMention, ValueMention]) -> None:
    """ "AST/ALT 45 / 60 U/L" """
    _slash_pair(doc, pair)


@form("en", "frame", "by_date", held=True, weight=2, only_for=_EN)
def _en_f_by_date(doc: Doc, items: list[Item]) -> None:
    """One outside report: where and when, then the items in running text."""
    if doc.lead_given:
        _lead(doc, [""])
    else:
        pronoun = "she" if doc.sex == "F" else "he"
        doc.b.cap_next = True
        opening = doc.pick(_fresh(doc, [
            f"I have gone through the bloods {pronoun} had at the local hospital on [[{{d}}|date]]",
            "External laboratory results dated [[{d}|date]]",
            "The referring hospital's report of [[{d}|date]]",
            f"Of the results {pronoun} brought with {'her' if doc.sex == 'F' else 'him'}, those from [[{{d}}|date]]"]))
        doc.b.say(opening.replace("{d}", doc.date(doc.drawn)))
        if doc.rng.random() < 0.5:
            doc.b.t(doc.pick([" (report no. ", " (ref. "]))
            _report_no(doc)
            doc.b.t(")")
        if opening.startswith(("Of", "The")):
            doc.b.t(" document " if opening.startswith("Of") else " gives ")
            doc.verbs_ok = False
        else:
            doc.b.t(": ")
            doc.verbs_ok = True
    sep = doc.pick(["; ", ", "])
    for i, item in enumerate(items):
        if i:
            doc.b.t(" and " if i == len(items) - 1 and sep == ", " else sep)
        render(doc, item, only=_own(doc))
    doc.b.t(".")


@form("en", "frame", "lines", held=True, weight=1.5, only_for=_EN)
def _en_f_lines(doc: Doc, items: list[Item]) -> None:
    """A list that runs across lines, one result a line, commas at the line ends."""
    _lead(doc, _fresh(doc, ["The main values from {date} were:", "What I think matters from {date}:",
                            "Results of interest ({date}):"]), verbs=True)
    indent = doc.pick(["", "  ", "   "])
    end = doc.pick([",", ";"])
    for i, item in enumerate(items):
        doc.b.t(f"\n{indent}")
        render(doc, item, only=_own(doc))
        doc.b.t(end if i < len(items) - 1 else ".")


@form("en", "frame", "commentary", held=True, weight=1.5, only_for=_EN)
def _en_f_commentary(doc: Doc, items: list[Item]) -> None:
    """A consultant's comment, one finding a sentence: "Of most note, ... Less striking, ..." """
    doc.lead_given = False
    used: set[str] = set()
    for i, item in enumerate(items):
        if i:
            doc.b.t(" ")
        opener = _opener(doc, i, len(items), ["Of most note, ", "Worth highlighting is "],
                         ["Less striking, ", "I would also point out ", "In addition, ", "Separately, "],
                         "Otherwise, ", used)
        used.add(opener)
        doc.b.cap_next = True
        doc.b.t(opener)
        doc.verbs_ok = False
        render(doc, item, only=_own(doc))
        if i == 0 and item.kind == "value" and doc.rng.random() < 0.4:
            _therapy_aside(doc)
        doc.b.t(".")
    doc.verbs_ok = True

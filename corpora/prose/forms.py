"""Sentence forms: the ways prose prints one result, a qualitative result, a judgement without a value, a trend,
a pair of results sharing a unit, and the frames that put a list of them into sentences.

Every form is registered under an id ``lang.kind.name`` and belongs to the tuning pool or the held-out pool
(``held=True``).  Tuning templates draw only tuning forms and held-out templates only held-out forms, so a
recogniser trained on the tuning templates is scored on phrasing it has never seen.  Each pool has, per
language and kind, a form that fits every mention, so a draw never fails.

Forms registered with ``only_for`` (the held-out tumour-board forms at the end) are drawn only by the templates
they name, so adding them leaves every other template's draws, and so its documents, unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from .builder import Doc, Span, ValueMention, a_an, emit_range, emit_value
from .lexicon import PANEL_NAMES, QUALITATIVE_WORDS, Name, ProseAnalyte, agree, article, prep

__all__ = ["Form", "FORMS", "QualMention", "NormMention", "Item", "use", "form_ids"]


@dataclass(frozen=True)
class Form:
    id: str
    lang: str
    kind: str  # value | qual | qual_group | norm | trend | pair | frame
    held: bool
    weight: float
    fn: Callable[[Doc, Any], None]
    fits: Callable[[Doc, Any], bool] | None = None
    verb: bool = False  # a clause of its own ("la creatinina risulta 1,4", "ALT was 88"): not after "showed"
    only_for: tuple[str, ...] = ()  # drawn only by these templates (empty: by every template of its pool)


@dataclass
class QualMention:
    analyte: ProseAnalyte
    name: Name
    outcome: str  # "neg" | "pos" | "ind"
    titre: str | None = None  # "1:160" (ANA, positive)
    plain: bool = False  # only the plain word ("PCR negativa", "CRP negative")


@dataclass
class NormMention:
    """Tests judged without a value: ("emocromo", "creatinina") + a direction ("N", "H", "L")."""

    names: list[Name]
    direction: str


@dataclass
class Item:
    kind: str  # value | qual | qual_group | norm | trend | pair
    arg: Any
    panel: str = "other"


FORMS: dict[str, Form] = {}


def form(lang: str, kind: str, name: str, *, held: bool = False, weight: float = 1.0,
         fits: Callable[[Doc, Any], bool] | None = None, verb: bool = False,
         only_for: tuple[str, ...] = ()) -> Callable:
    def register(fn: Callable[[Doc, Any], None]) -> Callable[[Doc, Any], None]:
        fid = f"{lang}.{kind}.{name}"
        FORMS[fid] = Form(fid, lang, kind, held, weight, fn, fits, verb, only_for)
        return fn
    return register


def form_ids(lang: str, held: bool) -> set[str]:
    return {f.id for f in FORMS.values() if f.lang == lang and f.held == held}


def use(doc: Doc, kind: str, arg: Any, only: tuple[str, ...] | None = None) -> None:
    """Write ``arg`` with a form of ``kind`` drawn from the document's pool (``only``: these names if any fits)."""
    pool = [f for f in FORMS.values() if f.lang == doc.lang and f.kind == kind and f.held == doc.held
            and (not f.only_for or doc.template in f.only_for)
            and (f.fits is None or f.fits(doc, arg)) and (doc.verbs_ok or not f.verb)]
    if only:
        preferred = [f for f in pool if f.id.rsplit(".", 1)[1] in only]
        pool = preferred or pool
    if not pool:
        raise LookupError(f"no {kind} form for {doc.lang} ({'held-out' if doc.held else 'tuning'})")
    chosen = doc.rng.choices(pool, weights=[f.weight for f in pool])[0]
    doc.forms.add(chosen.id)
    chosen.fn(doc, arg)


# -- helpers ------------------------------------------------------------------------------------------------------
def _name(doc: Doc, name: Name) -> Span:
    return doc.b.ent(name.text, "ANALYTE")


def _art(doc: Doc, name: Name) -> None:
    art = article(name)
    doc.b.t(art if art.endswith("'") else f"{art} ")


def _prep(doc: Doc, preposition: str, name: Name) -> None:
    word = prep(preposition, name)
    doc.b.t(word if word.endswith("'") else f"{word} ")


def _tail(doc: Doc, vm: ValueMention, analyte: Span, *, range_: bool = True) -> None:
    value, unit, flag = emit_value(doc, vm)
    rng_span = emit_range(doc, vm) if range_ else None
    doc.relate(vm, analyte, value, unit, rng_span, flag)


def _paren_value(doc: Doc, vm: ValueMention, analyte: Span) -> None:
    doc.b.t(" (")
    value, unit, flag = emit_value(doc, vm, in_paren=True)
    rng_span = emit_range(doc, vm, inner=True)
    doc.b.t(")")
    doc.relate(vm, analyte, value, unit, rng_span, flag)


def _is(doc: Doc, name: Name) -> str:
    plural = name.number == "p"
    if doc.lang == "it":
        return "sono" if plural else "è"
    return "were" if plural else "was"


def _word(doc: Doc, outcome: str, gender: str = "m", number: str = "s", *, adjective: bool = False,
          plain: bool = False) -> str:
    words = QUALITATIVE_WORDS[doc.lang][outcome]
    if plain:
        words = words[:1]
    elif adjective:
        words = tuple(w for w in words if " " not in w and "-" not in w) or words[:1]
    text = doc.rng.choice(words)
    return agree(text, gender, number) if doc.lang == "it" else text


def _group_gender(names: list[Name]) -> str:
    return "f" if all(n.gender == "f" for n in names) else "m"


def _qual_word(doc: Doc, qm: QualMention, gender: str | None = None, number: str | None = None) -> Span:
    word = _word(doc, qm.outcome, gender or qm.name.gender, number or qm.name.number, plain=qm.plain)
    return doc.b.ent(word, "VALUE")


def _relate_word(doc: Doc, qm: QualMention, analyte: Span, value: Span) -> None:
    doc.relate_word(qm.analyte.id, analyte, value, doc.b.texts[value])


def _names_list(doc: Doc, names: list[Name], last: str) -> list[Span]:
    spans = []
    for i, name in enumerate(names):
        if i:
            doc.b.t(last if i == len(names) - 1 else ", ")
        spans.append(_name(doc, name))
    return spans


def _participle(doc: Doc, direction: str, name: Name) -> str:
    """A judgement that reads before "a 480 U/L" / "at 480 U/L": aumentata, elevated, low..."""
    for _ in range(12):
        q = doc.qualifier(direction, name)
        if doc.lang == "en" and "limit" not in q and "range" not in q:
            return q
        if doc.lang == "it" and (q.endswith(("ata", "ato", "ati", "ate", "otta", "otto", "otti", "otte")) and
                                 " " not in q.replace("lievemente ", "")):
            return q
    return "elevated" if doc.lang == "en" and direction == "H" else ("low" if doc.lang == "en" else (
        agree("aumentat@" if direction == "H" else "ridott@", name.gender, name.number)))


def _directional(doc: Doc, vm: ValueMention) -> bool:
    return vm.direction != "N" and isinstance(vm.value_gold, float)


def _numeric(doc: Doc, vm: ValueMention) -> bool:
    return isinstance(vm.value_gold, float)


# == Italian, tuning =============================================================================================
@form("it", "value", "compact", weight=5)
def _it_compact(doc: Doc, vm: ValueMention) -> None:
    a = _name(doc, vm.name)
    doc.b.t(" ")
    _tail(doc, vm, a)


@form("it", "value", "colon", weight=1.5)
def _it_colon(doc: Doc, vm: ValueMention) -> None:
    a = _name(doc, vm.name)
    doc.b.t(": ")
    _tail(doc, vm, a)


@form("it", "value", "pari", weight=1.5)
def _it_pari(doc: Doc, vm: ValueMention) -> None:
    a = _name(doc, vm.name)
    doc.b.t(" pari a ")
    _tail(doc, vm, a)


@form("it", "value", "valori_di", weight=1.0)
def _it_valori_di(doc: Doc, vm: ValueMention) -> None:
    doc.b.t("valori di ")
    a = _name(doc, vm.name)
    doc.b.t(doc.pick([" di ", " pari a "]))
    _tail(doc, vm, a)


@form("it", "value", "qual_paren", weight=1.5)
def _it_qual_paren(doc: Doc, vm: ValueMention) -> None:
    a = _name(doc, vm.name)
    doc.b.t(" ")
    doc.b.ent(doc.qualifier(vm.direction, vm.name), "QUALIFIER")
    _paren_value(doc, vm, a)


@form("it", "value", "qual_a", weight=1.5, fits=_directional)
def _it_qual_a(doc: Doc, vm: ValueMention) -> None:
    a = _name(doc, vm.name)
    doc.b.t(" ")
    doc.b.ent(_participle(doc, vm.direction, vm.name), "QUALIFIER")
    doc.b.t(doc.pick([" a ", " a ", ", pari a ", " fino a "]))
    _tail(doc, vm, a)


@form("it", "value", "risulta", weight=1.0, verb=True)
def _it_risulta(doc: Doc, vm: ValueMention) -> None:
    _art(doc, vm.name)
    a = _name(doc, vm.name)
    doc.b.t(agree(doc.pick([" risult% ", " risult% pari a ", " risult% di "]), vm.name.gender, vm.name.number))
    _tail(doc, vm, a)


@form("it", "value", "e_di", weight=1.0, verb=True)
def _it_e_di(doc: Doc, vm: ValueMention) -> None:
    _art(doc, vm.name)
    a = _name(doc, vm.name)
    doc.b.t(f" {_is(doc, vm.name)} {doc.pick(['di', 'pari a'])} ")
    _tail(doc, vm, a)


@form("it", "value", "value_first", weight=0.7)
def _it_value_first(doc: Doc, vm: ValueMention) -> None:
    doc.b.t(doc.pick(["un valore di ", "valori di "]))
    value, unit, flag = emit_value(doc, vm)
    doc.b.t(" per ")
    _art(doc, vm.name)
    a = _name(doc, vm.name)
    doc.relate(vm, a, value, unit, emit_range(doc, vm), flag)


@form("it", "qual", "simple", weight=3)
def _it_q_simple(doc: Doc, qm: QualMention) -> None:
    a = _name(doc, qm.name)
    doc.b.t(doc.pick([" ", " ", ": "]))
    _relate_word(doc, qm, a, _qual_word(doc, qm))


@form("it", "qual", "risulta", weight=1, verb=True)
def _it_q_risulta(doc: Doc, qm: QualMention) -> None:
    _art(doc, qm.name)
    a = _name(doc, qm.name)
    doc.b.t(agree(doc.pick([" risult% ", " $ risultat@ "]), qm.name.gender, qm.name.number))
    _relate_word(doc, qm, a, _qual_word(doc, qm))


@form("it", "qual", "titre", weight=4, fits=lambda d, q: q.titre is not None)
def _it_q_titre(doc: Doc, qm: QualMention) -> None:
    a = _name(doc, qm.name)
    if doc.rng.random() < 0.7:
        doc.b.t(" ")
        doc.b.ent(agree("positiv@", qm.name.gender, qm.name.number), "QUALIFIER")
    sep = doc.pick([" ", " ", " (titolo ", ", titolo "])
    doc.b.t(sep)
    value = doc.b.ent(qm.titre, "VALUE")
    if "(" in sep:
        doc.b.t(")")
    doc.relate_word(qm.analyte.id, a, value, qm.titre)


@form("it", "qual_group", "shared", weight=1)
def _it_qg_shared(doc: Doc, group: list[QualMention]) -> None:
    names = [q.name for q in group]
    spans = _names_list(doc, names, " e ")
    doc.b.t(doc.pick([" ", " ", " risultano ", " tutti "]))
    value = doc.b.ent(_word(doc, group[0].outcome, _group_gender(names), "p"), "VALUE")
    for qm, a in zip(group, spans):
        _relate_word(doc, qm, a, value)


@form("it", "norm", "simple", weight=3)
def _it_n_simple(doc: Doc, nm: NormMention) -> None:
    _names_list(doc, nm.names, " e ")
    g, n = (nm.names[0].gender, nm.names[0].number) if len(nm.names) == 1 else (_group_gender(nm.names), "p")
    doc.b.t(" ")
    doc.b.ent(doc.qualifier(nm.direction, Name("", g, n)), "QUALIFIER")


@form("it", "norm", "risulta", weight=1.5, verb=True, fits=lambda d, nm: len(nm.names) == 1)
def _it_n_risulta(doc: Doc, nm: NormMention) -> None:
    name = nm.names[0]
    _art(doc, name)
    _name(doc, name)
    doc.b.t(agree(doc.pick([" risult% ", " $ ", " $ risultat@ "]), name.gender, name.number))
    doc.b.ent(doc.qualifier(nm.direction, name), "QUALIFIER")


@form("it", "trend", "da_a", weight=1)
def _it_trend(doc: Doc, pair: tuple[ValueMention, ValueMention]) -> None:
    first, last = pair
    a = _name(doc, first.name)
    down = isinstance(first.value_gold, float) and isinstance(last.value_gold, float) and \
        last.value_gold < first.value_gold
    verb = doc.pick(["sces@", "passat@", "calat@"] if down else ["salit@", "passat@", "risalit@"])
    doc.b.t(f" {agree(verb, first.name.gender, first.name.number)} da ")
    v1 = doc.b.ent(first.value_text, "VALUE")
    doc.b.t(" a ")
    v2 = doc.b.ent(last.value_text, "VALUE")
    unit = None
    if last.unit:
        doc.b.t(" ")
        unit = doc.b.ent(last.unit, "UNIT")
    doc.relate(first, a, v1, unit, None, None)
    doc.relate(last, a, v2, unit, None, None)


@form("it", "pair", "rispettivamente", weight=1)
def _it_pair(doc: Doc, pair: tuple[ValueMention, ValueMention]) -> None:
    first, second = pair
    a1 = _name(doc, first.name)
    doc.b.t(" e ")
    a2 = _name(doc, second.name)
    doc.b.t(doc.pick([" rispettivamente ", " rispettivamente pari a ", " rispettivamente di "]))
    v1 = doc.b.ent(first.value_text, "VALUE")
    doc.b.t(" e ")
    v2 = doc.b.ent(second.value_text, "VALUE")
    unit = None
    if second.unit:
        doc.b.t(" ")
        unit = doc.b.ent(second.unit, "UNIT")
    doc.relate(first, a1, v1, unit, None, None)
    doc.relate(second, a2, v2, unit, None, None)


# == Italian, held out ===========================================================================================
@form("it", "value", "uguale", held=True, weight=3)
def _ith_uguale(doc: Doc, vm: ValueMention) -> None:
    a = _name(doc, vm.name)
    doc.b.t(" = ")
    _tail(doc, vm, a)


@form("it", "value", "risultata", held=True, weight=2, verb=True)
def _ith_risultata(doc: Doc, vm: ValueMention) -> None:
    _art(doc, vm.name)
    a = _name(doc, vm.name)
    doc.b.t(agree(" $ risultat@ pari a ", vm.name.gender, vm.name.number))
    _tail(doc, vm, a)


@form("it", "value", "attesta", held=True, weight=1.5, verb=True)
def _ith_attesta(doc: Doc, vm: ValueMention) -> None:
    _art(doc, vm.name)
    a = _name(doc, vm.name)
    doc.b.t(agree(doc.pick([" si attest% su ", " si attest% a "]), vm.name.gender, vm.name.number))
    _tail(doc, vm, a)


@form("it", "value", "valore_del", held=True, weight=1.5)
def _ith_valore_del(doc: Doc, vm: ValueMention) -> None:
    doc.b.t("valore ")
    _prep(doc, "di", vm.name)
    a = _name(doc, vm.name)
    doc.b.t(doc.pick([": ", " "]))
    _tail(doc, vm, a)


@form("it", "value", "qual_comma", held=True, weight=1)
def _ith_qual_comma(doc: Doc, vm: ValueMention) -> None:
    a = _name(doc, vm.name)
    doc.b.t(" ")
    doc.b.ent(doc.qualifier(vm.direction, vm.name), "QUALIFIER")
    doc.b.t(", ")
    _tail(doc, vm, a)


@form("it", "value", "riscontro", held=True, weight=1)
def _ith_riscontro(doc: Doc, vm: ValueMention) -> None:
    doc.b.t("riscontro di ")
    value, unit, flag = emit_value(doc, vm)
    doc.b.t(" di ")
    a = _name(doc, vm.name)
    doc.relate(vm, a, value, unit, emit_range(doc, vm), flag)


@form("it", "qual", "esito", held=True, weight=2)
def _ith_q_esito(doc: Doc, qm: QualMention) -> None:
    a = _name(doc, qm.name)
    doc.b.t(doc.pick([": esito ", " con esito "]))
    _relate_word(doc, qm, a, _qual_word(doc, qm, "m", "s"))


@form("it", "qual", "paren", held=True, weight=1.5, fits=lambda d, q: not d.no_ranges)
def _ith_q_paren(doc: Doc, qm: QualMention) -> None:
    a = _name(doc, qm.name)
    doc.b.t(" (")
    _relate_word(doc, qm, a, _qual_word(doc, qm))
    doc.b.t(")")


@form("it", "qual", "ricerca", held=True, weight=1, fits=lambda d, q: q.titre is None)
def _ith_q_ricerca(doc: Doc, qm: QualMention) -> None:
    doc.b.t("ricerca di ")
    a = _name(doc, qm.name)
    doc.b.t(" ")
    _relate_word(doc, qm, a, _qual_word(doc, qm, "f", "s"))


@form("it", "qual", "a_titolo", held=True, weight=4, fits=lambda d, q: q.titre is not None)
def _ith_q_titre(doc: Doc, qm: QualMention) -> None:
    a = _name(doc, qm.name)
    doc.b.t(doc.pick([" a titolo ", " presenti a titolo ", " con titolo "]))
    doc.relate_word(qm.analyte.id, a, doc.b.ent(qm.titre, "VALUE"), qm.titre)


@form("it", "qual_group", "value_first", held=True, weight=1)
def _ith_qg_first(doc: Doc, group: list[QualMention]) -> None:
    names = [q.name for q in group]
    if doc.rng.random() < 0.5:
        doc.b.t("esito ")
        value = doc.b.ent(_word(doc, group[0].outcome, "m", "s"), "VALUE")
        doc.b.t(" per ")
    else:
        value = doc.b.ent(_word(doc, group[0].outcome, _group_gender(names), "p"), "VALUE")
        doc.b.t(" ")
    for qm, a in zip(group, _names_list(doc, names, " e ")):
        _relate_word(doc, qm, a, value)


@form("it", "norm", "held", held=True, weight=3)
def _ith_n_held(doc: Doc, nm: NormMention) -> None:
    _names_list(doc, nm.names, " e ")
    g, n = (nm.names[0].gender, nm.names[0].number) if len(nm.names) == 1 else (_group_gender(nm.names), "p")
    doc.b.t(doc.pick([" ", ": "]))
    doc.b.ent(doc.qualifier(nm.direction, Name("", g, n)), "QUALIFIER")


@form("it", "norm", "mantiene", held=True, weight=1, verb=True, fits=lambda d, nm: len(nm.names) == 1)
def _ith_n_mantiene(doc: Doc, nm: NormMention) -> None:
    name = nm.names[0]
    _art(doc, name)
    _name(doc, name)
    doc.b.t(" si mantengono " if name.number == "p" else " si mantiene ")
    doc.b.ent(doc.qualifier(nm.direction, name), "QUALIFIER")


@form("it", "trend", "freccia", held=True, weight=1)
def _ith_trend(doc: Doc, pair: tuple[ValueMention, ValueMention]) -> None:
    first, last = pair
    a = _name(doc, first.name)
    doc.b.t(doc.pick([" ", ": "]))
    v1 = doc.b.ent(first.value_text, "VALUE")
    doc.b.t(doc.pick([" → ", " -> "]))
    v2 = doc.b.ent(last.value_text, "VALUE")
    unit = None
    if last.unit:
        doc.b.t(" ")
        unit = doc.b.ent(last.unit, "UNIT")
    doc.relate(first, a, v1, unit, None, None)
    doc.relate(last, a, v2, unit, None, None)


@form("it", "pair", "coda", held=True, weight=1)
def _ith_pair(doc: Doc, pair: tuple[ValueMention, ValueMention]) -> None:
    first, second = pair
    a1 = _name(doc, first.name)
    doc.b.t(" ")
    v1 = doc.b.ent(first.value_text, "VALUE")
    doc.b.t(" e ")
    a2 = _name(doc, second.name)
    doc.b.t(" ")
    v2 = doc.b.ent(second.value_text, "VALUE")
    unit = None
    if second.unit:
        doc.b.t(" ")
        unit = doc.b.ent(second.unit, "UNIT")
    doc.relate(first, a1, v1, unit, None, None)
    doc.relate(second, a2, v2, unit, None, None)


# == English, tuning =============================================================================================
@form("en", "value", "compact", weight=5)
def _en_compact(doc: Doc, vm: ValueMention) -> None:
    a = _name(doc, vm.name)
    doc.b.t(" ")
    _tail(doc, vm, a)


@form("en", "value", "colon", weight=1.2)
def _en_colon(doc: Doc, vm: ValueMention) -> None:
    a = _name(doc, vm.name)
    doc.b.t(": ")
    _tail(doc, vm, a)


@form("en", "value", "was", weight=2, verb=True)
def _en_was(doc: Doc, vm: ValueMention) -> None:
    a = _name(doc, vm.name)
    doc.b.t(f" {_is(doc, vm.name)} ")
    _tail(doc, vm, a)


@form("en", "value", "of", weight=1.5)
def _en_of(doc: Doc, vm: ValueMention) -> None:
    if vm.name.number == "s":
        doc.b.t(f"{a_an(vm.name.text)} ")
    a = _name(doc, vm.name)
    doc.b.t(" of ")
    _tail(doc, vm, a)


@form("en", "value", "at", weight=1)
def _en_at(doc: Doc, vm: ValueMention) -> None:
    a = _name(doc, vm.name)
    doc.b.t(" at ")
    _tail(doc, vm, a)


@form("en", "value", "qual_at", weight=1.5, fits=_directional)
def _en_qual_at(doc: Doc, vm: ValueMention) -> None:
    a = _name(doc, vm.name)
    doc.b.t(" ")
    doc.b.ent(_participle(doc, vm.direction, vm.name), "QUALIFIER")
    doc.b.t(" at ")
    _tail(doc, vm, a)


@form("en", "value", "qual_before", weight=1.5)
def _en_qual_before(doc: Doc, vm: ValueMention) -> None:
    doc.b.ent(doc.qualifier(vm.direction, attributive=True), "QUALIFIER")
    doc.b.t(" ")
    a = _name(doc, vm.name)
    _paren_value(doc, vm, a)


@form("en", "value", "value_first", weight=0.7)
def _en_value_first(doc: Doc, vm: ValueMention) -> None:
    doc.b.t("a value of ")
    value, unit, flag = emit_value(doc, vm)
    doc.b.t(" for ")
    a = _name(doc, vm.name)
    doc.relate(vm, a, value, unit, emit_range(doc, vm), flag)


@form("en", "qual", "simple", weight=3)
def _en_q_simple(doc: Doc, qm: QualMention) -> None:
    a = _name(doc, qm.name)
    doc.b.t(doc.pick([" ", " ", ": "]))
    _relate_word(doc, qm, a, _qual_word(doc, qm))


@form("en", "qual", "was", weight=1.5, verb=True)
def _en_q_was(doc: Doc, qm: QualMention) -> None:
    a = _name(doc, qm.name)
    doc.b.t(f" {_is(doc, qm.name)} ")
    _relate_word(doc, qm, a, _qual_word(doc, qm))


@form("en", "qual", "before", weight=1, fits=lambda d, q: q.titre is None and not q.plain)
def _en_q_before(doc: Doc, qm: QualMention) -> None:
    value = doc.b.ent(_word(doc, qm.outcome, adjective=True), "VALUE")
    doc.b.t(" ")
    _relate_word(doc, qm, _name(doc, qm.name), value)


@form("en", "qual", "titre", weight=4, fits=lambda d, q: q.titre is not None)
def _en_q_titre(doc: Doc, qm: QualMention) -> None:
    a = _name(doc, qm.name)
    if doc.rng.random() < 0.7:
        doc.b.t(" ")
        doc.b.ent("positive", "QUALIFIER")
        doc.b.t(doc.pick([" at ", " at a titre of ", " "]))
    else:
        doc.b.t(" ")
    doc.relate_word(qm.analyte.id, a, doc.b.ent(qm.titre, "VALUE"), qm.titre)


@form("en", "qual_group", "shared", weight=1)
def _en_qg_shared(doc: Doc, group: list[QualMention]) -> None:
    spans = _names_list(doc, [q.name for q in group], doc.pick([" and ", ", and "]) if len(group) > 2 else " and ")
    doc.b.t(doc.pick([" were all ", " all ", " ", " were "]))
    value = doc.b.ent(_word(doc, group[0].outcome), "VALUE")
    for qm, a in zip(group, spans):
        _relate_word(doc, qm, a, value)


@form("en", "norm", "simple", weight=3)
def _en_n_simple(doc: Doc, nm: NormMention) -> None:
    _names_list(doc, nm.names, " and ")
    doc.b.t(" ")
    doc.b.ent(doc.qualifier(nm.direction), "QUALIFIER")


@form("en", "norm", "was", weight=1.5, verb=True)
def _en_n_was(doc: Doc, nm: NormMention) -> None:
    _names_list(doc, nm.names, " and ")
    plural = len(nm.names) > 1 or nm.names[0].number == "p"
    doc.b.t(" were " if plural else " was ")
    doc.b.ent(doc.qualifier(nm.direction), "QUALIFIER")


@form("en", "norm", "before", weight=1.5)
def _en_n_before(doc: Doc, nm: NormMention) -> None:
    doc.b.ent(doc.qualifier(nm.direction, attributive=True), "QUALIFIER")
    doc.b.t(" ")
    _names_list(doc, nm.names, " and ")


@form("en", "trend", "from_to", weight=1)
def _en_trend(doc: Doc, pair: tuple[ValueMention, ValueMention]) -> None:
    first, last = pair
    a = _name(doc, first.name)
    down = isinstance(first.value_gold, float) and isinstance(last.value_gold, float) and \
        last.value_gold < first.value_gold
    doc.b.t(f" {doc.pick(['fell', 'dropped', 'went', 'came down'] if down else ['rose', 'went', 'climbed'])} from ")
    v1 = doc.b.ent(first.value_text, "VALUE")
    doc.b.t(" to ")
    v2 = doc.b.ent(last.value_text, "VALUE")
    unit = None
    if last.unit:
        doc.b.t(" ")
        unit = doc.b.ent(last.unit, "UNIT")
    doc.relate(first, a, v1, unit, None, None)
    doc.relate(last, a, v2, unit, None, None)


@form("en", "pair", "respectively", weight=1)
def _en_pair(doc: Doc, pair: tuple[ValueMention, ValueMention]) -> None:
    first, second = pair
    a1 = _name(doc, first.name)
    doc.b.t(" and ")
    a2 = _name(doc, second.name)
    doc.b.t(doc.pick([" were ", " of "]))
    v1 = doc.b.ent(first.value_text, "VALUE")
    doc.b.t(" and ")
    v2 = doc.b.ent(second.value_text, "VALUE")
    unit = None
    if second.unit:
        doc.b.t(" ")
        unit = doc.b.ent(second.unit, "UNIT")
    doc.b.t(" respectively")
    doc.relate(first, a1, v1, unit, None, None)
    doc.relate(second, a2, v2, unit, None, None)


# == English, held out ===========================================================================================
@form("en", "value", "came_back", held=True, weight=2, verb=True)
def _enh_came_back(doc: Doc, vm: ValueMention) -> None:
    a = _name(doc, vm.name)
    doc.b.t(" came back at ")
    _tail(doc, vm, a)


@form("en", "value", "measured", held=True, weight=2, verb=True)
def _enh_measured(doc: Doc, vm: ValueMention) -> None:
    a = _name(doc, vm.name)
    doc.b.t(doc.pick([" measured ", " measuring "]))
    _tail(doc, vm, a)


@form("en", "value", "reading", held=True, weight=1.5,
      fits=lambda d, vm: vm.name.number == "s" and not vm.name.text.endswith(("count", "cells")))
def _enh_reading(doc: Doc, vm: ValueMention) -> None:
    doc.b.t(f"{a_an(vm.name.text)} ")
    a = _name(doc, vm.name)
    doc.b.t(" reading of ")
    _tail(doc, vm, a)


@form("en", "value", "now", held=True, weight=1, verb=True)
def _enh_now(doc: Doc, vm: ValueMention) -> None:
    a = _name(doc, vm.name)
    doc.b.t(" are now " if vm.name.number == "p" else " is now ")
    _tail(doc, vm, a)


@form("en", "value", "level", held=True, weight=1.5,
      fits=lambda d, vm: vm.name.number == "s" and not vm.name.text.endswith(("count", "antibodies", "ELISA")))
def _enh_level(doc: Doc, vm: ValueMention) -> None:
    a = _name(doc, vm.name)
    doc.b.t(doc.pick([" level ", " levels of ", " level of "]))
    _tail(doc, vm, a)


@form("en", "value", "qual_comma", held=True, weight=1)
def _enh_qual_comma(doc: Doc, vm: ValueMention) -> None:
    a = _name(doc, vm.name)
    doc.b.t(" ")
    doc.b.ent(doc.qualifier(vm.direction), "QUALIFIER")
    doc.b.t(", at ")
    _tail(doc, vm, a)


@form("en", "qual", "came_back", held=True, weight=2, verb=True)
def _enh_q_came_back(doc: Doc, qm: QualMention) -> None:
    a = _name(doc, qm.name)
    doc.b.t(doc.pick([" came back ", " returned "]))
    _relate_word(doc, qm, a, _qual_word(doc, qm))


@form("en", "qual", "paren", held=True, weight=1.5, fits=lambda d, q: not d.no_ranges)
def _enh_q_paren(doc: Doc, qm: QualMention) -> None:
    a = _name(doc, qm.name)
    doc.b.t(" (")
    _relate_word(doc, qm, a, _qual_word(doc, qm))
    doc.b.t(")")


@form("en", "qual", "result", held=True, weight=1.5)
def _enh_q_result(doc: Doc, qm: QualMention) -> None:
    a = _name(doc, qm.name)
    doc.b.t(doc.pick([" result ", " result: ", " - "]))
    _relate_word(doc, qm, a, _qual_word(doc, qm))


@form("en", "qual", "titre_of", held=True, weight=4, fits=lambda d, q: q.titre is not None)
def _enh_q_titre(doc: Doc, qm: QualMention) -> None:
    a = _name(doc, qm.name)
    doc.b.t(doc.pick([" titre ", " titre of ", " with a titre of "]))
    doc.relate_word(qm.analyte.id, a, doc.b.ent(qm.titre, "VALUE"), qm.titre)


@form("en", "qual_group", "value_first", held=True, weight=1)
def _enh_qg_first(doc: Doc, group: list[QualMention]) -> None:
    value = doc.b.ent(_word(doc, group[0].outcome, adjective=True), "VALUE")
    doc.b.t(" ")
    for qm, a in zip(group, _names_list(doc, [q.name for q in group], " and ")):
        _relate_word(doc, qm, a, value)


@form("en", "norm", "held", held=True, weight=3)
def _enh_n_held(doc: Doc, nm: NormMention) -> None:
    _names_list(doc, nm.names, " and ")
    doc.b.t(doc.pick([" ", ": "]))
    doc.b.ent(doc.qualifier(nm.direction), "QUALIFIER")


@form("en", "norm", "came_back", held=True, weight=1, verb=True)
def _enh_n_came_back(doc: Doc, nm: NormMention) -> None:
    _names_list(doc, nm.names, " and ")
    doc.b.t(" came back ")
    doc.b.ent(doc.qualifier(nm.direction), "QUALIFIER")


@form("en", "trend", "arrow", held=True, weight=1)
def _enh_trend(doc: Doc, pair: tuple[ValueMention, ValueMention]) -> None:
    _ith_trend(doc, pair)


@form("en", "pair", "both", held=True, weight=1)
def _enh_pair(doc: Doc, pair: tuple[ValueMention, ValueMention]) -> None:
    first, second = pair
    if not second.unit or doc.rng.random() < 0.5:
        _en_pair_tail(doc, first, second)
        return
    a1 = _name(doc, first.name)
    doc.b.t(" ")
    v1 = doc.b.ent(first.value_text, "VALUE")
    doc.b.t(", ")
    a2 = _name(doc, second.name)
    doc.b.t(" ")
    v2 = doc.b.ent(second.value_text, "VALUE")
    doc.b.t(" (both ")
    unit = doc.b.ent(second.unit, "UNIT")
    doc.b.t(")")
    doc.relate(first, a1, v1, unit, None, None)
    doc.relate(second, a2, v2, unit, None, None)


def _en_pair_tail(doc: Doc, first: ValueMention, second: ValueMention) -> None:
    a1 = _name(doc, first.name)
    doc.b.t(" ")
    v1 = doc.b.ent(first.value_text, "VALUE")
    doc.b.t(" and ")
    a2 = _name(doc, second.name)
    doc.b.t(" ")
    v2 = doc.b.ent(second.value_text, "VALUE")
    unit = None
    if second.unit:
        doc.b.t(" ")
        unit = doc.b.ent(second.unit, "UNIT")
    doc.relate(first, a1, v1, unit, None, None)
    doc.relate(second, a2, v2, unit, None, None)


# == frames: a list of mentions into sentences ====================================================================
PANEL_HEADINGS = {
    "it": {"cbc": "Emocromo", "renal": "Funzionalità renale", "liver": "Funzionalità epatica",
           "metabolic": "Metabolismo", "inflammation": "Indici di flogosi", "iron": "Assetto marziale",
           "thyroid": "Tiroide", "immunology": "Autoimmunità", "serology": "Sierologia", "other": "Altri esami"},
    "en": {"cbc": "FBC", "renal": "U&Es", "liver": "LFTs", "metabolic": "Metabolic", "inflammation": "Inflammatory markers",
           "iron": "Haematinics", "thyroid": "Thyroid", "immunology": "Immunology", "serology": "Serology",
           "other": "Other"},
}


_PANEL_WORDS = {n.text.casefold() for by_lang in PANEL_NAMES.values() for names in by_lang.values() for n in names}


def render(doc: Doc, item: Item, only: tuple[str, ...] | None = None) -> None:
    use(doc, item.kind, item.arg, only)


def join(doc: Doc, items: list[Item], *, sep: str = ", ", last: str | None = None) -> None:
    if last is None:
        last = " e " if doc.lang == "it" else doc.pick([" and ", " and ", ", and "]) if len(items) > 2 else " and "
    for i, item in enumerate(items):
        if i:
            doc.b.t(last if i == len(items) - 1 else sep)
        render(doc, item)


def _lead(doc: Doc, options: list[str], verbs: bool | None = None) -> None:
    """A lead-in; ``{date}`` becomes the date of the bloods (a negative).  Skipped where the template printed a
    heading of its own (``doc.lead_given``).  After a lead that ends in a verb ("showed", "si evidenzia") the
    items may not be clauses of their own; after a colon they may."""
    text = doc.pick(options)
    if doc.lead_given:
        doc.lead_given = False
        doc.verbs_ok = True if verbs is None else verbs
        return
    doc.verbs_ok = text.rstrip().endswith(":") if verbs is None else verbs
    doc.b.cap_next = True
    doc.b.say(text.replace("{date}", f"[[{doc.date(doc.drawn)}|date]]"))


def _end(doc: Doc) -> None:
    doc.b.t(".")


@form("it", "frame", "intro", weight=3)
def _it_f_intro(doc: Doc, items: list[Item]) -> None:
    _lead(doc, ["Agli esami ematochimici si evidenzia ", "Agli esami ematochimici del {date}: ",
                "Gli esami di laboratorio mostrano ", "Dagli esami ematochimici emerge ", "Esami ematici del {date}: ",
                "In visione esami ematochimici del {date} con ", "Agli esami: ",
                "Agli ematochimici ", "Si segnala agli esami recenti ", "Ha eseguito esami ematici in data {date}, con ",
                "Porta in visione esami del {date}: "])
    join(doc, items)
    _end(doc)


@form("it", "frame", "header", weight=2, fits=lambda d, items: len(items) >= 3)
def _it_f_header(doc: Doc, items: list[Item]) -> None:
    doc.lead_given, doc.verbs_ok = False, True
    _header(doc, items, " e ")


def _header(doc: Doc, items: list[Item], last: str) -> None:
    groups: dict[str, list[Item]] = {}
    loose = []
    for item in items:
        (loose if item.kind == "norm" else groups.setdefault(item.panel, [])).append(item)
    for i, (panel, members) in enumerate(groups.items()):
        if i:
            doc.b.t("\n")
        heading = PANEL_HEADINGS[doc.lang][panel]
        if heading.casefold() in _PANEL_WORDS:  # a panel's name is a test name: ANALYTE, as in "emocromo nella norma"
            doc.b.ent(heading, "ANALYTE")
        else:
            doc.b.t(heading)
        doc.b.t(doc.pick([": ", ": ", " - "]))
        join(doc, members, last=doc.pick([last, ", "]))
        doc.b.t(doc.pick([".", ".", ";"]) if i < len(groups) - 1 else ".")
    for item in loose:
        doc.b.t("\n" if groups else "")
        doc.b.cap_next = True
        render(doc, item)
        _end(doc)


@form("it", "frame", "sentences", weight=1.5)
def _it_f_sentences(doc: Doc, items: list[Item]) -> None:
    doc.lead_given, doc.verbs_ok = False, True
    used: set[str] = set()
    for i, item in enumerate(items):
        if i:
            doc.b.t(" ")
        connector = _connector(doc, ["", "", "Inoltre ", "Si segnala ", "Si rileva "] if i else ["", "Si segnala "],
                               used)
        doc.b.cap_next = True
        doc.b.t(connector)
        doc.verbs_ok = not connector.startswith("Si ")  # "Si segnala la VES risulta..." reads wrong
        render(doc, item)
        _end(doc)


def _connector(doc: Doc, options: list[str], used: set[str]) -> str:
    """A sentence opener, each non-empty one at most once per passage."""
    choice = doc.pick([o for o in options if o not in used] or [""])
    if choice:
        used.add(choice)
    return choice


@form("it", "frame", "semicolon", weight=1)
def _it_f_semicolon(doc: Doc, items: list[Item]) -> None:
    _lead(doc, ["Esami ematochimici: ", "Esami del {date}: ", "Laboratorio: ", "Ematochimici ({date}): "])
    join(doc, items, sep="; ", last="; ")
    _end(doc)


@form("it", "frame", "bullets", weight=1.5)
def _it_f_bullets(doc: Doc, items: list[Item]) -> None:
    _lead(doc, ["Esami ematochimici ({date}):", "Esami:", "Ultimi esami:", "Esami del {date}:", "In visione:"])
    _bullets(doc, items)


def _bullets(doc: Doc, items: list[Item]) -> None:
    mark, end = doc.pick(["- ", "• ", "– ", "- "]), doc.pick(["", "", ";", ","])
    for i, item in enumerate(items):
        doc.b.t(f"\n{mark}")
        render(doc, item)
        doc.b.t("." if i == len(items) - 1 and end else end)


@form("it", "frame", "emerge", held=True, weight=2)
def _ith_f_emerge(doc: Doc, items: list[Item]) -> None:
    _lead(doc, ["In merito agli accertamenti eseguiti, si rileva quanto segue: ",
                "Dagli accertamenti laboratoristici eseguiti il {date} risulta ", "Il laboratorio documenta ",
                "Quanto agli esami ematici, si osserva ", "Accertamenti ematochimici in data {date}: "])
    join(doc, items)
    _end(doc)


@form("it", "frame", "paren", held=True, weight=1.5)
def _ith_f_paren(doc: Doc, items: list[Item]) -> None:
    _lead(doc, ["Il quadro laboratoristico è stato rivalutato", "Gli accertamenti ematochimici sono in linea con "
                "il sospetto clinico", "Si prende visione degli esami recenti", "Esami di controllo eseguiti"])
    doc.b.t(" (")
    doc.verbs_ok = False
    doc.no_ranges = True
    join(doc, items, sep="; ", last="; ")
    doc.no_ranges = False
    doc.b.t(").")


@form("it", "frame", "numbered", held=True, weight=1.5)
def _ith_f_numbered(doc: Doc, items: list[Item]) -> None:
    _lead(doc, ["Accertamenti di laboratorio:", "Esiti degli esami:", "Risultati ({date}):"])
    for i, item in enumerate(items, 1):
        doc.b.t("\n")
        doc.b.neg(f"{i})", "list")
        doc.b.t(" ")
        render(doc, item)
        doc.b.t(";" if i < len(items) else ".")


@form("it", "frame", "lay", held=True, weight=1)
def _ith_f_lay(doc: Doc, items: list[Item]) -> None:
    _lead(doc, ["Dalle analisi del sangue risulta ", "I suoi esami del sangue mostrano ",
                "Negli esami che ci ha portato si vede ", "Gli esami del {date} indicano "])
    join(doc, items)
    _end(doc)


@form("en", "frame", "intro", weight=3)
def _en_f_intro(doc: Doc, items: list[Item]) -> None:
    pronoun = "Her" if doc.sex == "F" else "His"
    _lead(doc, ["Bloods showed ", "Blood tests on {date} showed ", "Investigations: ", "Recent bloods: ",
                f"{pronoun} bloods showed ", "Blood results from {date}: ", "Labs: ", "Routine bloods revealed ",
                "Results from {date} show ", "Bloods taken on {date} showed "])
    join(doc, items)
    _end(doc)


@form("en", "frame", "header", weight=2, fits=lambda d, items: len(items) >= 3)
def _en_f_header(doc: Doc, items: list[Item]) -> None:
    doc.lead_given, doc.verbs_ok = False, True
    _header(doc, items, " and ")


@form("en", "frame", "possessive", weight=1.5, fits=lambda d, items: items[0].kind == "value")
def _en_f_possessive(doc: Doc, items: list[Item]) -> None:
    doc.lead_given, doc.verbs_ok = False, True
    doc.b.t(f"{'Her' if doc.sex == 'F' else 'His'} ")
    for i, item in enumerate(items):
        if i:
            doc.b.t(" and " if i == len(items) - 1 else ", ")
        render(doc, item, only=("was",) if i == 0 else None)
    _end(doc)


@form("en", "frame", "sentences", weight=1.5)
def _en_f_sentences(doc: Doc, items: list[Item]) -> None:
    doc.lead_given, doc.verbs_ok = False, True
    used: set[str] = set()
    for i, item in enumerate(items):
        if i:
            doc.b.t(" ")
        doc.b.cap_next = True
        doc.b.t(_connector(doc, ["", "", "", "In addition, ", "Also "], used) if i else "")
        render(doc, item)
        _end(doc)


@form("en", "frame", "semicolon", weight=1)
def _en_f_semicolon(doc: Doc, items: list[Item]) -> None:
    _lead(doc, ["Bloods: ", "Results ({date}): ", "Investigations: ", "Labs ({date}): "])
    join(doc, items, sep="; ", last="; ")
    _end(doc)


@form("en", "frame", "bullets", weight=1.5)
def _en_f_bullets(doc: Doc, items: list[Item]) -> None:
    _lead(doc, ["Bloods ({date}):", "Results:", "Latest bloods:", "Investigations:", "Blood results {date}:"])
    _bullets(doc, items)


@form("en", "frame", "notable", held=True, weight=2)
def _enh_f_notable(doc: Doc, items: list[Item]) -> None:
    _lead(doc, ["Labs notable for ", "Of note, ", "On review of the results, ", "Results of interest: ",
                "Work-up from {date} notable for "])
    join(doc, items)
    _end(doc)


@form("en", "frame", "paren", held=True, weight=1.5)
def _enh_f_paren(doc: Doc, items: list[Item]) -> None:
    _lead(doc, ["The blood results were reviewed", "The laboratory work-up was in keeping with this",
                "Her recent results support this" if doc.sex == "F" else "His recent results support this",
                "Blood tests were repeated"])
    doc.b.t(" (")
    doc.verbs_ok = False
    doc.no_ranges = True
    join(doc, items, sep="; ", last="; ")
    doc.no_ranges = False
    doc.b.t(").")


@form("en", "frame", "numbered", held=True, weight=1.5)
def _enh_f_numbered(doc: Doc, items: list[Item]) -> None:
    _lead(doc, ["Results:", "Investigation results:", "Bloods ({date}):"])
    style = doc.pick(["{i})", "{i}."])
    for i, item in enumerate(items, 1):
        doc.b.t("\n")
        doc.b.neg(style.format(i=i), "list")
        doc.b.t(" ")
        render(doc, item)
        doc.b.t(";" if i < len(items) else ".")


@form("en", "frame", "lay", held=True, weight=1)
def _enh_f_lay(doc: Doc, items: list[Item]) -> None:
    _lead(doc, ["Your blood tests showed ", "The blood test you had on {date} showed ", "Your results show ",
                "In summary, your bloods show "])
    join(doc, items)
    _end(doc)



# == held out, tumour-board summaries only (``*_tumour_board``) ===================================================
_BOARD = {"it": ("it_tumour_board",), "en": ("en_tumour_board",)}
_DRIFT = {"it": {"H": ("in lieve rialzo", "in rialzo", "in incremento"), "L": ("in lieve calo", "in flessione",
                                                                                "in calo")},
          "en": {"H": ("slightly up", "creeping up", "mildly up"), "L": ("slightly down", "drifting down",
                                                                         "dipping")}}
_IN_LIMITS = {"it": {"N": ("nel range di riferimento", "entro l'intervallo di riferimento"),
                     "H": ("al di sopra del range", "oltre l'intervallo di riferimento"),
                     "L": ("al di sotto del range", "sotto l'intervallo di riferimento")},
              "en": {"N": ("within reference limits", "inside the lab range"),
                     "H": ("above the lab range", "over the upper reference limit"),
                     "L": ("under the lab range", "under the lower reference limit")}}
_ALL_IN = {"it": ("entro i valori di riferimento", "nel range"), "en": ("within the lab's ranges", "in range")}


def _range_then_unit(doc: Doc, vm: ValueMention) -> bool:
    return bool(vm.unit and vm.range_text and not doc.no_ranges and vm.flag_text is None
                and not vm.unit.startswith("/") and vm.unit != "%")


def _board_drift(doc: Doc, vm: ValueMention) -> None:
    """ "LDH in lieve rialzo (312 U/L)", "LDH slightly up (312 U/L)": a judgement word, then the value in brackets."""
    if doc.lang == "it":
        doc.b.t(doc.pick(["", "", "valori di "]))
    a = _name(doc, vm.name)
    doc.b.t(" ")
    doc.b.ent(doc.pick(_DRIFT[doc.lang][vm.direction]), "QUALIFIER")
    _paren_value(doc, vm, a)


def _board_stable(doc: Doc, vm: ValueMention) -> None:
    """ "S100B: 0,09 µg/L, stabile": the value, then a word on its course (plain text: it judges no range)."""
    a = _name(doc, vm.name)
    doc.b.t(": ")
    _tail(doc, vm, a)
    if doc.lang == "it":
        doc.b.t(agree(doc.pick([", stabile", ", invariat@", ", sostanzialmente stabile", " (stabile)"]),
                      vm.name.gender, vm.name.number))
    else:
        doc.b.t(doc.pick([", stable", ", unchanged", " (stable)", ", no change"]))


def _board_range_unit(doc: Doc, vm: ValueMention) -> None:
    """ "creatinina 0,9 (0,6–1,2) mg/dL": the range in brackets between the number and its unit."""
    a = _name(doc, vm.name)
    doc.b.t(" ")
    value = doc.b.ent(vm.value_text, "VALUE")
    doc.b.t(" (")
    range_ = doc.b.ent(vm.range_text, "RANGE")
    doc.b.t(") ")
    unit = doc.b.ent(vm.unit, "UNIT")
    doc.relate(vm, a, value, unit, range_, None)


def _board_dated(doc: Doc, vm: ValueMention) -> None:
    """ "Hb 12,1 g/dL del 03/02/2024", "Hb 12.1 g/dL (taken 3 February 2024)": the value, then when it was taken."""
    a = _name(doc, vm.name)
    doc.b.t(" ")
    _tail(doc, vm, a)
    lead = doc.pick([" del ", " in data ", " (prelievo del "] if doc.lang == "it" else
                    [" on ", " dated ", " (taken "])
    doc.b.t(lead)
    doc.b.neg(doc.date(doc.drawn, "num" if doc.lang == "it" else None), "date")
    if "(" in lead:
        doc.b.t(")")


def _board_bare(doc: Doc, vm: ValueMention) -> None:
    """ "Hb 12,1": name and number (and unit when printed), no range: an item of a short inline list."""
    a = _name(doc, vm.name)
    doc.b.t(" ")
    value, unit, flag = emit_value(doc, vm)
    doc.relate(vm, a, value, unit, None, flag)


def _board_previous(doc: Doc, pair: tuple[ValueMention, ValueMention]) -> None:
    """ "LDH 312 U/L (precedente 245)": the latest value with its unit, the earlier one after it (same unit)."""
    earlier, latest = pair
    a = _name(doc, latest.name)
    doc.b.t(" ")
    v2 = doc.b.ent(latest.value_text, "VALUE")
    unit = None
    if latest.unit:
        doc.b.t(" ")
        unit = doc.b.ent(latest.unit, "UNIT")
    lead = doc.pick([" (precedente ", " (in precedenza ", ", al controllo precedente "] if doc.lang == "it" else
                    [" (previously ", " (was ", ", previously "])
    doc.b.t(lead)
    v1 = doc.b.ent(earlier.value_text, "VALUE")
    if "(" in lead:
        doc.b.t(")")
    doc.relate(latest, a, v2, unit, None, None)
    doc.relate(earlier, a, v1, unit, None, None)


def _board_limits(doc: Doc, nm: NormMention) -> None:
    """ "funzionalità renale nel range di riferimento", "LFTs within reference limits"."""
    _names_list(doc, nm.names, " e " if doc.lang == "it" else " and ")
    doc.b.t(" ")
    text = doc.pick(_IN_LIMITS[doc.lang][nm.direction])
    doc.b.ent(text, "QUALIFIER")


def _board_frame(doc: Doc, items: list[Item]) -> None:
    """Running text of a meeting summary: a lead, the items joined."""
    if doc.lang == "it":
        _lead(doc, ["In sede di discussione si prende atto dei seguenti esami: ",
                    "Esami ematochimici più recenti, in visione alla riunione: ",
                    "Dal punto di vista laboratoristico si segnalano ", "Ultimo prelievo ({date}): "])
    else:
        _lead(doc, ["Bloods reviewed at the meeting: ", "On the laboratory side the board noted ",
                    "Most recent bloods ({date}): ", "Blood work taken on {date} was discussed: "])
    join(doc, items, sep=doc.pick(["; ", ", "]), last=doc.pick(["; ", " e " if doc.lang == "it" else " and "]))
    _end(doc)


def _inline_frame(doc: Doc, items: list[Item]) -> None:
    """A short inline list, "Hb 12,1, GB 6,8, PLT 233 - tutti entro i valori di riferimento"."""
    if doc.lang == "it":
        _lead(doc, ["Prelievo del {date}: ", "Controllo ematico del {date}: ", "Esami in sintesi: "])
    else:
        _lead(doc, ["Bloods {date}: ", "Latest set: ", "Bloods in brief: "])
    sep = doc.pick([", ", "; ", ", "])
    for i, item in enumerate(items):
        if i:
            doc.b.t(sep)
        render(doc, item, only=("bare", "nudo"))
    if len(items) >= 2 and all(i.kind == "value" and i.arg.direction == "N" for i in items):
        doc.b.t(doc.pick([" - tutti ", " — tutti "] if doc.lang == "it" else [" - all ", " — all "]))
        doc.b.ent(doc.pick(_ALL_IN[doc.lang]), "QUALIFIER")
    _end(doc)


def _register_board(lang: str) -> None:
    only = _BOARD[lang]
    form(lang, "value", "rialzo" if lang == "it" else "drift", held=True, weight=3, fits=_directional,
         only_for=only)(_board_drift)
    form(lang, "value", "stabile" if lang == "it" else "stable", held=True, weight=2, only_for=only)(_board_stable)
    form(lang, "value", "range_unit", held=True, weight=6, fits=_range_then_unit, only_for=only)(_board_range_unit)
    form(lang, "value", "datato" if lang == "it" else "dated", held=True, weight=2, fits=_numeric,
         only_for=only)(_board_dated)
    form(lang, "value", "nudo" if lang == "it" else "bare", held=True, weight=1, only_for=only)(_board_bare)
    form(lang, "trend", "precedente" if lang == "it" else "previously", held=True, weight=3,
         only_for=only)(_board_previous)
    form(lang, "norm", "limiti" if lang == "it" else "limits", held=True, weight=4, only_for=only)(_board_limits)
    form(lang, "frame", "board", held=True, weight=1, only_for=only)(_board_frame)
    form(lang, "frame", "inline", held=True, weight=1, only_for=only)(_inline_frame)


for _lang in ("it", "en"):
    _register_board(_lang)


# More forms register themselves from their own modules (imported last: they use the helpers above).
from . import forms_blind, forms_extra  # noqa: E402,F401

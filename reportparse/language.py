"""Tell Italian from English reports by the words they are made of."""

from __future__ import annotations

import regex

__all__ = ["detect_language"]

_WORDS = {
    "it": set(
        "di del della delle dei degli il lo la le gli un una per con su da nel nella sono valori valore riferimento "
        "risultato risultati esame esami emocromo referto globuli ematocrito emoglobina piastrine glucosio "
        "colesterolo azienda laboratorio analisi data sesso età eta nascita intervallo prelievo richiesta totale "
        "proteine urine sangue siero leucociti eritrociti neutrofili linfociti monociti eosinofili basofili "
        "negativo positivo assenti presenti tracce medico paziente unità metodo ferro creatinina azotemia "
        "trigliceridi bilirubina fosfatasi alcalina uomini donne ore pagina".split()
    ),
    "en": set(
        "the of and to in for with on by is are test tests result results reference range report patient name age "
        "sex gender collected hemoglobin haemoglobin count total blood cholesterol glucose date normal units unit "
        "interval high low serum plasma urine white red cells platelet platelets negative positive absent present "
        "method page doctor sample specimen creatinine urea bilirubin protein iron calcium sodium potassium "
        "chloride fasting value values".split()
    ),
}
_TOKEN = regex.compile(r"\p{L}+")


def detect_language(text: str, default: str = "en") -> tuple[str, float, float]:
    """Return (language, share_it, share_en) from the share of tokens in each word list."""
    tokens = [t.casefold() for t in _TOKEN.findall(text[:20000])]
    if not tokens:
        return default, 0.0, 0.0
    it = sum(t in _WORDS["it"] for t in tokens) / len(tokens)
    en = sum(t in _WORDS["en"] for t in tokens) / len(tokens)
    if it == en:
        return default, it, en
    return ("it" if it > en else "en"), it, en

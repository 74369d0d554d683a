"""Score predictions against gold annotations (the ``reports-dev`` gold format).

A prediction matches a gold value when the printed names agree (case, spacing and
Unicode forms aside) and so do the results (numbers within 1e-6 relative; printed text
ignoring case and spaces).  For matched pairs we also score unit, reference bounds and
flag.  Precision / recall / F1 are reported per report, per language and overall (micro).
"""

from __future__ import annotations

import json
import math
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .errors import Errors, ReportParseError

__all__ = ["ReportScore", "Evaluation", "evaluate", "load_gold", "load_predictions"]


def _norm_text(text: Any) -> str:
    s = unicodedata.normalize("NFKC", str(text)).casefold().replace("μ", "µ").replace("µ", "u")
    return "".join(s.split())


def _norm_name(text: str) -> str:
    s = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(s.split()).rstrip(":").strip()


def _same_number(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        fa, fb = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return math.isclose(fa, fb, rel_tol=1e-6, abs_tol=1e-9)


def _same_value(gold: Any, pred: dict[str, Any]) -> bool:
    printed = pred.get("text")
    if isinstance(gold, (int, float)) and not isinstance(gold, bool):
        return printed is None and _same_number(gold, pred.get("value"))
    if printed is None:
        return False
    return _norm_text(gold) == _norm_text(printed)


@dataclass
class ReportScore:
    file: str
    lang: str
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    unit_ok: int = 0
    ref_ok: int = 0
    flag_ok: int = 0
    missed: list[dict[str, Any]] = field(default_factory=list)
    spurious: list[dict[str, Any]] = field(default_factory=list)
    errors: list[tuple[str, dict[str, Any], dict[str, Any]]] = field(default_factory=list)

    def add(self, other: ReportScore) -> None:
        for name in ("gold", "predicted", "matched", "unit_ok", "ref_ok", "flag_ok"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self, count: int) -> float:
        return count / self.matched if self.matched else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file, "lang": self.lang, "gold": self.gold, "predicted": self.predicted,
            "matched": self.matched, "precision": round(self.precision, 4), "recall": round(self.recall, 4),
            "f1": round(self.f1, 4), "unit_accuracy": round(self.accuracy(self.unit_ok), 4),
            "ref_accuracy": round(self.accuracy(self.ref_ok), 4), "flag_accuracy": round(self.accuracy(self.flag_ok), 4),
        }


@dataclass
class Evaluation:
    reports: list[ReportScore]

    def total(self, lang: str | None = None) -> ReportScore:
        total = ReportScore("ALL" if lang is None else f"ALL-{lang}", lang or "*")
        for score in self.reports:
            if lang is None or score.lang == lang:
                total.add(score)
        return total

    def to_dict(self) -> dict[str, Any]:
        langs = sorted({r.lang for r in self.reports})
        return {
            "reports": [r.to_dict() for r in self.reports],
            "by_language": {lang: self.total(lang).to_dict() for lang in langs},
            "overall": self.total().to_dict(),
        }

    def format(self, details: bool = False) -> str:
        header = f"{'report':52} {'lang':4} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6} {'unit':>6} {'ref':>6} {'flag':>6}"
        rows = [header, "-" * len(header)]

        def line(s: ReportScore) -> str:
            return (f"{s.file[:52]:52} {s.lang:4} {s.gold:5d} {s.predicted:5d} {s.precision:6.3f} {s.recall:6.3f} "
                    f"{s.f1:6.3f} {s.accuracy(s.unit_ok):6.3f} {s.accuracy(s.ref_ok):6.3f} {s.accuracy(s.flag_ok):6.3f}")

        for score in self.reports:
            rows.append(line(score))
            if details:
                for miss in score.missed:
                    rows.append(f"    missed   {miss.get('analyte')!r} = {miss.get('value')!r}")
                for extra in score.spurious:
                    rows.append(f"    spurious {extra.get('name')!r} = {extra.get('text') or extra.get('value')!r}")
                for what, gold, pred in score.errors:
                    rows.append(f"    {what:8} {gold.get('analyte')!r}: gold {gold.get(what if what != 'ref' else 'ref_low')!r}"
                                f"/{gold.get('ref_high')!r} pred {pred.get(what if what != 'ref' else 'ref_low')!r}/{pred.get('ref_high')!r}")
        rows.append("-" * len(header))
        for lang in sorted({r.lang for r in self.reports}):
            rows.append(line(self.total(lang)))
        rows.append(line(self.total()))
        return "\n".join(rows)


def load_gold(gold_dir: str | Path) -> dict[str, dict[str, Any]]:
    gold_dir = Path(gold_dir)
    files = sorted(gold_dir.glob("*.json"))
    if not files:
        raise ReportParseError(Errors.E012, path=str(gold_dir))
    return {Path(json.loads(f.read_text(encoding="utf-8"))["file"]).stem: json.loads(f.read_text(encoding="utf-8"))
            for f in files}


def load_predictions(path: str | Path) -> dict[str, dict[str, Any]]:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
        reports = [json.loads(line) for line in lines if line.strip()]
    except (OSError, json.JSONDecodeError) as exc:
        raise ReportParseError(Errors.E013, path=str(path), detail=str(exc)) from None
    return {Path(r["source"]).stem: r for r in reports if r.get("source")}


def score_report(gold: dict[str, Any], predicted: dict[str, Any] | None) -> ReportScore:
    score = ReportScore(Path(gold["file"]).stem, gold.get("lang", "?"))
    gold_values = gold.get("values", [])
    pred_values = list((predicted or {}).get("values", []))
    score.gold, score.predicted = len(gold_values), len(pred_values)
    used: set[int] = set()
    for g in gold_values:
        match = None
        for i, p in enumerate(pred_values):
            if i not in used and _norm_name(p["name"]) == _norm_name(g["analyte"]) and _same_value(g["value"], p):
                match = i
                break
        if match is None:
            score.missed.append(g)
            continue
        used.add(match)
        p = pred_values[match]
        score.matched += 1
        if (g.get("unit") is None and p.get("unit") is None) or (
            g.get("unit") is not None and p.get("unit") is not None and _norm_text(g["unit"]) == _norm_text(p["unit"])
        ):
            score.unit_ok += 1
        else:
            score.errors.append(("unit", g, p))
        if _same_number(g.get("ref_low"), p.get("ref_low")) and _same_number(g.get("ref_high"), p.get("ref_high")):
            score.ref_ok += 1
        else:
            score.errors.append(("ref", g, p))
        if g.get("flag") == p.get("flag"):
            score.flag_ok += 1
        else:
            score.errors.append(("flag", g, p))
    score.spurious = [p for i, p in enumerate(pred_values) if i not in used]
    return score


def evaluate(gold_dir: str | Path, predictions: str | Path | Iterable[dict[str, Any]]) -> Evaluation:
    gold = load_gold(gold_dir)
    if isinstance(predictions, (str, Path)):
        predicted = load_predictions(predictions)
    else:
        predicted = {Path(r["source"]).stem: r for r in predictions if r.get("source")}
    return Evaluation([score_report(g, predicted.get(stem)) for stem, g in gold.items()])

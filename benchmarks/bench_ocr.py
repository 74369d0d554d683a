"""OCR benchmark: reportparse on generated reports rasterised and read by Tesseract.

    python benchmarks/bench_ocr.py [--n 10] [--seed 0] [--dpi 200,300,400] [--psm 6,3,4] [--part dpi,steps,presets]
                                   [--steps-n 6] [--presets clean,moderate,...] [--jobs 2] [--json OUT]

Generates --n reports (half Italian, half English, tuning layout families only: the held-out families are never
used to tune) as native PDFs, and scores (name, value) precision / recall / F1 and unit accuracy against their gold
with reportparse.evaluate.score_report, with seconds per page:

* native: the PDF's text layer (--ocr never), the ceiling OCR is measured against;
* dpi: every page rendered with pdfium at each --dpi and read by Tesseract with each --psm, no preparation
  (``OcrOptions(mode="always", prepare=())``): picks the render resolution for scanned PDFs and the psm;
* steps: the first --steps-n reports rendered at 300 dpi, damaged in simple ways (upside down, skewed, dim, uneven
  light, noise, low resolution, a large photo) and saved as TIFF; each preparation step alone on top of grayscale,
  the default steps, and the default less each step: which steps earn their place;
* presets: the reports of ``corpora.scans.generate_scans`` for each --presets damage preset (clean, moderate, blur,
  noise, jpeg, skew, perspective, lighting, fax, stamp, handwriting, photo), written as PNG/TIFF and parsed with
  the default options: F1 and unit accuracy per preset (skipped when ``corpora.scans`` is not installed).

A report that fails counts as F1 0 and is listed.  Tesseract runs with one thread per process (--jobs processes).
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpora.reports import HELD_OUT_FAMILIES, generate_corpus, write_report  # noqa: E402

_COUNTS = ("gold", "predicted", "matched", "unit_ok")


@dataclass(frozen=True)
class Case:
    """One input to parse with one configuration."""

    table: str  # "native", "dpi", "steps"
    config: str  # the column it scores for
    path: str
    gold: str
    ocr: dict  # OcrOptions fields
    damage: str = "clean"


def _warm() -> None:
    """Load both pipelines in each worker first, so seconds per page measure reading, not start-up."""
    import reportparse

    for text, lang in (("Emoglobina 13,5 g/dL", "it"), ("Haemoglobin 13.5 g/dL", "en")):
        reportparse.parse_text(text, lang=lang)


def _score(case: Case) -> dict:
    import reportparse
    from reportparse.evaluate import score_report

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    gold = json.loads(Path(case.gold).read_text(encoding="utf-8"))
    row = {"table": case.table, "config": case.config, "damage": case.damage, "file": Path(case.path).name,
           "error": None}
    start = time.perf_counter()
    try:
        report = reportparse.parse_file(case.path, lang=gold["lang"], ocr=reportparse.OcrOptions(**case.ocr))
    except Exception as exc:  # a failed parse scores 0 and is listed
        row.update({k: 0 for k in _COUNTS}, gold=len(gold["values"]), pages=1, seconds=time.perf_counter() - start,
                   error=f"{type(exc).__name__}: {exc}")
        return row
    score = score_report(gold, report.to_dict())
    row.update(gold=score.gold, predicted=score.predicted, matched=score.matched, unit_ok=score.unit_ok,
               pages=report.pages, seconds=time.perf_counter() - start,
               w006=sum(w.code == "W006" for w in report.warnings))
    return row


# Simple damage, deterministic per report: stand-ins for real scans and photos, to see what each step is for.
def _rotate(image, angle):
    from PIL import Image

    return image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)


def _gradient(image, rng):
    import numpy as np
    from PIL import Image

    h, w = image.height, image.width
    light = np.linspace(0.45, 1.0, w)[None, :] * np.linspace(0.75, 1.0, h)[:, None]
    return Image.fromarray((np.asarray(image, np.float64) * light).astype(np.uint8), "L")


def _noise(image, rng):
    import numpy as np
    from PIL import Image

    noisy = np.asarray(image, np.float64) + np.random.default_rng(rng.randrange(2**32)).normal(0, 35, image.size[::-1])
    return Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8), "L")


DAMAGES = {  # name -> (render dpi, damage(image, rng) -> image, dpi written in the file)
    "clean": (300, lambda im, rng: im, 300),
    "upside_down": (300, lambda im, rng: im.rotate(180), 300),
    "sideways": (300, lambda im, rng: im.rotate(90, expand=True), 300),
    "skew": (300, lambda im, rng: _rotate(im, rng.choice((-1, 1)) * rng.uniform(1.5, 4.5)), 300),
    "dim": (300, lambda im, rng: im.point(lambda v: int(110 + v * 0.45)), 300),
    "lighting": (300, _gradient, 300),
    "noise": (300, _noise, 300),
    "low_res": (300, lambda im, rng: im.resize((im.width * 2 // 5, im.height * 2 // 5)), 120),
    "photo_large": (600, lambda im, rng: im, 72),  # a phone photo: many pixels, no useful dpi in the file
}


def _damaged_tiff(pdf: Path, damage: str, out: Path, seed: str) -> Path:
    import pypdfium2 as pdfium

    dpi, apply, written = DAMAGES[damage]
    rng = random.Random(f"{seed}-{damage}")
    document = pdfium.PdfDocument(str(pdf))
    pages = [apply(page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L"), rng) for page in document]
    document.close()
    path = out / f"{pdf.stem}.{damage}.tif"
    pages[0].save(path, save_all=True, append_images=pages[1:], compression="tiff_deflate", dpi=(written, written))
    return path


def _corpus(n: int, seed: int, out: Path) -> list[tuple[Path, Path]]:
    """Italian and English reports in turn (so the first k of them, for the steps, hold both languages)."""
    by_lang = {}
    for lang, count in (("it", (n + 1) // 2), ("en", n // 2)):
        reports = generate_corpus(count, lang=lang, seed=seed, formats=("pdf",), exclude_families=HELD_OUT_FAMILIES)
        by_lang[lang] = [write_report(report, out, fmt) for report, fmt in reports]
    return [pair for i in range((n + 1) // 2) for pair in (by_lang["it"][i:i + 1] + by_lang["en"][i:i + 1])]


STEP_CONFIGS = {
    "grayscale": ("grayscale",),
    "+orientation": ("grayscale", "orientation"),
    "+deskew": ("grayscale", "deskew"),
    "+contrast": ("grayscale", "contrast"),
    "+threshold": ("grayscale", "threshold"),
    "+background": ("grayscale", "background"),
    "+normalise": ("grayscale", "normalise"),
}


def _default_configs() -> dict[str, tuple[str, ...]]:
    from reportparse.ocr.options import DEFAULT_STEPS

    configs = {"default": DEFAULT_STEPS}
    configs.update({f"-{s}": tuple(x for x in DEFAULT_STEPS if x != s) for s in DEFAULT_STEPS if s != "grayscale"})
    return configs


PRESETS = ("clean", "moderate", "blur", "noise", "jpeg", "skew", "perspective", "lighting", "fax", "stamp",
           "handwriting", "photo")


def _preset_cases(args, tmp: Path) -> list[Case]:
    """Damaged scans of the same reports (same ids and gold as the PDFs), one set per preset."""
    from corpora.scans import generate_scans, write_scan

    cases = []
    for preset in args.presets:
        for lang, count in (("it", (args.n + 1) // 2), ("en", args.n // 2)):
            for doc in generate_scans(count, lang=lang, seed=args.seed, preset=preset,
                                      exclude_families=HELD_OUT_FAMILIES):
                written = write_scan(doc, tmp / "scans" / preset)  # the image(s), then the gold file
                cases.append(Case("presets", preset, str(written[0]), str(written[-1]), {}, preset))
    return cases


def _cases(args, corpus: list[tuple[Path, Path]], tmp: Path) -> list[Case]:
    cases = [Case("native", "text layer", str(p), str(g), {"mode": "never"}) for p, g in corpus]
    if "dpi" in args.part:
        for dpi in args.dpi:
            for psm in args.psm:
                cases += [Case("dpi", f"{dpi} dpi psm {psm}", str(p), str(g),
                               {"mode": "always", "dpi": dpi, "psm": psm, "prepare": ()}) for p, g in corpus]
    if "steps" in args.part:
        configs = {**STEP_CONFIGS, **_default_configs()}
        for pdf, gold in corpus[: args.steps_n]:
            for damage in DAMAGES:
                tiff = _damaged_tiff(pdf, damage, tmp, f"{args.seed}-{pdf.stem}")
                cases += [Case("steps", name, str(tiff), str(gold), {"prepare": steps}, damage)
                          for name, steps in configs.items()]
    if "presets" in args.part:
        cases += _preset_cases(args, tmp)
    return cases


def _total(rows: list[dict]) -> dict:
    total = {k: sum(r[k] for r in rows) for k in (*_COUNTS, "pages", "seconds")}
    p = total["matched"] / total["predicted"] if total["predicted"] else 0.0
    r = total["matched"] / total["gold"] if total["gold"] else 0.0
    total["f1"] = 2 * p * r / (p + r) if p + r else 0.0
    total["unit"] = total["unit_ok"] / total["matched"] if total["matched"] else 0.0
    total["s_page"] = total["seconds"] / max(total["pages"], 1)
    total["errors"] = sum(1 for row in rows if row["error"])
    return total


def _print_config_table(title: str, rows: list[dict]) -> None:
    print(f"\n{title}")
    print(f"{'configuration':24} {'reports':>7} {'pages':>5} {'gold':>5} {'F1':>6} {'unit':>6} {'s/page':>7} "
          f"{'errors':>6}")
    for config in dict.fromkeys(r["config"] for r in rows):
        t = _total([r for r in rows if r["config"] == config])
        n = sum(1 for r in rows if r["config"] == config)
        print(f"{config:24} {n:7d} {t['pages']:5d} {t['gold']:5d} {t['f1']:6.3f} {t['unit']:6.3f} "
              f"{t['s_page']:7.2f} {t['errors']:6d}")


def _print_steps_table(rows: list[dict]) -> None:
    configs = list(dict.fromkeys(r["config"] for r in rows))
    damages = list(dict.fromkeys(r["damage"] for r in rows))
    print("\nsteps: F1 per damage (rows) and preparation (columns); last rows: mean F1 and seconds per page")
    print(f"{'damage':12} " + " ".join(f"{c[:12]:>12}" for c in configs))
    for damage in damages:
        cells = [_total([r for r in rows if r["config"] == c and r["damage"] == damage])["f1"] for c in configs]
        print(f"{damage:12} " + " ".join(f"{v:12.3f}" for v in cells))
    means = [sum(_total([r for r in rows if r["config"] == c and r["damage"] == d])["f1"] for d in damages)
             / len(damages) for c in configs]
    print(f"{'mean F1':12} " + " ".join(f"{v:12.3f}" for v in means))
    speeds = [_total([r for r in rows if r["config"] == c])["s_page"] for c in configs]
    print(f"{'s/page':12} " + " ".join(f"{v:12.2f}" for v in speeds))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10, help="generated reports, half per language (default 10)")
    parser.add_argument("--seed", type=int, default=0, help="generation and damage seed (default 0)")
    parser.add_argument("--dpi", type=lambda s: [int(x) for x in s.split(",")], default=[200, 300, 400],
                        help="render resolutions for the dpi part, comma-separated (default 200,300,400)")
    parser.add_argument("--psm", type=lambda s: [int(x) for x in s.split(",")], default=[6, 3, 4],
                        help="Tesseract page segmentation modes for the dpi part (default 6,3,4)")
    parser.add_argument("--part", type=lambda s: s.split(","), default=["dpi", "steps"],
                        help="which tables: dpi, steps, presets, comma-separated (default dpi,steps)")
    parser.add_argument("--steps-n", type=int, default=6, help="reports for the steps part (default 6)")
    parser.add_argument("--presets", type=lambda s: s.split(","), default=list(PRESETS),
                        help="corpora.scans presets for the presets part (default: all listed above)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes, one Tesseract thread each (default 2)")
    parser.add_argument("--json", metavar="OUT", help="also write the tables as JSON")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench_ocr_") as tmp:
        corpus = _corpus(args.n, args.seed, Path(tmp))
        cases = _cases(args, corpus, Path(tmp))
        started = time.perf_counter()
        with ProcessPoolExecutor(max_workers=args.jobs, initializer=_warm) as pool:
            rows = list(pool.map(_score, cases, chunksize=1))
    pages = sum(r["pages"] for r in rows if r["table"] == "native")
    print(f"{len(corpus)} reports ({pages} pages), {len(cases)} parses in {time.perf_counter() - started:.0f} s, "
          f"{args.jobs} processes")
    _print_config_table("native PDF text layer (the ceiling)", [r for r in rows if r["table"] == "native"])
    if "dpi" in args.part:
        _print_config_table("rendered with pdfium and read by Tesseract, no preparation",
                            [r for r in rows if r["table"] == "dpi"])
    if "steps" in args.part:
        _print_steps_table([r for r in rows if r["table"] == "steps"])
    if "presets" in args.part:
        _print_config_table("corpora.scans presets, default OCR options (F1 and unit accuracy per preset)",
                            [r for r in rows if r["table"] == "presets"])
    for row in rows:
        if row["error"]:
            print(f"  error {row['config']} {row['damage']} {row['file']}: {row['error'][:200]}")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

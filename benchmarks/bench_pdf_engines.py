"""The PDF engines (pdfminer, pdfium) on generated reports: throughput, equality, and where the time goes.

    python benchmarks/bench_pdf_engines.py [--n 500] [--seed 11] [--profile 60] [--json OUT]

Generates --n PDF reports once (corpora.reports, every layout family in turn, Italian and English halves) into a
temporary folder, then times, on the same files in the same run, one file at a time in rotating order (so a
busy machine slows every method alike):

- baseline: pdfminer.six's own ``extract_text`` (its layout analysis; what "reading a PDF" costs with pdfminer);
- exact: ``reportparse.parse_file`` with ``PdfOptions(engine="pdfminer")``, end to end;
- pdfium / auto: ``parse_file`` with the pdfium engine / the default "auto", end to end;
- the reading step alone, per engine: glyphs only (``PDF_ENGINES[name]``), and glyphs to rendered text
  (``read_pdf``: words, rows, cells; what parse_file reads before the pipeline).

Prints pages/s and reports/s of each, the ratio of each to the baseline and to the exact path, and whether the
values (spans aside: they index each engine's own text) are the same for every report.  Then a profile of the
pdfium path end to end on --profile reports: the stream check, the engine, words and rendering, language detection,
and each spaCy pipeline component, in seconds and shares; that is what bounds the end-to-end ratio.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import reportparse  # noqa: E402
from corpora.reports import generate_corpus, write_report  # noqa: E402
from reportparse.layout.engines import PDF_ENGINES  # noqa: E402
from reportparse.layout.limits import check_streams  # noqa: E402
from reportparse.layout.pdf import read_pdf, text_layer_page  # noqa: E402
from reportparse.layout.pdf_options import PdfOptions  # noqa: E402

NO_OCR = reportparse.OcrOptions(mode="never")  # generated PDFs all have text layers; nothing waits on Tesseract
OPTIONS = {name: PdfOptions(engine=name) for name in ("pdfminer", "pdfium", "auto")}


def generate(n: int, seed: int, folder: Path) -> list[tuple[Path, str]]:
    files = []
    for lang, count in (("it", n - n // 2), ("en", n // 2)):
        for report, fmt in generate_corpus(count, lang=lang, seed=seed, formats=("pdf",)):
            files.append((write_report(report, folder, fmt)[0], lang))
    return files


def _values(report) -> list[dict]:
    return [{k: v for k, v in value.items() if k != "span"} for value in report.to_dict()["values"]]


def methods() -> dict[str, object]:
    from pdfminer.high_level import extract_text

    def parse(engine: str):
        return lambda path: reportparse.parse_file(path, ocr=NO_OCR, pdf=OPTIONS[engine])  # lang="auto"

    def glyphs(engine: str):
        return lambda path: PDF_ENGINES[engine](path.read_bytes(), str(path), OPTIONS[engine], None)

    def text(engine: str):
        return lambda path: read_pdf(path.read_bytes(), str(path), options=OPTIONS[engine])

    return {"baseline extract_text": extract_text, "exact (pdfminer) parse_file": parse("pdfminer"),
            "pdfium parse_file": parse("pdfium"), "auto parse_file": parse("auto"),
            "pdfminer glyphs": glyphs("pdfminer"), "pdfium glyphs": glyphs("pdfium"),
            "pdfminer read_pdf": text("pdfminer"), "pdfium read_pdf": text("pdfium")}


def time_methods(files: list[tuple[Path, str]]) -> tuple[dict[str, float], dict[str, list], int]:
    """Seconds per method over all files (rotating the order file by file), the parse results, pages."""
    table = methods()
    names = list(table)
    seconds: dict[str, float] = defaultdict(float)
    results: dict[str, list] = defaultdict(list)
    pages = 0
    for i, (path, _) in enumerate(files):
        order = names[i % len(names):] + names[:i % len(names)]
        for name in order:
            start = time.perf_counter()
            out = table[name](path)
            seconds[name] += time.perf_counter() - start
            if name.endswith("parse_file"):
                results[name].append(_values(out))
                if name.startswith("exact"):
                    pages += out.pages
    return dict(seconds), dict(results), pages


def profile(files: list[tuple[Path, str]]) -> dict[str, float]:
    """Seconds per stage of the pdfium path end to end (what parse_file does, stage by stage)."""
    from reportparse.api import _cached_pipeline, _resolve_language
    from reportparse.pipeline.extensions import register_extensions

    register_extensions()
    stages: dict[str, float] = defaultdict(float)
    options = OPTIONS["pdfium"]

    def timed(stage: str, fn, *args):
        start = time.perf_counter()
        out = fn(*args)
        stages[stage] += time.perf_counter() - start
        return out

    for path, _ in files:
        data = timed("read file", path.read_bytes)
        timed("stream check (bombs)", check_streams, data, str(path), options)
        pages = timed("pdfium engine (glyphs)", PDF_ENGINES["pdfium"], data, str(path), options, None)
        texts = [timed("words, rows, cells", text_layer_page, n, p.chars, p.width, p.height)[0]
                 for n, p in enumerate(pages, start=1)]
        text = "\f".join(texts)
        language, _ = timed("language detection", _resolve_language, text, "auto")
        nlp = _cached_pipeline(language)
        doc = timed("spaCy make_doc (tokenizer)", nlp.make_doc, text)
        doc._.rp_ocr_words = None
        for name, component in nlp.pipeline:
            doc = timed(f"spaCy {name}", component, doc)
    return dict(stages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=500, help="generated PDF reports (default 500)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--profile", type=int, default=60, help="reports profiled stage by stage (default 60)")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    args = parser.parse_args()
    logging.getLogger("pdfminer").setLevel(logging.ERROR)

    with tempfile.TemporaryDirectory(prefix="bench_pdf_engines_") as tmp:
        start = time.perf_counter()
        files = generate(args.n, args.seed, Path(tmp))
        print(f"generated {len(files)} PDF reports in {time.perf_counter() - start:.0f} s")
        for lang in ("it", "en"):  # pipelines loaded before the clock runs
            reportparse.parse_file(next(p for p, lg in files if lg == lang), lang=lang, ocr=NO_OCR)
        start = time.perf_counter()
        seconds, results, pages = time_methods(files)
        wall = time.perf_counter() - start
        stages = profile(files[:args.profile])

    reports = len(files)
    baseline, exact = seconds["baseline extract_text"], seconds["exact (pdfminer) parse_file"]
    print(f"\n{reports} reports, {pages} pages; timed in {wall:.0f} s\n")
    print(f"{'method':32s} {'seconds':>8s} {'pages/s':>8s} {'reports/s':>9s} {'x baseline':>10s} {'x exact':>8s}")
    rows = {}
    for name, secs in seconds.items():
        rows[name] = {"seconds": round(secs, 2), "pages_per_s": round(pages / secs, 1),
                      "reports_per_s": round(reports / secs, 2), "vs_baseline": round(baseline / secs, 2),
                      "vs_exact": round(exact / secs, 2)}
        r = rows[name]
        print(f"{name:32s} {secs:8.1f} {r['pages_per_s']:8.1f} {r['reports_per_s']:9.2f} {r['vs_baseline']:10.2f}"
              f" {r['vs_exact']:8.2f}")
    exact_values = results["exact (pdfminer) parse_file"]
    same = {name: sum(a == b for a, b in zip(exact_values, values)) for name, values in results.items()}
    print("\nreports whose values equal the exact path's: "
          + ", ".join(f"{name.split()[0]} {count}/{reports}" for name, count in same.items()))
    total = sum(stages.values())
    print(f"\nthe pdfium path end to end, stage by stage ({min(args.profile, reports)} reports, {total:.1f} s):")
    for stage, secs in sorted(stages.items(), key=lambda item: -item[1]):
        print(f"  {stage:36s} {secs:7.2f} s {secs / total:6.1%}")
    reading = sum(s for k, s in stages.items() if not k.startswith(("spaCy", "language")))
    print(f"  reading (file, check, engine, words): {reading / total:.1%}; pipeline and language: "
          f"{1 - reading / total:.1%}. With reading free, end to end could run at most "
          f"{exact / (seconds['pdfium parse_file'] * (1 - reading / total)):.1f}x the exact path.")
    if args.json:
        args.json.write_text(json.dumps({"reports": reports, "pages": pages, "methods": rows, "same_values": same,
                                         "profile_seconds": {k: round(v, 3) for k, v in stages.items()}}, indent=1))


if __name__ == "__main__":
    main()

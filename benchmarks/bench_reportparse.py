"""Speed of reportparse against pdfminer.six's own extract_text, same files, same process.

    python benchmarks/bench_reportparse.py [--repeat 5] [--shared]

Prints pages per second for both and the cost ratio (parser time / extract_text time); the
target is a ratio of at most 2: rows rebuilt from geometry plus the whole pipeline should
cost no more than twice pdfminer's plain text extraction.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import time
from pathlib import Path

from pdfminer.high_level import extract_text

import reportparse

ROOT = Path(__file__).resolve().parent.parent


def _pdfs(shared: bool) -> list[Path]:
    files = sorted((ROOT / "corpora" / "samples" / "reports" / "raw").glob("*.pdf"))
    shared_dir = ROOT.parent / "shared" / "data" / "reports-dev" / "raw"
    if shared and shared_dir.is_dir():
        files += sorted(shared_dir.glob("*.pdf"))
    return files


def _time(fn, files: list[Path]) -> float:
    start = time.perf_counter()
    for path in files:
        fn(path)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--shared", action="store_true", help="add the real PDFs from ../shared when present")
    args = parser.parse_args()
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    files = _pdfs(args.shared)
    pages = sum(reportparse.parse_file(p).pages for p in files)  # also warms the pipeline up
    baseline, ours = [], []
    for _ in range(args.repeat):
        baseline.append(_time(extract_text, files))
        ours.append(_time(reportparse.parse_file, files))
    b, o = statistics.median(baseline), statistics.median(ours)
    print(f"files: {len(files)} PDFs, {pages} pages, median of {args.repeat} runs")
    print(f"pdfminer.six extract_text : {pages / b:8.1f} pages/s  ({b / pages * 1000:6.1f} ms/page)")
    print(f"reportparse.parse_file    : {pages / o:8.1f} pages/s  ({o / pages * 1000:6.1f} ms/page)")
    print(f"cost ratio (parser / extract_text): {o / b:.2f}  (target <= 2.00)")


if __name__ == "__main__":
    main()

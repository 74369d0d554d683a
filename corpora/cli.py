"""``python -m corpora``: make report corpora and rewrite the bundled samples."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["main"]


def _reports(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from .reports.generator import generate_corpus, write_report

    formats = tuple(args.formats.split(","))
    out = Path(args.out)
    for report, fmt in tqdm(generate_corpus(args.n, lang=args.lang, seed=args.seed, formats=formats),
                            total=args.n, unit="report", disable=args.quiet, file=sys.stderr):
        write_report(report, out, fmt)
    print(f"wrote {args.n} synthetic {args.lang} reports to {out}/raw with gold files in {out}/gold", file=sys.stderr)
    return 0


def _samples(args: argparse.Namespace) -> int:
    from .reports.samples import SAMPLES_DIR, write_samples

    written = write_samples(args.out or SAMPLES_DIR)
    print(f"wrote {len(written)} sample reports to {args.out or SAMPLES_DIR}", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m corpora", description="Make and describe dermalab datasets.")
    sub = parser.add_subparsers(dest="command", required=True)
    r = sub.add_parser("reports", help="generate synthetic blood-analysis reports with gold annotations",
                       description="Seeded generator: every report gets its own layout (column order, units, "
                                   "ranges, flags, sections, pages...). Output: OUT/raw/*.pdf|txt|md and OUT/gold/*.json "
                                   "in the reports-dev gold format. All reports are marked SYNTHETIC.")
    r.add_argument("--n", type=int, default=200, help="number of reports (default 200)")
    r.add_argument("--lang", choices=["it", "en"], default="it")
    r.add_argument("--out", required=True, help="output folder")
    r.add_argument("--seed", type=int, default=0)
    r.add_argument("--formats", default="pdf,txt,md", help="comma-separated: pdf, txt, md (default all, in turn)")
    r.add_argument("-q", "--quiet", action="store_true")
    r.set_defaults(func=_reports)
    s = sub.add_parser("samples", help="rewrite the bundled sample reports (corpora/samples/reports)")
    s.add_argument("--out", help="write elsewhere instead")
    s.set_defaults(func=_samples)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)

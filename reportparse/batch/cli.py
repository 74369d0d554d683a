"""``reportparse batch``: the arguments and the command (registered by ``reportparse.cli``)."""

from __future__ import annotations

import argparse
import signal
import sys
from collections import Counter
from pathlib import Path

from ..cli_options import add_export_options, add_parse_options, link_options, ocr_options, pdf_options
from ..errors import DermalabError
from .options import DEFAULT_LIMITS, ENGINES, OUTPUT_FORMATS, BatchConfig, BatchLimits, ParseOptions

__all__ = ["add_batch_parser", "batch_command"]

_DESCRIPTION = """\
Parse a large set of reports unattended: a folder (walked for report files, as `parse` does) or a
text file listing one path a line. Every file is listed once in a manifest by content hash, parsed
by supervised worker processes (one pipeline each, loaded once) in chunks, and each chunk is
committed to a part file and a ledger as it completes. A run stopped in any way (Ctrl-C, kill -9,
out of memory, a reboot) resumes where it stopped when the same command is run again; the final
output holds every report exactly once, in manifest order (folders: sorted paths; lists: their order).
"""
_EPILOG = """\
the batch folder (-o OUT_DIR):
  batch.json        input, parse options and chunk size the batch was started with
  manifest.jsonl    every input once: absolute path (the reports' source), sha256, size, chunk
                    (a file with the bytes of one listed before is recorded as its duplicate,
                    dup_of, and not parsed again)
  ledger.jsonl      one line per committed chunk (and per --retry-failed of its failures): its part
                    file and the inputs that failed
  parts/            chunk-NNNNNN.jsonl, the reports of each committed chunk (written, then renamed)
  reports.jsonl     the output (--format jsonl: one report a line, as `parse`); values.csv or
                    values.parquet for --format csv / parquet (one value a row);
                    bundles.fhir.ndjson for --format fhir (one FHIR R4 Bundle a report;
                    bundles.transaction.fhir.ndjson with --fhir-transaction); measurement.omop.csv
                    for --format omop (OMOP MEASUREMENT-shaped rows); written when all chunks
                    are committed
  errors.jsonl      each failed input: path, sha256, code, message (E055 over --time-limit, E056
                    over --memory-limit, E057 its worker kept dying, E058 over --max-file-size,
                    E003 encrypted, E004 damaged, E007 empty, ...)
  done.json         totals of the last finished run; batch.lock: held while a batch runs

resume and re-run:
  Run the same command again. Chunks in the ledger are never parsed again; files added to the input
  since are listed and parsed; a finished batch with nothing new does nothing and says so. Parse
  options (--lang, --mode, --ner, --ner-model, --ocr*, --pdf-engine, --plugin, --link-key-file) are
  part of the batch: another value (or another key) is refused (E061); start over with another -o
  folder. Limits, --workers, --engine, --format and --fhir-transaction may change between runs (a
  new --format rewrites the output from the parts). Failed files stay failed on a re-run unless
  --retry-failed is given: raise the limit that stopped them and add it.

linkage: with --link-key-file the workers give each patient a keyed pseudonym (HMAC-SHA256 of the
  strongest identifier printed); batch.json records only a keyed fingerprint of the key (key_id),
  never the key, and no file of the batch holds a printed identifier.

examples:
  reportparse batch export/ -o batch/ --workers 4
  reportparse batch files.txt -o batch/ --format parquet --time-limit 120
  reportparse batch export/ -o batch/ --format fhir --link-key-file link.key
  reportparse batch /shared/export -o /shared/batch --scheduler tcp://head:8786

on a Dask cluster: run `dask scheduler` on one machine (it listens on tcp://HOST:8786), and
`dask worker tcp://HOST:8786 --nworkers 1 --nthreads CORES` on each worker machine, with the same
reportparse installed (and any --plugin module); each thread drives one supervised parser process,
so the limits hold there too. Inputs must be at the same paths on every machine (shared storage,
e.g. an NFS mount); the batch folder is written by this command only, on its own machine.
"""


def add_batch_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    b = subparsers.add_parser("batch", help="parse a large folder or list of reports: resumable, exactly once",
                              description=_DESCRIPTION, epilog=_EPILOG,
                              formatter_class=argparse.RawDescriptionHelpFormatter)
    b.add_argument("input", metavar="INPUT_DIR_OR_LIST", help="a folder of reports, or a text file of paths")
    b.add_argument("-o", "--output", required=True, metavar="OUT_DIR", help="the batch folder (see below)")
    b.add_argument("--workers", type=int, default=1, metavar="N",
                   help="worker processes (default 1); with --scheduler, the cluster's workers are used")
    b.add_argument("--format", choices=[f for f in OUTPUT_FORMATS if f != "fhir-transaction"], default="jsonl",
                   help="final output format (default jsonl): jsonl, csv, parquet, fhir (FHIR R4 Bundles as "
                        "NDJSON) or omop (OMOP MEASUREMENT-shaped CSV)")
    add_export_options(b)
    b.add_argument("--engine", choices=ENGINES, default="local",
                   help="local: worker processes on this machine (default: with 2 workers on 500 PDFs it "
                        "measured 19.6 pages/s and 340 MB against 11.8 pages/s and 501 MB for a Dask LocalCluster, "
                        "benchmarks/bench_batch.py); dask: a Dask LocalCluster of --workers processes, or the "
                        "cluster at --scheduler")
    b.add_argument("--scheduler", metavar="ADDRESS", help="a Dask scheduler (tcp://host:8786); implies --engine dask")
    parse = b.add_argument_group("parse options (as `reportparse parse`; fixed for the life of a batch)")
    add_parse_options(parse)
    parse.add_argument("--plugin", action="append", default=[], metavar="MODULE",
                       help="a module every worker imports first, e.g. one registering a loader; repeatable")
    limits = b.add_argument_group("limits (per file; may change between runs)")
    limits.add_argument("--time-limit", type=float, default=DEFAULT_LIMITS["time_s"], metavar="SECONDS",
                        help=f"a file taking longer is stopped, its worker replaced: E055 "
                             f"(default {DEFAULT_LIMITS['time_s']:g})")
    limits.add_argument("--memory-limit", type=int, default=DEFAULT_LIMITS["memory_mb"], metavar="MB",
                        help=f"a worker holding more resident memory is stopped and replaced: E056 (default "
                             f"{DEFAULT_LIMITS['memory_mb']}; a worker with the pipeline holds ~130 MB, ~600 MB "
                             "with --ner transformers)")
    limits.add_argument("--max-file-size", type=float, default=DEFAULT_LIMITS["max_file_mb"], metavar="MB",
                        help=f"larger files are not read: E058 (default {DEFAULT_LIMITS['max_file_mb']:g})")
    b.add_argument("--chunk-size", type=int, default=64, metavar="N",
                   help="files a chunk, the unit committed (set when the batch starts; default 64)")
    b.add_argument("--retry-failed", action="store_true",
                   help="also parse again the files earlier runs set aside (errors.jsonl), e.g. after raising "
                        "--time-limit or --memory-limit: those that parse now join the output, once; the rest "
                        "stay in errors.jsonl with their new code")
    b.add_argument("-q", "--quiet", action="store_true", help="no progress lines or summary")
    b.set_defaults(func=batch_command)
    return b


def config_from_args(args: argparse.Namespace) -> BatchConfig:
    from ..ner.options import NerOptions
    parse = ParseOptions(lang=args.lang, ner=NerOptions(backend=args.ner, model=args.ner_model, mode=args.mode),
                         ocr=ocr_options(args), pdf=pdf_options(args),
                         plugins=tuple(args.plugin), link=link_options(args))
    fmt = "fhir-transaction" if args.format == "fhir" and args.fhir_transaction else args.format
    limits = BatchLimits(time_s=args.time_limit, memory_mb=args.memory_limit, max_file_mb=args.max_file_size)
    return BatchConfig(input=Path(args.input), out=Path(args.output), parse=parse, limits=limits,
                       workers=args.workers, fmt=fmt, engine="dask" if args.scheduler else args.engine,
                       scheduler=args.scheduler, chunk_size=args.chunk_size, retry_failed=args.retry_failed)


def batch_command(args: argparse.Namespace) -> int:
    from .progress import Progress
    from .runner import run_batch

    try:
        config = config_from_args(args)
    except DermalabError as exc:
        print(f"reportparse: {exc}", file=sys.stderr)
        return 2
    previous = signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops a batch as Ctrl-C does
    try:
        summary = run_batch(config, observer=Progress(enabled=not args.quiet))
    except DermalabError as exc:
        print(f"reportparse: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"\nreportparse: stopped; {_committed(config.out)} Run the same command again to resume.",
              file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)
    if not summary.discovery.files:
        print(f"reportparse: no report files found in {args.input}", file=sys.stderr)
        return 1
    if not args.quiet:
        _print_summary(summary)
    return 0 if summary.nothing_to_do or (summary.results and summary.results.reports) else 1


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _committed(out: Path) -> str:
    from .folder import BatchFolder
    from .ledger import Ledger

    try:
        records = Ledger(BatchFolder(out.absolute())).load()
    except DermalabError:
        return ""
    return f"{sum(r.files for r in records.values()):,} file(s) in {len(records):,} committed chunk(s) are kept."


def _print_summary(summary) -> None:
    found = summary.discovery
    print(f"reportparse: {found.files:,} file(s) listed ({found.new:,} new this run, {found.duplicates:,} new "
          f"duplicate(s) not parsed again)", file=sys.stderr)
    if summary.nothing_to_do:
        print(f"reportparse: nothing to do: the batch in {summary.out} is finished and nothing new was found",
              file=sys.stderr)
        return
    if summary.parsed or summary.failed:
        rate = (summary.parsed + summary.failed) / max(summary.seconds, 1e-9)
        print(f"reportparse: this run parsed {summary.parsed:,} and set aside {summary.failed:,} in "
              f"{summary.seconds:.1f} s ({rate:.1f} files/s, {summary.pages / max(summary.seconds, 1e-9):.1f} "
              f"pages/s, engine {summary.engine})", file=sys.stderr)
    results = summary.results
    codes = Counter(_codes(summary.out / "errors.jsonl"))
    listed = ", ".join(f"{code} x{n}" for code, n in sorted(codes.items()))
    print(f"reportparse: wrote {summary.output} ({results.reports:,} reports, {results.pages:,} pages) and "
          f"{summary.out / 'errors.jsonl'} ({results.failed:,} failed{': ' + listed if listed else ''})",
          file=sys.stderr)


def _codes(path: Path):
    import json

    with open(path, encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)["code"]

"""``reportparse`` command line: parse reports in batch, score them, list the catalogue."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from .cli_options import add_export_options, add_parse_options, link_options, ocr_options, pdf_options
from .errors import Errors, ReportParseError

__all__ = ["main"]

_DESCRIPTION = """\
Turn blood-analysis reports (Italian or English; native PDF, scans and photos, text/OCR
output, markdown) into typed lab values: analyte as printed and its LOINC code, result
(number, censored or qualitative), unit as printed and in UCUM, reference range, printed
flag and computed interpretation, with page and character span (and, for scans, the OCR
confidence).
"""
_PARSE_EPILOG = """\
examples:
  reportparse parse report.pdf                      JSONL on standard output
  reportparse parse reports/ -o out/values.jsonl -o out/values.csv
  reportparse parse scans/*.txt --lang it --format csv -o values.csv --jobs 2
  reportparse parse letters/ --mode prose           clinical letters, read by the recogniser
  reportparse parse reports/ --ner off              rules only
  reportparse parse photo.jpg scan.tif --lang it    scans and photos, read by Tesseract (OCR)
  reportparse parse reports/ -o out/bundles.fhir.ndjson --link-key-file link.key
                                                    FHIR R4 Bundles, patients as keyed pseudonyms
  reportparse parse reports/ -o out/measurement.omop.csv
                                                    OMOP MEASUREMENT-shaped rows

output formats (from the suffix, or --format):
  jsonl    one report a line, as Report.to_dict() (.jsonl, .json, .ndjson)
  csv      one value a row with its report's fields (.csv)
  parquet  the same rows as Parquet (.parquet)
  fhir     one FHIR R4 Bundle a line (NDJSON, the bulk-data convention; .fhir.ndjson): a
           DiagnosticReport (LOINC 11502-2) and one Observation per value, LOINC and UCUM
           coded; --fhir-transaction for transaction Bundles
  omop     OMOP CDM MEASUREMENT-shaped rows with source values and codes to map with your
           vocabulary (.omop.csv, or .omop.parquet)
No format writes a name or a printed id. With --link-key-file, each report's patient gets a
keyed pseudonym (HMAC-SHA256, in patient.pseudonym, the FHIR subject and OMOP
person_source_value), so reports join to other data without storing the identifier.

A folder is walked for .pdf, .txt, .md, .png, .jpg and .tif files. Images and PDF pages
without a text layer are read by OCR (--ocr auto); values read by OCR carry their
ocr_confidence, and unsure ones a W006 warning. A file that cannot be read (encrypted,
damaged, empty, not a report, an unreadable image) is reported with a coded message and
skipped; the exit status is non-zero only when no file could be parsed.
"""


def _parse_command(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from .batch import parse_many
    from .io import ReportWriter, format_of, iter_inputs

    try:
        ner = _ner_options(args)
        ocr = ocr_options(args)
        pdf = pdf_options(args)
        link = link_options(args)
    except ReportParseError as exc:
        print(f"reportparse: {exc}", file=sys.stderr)
        return 2
    paths = list(iter_inputs(args.inputs))
    if not paths:
        print("reportparse: no report files found in " + ", ".join(args.inputs), file=sys.stderr)
        return 1
    outputs = args.output or [None]
    writers = []
    try:
        for out in outputs:
            path = Path(out) if out else None
            fmt = args.format or (format_of(path) if path else "jsonl")
            if path is None and fmt == "parquet":
                raise ReportParseError(Errors.E011, fmt="parquet to standard output (use -o FILE.parquet)")
            writers.append(ReportWriter(path, format_of(path, fmt) if path else fmt, stream=sys.stdout,
                                        transaction=args.fhir_transaction))
    except ReportParseError as exc:
        print(f"reportparse: {exc}", file=sys.stderr)
        return 2
    failures = []
    parsed = 0
    warnings: Counter[str] = Counter()
    show_bar = not args.quiet and len(paths) > 1
    outcomes = parse_many(paths, lang=args.lang, jobs=args.jobs, ner=ner, ocr=ocr, pdf=pdf, link=link)
    for outcome in tqdm(outcomes, total=len(paths), unit="report", disable=not show_bar, file=sys.stderr):
        if outcome.report is None:
            failures.append(outcome)
            continue
        parsed += 1
        for writer in writers:
            writer.write(outcome.report)
        report = outcome.report
        warnings.update(w.code for w in report.warnings)
        if args.summary:
            codes = ", ".join(sorted({w.code for w in report.warnings})) or "-"
            tqdm.write(f"{outcome.path}: {len(report.values)} values, language {report.language}, "
                       f"{report.pages} page(s), warnings {codes}", file=sys.stderr)
    for writer in writers:
        writer.close()
    if not args.quiet:
        print(f"reportparse: parsed {parsed} of {len(paths)} file(s)"
              + (f"; warnings: {dict(warnings)}" if warnings else ""), file=sys.stderr)
        for outcome in failures:
            print(f"  skipped {outcome.path}: {outcome.error}", file=sys.stderr)
        for out in args.output or []:
            print(f"reportparse: wrote {out}", file=sys.stderr)
    return 0 if parsed else 1


def _ner_options(args: argparse.Namespace):
    from .ner.options import NerOptions
    from .pipeline.ner import check_model

    options = NerOptions(backend=args.ner, model=args.ner_model, mode=args.mode)
    if options.backend != "off":
        for lang in (("it", "en") if args.lang == "auto" else (args.lang,)):
            check_model(options, lang)  # a missing model is one coded line now, not one per file
    return options


def _train_ner_command(args: argparse.Namespace) -> int:
    import json

    from .ner.augment import AugmentOptions
    from .ner.train import NerTrainConfig, train_ner

    config = NerTrainConfig(lang=args.lang, out=Path(args.out), backend=args.backend,
                            base_model=Path(args.base_model) if args.base_model else None, reports=args.reports,
                            prose=args.prose, seed=args.seed, max_steps=args.max_steps, epochs=args.epochs,
                            progress=not args.quiet, data=Path(args.data) if args.data else None,
                            augment=AugmentOptions(share=args.augment, seed=args.seed))
    try:
        metrics = train_ner(config)
    except ReportParseError as exc:
        print(f"reportparse: {exc}", file=sys.stderr)
        return 2
    dev = metrics.get("dev") or {}
    print(f"\nheld-back dev examples (tuning families and templates), entity spans, {args.lang}:")
    print(f"{'label':10} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}")
    for label, score in [*dev.get("per_label", {}).items(), *([("ALL", dev)] if dev else [])]:
        print(f"{label:10} {score['precision']:6.3f} {score['recall']:6.3f} {score['f1']:6.3f} {score['gold']:6d}")
    print(f"saved to {args.out}")
    if args.json:
        Path(args.json).write_text(json.dumps(metrics, indent=1), encoding="utf-8")
    return 0


def _evaluate_command(args: argparse.Namespace) -> int:
    import json

    from .evaluate import evaluate

    try:
        result = evaluate(args.gold, args.predictions)
    except ReportParseError as exc:
        print(f"reportparse: {exc}", file=sys.stderr)
        return 2
    print(result.format(details=args.details))
    if args.json:
        Path(args.json).write_text(json.dumps(result.to_dict(), indent=2), encoding="utf-8")
    return 0


def _catalogue_command(args: argparse.Namespace) -> int:
    from .catalogue import load_catalogue

    catalogue = load_catalogue()
    print(f"{'id':28} {'loinc':9} {'category':15} {'unit':18} names")
    for analyte in catalogue.analytes.values():
        names = analyte.names.get(args.lang, ()) if args.lang else sum(analyte.names.values(), ())
        print(f"{analyte.id:28} {analyte.loinc or '-':9} {analyte.category:15} {analyte.unit or '-':18} "
              f"{' | '.join(names[:4])}")
    print(f"{len(catalogue)} analytes")
    return 0


def _convert_command(args: argparse.Namespace) -> int:
    from .grammar.convert import conversion_table_markdown, convert

    if args.table:
        print(conversion_table_markdown())
        return 0
    if args.value is None or args.source is None or args.target is None:
        print("reportparse convert: give VALUE FROM TO (UCUM units), or --table", file=sys.stderr)
        return 2
    try:
        result = convert(args.value, args.source, args.target, args.analyte)
    except ReportParseError as exc:
        print(f"reportparse: {exc}", file=sys.stderr)
        return 2
    print(f"{result:.6g} {args.target}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="reportparse", description=_DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("parse", help="parse files or folders of reports", description=_DESCRIPTION,
                       epilog=_PARSE_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("inputs", nargs="+", metavar="FILE_OR_DIR", help="report files, or folders to walk")
    p.add_argument("-o", "--output", action="append", metavar="OUT",
                   help="output file; repeat for several (format from the suffix: .jsonl, .csv, .parquet, "
                        ".fhir.ndjson, .omop.csv, .omop.parquet). Default: JSONL on standard output")
    p.add_argument("--format", choices=["jsonl", "csv", "parquet", "fhir", "omop"],
                   help="output format when it cannot be told from the suffix (see 'output formats' below); "
                        "applies to every -o")
    add_export_options(p)
    p.add_argument("--jobs", type=int, default=1, metavar="N", help="worker processes for large batches (default 1)")
    p.add_argument("--summary", action="store_true", help="print one line per report (values found, warnings)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar or final summary")
    add_parse_options(p)
    p.set_defaults(func=_parse_command)

    e = sub.add_parser("evaluate", help="score predictions against gold annotations",
                       description="Precision / recall / F1 of (name, value) pairs per report and overall, and "
                                   "unit / reference-bound / flag accuracy on matched pairs.")
    e.add_argument("predictions", metavar="PREDICTIONS.jsonl", help="output of `reportparse parse`")
    e.add_argument("--gold", required=True, metavar="GOLD_DIR", help="folder of gold *.json files")
    e.add_argument("--details", action="store_true", help="list misses, spurious values and field errors")
    e.add_argument("--json", metavar="OUT", help="also write the scores as JSON")
    e.set_defaults(func=_evaluate_command)

    t = sub.add_parser(
        "train-ner", help="train the entity recogniser on generated reports and prose",
        description="Generate training data (the tuning layout families' reports and the tuning prose templates; "
                    "held-out families and templates are never used), train, print the evaluation on held-back "
                    "examples and save the model folder. The spaCy backend trains from scratch on CPU in minutes; "
                    "the transformers backend fine-tunes a local model folder (--base-model).",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n  reportparse train-ner --lang it --out models/ner-it\n"
               "  reportparse train-ner --lang en --backend transformers --base-model models/bert --out models/hf-en\n"
               "then: reportparse parse letters/ --ner-model models/ner-it")
    t.add_argument("--lang", choices=["it", "en"], required=True)
    t.add_argument("--out", required=True, metavar="DIR", help="folder to write the trained model to")
    t.add_argument("--backend", choices=["spacy", "transformers"], default="spacy")
    t.add_argument("--base-model", metavar="DIR", help="transformers: a local Hugging Face model folder")
    t.add_argument("--reports", type=int, default=400, metavar="N", help="generated table reports (default 400)")
    t.add_argument("--prose", type=int, default=1000, metavar="N", help="generated prose documents (default 1000)")
    t.add_argument("--seed", type=int, default=0)
    t.add_argument("--data", metavar="FILE.jsonl",
                   help="train on these examples (reportparse.ner.data format) instead of generated data")
    t.add_argument("--max-steps", type=int, default=6000, metavar="N", help="spaCy training steps (default 6000)")
    t.add_argument("--augment", type=float, default=0.5, metavar="SHARE",
                   help="augmented copies per training example: words around the entities swapped, units glued to "
                        "values, names re-cased (default 0.5: a copy of half the examples; 0: none)")
    t.add_argument("--epochs", type=int, default=3, metavar="N", help="transformers epochs (default 3)")
    t.add_argument("--json", metavar="OUT", help="also write the metrics as JSON")
    t.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    t.set_defaults(func=_train_ner_command)

    c = sub.add_parser("catalogue", help="list the analyte catalogue (ids, LOINC, units, names)")
    c.add_argument("--lang", choices=["it", "en"], help="names in one language only")
    c.set_defaults(func=_catalogue_command)

    v = sub.add_parser("convert", help="convert a value between UCUM units of one analyte, or list the conversions",
                       description="Convert a lab value between units: unit to unit (10*3/uL to 10*9/L, g/dL to "
                                   "g/L, U/L to ukat/L), mass to moles through the analyte's molar mass "
                                   "(--analyte glucose: mg/dL to mmol/L), and HbA1c %% to mmol/mol.",
                       epilog="examples:\n  reportparse convert 100 mg/dL mmol/L --analyte glucose\n"
                              "  reportparse convert 6.5 % mmol/mol --analyte hba1c\n  reportparse convert --table",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    v.add_argument("value", nargs="?", type=float, help="the number")
    v.add_argument("source", nargs="?", metavar="FROM", help="its UCUM unit")
    v.add_argument("target", nargs="?", metavar="TO", help="the UCUM unit wanted")
    v.add_argument("--analyte", metavar="ID", help="catalogue id, needed between mass and moles (glucose, ...)")
    v.add_argument("--table", action="store_true", help="print the supported conversions as a markdown table")
    v.set_defaults(func=_convert_command)

    from .batch.cli import add_batch_parser  # large resumable batches: arguments and command live there

    add_batch_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

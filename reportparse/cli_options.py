"""The options that decide how a report is parsed, shared by `reportparse parse` and `reportparse batch`: one
definition of each argument, and the typed configs built from them."""

from __future__ import annotations

import argparse

__all__ = ["add_parse_options", "ocr_options", "pdf_options", "link_options", "add_export_options"]


def add_parse_options(parser: argparse.ArgumentParser | argparse._ArgumentGroup) -> None:
    """--lang, --mode, --ner, --ner-model, --ocr, --ocr-dpi, --ocr-timeout, --pdf-engine, --link-key-file."""
    parser.add_argument("--lang", choices=["auto", "it", "en"], default="auto",
                        help="report language (default: detected per file)")
    parser.add_argument("--mode", choices=["auto", "table", "prose"], default="auto",
                        help="auto: rules on tables, the trained recogniser on prose and on lines no rule read, a "
                             "mostly-prose document (a letter) read as prose; table: the recogniser only on lines "
                             "the rules left; prose: the whole document through the recogniser")
    parser.add_argument("--ner", choices=["spacy", "transformers", "off"], default="spacy",
                        help="recogniser backend: the shipped spaCy model (default), a transformers model folder "
                             "(--ner-model), or off (rules only)")
    parser.add_argument("--ner-model", metavar="DIR",
                        help="a model folder from `reportparse train-ner` (default: the one shipped for the language)")
    parser.add_argument("--ocr", choices=["auto", "always", "never"], default="auto",
                        help="auto: read images, and PDF pages without a text layer, with Tesseract (default); "
                             "always: also PDF pages that have one (a garbled text layer); never: text layers only "
                             "(a scanned PDF is E006). --lang picks the Tesseract packs (both for auto)")
    parser.add_argument("--ocr-dpi", type=int, default=300, metavar="DPI",
                        help="resolution PDF pages are rendered at for OCR (default 300)")
    parser.add_argument("--ocr-timeout", type=float, default=60.0, metavar="SECONDS",
                        help="stop Tesseract on a page after this long (default 60; a page takes 2-5 s)")
    parser.add_argument("--pdf-engine", choices=["auto", "pdfminer", "pdfium"], default="auto",
                        help="what reads PDF text layers: auto (default: pdfium, and pdfminer for pages pdfium "
                             "finds empty), pdfminer (pure Python, the reference) or pdfium (fast); the values are "
                             "the same")
    parser.add_argument("--link-key-file", metavar="FILE",
                        help="pseudonymous linkage: give each report's patient a keyed pseudonym (patient.pseudonym: "
                             "HMAC-SHA256 of the strongest identifier printed, codice fiscale > NHS number > MRN / "
                             "patient id > name with birth date) with the secret in FILE (at least 16 bytes; keep it "
                             "private and the same wherever reports must join). The identifier itself is never "
                             "written")


def add_export_options(parser: argparse.ArgumentParser | argparse._ArgumentGroup) -> None:
    """--fhir-transaction."""
    parser.add_argument("--fhir-transaction", action="store_true",
                        help="with --format fhir: write transaction Bundles (each entry a POST a FHIR server can "
                             "load) instead of collection Bundles")


def ocr_options(args: argparse.Namespace):
    from .ocr.options import OcrOptions

    return OcrOptions(mode=args.ocr, lang=args.lang, dpi=args.ocr_dpi, timeout=args.ocr_timeout)


def pdf_options(args: argparse.Namespace):
    from .layout.pdf_options import PdfOptions

    return PdfOptions(engine=args.pdf_engine)


def link_options(args: argparse.Namespace):
    """LinkageOptions from --link-key-file, or None (linkage off); E066 / E067 for a bad key file."""
    from .linkage import load_key

    return load_key(args.link_key_file) if getattr(args, "link_key_file", None) else None

"""The public entry points: ``parse_file``, ``parse_text``, ``load_pipeline``."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from .errors import Errors, ReportParseError, Warnings
from .language import detect_language
from .layout import load_document
from .layout.pdf_options import PdfOptions
from .limits import LIMITS
from .linkage import LinkageOptions, pseudonym
from .ner.options import NerOptions
from .ocr.options import OcrOptions
from .ocr.review import review_values
from .ocr.words import WordSpans, word_spans
from .params import ParseParams
from .pipeline import factories  # noqa: F401  (registers the factories)
from .pipeline.extensions import register_extensions
from .pipeline.demographics import PATIENT_ID
from .pipeline.guard import guard_tokenizer
from .records import ParseWarning, Patient, Report

__all__ = ["load_pipeline", "parse_text", "parse_file", "extract_text", "PIPE_NAMES", "NerOptions", "OcrOptions",
           "PdfOptions", "LinkageOptions"]

PIPE_NAMES = ("reportparse_layout", "reportparse_tables", "reportparse_rows", "reportparse_ner",
              "reportparse_ner_rows", "reportparse_demographics", "reportparse_normalizer")
_NER_PIPES = ("reportparse_ner", "reportparse_ner_rows")
LANGUAGES = ("it", "en")


_TUNABLE = ("reportparse_layout", "reportparse_tables", "reportparse_rows")


def load_pipeline(lang: str, params: ParseParams | None = None, ner: NerOptions | None = None) -> Language:
    """A new spaCy pipeline for ``lang`` ('it' or 'en'), from ``spacy.blank``: no downloads.

    ``params`` changes the layout and table tolerances (:class:`ParseParams`); ``ner`` how the trained
    recogniser takes part (:class:`NerOptions`; the default reads prose and the lines the rules left with the
    pipeline shipped for the language; ``NerOptions(backend="off")`` is rules only).  Add, replace
    or reorder components as with any spaCy pipeline; ``parse_text`` uses an internal cached
    copy, so pass your pipeline to it with ``nlp=``.
    """
    if lang not in LANGUAGES:
        raise ReportParseError(Errors.E009, lang=lang)
    nlp = spacy.blank(lang)
    nlp.max_length = 10_000_000  # whole reports, not sentences; rows are read with regexes
    guard_tokenizer(nlp.tokenizer)  # linear on any text (nested brackets, runs without spaces)
    config = {"params": params.to_dict()} if params is not None else {}
    ner = ner or NerOptions()
    for name in PIPE_NAMES:
        if name in _NER_PIPES and ner.backend == "off":
            continue
        if name == "reportparse_ner":
            nlp.add_pipe(name, config=ner.to_dict())
        else:
            nlp.add_pipe(name, config=config if name in _TUNABLE else {})
    return nlp


@lru_cache(maxsize=None)
def _cached_pipeline(lang: str, ner: NerOptions | None = None) -> Language:
    return load_pipeline(lang, ner=ner)


def _resolve_language(text: str, lang: str) -> tuple[str, list[ParseWarning]]:
    if lang in LANGUAGES:
        return lang, []
    if lang != "auto":
        raise ReportParseError(Errors.E009, lang=lang)
    detected, it, en = detect_language(text)
    warnings = []
    if max(it, en) < 0.02 or abs(it - en) < 0.01:
        warnings.append(ParseWarning("W003", Warnings.W003.format(it=it, en=en, lang=detected)))
    return detected, warnings


def parse_text(
    text: str,
    *,
    lang: str = "auto",
    source: str | None = None,
    pages: int | None = None,
    nlp: Language | None = None,
    ner: NerOptions | None = None,
    link: LinkageOptions | None = None,
) -> Report:
    """Parse a report given as text (OCR output, markdown, or ``extract_text`` of a PDF); ``ner`` as in
    :func:`load_pipeline`; ``link`` (:class:`LinkageOptions`) gives the patient a keyed pseudonym.

    Pages may be separated by form feeds (``\\f``).  Spans in the result index into ``text``.
    """
    return _parse(text, lang=lang, source=source, pages=pages, nlp=nlp, ner=ner, link=link)


def _check_length(text: str, source: str | None, nlp: Language | None) -> None:
    """E042 for a text over the limit (of a pipeline given with ``nlp=``, its ``max_length`` if lower): parse
    time grows with the text, and spaCy would refuse it with an uncoded E088."""
    limit = min(LIMITS.max_text_chars, nlp.max_length) if nlp is not None else LIMITS.max_text_chars
    if len(text) > limit:
        raise ReportParseError(Errors.E042, path=source or "The text", chars=len(text), limit=limit)


def _parse(text: str, *, lang: str, source: str | None, pages: int | None, nlp: Language | None,
           ner: NerOptions | None, ocr_words: WordSpans | None = None, link: LinkageOptions | None = None) -> Report:
    _check_length(text, source, nlp)
    language, warnings = _resolve_language(text, lang) if nlp is None else (nlp.lang, [])
    pipeline = nlp or _cached_pipeline(language, ner)
    register_extensions()
    doc = pipeline.make_doc(text)
    doc._.rp_ocr_words = ocr_words or None  # the normalizer gives each value its words' OCR confidence
    doc = pipeline(doc)
    warnings.extend(doc._.rp_warnings or [])
    return Report(
        source=source,
        language=language,
        pages=pages if pages is not None else text.count("\f") + 1,
        patient=_linked_patient(doc, link),
        collected=doc._.collected,
        values=doc._.lab_values or (),
        warnings=tuple(warnings),
    )


def _linked_patient(doc, link: LinkageOptions | None) -> Patient:
    """The patient, with the keyed pseudonym of the identifier the pipeline read when linkage is on; the identifier
    is dropped from the Doc either way (a caller's Doc must not keep it)."""
    patient = doc._.patient or Patient()
    identifier = doc._.get(PATIENT_ID) if doc.has_extension(PATIENT_ID) else None
    if doc.has_extension(PATIENT_ID):
        doc._.set(PATIENT_ID, None)
    if link is None or identifier is None:
        return patient
    return replace(patient, pseudonym=pseudonym(identifier, link))


def extract_text(path: str | Path, *, lang: str = "auto", ocr: OcrOptions | None = None,
                 pdf: PdfOptions | None = None) -> str:
    """The text reportparse reads from a file: the page rows of a PDF or of a scan's OCR words, or the file's text.

    ``LabValue.span`` offsets of ``parse_file`` results (same ``lang``, ``ocr`` and ``pdf``) index into this string.
    """
    return load_document(path, ocr=(ocr or OcrOptions()).for_language(lang), pdf=pdf).text


def parse_file(path: str | Path, *, lang: str = "auto", nlp: Language | None = None,
               ner: NerOptions | None = None, ocr: OcrOptions | None = None, pdf: PdfOptions | None = None,
               link: LinkageOptions | None = None) -> Report:
    """Parse a PDF, text or markdown report or letter, or a scan or photo (PNG, JPEG, TIFF); raises
    :class:`ReportParseError` on unusable input.  ``ocr`` says how scans are read (:class:`OcrOptions`; the default
    reads images and PDF pages without a text layer with Tesseract, in the packs of ``lang``), ``pdf`` how PDF text
    layers are (:class:`PdfOptions`: the engine, "auto" by default, and the limits a PDF must keep to).  ``link``
    (:class:`LinkageOptions`) gives the patient a keyed pseudonym (``Patient.pseudonym``)."""
    options = (ocr or OcrOptions()).for_language(lang)
    document = load_document(path, ocr=options, pdf=pdf)
    report = _parse(document.text, lang=lang, source=str(path), pages=document.pages, nlp=nlp, ner=ner,
                    ocr_words=word_spans(document), link=link)
    warnings = (*document.warnings, *report.warnings, *review_values(report.values, options.min_confidence))
    return replace(report, warnings=tuple(warnings)) if warnings != report.warnings else report

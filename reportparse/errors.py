"""Every message reportparse shows, with a code and what to do about it.

Errors (``E…``) stop a document: the input cannot be used.  Warnings (``W…``) travel
inside the ``Report``: the document was parsed, but part of it is doubtful.
"""

from __future__ import annotations


class DermalabError(Exception):
    """The base of every coded error in dermalab: ``code`` is stable (E004, D101, V015…), ``message`` says what
    to do, and ``str(exc)`` is ``"[code] message"``.

    Each package subclasses it together with the builtin it stands for (``ReportParseError(DermalabError,
    ValueError)``), so ``except ValueError`` keeps working.  ``code`` is None only for an error rebuilt from its
    text alone (unpickling, a torch DataLoader worker): then ``str(exc)`` is that text.
    """

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(f"[{code}] {message}" if code else message)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}" if self.code else self.message


class Errors:
    E001 = "File not found: {path}. Check the path (folders are walked by the CLI, not by parse_file)."
    E002 = ("{path} is not a PDF (no '%PDF-' header). If it is a text or markdown report, give it a "
            ".txt/.md extension or call parse_text().")
    E003 = ("{path} is encrypted ({detail}). Remove the password first, e.g. `qpdf --decrypt in.pdf out.pdf`, "
            "then parse the decrypted copy.")
    E004 = ("{path} is a damaged PDF that cannot be read ({detail}). Re-export or re-download it; "
            "`qpdf --check` tells what is broken.")
    E005 = "{path} has no pages. The file is empty or truncated: re-export it."
    E006 = ("{path} has {pages} page(s) but no text layer: it is a scanned image, and OCR is off (--ocr never). "
            "Parse it with --ocr auto (Tesseract reads the pages), or run OCR yourself and parse the OCR output.")
    E007 = "{path} is empty (0 bytes or only whitespace). Nothing to parse."
    E008 = ("{path} does not look like text ({detail}). reportparse reads PDF, .txt and .md files; "
            "convert other formats (DOCX, images) first.")
    E009 = "Unknown language {lang!r}: use 'auto', 'it' or 'en'."
    E010 = "{path} could not be read: {detail}."
    E011 = "Unsupported output format {fmt!r}: use 'jsonl', 'csv' or 'parquet'."
    E012 = "Gold folder {path} holds no *.json gold files."
    E013 = "Could not read predictions {path}: {detail}."
    E030 = ("Training with --backend transformers needs --base-model DIR: a local Hugging Face model directory "
            "(reportparse/ner/hf.py says how to download one).")
    E031 = ("No trained recogniser at {path} ({detail}). Retrain it with `reportparse train-ner --lang {lang} "
            "--out DIR` and pass that folder, or parse with --ner off.")
    E032 = ("No training data: no package provides the {group!r} entry point (dermalab's corpora does; reinstall "
            "with `pip install -e .`), and no --data FILE.jsonl was given.")
    E033 = ("Could not read training examples from {path} ({detail}). Give a JSONL file with one example per line "
            "in the reportparse.ner.data format (text, lang, entities as [start, end, label]).")
    E999 = "unexpected {kind}: {detail} (please report this file)"
    E014 = ("{path} has {pages} page(s) but nothing printed on them (no text, no ink in any image): the document "
            "is blank. Check that the right file was exported or scanned.")
    # the transformers NER backend (reportparse.ner.hf, reportparse.ner.hf_train)
    E015 = ("{path} is not a local Hugging Face model folder ({detail}). Give the folder written by "
            "`huggingface-cli download <model> --local-dir DIR` or by `reportparse train-ner --backend transformers`; "
            "nothing is downloaded at run time.")
    E016 = ("The tokenizer in {path} is not a fast tokenizer ({detail}): the transformers backend needs character "
            "offsets. Use a model folder that ships a tokenizer.json (re-save it with "
            "`AutoTokenizer.from_pretrained(DIR).save_pretrained(DIR)` where `tokenizers` can convert it).")
    E017 = ("Label {label!r} of the model in {path} is not a reportparse BIO tag (O, or B-/I- followed by one of "
            "{labels}). Fine-tune it first: `reportparse train-ner --backend transformers --base-model {path}`.")
    E018 = "Invalid transformers NER setting {name}={value!r}: {hint}."
    E019 = "No {what} examples to train on: give at least one example with text (JSONL, one per line)."
    # scans and photos (reportparse.ocr)
    E034 = ("{path} needs OCR, but the Tesseract program was not found ({detail}). Install it: "
            "`sudo apt-get install tesseract-ocr tesseract-ocr-ita tesseract-ocr-eng` (or pass --ocr never to "
            "skip scanned pages).")
    E035 = ("{path} needs OCR in {languages}, but Tesseract has no {missing} data. Install it: "
            "`sudo apt-get install {packages}`.")
    E036 = ("Tesseract failed on page {page} of {path} ({detail}). Check the image opens in a viewer; a page that "
            "takes longer than --ocr-timeout seconds is stopped.")
    E037 = ("{path} is too large to read safely ({detail}; the limit is {limit:,}): it may be a decompression bomb. "
            "Scan or export at 300 dpi (an A4 page is about 8.7 million pixels).")
    E038 = ("{path} is too small to read ({width}x{height} pixels; text needs at least {minimum} pixels a side). "
            "Scan at 300 dpi or send the original photo.")
    E039 = ("{path} is a damaged or unsupported image ({detail}). Re-save it as PNG, JPEG or TIFF, or re-scan it.")
    E040 = "Invalid OCR setting {name}={value!r}: {hint}."
    E041 = ("{path} is an image and reading it needs OCR, which --ocr never switched off. Use --ocr auto "
            "(the default).")


class Warnings:
    W001 = "No lab values were found. Check the language (--lang) or whether the file is a lab report."
    W002 = "Unknown unit {unit!r} for {name!r}: kept as printed, no UCUM form."
    W003 = "Language detection was unsure (it={it:.2f}, en={en:.2f}); parsed as {lang!r}. Pass --lang to override."
    W004 = "Reference range {text!r} for {name!r} could not be parsed; kept as text."
    W005 = "Low text quality (looks like OCR noise in {share:.0%} of lines); results may be incomplete."
    W006 = "Low OCR confidence {confidence:.0%} for {name!r} on page {page}: check the value against the image."
    W007 = "Page {page} looks blank (no ink found); nothing was read from it."
    W008 = ("Read by OCR: page(s) {pages}, mean word confidence {confidence:.0%}{notes}. Values carry their "
            "ocr_confidence; check low ones against the image.")
    W009 = ("OCR read {value:g} for {name!r} on page {page}, {shift} times its reference range {low:g}-{high:g} "
            "once divided: a decimal mark may be missing. Check the value against the image.")


class ReportParseError(DermalabError, ValueError):
    """Unusable input.  ``code`` is stable (E001…) and ``str()`` says how to fix it."""

    def __init__(self, template: str, **fields: object) -> None:
        self.fields = fields
        super().__init__(template.format(**fields),
                         code=next(name for name, value in vars(Errors).items() if value == template))

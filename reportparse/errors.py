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
    E011 = "Cannot write {fmt}."
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
    # inputs beyond the limits a parse keeps to (size, time, nesting, encodings): E042-E049
    E042 = ("{path} holds {chars:,} characters of text, over the limit of {limit:,} a parse reads (a lab report "
            "holds a few thousand): it is not one report. Split it into its reports and parse each (a pipeline "
            "from reportparse.load_pipeline() reads a longer text when called on it directly: nlp(text)).")
    E043 = ("{path} is {size:,} bytes, over the limit of {limit:,} bytes a file (reportparse.limits): it was not "
            "read. Check that it is a report; split a file that holds many.")
    E044 = ("{path} is text in an encoding reportparse cannot tell ({detail}). Save it as UTF-8 (e.g. `iconv -f "
            "ENCODING -t UTF-8 in.txt > out.txt`) and parse that copy.")
    E045 = ("{path} is a symbolic link that leads back to itself ({detail}): there is no file to read. Point the "
            "link at the report (`ln -sfn TARGET {path}`) or give the report's own path.")
    E046 = ("{path} cannot be read: permission denied ({detail}). Give your user read access (`chmod u+r`, or "
            "the folder's x bit) or parse a copy you can read.")
    E047 = ("{path} is not a regular file but {kind}: reading it could block or never end. Give the path of a "
            "report file (copy the stream into a file first).")
    E048 = ("{path} is a symbolic link to {target}, which does not exist. Point the link at the report or give "
            "the report's own path.")
    # PDF engines (pdfminer, pdfium): E050-E054
    E050 = "Invalid PDF setting {name}={value!r}: {hint}."
    E051 = ("{path} has {pages:,} pages, over the limit of {limit:,} a document: it is not one report. Split it "
            "(`qpdf --split-pages`), or raise the limit with PdfOptions(max_pages=...).")
    E052 = ("{path} draws more than {limit:,} characters {where}, far more than a printed page holds: the file is "
            "damaged or generated wrongly. Re-export it; if the page is genuine, raise the limit with "
            "PdfOptions(max_page_chars=...).")
    E053 = ("{path} holds a compressed stream that inflates past {limit:,} bytes ({detail}): it may be a "
            "decompression bomb, and was not read. Re-export the report; if the file is genuine, raise the limit "
            "with PdfOptions(max_stream_bytes=..., max_inflated_bytes=...).")
    E054 = ("{path} draws more than {limit:,} characters in all (by page {page}), more than a lab report holds: "
            "split it, or raise the limit with PdfOptions(max_chars=...).")
    # batches (reportparse.batch): E055-E064
    E055 = ("{path} took longer than the batch's limit of {limit:g} s a file: its worker was stopped and replaced, "
            "and the batch went on. Parse it alone with `reportparse parse {path}` (no time limit there), or give "
            "the next batch a larger --time-limit.")
    E056 = ("{path} needed more memory than the batch's limit of {limit:,} MB a worker ({detail}): its worker was "
            "stopped and replaced, and the batch went on. Parse it alone with `reportparse parse {path}`, or give "
            "the next batch a larger --memory-limit.")
    E057 = ("The worker parsing {path} died {attempts} time(s) ({detail}); the file was set aside and the batch "
            "went on. Parse it alone with `reportparse parse {path}` to see why (a crash in a PDF or image library, "
            "or the machine ran out of memory).")
    E058 = ("{path} is {size:,} bytes, over the batch's limit of {limit:,} bytes a file (--max-file-size "
            "{limit_mb:g}): it was not parsed. Check that it is a report; a larger --max-file-size lets it through.")
    E059 = ("{path} changed after the batch listed it (its content no longer has the hash listed): it was not "
            "parsed. Run the batch again: the new content is listed and parsed as a new report.")
    E060 = ("{out} holds the batch of {old}, not of {new}: an output folder takes one input. Resume that batch "
            "with `reportparse batch {old} -o {out}`, or give this input its own -o folder.")
    E061 = ("{out} was started with other parse options ({diff}), and a batch parses all its reports the same way. "
            "Resume with the options it was started with, or start over with another -o folder (or after "
            "deleting {out}).")
    E062 = ("{out} is in use by another batch that is still running ({holder}). Wait for it to finish, or stop "
            "it: one folder takes one batch at a time.")
    E063 = ("The batch state in {out} is damaged ({detail}), so which reports are done cannot be trusted. Start "
            "over with another -o folder (or after deleting {out}).")
    E064 = "Invalid batch setting {name}={value!r}: {hint}."
    # PDF engines (continued)
    E065 = ("{path} runs more than {limit:,} drawing operators {where}, far more than a printed page needs: "
            "pdfminer interprets each in Python (430,000 took it 18 s). Re-export the report; if the page is "
            "genuine, read it with --pdf-engine pdfium, or raise the limit with "
            "PdfOptions(max_page_operators=..., max_operators=...).")
    # exports (FHIR, OMOP, DataFrames) and pseudonymous linkage: E066-E069
    E066 = ("The linkage key {where} is {problem}: a keyed pseudonym is only as safe as its key. Use at least "
            "{minimum} bytes of secret, e.g. `python -c \"import secrets; print(secrets.token_hex(32))\" > link.key`, "
            "and keep the same file for every batch whose reports must join.")
    E067 = "The linkage key file {path} cannot be read ({detail}). Check the path and its permissions."
    E068 = ("Unsupported export format {fmt!r}: use one of {choices}. FHIR bundles are written as NDJSON "
            "(.fhir.ndjson), OMOP measurement rows as CSV or Parquet (.omop.csv, .omop.parquet).")
    E069 = ("Cannot export {what}: {detail}. A report read back from JSON must have the fields `Report.to_dict()` "
            "writes.")
    # units, conversions and the analyte catalogue: E070-E074
    E070 = ("Unknown unit {unit!r}: it is not a UCUM unit the converter knows. Pass the UCUM form "
            "(UNITS.ucum(printed) gives it, e.g. 'mg/dL', 'umol/L', '10*3/uL'), or add the atom to "
            "reportparse/data/catalogue/ucum_pint.tsv.")
    E071 = ("Cannot convert {source} to {target}{detail}: they measure different things ({source_dim} against "
            "{target_dim}). Convert only between units of one kind (mass, amount of substance, count...), or "
            "between mass and moles of one analyte.")
    E072 = ("Converting {source} to {target} goes between mass and moles (or equivalents), which needs the "
            "analyte's molar mass: {why}. Pass analyte='glucose' (an id of reportparse/data/catalogue/"
            "molar_masses.tsv) or add the analyte's row there.")
    E073 = ("{analyte!r} and {to_analyte!r} are different analytes, and neither is measured as the other "
            "(measured_as in molar_masses.tsv): a value of one cannot be converted into the other.")
    E074 = ("{value!r} {source} cannot be converted to {target} for {analyte!r}: {why}.")


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

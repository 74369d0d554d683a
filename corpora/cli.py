"""``python -m corpora``: make report and prose corpora and rewrite the bundled samples."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["main"]


def _reports(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from .reports.families import HELD_OUT_FAMILIES, TUNING_FAMILIES
    from .reports.generator import generate_corpus, write_report

    formats = tuple(args.formats.split(","))
    families = _names(args.families)
    if args.held_out or args.tuning:
        chosen = HELD_OUT_FAMILIES if args.held_out else TUNING_FAMILIES
        families = [name for name in families if name in chosen] if families is not None else list(chosen)
    out = Path(args.out)
    reports = generate_corpus(args.n, lang=args.lang, seed=args.seed, formats=formats, families=families,
                              exclude_families=_names(args.exclude_families))
    for report, fmt in tqdm(reports, total=args.n, unit="report", disable=args.quiet, file=sys.stderr):
        write_report(report, out, fmt)
    print(f"wrote {args.n} synthetic {args.lang} reports to {out}/raw with gold files in {out}/gold", file=sys.stderr)
    return 0


def _scans(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from .reports.families import HELD_OUT_FAMILIES
    from .scans.generator import generate_scans, get_preset, iter_folder_scans, reset_manifest, write_scan

    if args.list_presets:
        return _scan_presets(args)
    if not args.out:
        print("error: scans needs --out (or --list-presets)", file=sys.stderr)
        return 2
    if args.gold and not args.from_pdf:
        print("error: --gold goes with --from-pdf (generated reports bring their own gold)", file=sys.stderr)
        return 2
    out = Path(args.out)
    spec = get_preset(args.preset)
    if args.from_pdf:
        docs = iter_folder_scans(args.from_pdf, spec, args.dpi, args.seed, args.gold)
        total = len(list(Path(args.from_pdf).glob("*.pdf")))
    else:
        families = _names(args.families)
        if args.held_out:
            families = [name for name in families if name in HELD_OUT_FAMILIES] if families else list(HELD_OUT_FAMILIES)
        docs = generate_scans(args.n, lang=args.lang, seed=args.seed, preset=spec, families=families,
                              exclude_families=_names(args.exclude_families), dpi=args.dpi)
        total = args.n
    reset_manifest(out)
    pages = 0
    for doc in tqdm(docs, total=total, unit="report", disable=args.quiet, file=sys.stderr):
        write_scan(doc, out, args.format)
        pages += len(doc.pages)
    print(f"wrote {total} scanned reports ({pages} pages, preset {spec.name}) to {out}/raw with gold files in "
          f"{out}/gold and the damage drawn in {out}/manifest.jsonl", file=sys.stderr)
    return 0


def _scan_presets(args: argparse.Namespace) -> int:
    from .scans.presets import PRESETS, SINGLE_DAMAGE_PRESETS

    width = max(len(name) for name in PRESETS)
    print(f"{'preset':{width}}  dpi  single  steps / description")
    for name, spec in PRESETS.items():
        steps = " > ".join(st.damage for st in spec.steps) or "-"
        print(f"{name:{width}}  {spec.dpi:3d}  {'yes' if name in SINGLE_DAMAGE_PRESETS else 'no':6}  {steps}\n"
              f"{'':{width + 15}}{spec.description}")
    print(f"\n{len(PRESETS)} presets; the single-damage ones each add one damage to 'clean' (a per-damage table)")
    return 0


def _names(text: str | None) -> list[str] | None:
    return [name.strip() for name in text.split(",") if name.strip()] if text else None


def _families(args: argparse.Namespace) -> int:
    from .reports.families import FAMILIES, HELD_OUT_FAMILIES

    width = max(len(name) for name in FAMILIES)
    print(f"{'family':{width}}  held out  {'trait':24}  description")
    for name, fam in FAMILIES.items():
        print(f"{name:{width}}  {'yes' if name in HELD_OUT_FAMILIES else 'no':8}  {fam.trait:24}  {fam.description}")
    print(f"\n{len(FAMILIES)} families; {len(HELD_OUT_FAMILIES)} held out (never used for tuning the parser: "
          "look only at their benchmark numbers, benchmarks/bench_families.py)")
    return 0


def _prose(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from reportparse.ner.data import write_examples

    from .prose import HELD_OUT_TEMPLATES, TEMPLATES, TUNING_TEMPLATES, iter_prose, select_templates, write_document

    if args.list:
        return _prose_templates(args)
    if not args.out:
        print("error: prose needs --out (or --list)", file=sys.stderr)
        return 2
    templates = select_templates(_names(args.templates), args.lang) if args.templates else None
    if args.held_out or args.tuning:
        chosen = HELD_OUT_TEMPLATES if args.held_out else TUNING_TEMPLATES
        pool = templates if templates is not None else [n for n, t in TEMPLATES.items() if t.lang == args.lang]
        templates = [name for name in pool if name in chosen]
        if not templates:
            from .errors import CorporaError
            raise CorporaError("no prose template left to generate: the selection has no "
                               f"{'held-out' if args.held_out else 'tuning'} template", code="G004")
    out = Path(args.out)
    examples = []
    for doc in tqdm(iter_prose(args.n, args.lang, args.seed, templates), total=args.n, unit="doc",
                    disable=args.quiet, file=sys.stderr):
        write_document(doc, out)
        examples.append(doc.example)
    out.mkdir(parents=True, exist_ok=True)
    write_examples(examples, out / "ner.jsonl")
    print(f"wrote {args.n} synthetic {args.lang} prose documents to {out}/raw with gold files in {out}/gold and "
          f"NER examples in {out}/ner.jsonl", file=sys.stderr)
    return 0


def _prose_templates(args: argparse.Namespace) -> int:
    from .prose import HELD_OUT_TEMPLATES, TEMPLATES

    width = max(len(name) for name in TEMPLATES)
    print(f"{'template':{width}}  lang  held out  description")
    for name, t in TEMPLATES.items():
        print(f"{name:{width}}  {t.lang:4}  {'yes' if name in HELD_OUT_TEMPLATES else 'no':8}  {t.description}")
    print(f"\n{len(TEMPLATES)} templates; {len(HELD_OUT_TEMPLATES)} held out (they use only the held-out sentence "
          "forms: train on the others, score on them)")
    return 0


def _samples(args: argparse.Namespace) -> int:
    from .reports.samples import SAMPLES_DIR, write_samples

    written = write_samples(args.out or SAMPLES_DIR)
    print(f"wrote {len(written)} sample reports to {args.out or SAMPLES_DIR}", file=sys.stderr)
    return 0


def _describe(args: argparse.Namespace) -> int:
    import json

    from .images.layouts import load_dataset, summarize_issues
    from .splits import group_ids, kfold

    dataset = load_dataset(args.path, layout=args.layout, others="keep" if args.keep_others else "drop",
                           verify=args.verify, progress=not args.quiet)
    info = dataset.describe()
    if args.folds:
        groups = group_ids(dataset.records)
        folds = kfold(dataset, args.folds, seed=args.seed, groups=groups)
        lesions_per_fold = [{dataset.records[i].lesion_id for i in te if dataset.records[i].lesion_id}
                            for _, te in folds]
        shared = sum(len(a & b) for k, a in enumerate(lesions_per_fold) for b in lesions_per_fold[k + 1:])
        info["folds"] = {"k": args.folds, "seed": args.seed, "test_sizes": [len(te) for _, te in folds],
                         "groups": int(groups.max()) + 1 if len(groups) else 0, "lesions_shared_between_folds": shared}
    if args.json:
        print(json.dumps(info, indent=1))
    else:
        print(f"{info['root']}  layout={info['layout']}")
        print(f"images: {info['images']}  lesions: {info['lesions']}  patients: {info['patients']}  "
              f"images without lesion id: {info['images_without_lesion_id']}")
        for name, count in info["per_class"].items():
            print(f"  {name:28} {count:6d}")
        print(f"missing: {info['missing']}")
        if "folds" in info:
            f = info["folds"]
            print(f"{f['k']}-fold lesion-grouped split (seed {f['seed']}): test sizes {f['test_sizes']}, "
                  f"{f['groups']} groups, {f['lesions_shared_between_folds']} lesions shared between folds")
        print("issues: " + (json.dumps(info["issues"]) if info["issues"] else "none"))
        if dataset.issues:
            print(summarize_issues(dataset))
    return 0


def _split(args: argparse.Namespace) -> int:
    import csv

    from .images.layouts import load_dataset
    from .splits import group_ids, kfold, train_val_test_split

    dataset = load_dataset(args.path, verify=args.verify, progress=not args.quiet)
    groups = group_ids(dataset.records)
    assignment = {}
    if args.folds:
        for k, (_, test) in enumerate(kfold(dataset, args.folds, seed=args.seed, groups=groups)):
            for i in test:
                assignment[int(i)] = f"fold{k}"
    else:
        split = train_val_test_split(dataset, val=args.val, test=args.test, seed=args.seed, groups=groups)
        for name in ("train", "val", "test"):
            for i in getattr(split, name):
                assignment[int(i)] = name
    with open(args.out, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["image_id", "image", "label", "lesion_id", "group", "split"])
        for i, record in enumerate(dataset.records):
            writer.writerow([record.image_id, record.image, record.label, record.lesion_id, int(groups[i]), assignment[i]])
    print(f"wrote {args.out}: {len(dataset)} images, seed {args.seed}, no group crosses splits", file=sys.stderr)
    return 0


def _cohort(args: argparse.Namespace) -> int:
    from .cohorts import load_cohort, make_synthetic_cohort
    from .images.layouts import load_dataset

    dataset = load_dataset(args.images, verify=args.verify, progress=not args.quiet)
    if args.limit:
        dataset = dataset.subset(range(min(args.limit, len(dataset))))
    manifest = make_synthetic_cohort(dataset, args.out, seed=args.seed, effect_scale=args.effect_scale,
                                     report_fraction=args.report_fraction, formats=tuple(args.formats.split(",")),
                                     progress=not args.quiet)
    print(f"SYNTHETIC cohort written: {manifest} ({load_cohort(manifest).describe()})", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m corpora", description="Make and describe dermalab datasets.")
    sub = parser.add_subparsers(dest="command", required=True)
    r = sub.add_parser("reports", help="generate synthetic blood-analysis reports with gold annotations",
                       description="Seeded generator. Report i is drawn from layout family i modulo the families "
                                   "selected (all by default; `python -m corpora families` lists them); each "
                                   "family is one lab's way of printing (code columns, portal printouts, cards, "
                                   "category columns...) with its own variation, and goes through the formats in "
                                   "turn. Output: OUT/raw/*.pdf|txt|md and OUT/gold/*.json in the reports-dev gold "
                                   "format, with the family and the fake identifiers printed. All reports are "
                                   "marked SYNTHETIC.")
    r.add_argument("--n", type=int, default=200, help="number of reports (default 200)")
    r.add_argument("--lang", choices=["it", "en"], default="it")
    r.add_argument("--out", required=True, help="output folder")
    r.add_argument("--seed", type=int, default=0)
    r.add_argument("--formats", default="pdf,txt,md,ocr",
                   help="comma-separated: pdf, txt, md, ocr (text with OCR-like noise); default all, in turn")
    r.add_argument("--families", metavar="A,B", help="only these families, in this order (default: all)")
    r.add_argument("--exclude-families", metavar="C,D", help="leave these families out")
    part = r.add_mutually_exclusive_group()
    part.add_argument("--held-out", action="store_true",
                      help="only the held-out families (never used for tuning the parser: read their scores, "
                           "not their reports)")
    part.add_argument("--tuning", action="store_true", help="every family but the held-out ones")
    r.add_argument("-q", "--quiet", action="store_true")
    r.set_defaults(func=_reports)
    f = sub.add_parser("families", help="list the report layout families (name, held out, trait, description)")
    f.set_defaults(func=_families)
    p = sub.add_parser("prose", help="generate synthetic clinical prose (letters, notes) with lab values, gold "
                                     "values and NER spans",
                       description="Seeded generator. Document i is drawn from template i modulo the templates "
                                   "selected (all of the language by default; `python -m corpora prose-templates` "
                                   "lists them): discharge letters, referrals, visit summaries, letters to the GP, "
                                   "e-mails, consult notes, letters to patients. Output: OUT/raw/*.txt, "
                                   "OUT/gold/*.json in the reports-dev gold format (reportparse evaluate scores "
                                   "it) and OUT/ner.jsonl (entity spans and relations). All documents are marked "
                                   "SYNTHETIC.")
    p.add_argument("--n", type=int, default=200, help="number of documents (default 200)")
    p.add_argument("--lang", choices=["it", "en"], default="it")
    p.add_argument("--out", help="output folder (required unless --list)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--templates", metavar="A,B", help="only these templates, in this order (it_referral or referral)")
    part = p.add_mutually_exclusive_group()
    part.add_argument("--held-out", action="store_true",
                      help="only the held-out templates (their sentence forms are never used by the others)")
    part.add_argument("--tuning", action="store_true", help="every template but the held-out ones")
    p.add_argument("--list", action="store_true", help="list the templates and exit")
    p.add_argument("-q", "--quiet", action="store_true")
    p.set_defaults(func=_prose)
    pt = sub.add_parser("prose-templates", help="list the prose templates (name, language, held out, description)")
    pt.set_defaults(func=_prose_templates)
    d = sub.add_parser("describe", help="describe an image dataset: classes, sources, groups, missing metadata",
                       description="Reads HAM10000, ISIC 2019, isic-cli exports or class folders (auto-detected) and "
                                   "reports counts per class and source, lesion/patient groups, missing metadata and "
                                   "every problem found (missing, unreadable or duplicate images).")
    d.add_argument("path", help="dataset folder")
    d.add_argument("--layout", default="auto", help="ham10000 | isic2019 | isic_archive | class_folders | auto")
    d.add_argument("--verify", default="full", choices=["full", "header", "none"],
                   help="image check: full decode (catches truncation), header only, or none")
    d.add_argument("--keep-others", action="store_true", help="keep diagnoses outside the three classes as 'other'")
    d.add_argument("--folds", type=int, default=0, metavar="K", help="also make a lesion-grouped K-fold split")
    d.add_argument("--seed", type=int, default=0)
    d.add_argument("--json", action="store_true")
    d.add_argument("-q", "--quiet", action="store_true")
    d.set_defaults(func=_describe)
    sp = sub.add_parser("split", help="write a lesion-grouped, stratified split (train/val/test or K folds) as CSV")
    sp.add_argument("path")
    sp.add_argument("--out", required=True, help="CSV: image_id, image, label, lesion_id, group, split")
    sp.add_argument("--folds", type=int, default=0, metavar="K")
    sp.add_argument("--val", type=float, default=0.15)
    sp.add_argument("--test", type=float, default=0.15)
    sp.add_argument("--seed", type=int, default=0)
    sp.add_argument("--verify", default="header", choices=["full", "header", "none"])
    sp.add_argument("-q", "--quiet", action="store_true")
    sp.set_defaults(func=_split)
    c = sub.add_parser("cohort", help="make a SYNTHETIC paired cohort: real images + generated reports",
                       description="One pseudonymous patient per lesion group; a share of them get a generated "
                                   "blood report whose values depend on the image label by the documented effect "
                                   "sizes (corpora/cohorts/effects.py). Everything is marked synthetic.")
    c.add_argument("--images", required=True, help="image dataset folder (any supported layout)")
    c.add_argument("--out", required=True)
    c.add_argument("--seed", type=int, default=0)
    c.add_argument("--effect-scale", type=float, default=1.0, help="multiplies every effect (0 = no effect)")
    c.add_argument("--report-fraction", type=float, default=0.8, help="share of patients with a report")
    c.add_argument("--formats", default="txt", help="report formats: txt, pdf, md (comma-separated)")
    c.add_argument("--limit", type=int, default=0, help="use only the first N images")
    c.add_argument("--verify", default="header", choices=["full", "header", "none"])
    c.add_argument("-q", "--quiet", action="store_true")
    c.set_defaults(func=_cohort)
    import textwrap  # the scans help has an examples epilog, so its description is wrapped here

    sc = sub.add_parser("scans", help="render generated reports (or PDFs) as damaged scans and phone photos with gold",
                        description=textwrap.fill(
                                    "Seeded generator of scanned reports for measuring OCR. Each report of "
                                    "`reports` (same ids and gold) is rendered to a native PDF, rasterised at the "
                                    "preset's dpi and damaged page by page (skew, noise, JPEG, blur, perspective, "
                                    "uneven light, fax binarisation, stamps, pen marks...; --list-presets describes "
                                    "them). Output: OUT/raw/<id>.png (one page) or <id>.tif (one multi-page TIFF), "
                                    "OUT/gold/<id>.json in the reports-dev gold format (`reportparse evaluate --gold "
                                    "OUT/gold predictions.jsonl` scores the OCR), and OUT/manifest.jsonl with every "
                                    "damage parameter drawn. With --from-pdf, existing PDFs are damaged instead (e.g. "
                                    "corpora/samples/reports/raw with --gold corpora/samples/reports/gold).", 100),
                        epilog="examples:\n  python -m corpora scans --out out/scans --n 20 --preset photo\n"
                               "  python -m corpora scans --out out/fax --preset fax_full --from-pdf "
                               "corpora/samples/reports/raw --gold corpora/samples/reports/gold",
                        formatter_class=argparse.RawDescriptionHelpFormatter)
    sc.add_argument("--out", help="output folder (required unless --list-presets)")
    sc.add_argument("--n", type=int, default=20, help="number of reports (default 20)")
    sc.add_argument("--lang", choices=["it", "en"], default="it")
    sc.add_argument("--seed", type=int, default=0)
    sc.add_argument("--preset", default="moderate", help="damage preset (default moderate; see --list-presets)")
    sc.add_argument("--dpi", type=int, help="rasterise at this dpi instead of the preset's")
    sc.add_argument("--format", choices=["auto", "tif", "png", "jpg"], default="auto",
                    help="auto (default): png for one page, one multi-page TIFF for several; png/jpg write "
                         "<id>_p1.png... for multi-page reports")
    sc.add_argument("--families", metavar="A,B", help="only these report families, in this order (default: all)")
    sc.add_argument("--exclude-families", metavar="C,D", help="leave these families out")
    sc.add_argument("--held-out", action="store_true", help="only the held-out report families")
    sc.add_argument("--from-pdf", metavar="DIR", help="damage the PDFs of DIR instead of generating reports")
    sc.add_argument("--gold", metavar="DIR", help="with --from-pdf: gold files to copy, matched by stem")
    sc.add_argument("--list-presets", action="store_true", help="list the damage presets and exit")
    sc.add_argument("-q", "--quiet", action="store_true")
    sc.set_defaults(func=_scans)
    s = sub.add_parser("samples", help="rewrite the bundled sample reports (corpora/samples/reports)")
    s.add_argument("--out", help="write elsewhere instead")
    s.set_defaults(func=_samples)
    return parser


def main(argv: list[str] | None = None) -> int:
    from .errors import run_command

    args = build_parser().parse_args(argv)
    return run_command(args.func, args)

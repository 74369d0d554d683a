"""Fuzz ``reportparse.parse_file``: every input must end as a Report or a coded error, within the time limit.

    python benchmarks/fuzz_reports.py [--n 10000] [--seed 0] [--timeout 20] [--jobs 2] [--out out/fuzz_reports]
                                      [--mutators a,b] [--scale 1.0] [--ocr never] [--repro INDEX]

Seeds: the bundled samples (``corpora/samples/reports/raw``: PDF, text, markdown) and reports generated here with
``corpora.reports`` (native PDF, fixed-width text, markdown, OCR-like text, Italian and English) and
``corpora.prose`` (letters).  Input ``i`` is one mutator of ``fuzz_mutators.MUTATORS`` (each in turn first, then
drawn by weight) applied to one seed, all drawn from ``random.Random(f"{seed}:{i}")``: the same ``--seed`` gives
the same inputs, and ``--repro i`` rebuilds input ``i`` and parses it here, printing the traceback.

Every input is written to a scratch folder and parsed in a worker process (``fuzz_pool.WorkerPool``: ``--jobs``
workers, ``--timeout`` seconds of CPU an input and ``--wall-timeout`` of wall time, ``--memory-mb`` of address
space over what a worker holds at start; a worker that overruns or dies is replaced), with
``ocr=OcrOptions(mode="never")`` unless ``--ocr auto``.  Outcomes: ``report``, ``coded:<code>``,
``uncaught:<ExceptionType>``, ``timeout``, ``crash:<why>``.  The inputs of the last three are kept in
``--out``/failures with their traceback and the command that rebuilds them; ``--out``/summary.json has the counts.

Prints the counts per outcome and per mutator, the slowest inputs and the total time; the exit status is 1 when
any input ended uncaught, in a timeout or in a crash.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):  # one core a worker
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import shutil  # noqa: E402
import signal  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections import Counter, defaultdict  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from functools import partial  # noqa: E402
from pathlib import Path  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for _path in (str(ROOT), str(HERE)):
    if _path not in sys.path:
        sys.path.insert(0, _path)

from fuzz_mutators import MUTATORS, Case, Context, Seed  # noqa: E402
from fuzz_pool import PoolLimits, Result, Task, WorkerPool  # noqa: E402

SAMPLES = ROOT / "corpora" / "samples" / "reports" / "raw"
BAD = ("uncaught", "timeout", "crash")


@dataclass(frozen=True)
class Input:
    index: int
    mutator: str
    seed: str
    case: Case

    def light(self) -> Input:
        """The input without its bytes, to keep in the tally."""
        return Input(self.index, self.mutator, self.seed, Case(b"", self.case.suffix, self.case.fs,
                                                               f"{self.case.note or '-'}, {len(self.case.data):,} B"))


# -- seeds ---------------------------------------------------------------------------------------------------------

def sample_seeds() -> list[Seed]:
    import reportparse
    from reportparse import OcrOptions

    seeds = []
    for path in sorted(SAMPLES.iterdir()):
        kind = "pdf" if path.suffix == ".pdf" else "text"
        text = reportparse.extract_text(path, ocr=OcrOptions(mode="never")) if kind == "pdf" else ""
        seeds.append(Seed(f"sample:{path.name}", kind, path.suffix, path.read_bytes(), text))
    return seeds


def generated_seeds(n: int, seed: int) -> list[Seed]:
    """``n`` generated reports a language in every format, and ``n`` prose letters a language."""
    import random as _random

    from corpora.prose import generate_prose
    from corpora.reports import generate_corpus
    from corpora.reports.noise import ocr_noise
    from corpora.reports.render_pdf import render_pdf
    from corpora.reports.render_text import render_markdown, render_text

    seeds = []
    with tempfile.TemporaryDirectory(prefix="fuzz-seeds-") as tmp:
        for lang in ("it", "en"):
            for report, fmt in generate_corpus(n, lang=lang, seed=seed):
                text = render_text(report)
                if fmt == "pdf":
                    path = render_pdf(report, Path(tmp) / f"{report.id}.pdf")
                    seeds.append(Seed(f"gen:{report.id}.pdf", "pdf", ".pdf", Path(path).read_bytes(), text))
                elif fmt == "md":
                    seeds.append(Seed(f"gen:{report.id}.md", "text", ".md", render_markdown(report).encode()))
                else:
                    body = ocr_noise(text, _random.Random(report.id)) if fmt == "ocr" else text
                    seeds.append(Seed(f"gen:{report.id}.{fmt}", "text", ".txt", body.encode()))
            for doc in generate_prose(n, lang, seed=seed):
                seeds.append(Seed(f"prose:{doc.id}.txt", "text", ".txt", doc.text.encode()))
    return seeds


# -- inputs --------------------------------------------------------------------------------------------------------

def make_input(index: int, seed: int, ctx: Context, names: tuple[str, ...]) -> Input:
    """Input ``index``: every mutator once in turn, then drawn by weight; all draws from one generator."""
    rng = random.Random(f"{seed}:{index}")
    if index < len(names):
        name = names[index]
    else:
        name = rng.choices(names, weights=[MUTATORS[n].weight for n in names])[0]
    mutator = MUTATORS[name]
    seeds = [s for s in ctx.seeds if s.kind in mutator.kinds]
    chosen = rng.choice(seeds)
    return Input(index, name, chosen.name, mutator.func(chosen, rng, ctx))


def materialise(item: Input, folder: Path) -> str:
    """Put the input on disk as its case says; return the path to parse."""
    case = item.case
    path = folder / f"in{item.index:06d}{case.suffix}"
    if case.fs == "long_name":
        return str(folder / ("x" * 300 + case.suffix))
    if case.fs == "symlink_loop":
        other = folder / f"in{item.index:06d}.loop{case.suffix}"
        os.symlink(other.name, path)
        os.symlink(path.name, other)
    elif case.fs == "dangling_symlink":
        os.symlink(f"missing{item.index}{case.suffix}", path)
    elif case.fs == "folder":
        path.mkdir()
    elif case.fs == "fifo":
        os.mkfifo(path)
    elif case.fs == "device":
        os.symlink("/dev/zero", path)
    elif case.fs == "symlink":
        target = folder / f"in{item.index:06d}.target{case.suffix}"
        target.write_bytes(case.data)
        os.symlink(target.name, path)
    else:
        path.write_bytes(case.data)
    return str(path)


def clean(folder: Path, index: int) -> None:
    for path in folder.glob(f"in{index:06d}*"):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


# -- the parse a worker runs -------------------------------------------------------------------------------------

def parse_case(path: str, ocr: str = "never") -> tuple[str, str]:
    """``report`` or ``coded:<code>``; anything else propagates (the pool counts it as uncaught)."""
    import reportparse
    from reportparse import OcrOptions
    from reportparse.errors import DermalabError

    try:
        report = reportparse.parse_file(path, ocr=OcrOptions(mode=ocr))
    except DermalabError as exc:
        if exc.code is None:
            raise
        return f"coded:{exc.code}", str(exc)[:300]
    return "report", f"{len(report.values)} values, {report.pages} page(s)"


def warm_up() -> None:
    """Load both pipelines before the workers fork, so that they share them and start at once; keep the PDF
    library's complaints about damaged files (which the outcomes count) off the terminal."""
    import logging

    import reportparse

    logging.getLogger("pdfminer").setLevel(logging.CRITICAL)

    reportparse.parse_text("Emoglobina 12,5 g/dL 13,5 - 17,5", lang="it")
    reportparse.parse_text("Hemoglobin 12.5 g/dL 13.5 - 17.5", lang="en")


# -- the run -------------------------------------------------------------------------------------------------------

@dataclass
class Tally:
    outcomes: Counter
    by_mutator: dict[str, Counter]
    results: list[tuple[Result, Input]]

    @classmethod
    def empty(cls) -> Tally:
        return cls(Counter(), defaultdict(Counter), [])

    def add(self, result: Result, item: Input) -> None:
        self.outcomes[result.outcome] += 1
        self.by_mutator[item.mutator][result.outcome] += 1
        self.results.append((result, item))

    @property
    def bad(self) -> list[tuple[Result, Input]]:
        return [(r, i) for r, i in self.results if r.outcome.startswith(BAD)]


def run(args: argparse.Namespace, ctx: Context, names: tuple[str, ...]) -> tuple[Tally, float, int]:
    limits = PoolLimits(cpu_limit=args.timeout, wall_limit=args.wall_timeout, memory_limit=args.memory_mb << 20)
    pool = WorkerPool(partial(parse_case, ocr=args.ocr), jobs=args.jobs, limits=limits)
    scratch = Path(tempfile.mkdtemp(prefix="fuzz-reports-"))
    inputs: dict[int, Input] = {}
    tally = Tally.empty()
    failures = Path(args.out) / "failures"

    def tasks() -> Iterator[Task]:
        for index in range(args.n):
            item = make_input(index, args.seed, ctx, names)
            inputs[index] = item
            yield Task(index, materialise(item, scratch))

    start = time.perf_counter()
    try:
        for done, result in enumerate(pool.map(tasks()), start=1):
            item = inputs.pop(result.index)
            if result.outcome.startswith(BAD):
                keep(result, item, scratch, failures, args)
            tally.add(result, item.light())
            clean(scratch, result.index)
            if args.progress and done % args.progress == 0:
                seconds = time.perf_counter() - start
                print(f"  {done}/{args.n} inputs, {seconds:.0f} s, {len(tally.bad)} bad", flush=True)
                write_summary(summarise(tally, seconds, pool.replaced, args, len(ctx.seeds), complete=False), args)
    except KeyboardInterrupt:  # Ctrl-C or SIGTERM: count what is done
        print(f"\nstopped after {len(tally.results)} inputs", flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return tally, time.perf_counter() - start, pool.replaced


def keep(result: Result, item: Input, scratch: Path, failures: Path, args: argparse.Namespace) -> None:
    """Save a failing input with its traceback and the command that rebuilds it."""
    failures.mkdir(parents=True, exist_ok=True)
    stem = f"{item.index:06d}-{item.mutator}"
    source = scratch / f"in{item.index:06d}{item.case.suffix}"
    if item.case.fs == "file" and source.is_file():
        shutil.copyfile(source, failures / f"{stem}{item.case.suffix}")
    (failures / f"{stem}.info.txt").write_text(
        f"outcome: {result.outcome}\nmutator: {item.mutator} ({item.case.note})\nseed: {item.seed}\n"
        f"file system: {item.case.fs}\ncpu: {result.cpu:.2f} s, wall: {result.wall:.2f} s\n"
        f"rebuild and parse here: {repro_command(args, item.index)}\n\n{result.detail}\n", encoding="utf-8")


def repro_command(args: argparse.Namespace, index: int) -> str:
    """The command that rebuilds input ``index`` (the same seeds, mutators and sizes) and parses it here."""
    chosen = f" --mutators {args.mutators}" if args.mutators else ""
    return (f"python benchmarks/fuzz_reports.py --seed {args.seed} --scale {args.scale} --generated "
            f"{args.generated}{chosen} --repro {index}")


def summarise(tally: Tally, seconds: float, replaced: int, args: argparse.Namespace, seeds: int,
              complete: bool = True) -> dict:
    bad = {kind: sum(n for o, n in tally.outcomes.items() if o.startswith(kind)) for kind in BAD}
    return {
        "inputs": sum(tally.outcomes.values()), "complete": complete, "seconds": round(seconds, 1),
        "jobs": args.jobs, "seed": args.seed, "scale": args.scale, "seeds": seeds, "cpu_limit_s": args.timeout,
        "wall_limit_s": args.wall_timeout, "workers_replaced": replaced, "outcomes": dict(tally.outcomes),
        "uncaught": bad["uncaught"], "timeout": bad["timeout"], "crash": bad["crash"],
        "by_mutator": {name: dict(counts) for name, counts in sorted(tally.by_mutator.items())},
        "max_cpu_s": round(max((r.cpu for r, _ in tally.results), default=0.0), 2),
        "bad": [{"index": i.index, "mutator": i.mutator, "seed": i.seed, "note": i.case.note,
                 "outcome": r.outcome, "cpu_s": round(r.cpu, 2), "repro": repro_command(args, i.index),
                 "detail": r.detail[-2000:]} for r, i in tally.bad],
    }


def write_summary(summary: dict, args: argparse.Namespace) -> Path:
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "summary.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
    return out / "summary.json"


def report(tally: Tally, seconds: float, replaced: int, args: argparse.Namespace, seeds: int) -> None:
    total = sum(tally.outcomes.values())
    print(f"\n{total} inputs from {seeds} seeds in {seconds:.0f} s ({args.jobs} worker(s), "
          f"{args.timeout:g} s CPU limit, {replaced} worker(s) replaced)\n")
    print(f"{'outcome':<28}{'inputs':>8}")
    for outcome, count in sorted(tally.outcomes.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"{outcome:<28}{count:>8}")
    bad = {kind: sum(n for o, n in tally.outcomes.items() if o.startswith(kind)) for kind in BAD}
    print(f"{'-> uncaught / timeout / crash':<28}{bad['uncaught']:>4} / {bad['timeout']} / {bad['crash']}")
    print(f"\n{'mutator':<22}{'inputs':>7}{'report':>8}{'coded':>7}{'bad':>5}  codes")
    for name in sorted(tally.by_mutator):
        counts = tally.by_mutator[name]
        coded = Counter({o[6:]: n for o, n in counts.items() if o.startswith("coded:")})
        worst = sum(n for o, n in counts.items() if o.startswith(BAD))
        codes = " ".join(f"{c}x{n}" for c, n in coded.most_common(4))
        print(f"{name:<22}{sum(counts.values()):>7}{counts['report']:>8}{sum(coded.values()):>7}{worst:>5}  {codes}")
    slowest = sorted(tally.results, key=lambda ri: -max(ri[0].cpu, ri[0].wall if ri[0].outcome == "timeout"
                                                         else 0))[:args.slowest]
    print("\nslowest inputs (CPU s, wall s):")
    for result, item in slowest:
        print(f"  {result.cpu:7.2f} {result.wall:7.2f}  #{item.index} {item.mutator} ({item.case.note}) "
              f"on {item.seed}: {result.outcome}")
    for result, item in tally.bad:
        line = result.detail.strip().splitlines()[-1] if result.detail.strip() else ""
        print(f"  BAD #{item.index} {item.mutator} ({item.case.note}) on {item.seed}: {result.outcome} "
              f"{line[:160]}")


def repro(args: argparse.Namespace, ctx: Context, names: tuple[str, ...]) -> int:
    """Rebuild input ``--repro`` and parse it in this process."""
    item = make_input(args.repro, args.seed, ctx, names)
    folder = Path(tempfile.mkdtemp(prefix="fuzz-repro-"))
    path = materialise(item, folder)
    kept = Path(args.out) / f"repro-{item.index:06d}{item.case.suffix}"
    print(f"input #{item.index}: {item.mutator} ({item.case.note or '-'}) on {item.seed}, {len(item.case.data):,} "
          f"bytes, file system: {item.case.fs}; path {path}")
    if item.case.fs == "file":
        kept.parent.mkdir(parents=True, exist_ok=True)
        kept.write_bytes(item.case.data)
        print(f"saved as {kept}")
    start = time.process_time()
    try:
        outcome, detail = parse_case(path, ocr=args.ocr)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"{outcome}: {detail} ({time.process_time() - start:.2f} s CPU)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="inputs to run")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds of CPU an input may take")
    parser.add_argument("--wall-timeout", type=float, default=None,
                        help="seconds of wall time an input may take (default 30x --timeout: the CPU limit is "
                             "the test; this one catches a worker blocked without using CPU)")
    parser.add_argument("--memory-mb", type=int, default=3072, help="address space a worker may add, in MiB")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--out", default=str(ROOT / "out" / "fuzz_reports"))
    parser.add_argument("--mutators", default="", help="comma-separated names (default: all)")
    parser.add_argument("--scale", type=float, default=1.0, help="shrink the extreme sizes (0-1] for a quick run")
    parser.add_argument("--generated", type=int, default=8, help="generated reports and letters a language")
    parser.add_argument("--ocr", default="never", choices=("never", "auto", "always"))
    parser.add_argument("--slowest", type=int, default=10)
    parser.add_argument("--progress", type=int, default=500, help="print progress every N inputs (0: never)")
    parser.add_argument("--repro", type=int, default=None, help="rebuild input INDEX and parse it here")
    parser.add_argument("--list", action="store_true", help="list the mutators and exit")
    args = parser.parse_args(argv)
    args.wall_timeout = args.wall_timeout or 30 * args.timeout
    if args.list:
        for mutator in MUTATORS.values():
            print(f"{mutator.name:<22}{'/'.join(mutator.kinds):<10}{mutator.weight:>5}  "
                  f"{(mutator.func.__doc__ or '').strip().splitlines()[0] if mutator.func.__doc__ else ''}")
        return 0
    names = tuple(n for n in args.mutators.split(",") if n) or tuple(MUTATORS)
    unknown = [n for n in names if n not in MUTATORS]
    if unknown:
        parser.error(f"unknown mutator(s) {unknown}; --list shows them")
    started = time.perf_counter()
    seeds = sample_seeds() + generated_seeds(args.generated, args.seed)
    ctx = Context(tuple(seeds), scale=args.scale)
    warm_up()
    print(f"{len(seeds)} seeds, {len(names)} mutators, ready in {time.perf_counter() - started:.0f} s", flush=True)
    if args.repro is not None:
        return repro(args, ctx, names)
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # a stopped run still reports what it did
    tally, seconds, replaced = run(args, ctx, names)
    report(tally, seconds, replaced, args, len(seeds))
    complete = len(tally.results) == args.n
    path = write_summary(summarise(tally, seconds, replaced, args, len(seeds), complete=complete), args)
    print(f"\nsummary: {path}" + (f"; failing inputs in {path.parent / 'failures'}" if tally.bad else ""))
    return 1 if tally.bad or not complete else 0


if __name__ == "__main__":
    sys.exit(main())

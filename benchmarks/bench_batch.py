"""Throughput and memory of ``reportparse batch`` on generated PDF reports, against pdfminer.six's extract_text.

    python benchmarks/bench_batch.py [--reports 500] [--rounds 5] [--data DIR] [--json OUT]

Generates ``--reports`` native PDF reports (half Italian, half English, every layout family; ``corpora.reports``),
splits them into ``--rounds`` slices and, slice after slice, runs each of these on the slice, each in its own
process so that nothing is shared or cached between them:

* pdfminer.six ``extract_text`` on every file, serially (the floor a PDF parser can reach);
* ``reportparse.parse_file`` on every file, serially, in one process (no batch machinery);
* ``reportparse batch`` with 1 and 2 workers on the local engine and on a Dask LocalCluster.

Interleaving the configurations slice by slice is what makes them comparable on a shared machine: each sees the
same changes of load.  Rates count the parsing phase (pipeline loaded, to last commit, as the batch reports it),
summed over the slices, so every configuration parses all ``--reports`` files; "wall" is the whole commands,
start-up, listing and outputs included; "CPU s" the user+system time of each command and all its descendants.
The scaling ratio is the 2-worker rate over the 1-worker rate.  Peak memory is the largest sum of resident memory
over a command's process and all its descendants (workers, Dask processes), sampled every 0.1 s: the largest over
the slices, then for one batch of all ``--reports`` files (local engine, 2 workers), against one slice's.  The
script prints the load average and the busiest other processes before and after: results depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent


def generate(out: Path, n: int) -> list[Path]:
    from corpora.reports import generate_corpus, write_report

    if out.is_dir() and len(list(out.glob("*.pdf"))) >= n:
        return sorted(out.glob("*.pdf"))[:n]
    scratch = out.parent / f".{out.name}-gen"
    out.mkdir(parents=True, exist_ok=True)
    for lang, count in (("it", n - n // 2), ("en", n // 2)):
        for report, fmt in generate_corpus(count, lang=lang, seed=7, formats=("pdf",)):
            raw, _ = write_report(report, scratch, fmt)
            shutil.move(raw, out / raw.name)
    shutil.rmtree(scratch, ignore_errors=True)
    return sorted(out.glob("*.pdf"))[:n]


# --- what runs in a child process: one measurement, printed as JSON --------------------------------------------

def _serial(kind: str, folder: Path) -> dict:
    import logging

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    files = sorted(folder.glob("*.pdf"))
    if kind == "extract_text":
        from pdfminer.high_level import extract_text
        from pdfminer.pdfpage import PDFPage

        start = time.perf_counter()
        pages = 0
        for path in files:
            extract_text(path)
        seconds = time.perf_counter() - start
        for path in files:
            with open(path, "rb") as handle:
                pages += sum(1 for _ in PDFPage.get_pages(handle))
        return {"files": len(files), "reports": len(files), "pages": pages, "seconds": seconds}
    import reportparse

    reportparse.parse_text("Emoglobina 13,5 g/dL", lang="it")  # load the pipeline outside the timing, as a batch
    reportparse.parse_text("Haemoglobin 13.5 g/dL", lang="en")  # worker does before it is ready
    start = time.perf_counter()
    pages = reports = 0
    for path in files:
        report = reportparse.parse_file(path)
        reports += 1
        pages += report.pages
    return {"files": len(files), "reports": reports, "pages": pages, "seconds": time.perf_counter() - start}


def _batch(folder: Path, out: Path, engine: str, workers: int) -> dict:
    from reportparse.batch import BatchConfig, run_batch
    from reportparse.batch.progress import Progress

    config = BatchConfig(input=folder, out=out, engine=engine, workers=workers)
    summary = run_batch(config, observer=Progress(enabled=False))
    return {"files": summary.parsed + summary.failed, "reports": summary.parsed, "pages": summary.pages,
            "seconds": summary.seconds, "failed": summary.failed}


# --- the orchestrator -----------------------------------------------------------------------------------------

def _tree(pid: int) -> tuple[int, dict[int, float]]:
    """Resident bytes of ``pid`` and its descendants, and each one's CPU seconds so far."""
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0, {}
    total, cpu = 0, {}
    for proc in procs:
        try:
            with proc.oneshot():
                total += proc.memory_info().rss
                times = proc.cpu_times()
                cpu[proc.pid] = times.user + times.system
        except psutil.NoSuchProcess:
            pass
    return total, cpu


def measure(args: list[str]) -> dict:
    """Run one measurement in a child process (niced), sampling its process tree's memory and CPU time (a process
    is counted up to its last sample, at most 0.1 s before it ended)."""
    cmd = ["nice", "-n", "10", sys.executable, __file__, "--one", *args]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    peak, cpu = 0, {}
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            rss, seen = _tree(proc.pid)
            peak = max(peak, rss)
            cpu.update(seen)
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, _ = proc.communicate()
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed with status {proc.returncode}")
    result = json.loads(stdout.strip().splitlines()[-1])
    result.update(wall=time.perf_counter() - start, cpu=sum(cpu.values()), peak_mb=peak / 2**20)
    return result


def _add(total: dict | None, one: dict) -> dict:
    if total is None:
        return dict(one)
    summed = {k: total[k] + one[k] for k in ("files", "reports", "pages", "seconds", "wall", "cpu")}
    return {**summed, "peak_mb": max(total["peak_mb"], one["peak_mb"])}


def _machine() -> str:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    me = {os.getpid(), *(p.pid for p in psutil.Process().children(recursive=True))}
    busy = []
    for proc in psutil.process_iter(["pid", "cmdline", "cpu_percent"]):
        try:
            proc.cpu_percent(None)
        except psutil.Error:
            pass
    time.sleep(1.0)
    for proc in psutil.process_iter(["pid", "cmdline"]):
        try:
            cpu = proc.cpu_percent(None)
            if proc.pid not in me and cpu > 20:
                busy.append(f"{cpu:.0f}% {' '.join(proc.info['cmdline'] or [])[:90]}")
        except psutil.Error:
            pass
    return f"{os.cpu_count()} CPUs, load average {load}; busy: " + ("; ".join(busy) or "nothing else")


def _row(name: str, r: dict) -> str:
    return (f"{name:46} {r['reports']:6d} {r['pages']:6d} {r['seconds']:8.1f} {r['wall']:7.1f} {r['cpu']:7.1f} "
            f"{r['pages'] / r['seconds']:8.2f} {r['reports'] / r['seconds']:8.2f} {1000 * r['cpu'] / r['pages']:9.1f} "
            f"{r['peak_mb']:8.0f}")


def _slices(files: list[Path], rounds: int, root: Path) -> list[Path]:
    folders = []
    for k in range(rounds):
        folder = root / f"slice{k}"
        folder.mkdir(parents=True, exist_ok=True)
        for path in files[k::rounds]:
            if not (folder / path.name).exists():
                shutil.copy(path, folder / path.name)
        folders.append(folder)
    return folders


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=5, help="slices the reports are run in, interleaved")
    parser.add_argument("--data", type=Path, help="folder for the generated PDFs (kept; default: a temporary one)")
    parser.add_argument("--engines", default="local,dask")
    parser.add_argument("--json", type=Path, help="also write the results as JSON")
    parser.add_argument("--one", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        kind, folder, *rest = args.one
        if kind == "batch":
            result = _batch(Path(folder), Path(rest[0]), rest[1], int(rest[2]))
        else:
            result = _serial(kind, Path(folder))
        print(json.dumps(result))
        return

    work = Path(tempfile.mkdtemp(prefix="bench_batch-"))
    data = args.data or work / "pdfs"
    started = time.perf_counter()
    files = generate(data / f"n{args.reports}", args.reports)
    slices = _slices(files, args.rounds, data / f"n{args.reports}-in{args.rounds}")
    print(f"machine before: {_machine()}")
    print(f"{len(files)} generated PDF reports in {data}, run in {args.rounds} interleaved slices\n")

    configs = {"pdfminer extract_text (serial)": ["extract_text"],
               "reportparse.parse_file (serial)": ["parse_file"]}
    for engine in args.engines.split(","):
        for workers in (1, 2):
            configs[f"batch {engine}, {workers} worker(s)"] = ["batch", engine, str(workers)]
    runs: dict[str, dict] = {}
    for k, folder in enumerate(slices):
        for n, (name, spec) in enumerate(configs.items()):
            if spec[0] == "batch":
                one = measure(["batch", str(folder), str(work / f"out-{k}-{n}"), *spec[1:]])
            else:
                one = measure([spec[0], str(folder)])
            runs[name] = _add(runs.get(name), one)
        print(f"slice {k + 1}/{len(slices)} done ({time.perf_counter() - started:.0f} s)", flush=True)
    whole = f"batch local, 2 workers, all {len(files)} in one batch"
    runs[whole] = measure(["batch", str(data / f"n{args.reports}"), str(work / "out-whole"), "local", "2"])

    print(f"\n{'':46} {'reports':>6} {'pages':>6} {'parse s':>8} {'wall s':>7} {'CPU s':>7} {'pages/s':>8} "
          f"{'rep/s':>8} {'CPU ms/pg':>9} {'peak MB':>8}")
    for name, result in runs.items():
        print(_row(name, result))
    print()
    for engine in args.engines.split(","):
        one, two = runs[f"batch {engine}, 1 worker(s)"], runs[f"batch {engine}, 2 worker(s)"]
        ratio = (two["pages"] / two["seconds"]) / (one["pages"] / one["seconds"])
        print(f"scaling {engine}: 2 workers / 1 worker = {ratio:.2f}x")
    base = runs["pdfminer extract_text (serial)"]
    for name in ("reportparse.parse_file (serial)", "batch local, 1 worker(s)"):
        ratio = (base["pages"] / base["seconds"]) / (runs[name]["pages"] / runs[name]["seconds"])
        print(f"cost ratio {name} / pdfminer extract_text (time a page): {ratio:.2f}")
    small = runs["batch local, 2 worker(s)"]
    print(f"peak memory, local engine, 2 workers: {small['peak_mb']:.0f} MB for batches of {len(files) // len(slices)}"
          f" reports, {runs[whole]['peak_mb']:.0f} MB for one batch of {len(files)}")
    print(f"machine after: {_machine()}")
    print(f"total {time.perf_counter() - started:.0f} s")
    if args.json:
        args.json.write_text(json.dumps(runs, indent=1), encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

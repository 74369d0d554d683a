"""A worker process: ``python -m reportparse.batch.worker FD``, driven over the socket FD by a
:class:`~reportparse.batch.process.ParserProcess`.

It loads the pipeline once (the plugins, then each language's pipeline and recogniser, by parsing one line), says
it is ready, then parses one file per message until the socket closes.  Its parent enforces the time and memory
limits by killing it; inside, an address-space limit turns a sudden huge allocation (faster than the parent polls)
into a MemoryError, reported as E056, after which the worker leaves so that its replacement starts clean.

Unless the recogniser needs it (the transformers backend, or a spaCy model built on torch layers), torch is kept
out of the worker: spaCy's thinc imports it whenever it is installed, for nothing here, and that import is most of
a worker's start-up time and memory (132 MB resident instead of 603 MB, ready in 6.5 s instead of 11.4 s on a busy
2-core machine; the sample reports parse identically).  A plugin that imports torch gets it.
"""

from __future__ import annotations

import importlib
import logging
import os
import signal
import sys
import threading
import time
from multiprocessing.connection import Connection

from ..errors import DermalabError, Errors, ReportParseError
from .memory import address_space, rss
from .options import BatchLimits, ParseOptions
from .tasks import WorkerSetup, parse_task

__all__ = ["main", "warm_up", "needs_torch", "import_plugins"]

# One line a language, so that loading the pipeline and the recogniser happens before the first file.
_WARM_UP = {"it": "Emoglobina   13,5   g/dL   12,0 - 16,0", "en": "Haemoglobin   13.5   g/dL   12.0 - 16.0"}


def needs_torch(options: ParseOptions) -> bool:
    """True when the recogniser runs on torch: the transformers backend, or a spaCy model with torch layers."""
    if options.ner.backend == "off":
        return False
    if options.ner.backend != "spacy":
        return True
    for lang in (("it", "en") if options.lang == "auto" else (options.lang,)):
        try:
            config = (options.ner.model_dir(lang) / "config.cfg").read_text(encoding="utf-8").lower()
        except OSError:
            continue  # a missing model is E031 at warm-up
        if "torch" in config or "transformer" in config:
            return True
    return False


def import_plugins(plugins: tuple[str, ...]) -> None:
    for name in plugins:
        try:
            _import(name)
        except ImportError as exc:
            raise ReportParseError(Errors.E064, name="plugin", value=name,
                                   hint=f"it cannot be imported here ({exc}); install it where the workers run"
                                   ) from None


def _import(name: str) -> None:
    try:
        importlib.import_module(name)
    except ImportError as exc:
        if exc.name != "torch" or "torch" not in sys.modules or sys.modules["torch"] is not None:
            raise
        del sys.modules["torch"]  # kept out by serve(), but this plugin needs it
        importlib.import_module(name)


def warm_up(options: ParseOptions) -> None:
    """Import the plugins and load every pipeline a parse with ``options`` can use."""
    import_plugins(options.plugins)
    from ..api import parse_text
    from ..pipeline.ner import check_model

    for lang in (("it", "en") if options.lang == "auto" else (options.lang,)):
        if options.ner.backend != "off":
            check_model(options.ner, lang)
        parse_text(_WARM_UP[lang], lang=lang, ner=options.ner)


def _memory_backstop(limits: BatchLimits) -> None:
    """Let the address space grow by the memory limit past what the loaded pipeline maps, no further."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not on Windows
        return
    mapped = address_space(os.getpid())
    if mapped is None:
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = mapped + limits.memory_bytes
    if hard == resource.RLIM_INFINITY or wanted <= hard:
        if soft == resource.RLIM_INFINITY or wanted < soft:
            resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))


def _exit_with_parent(poll_s: float = 1.0) -> None:
    """Leave as soon as the process that started this one is gone (killed batch, killed Dask worker), even in the
    middle of a file: an orphan would otherwise parse on, unsupervised, until the file ends (or never)."""
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(poll_s)
            if os.getppid() != parent:
                os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def serve(conn: Connection) -> int:
    try:
        _, setup = conn.recv()
    except (EOFError, OSError):
        return 0
    assert isinstance(setup, WorkerSetup)
    if not needs_torch(setup.parse):
        sys.modules.setdefault("torch", None)  # `import torch` raises ImportError: thinc goes on without it
    try:
        warm_up(setup.parse)
    except DermalabError as exc:
        conn.send(("error", exc.code, exc.message))
        return 1
    except Exception as exc:  # noqa: BLE001 - the parent turns it into a coded error
        conn.send(("error", "E999", Errors.E999.format(kind=type(exc).__name__, detail=exc)))
        return 1
    _memory_backstop(setup.limits)
    conn.send(("ready", {"pid": os.getpid(), "rss": rss(os.getpid())}))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return 0  # the batch stopped (or was killed): nothing more to do
        if message[0] != "parse":
            return 0
        result = parse_task(message[1], setup.parse, setup.limits)
        try:
            conn.send(("result", result))
        except OSError:
            return 0
        if result.code == "E056":
            return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    _exit_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C belongs to the batch, which stops its workers itself
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # one line a damaged PDF is the batch's errors file
    conn = Connection(int(argv[0]))
    try:
        return serve(conn)
    finally:
        conn.close()


if __name__ == "__main__":
    sys.exit(main())

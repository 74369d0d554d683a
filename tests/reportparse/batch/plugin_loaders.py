"""A test plugin for batches (``--plugin tests.reportparse.batch.plugin_loaders``): loaders for kinds of file that
misbehave for real, through the loader registry a user's plugin would use.

* ``.slow``  ``SLEEP 2.5``: sleeps that long, then reads the rest of the file as a text report;
* ``.hog``   ``GROW 1500``: grows to that many MB resident, 50 MB at a time, then reads the rest as text;
             ``BURST 8000``: asks for that many MB at once;
* ``.crash`` kills its own process (SIGKILL), as a crash in a native library or the kernel's OOM killer would.
"""

from __future__ import annotations

import os
import signal
import time

from reportparse.layout import register_loader
from reportparse.layout.loaders import load_text

_STEP_MB = 50


def _split(data: bytes) -> tuple[str, float, bytes]:
    head, _, rest = data.partition(b"\n")
    word, number = head.decode("ascii").split()
    return word, float(number), rest


@register_loader("test_slow", suffixes=(".slow",))
def load_slow(data, source, params):
    _, seconds, rest = _split(data)
    time.sleep(seconds)
    return load_text(rest, source, params)


@register_loader("test_hog", suffixes=(".hog",))
def load_hog(data, source, params):
    word, megabytes, rest = _split(data)
    if word == "BURST":
        held = b"x" * int(megabytes * 2**20)
    else:
        held = []
        for _ in range(int(megabytes // _STEP_MB)):
            held.append(b"x" * (_STEP_MB * 2**20))  # written, so resident
            time.sleep(0.02)
    del held
    return load_text(rest, source, params)


@register_loader("test_crash", suffixes=(".crash",))
def load_crash(data, source, params):
    os.kill(os.getpid(), signal.SIGKILL)

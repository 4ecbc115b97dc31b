"""A long list's rows kept out of the cycle collector's passes once read.

The Delegate bookings tab holds 50,000 rows (one tracked object each) for as long as it is
open. Read on a worker thread with the collector on, they set off 4-5 full collections
per read (150-330 ms each, holding the interpreter, so the window stood still), and once
read every later full collection walked them again: 50-66 ms of the UI thread's processor
time, where without them one takes well under a millisecond (benchmarks/FINDINGS.md, issue
19 session 8). So the rows are made with the collector paused (nothing made while reading
them is garbage: the rows are kept, the database's rows are freed as they are used), and on
the turn after they are shown the garbage of the read is collected once and what is left
frozen (`gc.freeze`), as the start's objects are (desktop/app.py keep_start_objects).

Frozen objects are still freed when nothing refers to them: the rows of the previous read
go when the model lets them go. Only a cycle frozen whole would stay, which is why the
garbage is collected first.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QTimer


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cycle collection while the block runs, on any thread; turned on again after it,
    whether it ends or raises, unless it was off before (someone else's pause)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def keep_long_lived() -> None:
    """Collect the garbage made so far, then freeze what is left. Nothing when the collector
    is paused: whoever paused it (a read under way, an import) ends with its own turn."""
    if gc.isenabled():
        gc.collect()
        gc.freeze()


def keep_long_lived_soon() -> None:
    """keep_long_lived on the next turn of the event loop, after the list is painted."""
    QTimer.singleShot(0, keep_long_lived)

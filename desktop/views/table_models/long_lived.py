"""A long list's rows kept out of the cycle collector's passes once read.

The Delegate bookings tab holds 50,000 rows (one tracked object each) for as long as it is
open. Read on a worker thread with the collector on, each read set off some 70 young and 6
middle collections and, most reads, a full one of 150-350 ms: 190-210 ms of collections a
read, all holding the interpreter, so the window stood still. Once read, every later full
collection walked them again: 50-66 ms of the UI thread's processor time, where without
them one takes well under a millisecond (benchmarks/FINDINGS.md, issue 19 session 8). So the
rows are made with the collector paused (what is made while reading them is the rows kept
and the database's rows, freed as they are used), then the garbage of the read is collected
once and what is left frozen (`gc.freeze`), as the start's objects are (desktop/app.py
keep_start_objects): one full collection a read (45-65 ms) and no young or middle passes
over the new rows.

Frozen objects are still freed when nothing refers to them: the rows of the previous read
go when the model lets them go. Only a cycle that is alive when frozen and dropped later
stays (measured: 136 objects more than without freezing, after 3 reads as after 7), which
is why the garbage is collected first.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import TypeVar

Made = TypeVar("Made")


def read_long_lived(read: Callable[[], Made]) -> Made:
    """`read()` with the collector paused (on every thread); then the garbage collected and
    everything left frozen. The collector is on again after it, whether `read` returns or
    raises, unless it was off before (someone else's pause: an import, the start), in which
    case nothing is collected or frozen here either."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        made = read()
        if was_on:
            gc.collect()
            gc.freeze()
        return made
    finally:
        if was_on:
            gc.enable()

"""Tells the benchmark when a window has been painted, and how much memory the process used."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer


def peak_kb() -> int:
    """The process's peak resident memory (VmHWM), in kB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


class _PaintWatch(QObject):
    def __init__(self, app: Any, then: Any, wait: bool = False) -> None:
        super().__init__()
        self.app, self.then, self.done, self.wait = app, then, False, wait

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            # After this paint has finished: the next turn of the event loop.
            QTimer.singleShot(0, self.finish)
        return False

    def finish(self) -> None:
        print(f"painted {time.time():.6f}", flush=True)
        # The processor time to the paint, for benchmarks/bench_frozen.py: steadier than
        # wall time on a shared machine.
        print(f"painted_cpu {time.process_time():.6f}", flush=True)
        if self.then is not None:
            self.then()
        if self.wait:  # `then` prints the peak and quits when it is ready
            return
        print(f"peak_kb {peak_kb()}", flush=True)
        self.app.quit()


def quit_when_painted(app: Any, window: Any, then: Any = None, wait: bool = False) -> None:
    """Print the time of the window's first paint, run `then` (showing the largest list, say),
    print the peak memory, and quit (or, with `wait`, leave those to `then`)."""
    watch = _PaintWatch(app, then, wait)
    window._paint_watch = watch  # kept alive with the window
    window.installEventFilter(watch)

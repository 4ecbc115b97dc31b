"""Where row 7's peak memory is reached: start_app --largest-list, with the resident memory
(VmRSS) printed after each step of it, and the modules each step imported.

Run as `python -m benchmarks.memory_steps DATABASE [--trace]` (QT_QPA_PLATFORM=offscreen, an
empty XDG_CONFIG_HOME, one app process at a time: a second one on the same database waits
for the first). With --trace, tracemalloc's growth of Python's heap between steps is printed
too, by file (the figures in RSS then include tracemalloc's own memory, so read RSS from a
run without it). The steps are those of benchmarks/start_app.py and largest_list.py, in
their order: the app is imported before Qt, as `boardwork` does; the hooks are set only
after create_application, so that nothing is imported earlier than in the measured run
(benchmarks/FINDINGS.md, issue 19, session 8).
"""

from __future__ import annotations

import sys
import tracemalloc
from itertools import pairwise
from pathlib import Path
from typing import Any

TRACE = "--trace" in sys.argv
_steps: list[tuple[str, float, Any]] = []
_modules: set[str] = set()


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def mark(step: str) -> None:
    global _modules
    snapshot = tracemalloc.take_snapshot() if TRACE else None
    _steps.append((step, rss_mb(), snapshot))
    new = sorted(set(sys.modules) - _modules)
    _modules = set(sys.modules)
    print(f"{step:32s} {_steps[-1][1]:7.1f} MB  {len(new)} modules imported", flush=True)


def report_traces() -> None:
    for (before, _r, old), (after, _r2, new) in pairwise(_steps):
        diff = new.compare_to(old, "filename")
        print(f"--- {before} -> {after}: Python heap "
              f"{sum(d.size_diff for d in diff) / 1e6:+.2f} MB")
        for d in diff[:10]:
            print(f"    {d.size_diff / 1e3:+8.0f} kB {d.count_diff:+7d}  "
                  f"{d.traceback[0].filename}")


def hook_steps() -> None:
    """Wrap the steps start_app runs (called once QApplication exists)."""
    import benchmarks.largest_list as largest_list
    import benchmarks.painted as painted
    from desktop.views.start import session

    opening, showing = session.AppSession.open, session.AppSession.show_window

    def open_(self: Any, parent: Any = None) -> bool:
        mark("frame painted, data layer imported")
        opened = opening(self, parent)
        mark("database open")
        return opened

    def show_window(self: Any, frame: Any = None) -> Any:
        from sqlalchemy.orm import configure_mappers

        configure_mappers()
        mark("mappers configured")
        window = showing(self, frame)
        mark("window filled (Overview)")
        return window

    def show_all_actions(window: Any) -> Any:
        row = next(i for i in range(window.navigation.count())
                   if window.navigation.item(i).text() == "Actions")
        window.show_area(row)
        mark("Actions page shown")
        page = window.pages[row]
        largest_list.wait_read(page)
        mark("first read on the worker")
        status = page.filters.status
        status.setCurrentIndex(status.findData("all"))
        page.refresh()
        page.repaint()
        mark("every status listed (the peak)")
        return page

    peak = painted.peak_kb

    def peak_kb() -> int:
        value = peak()
        print(f"{'VmHWM':32s} {value / 1024:7.1f} MB", flush=True)
        if TRACE:
            report_traces()
        return value

    session.AppSession.open = open_  # type: ignore[method-assign]
    session.AppSession.show_window = show_window  # type: ignore[method-assign]
    largest_list.show_all_actions = show_all_actions
    painted.peak_kb = peak_kb


def main() -> int:
    if TRACE:
        tracemalloc.start()
    import desktop.app

    create = desktop.app.create_application

    def create_application() -> object:
        app = create()
        hook_steps()
        return app

    desktop.app.create_application = create_application
    sys.argv = ["start_app", sys.argv[1], "--largest-list"]
    from benchmarks.start_app import main as start

    return start()


if __name__ == "__main__":
    sys.exit(main())

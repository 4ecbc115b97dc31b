"""Boardwork's own start, as desktop/app.py run_gui does it, with the ten-year database.

Run as `python -m benchmarks.start_app DATABASE [--largest-list]`; prints `painted <epoch
seconds>` when the main window is first painted (its frame: run_gui paints it before the data
layer is imported), then `ready <epoch seconds>` once the database is open and the remembered
page is filled. With --largest-list it then shows the Actions area with every action (all
statuses: the longest list the app shows) and paints it before printing `peak_kb`, the peak
resident memory.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any


def main() -> int:
    # The app's module first, then Qt, as `boardwork` starts (desktop/cli.py): PySide6's
    # import hook, imported before create_application turns its source reading off, would
    # read the source of every module desktop.app imports and keep it (0.7 MB) in linecache,
    # which no user's start does (benchmarks/FINDINGS.md, issue 19, session 7).
    from desktop.app import create_application, start_window

    app = create_application()
    from benchmarks.painted import peak_kb, quit_when_painted
    held: list[Any] = []
    steps: dict[str, bool] = {}

    def finish_if_done() -> None:
        if steps.get("painted") and steps.get("ready"):
            if "--largest-list" in sys.argv:
                from benchmarks.largest_list import show_all_actions

                show_all_actions(window)
            print(f"peak_kb {peak_kb()}", flush=True)
            app.quit()  # type: ignore[attr-defined]

    def opened(session: Any) -> None:
        held.append(session)
        print(f"ready {time.time():.6f}", flush=True)
        steps["ready"] = True
        finish_if_done()

    def painted() -> None:
        steps["painted"] = True
        finish_if_done()

    window = start_window(app, Path(sys.argv[1]), key_store, opened)
    window.resize(1280, 800)
    quit_when_painted(app, window, painted, wait=True)
    try:
        return int(app.exec())  # type: ignore[attr-defined]
    finally:
        for session in held:
            session.release()


def key_store() -> Any:
    # The benchmark's key is in the environment, which never needs the keyring; a council
    # laptop keeps it in Windows Credential Manager, so the app imports keyring to read it.
    # Imported here so that start and memory are measured as that user pays them (2.5 MB).
    import keyring  # noqa: F401

    from benchmarks.bench_key import key_store as bench_keys  # the data layer: after the paint

    return bench_keys()


if __name__ == "__main__":
    sys.exit(main())

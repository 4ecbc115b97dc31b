"""Boardwork's own start, as desktop/app.py run_gui does it, with the ten-year database.

Run as `python -m benchmarks.start_app DATABASE [--largest-list]`; prints `painted <epoch
seconds>` when the main window is first painted. With --largest-list it then shows the
Actions area with every action (all statuses: the longest list the app shows) and paints it
before printing `peak_kb`, the peak resident memory.
"""

from __future__ import annotations

import sys
from pathlib import Path

from benchmarks.bench_key import key_store


def main() -> int:
    from benchmarks.painted import quit_when_painted
    from desktop.app import create_application, open_for_gui
    from desktop.views.main_window import MainWindow

    app = create_application()
    opened = open_for_gui(Path(sys.argv[1]), key_store())
    if opened is None:
        return 1
    window = MainWindow(opened.database)
    window.resize(1280, 800)
    window.show()
    window.offer_to_resume()

    def show_largest_list() -> None:
        from benchmarks.bench_lists import show_all_actions

        show_all_actions(window)

    quit_when_painted(app, window, show_largest_list if "--largest-list" in sys.argv else None)
    try:
        return int(app.exec())  # type: ignore[attr-defined]
    finally:
        opened.database.close()


if __name__ == "__main__":
    sys.exit(main())

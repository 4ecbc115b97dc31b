"""8c. The Actions area opened cold: a fresh process with the main window painted on the
Overview, then the click on Actions timed until its page is painted (its module imported,
its actions read and shown). Run as `python -m benchmarks.open_actions DATABASE`; prints
`opened_ms <milliseconds>`.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from benchmarks.bench_key import key_store
    from desktop.app import create_application
    from desktop.services.database import open_database
    from desktop.views.main_window import MainWindow

    app = create_application()
    database = open_database(Path(sys.argv[1]), key_store(), create=False).database
    try:
        window = MainWindow(database)  # on the Overview: no remembered area in this profile
        window.resize(1280, 800)
        window.show()
        for _ in range(5):
            QApplication.processEvents()
        row = next(i for i in range(window.navigation.count())
                   if window.navigation.item(i).text() == "Actions")
        began = time.perf_counter()
        window.navigation.setCurrentRow(row)  # what a click on "Actions" does
        window.repaint()
        print(f"opened_ms {(time.perf_counter() - began) * 1000:.3f}", flush=True)
        window.close()
        del app
    finally:
        database.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""8c. The Actions area opened cold: a fresh process with the main window painted on the
Overview (the window's idle turns run, in which the app imports the Actions area's modules,
desktop/views/areas.py `import_when_idle`), then the click on Actions timed until its page
is made and painted (its heading, filter bar and table shown, saying "Reading actions…"),
and on until the table lists the open actions (read on a worker thread) and is painted
again. Run as
`python -m benchmarks.open_actions DATABASE`; prints `opened_ms`, `opened_cpu_ms` (the UI
thread's processor time to the first paint) and `rows_ms` (the click to the rows shown).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path


def main() -> int:
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    from benchmarks.bench_key import key_store
    from desktop.app import create_application, keep_start_objects
    from desktop.services.database import open_database
    from desktop.views.appearance import fit_every_window
    from desktop.views.main_window import MainWindow

    app = create_application()
    fit_every_window(app)  # as desktop/app.py start_window does once the frame is painted
    database = open_database(Path(sys.argv[1]), key_store(), create=False).database
    try:
        window = MainWindow(database)  # on the Overview: no remembered area in this profile
        window.resize(1280, 800)
        window.show()
        keep_start_objects()  # as desktop/app.py start_window does once the window is filled
        for _ in range(5):
            QApplication.processEvents()
        row = next(i for i in range(window.navigation.count())
                   if window.navigation.item(i).text() == "Actions")
        began, began_cpu = time.perf_counter(), time.thread_time()
        window.navigation.setCurrentRow(row)  # what a click on "Actions" does
        window.repaint()
        opened = time.perf_counter()
        opened_cpu = time.thread_time()
        page = window.pages[row]
        while getattr(page, "loading", False):  # the rows arrive from a worker thread
            QThreadPool.globalInstance().waitForDone(5)
            QApplication.processEvents()
        window.repaint()
        listed = time.perf_counter()
        print(f"opened_ms {(opened - began) * 1000:.3f}", flush=True)
        print(f"opened_cpu_ms {(opened_cpu - began_cpu) * 1000:.3f}", flush=True)
        print(f"rows_ms {(listed - began) * 1000:.3f}", flush=True)
        print(f"rows_listed {page.model.rowCount()}", flush=True)
        window.close()
        del app
    finally:
        database.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

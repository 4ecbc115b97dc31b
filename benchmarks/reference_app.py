"""The floor any PySide6 application stands on: an empty QMainWindow with a table, painted.

Run as `python -m benchmarks.reference_app`; prints `painted <epoch seconds>` when the window
is first painted and `peak_kb <VmHWM>` as it quits (see benchmarks/start_app.py).
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget

from benchmarks.painted import quit_when_painted


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setCentralWidget(QTableWidget(20, 6))
    window.resize(1280, 800)
    window.show()
    quit_when_painted(app, window)
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())

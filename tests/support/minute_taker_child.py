"""A minute-taker in a child process: types into the minute-taking view, then waits to be
killed. Used by tests/gui/test_minute_taking_crash.py.

    python -m tests.support.minute_taker_child DATABASE MEETING_ID TEXT_FILE
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from desktop.services.database import KeyStore, open_database
    from desktop.views.minute_taking.view import MinuteTakingView
    from desktop.views.notices import Notices

    database_path, meeting_id, text_file = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    app = QApplication(sys.argv)
    database = open_database(database_path, KeyStore(), create=False).database
    view = MinuteTakingView(database, Notices(), meeting_id)
    view.show()
    texts = Path(text_file).read_text(encoding="utf-8").split("\n\n")
    for index, text in enumerate(texts):
        if index:
            view.step(+1)
        for char in text:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(view.editor, QKeyEvent(
                    kind, 0, Qt.KeyboardModifier.NoModifier, char))
            app.processEvents()
    print("TYPED", flush=True)
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())

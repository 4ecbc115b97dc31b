"""A minute-taker in a child process, typing steadily until it is killed.
Used by tests/gui/test_minute_taking_crash.py.

    python -m tests.support.minute_taker_child DATABASE MEETING_ID ITEM_NUMBER TEXT_FILE SEED \
        [then-move | then-raise]

Clears the item (with then-raise: starts a line at its end) and types the text at a human
12 to 20 characters a second, never pausing (the rhythm that defeated a save waiting for a
pause). After each keystroke it prints "TYPED <characters so far> <time.monotonic()>", so
the test knows what had been typed a second before it killed the process. With then-move
it presses Ctrl+PgDown right after the last character; with then-raise it presses Enter
and Ctrl+Enter (the text being an "Action: …" line). The moment the next item or the
added action shows, it prints "MOVED" or "RAISED" and stops itself (SIGSTOP) for the test
to kill: "killed 0 ms after".
"""

from __future__ import annotations

import os
import random
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    from PySide6.QtCore import QEvent, Qt, QTimer
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from desktop.services.database import KeyStore, open_database
    from desktop.views.minute_taking.view import MinuteTakingView
    from desktop.views.notices import Notices

    database_path, meeting_id, number = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    text = Path(sys.argv[4]).read_text(encoding="utf-8")
    rhythm = random.Random(int(sys.argv[5]))
    then = sys.argv[6] if len(sys.argv) > 6 else ""
    sys.setswitchinterval(0.001)  # as desktop/app.py starts the real app
    app = QApplication(sys.argv)
    from PySide6.QtTest import QTest  # imported before the application, it crashed the child
    database = open_database(database_path, KeyStore(), create=False).database
    view = MinuteTakingView(database, Notices(), meeting_id)
    view.show()
    view.activateWindow()
    deadline = time.monotonic() + 20
    while not view.isActiveWindow() and time.monotonic() < deadline:
        app.processEvents()  # the view's shortcuts need it to be the active window
    view.go_to(next(item.id for item in view.record.items if item.number == number))
    if then == "then-raise":
        QTest.keyClick(view.editor, Qt.Key.Key_Return)  # the action line on a line of its own
    else:
        view.editor.selectAll()  # the first character replaces the item's text
    typed = 0

    def key(char: str) -> None:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(view.editor, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                          char))

    def freeze_when(widget: Any, method: str, shows: Callable[[Any], bool], mark: str) -> None:
        """The process stops (every thread) the moment the screen shows the move or the
        action: the test's kill lands there, with nothing more written in between."""
        original = getattr(widget, method)

        def shown(value: Any) -> None:
            original(value)
            if shows(value):
                print(mark, flush=True)
                os.kill(os.getpid(), signal.SIGSTOP)

        setattr(widget, method, shown)

    def after_the_text() -> None:
        if then == "then-move":
            freeze_when(view.editor, "setDocument", lambda _document: True, "MOVED")
            QTest.keyClick(view.editor, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
        elif then == "then-raise":
            freeze_when(view.proposal_bar, "setText", lambda text: " added." in text, "RAISED")
            QTest.keyClick(view.editor, Qt.Key.Key_Return)
            QTest.keyClick(view.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    def type_one() -> None:
        nonlocal typed
        if typed == len(text) and then:
            after_the_text()
        key(text[typed] if typed < len(text) else "x")
        typed += 1
        print(f"TYPED {typed} {time.monotonic():.6f}", flush=True)
        QTimer.singleShot(rhythm.randint(50, 83), type_one)

    type_one()
    QTimer.singleShot(60_000, app.quit)  # never killed (the test failed): end anyway
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())

"""Start: the main window's frame is painted before the data layer is imported, and the
database is opened and the page filled on the next turn of the event loop."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtWidgets import QApplication

from desktop.services.database import KeyStore


def test_the_frame_needs_no_data_layer():
    code = ("import sys, desktop.cli, desktop.app, desktop.views.main_window\n"
            "heavy = [m for m in ('sqlalchemy', 'sqlcipher3', 'alembic', 'desktop.models',"
            " 'desktop.services.database', 'reportlab', 'docx', 'openpyxl') if m in sys.modules]\n"
            "print(heavy)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"


def test_the_frame_is_painted_then_the_database_opened(qtbot, database, monkeypatch):
    from desktop.app import start_window
    from tests.conftest import import_sample

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # start installs the app's own
    import_sample(database, "herefordshire-board-2018-10-23.json")  # not a first run
    held: list[object] = []
    window = start_window(QApplication.instance(), database.path, KeyStore, held.append)
    qtbot.addWidget(window)
    # The frame: navigation and the database's name, no menus or pages yet.
    assert not window.attached and not window.pages
    assert str(database.path) in window.statusBar().currentMessage()
    assert window.navigation.count() == 6
    with qtbot.waitSignal(window.ready, timeout=20000):
        pass
    try:
        assert window.attached and len(held) == 1
        assert [a.text() for a in window.menuBar().actions()] == ["&File", "&Go", "&Help"]
        assert window.pages  # the remembered (here the first) area is filled
        assert window.statusBar().currentMessage() == f"Database: {database.path}"
    finally:
        window.close()
        for session in held:
            session.release()  # type: ignore[attr-defined]


def test_only_a_window_command_line_skips_the_parser():
    from pathlib import Path

    from desktop.cli import _window_only

    assert _window_only([]) == (None,)
    assert _window_only(["--database", "a.db"]) == (Path("a.db"),)
    assert _window_only(["--database=b.db"]) == (Path("b.db"),)
    for words in (["--help"], ["--version"], ["--database"], ["--database", "--help"],
                  ["check"], ["--database", "a.db", "check"], ["--database="]):
        assert _window_only(words) is None, words

"""The error dialog: a plain message, and technical details to copy, neither with records."""

from __future__ import annotations

import errno
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import text

from desktop.services import failures
from desktop.views import error_dialog
from desktop.views.error_dialog import ErrorDialog, install_excepthook, show_failure
from desktop.views.export_document import write_in_background
from desktop.views.service_call import call_service

SECRET_KEY, SECRET_NAME = "conc-B-0", "Jane Secretname"
MINUTES = "The panel discussed the child's disclosure"


@pytest.fixture
def shown(qtbot, monkeypatch) -> list[ErrorDialog]:
    """The dialogs that would be shown, opened without blocking."""
    dialogs: list[ErrorDialog] = []

    def ask(parent, title, message, details):
        dialog = ErrorDialog(parent, title, message, details)
        if parent is None:  # else it goes with its parent
            qtbot.addWidget(dialog)
        dialog.show()
        dialogs.append(dialog)

    monkeypatch.setattr(ErrorDialog, "ask", staticmethod(ask))
    return dialogs


def sql_error(database) -> Exception:
    """A real SQLAlchemy error from a statement carrying record contents."""
    try:
        with database.transaction() as session:
            for _ in range(2):
                session.execute(text("INSERT INTO agency (key, name) VALUES (:k, :n)"),
                                {"k": SECRET_KEY, "n": f"{SECRET_NAME}: {MINUTES}"})
    except Exception as exc:
        return exc
    raise AssertionError("the insert went through")


def assert_no_records(text_shown: str) -> None:
    for word in (SECRET_KEY, SECRET_NAME, "disclosure", "INSERT", "agency (key"):
        assert word not in text_shown, (word, text_shown)


def test_the_dialog_and_its_copied_details_hold_no_records(qtbot, database, shown,
                                                            error_log):
    show_failure(None, "Boardwork", sql_error(database))
    dialog = shown[0]
    message = dialog.findChild(type(dialog.message), "errorMessage")
    assert message is not None
    assert "did not expect" in message.text() and str(error_log) in message.text()
    assert_no_records(message.text() + dialog.windowTitle())
    button = dialog.findChild(type(dialog.copy_button), "copyTechnicalDetails")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    copied = QApplication.clipboard().text()
    assert copied == dialog.details
    assert "sqlalchemy.exc.IntegrityError" in copied and "IntegrityError" in copied
    assert "gui/test_error_dialog.py, line" in copied and "in sql_error" in copied
    assert_no_records(copied)
    assert dialog.isVisible() and button.text() == "Copied"  # copying does not close it
    assert_no_records(error_log.read_text(encoding="utf-8"))


def test_a_failing_service_call_shows_the_dialog_and_reports_nothing_done(qtbot, shown):
    parent = QWidget()
    qtbot.addWidget(parent)

    def disk_full(reason: str | None) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    assert call_service(parent, disk_full) is False
    assert shown[0].message.text() == failures.DISK_FULL

    def bug(reason: str | None) -> None:
        raise RuntimeError(f"{SECRET_NAME} {MINUTES}")

    assert call_service(parent, bug) is False
    assert "did not expect" in shown[1].message.text()
    assert_no_records(shown[1].message.text() + shown[1].details)


def test_an_error_nobody_caught_is_shown_not_printed(qtbot, shown, monkeypatch, capfd):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    install_excepthook()

    def slot() -> None:
        raise KeyError(f"{SECRET_NAME} {MINUTES}")

    QTimer.singleShot(0, slot)
    qtbot.waitUntil(lambda: bool(shown))
    assert "did not expect" in shown[0].message.text()
    assert "KeyError" in shown[0].details and "in slot" in shown[0].details
    assert_no_records(shown[0].message.text() + shown[0].details)
    out, err = capfd.readouterr()
    assert "Traceback" not in err and SECRET_NAME not in out + err


def test_a_document_export_on_a_full_disk_leaves_nothing_and_says_so(qtbot, shown, tmp_path):
    parent = QWidget()
    qtbot.addWidget(parent)
    target = tmp_path / "minutes.docx"

    def writer(fmt: str, path: Path) -> None:
        path.write_text(MINUTES, encoding="utf-8")  # part of it reached the disk
        raise OSError(errno.ENOSPC, "No space left on device")

    write_in_background(parent, "Export minutes", writer, "docx", target)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert shown[0].message.text() == "Nothing was written. " + failures.DISK_FULL
    assert list(tmp_path.iterdir()) == []  # no partial document, no log (an expected fault)


def test_the_hook_leaves_ctrl_c_to_python(monkeypatch):
    seen: list[type[BaseException]] = []
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(sys, "__excepthook__", lambda kind, exc, tb: seen.append(kind))
    monkeypatch.setattr(error_dialog, "show_failure", lambda *a: seen.append(RuntimeError))
    install_excepthook()
    sys.excepthook(KeyboardInterrupt, KeyboardInterrupt(), None)
    assert seen == [KeyboardInterrupt]


def test_minutes_that_cannot_be_saved_are_said_so_without_sql_or_minutes(database, monkeypatch):
    from desktop.views.minute_taking import autosave

    def fails(db, item_id, html, **_options):
        with db.transaction() as session:
            session.execute(text("UPDATE agenda_item SET minutes = :m WHERE nosuchcolumn = 1"),
                            {"m": html})

    monkeypatch.setattr(autosave, "save_minutes", fails)
    said: list[str] = []
    saver = autosave.MinutesSaver(database, lambda item, message: said.append(message))
    saver.queue(1, f"<p>{MINUTES}</p>")
    saver.close()
    assert len(said) == 1 and "unexpected error (OperationalError)" in said[0]
    assert_no_records(said[0])
    assert "UPDATE" not in said[0] and "nosuchcolumn" not in said[0]
    assert saver.failed == {1: f"<p>{MINUTES}</p>"}  # kept for the next change


def test_a_database_that_cannot_be_opened_for_the_window_is_said_so(shown, monkeypatch,
                                                                    tmp_path):
    from desktop import app
    from desktop.models.keystore import KeyStore
    from desktop.services import database

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    # desktop/app.py imports the data layer only once the window's frame is painted.
    monkeypatch.setattr(database, "open_database", full)
    assert app.open_for_gui(tmp_path / "x.db", KeyStore()) is None
    assert shown[0].message.text() == failures.DISK_FULL

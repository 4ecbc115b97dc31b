"""A database on a read-only disk or folder: opened read-only, said so, nothing editable."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

import desktop.models.opening as opening
from desktop.models import Meeting
from desktop.models.keystore import KeyStore
from desktop.services import meetings as svc
from desktop.services.database import Database, ReadOnlyDatabase, open_database
from desktop.views import service_call
from desktop.views.main_window import MainWindow
from desktop.views.minute_taking.view import MinuteTakingView
from desktop.views.notices import Notices
from tests.conftest import import_sample


@pytest.fixture
def read_only(database: Database, database_path: Path, monkeypatch) -> Database:
    """The sample meeting's database, opened as on a read-only disk. (The tests run as root,
    whom file permissions do not stop: the check of the disk is what is replaced.)"""
    import_sample(database, "herefordshire-board-2018-10-23.json")
    database.close()
    monkeypatch.setattr(opening, "writable", lambda _path: False)
    opened = open_database(database_path, KeyStore())
    yield opened.database
    opened.database.close()


def test_the_window_says_the_database_is_read_only(qtbot, read_only):
    window = MainWindow(read_only)
    qtbot.addWidget(window)
    window.show()
    banner = window.findChild(object, "readOnlyBanner")
    assert banner is not None and banner.isVisible()
    assert "Read-only" in banner.text() and "nothing can be changed" in banner.text()


def test_minutes_cannot_be_typed_so_nothing_is_left_unsaved(qtbot, read_only, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(service_call.Problem, "show", lambda _p, text: shown.append(text))
    with read_only.session() as session:
        meeting_id = session.scalars(select(Meeting.id)).one()
    view = MinuteTakingView(read_only, Notices(), meeting_id)
    qtbot.addWidget(view)
    view.show()
    before = view.editor.toPlainText()
    assert view.editor.isReadOnly()
    qtbot.keyClicks(view.editor, "typed words")
    view.save_current()
    assert view.editor.toPlainText() == before
    assert view.save_state.text() != "NOT SAVED"
    assert "read-only" in view.item_title.text()
    assert not shown


def test_an_edit_through_a_service_is_refused_in_words(qtbot, read_only, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(service_call.Problem, "show", lambda _p, text: shown.append(text))
    with read_only.session() as session:
        meeting_id = session.scalars(select(Meeting.id)).one()
    item = svc.meeting_record(read_only, meeting_id).items[0]
    assert not service_call.call_service(
        None, lambda _reason: svc.save_minutes(read_only, item.id, "<p>changed</p>"))
    assert "cannot be written to" in shown[0] and "Traceback" not in shown[0]
    with pytest.raises(ReadOnlyDatabase):
        svc.save_minutes(read_only, item.id, "<p>changed</p>")


def test_the_file_itself_is_opened_read_only(read_only):
    """Below the refusal in words, SQLite itself is told: no write reaches the file."""
    from sqlalchemy.exc import OperationalError

    assert read_only.path is not None
    before = read_only.path.read_bytes()
    with pytest.raises(OperationalError, match="readonly"), read_only.engine.begin() as c:
        c.exec_driver_sql("DELETE FROM attendance")
    assert read_only.path.read_bytes() == before


def test_key_presses_reach_no_save_even_with_the_return_key(qtbot, read_only):
    with read_only.session() as session:
        meeting_id = session.scalars(select(Meeting.id)).one()
    view = MinuteTakingView(read_only, Notices(), meeting_id)
    qtbot.addWidget(view)
    qtbot.keyClick(view.editor, Qt.Key.Key_Return)
    assert not view.editor.document().isModified()

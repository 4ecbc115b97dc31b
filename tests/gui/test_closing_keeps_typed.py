"""Closing the main window keeps what was typed in the meeting editor and not yet saved (a
meeting's details, an item's minutes): it was dropped without a word. Found breaking the app
the way its testers will: type a venue, Ctrl+Q, open again."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.models import Board, BoardKind
from desktop.services import meetings as svc
from desktop.views.main_window import MainWindow
from desktop.views.meetings_page import MeetingsPage


@pytest.fixture
def meeting(database) -> int:
    with database.transaction() as session:
        board = Board(key="exec", name="Executive Group", kind=BoardKind.EXECUTIVE)
        session.add(board)
        session.flush()
        board_id = board.id
    return svc.create_meeting(database, board_id, svc.MeetingFields(dt.date(2026, 5, 1)))


def _meetings_shown(qtbot, database) -> tuple[MainWindow, MeetingsPage]:
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.show()
    window.navigation.setCurrentRow(1)
    page = window.stack.currentWidget()
    assert isinstance(page, MeetingsPage)
    return window, page


def test_details_typed_are_saved_when_the_window_closes(qtbot, database, meeting):
    window, page = _meetings_shown(qtbot, database)
    page.editor.details.venue.setText("Plough Lane, Hereford")
    window.navigation.setCurrentRow(0)  # on another page when closing
    assert window.close()
    assert svc.meeting_record(database, meeting).details.venue == "Plough Lane, Hereford"


def test_minutes_typed_are_saved_when_the_window_closes(qtbot, database, meeting):
    window, page = _meetings_shown(qtbot, database)
    agenda = page.editor.agenda
    page.editor.tabs.setCurrentWidget(agenda)
    item = page.editor.record.items[0]
    agenda.select(item.id)
    agenda.minutes.setHtml("<p>The chair welcomed everyone.</p>")
    agenda.minutes.document().setModified(True)
    assert window.close()
    saved = svc.meeting_record(database, meeting).items[0].minutes_html or ""
    assert "The chair welcomed everyone." in saved


@pytest.mark.parametrize("close_anyway", [False, True])
def test_what_cannot_be_saved_is_asked_about(qtbot, database, meeting, monkeypatch,
                                             close_anyway):
    asked: list[str] = []

    def answer(_parent, title, _text, *_args):  # type: ignore[no-untyped-def]
        asked.append(title)
        return QMessageBox.StandardButton.Yes if close_anyway else QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    window, page = _meetings_shown(qtbot, database)
    page.editor.details.start.setText("half past nine")  # not a time: cannot be saved
    window.navigation.setCurrentRow(0)
    assert window.close() is close_anyway
    assert asked == ["Close Boardwork?"]
    if not close_anyway:  # the page with the problem is shown, the words kept
        assert window.stack.currentWidget() is page
        assert page.editor.details.start.text() == "half past nine"
    assert svc.meeting_record(database, meeting).details.start is None

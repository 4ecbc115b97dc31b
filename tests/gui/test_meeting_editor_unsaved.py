"""The meeting editor never drops what was typed: minutes of an agenda item when another
item is chosen, details when another meeting is chosen (saved, or kept and asked about)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from desktop.models import Board, BoardKind, Meeting, MeetingStatus
from desktop.services import meetings as svc
from desktop.services.richtext import html_to_text
from desktop.views import service_call
from desktop.views.areas import AppContext
from desktop.views.meetings_page import MeetingsPage
from desktop.views.notices import Notices
from desktop.views.table_models.meetings import AgendaTableModel
from desktop.views.table_models.rows import ID_ROLE


@pytest.fixture
def meetings(database) -> tuple[int, int]:
    """Two meetings of one board, May's (shown first: the newest) and April's."""
    with database.transaction() as session:
        board = Board(key="exec", name="Executive Group", kind=BoardKind.EXECUTIVE)
        session.add(board)
        session.flush()
        board_id = board.id
    may = svc.create_meeting(database, board_id, svc.MeetingFields(dt.date(2026, 5, 1)))
    april = svc.create_meeting(database, board_id, svc.MeetingFields(dt.date(2026, 4, 1)))
    return may, april


@pytest.fixture
def page(qtbot, database, meetings) -> MeetingsPage:
    widget = MeetingsPage(AppContext(database, Notices()))
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    assert widget.editor.state.meeting_id == meetings[0]
    return widget


def _select_meeting(page: MeetingsPage, meeting_id: int) -> None:
    """As a click on its row does: the current row moves, and the page follows it."""
    row = next(r for r in range(page.proxy.rowCount())
               if page.proxy.index(r, 0).data(ID_ROLE) == meeting_id)
    page.table.selectRow(row)


def _minutes(database, meeting_id: int, row: int) -> str:
    return html_to_text(svc.meeting_record(database, meeting_id).items[row].minutes_html or "")


def test_minutes_typed_for_an_item_are_saved_when_another_is_selected(
    qtbot, database, meetings, page, problems
):
    agenda = page.editor.agenda
    agenda.table.selectRow(0)
    qtbot.keyClicks(agenda.minutes, "Apologies were noted.")
    agenda.table.selectRow(1)
    assert _minutes(database, meetings[0], 0) == "Apologies were noted."
    assert "Apologies" not in agenda.minutes.toPlainText()  # the second item's own minutes
    agenda.table.selectRow(0)
    qtbot.waitUntil(lambda: agenda.minutes.toPlainText() == "Apologies were noted.")
    assert not problems


def test_minutes_typed_stay_in_the_box_when_the_agenda_reloads(qtbot, database, meetings, page):
    agenda = page.editor.agenda
    agenda.table.selectRow(0)
    qtbot.keyClicks(agenda.minutes, "Half a sentence")
    title = agenda.model.index(1, AgendaTableModel.COL_TITLE)
    assert agenda.model.setData(title, "Renamed")  # an edit elsewhere reloads the screen
    assert agenda.minutes.toPlainText() == "Half a sentence"
    assert agenda.minutes.document().isModified()


def test_minutes_of_approved_minutes_need_a_reason_or_stay(qtbot, database, meetings, page,
                                                            monkeypatch):
    with database.transaction() as session:
        session.get(Meeting, meetings[0]).status = MeetingStatus.APPROVED
    page.editor.reload()
    agenda = page.editor.agenda
    agenda.table.selectRow(0)
    qtbot.keyClicks(agenda.minutes, "Corrected")
    monkeypatch.setattr(service_call.AmendmentReason, "ask", lambda _parent: None)
    agenda.table.selectRow(1)
    # No reason given: nothing saved, and the text is not dropped: its item comes back.
    qtbot.waitUntil(lambda: agenda.table.currentIndex().row() == 0)
    assert agenda.minutes.toPlainText() == "Corrected"
    assert _minutes(database, meetings[0], 0) == ""
    monkeypatch.setattr(service_call.AmendmentReason, "ask", lambda _parent: "Typo")
    agenda.table.selectRow(1)
    assert _minutes(database, meetings[0], 0) == "Corrected"


def test_a_changed_venue_is_saved_when_another_meeting_is_selected(
    qtbot, database, meetings, page, problems
):
    may, april = meetings
    page.editor.details.venue.setText("Plough Lane, Hereford")
    _select_meeting(page, april)
    assert page.editor.state.meeting_id == april
    assert svc.meeting_record(database, may).details.venue == "Plough Lane, Hereford"
    assert page.editor.details.venue.text() == ""  # April's
    _select_meeting(page, may)
    assert page.editor.details.venue.text() == "Plough Lane, Hereford"
    assert not problems


def test_details_that_cannot_be_saved_keep_their_meeting_shown(qtbot, database, meetings,
                                                               page):
    may, april = meetings
    details = page.editor.details
    details.venue.setText("Plough Lane")
    details.start.setText("25:00")
    _select_meeting(page, april)
    qtbot.waitUntil(lambda: page.selected_id() == may)
    assert page.editor.state.meeting_id == may
    assert "'25:00' is not a time" in details.problem.text()
    assert details.venue.text() == "Plough Lane" and details.start.text() == "25:00"
    details.start.setText("10:00")
    qtbot.keyClick(details.save_button, Qt.Key.Key_Space)
    saved = svc.meeting_record(database, may).details
    assert (saved.venue, saved.start) == ("Plough Lane", dt.time(10, 0))


def test_details_typed_stay_when_a_new_person_reloads_the_editor(qtbot, database, meetings,
                                                                 page):
    details = page.editor.details
    details.venue.setText("Typed, not saved")
    page.editor.open_meeting(page.editor.state.meeting_id)  # what a change to people does
    assert details.venue.text() == "Typed, not saved"

"""The Meetings area driven by keyboard: build a meeting, fill attendance, approve, amend."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QPushButton
from sqlalchemy import select

from desktop.models import Board, BoardKind, Membership, Person
from desktop.services import meetings as svc
from desktop.views import meeting_shared, meetings_page, service_call
from desktop.views.areas import AppContext
from desktop.views.meetings.approval import Approval, ApprovalForm
from desktop.views.meetings_page import MeetingsPage
from desktop.views.notices import Notices
from desktop.views.table_models.meetings import (
    AgendaTableModel,
    AttendanceTableModel,
    MeetingsTableModel,
)
from tests.conftest import import_sample


@pytest.fixture
def board_id(database) -> int:
    with database.transaction() as session:
        board = Board(key="exec", name="Executive Group", kind=BoardKind.EXECUTIVE)
        people = [Person(key=f"p{i}", name=name) for i, name in
                  enumerate(["Emma Shearer", "Emma Swinglehurst", "Liz Bennett"])]
        session.add_all([board, *people])
        session.flush()
        session.add_all(Membership(board=board, person=p, role="Member") for p in people)
        return board.id


def _page(qtbot, database, board_id=None) -> MeetingsPage:
    page = MeetingsPage(AppContext(database, Notices()))
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.set_board(board_id)
    return page


def _press(qtbot, widget, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(widget, key, modifier)


def test_herefordshire_meeting_shows_the_paper(qtbot, database):
    import_sample(database, "herefordshire-board-2018-10-23.json")
    page = _page(qtbot, database)
    editor = page.editor
    assert "Herefordshire Safeguarding Children Board" in editor.heading.text()
    rows = editor.attendance.model.rows
    assert [r.status for r in rows].count("present") == 17
    chris = next(r for r in rows if r.initials == "CB")
    model = editor.attendance.model
    row = rows.index(chris)
    assert model.index(row, AttendanceTableModel.COL_ARRIVED).data() == "10:00"
    assert model.index(row, AttendanceTableModel.COL_LEFT).data() == "12:10"
    assert any(r.initials == "ESw" and "Swinglehurst" in r.name for r in rows)
    agenda = editor.agenda.model
    numbers = [agenda.index(i, 0).data() for i in range(agenda.rowCount())]
    assert numbers[:6] == ["1", "2", "3", "4", "5", "5.1"]
    assert "locked" in editor.status.text()


def test_models_pass_the_model_tester(qtmodeltester, database):
    import_sample(database, "herefordshire-board-2018-10-23.json")
    meeting = svc.list_meetings(database)[0]
    record = svc.meeting_record(database, meeting.id)
    meetings = MeetingsTableModel()
    meetings.set_rows(svc.list_meetings(database))
    attendance = AttendanceTableModel(lambda *_: True)
    attendance.set_rows(record.attendance)
    agenda = AgendaTableModel(lambda *_: True)
    agenda.set_rows(record.items)
    for model in (meetings, attendance, agenda):
        qtmodeltester.check(model)


def test_build_a_meeting_by_keyboard_then_approve_and_amend(
    qtbot, database, board_id, monkeypatch, problems
):
    monkeypatch.setattr(meetings_page.MeetingDateDialog, "ask",
                        lambda *_: dt.date(2026, 12, 3))
    page = _page(qtbot, database, board_id)
    _press(qtbot, page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = page.editor
    assert editor.record is not None and editor.record.details.date == dt.date(2026, 12, 3)

    # Agenda: after "Action log" add "Reports" and two sub-items, by keyboard.
    agenda = editor.agenda
    editor.tabs.setCurrentWidget(agenda)
    agenda.select(editor.record.items[2].id)
    for title, indent in (("Reports", False), ("Audit", True), ("Training", False)):
        _press(qtbot, agenda.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        line = QApplication.focusWidget()
        assert isinstance(line, QLineEdit)
        line.selectAll()
        qtbot.keyClicks(line, title)
        _press(qtbot, line, Qt.Key.Key_Return)  # the delegate commits on the next loop turn
        qtbot.waitUntil(lambda t=title: any(i.title == t for i in editor.record.items))
        if indent:
            _press(qtbot, agenda.table, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    labels = [(i.number, i.title) for i in editor.record.items]
    assert labels == [("1", "Welcome and apologies"),
                      ("2", "Minutes of the last meeting and matters arising"),
                      ("3", "Action log"), ("4", "Reports"), ("4.1", "Audit"),
                      ("4.2", "Training"), ("5", "Any other business")]

    # Attendance: filled from the members in one step, expected (the meeting has not begun);
    # P marks present, A apologies.
    editor.tabs.setCurrentWidget(editor.attendance)
    fill = editor.findChild(QPushButton, "fillFromMembers")
    _press(qtbot, fill, Qt.Key.Key_Space)
    assert [r.initials for r in editor.record.attendance] == ["ES", "ESw", "LB"]
    assert {r.status for r in editor.record.attendance} == {"expected"}
    editor.attendance.table.selectRow(1)
    _press(qtbot, editor.attendance.table, Qt.Key.Key_P)
    assert editor.record.attendance[1].status == "present"
    editor.attendance.table.selectRow(2)
    _press(qtbot, editor.attendance.table, Qt.Key.Key_A)
    assert editor.record.attendance[2].status == "apologies"

    # Undo and redo go back through the services.
    _press(qtbot, editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.record.attendance[2].status == "expected"
    editor.redo()
    assert editor.record.attendance[2].status == "apologies"

    # Approve (offered once there are minutes), then an edit is only accepted as an
    # amendment with its reason.
    assert not editor.approve_button.isVisible()
    editor.tabs.setCurrentWidget(agenda)
    agenda.select(editor.record.items[0].id)
    qtbot.keyClicks(agenda.minutes, "Everyone was welcomed.")
    agenda.save_minutes()
    assert editor.approve_button.isVisible()
    monkeypatch.setattr(meeting_shared.ApprovalDialog, "ask", lambda *_: Approval([]))
    _press(qtbot, editor.approve_button, Qt.Key.Key_Space)
    assert editor.record.details.status == "approved"
    monkeypatch.setattr(service_call.AmendmentReason, "ask", lambda *_: "Title corrected")
    editor.tabs.setCurrentWidget(agenda)
    agenda.select(next(i.id for i in editor.record.items if i.title == "Audit"))
    agenda.table.setCurrentIndex(agenda.model.index(4, AgendaTableModel.COL_TITLE))
    _press(qtbot, agenda.table, Qt.Key.Key_F2)
    line = QApplication.focusWidget()
    assert isinstance(line, QLineEdit)
    line.selectAll()
    qtbot.keyClicks(line, "Audit findings")
    _press(qtbot, line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.record.items[4].title == "Audit findings")
    assert [a.text for a in editor.record.amendments] == ["Item 4.1: Title corrected"]
    assert not problems


def test_bad_details_are_refused_next_to_the_fields(qtbot, database, board_id, problems):
    meeting_id = svc.create_meeting(database, board_id, svc.MeetingFields(dt.date(2026, 5, 1)))
    page = _page(qtbot, database, board_id)
    details = page.editor.details
    assert page.editor.state.meeting_id == meeting_id
    details.start.setText("10:00")
    details.end.setText("09:00")
    _press(qtbot, details.save_button, Qt.Key.Key_Space)
    assert "cannot end" in details.problem.text()
    details.end.setText("31:00")
    _press(qtbot, details.save_button, Qt.Key.Key_Space)
    assert "'31:00' is not a time" in details.problem.text()
    details.end.setText("12:00")
    details.next_meeting.setText("31/02/2027")
    _press(qtbot, details.save_button, Qt.Key.Key_Space)
    assert "'31/02/2027' is not a date" in details.problem.text()
    assert svc.meeting_record(database, meeting_id).details.start is None


def test_two_attendees_cannot_share_initials(qtbot, database, board_id, problems):
    meeting_id = svc.create_meeting(database, board_id, svc.MeetingFields(dt.date(2026, 5, 1)))
    svc.fill_from_members(database, meeting_id)
    page = _page(qtbot, database, board_id)
    tab = page.editor.attendance
    index = tab.model.index(2, AttendanceTableModel.COL_INITIALS)
    assert not tab.model.setData(index, "ES")
    assert problems == ["ES are already the initials of Emma Shearer in this meeting."]
    assert svc.meeting_record(database, meeting_id).attendance[2].initials == "LB"


def test_new_meeting_needs_a_board(qtbot, database, board_id, problems):
    page = _page(qtbot, database, None)
    page.new_meeting()
    assert problems and "Choose the board" in problems[0]


def test_apologies_offer_the_deputy_and_the_next_meeting_approves_the_last(
    qtbot, database, board_id, monkeypatch, problems
):
    from desktop.views import meeting_attendance_tab

    with database.transaction() as session:
        deputy = Person(key="deputy", name="Dan Deputy")
        session.add(deputy)
        session.flush()
        membership = session.scalars(select(Membership).order_by(Membership.id)).first()
        assert membership is not None
        membership.deputy_id = deputy.id
    first = svc.create_meeting(database, board_id, svc.MeetingFields(dt.date(2026, 5, 1)))
    svc.fill_from_members(database, first)
    second = svc.create_meeting(database, board_id, svc.MeetingFields(dt.date(2026, 7, 1)))
    page = _page(qtbot, database, board_id)
    page.select(first)
    editor = page.editor
    monkeypatch.setattr(meeting_attendance_tab.DeputyQuestion, "ask", lambda *_: True)
    editor.attendance.table.selectRow(0)
    _press(qtbot, editor.attendance.table, Qt.Key.Key_A)
    added = editor.record.attendance[-1]
    assert (added.name, added.status, added.representing) == (
        "Dan Deputy", "present", "Emma Shearer")

    page.select(second)
    agenda = editor.agenda
    editor.tabs.setCurrentWidget(agenda)
    agenda.select(editor.record.items[1].id)  # minutes of the last meeting
    assert agenda.approve_previous.isVisible()
    assert "01/05/2026" in agenda.approve_previous.text()
    monkeypatch.setattr(meeting_shared.ApprovalDialog, "ask",
                        lambda *_: Approval(["Item 2: date corrected"]))
    _press(qtbot, agenda.approve_previous, Qt.Key.Key_Space)
    approved = svc.meeting_record(database, first)
    assert approved.details.status == "approved"
    assert [a.text for a in approved.amendments] == ["Item 2: date corrected"]
    assert not agenda.approve_previous.isVisible()
    assert not problems


def test_export_menu_writes_the_minutes(qtbot, database, tmp_path, monkeypatch):
    from pypdf import PdfReader

    from desktop.views import export_document

    import_sample(database, "herefordshire-board-2018-10-23.json")
    page = _page(qtbot, database)
    menu = page.editor.export_button.menu()
    names = [action.objectName() for action in menu.actions()]
    assert names == ["exportMinutes", "exportPublicMinutes", "exportMinutesTimed",
                     "exportAgenda", "exportPublicAgenda", "", "exportPack",
                     "exportPublicPack", "exportSupplementPack", "", "exportInvitation",
                     "prepareMinutesEmails"]
    target = tmp_path / "minutes.pdf"
    monkeypatch.setattr(export_document, "choose_target", lambda *_: ("pdf", target))
    menu.actions()[0].trigger()
    qtbot.waitUntil(target.exists, timeout=30_000)
    # Said in the page's message bar, which stays (no box to dismiss).
    qtbot.waitUntil(lambda: page.page.message_bar.message() == f"Done: Saved to {target}")
    text = "".join(sheet.extract_text() for sheet in PdfReader(target).pages)
    assert "Serious Organised Crime report" in text and "ESw" in text


def test_no_approval_offered_for_a_meeting_that_never_happened(qtbot, database, board_id):
    """Next year's planned date, empty: the meeting after it offers nothing to approve."""
    svc.create_meeting(database, board_id, svc.MeetingFields(dt.date(2027, 9, 16)))
    later = svc.create_meeting(database, board_id, svc.MeetingFields(dt.date(2027, 12, 9)))
    page = _page(qtbot, database, board_id)
    page.select(later)
    agenda = page.editor.agenda
    page.editor.tabs.setCurrentWidget(agenda)
    agenda.select(page.editor.record.items[1].id)  # minutes of the last meeting
    assert agenda._previous_to_approve(agenda.selected()) is None
    assert not agenda.approve_previous.isVisible()


def test_a_correction_agreed_at_approval_is_made_to_the_text(qtbot, database, board_id):
    """The approval form: choose the item, correct its text, say what changed; the minutes
    read as corrected, with the amendment dated by the approving meeting."""
    first = svc.create_meeting(database, board_id, svc.MeetingFields(dt.date(2026, 5, 1)))
    item = svc.meeting_record(database, first).items[1]
    svc.save_minutes(database, item.id, "<p>Mr Smith reported.</p>")
    second = svc.create_meeting(database, board_id, svc.MeetingFields(dt.date(2026, 7, 1)))
    form = ApprovalForm(None, "01/05/2026", svc.meeting_record(database, first).items)
    qtbot.addWidget(form)
    form.item.setCurrentIndex(form.item.findData(item.id))
    assert "Mr Smith reported." in form.text.toPlainText()
    form.text.setPlainText("Mr Smyth reported.")
    form.item.setCurrentIndex(0)  # looking elsewhere keeps the correction
    form._approve()
    assert form.message.isVisibleTo(form) and "Say what was changed" in form.message.text()
    assert form.item.currentData() == item.id and "Smyth" in form.text.toPlainText()
    qtbot.keyClicks(form.what, "Smith corrected to Smyth")
    qtbot.keyClicks(form.others, "Apologies from LB added")
    form._approve()
    assert form.result() == QDialog.DialogCode.Accepted
    agreed = form.approval()
    svc.approve_previous(database, second, first, agreed.amendments, agreed.changes)
    record = svc.meeting_record(database, first)
    assert "Mr Smyth reported." in record.items[1].minutes_html
    assert [(a.date, a.text) for a in record.amendments] == [
        (dt.date(2026, 7, 1), f"Item {item.number}: Smith corrected to Smyth"),
        (dt.date(2026, 7, 1), "Apologies from LB added")]

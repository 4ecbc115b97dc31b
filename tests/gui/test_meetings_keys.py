"""The Meetings area by keyboard: F10 from anywhere, focus kept after naming an item, dates
typed whole, and the small things a minute-taker trips over."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QTableView

from desktop.models import Board, BoardKind, Membership, Person
from desktop.services import meetings as svc
from desktop.views import export_document, meetings_page
from desktop.views.main_window import MainWindow
from desktop.views.meetings_page import MeetingDateDialog, MeetingsPage
from desktop.views.minute_taking.view import MinuteTakingView
from desktop.views.table_models.meetings import AttendanceTableModel, MeetingsTableModel
from tests.conftest import import_sample
from tests.gui.test_meetings_page import _page, _press


def _board(database, members: int = 3) -> int:
    with database.transaction() as session:
        board = Board(key="exec", name="Executive Group", kind=BoardKind.EXECUTIVE)
        people = [Person(key=f"p{i}", name=name) for i, name in
                  enumerate(["Emma Shearer", "Emma Swinglehurst", "Liz Bennett"][:members])]
        session.add_all([board, *people])
        session.flush()
        session.add_all(Membership(board=board, person=p, role="Member") for p in people)
        return board.id


def _close_minute_taking(page: MeetingsPage) -> None:
    view = page.editor.minute_taking
    assert isinstance(view, MinuteTakingView)
    view.close()
    page.editor.minute_taking = None


def test_f10_takes_minutes_from_the_list_and_from_anywhere_in_the_editor(qtbot, database):
    board = _board(database)
    meeting = svc.create_meeting(database, board, svc.MeetingFields(dt.date(2026, 5, 1)))
    page = _page(qtbot, database, board)
    editor = page.editor
    places = [page.table, editor.details.venue, editor.details.date,
              editor.attendance.table, editor.agenda.table, editor.agenda.minutes]
    for place in places:
        tab = place.parentWidget()
        while tab is not None and tab not in (editor.details, editor.attendance, editor.agenda):
            tab = tab.parentWidget()
        if tab is not None:
            editor.tabs.setCurrentWidget(tab)
        place.setFocus()
        _press(qtbot, place, Qt.Key.Key_F10)
        view = editor.minute_taking
        assert isinstance(view, MinuteTakingView), place.objectName()
        assert view.meeting_id == meeting
        _close_minute_taking(page)


def test_after_naming_a_new_item_the_arrows_work_at_once(qtbot, qtlog, database, problems):
    board = _board(database)
    svc.create_meeting(database, board, svc.MeetingFields(dt.date(2026, 5, 1)))
    page = _page(qtbot, database, board)
    editor = page.editor
    agenda = editor.agenda
    editor.tabs.setCurrentWidget(agenda)
    agenda.select(editor.record.items[2].id)  # "Action log"
    agenda.table.setFocus()
    _press(qtbot, agenda.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    line = QApplication.focusWidget()
    assert isinstance(line, QLineEdit)
    line.selectAll()
    qtbot.keyClicks(line, "Reports")
    _press(qtbot, line, Qt.Key.Key_Return)  # Qt's delegate commits on the next loop turn
    qtbot.waitUntil(lambda: QApplication.focusWidget() is agenda.table and any(
        row.title == "Reports" for row in agenda.model.rows), timeout=10_000)
    _press(qtbot, agenda.table, Qt.Key.Key_Up)  # at once
    current = agenda.selected()
    assert current is not None and current.title == "Action log"
    _press(qtbot, agenda.table, Qt.Key.Key_Down)
    current = agenda.selected()
    assert current is not None and current.title == "Reports"
    _press(qtbot, agenda.table, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert [(i.number, i.title) for i in editor.record.items][2:4] == [
        ("3", "Action log"), ("3.1", "Reports")]
    assert QApplication.focusWidget() is agenda.table
    assert not [r for r in qtlog.records if "commitData" in r.message]
    assert not problems


def test_an_attendance_cell_typed_keeps_the_focus_in_the_table(qtbot, qtlog, database,
                                                               problems):
    board = _board(database)
    meeting = svc.create_meeting(database, board, svc.MeetingFields(dt.date(2026, 5, 1)))
    svc.fill_from_members(database, meeting)
    page = _page(qtbot, database, board)
    tab = page.editor.attendance
    page.editor.tabs.setCurrentWidget(tab)
    tab.table.setFocus()
    tab.table.setCurrentIndex(tab.model.index(0, AttendanceTableModel.COL_ARRIVED))
    _press(qtbot, tab.table, Qt.Key.Key_F2)
    line = QApplication.focusWidget()
    assert isinstance(line, QLineEdit)
    qtbot.keyClicks(line, "10:05")
    _press(qtbot, line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tab.table and
                    tab.model.rows[0].arrived == dt.time(10, 5), timeout=2000)
    _press(qtbot, tab.table, Qt.Key.Key_Down)
    assert tab.table.currentIndex().row() == 1
    assert not [r for r in qtlog.records if "commitData" in r.message]
    assert not problems


def test_tables_leave_tab_to_move_between_fields(qtbot, database):
    page = _page(qtbot, database)
    for table in (page.table, page.editor.attendance.table, page.editor.agenda.table):
        assert isinstance(table, QTableView) and not table.tabKeyNavigation()


def test_a_date_typed_whole_is_kept_and_tab_leaves_the_date(qtbot, database, problems):
    board = _board(database)
    meeting = svc.create_meeting(database, board, svc.MeetingFields(dt.date(2026, 5, 1)))
    page = _page(qtbot, database, board)
    details = page.editor.details
    details.date.setFocus()
    details.date.selectAll()
    qtbot.keyClicks(details.date, "15/03/2027")
    _press(qtbot, details.date, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is details.start
    details.start.selectAll()
    qtbot.keyClicks(details.start, "10:00")
    _press(qtbot, details.save_button, Qt.Key.Key_Space)
    saved = svc.meeting_record(database, meeting).details
    assert (saved.date, saved.start) == (dt.date(2027, 3, 15), dt.time(10, 0))
    _press(qtbot, details.date, Qt.Key.Key_Up)
    assert details.date.text() == "16/03/2027"
    details.date.setText("")
    _press(qtbot, details.save_button, Qt.Key.Key_Space)
    assert "type the date of the meeting" in details.problem.text()
    assert not problems


def test_the_new_meeting_date_is_typed_whole(qtbot):
    dialog = MeetingDateDialog(None, "New meeting", dt.date(2026, 1, 1))
    qtbot.addWidget(dialog)
    dialog.date.selectAll()
    qtbot.keyClicks(dialog.date, "15/03/2027")
    dialog.accept_date()
    assert dialog.chosen == dt.date(2027, 3, 15)
    assert not dialog.attendance.isVisibleTo(dialog)


def test_fill_from_members_on_a_board_with_none_says_so(qtbot, database, problems):
    board = _board(database, members=0)
    svc.create_meeting(database, board, svc.MeetingFields(dt.date(2026, 5, 1)))
    page = _page(qtbot, database, board)
    page.editor.tabs.setCurrentWidget(page.editor.attendance)
    _press(qtbot, page.editor.findChild(QPushButton, "fillFromMembers"), Qt.Key.Key_Space)
    assert len(problems) == 1 and "no members on record" in problems[0]


def test_a_copy_proposes_the_next_usual_date_and_can_bring_the_attendance(
    qtbot, database, monkeypatch, problems
):
    import_sample(database, "herefordshire-board-2018-10-23.json")
    page = _page(qtbot, database)
    proposed: list[dt.date] = []

    def ask_copy(_parent, day):
        proposed.append(day)
        return day, True

    monkeypatch.setattr(meetings_page.MeetingDateDialog, "ask_copy", ask_copy)
    _press(qtbot, page.table, Qt.Key.Key_N,
           Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert proposed == [dt.date(2019, 1, 15)]  # "next meeting" on the paper
    record = page.editor.record
    assert record is not None and record.details.date == dt.date(2019, 1, 15)
    assert len(record.attendance) == 23 and record.details.status == "planned"
    assert not problems


def test_approve_is_offered_only_once_there_are_minutes(qtbot, database):
    board = _board(database)
    meeting = svc.create_meeting(database, board, svc.MeetingFields(dt.date(2026, 5, 1)))
    page = _page(qtbot, database, board)
    assert not page.editor.approve_button.isVisible()
    item = svc.meeting_record(database, meeting).items[0]
    svc.save_minutes(database, item.id, "<p>Welcome.</p>")
    page.editor.reload()
    assert page.editor.approve_button.isVisible()


def test_the_meetings_list_keeps_its_date_in_sight_at_1366_by_768(qtbot, database):
    import_sample(database, "herefordshire-board-2018-10-23.json", "dudley-board-2014-11-21.json")
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.navigation.setCurrentRow(1)
    page = window.pages[1]
    assert isinstance(page, MeetingsPage)
    table = page.table
    for column in range(MeetingsTableModel.COL_VENUE + 1):  # wherever the cursor goes
        table.scrollTo(table.model().index(0, column))
        left = table.columnViewportPosition(MeetingsTableModel.COL_DATE)
        width = table.columnWidth(MeetingsTableModel.COL_DATE)
        assert left >= 0 and left + width <= table.viewport().width()
        assert width >= table.fontMetrics().horizontalAdvance("23/10/2018")


def test_an_export_suggests_the_board_and_date_as_the_file_name(qtbot, database, monkeypatch):
    import_sample(database, "herefordshire-board-2018-10-23.json")
    page = _page(qtbot, database)
    offered: list[str] = []

    def save_name(_parent, _title, start, _filters):
        offered.append(Path(start).name)
        return "", ""

    monkeypatch.setattr(export_document.QFileDialog, "getSaveFileName", save_name)
    for action in page.editor.export_button.menu().actions():
        if action.objectName() != "prepareMinutesEmails":  # a dialog, not a file
            action.trigger()
    assert offered == [
        "HSCB minutes 2018-10-23.pdf", "HSCB minutes public 2018-10-23.pdf",
        "HSCB minutes timed 2018-10-23.pdf", "HSCB agenda 2018-10-23.pdf",
        "HSCB agenda public 2018-10-23.pdf", "HSCB pack 2018-10-23.pdf",
        "HSCB pack public 2018-10-23.pdf", "HSCB pack supplement 2018-10-23.pdf",
        "HSCB invitation 2018-10-23.ics",
    ]


def test_alt_s_and_alt_m_each_go_to_one_place(qtbot, database):
    board = _board(database)
    svc.create_meeting(database, board, svc.MeetingFields(dt.date(2026, 5, 1)))
    page = _page(qtbot, database, board)
    editor = page.editor
    page.table.setFocus()
    _press(qtbot, page.table, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is page.status  # not "Save details"
    _press(qtbot, page.status, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    assert editor.tabs.currentWidget() is editor.amendments
    editor.tabs.setCurrentWidget(editor.attendance)
    _press(qtbot, page.table, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    assert editor.tabs.currentWidget() is editor.amendments  # not "Fill from members"

"""The forward plan on screen: plan business (once and on a cycle), see what slipped, open
the plan from the Meetings area, and take planned business into a meeting's agenda."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QPushButton

from desktop.models import Board, BoardKind, Meeting
from desktop.services.meetings.forward_plan import PlanFields, add_entries, plan_entries
from desktop.views.areas import AppContext
from desktop.views.meetings import forward_plan as screen
from desktop.views.meetings.forward_plan import EntryForm, ForwardPlanDialog
from desktop.views.meetings_page import MeetingsPage
from desktop.views.notices import Notices

TODAY = dt.date.today()
NEXT_MONTH = (TODAY.replace(day=1) + dt.timedelta(days=40)).replace(day=10)


@pytest.fixture
def board(database) -> tuple[int, int]:
    with database.transaction() as s:
        board = Board(key="lscb", name="Safeguarding Board", kind=BoardKind.BOARD)
        meeting = Meeting(key="next", board=board, date=NEXT_MONTH, title="Board meeting")
        s.add_all([board, meeting])
        s.flush()
        return board.id, meeting.id


def test_plan_business_on_a_cycle_and_see_it_by_month(qtbot, database, board) -> None:
    board_id, _meeting = board
    dialog = ForwardPlanDialog(None, database, Notices(), board_id, today=TODAY)
    qtbot.addWidget(dialog)
    assert "Nothing planned yet" in dialog.summary.text()
    form = EntryForm(dialog, database, board_id, None, TODAY)
    qtbot.addWidget(form)
    qtbot.keyClicks(form.title, "CSE sub-group report")
    qtbot.keyClicks(form.lead, "Sub-group chair")
    form.month.setDate(QDate(NEXT_MONTH.year, NEXT_MONTH.month, 1))
    form.repeat.setCurrentIndex(form.repeat.findData(3))
    assert form.until.isEnabled()
    form.save()
    assert form.result() == QDialog.DialogCode.Accepted
    dialog.refresh()
    model = dialog.model
    assert model.rowCount() == 4  # every quarter for a year
    first = [model.index(0, c).data() for c in range(model.columnCount())]
    assert first == [f"{NEXT_MONTH:%B %Y}", "CSE sub-group report", "Sub-group chair",
                     f"{NEXT_MONTH:%d/%m/%Y}", "Planned"]
    assert model.index(1, 3).data() == "no meeting that month"
    assert dialog.summary.text() == "4 planned; nothing slipped."


def test_an_empty_title_is_refused_next_to_the_fields(qtbot, database, board) -> None:
    form = EntryForm(None, database, board[0], None, TODAY)
    qtbot.addWidget(form)
    form.save()
    assert "The business" in form.feedback.text()
    assert plan_entries(database, board[0], TODAY) == []


def test_slipped_business_is_shown_in_capitals(qtbot, database, board) -> None:
    last_year = TODAY.replace(year=TODAY.year - 1, day=1)
    add_entries(database, board[0], PlanFields("Neglect strategy", last_year))
    dialog = ForwardPlanDialog(None, database, Notices(), board[0], today=TODAY)
    qtbot.addWidget(dialog)
    assert dialog.model.index(0, 4).data() == "SLIPPED"
    assert "1 slipped" in dialog.summary.text()


def test_the_meetings_area_opens_the_plan_of_the_chosen_board(qtbot, database, board,
                                                             monkeypatch) -> None:
    opened: list[int | None] = []
    monkeypatch.setattr(ForwardPlanDialog, "exec",
                        lambda self: opened.append(self.board_id()) or 0)
    page = MeetingsPage(AppContext(database, Notices()))
    qtbot.addWidget(page)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.set_board(board[0])
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert opened == [board[0]]


def test_the_agenda_takes_its_items_from_the_plan(qtbot, database, board,
                                                  monkeypatch) -> None:
    board_id, meeting_id = board
    add_entries(database, board_id, PlanFields("Annual report", NEXT_MONTH,
                                               lead="Business Manager", purpose="decision"))
    add_entries(database, board_id, PlanFields("Slipped audit",
                                               TODAY.replace(year=TODAY.year - 1)))
    seen: list[list[str]] = []

    def answer(dialog: screen.TakeFromPlanDialog) -> int:
        seen.append([dialog.list.item(i).text() for i in range(dialog.list.count())])
        dialog.take()
        return dialog.result()

    monkeypatch.setattr(screen.TakeFromPlanDialog, "exec", answer)
    page = MeetingsPage(AppContext(database, Notices()))
    qtbot.addWidget(page)
    page.show()
    page.set_board(board_id)
    page.go_to(meeting_id, None)
    agenda = page.editor.agenda
    agenda.take_from_plan()
    assert seen == [[
        f"Annual report (Business Manager) — planned for {NEXT_MONTH:%B %Y}",
        f"Slipped audit — slipped from {TODAY.replace(year=TODAY.year - 1):%B %Y}"]]
    titles = [agenda.model.index(r, agenda.model.COL_TITLE).data()
              for r in range(agenda.model.rowCount())]
    assert titles == ["Annual report"]  # the slipped one was not ticked
    assert agenda.selected() is not None and agenda.selected().title == "Annual report"


def test_the_button_and_the_overview_line_open_the_plan(qtbot, database, board,
                                                        monkeypatch) -> None:
    from desktop.views.main_window import MainWindow

    add_entries(database, board[0], PlanFields("Slipped audit",
                                               TODAY.replace(year=TODAY.year - 1)))
    opened: list[int | None] = []
    monkeypatch.setattr(ForwardPlanDialog, "exec",
                        lambda self: opened.append(self.board_id()) or 0)
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.backed_up_on_closing = True
    window.show()
    lines = window.pages[0].attention
    texts = [lines.item(i).text() for i in range(lines.count())]
    line = next(i for i, text in enumerate(texts) if text.startswith("Slipped from"))
    lines.setCurrentRow(line)
    qtbot.keyClick(lines, Qt.Key.Key_Return)
    assert opened == [board[0]]
    meetings = window.stack.currentWidget()
    assert meetings.objectName() == "meetingsPage"
    meetings.findChild(QPushButton, "forwardPlan").click()  # the selector's board: all
    assert opened == [board[0], board[0]]

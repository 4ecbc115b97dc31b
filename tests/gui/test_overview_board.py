"""The Overview follows the board selector, and each coming meeting opens where it is."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desktop.models import Board, BoardKind, Meeting
from desktop.services import meetings as svc
from desktop.services.overview import database_summary
from desktop.views.main_window import MainWindow
from tests.conftest import import_sample

SOON = dt.date.today() + dt.timedelta(days=20)


def _two_boards(database) -> tuple[int, int]:
    import_sample(database, "herefordshire-board-2018-10-23.json")
    with database.transaction() as s:
        other = Board(key="cdop", name="Child Death Overview Panel", kind=BoardKind.PANEL)
        s.add(other)
        s.flush()
        s.add(Meeting(key="cdop-soon", board=other, date=SOON, title="Panel meeting"))
        hscb = s.query(Board).filter(Board.key == "hscb").one()
        s.add(Meeting(key="hscb-soon", board=hscb, date=SOON + dt.timedelta(days=7),
                      title="Board meeting"))
        s.flush()
        return hscb.id, other.id


def test_the_summary_of_one_board(database) -> None:
    hscb, cdop = _two_boards(database)
    every = database_summary(database)
    one = database_summary(database, board_id=cdop)
    assert (every.counts["Meetings"], one.counts["Meetings"]) == (3, 1)
    assert one.counts["Open actions"] == 0 < every.counts["Open actions"]
    assert one.counts["People"] == every.counts["People"]  # people belong to no board
    assert [m.title for m in one.upcoming] == ["Panel meeting"]
    assert [m.board for m in database_summary(database, board_id=hscb).upcoming] == [
        "Herefordshire Safeguarding Children Board"]


def test_the_overview_follows_the_selector_and_opens_a_meeting(qtbot, database) -> None:
    _, cdop = _two_boards(database)
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.backed_up_on_closing = True
    window.show()
    overview = window.pages[0]
    selector = window.board_selector
    selector.setCurrentIndex(selector.findData(cdop))
    assert window.findChild(QLabel, "count_meetings").text() == "1"
    lines = overview.upcoming
    assert [lines.item(i).text() for i in range(lines.count())] == [
        f"{SOON:%a %d/%m/%Y} — Child Death Overview Panel: Panel meeting"]
    selector.setCurrentIndex(0)  # all boards and groups
    assert window.findChild(QLabel, "count_meetings").text() == "3"
    assert lines.count() == 2
    lines.setFocus()
    lines.setCurrentRow(1)
    qtbot.keyClick(lines, Qt.Key.Key_Return)
    meetings = window.stack.currentWidget()
    assert meetings.objectName() == "meetingsPage"
    chosen = meetings.editor.record
    assert chosen is not None and chosen.details.title == "Board meeting"
    assert svc.meeting_record(database, chosen.details.id).details.date == SOON + dt.timedelta(
        days=7)


def test_needs_attention_lines_open_the_overdue_actions_they_name(qtbot, database) -> None:
    import_sample(database, "herefordshire-board-2018-10-23.json")
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.backed_up_on_closing = True
    window.show()
    lines = window.pages[0].attention
    texts = [lines.item(i).text() for i in range(lines.count())]
    agency_line = "Overdue actions owned by people of Safeguarding Boards Business Unit: 2"
    assert texts[0] == "Overdue actions of Exec (group): 2, the oldest due 15/01/2019"
    assert agency_line in texts
    lines.setFocus()
    lines.setCurrentRow(texts.index(agency_line))
    qtbot.keyClick(lines, Qt.Key.Key_Return)
    actions = window.stack.currentWidget()
    assert actions.objectName() == "actionsPage"
    # The page is read on a worker thread: the agency asked for is chosen when it arrives.
    qtbot.waitUntil(lambda: not actions.loading)
    filters = actions.filters
    assert filters.overdue.isChecked()
    assert filters.agency.currentText().startswith("Safeguarding Boards Business Unit")
    assert filters.owner.currentData() is None
    assert actions.table.model().rowCount() == 2
    # back on the Overview, the owner's line opens that owner's overdue actions alone
    window.show_area(0)
    lines.setCurrentRow(0)
    qtbot.keyClick(lines, Qt.Key.Key_Return)
    assert filters.owner.currentText().startswith("Exec (group)")
    assert filters.agency.currentData() is None
    assert actions.table.model().rowCount() == 2


def test_a_review_due_opens_the_review_dates(qtbot, database) -> None:
    from desktop.services.reviews import ReviewDates, save_review

    with database.transaction() as s:
        board = Board(key="b", name="Board", kind=BoardKind.BOARD)
        s.add(board)
        s.flush()
        board_id = board.id
    save_review(database, board_id, ReviewDates(terms_due=dt.date.today()))
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.backed_up_on_closing = True
    window.show()
    window.show_area(0)
    lines = window.pages[0].attention
    texts = [lines.item(i).text() for i in range(lines.count())]
    row = next(i for i, text in enumerate(texts) if text.startswith("Board: Terms"))
    lines.setCurrentRow(row)
    qtbot.keyClick(lines, Qt.Key.Key_Return)
    people = window.stack.currentWidget()
    assert people.tabs.currentWidget() is people.registers
    assert people.registers.tabs.currentWidget() is people.registers.reviews


def test_the_overview_is_filled_once_when_the_window_opens(qtbot, database, monkeypatch) -> None:
    """The page fills itself when made; the main window then tells it the board chosen
    (all boards): that must not read the whole Overview a second time."""
    import desktop.views.overview_page as overview_page

    _two_boards(database)
    fills: list[int | None] = []
    summary = overview_page.database_summary

    def counted(db, board_id=None):  # type: ignore[no-untyped-def]
        fills.append(board_id)
        return summary(db, board_id=board_id)

    monkeypatch.setattr(overview_page, "database_summary", counted)
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.backed_up_on_closing = True
    window.show()
    assert fills == [None]
    selector = window.board_selector
    selector.setCurrentIndex(1)
    assert fills == [None, selector.currentData()]

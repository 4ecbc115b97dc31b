"""The Overview's coming meetings say how many papers are still missing, and such a line
opens the meeting's agenda at the first item waiting for one."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from desktop.models import AgendaItem, Board, BoardKind, Meeting
from desktop.services import papers
from desktop.services.overview import database_summary
from desktop.views.main_window import MainWindow
from tests.support.papers import write_paper

SOON = dt.date.today() + dt.timedelta(days=10)


def _meeting_with_expected_papers(database) -> tuple[int, list[int]]:
    with database.transaction() as s:
        board = Board(key="exec", name="Executive Group", kind=BoardKind.EXECUTIVE)
        meeting = Meeting(key="exec-soon", board=board, date=SOON, title="Executive")
        items = [AgendaItem(meeting=meeting, number=str(n), title=title, position=n,
                            paper_expected=expected)
                 for n, (title, expected) in enumerate(
                     [("Welcome", False), ("Budget", True), ("Audit", True),
                      ("Risk register", True)], start=1)]
        s.add_all([board, meeting, *items])
        s.flush()
        return meeting.id, [item.id for item in items]


def test_the_summary_counts_the_papers_missing(database, tmp_path) -> None:
    meeting_id, items = _meeting_with_expected_papers(database)
    coming, = database_summary(database).upcoming
    assert (coming.papers_missing, coming.first_missing_item) == (3, items[1])
    papers.attach_paper(database, items[1], papers.read_paper_file(
        write_paper(tmp_path, "Budget", 2)))
    coming, = database_summary(database).upcoming
    assert (coming.papers_missing, coming.first_missing_item) == (2, items[2])
    assert meeting_id == coming.meeting_id


def test_a_line_with_papers_missing_opens_the_item_waiting(qtbot, database) -> None:
    _meeting, items = _meeting_with_expected_papers(database)
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.backed_up_on_closing = True
    window.show()
    lines = window.pages[0].upcoming
    assert lines.item(0).text() == (f"{SOON:%a %d/%m/%Y} — Executive Group: Executive — "
                                    "3 papers missing")
    lines.setFocus()
    lines.setCurrentRow(0)
    qtbot.keyClick(lines, Qt.Key.Key_Return)
    meetings = window.stack.currentWidget()
    agenda = meetings.editor.agenda
    assert meetings.editor.tabs.currentWidget() is agenda
    assert agenda.selected().id == items[1]
    assert agenda.papers.missing.text() == "Papers still missing: 3 (items 2, 3, 4)."

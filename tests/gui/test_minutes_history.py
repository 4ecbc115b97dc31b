"""The minutes history screen: every version, word differences, the next step recorded,
opened with Ctrl+Shift+H from the meeting editor and the minute-taking view."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from desktop.models import Board, BoardKind
from desktop.services import meetings as svc
from desktop.services.meetings import versions
from desktop.views.areas import AppContext
from desktop.views.meetings.minutes_history import MinutesHistoryDialog
from desktop.views.meetings_page import MeetingsPage
from desktop.views.notices import Notices
from tests.gui.conftest import open_minute_taking


def _minutes_with_chairs_changes(database) -> int:
    with database.transaction() as session:
        board = Board(key="exec", name="Executive Group", kind=BoardKind.EXECUTIVE)
        session.add(board)
        session.flush()
        board_id = board.id
    meeting_id = svc.create_meeting(database, board_id, svc.MeetingFields(dt.date(2026, 1, 15)))
    item = svc.meeting_record(database, meeting_id).items[1]
    svc.save_minutes(database, item.id, "<p>Mr Smith reported on the audit.</p>")
    versions.move_to(database, meeting_id, "sent_to_chair")
    svc.save_minutes(database, item.id, "<p>Mr Smyth reported on the section 11 audit.</p>")
    versions.move_to(database, meeting_id, "chair_changes")
    return meeting_id


def test_history_shows_versions_differences_and_records_the_next_step(qtbot, database):
    meeting_id = _minutes_with_chairs_changes(database)
    dialog = MinutesHistoryDialog(database, meeting_id, "Executive Group, 15/01/2026")
    qtbot.addWidget(dialog)
    dialog.show()
    assert "Chair's changes recorded" in dialog.state.text()
    assert dialog.versions.count() == 2
    assert [dialog.steps.item(i).text().split("  ")[1].split(" —")[0]
            for i in range(dialog.steps.count())] == ["Sent to the chair",
                                                      "Chair's changes recorded"]
    # The latest two versions are compared: words out struck through, words in underlined.
    html = dialog.difference.toHtml()
    assert "line-through" in html and "Smith" in html and "Smyth" in html
    assert "section 11" in dialog.difference.toPlainText()
    # The same version twice: nothing to compare.
    dialog.first.setCurrentIndex(1)
    assert "two different versions" in dialog.difference.toPlainText()
    # Circulated to members, from the keyboard.
    dialog.next_state.setFocus()
    index = dialog.next_state.findData("circulated")
    dialog.next_state.setCurrentIndex(index)
    qtbot.keyClicks(dialog.note, "to all members")
    qtbot.mouseClick(dialog.record, Qt.MouseButton.LeftButton)
    found = versions.history(database, meeting_id)
    assert found.state == "circulated" and found.steps[-1].note == "to all members"
    assert "Circulated to members" in dialog.state.text()
    assert not dialog.record.isEnabled()  # approval is given at the next meeting


def test_ctrl_shift_h_opens_the_history_from_the_editor_and_minute_taking(
        qtbot, database, monkeypatch):
    meeting_id = _minutes_with_chairs_changes(database)
    opened: list[MinutesHistoryDialog] = []
    monkeypatch.setattr(MinutesHistoryDialog, "exec", lambda self: opened.append(self) or 0)
    page = MeetingsPage(AppContext(database, Notices()))
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.set_board(None)
    page.editor.open_meeting(meeting_id)
    page.editor.agenda.setFocus()
    qtbot.keyClick(page.editor.agenda, Qt.Key.Key_H,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(opened) == 1 and opened[0].versions.count() == 2
    view = open_minute_taking(qtbot, database, meeting_id)
    qtbot.keyClick(view.editor, Qt.Key.Key_H,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(opened) == 2 and "Executive Group" in opened[1].windowTitle()


def test_the_cycle_dialogs_have_no_clashing_alt_keys(qtbot, database):
    from desktop.views.meetings.item_registers import DecisionDialog, DeclarationDialog
    from tests.support.mnemonics import problems

    meeting_id = _minutes_with_chairs_changes(database)
    items = [(1, "1 Welcome"), (2, "2 Minutes")]
    dialogs = [MinutesHistoryDialog(database, meeting_id, "Executive Group, 15/01/2026"),
               DeclarationDialog(None, items, 2, ["Ann Lee"]), DecisionDialog(None, items, 2)]
    found = []
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        found += problems(dialog, dialog.windowTitle())
    assert not found, "\n".join(found)

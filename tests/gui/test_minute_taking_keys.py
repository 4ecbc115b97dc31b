"""The minute-taking view's own keys: F1, Esc, F11, find and replace, and Ctrl+K's form."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QMimeData, QRect, Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from desktop.models import Action
from desktop.services import meetings as svc
from desktop.views.minute_taking import dialogs
from desktop.views.minute_taking.dialogs import QuickActionDialog
from desktop.views.minute_taking.view import MinuteTakingView
from tests.gui.conftest import live_meeting, open_minute_taking


@pytest.fixture
def meeting_id(database) -> int:
    return live_meeting(database)


@pytest.fixture
def view(qtbot, database, meeting_id) -> MinuteTakingView:
    widget = open_minute_taking(qtbot, database, meeting_id, size=None)
    widget.setGeometry(40, 30, 700, 520)
    return widget


def _press(qtbot, widget, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(widget, key, modifier)


def _go(view, number: str) -> None:
    view.go_to(next(i.id for i in view.record.items if i.number == number))


def test_f1_lists_the_keys(qtbot, view):
    _press(qtbot, view.editor, Qt.Key.Key_F1)
    box = view.findChild(QMessageBox, "minuteTakingShortcuts")
    assert box is not None and box.isVisible()
    assert "Ctrl+K" in box.text() and "Ctrl+H" in box.text() and "Esc" in box.text()
    box.close()


def test_esc_goes_back_to_the_minutes_then_asks_before_closing(qtbot, view, monkeypatch):
    _go(view, "2")
    assert view.matters.isVisible()
    questions: list[str] = []
    answers = [False, True]
    monkeypatch.setattr(dialogs.Ask, "yes",
                        lambda _p, title, _q: questions.append(title) or answers.pop(0))
    for panel in (view.matters.text, view.matters.status, view.matters.list):
        panel.setFocus()
        _press(qtbot, panel, Qt.Key.Key_Escape)
        assert QApplication.focusWidget() is view.editor, panel.objectName()
        assert view.current is not None and view.current.number == "2"
    assert not questions  # stepping back never asks
    view.proposal_bar.show()
    view.proposal = object()  # type: ignore[assignment]
    _press(qtbot, view.editor, Qt.Key.Key_Escape)
    assert view.proposal is None and not questions
    _press(qtbot, view.editor, Qt.Key.Key_Escape)  # answered "no": stays open
    assert questions == ["Stop taking minutes?"] and view.isVisible()
    _press(qtbot, view.editor, Qt.Key.Key_Escape)
    assert not view.isVisible()


def test_f11_twice_restores_the_window(qtbot, view):
    before = view.geometry()
    _press(qtbot, view.editor, Qt.Key.Key_F11)
    assert view.isFullScreen()
    _press(qtbot, view.editor, Qt.Key.Key_F11)
    assert not view.isFullScreen() and view.geometry() == before
    view.showMaximized()
    qtbot.waitUntil(view.isMaximized)
    _press(qtbot, view.editor, Qt.Key.Key_F11)
    _press(qtbot, view.editor, Qt.Key.Key_F11)
    assert view.isMaximized() and not view.isFullScreen()


def test_a_window_never_shown_normal_comes_back_whole_and_on_screen(qtbot, view):
    view.setGeometry(-300, -200, 120, 90)  # what Qt guesses for a window always maximised
    _press(qtbot, view.editor, Qt.Key.Key_F11)
    _press(qtbot, view.editor, Qt.Key.Key_F11)
    screen = view.screen().availableGeometry()
    assert screen.contains(view.geometry())
    assert view.width() >= min(640, screen.width()) and view.height() >= min(480,
                                                                             screen.height())
    assert isinstance(view.geometry(), QRect)


def test_find_within_the_item_and_across_the_meeting(qtbot, view):
    _go(view, "5.1")
    view.editor.setPlainText("The audit found gaps. The audit is due again.")
    _press(qtbot, view.editor, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    _press(qtbot, view.editor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = view.find_bar
    assert bar.isVisible() and QApplication.focusWidget() is bar.find_text
    assert not bar.replace_text.isVisible()
    qtbot.keyClicks(bar.find_text, "audit")
    _press(qtbot, bar.find_text, Qt.Key.Key_Return)
    assert view.editor.textCursor().selectionStart() == 4
    _press(qtbot, bar.find_text, Qt.Key.Key_Return)
    assert view.editor.textCursor().selectionStart() == 26
    _press(qtbot, bar.find_text, Qt.Key.Key_Return)  # round to the start of this item
    assert view.editor.textCursor().selectionStart() == 4
    assert view.current is not None and view.current.number == "5.1"
    _press(qtbot, bar.find_text, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert view.editor.textCursor().selectionStart() == 26
    # Across the meeting: on to the next item whose minutes hold the words.
    bar.whole_meeting.setChecked(True)
    bar.find_text.setText("Executive report was noted")
    _press(qtbot, bar.find_text, Qt.Key.Key_Return)
    assert view.current is not None and view.current.number != "5.1"
    assert view.editor.textCursor().selectedText().lower() == "executive report was noted"
    assert QApplication.focusWidget() is bar.find_text
    bar.find_text.setText("no such words anywhere")
    _press(qtbot, bar.find_text, Qt.Key.Key_Return)
    assert bar.message.text() == "Not found."
    _press(qtbot, bar.find_text, Qt.Key.Key_Escape)
    assert not bar.isVisible() and QApplication.focusWidget() is view.editor


def test_replace_within_the_item_and_across_the_meeting(qtbot, database, meeting_id, view,
                                                        problems):
    _go(view, "5.2")
    view.editor.setPlainText("LSCB met. The LSCB agreed.")
    _go(view, "5.1")
    view.editor.setPlainText("The LSCB noted the audit.")
    _press(qtbot, view.editor, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    bar = view.find_bar
    assert bar.replace_text.isVisible()
    qtbot.keyClicks(bar.find_text, "LSCB")
    _press(qtbot, bar.find_text, Qt.Key.Key_Tab)
    bar.replace_text.setFocus()
    qtbot.keyClicks(bar.replace_text, "Board")
    _press(qtbot, bar.replace_text, Qt.Key.Key_Return)  # finds the first match
    _press(qtbot, bar.replace_text, Qt.Key.Key_Return)  # replaces it
    assert view.editor.toPlainText() == "The Board noted the audit."
    _press(qtbot, view.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert view.editor.toPlainText() == "The LSCB noted the audit."
    bar.whole_meeting.setChecked(True)
    bar.replace_all()
    assert bar.message.text() == "Replaced 3 in 2 items."
    assert view.current is not None and view.current.number == "5.1"
    view.save_current()
    assert view.saver.flush()
    items = {i.number: i.minutes_html for i in svc.meeting_record(database, meeting_id).items}
    assert "Board met. The Board agreed." in items["5.2"]
    assert "The Board noted the audit." in items["5.1"]
    assert not problems


def test_pasting_a_table_keeps_its_rows_and_cells_apart(qtbot, view):
    data = QMimeData()
    data.setHtml("<table><tr><td>Cell A1</td><td>Cell B1</td></tr>"
                 "<tr><td>Cell A2</td><td>Cell B2</td></tr></table>")
    view.editor.selectAll()
    view.editor.insertFromMimeData(data)
    lines = [line for line in view.editor.toPlainText().splitlines() if line]
    assert lines == ["Cell A1 | Cell B1", "Cell A2 | Cell B2"]
    assert "Cell A1Cell B1" not in view.editor.minutes_html()


def test_a_no_to_the_group_question_goes_back_to_the_form_with_everything_typed(
    qtbot, database, view, monkeypatch, problems
):
    forms: list[object] = []
    typed = ("Review the pathways", ("SH", "Pathways Group"), dt.date(2019, 3, 31))

    def ask(_parent, _initials, meeting, _next, entry):
        forms.append(entry)
        assert meeting == dt.date(2018, 10, 23)
        return typed if len(forms) < 3 else None

    answers = [False, True]
    monkeypatch.setattr(dialogs.QuickAction, "ask", ask)
    monkeypatch.setattr(dialogs.Ask, "yes", lambda *_: answers.pop(0))
    _press(qtbot, view.editor, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert forms == [None, typed]  # shown again, filled in as typed
    with database.session() as session:
        action = session.scalars(select(Action).where(Action.number == 119)).one()
        assert action.due == dt.date(2019, 3, 31)
    assert not problems


@pytest.mark.parametrize(("typed", "expected"), [
    ("31/03", dt.date(2019, 3, 31)), ("31 March", dt.date(2019, 3, 31)),
    ("next Friday", dt.date(2018, 10, 26)), ("31/03/2019", dt.date(2019, 3, 31)),
    ("", None),
])
def test_the_due_field_reads_dates_as_the_minutes_do(qtbot, typed, expected):
    dialog = QuickActionDialog(None, ["LB"], dt.date(2018, 10, 23),
                               entry=("Report", ("LB",), None))
    qtbot.addWidget(dialog)
    assert dialog.text.text() == "Report" and dialog.owners.text() == "LB"
    qtbot.keyClicks(dialog.due, typed)
    dialog.accept_entry()
    assert dialog.entry == ("Report", ("LB",), expected)


def test_an_unreadable_due_date_is_said_next_to_the_field(qtbot):
    dialog = QuickActionDialog(None, [], dt.date(2018, 10, 23))
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.due, "soonish")
    dialog.accept_entry()
    assert dialog.entry is None and "not a date" in dialog.problem.text()

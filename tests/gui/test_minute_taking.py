"""Taking minutes live: typing across items, actions both ways, arrivals, matters arising."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from desktop.models import Action
from desktop.services import meetings as svc
from desktop.services.actions.detail import action_detail
from desktop.views.minute_taking import dialogs, room
from desktop.views.minute_taking.session import unfinished_session
from desktop.views.minute_taking.view import MinuteTakingView
from tests.gui.conftest import live_meeting, open_minute_taking


def type_text(qtbot, widget, text: str) -> None:
    """Types any text: keyClicks aborts on non-ASCII, so those go as key events."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                         char))


@pytest.fixture
def meeting_id(database) -> int:
    return live_meeting(database)


@pytest.fixture
def view(qtbot, database, meeting_id) -> MinuteTakingView:
    return open_minute_taking(qtbot, database, meeting_id)


def _press(qtbot, widget, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(widget, key, modifier)


def _minutes(database, meeting_id, number) -> str:
    items = svc.meeting_record(database, meeting_id).items
    return next(i.minutes_html for i in items if i.number == number)


def test_typing_across_items_is_saved(qtbot, database, meeting_id, view, problems):
    view.go_to(next(i.id for i in view.record.items if i.number == "5.1"))
    view.editor.selectAll()
    type_text(qtbot, view.editor, "Łukasz and Zoë reported – £35 charged ✓")
    _press(qtbot, view.editor, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert view.current is not None and view.current.number == "5.2"
    view.editor.selectAll()
    _press(qtbot, view.editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, view.editor, "Bold point")
    view.save_current()
    assert view.saver.flush()
    assert "Łukasz and Zoë reported – £35 charged ✓" in _minutes(database, meeting_id, "5.1")
    assert "<b>Bold point</b>" in _minutes(database, meeting_id, "5.2")
    assert not problems


def test_an_action_line_is_offered_and_confirmed_with_one_key(
    qtbot, database, meeting_id, view, problems
):
    view.go_to(next(i.id for i in view.record.items if i.number == "5.3"))
    view.editor.moveCursor(view.editor.textCursor().MoveOperation.End)
    _press(qtbot, view.editor, Qt.Key.Key_Return)
    type_text(qtbot, view.editor, "Action: LB to provide a report to the Executive by December")
    _press(qtbot, view.editor, Qt.Key.Key_Return)
    assert view.proposal_bar.isVisible() and "LB" in view.proposal_bar.text()
    _press(qtbot, view.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "Action <b>119</b> added" in view.proposal_bar.text()
    with database.session() as session:
        action = session.scalars(select(Action).where(Action.number == 119)).one()
        assert action.due == dt.date(2018, 12, 31)
        assert action.item is not None and action.item.number == "5.3"
    assert any(view.item_actions.item(i).text().startswith("119.")
               for i in range(view.item_actions.count()))
    _press(qtbot, view.editor, Qt.Key.Key_Z,
           Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    with database.session() as session:
        assert session.scalars(select(Action.status).where(Action.number == 119)).one() == \
            "withdrawn"
    assert not problems


def test_quick_action_with_a_group_owner(qtbot, database, meeting_id, view, monkeypatch,
                                         problems):
    monkeypatch.setattr(dialogs.QuickAction, "ask",
                        lambda *_: ("Review the pathways", ("SH", "Pathways Group"), None))
    monkeypatch.setattr(dialogs.Ask, "yes", lambda *_: True)
    _press(qtbot, view.editor, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    with database.session() as session:
        action = session.scalars(select(Action).where(Action.number == 119)).one()
        owners = [o.group_name or o.person.name for o in action.owners]
    assert owners == ["Sally Halls", "Pathways Group"]
    assert not problems


def test_arrival_and_departure_with_two_keystrokes(qtbot, database, meeting_id, view,
                                                   monkeypatch, problems):
    monkeypatch.setattr(dialogs.Ask, "text", lambda *_: "ESw")
    _press(qtbot, view.editor, Qt.Key.Key_F6)
    _press(qtbot, view.editor, Qt.Key.Key_F7)
    row = next(r for r in svc.meeting_record(database, meeting_id).attendance
               if r.initials == "ESw")
    assert row.arrived is not None and row.left is not None
    assert "ESw" in view.attendance.text()
    monkeypatch.setattr(room.LateArrivalName, "ask", lambda *_: "Zoë Nowak")
    monkeypatch.setattr(dialogs.Ask, "yes", lambda *_: True)  # yes, someone new
    _press(qtbot, view.editor, Qt.Key.Key_F8)
    late = svc.meeting_record(database, meeting_id).attendance[-1]
    assert (late.name, late.initials, late.status) == ("Zoë Nowak", "ZN", "present")
    assert late.arrived is not None
    assert not problems


def test_matters_arising_update_goes_into_the_actions_history(
    qtbot, database, meeting_id, view, problems
):
    view.go_to(next(i.id for i in view.record.items if i.number == "2"))
    assert view.matters.isVisible()
    numbers = [row.number for row in view.matters.rows]
    assert 69 in numbers
    view.matters.list.setCurrentRow(numbers.index(69))
    view.matters.text.setFocus()
    type_text(qtbot, view.matters.text, "NPS met on 20/10; representation agreed.")
    view.matters.status.setCurrentIndex(view.matters.status.findData("completed"))
    _press(qtbot, view.matters.text, Qt.Key.Key_Return)
    row = next(r for r in view.matters.rows if r.number == 69) if any(
        r.number == 69 for r in view.matters.rows) else None
    assert row is None  # completed: no longer open
    with database.session() as session:
        action_id = session.scalars(select(Action.id).where(Action.number == 69)).one()
    history = action_detail(database, action_id).updates
    assert history[-1].text == "NPS met on 20/10; representation agreed."
    assert history[-1].status == "completed"
    assert not problems


def test_jump_by_number_and_the_place_is_remembered(qtbot, view, monkeypatch):
    monkeypatch.setattr(dialogs.Ask, "text", lambda *_: "6.1")
    _press(qtbot, view.editor, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert view.current is not None and view.current.title == "Sub Group attendance"
    assert unfinished_session() == (view.meeting_id, view.current.id)
    view.close()
    assert unfinished_session() is None


def test_paste_from_word_keeps_only_the_minutes_formatting(qtbot, view):
    from PySide6.QtCore import QMimeData

    data = QMimeData()
    data.setHtml('<p style="color:red"><span style="font-family:Comic Sans">Plain</span> '
                 '<b>bold</b> <font color="red">red</font></p><table><tr><td>cell</td></tr>'
                 '</table><img src="x.png"><ul><li>point</li></ul>')
    view.editor.selectAll()
    view.editor.insertFromMimeData(data)
    saved = view.editor.minutes_html()
    assert "<b>bold</b>" in saved and "<li>point</li>" in saved
    assert "cell" in saved and "img" not in saved and "color" not in saved


def test_after_a_crash_the_window_offers_the_minutes_where_they_were(qtbot, database,
                                                                       meeting_id, monkeypatch):
    from desktop.views.main_window import MainWindow
    from desktop.views.minute_taking.session import remember

    window = MainWindow(database)
    qtbot.addWidget(window)
    assert window.offer_to_resume() is None  # nothing unfinished: nothing asked
    item = next(i for i in svc.meeting_record(database, meeting_id).items if i.number == "5.2")
    remember(meeting_id, item.id)  # the app closed without the view closing
    asked: list[str] = []
    monkeypatch.setattr(dialogs.Ask, "yes", lambda _p, _t, question: asked.append(question)
                        or False)
    assert window.offer_to_resume() is None and "at item 5.2" in asked[0]
    monkeypatch.setattr(dialogs.Ask, "yes", lambda *_: True)
    view = window.offer_to_resume()
    assert isinstance(view, MinuteTakingView) and window.resumed is view
    qtbot.addWidget(view)
    assert view.current is not None and view.current.id == item.id
    view.close()

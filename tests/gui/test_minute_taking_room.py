"""In the room, in the minute-taking view: arrivals and the count, late arrivals matched to
people already recorded, the meeting closing, and items timed as the agenda moves on."""

from __future__ import annotations

import datetime as dt
import re

import docx
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QWidget
from sqlalchemy import func, select

from desktop.models import Board, Person
from desktop.services import live_minutes as live
from desktop.services import meetings as svc
from desktop.services.documents import meeting_record
from desktop.services.meetings.room import stamp_item
from desktop.views import export_document
from desktop.views.export_document import add_meeting_exports
from desktop.views.minute_taking import dialogs
from desktop.views.minute_taking import room as room_view
from desktop.views.minute_taking.session import shortcut_table
from desktop.views.minute_taking.view import MinuteTakingView
from desktop.views.notices import Notices
from tests.gui.conftest import live_meeting, open_minute_taking


@pytest.fixture
def clock(monkeypatch) -> list[dt.time]:
    """The view's clock, set by the test: `clock[0]` is "now"."""
    now = [dt.time(13, 16)]
    monkeypatch.setattr(room_view, "now_minute", lambda: now[0])
    return now


@pytest.fixture
def meeting_id(database) -> int:
    return live_meeting(database)


@pytest.fixture
def view(qtbot, database, meeting_id, clock) -> MinuteTakingView:
    return open_minute_taking(qtbot, database, meeting_id)


def _press(qtbot, view, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(view.editor, key, modifier)


def _strip(view) -> str:
    return view.attendance.text()


def _struck(view, initials: str) -> bool:
    span = re.search(rf'<span style="([^"]*)"[^>]*><b>{initials}</b>', _strip(view))
    assert span is not None, initials
    return "line-through" in span.group(1)


def _row(database, meeting_id, initials):
    return next(r for r in svc.meeting_record(database, meeting_id).attendance
                if r.initials == initials)


def _people(database) -> int:
    with database.session() as session:
        return session.scalar(select(func.count(Person.id))) or 0


def test_f6_on_someone_who_sent_apologies_makes_them_present(
    qtbot, database, meeting_id, view, monkeypatch, problems
):
    assert _struck(view, "LE") and "<b>15 present</b>" in _strip(view)
    monkeypatch.setattr(dialogs.Ask, "text", lambda *_: "LE")
    _press(qtbot, view, Qt.Key.Key_F6)
    assert not _struck(view, "LE")
    assert "<b>16 present</b>" in _strip(view) and "↘13:16" in _strip(view)
    assert _row(database, meeting_id, "LE").status == "present"
    assert view.save_state.text() == "Liz Elgar arrived 13:16"
    assert not problems


def test_the_count_leaves_out_who_left_and_says_whether_quorate(
    qtbot, database, meeting_id, view, monkeypatch, problems
):
    with database.transaction() as session:
        session.scalars(select(Board)).one().quorum = 15
    view.refresh_attendance()
    assert "15 present — quorate (quorum 15)" in _strip(view)
    monkeypatch.setattr(dialogs.Ask, "text", lambda *_: "SH")
    _press(qtbot, view, Qt.Key.Key_F7)
    assert "14 present — NOT quorate (quorum 15)" in _strip(view)
    assert not problems


def _person(database, name: str) -> int:
    with database.transaction() as session:
        person = Person(key=name.lower().replace(" ", "-"), name=name)
        session.add(person)
        session.flush()
        return person.id


def test_f8_finds_someone_already_recorded(qtbot, database, meeting_id, view, monkeypatch,
                                           problems):
    jan = _person(database, "Jan Gavin")
    offered: list[list[str]] = []
    monkeypatch.setattr(room_view.LateArrivalName, "ask",
                        lambda _p, names: offered.append(names) or "jan  gavin")
    monkeypatch.setattr(dialogs.Ask, "yes", lambda *_: pytest.fail("asked to make someone"))
    people = _people(database)
    _press(qtbot, view, Qt.Key.Key_F8)
    assert "Jan Gavin" in offered[0]
    assert _people(database) == people
    late = svc.meeting_record(database, meeting_id).attendance[-1]
    assert (late.person_id, late.status, late.arrived) == (jan, "present", dt.time(13, 16))
    assert view.save_state.text() == f"Jan Gavin ({late.initials}) arrived 13:16"
    assert not problems


def test_f8_offers_close_names_then_asks_before_making_a_new_person(
    qtbot, database, meeting_id, view, monkeypatch, problems
):
    _person(database, "Jan Gavin")
    monkeypatch.setattr(room_view.LateArrivalName, "ask", lambda *_: "Jan Gav")
    offered: list[list[str]] = []
    monkeypatch.setattr(room_view.WhichPerson, "ask",
                        lambda _p, typed, names: offered.append(names) or f"Someone new: {typed}")
    asked: list[str] = []
    monkeypatch.setattr(dialogs.Ask, "yes", lambda _p, _t, question: asked.append(question)
                        and False)
    people = _people(database)
    _press(qtbot, view, Qt.Key.Key_F8)
    assert offered == [["Jan Gavin"]]
    assert "Add Jan Gav to the people list as a new person" in asked[0]
    assert _people(database) == people  # declined: nobody made, nobody added

    monkeypatch.setattr(dialogs.Ask, "yes", lambda *_: True)
    _press(qtbot, view, Qt.Key.Key_F8)
    assert _people(database) == people + 1
    assert view.save_state.text().endswith("added to the people list as a new person")
    assert svc.meeting_record(database, meeting_id).attendance[-1].name == "Jan Gav"
    assert not problems


def test_f8_choosing_an_offered_person_adds_them(qtbot, database, meeting_id, view,
                                                 monkeypatch, problems):
    jan = _person(database, "Jan Gavin")
    monkeypatch.setattr(room_view.LateArrivalName, "ask", lambda *_: "gavin")
    monkeypatch.setattr(room_view.WhichPerson, "ask", lambda _p, _t, names: names[0])
    _press(qtbot, view, Qt.Key.Key_F8)
    assert svc.meeting_record(database, meeting_id).attendance[-1].person_id == jan
    assert not problems


def test_f9_records_the_meeting_closed_now(qtbot, database, meeting_id, view, clock,
                                           monkeypatch, problems):
    clock[0] = dt.time(12, 41)
    asked: list[str] = []
    monkeypatch.setattr(dialogs.Ask, "yes", lambda _p, _t, q: asked.append(q) or True)
    _press(qtbot, view, Qt.Key.Key_F9)
    assert "already recorded as closed at 12:35" in asked[0]  # the sample's time
    assert svc.meeting_record(database, meeting_id).details.closed_at == dt.time(12, 41)
    assert view.save_state.text() == "Meeting closed at 12:41"
    clock[0] = dt.time(12, 50)
    monkeypatch.setattr(dialogs.Ask, "yes", lambda *_: False)
    _press(qtbot, view, Qt.Key.Key_F9)
    assert svc.meeting_record(database, meeting_id).details.closed_at == dt.time(12, 41)
    assert not problems


def _outline(view, number: str) -> str:
    row = next(i for i, item in enumerate(view.record.items) if item.number == number)
    return view.outline.item(row).text()


def test_items_are_timed_as_the_agenda_moves_on(qtbot, database, meeting_id, view, clock,
                                                problems):
    assert _outline(view, "1").startswith("13:16")  # the view opened at item 1
    clock[0] = dt.time(13, 30)
    _press(qtbot, view, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert _outline(view, "2").startswith("13:30")
    assert not _outline(view, "3")[:5].strip()
    clock[0] = dt.time(13, 45)
    _press(qtbot, view, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert _outline(view, "1").startswith("13:16")  # coming back keeps the first time
    _press(qtbot, view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert _outline(view, "1").startswith("13:45")
    times = {i.number: i.started_at for i in meeting_record(database, meeting_id).items
             if i.started_at}
    assert times == {"1": dt.time(13, 45), "2": dt.time(13, 30)}
    assert not problems


def test_items_are_not_timed_when_the_minutes_are_not_being_taken_live(
    qtbot, database, meeting_id, clock
):
    svc.set_status(database, meeting_id, "draft")
    widget = MinuteTakingView(database, Notices(), meeting_id)
    qtbot.addWidget(widget)
    widget.step(+1)
    assert not any(i.started_at for i in meeting_record(database, meeting_id).items)
    assert not widget.outline.item(1).text()[:5].strip()


def test_the_new_keys_are_listed_and_bound(view):
    table = shortcut_table()
    assert table["Meeting closed now"] == "F9"
    assert table["This item started now (time it again)"] == "Ctrl+T"
    bound = {s.key().toString() for s in view.findChildren(QShortcut)}
    assert {"F9", "Ctrl+T"} <= bound


def test_an_update_at_matters_arising_is_in_this_meetings_minutes(
    qtbot, database, meeting_id, view, problems
):
    view.go_to(next(i.id for i in view.record.items if i.number == "2"))
    row = next(r for r in view.matters.rows if r.number == 107)
    view.record_update(row.id, "DSL responses due in November.", None, None)
    updates = meeting_record(database, meeting_id).action_updates
    assert [u.number for u in updates if u.update == "DSL responses due in November."] == [107]
    assert live.matters_arising(database, meeting_id)  # still open: no status given
    assert not problems


def test_the_export_menu_offers_minutes_with_item_times(qtbot, database, meeting_id, tmp_path,
                                                        monkeypatch):
    item = next(i for i in svc.meeting_record(database, meeting_id).items if i.number == "3")
    stamp_item(database, item.id, dt.time(10, 2))
    parent = QWidget()
    qtbot.addWidget(parent)
    menu = QMenu(parent)
    add_meeting_exports(menu, parent, database, lambda: meeting_id)
    target = tmp_path / "timed.docx"
    monkeypatch.setattr(export_document, "choose_target", lambda *_: ("docx", target))
    next(a for a in menu.actions() if a.objectName() == "exportMinutesTimed").trigger()
    qtbot.waitUntil(target.exists, timeout=30_000)
    table = docx.Document(str(target)).tables[-1]
    rows = {row.cells[0].text: row.cells[1].text for row in table.rows}
    assert rows["3"].split("\n")[0] == "Serious Safeguarding Incidents  (10:02)"


def test_the_late_arrival_dialog_completes_names_of_people_recorded(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[list[str]] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        field = dialog.findChild(QLineEdit, "lateArrivalName")
        completer = field.completer()
        completer.setCompletionPrefix("gav")
        model = completer.completionModel()
        seen.append([model.index(i, 0).data() for i in range(model.rowCount())])
        field.setText("  Jan Gavin ")
        dialog.accept()

    QTimer.singleShot(0, answer)
    assert room_view.LateArrivalName.ask(parent, ["Dr Jan Gavin", "Sally Halls"]) == "Jan Gavin"
    assert seen == [["Dr Jan Gavin"]]  # found by any part of the name, any case

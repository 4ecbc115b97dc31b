"""In the room: who arrived and left, the late arrival nobody expected (F8), the meeting
closing (F9), and the time each item was reached, as the outline shows it. The questions
asked are `ask` methods that tests replace; the work is done by
desktop/services/meetings/room.py. `RoomEvents` is the minute-taking view's part of it (the
view takes it in as a mixin): separate from view.py, which lays out the meeting and keeps
its minutes saved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services import live_minutes as live
from desktop.services import meetings as svc
from desktop.services.database import Database
from desktop.services.meetings import ItemRow, MeetingRecord
from desktop.services.meetings import room as svc_room
from desktop.services.meetings.attendance import now_minute
from desktop.services.spelling import meeting_names
from desktop.views.minute_taking.dialogs import Ask
from desktop.views.minute_taking.panels import attendance_html
from desktop.views.service_call import call_service
from desktop.views.text import show_time
from desktop.views.widget_mixin import WidgetMixin

if TYPE_CHECKING:
    from desktop.views.minute_taking.spelling import SpellCheck


SOMEONE_NEW = "Someone new: {name}"


def outline_label(item: ItemRow, started: dt.time | None) -> str:
    """ "10:05   5.1  Serious Organised Crime report": the time the meeting reached it."""
    # Figure and punctuation spaces are as wide as "09:30", so untimed items line up.
    when = show_time(started) if started else "\u2007\u2007\u2008\u2007\u2007"
    return f"{when}   " + "    " * item.depth + f"{item.number}  {item.title}"


class LateArrivalName:
    """The name of who has come in, completed from the people already recorded."""

    @staticmethod
    def ask(parent: QWidget, names: list[str]) -> str | None:
        dialog = QDialog(parent)
        dialog.setWindowTitle("Late arrival")
        name = QLineEdit()
        name.setObjectName("lateArrivalName")
        name.setAccessibleName("Name of the person who has arrived")
        completer = QCompleter(names, name)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        name.setCompleter(completer)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        label = QLabel("&Name of the person who has arrived (someone already recorded is "
                       "offered as you type):")
        label.setBuddy(name)
        layout = QVBoxLayout(dialog)
        layout.addWidget(label)
        layout.addWidget(name)
        layout.addWidget(buttons)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return name.text().strip() or None


class WhichPerson:
    """Several recorded people fit the name: which one is it, or is it someone new?"""

    @staticmethod
    def ask(parent: QWidget, typed: str, choices: list[str]) -> str | None:
        options = [*choices, SOMEONE_NEW.format(name=typed)]
        value, ok = QInputDialog.getItem(
            parent, "Late arrival", f"People already recorded fit “{typed}”. Who has "
            "arrived?", options, 0, False)
        return value if ok else None


def late_arrival(parent: QWidget, database: Database, meeting_id: int, at: dt.time
                 ) -> str | None:
    """Ask who, find them among the people recorded, and record them present from `at`.
    A new person is made only after saying so. Returns what to tell the minute-taker."""
    typed = LateArrivalName.ask(parent, [p.name for p in svc.people_choices(database)])
    if typed is None:
        return None
    match = svc_room.match_arrival(database, typed)
    person_id = match.same.id if match.same else None
    if person_id is None and match.similar:
        names = [f"{p.name} ({p.agency})" if p.agency else p.name for p in match.similar]
        chosen = WhichPerson.ask(parent, typed, names)
        if chosen is None:
            return None
        if chosen in names:
            person_id = match.similar[names.index(chosen)].id
    if person_id is None and not Ask.yes(
            parent, "Add a new person?",
            f"Nobody called {typed} is recorded yet. Add {typed} to the people list as a "
            f"new person, present from {show_time(at)}?"):
        return None
    done: list[svc_room.Arrival] = []
    if not call_service(parent, lambda reason: done.append(svc_room.record_arrival(
            database, meeting_id, at, person_id=person_id,
            new_name=None if person_id is not None else typed, reason=reason))):
        return None
    arrival = done[0]
    told = f"{arrival.name} ({arrival.initials}) arrived {show_time(at)}"
    return told + (" — added to the people list as a new person" if arrival.created else "")


def close_now(parent: QWidget, database: Database, meeting_id: int, at: dt.time
              ) -> str | None:
    """Record that the meeting closed at `at`, asking first if a time is already recorded."""
    already = svc_room.closed_at(database, meeting_id)
    if already is not None and already != at and not Ask.yes(
            parent, "Meeting closed",
            f"The meeting is already recorded as closed at {show_time(already)}. "
            f"Record {show_time(at)} instead?"):
        return None
    if not call_service(parent, lambda reason: svc_room.close_meeting(
            database, meeting_id, at, reason)):
        return None
    return f"Meeting closed at {show_time(at)}"


def agenda_outline(items: Sequence[ItemRow]) -> QListWidget:
    """The agenda down the side, each item with the time it started, if timed."""
    outline = QListWidget()
    outline.setObjectName("agendaOutline")
    outline.setAccessibleName("Agenda")
    outline.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays in the text
    outline.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    outline.setTextElideMode(Qt.TextElideMode.ElideRight)
    for item in items:
        outline.addItem(outline_label(item, item.started_at))
        outline.item(outline.count() - 1).setToolTip(item.title)
    return outline



class RoomEvents(WidgetMixin):
    """Who is here and when things happened, for `MinuteTakingView` (view.py), which sets
    what is declared here."""

    database: Database
    meeting_id: int
    record: MeetingRecord
    current: ItemRow | None
    attendance: QLabel
    outline: QListWidget
    save_state: QLabel
    spelling: SpellCheck | None

    def refresh_attendance(self) -> None:
        self.record = svc.meeting_record(self.database, self.meeting_id)
        in_room = svc_room.room_count(self.database, self.meeting_id)
        self.attendance.setText(attendance_html(self.record.attendance, in_room))
        if self.spelling is not None:
            self.spelling.set_names(meeting_names(self.record))

    def mark(self, field: str) -> None:
        initials = [row.initials for row in self.record.attendance]
        who = Ask.text(self, "Arrived" if field == "arrived" else "Left",
                       "Initials:", initials)
        if who is None:
            return
        at = now_minute()
        names: list[str] = []
        if call_service(self, lambda _r: names.append(
                live.mark_time(self.database, self.meeting_id, who, field, at))):
            self.refresh_attendance()
            verb = "arrived" if field == "arrived" else "left"
            self.save_state.setText(f"{names[0]} {verb} {at:%H:%M}")

    def late_arrival(self) -> None:
        told = late_arrival(self, self.database, self.meeting_id, now_minute())
        if told is not None:
            self.refresh_attendance()
            self.save_state.setText(told)

    def close_meeting(self) -> None:
        told = close_now(self, self.database, self.meeting_id, now_minute())
        if told is not None:
            self.save_state.setText(told)

    def _time_item(self, again: bool = False) -> None:
        """The first visit to an item while the meeting is in progress is when it started."""
        item = self.current
        if item is None or self.record.details.status != "in_progress" or (
                item.started_at is not None and not again):
            return
        started = svc_room.stamp_item(self.database, item.id, now_minute(), again=again)
        row = next(i for i, each in enumerate(self.record.items) if each.id == item.id)
        self.current = self.record.items[row] = replace(item, started_at=started)
        self.outline.item(row).setText(outline_label(item, started))
        if again and started is not None:
            self.save_state.setText(f"{item.number} started at {show_time(started)}")

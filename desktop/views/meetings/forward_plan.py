"""The forward plan screen: a board's planned business by month, with the meeting each entry
is for and whether it is planned, on the agenda, done or slipped; add (once or on a cycle),
edit and remove entries. Opened from the Meetings area (Ctrl+Shift+F)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.services.boards import list_boards
from desktop.services.database import Database
from desktop.services.meetings import PURPOSE_LABELS, list_meetings
from desktop.services.meetings.forward_plan import (
    SLIPPED,
    PlanEntry,
    PlanFields,
    add_entries,
    offered_for,
    plan_entries,
    remove_entry,
    take_into_agenda,
    update_entry,
)
from desktop.views import colours
from desktop.views.notices import MEETINGS, Notices
from desktop.views.service_call import call_service
from desktop.views.table_models.rows import Column, RowsTableModel
from desktop.views.widgets import Feedback, RowsTable, button

REPEATS = (("Once", 0), ("Every month", 1), ("Every two months", 2), ("Every quarter", 3),
           ("Every six months", 6), ("Every year", 12))


def _state(entry: PlanEntry) -> str:
    if entry.item_number:
        return f"{entry.state.capitalize()} (item {entry.item_number})"
    return entry.state.upper() if entry.state == SLIPPED else entry.state.capitalize()


class PlanModel(RowsTableModel[PlanEntry]):
    columns = (
        Column("Month", lambda e: e.month_text, lambda e: e.month),
        Column("Business", lambda e: e.title, lambda e: e.title.casefold()),
        Column("Lead", lambda e: e.lead, lambda e: e.lead.casefold()),
        Column("Meeting", lambda e: (f"{e.meeting_date:%d/%m/%Y}" if e.meeting_date else
                                     "no meeting that month")
               + (" (placed)" if e.placed else ""),
               lambda e: e.meeting_date or e.month),
        Column("State", _state, lambda e: e.state,
               colour=lambda e: colours.text("overdue") if e.state == SLIPPED else None),
    )


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(edit: QDateEdit) -> dt.date:
    value = edit.date()
    return dt.date(value.year(), value.month(), value.day())


class EntryForm(QDialog):
    """One entry of the plan: new (once or on a cycle) or changed."""

    def __init__(self, parent: QWidget, database: Database, board_id: int,
                 entry: PlanEntry | None, today: dt.date) -> None:
        super().__init__(parent)
        self.setWindowTitle("Change the planned business" if entry else "Plan business")
        self.database, self.board_id, self.entry = database, board_id, entry
        self.title = QLineEdit(entry.title if entry else "")
        self.title.setPlaceholderText("e.g. Annual report, Section 11 audit")
        self.month = QDateEdit(_qdate(entry.month if entry else today))
        self.month.setDisplayFormat("MMMM yyyy")
        self.month.setCalendarPopup(True)
        self.lead = QLineEdit(entry.lead if entry else "")
        self.purpose = QComboBox()
        self.purpose.addItem("(none)", None)
        for value, label in PURPOSE_LABELS.items():
            self.purpose.addItem(label, value)
        self.purpose.setCurrentIndex(max(0, self.purpose.findData(entry.purpose if entry
                                                                  else None)))
        self.meeting = QComboBox()
        self.meeting.addItem("The first meeting of the month", None)
        for row in sorted(list_meetings(database, board_id), key=lambda m: m.date):
            self.meeting.addItem(f"{row.date:%d/%m/%Y} {row.title}", row.id)
        if entry is not None and entry.placed:
            self.meeting.setCurrentIndex(max(0, self.meeting.findData(entry.meeting_id)))
        self.repeat = QComboBox()
        for label, months in REPEATS:
            self.repeat.addItem(label, months)
        self.until = QDateEdit(_qdate(dt.date(today.year + 1, today.month, 1)))
        self.until.setDisplayFormat("MMMM yyyy")
        self.until.setCalendarPopup(True)
        self.notes = QPlainTextEdit(entry.notes if entry else "")
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(80)
        self.feedback = Feedback("planEntryMessage")
        form = QFormLayout()
        rows: list[tuple[str, QWidget, str]] = [
            ("&Business:", self.title, "Business"), ("&Month:", self.month, "Month"),
            ("&Lead:", self.lead, "Lead"), ("&Purpose:", self.purpose, "Purpose"),
            ("M&eeting:", self.meeting, "Meeting"),
        ]
        if entry is None:
            rows += [("&Repeat:", self.repeat, "Repeat"), ("&Until:", self.until, "Until")]
        rows.append(("&Notes:", self.notes, "Notes"))
        for label, widget, name in rows:
            widget.setAccessibleName(name)
            form.addRow(label, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.feedback)
        layout.addWidget(buttons)
        self.repeat.currentIndexChanged.connect(
            lambda _i: self.until.setEnabled(bool(self.repeat.currentData())))
        self.until.setEnabled(False)
        self.resize(520, self.sizeHint().height())

    def fields(self) -> PlanFields:
        return PlanFields(self.title.text(), _day(self.month), self.lead.text(),
                          self.purpose.currentData(), self.notes.toPlainText(),
                          self.meeting.currentData())

    def save(self) -> None:
        fields = self.fields()
        if self.entry is not None:
            entry_id = self.entry.id
            done = call_service(self, lambda _r: update_entry(self.database, entry_id, fields),
                                self.feedback.problem)
        else:
            repeat = self.repeat.currentData() or 0
            until = _day(self.until)
            done = call_service(self, lambda _r: add_entries(
                self.database, self.board_id, fields, repeat, until), self.feedback.problem)
        if done:
            self.accept()


class ForwardPlanDialog(QDialog):
    def __init__(self, parent: QWidget | None, database: Database, notices: Notices,
                 board_id: int | None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("forwardPlanDialog")
        self.setWindowTitle("Forward plan")
        self.database, self.notices = database, notices
        self.today = today or dt.date.today()
        self.board = QComboBox()
        self.board.setAccessibleName("Board or group")
        for info in list_boards(database):
            self.board.addItem("    " * info.depth + info.name, info.id)
        if board_id is not None:
            self.board.setCurrentIndex(max(0, self.board.findData(board_id)))
        self.model = PlanModel()
        self.table = RowsTable(self.model, "forwardPlanTable", "Planned business")
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.summary = QLabel()
        self.summary.setObjectName("forwardPlanSummary")
        self.summary.setWordWrap(True)
        self.feedback = Feedback("forwardPlanMessage")
        board_label = QLabel("&Board or group:")
        board_label.setBuddy(self.board)
        top = QHBoxLayout()
        top.addWidget(board_label)
        top.addWidget(self.board, 1)
        actions = QHBoxLayout()
        for widget in (button("&Add…", "addPlanEntry", self.add, "Ctrl+N"),
                       button("&Edit…", "editPlanEntry", self.edit),
                       button("&Remove", "removePlanEntry", self.remove, "Delete")):
            actions.addWidget(widget)
        actions.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        actions.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        explained = QLabel("The business planned for each month, and the meeting it is for: "
                           "the board's first meeting of the month unless placed on another. "
                           "An agenda takes its items from here (Agenda tab, From forward "
                           "plan…, Ctrl+Shift+I).")
        explained.setWordWrap(True)
        layout.addWidget(explained)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.feedback)
        layout.addLayout(actions)
        self.board.currentIndexChanged.connect(lambda _i: self.refresh())
        self.resize(900, 520)
        self.refresh()

    def board_id(self) -> int | None:
        value: Any = self.board.currentData()
        return value

    def refresh(self) -> None:
        board_id = self.board_id()
        entries = plan_entries(self.database, board_id, self.today) if board_id else []
        self.model.set_rows(entries)
        slipped = sum(e.state == SLIPPED for e in entries)
        self.summary.setText(
            "Nothing planned yet: Add… (Ctrl+N) plans the first business." if not entries else
            f"{len(entries)} planned; {slipped} slipped (their month or meeting has passed "
            "without them: offered to the next agenda)." if slipped else
            f"{len(entries)} planned; nothing slipped.")
        if entries:
            self.table.selectRow(0)

    def current(self) -> PlanEntry | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.row_at(self.table.proxy.mapToSource(rows[0]).row())

    def add(self) -> None:
        board_id = self.board_id()
        if board_id is None:
            self.feedback.problem("Add a board or group first (People and groups).")
            return
        if EntryForm(self, self.database, board_id, None, self.today).exec():
            self._changed("Planned.")

    def edit(self) -> None:
        entry = self.current()
        if entry is None:
            self.feedback.problem("Choose an entry first.")
            return
        if EntryForm(self, self.database, entry.board_id, entry, self.today).exec():
            self._changed("Changed.")

    def remove(self) -> None:
        entry = self.current()
        if entry is None:
            self.feedback.problem("Choose an entry first.")
            return
        if call_service(self, lambda _r: remove_entry(self.database, entry.id),
                        self.feedback.problem):
            self._changed(f"Removed {entry.title!r} from the plan"
                          + (" (the agenda item stays)." if entry.item_number else "."))

    def _changed(self, message: str) -> None:
        self.refresh()
        self.feedback.tell(message)
        self.notices.changed.emit(frozenset({MEETINGS}))


class TakeFromPlanDialog(QDialog):
    """What the forward plan offers a meeting's agenda, its own entries ticked and slipped
    ones not; the ticked ones become items at the end of the agenda."""

    def __init__(self, parent: QWidget | None, database: Database, meeting_id: int,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("takeFromPlanDialog")
        self.setWindowTitle("Add from the forward plan")
        self.database, self.meeting_id = database, meeting_id
        self.entries = offered_for(database, meeting_id, today or dt.date.today())
        self.list = QListWidget()
        self.list.setObjectName("offeredPlanEntries")
        self.list.setAccessibleName("Business offered by the forward plan")
        for entry in self.entries:
            slipped = entry.state == SLIPPED
            lead = f" ({entry.lead})" if entry.lead else ""
            text = (f"{entry.title}{lead} — slipped from {entry.month_text}" if slipped
                    else f"{entry.title}{lead} — planned for {entry.month_text}")
            item = QListWidgetItem(text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked if slipped else Qt.CheckState.Checked)
            self.list.addItem(item)
        self.feedback = Feedback("takeFromPlanMessage")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Add to the agenda")
        ok.setEnabled(bool(self.entries))
        buttons.accepted.connect(self.take)
        buttons.rejected.connect(self.reject)
        heading = QLabel("&Ticked business becomes items at the end of the agenda (Space ticks "
                         "or clears the line):" if self.entries else
                         "The forward plan has nothing for this meeting, and nothing slipped. "
                         "Plan business with Forward plan… (Ctrl+Shift+F) in the Meetings "
                         "area.")
        heading.setWordWrap(True)
        heading.setBuddy(self.list)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.feedback)
        layout.addWidget(buttons)
        self.list.setCurrentRow(0)
        self.resize(560, 360)
        self.taken: list[int] = []

    def ticked(self) -> list[int]:
        return [entry.id for index, entry in enumerate(self.entries)
                if self.list.item(index).checkState() == Qt.CheckState.Checked]

    def take(self) -> None:
        chosen = self.ticked()
        if not chosen:
            self.feedback.problem("Tick the business to add first.")
            return
        if call_service(self, lambda _r: self.taken.extend(
                take_into_agenda(self.database, self.meeting_id, chosen)),
                self.feedback.problem):
            self.accept()

"""The Actions area's filter bar: status, owner, agency, words, due within, overdue, raised
between; the page asks it for the ActionFilter it describes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from desktop.services.actions import (
    STATUS_NAMES,
    ActionFilter,
    AgencyChoice,
    OwnerChoice,
    OwnerRef,
    agency_choices,
    owner_choices,
)
from desktop.views.flow_layout import FlowLayout, field_pair
from desktop.views.widgets import named

TYPING_PAUSE_MS = 200  # filter once typing pauses, not on every key


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(edit: QDateEdit | None, ticked: bool) -> dt.date | None:
    if edit is None or not ticked:
        return None
    q = edit.date()
    return dt.date(q.year(), q.month(), q.day())


class ActionFilters(QWidget):
    """The filter bar; `changed` is called whenever the filter it describes changes."""

    def __init__(self, changed: Callable[[], None]) -> None:
        super().__init__()
        self.status = named(QComboBox(), "statusFilter", "Status")
        for label, value in (("Open", "open"), ("Closed", "closed"), ("All", "all")):
            self.status.addItem(label, value)
        for value, name in STATUS_NAMES.items():
            self.status.addItem(f"Only {name.lower()}", value)
        self.owner = named(QComboBox(), "ownerFilter", "Owner")
        self.owner.setMinimumContentsLength(22)
        self.agency = named(QComboBox(), "agencyFilter", "Agency of an owner")
        self.agency.setMinimumContentsLength(16)
        self.overdue = named(QCheckBox("O&verdue"), "overdueFilter", "Overdue only")
        self.due_within = named(QSpinBox(), "dueWithinFilter", "Due within days")
        self.due_within.setRange(0, 730)
        self.due_within.setSpecialValueText("any time")
        self.due_within.setSuffix(" days")
        self.raised_on = named(QCheckBox("Raised &between"), "raisedFilter", "Raised between")
        # Its two dates are made when it is first ticked: two date edits were a tenth of
        # opening the Actions area, shown disabled to nearly every user (benchmarks/
        # FINDINGS.md, issue 19 session 9).
        self.raised_from: QDateEdit | None = None
        self.raised_to: QDateEdit | None = None
        self._changed = changed
        self.text = named(QLineEdit(), "actionSearch", "Find in actions")
        self.text.setPlaceholderText("number, words of the action, an update or a group")
        self.text.setClearButtonEnabled(True)
        self._layout()
        # An owner or agency asked for (a line of the Overview) before the choices were
        # read (they are read on a worker thread when the page is first shown): chosen when
        # they arrive.
        self._wanted: dict[str, Any] = {}
        self.pause = QTimer(self)
        self.pause.setSingleShot(True)
        self.pause.setInterval(TYPING_PAUSE_MS)
        self.pause.timeout.connect(changed)
        self.text.textChanged.connect(lambda _t: self.pause.start())
        self.raised_on.toggled.connect(self._raised_toggled)  # before `changed`: dates first
        for signal in (self.status.currentIndexChanged, self.owner.currentIndexChanged,
                       self.agency.currentIndexChanged,
                       self.overdue.toggled, self.due_within.valueChanged,
                       self.raised_on.toggled):
            signal.connect(lambda *_: changed())

    def _layout(self) -> None:
        # One flowing line of choices: at 200 % they wrap instead of widening the page.
        flow = FlowLayout(self)
        for text, widget in (("&Status:", self.status), ("O&wner:", self.owner),
                             ("F&ind:", self.text), ("&Due within:", self.due_within),
                             ("Agency:", self.agency)):
            flow.addWidget(field_pair(text, widget))
        self.text.setMinimumWidth(self.text.fontMetrics().horizontalAdvance("x" * 28))
        flow.addWidget(self.overdue)
        raised = QWidget()
        self._raised_row = QHBoxLayout(raised)
        self._raised_row.setContentsMargins(0, 0, 0, 0)
        self._raised_row.addWidget(self.raised_on)
        flow.addWidget(raised)

    def _raised_toggled(self, ticked: bool) -> None:
        if ticked and self.raised_from is None:
            self._make_dates()
        for edit in (self.raised_from, self.raised_to):
            if edit is not None:
                edit.setEnabled(ticked)

    def _make_dates(self) -> None:
        """From the first of January to today, beside the box and next to it by Tab."""
        today = dt.date.today()
        self.raised_from = named(QDateEdit(_qdate(today.replace(month=1, day=1))),
                                 "raisedFrom", "Raised from")
        self.raised_to = named(QDateEdit(_qdate(today)), "raisedTo", "Raised to")
        for widget in (self.raised_from, QLabel("and"), self.raised_to):
            self._raised_row.addWidget(widget)
            widget.show()  # now, not on the next turn (as a layout would): Tab comes next
        previous: QWidget = self.raised_on
        for edit in (self.raised_from, self.raised_to):
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setCalendarPopup(True)
            edit.dateChanged.connect(lambda *_: self._changed())
            QWidget.setTabOrder(previous, edit)
            previous = edit

    def set_owners(self, db: Any, board_id: int | None = None) -> None:
        """The owners of actions on the board chosen in the selector (every board's with "All
        boards and groups"), each with the number still open: what there is to chase."""
        self.fill_owners(owner_choices(db, board_id), board_id)

    def fill_owners(self, choices: list[OwnerChoice], board_id: int | None) -> None:
        current = self._wanted.pop("owner", self.owner.currentData())
        self.owner.blockSignals(True)
        self.owner.clear()
        self.owner.addItem("Anyone" if board_id is not None else "Anyone, on any board", None)
        for choice in choices:
            self.owner.addItem(f"{choice.label} — {choice.open} open", choice.owner)
        index = max(0, next((i for i in range(self.owner.count())
                             if self.owner.itemData(i) == current), 0))
        self.owner.setCurrentIndex(index)
        self.owner.blockSignals(False)

    def set_agencies(self, db: Any, board_id: int | None = None) -> None:
        """The agencies whose people own actions on the chosen board, each with the number
        still open; the choice is kept across a refresh where it is still there."""
        self.fill_agencies(agency_choices(db, board_id))

    def fill_agencies(self, choices: list[AgencyChoice]) -> None:
        current = self._wanted.pop("agency", self.agency.currentData())
        self.agency.blockSignals(True)
        self.agency.clear()
        self.agency.addItem("Any agency", None)
        for choice in choices:
            self.agency.addItem(f"{choice.label} — {choice.open} open", choice.agency_id)
        self.agency.setCurrentIndex(max(0, self.agency.findData(current)))
        self.agency.blockSignals(False)

    def wanted(self) -> tuple[OwnerRef | None, int | None]:
        """The owner and agency the filter is for: those chosen, or those asked for and
        not yet in the lists."""
        return (self._wanted.get("owner", self.owner.currentData()),
                self._wanted.get("agency", self.agency.currentData()))

    def show_overdue(self, owner: OwnerRef | None, agency_id: int | None,
                     choices_read: bool = True) -> None:
        """Only the open actions past their due date of one owner or one agency (a line of
        the Overview's "Needs attention"), every other filter cleared. `choices_read`
        False: the owner and agency lists are still being read, and the two are chosen
        when they arrive."""
        self._wanted.clear()
        if not choices_read:
            self._wanted.update(owner=owner, agency=agency_id)
        for combo, value in ((self.owner, owner), (self.agency, agency_id)):
            # compared in Python: Qt's findData cannot compare an OwnerRef
            index = next((i for i in range(combo.count()) if combo.itemData(i) == value), 0)
            combo.blockSignals(True)
            combo.setCurrentIndex(index if value is not None else 0)
            combo.blockSignals(False)
        self.status.blockSignals(True)
        self.status.setCurrentIndex(0)  # open
        self.status.blockSignals(False)
        self.due_within.blockSignals(True)
        self.due_within.setValue(0)
        self.due_within.blockSignals(False)
        self.raised_on.setChecked(False)
        self.text.clear()
        self.overdue.setChecked(True)
        self.overdue.toggled.emit(True)  # one refresh, whatever was already ticked

    def criteria(self, board_id: int | None, sort: str, descending: bool,
                 today: dt.date | None = None) -> ActionFilter:
        owner, agency_id = self.wanted()
        raised = self.raised_on.isChecked()
        return ActionFilter(
            # The board selector narrows an owner's actions too: "All boards and groups" is
            # there to chase someone across every board.
            board_id=board_id,
            statuses=self.status.currentData(), owner=owner,
            agency_id=agency_id,
            overdue=self.overdue.isChecked(),
            due_within_days=self.due_within.value() or None,
            raised_from=_day(self.raised_from, raised),
            raised_to=_day(self.raised_to, raised),
            text=self.text.text(), sort=sort, descending=descending,
            today=today or dt.date.today())

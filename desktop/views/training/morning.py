"""The Overview's training part: what a coordinator looks at first thing, each line leading
to its place in the Training area (Enter or a double click)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from desktop.services.database import Database
from desktop.services.figures import format_pounds
from desktop.services.training import SessionInfo
from desktop.services.training.morning import TrainingMorning, training_morning
from desktop.views import colours
from desktop.views.text import show_date, show_time

# Where a line leads: the Training tab and the session (None: the tab alone).
SESSIONS, REGISTER, CHARGES = "sessions", "register", "charges"
TARGET = Qt.ItemDataRole.UserRole + 10


def coming_text(info: SessionInfo) -> str:
    if info.is_full:
        places = "full"
    elif info.places_left is None:
        places = f"{info.places_taken} booked"
    else:
        places = f"{info.places_left} place{'s' if info.places_left != 1 else ''} left"
    waiting = f", {info.waiting} waiting" if info.waiting else ""
    return (f"{info.start:%a} {show_date(info.start.date())} {show_time(info.start.time())}  "
            f"{info.course}: {places}{waiting}")


class TrainingMorningPanel(QWidget):
    """Three short lists side by side; `open_place` is emitted with (tab, session id)."""

    open_place = Signal(str, object)

    def __init__(self, database: Database) -> None:
        super().__init__()
        self.setObjectName("trainingMorning")
        self.database = database
        self.now = dt.datetime.now
        self.coming = self._list("morningComing", "Sessions in the next two weeks")
        self.unmarked = self._list("morningUnmarked", "Registers not yet marked")
        self.charges = self._list("morningCharges", "Charges to invoice")
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for column, (text, widget) in enumerate((
            ("&Sessions in the next two weeks", self.coming),
            ("&Registers not yet marked", self.unmarked),
            ("&Charges to invoice", self.charges),
        )):
            label = QLabel(text)
            label.setBuddy(widget)
            layout.addWidget(label, 0, column)
            layout.addWidget(widget, 1, column)
            layout.setColumnStretch(column, 2 if column == 0 else 1)
        hint = QLabel("Enter (or a double click) on a line opens it in Training.")
        layout.addWidget(hint, 2, 0, 1, 3)

    def _list(self, name: str, accessible: str) -> QListWidget:
        widget = QListWidget()
        widget.setObjectName(name)
        widget.setAccessibleName(accessible)
        widget.setWordWrap(True)
        widget.setMinimumHeight(120)
        widget.itemActivated.connect(self._activated)
        return widget

    def _activated(self, item: QListWidgetItem) -> None:
        target: Any = item.data(TARGET)
        if target is not None:
            self.open_place.emit(*target)

    @staticmethod
    def _add(widget: QListWidget, text: str, target: tuple[str, int | None] | None) -> None:
        item = QListWidgetItem(text)
        item.setData(TARGET, target)
        item.setToolTip(text)
        if target is None:
            item.setForeground(QColor(colours.text("muted")))
        widget.addItem(item)

    def refresh(self) -> None:
        morning = training_morning(self.database, self.now())
        self._fill(morning)

    def _fill(self, morning: TrainingMorning) -> None:
        for widget in (self.coming, self.unmarked, self.charges):
            widget.clear()
        for info in morning.coming:
            self._add(self.coming, coming_text(info), (SESSIONS, info.id))
        if not morning.coming:
            self._add(self.coming, "No sessions in the next two weeks.", None)
        for register in morning.unmarked:
            self._add(self.unmarked, f"{show_date(register.start.date())}  {register.course}: "
                                     f"{register.unmarked} not marked",
                      (REGISTER, register.session_id))
        more = morning.unmarked_total - len(morning.unmarked)
        if more > 0:
            self._add(self.unmarked, f"and {more} older; see the Register tab", None)
        if not morning.unmarked:
            self._add(self.unmarked, "Every register of a session held is marked.", None)
        charges = morning.charges
        start, end = charges.period
        if charges.charges:
            self._add(self.charges, f"{format_pounds(charges.total_pence)} to invoice: "
                                    f"{charges.charges} charge(s) to {charges.agencies} "
                                    f"agenc{'y' if charges.agencies == 1 else 'ies'}",
                      (CHARGES, None))
        else:
            self._add(self.charges, "No charges to invoice.", (CHARGES, None))
        self._add(self.charges, f"Sessions from {show_date(start)} to {show_date(end)}; "
                                "waived charges left out", None)
        for widget in (self.coming, self.unmarked, self.charges):
            widget.setCurrentRow(0)

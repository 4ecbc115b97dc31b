"""A date typed as the papers write it, whole: "15/03/2027" over whatever is selected.

A QDateEdit is made of sections: typing a whole date over a selection loses digits, and Tab
walks through day, month and year instead of leaving the field, so a time typed next lands
in the year. This field is plain text read by `parse_date`; Tab leaves it, Up and Down move
a day, Alt+Down (or F4) opens a calendar.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QWidget

from desktop.views.text import parse_date, show_date


class DateField(QLineEdit):
    def __init__(self, day: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("dd/mm/yyyy")
        self.setMaximumWidth(130)
        self.setToolTip("Type the date as 23/10/2018. Up and Down move a day; Alt+Down opens "
                        "a calendar.")
        self.calendar: QCalendarWidget | None = None
        self.set_date(day)

    def set_date(self, day: dt.date | None) -> None:
        self.setText(show_date(day))

    def date_value(self, label: str) -> dt.date | None:
        """The date typed (None if empty); ValueError with a plain message if unreadable."""
        return parse_date(self.text(), label)

    def _typed_or_none(self) -> dt.date | None:
        try:
            return self.date_value("Date")
        except ValueError:
            return None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, modifiers = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and modifiers == Qt.KeyboardModifier.NoModifier:
            day = self._typed_or_none()
            if day is not None:
                self.set_date(day + dt.timedelta(days=1 if key == Qt.Key.Key_Up else -1))
            return
        if key == Qt.Key.Key_F4 or (key == Qt.Key.Key_Down
                                    and modifiers == Qt.KeyboardModifier.AltModifier):
            self.open_calendar()
            return
        super().keyPressEvent(event)

    def open_calendar(self) -> QCalendarWidget:
        calendar = QCalendarWidget(self)
        calendar.setObjectName("dateFieldCalendar")
        calendar.setAccessibleName("Choose a date")
        calendar.setWindowFlags(Qt.WindowType.Popup)
        day = self._typed_or_none() or dt.date.today()
        calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        calendar.activated.connect(self._chosen)
        calendar.clicked.connect(self._chosen)
        calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        calendar.show()
        calendar.setFocus()
        self.calendar = calendar
        return calendar

    def _chosen(self, day: QDate) -> None:
        self.set_date(dt.date(day.year(), day.month(), day.day()))
        if self.calendar is not None:
            self.calendar.close()
            self.calendar.deleteLater()
            self.calendar = None
        self.setFocus()

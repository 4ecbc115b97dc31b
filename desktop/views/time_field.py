"""A time and a length of time typed whole, as the papers write them: "15:30", "3:30".

A QTimeEdit is made of sections: typing "15:30" over a selection can land the minutes in the
hours, and Tab walks the sections instead of leaving. These are plain text fields read when
the form is saved; Up and Down move a quarter of an hour.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from desktop.views.text import parse_time, show_time

STEP_MINUTES = 15


class TimeField(QLineEdit):
    def __init__(self, moment: dt.time | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("hh:mm")
        self.setMaximumWidth(90)
        self.setToolTip("Type the time as 15:30. Up and Down move a quarter of an hour.")
        self.set_time(moment)

    def set_time(self, moment: dt.time | None) -> None:
        self.setText(show_time(moment) if moment is not None else "")

    def time_value(self, label: str) -> dt.time | None:
        """The time typed (None if empty); ValueError with a plain message if unreadable."""
        return parse_time(self.text(), label)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and (
                event.modifiers() == Qt.KeyboardModifier.NoModifier):
            try:
                moment = self.time_value("Time")
            except ValueError:
                moment = None
            if moment is not None:
                step = STEP_MINUTES if key == Qt.Key.Key_Up else -STEP_MINUTES
                minutes = (moment.hour * 60 + moment.minute + step) % (24 * 60)
                self.set_time(dt.time(minutes // 60, minutes % 60))
            return
        super().keyPressEvent(event)


_HOURS_MINUTES = re.compile(r"^(\d{1,2})\s*[:.h]\s*(\d{1,2})?\s*(m|min|mins|minutes)?$")
_HOURS = re.compile(r"^(\d{1,2})\s*(h|hr|hrs|hour|hours)$")
_MINUTES = re.compile(r"^(\d{1,4})\s*(m|min|mins|minutes)$")


def parse_duration(text: str, label: str) -> int | None:
    """Minutes from "3:30", "3h30", "3 h 30 min", "7h", "45 min" or a bare "3" (hours);
    "" is not set. ValueError with a plain message when it cannot be read."""
    cleaned = " ".join(text.lower().replace("hours", "h").replace("hour", "h").split())
    cleaned = cleaned.replace(" ", "")
    if not cleaned:
        return None
    minutes: int | None = None
    if cleaned.isdigit() and len(cleaned) <= 2:
        minutes = int(cleaned) * 60
    elif match := _HOURS.match(cleaned):
        minutes = int(match.group(1)) * 60
    elif match := _MINUTES.match(cleaned):
        minutes = int(match.group(1))
    elif (match := _HOURS_MINUTES.match(cleaned)) and int(match.group(2) or 0) < 60:
        minutes = int(match.group(1)) * 60 + int(match.group(2) or 0)
    if minutes is None or not 0 < minutes <= 24 * 60:
        raise ValueError(f"{label}: {text.strip()!r} is not a length of time (write it as "
                         "3:30 for three and a half hours).")
    return minutes


def show_duration(minutes: int | None) -> str:
    """420 -> "7:00", 90 -> "1:30": hours and minutes, as the duration field takes them."""
    if not minutes:
        return ""
    return f"{minutes // 60}:{minutes % 60:02d}"


def describe_duration(minutes: int | None) -> str:
    """420 -> "7 h", 90 -> "1 h 30 min", 45 -> "45 min" (for lists and papers)."""
    if not minutes:
        return ""
    hours, rest = divmod(minutes, 60)
    parts = ([f"{hours} h"] if hours else []) + ([f"{rest} min"] if rest else [])
    return " ".join(parts)


class DurationField(QLineEdit):
    """A course's length in hours and minutes ("3:30"), held as minutes."""

    def __init__(self, minutes: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("h:mm")
        self.setMaximumWidth(90)
        self.setToolTip("Hours and minutes: 3:30 is three and a half hours; 45 min also works.")
        self.setText(show_duration(minutes))

    def minutes(self, label: str) -> int | None:
        return parse_duration(self.text(), label)

"""Filter bars: labelled fields above a list that narrow it as you type; Esc clears them.

The list's model is a FilteredRowsModel: the bar hands it the words typed and, for the
choices (course, venue, status…), a test made as a frozen dataclass, so that an unchanged
choice compares equal and typing on only searches the rows already shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from desktop.services.training import SessionInfo
from desktop.views.date_field import DateField
from desktop.views.flow_layout import FlowLayout, field_pair
from desktop.views.table_models.filtered import FilteredRowsModel
from desktop.views.widgets import RowsTable

Choices = Sequence[tuple[str, Any]]  # (text shown, value; None = any)


class FilterBar(QWidget):
    """A row of labelled filter fields. `changed` is emitted on every edit (no waiting for a
    pause in typing: a keystroke filters within a frame), once for a clear-all."""

    changed = Signal()

    def __init__(self, name: str, what: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setAccessibleName(f"Filter the {what}")
        # One flowing line: at 125 % on a laptop the fields wrap instead of widening the page.
        self._rows = FlowLayout(self)
        self._clearing = False
        self._fields: list[QWidget] = []
        self.count = QLabel()
        self.count.setObjectName(f"{name}Count")
        self._rows.addWidget(self.count)
        self.text = self.add_text("Fi&lter:", f"{name}Text", f"Words to find in the {what}")
        self.text.setPlaceholderText("Type to filter; Esc clears")
        self.text.setMinimumWidth(160)
        clear = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        clear.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        clear.activated.connect(self.clear)

    def next_line(self) -> None:
        """Kept for the callers: the fields flow, wrapping where the width runs out."""

    def _add(self, label: str, widget: QWidget, accessible: str) -> None:
        widget.setAccessibleName(accessible)
        self._rows.removeWidget(self.count)  # the count stays last
        self._rows.addWidget(field_pair(label, widget))
        self._rows.addWidget(self.count)
        self._fields.append(widget)

    def add_text(self, label: str, name: str, accessible: str) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(name)
        field.setClearButtonEnabled(True)
        field.textChanged.connect(lambda _t: self._edited())
        self._add(label, field, accessible)
        return field

    def add_choice(self, label: str, name: str, accessible: str,
                   choices: Choices) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        self.set_choices(combo, choices)
        combo.currentIndexChanged.connect(lambda _i: self._edited())
        self._add(label, combo, accessible)
        return combo

    def add_date(self, label: str, name: str, accessible: str) -> DateField:
        field = DateField()
        field.setObjectName(name)
        field.setMaximumWidth(105)
        field.textChanged.connect(lambda _t: self._edited())
        self._add(label, field, accessible)
        return field

    def set_choices(self, combo: QComboBox, choices: Choices) -> None:
        """Fill a choice (again), keeping what was chosen if it is still there."""
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for text, value in choices:
            combo.addItem(text, value)
        combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen is not None else 0)
        combo.blockSignals(False)

    def _edited(self) -> None:
        if not self._clearing:
            self.changed.emit()

    def clear(self) -> None:
        """Every field back to "any" (Esc)."""
        self._clearing = True
        for field in self._fields:
            if isinstance(field, QLineEdit):
                field.clear()
            elif isinstance(field, QComboBox):
                field.setCurrentIndex(0)
        self._clearing = False
        self.changed.emit()

    @staticmethod
    def date_of(field: DateField) -> dt.date | None:
        """The date typed, or None while it is empty or not yet a whole date."""
        try:
            return field.date_value("Date")
        except ValueError:
            return None


def follow(bar: FilterBar, table: RowsTable, test: Callable[[], Any] = lambda: None,
           after: Callable[[], None] = lambda: None,
           fields: Callable[[], dict[str, str]] = dict) -> Callable[[], None]:
    """Filter `table` whenever `bar` changes, keeping the cursor on the row it was on when
    that row is still shown (else the first row). Returns the function that filters, for a
    refresh to call too."""
    model = table.rows_model
    assert isinstance(model, FilteredRowsModel)

    def apply() -> None:
        current = table.currentIndex()
        chosen = model.held_index(table.proxy.mapToSource(current).row()) \
            if current.isValid() else -1
        model.set_filter(bar.text.text(), test(), fields())
        at = model.position_of_held(chosen) if chosen >= 0 else -1
        table.selectRow(max(at, 0))
        shown, held = model.rowCount(), len(model.all_rows)
        bar.count.setText(f"{shown:,} of {held:,} shown" if model.filtering else f"{held:,}")
        after()

    bar.changed.connect(apply)
    return apply


# -- the sessions' choices --------------------------------------------------------------

FULLNESS: Choices = (("Any", None), ("Places left", "free"), ("Full", "full"),
                     ("With a waiting list", "waiting"))
STATUSES: Choices = (("Any", None), ("Scheduled", "scheduled"), ("Run", "completed"),
                     ("Cancelled", "cancelled"))


@dataclass(frozen=True)
class SessionTest:
    """The sessions' choices as one comparable test (None = any)."""

    course_id: int | None = None
    venue: str = ""  # lowercased words
    trainer: str = ""
    first: dt.date | None = None
    last: dt.date | None = None
    fullness: str | None = None
    status: str | None = None

    def __call__(self, info: SessionInfo) -> bool:
        day = info.start.date()
        return ((self.course_id is None or info.course_id == self.course_id)
                and (not self.venue or self.venue in (info.venue or "").casefold())
                and (not self.trainer or self.trainer in (info.trainer or "").casefold())
                and (self.first is None or day >= self.first)
                and (self.last is None or day <= self.last)
                and (self.fullness is None or _fullness(info, self.fullness))
                and (self.status is None or info.status == self.status))

    def is_any(self) -> bool:
        return self == SessionTest()


def _fullness(info: SessionInfo, wanted: str) -> bool:
    if wanted == "waiting":
        return info.waiting > 0
    open_ = info.status == "scheduled"
    return open_ and (info.is_full if wanted == "full" else not info.is_full)


class SessionFilters(FilterBar):
    """Course, dates, venue, trainer, how full and status, above the sessions list."""

    def __init__(self) -> None:
        super().__init__("sessionFilters", "sessions")
        self.course = self.add_choice("Course:", "filterCourse", "Course",
                                      (("Any", None),))
        self.course.setMaximumWidth(220)
        self.fullness = self.add_choice("Ho&w full:", "filterFullness", "How full", FULLNESS)
        self.status = self.add_choice("Status:", "filterStatus", "Status", STATUSES)
        self.next_line()
        self.first = self.add_date("Fro&m:", "filterFrom", "Sessions from")
        self.last = self.add_date("To:", "filterTo", "Sessions to")
        # No Alt letter: Alt+V is the Trainers and venues tab.
        self.venue = self.add_text("Venue:", "filterVenue", "Venue")
        self.trainer = self.add_text("Trainer:", "filterTrainer", "Trainer")
        for field in (self.venue, self.trainer):
            field.setMaximumWidth(140)

    def set_courses(self, sessions: Sequence[SessionInfo]) -> None:
        names = sorted({(s.course, s.course_id) for s in sessions}, key=lambda c: c[0].lower())
        self.set_choices(self.course, (("Any", None), *names))

    def calendar_test(self) -> SessionTest | None:
        """Every choice, the venue and trainer typed included: for the calendar."""
        found = SessionTest(
            self.course.currentData(), self.venue.text().strip().casefold(),
            self.trainer.text().strip().casefold(), self.date_of(self.first),
            self.date_of(self.last), self.fullness.currentData(), self.status.currentData())
        return None if found.is_any() else found

    def test(self) -> SessionTest | None:
        """The choices for the list, whose model matches the venue and trainer typed itself
        (see fields)."""
        found = self.calendar_test()
        found = found and replace(found, venue="", trainer="")
        return None if found is None or found.is_any() else found

    def fields(self) -> dict[str, str]:
        return {"venue": self.venue.text(), "trainer": self.trainer.text()}

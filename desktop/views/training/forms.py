"""The form for a course, and the dialog shape every training form shares; each checks
through its service."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from desktop.services.database import Database
from desktop.services.training import (
    FORMATS,
    LEVELS,
    CourseDetails,
    CourseInfo,
    TrainingError,
    save_course,
)
from desktop.views.form_dialog import Form
from desktop.views.time_field import DurationField
from desktop.views.widgets import named


def _money_box(name: str, accessible: str, pence: int | None) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    named(box, name, accessible)
    box.setPrefix("£")
    box.setRange(0, 10_000)
    box.setDecimals(2)
    box.setSpecialValueText("none")
    box.setValue((pence or 0) / 100)
    return box


def _pence(box: QDoubleSpinBox) -> int | None:
    return round(box.value() * 100) or None


class CourseDialog(Form):
    def __init__(self, parent: QWidget | None, database: Database,
                 course: CourseInfo | None) -> None:
        super().__init__(parent, "Edit course" if course else "New course", "courseDialog")
        self.database, self.course = database, course
        details = course.details if course else CourseDetails("")
        self.title = QLineEdit(details.title)
        self.level = self._choices("courseLevel", "Level", LEVELS, details.level)
        self.format = self._choices("courseFormat", "Format", FORMATS, details.format)
        # Hours and minutes ("3:30"), as a course's length is spoken of.
        self.duration = DurationField(details.duration_minutes)
        self.capacity = QSpinBox()
        self.capacity.setRange(0, 1000)
        self.capacity.setSpecialValueText("no limit")
        self.capacity.setValue(details.capacity or 0)
        self.charge = _money_box("courseCharge", "Non-attendance charge",
                                 details.non_attendance_charge_pence)
        self.late = _money_box("courseLateCharge", "Late cancellation charge",
                               details.late_cancellation_charge_pence)
        self.description = QPlainTextEdit(details.description)
        self.description.setTabChangesFocus(True)
        named(self.title, "courseTitle", "Course title")
        named(self.duration, "courseDuration", "Duration")
        named(self.capacity, "courseCapacity", "Places per session")
        named(self.description, "courseDescription", "Description")
        for text, widget in (("&Title:", self.title), ("&Level:", self.level),
                             ("&Format:", self.format), ("&Duration (h:mm):", self.duration),
                             ("&Places per session:", self.capacity),
                             ("&Non-attendance charge:", self.charge),
                             ("Late &cancellation charge:", self.late),
                             ("D&escription:", self.description)):
            self.add(text, widget)
        self.resize(520, 420)

    def _choices(self, name: str, what: str, options: dict[str, str],
                 current: str | None) -> QComboBox:
        box = QComboBox()
        named(box, name, what)
        box.addItem("(not set)", None)
        for value, text in options.items():
            box.addItem(text, value)
        box.setCurrentIndex(max(box.findData(current), 0))
        return box

    def accept(self) -> None:
        try:
            minutes = self.duration.minutes("Duration")
        except ValueError as exc:
            self.problem.setText(str(exc))
            self.duration.setFocus()
            return
        details = CourseDetails(
            self.title.text(), self.level.currentData(), self.format.currentData(),
            minutes, self.capacity.value() or None,
            _pence(self.charge), _pence(self.late), self.description.toPlainText())
        try:
            self.saved = save_course(self.database, details,
                                     self.course.id if self.course else None)
        except TrainingError as exc:
            self.problem.setText(str(exc))
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, database: Database,
            course: CourseInfo | None = None) -> CourseInfo | None:
        dialog = cls(parent, database, course)
        return dialog.saved if dialog.exec() == QDialog.DialogCode.Accepted else None

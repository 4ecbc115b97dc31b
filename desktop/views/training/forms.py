"""The forms for a course and for a new session; each checks through its service."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.services.database import Database
from desktop.services.training import (
    FORMATS,
    LEVELS,
    CourseDetails,
    CourseInfo,
    SessionDetails,
    SessionInfo,
    TrainingError,
    change_session,
    get_session_info,
    list_courses,
    save_course,
    schedule_session,
)


def _named(widget: QWidget, name: str, accessible: str) -> QWidget:
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    return widget


class _Form(QDialog):
    """A dialog of labelled fields, a line for a problem, and OK / Cancel."""

    def __init__(self, parent: QWidget | None, title: str, name: str) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.problem = QLabel()
        self.problem.setObjectName("formProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #a00000;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        _named(buttons, "formButtons", "OK or cancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def add(self, text: str, widget: QWidget) -> None:
        label = QLabel(text)
        label.setBuddy(widget)
        self.form.addRow(label, widget)


def _money_box(name: str, accessible: str, pence: int | None) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    _named(box, name, accessible)
    box.setPrefix("£")
    box.setRange(0, 10_000)
    box.setDecimals(2)
    box.setSpecialValueText("none")
    box.setValue((pence or 0) / 100)
    return box


def _pence(box: QDoubleSpinBox) -> int | None:
    return round(box.value() * 100) or None


class CourseDialog(_Form):
    def __init__(self, parent: QWidget | None, database: Database,
                 course: CourseInfo | None) -> None:
        super().__init__(parent, "Edit course" if course else "New course", "courseDialog")
        self.database, self.course = database, course
        details = course.details if course else CourseDetails("")
        self.title = QLineEdit(details.title)
        self.level = self._choices("courseLevel", "Level", LEVELS, details.level)
        self.format = self._choices("courseFormat", "Format", FORMATS, details.format)
        self.duration = QSpinBox()
        self.duration.setRange(0, 24 * 60)
        self.duration.setSuffix(" minutes")
        self.duration.setSpecialValueText("not set")
        self.duration.setValue(details.duration_minutes or 0)
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
        _named(self.title, "courseTitle", "Course title")
        _named(self.duration, "courseDuration", "Duration")
        _named(self.capacity, "courseCapacity", "Places per session")
        _named(self.description, "courseDescription", "Description")
        for text, widget in (("&Title:", self.title), ("&Level:", self.level),
                             ("&Format:", self.format), ("&Duration:", self.duration),
                             ("&Places per session:", self.capacity),
                             ("&Non-attendance charge:", self.charge),
                             ("Late &cancellation charge:", self.late),
                             ("D&escription:", self.description)):
            self.add(text, widget)
        self.resize(520, 420)

    def _choices(self, name: str, what: str, options: dict[str, str],
                 current: str | None) -> QComboBox:
        box = QComboBox()
        _named(box, name, what)
        box.addItem("(not set)", None)
        for value, text in options.items():
            box.addItem(text, value)
        box.setCurrentIndex(max(box.findData(current), 0))
        return box

    def accept(self) -> None:
        details = CourseDetails(
            self.title.text(), self.level.currentData(), self.format.currentData(),
            self.duration.value() or None, self.capacity.value() or None,
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


class SessionDialog(_Form):
    def __init__(self, parent: QWidget | None, database: Database,
                 course_id: int | None, session: SessionInfo | None = None) -> None:
        super().__init__(parent, "Change session" if session else "New session",
                         "sessionDialog")
        self.database, self.session = database, session
        self.promoted: tuple[str, ...] = ()
        self.course = QComboBox()
        _named(self.course, "sessionCourse", "Course")
        for course in list_courses(database):
            self.course.addItem(course.title, course.id)
        self.course.setCurrentIndex(max(self.course.findData(course_id), 0))
        self.day = QDateEdit(QDate.currentDate().addDays(14))
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.setCalendarPopup(True)
        self.start = QTimeEdit(QTime(9, 30))
        self.end = QTimeEdit(QTime(12, 30))
        for edit in (self.start, self.end):
            edit.setDisplayFormat("HH:mm")
        self.venue = QLineEdit()
        self.trainer = QLineEdit()
        self.capacity = QSpinBox()
        self.capacity.setRange(0, 1000)
        self.capacity.setSpecialValueText("as the course")
        for widget, name, accessible in (
            (self.day, "sessionDate", "Date"), (self.start, "sessionStart", "Start time"),
            (self.end, "sessionEnd", "End time"), (self.venue, "sessionVenue", "Venue"),
            (self.trainer, "sessionTrainer", "Trainer"),
            (self.capacity, "sessionCapacity", "Places"),
        ):
            _named(widget, name, accessible)
        fields: tuple[tuple[str, QWidget], ...] = (
            ("&Course:", self.course), ("&Date:", self.day), ("&Starts:", self.start),
            ("&Ends:", self.end), ("&Venue:", self.venue), ("&Trainer:", self.trainer),
            ("&Places:", self.capacity))
        for text, field in fields:
            self.add(text, field)
        if session is not None:
            self._fill(session)
        self.resize(480, 300)

    def _fill(self, session: SessionInfo) -> None:
        self.course.setCurrentIndex(max(self.course.findData(session.course_id), 0))
        start = session.start
        self.day.setDate(QDate(start.year, start.month, start.day))
        self.start.setTime(QTime(start.hour, start.minute))
        if session.end is not None:
            self.end.setTime(QTime(session.end.hour, session.end.minute))
        self.venue.setText(session.venue or "")
        self.trainer.setText(session.trainer or "")
        self.capacity.setValue(session.capacity or 0)

    def accept(self) -> None:
        if self.course.currentData() is None:
            self.problem.setText("Add a course first: a session is a running of a course.")
            return
        qday = self.day.date()
        day = dt.date(qday.year(), qday.month(), qday.day())
        start = dt.datetime.combine(day, dt.time(self.start.time().hour(),
                                                 self.start.time().minute()))
        end = dt.datetime.combine(day, dt.time(self.end.time().hour(), self.end.time().minute()))
        details = SessionDetails(self.course.currentData(), start, end, self.venue.text(),
                                 self.trainer.text(), self.capacity.value() or None)
        try:
            if self.session is None:
                self.saved = schedule_session(self.database, details)
            else:
                change = change_session(self.database, self.session.id, details)
                self.promoted = tuple(b.person for b in change.promoted)
                self.saved = get_session_info(self.database, self.session.id)
        except TrainingError as exc:
            self.problem.setText(str(exc))
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, database: Database, course_id: int | None = None,
            session: SessionInfo | None = None) -> tuple[SessionInfo, tuple[str, ...]] | None:
        """The session as saved and who moved up from its waiting list; None if cancelled."""
        dialog = cls(parent, database, course_id, session)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.saved, dialog.promoted

"""The form for a new or changed session: date and times typed whole, the venue and trainer
chosen from their records, and a warning to confirm when it clashes with another session."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QWidget,
)

from desktop.services.database import USER_FACING_ERRORS, Database
from desktop.services.training import (
    SessionDetails,
    SessionInfo,
    SessionWarnings,
    TrainingError,
    change_session,
    get_session_info,
    list_courses,
    list_trainers,
    list_venues,
    schedule_session,
    session_warnings,
)
from desktop.views.date_field import DateField
from desktop.views.form_dialog import Form
from desktop.views.time_field import TimeField
from desktop.views.training.records import TrainerDialog, VenueDialog
from desktop.views.widgets import named

PROBLEMS = (TrainingError, *USER_FACING_ERRORS)


class SessionDialog(Form):
    def __init__(self, parent: QWidget | None, database: Database,
                 course_id: int | None, session: SessionInfo | None = None) -> None:
        super().__init__(parent, "Change session" if session else "New session",
                         "sessionDialog")
        self.database, self.session = database, session
        self.promoted: tuple[str, ...] = ()
        # What the user was last warned of and agreed to (shown once, not at every OK).
        self.warnings: SessionWarnings | None = None
        self.course = named(QComboBox(), "sessionCourse", "Course")
        for course in list_courses(database):
            self.course.addItem(course.title, course.id)
        self.course.setCurrentIndex(max(self.course.findData(course_id), 0))
        self.day = named(DateField(dt.date.today() + dt.timedelta(days=14)), "sessionDate",
                         "Date")
        self.start = named(TimeField(dt.time(9, 30)), "sessionStart", "Start time")
        self.end = named(TimeField(dt.time(12, 30)), "sessionEnd", "End time")
        self.venue = named(QComboBox(), "sessionVenue", "Venue")
        self.trainer = named(QComboBox(), "sessionTrainer", "Trainer")
        self.capacity = named(QSpinBox(), "sessionCapacity", "Places")
        self.capacity.setRange(0, 1000)
        self.capacity.setSpecialValueText("as the course")
        self.capacity.setMaximumWidth(160)
        self._fill_choices()
        times = QHBoxLayout()
        times.addWidget(self.start)
        times.addWidget(named(self._label("&ends", self.end), "sessionEndsLabel", "Ends"))
        times.addWidget(self.end)
        times.addStretch(1)
        self.add("&Course:", self.course)
        self.add("&Date:", self.day)
        self.add_row("&Starts:", self.start, times)
        self.add_row("&Venue:", self.venue, self._with_new(
            self.venue, "New venue…", "newVenueFromSession", self.new_venue))
        self.add_row("&Trainer:", self.trainer, self._with_new(
            self.trainer, "New trainer…", "newTrainerFromSession", self.new_trainer))
        self.add("&Places:", self.capacity)
        if session is not None:
            self._fill(session)
        self.resize(580, self.sizeHint().height())

    def _label(self, text: str, buddy: QWidget) -> QWidget:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def _with_new(self, box: QComboBox, text: str, name: str, slot: object) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(box, 1)
        new = named(QPushButton(text), name, text.rstrip("…"))
        new.clicked.connect(slot)
        row.addWidget(new)
        return row

    def _fill_choices(self, venue_id: int | None = None, trainer_id: int | None = None) -> None:
        for box, none_text, rows, chosen in (
            (self.venue, "(no venue yet)", list_venues(self.database), venue_id),
            (self.trainer, "(no trainer yet)", list_trainers(self.database), trainer_id),
        ):
            box.clear()
            box.addItem(none_text, None)
            for row in rows:
                room = getattr(row, "room_capacity", None)
                box.addItem(row.name + (f" (room holds {room})" if room else ""), row.id)
            box.setCurrentIndex(max(box.findData(chosen), 0))

    def new_venue(self) -> None:
        made = VenueDialog.ask(self, self.database)
        if made is not None:
            self._fill_choices(made, self.trainer.currentData())

    def new_trainer(self) -> None:
        made = TrainerDialog.ask(self, self.database)
        if made is not None:
            self._fill_choices(self.venue.currentData(), made)

    def _fill(self, session: SessionInfo) -> None:
        self.course.setCurrentIndex(max(self.course.findData(session.course_id), 0))
        self.day.set_date(session.start.date())
        self.start.set_time(session.start.time())
        self.end.set_time(session.end.time() if session.end else None)
        self._fill_choices(session.venue_id, session.trainer_id)
        self.capacity.setValue(session.capacity or 0)

    def details(self) -> SessionDetails:
        """The session as typed; ValueError in plain words when a date or time is unreadable."""
        if self.course.currentData() is None:
            raise ValueError("Add a course first: a session is a running of a course.")
        day = self.day.date_value("Date")
        start = self.start.time_value("Start time")
        if day is None or start is None:
            raise ValueError("A session needs a date and a start time.")
        end = self.end.time_value("End time")
        return SessionDetails(
            self.course.currentData(), dt.datetime.combine(day, start),
            dt.datetime.combine(day, end) if end is not None else None,
            self.venue.currentData(), self.trainer.currentData(),
            self.capacity.value() or None)

    def accept(self) -> None:
        try:
            details = self.details()
            if details.end is not None and details.end <= details.start:
                raise TrainingError("A session must end after it starts.")
            warnings = session_warnings(self.database, details,
                                        self.session.id if self.session else None)
        except (ValueError, *PROBLEMS) as exc:
            self.problem.setText(str(exc))
            return
        if warnings.any and warnings != self.warnings:
            if not self.confirm(warnings):
                self.problem.setText("Not saved: change the time, venue, trainer or places.")
                return
            self.warnings = warnings
        try:
            if self.session is None:
                self.saved = schedule_session(self.database, details)
            else:
                change = change_session(self.database, self.session.id, details)
                self.promoted = tuple(b.person for b in change.promoted)
                self.saved = get_session_info(self.database, self.session.id)
        except PROBLEMS as exc:
            self.problem.setText(str(exc))
            return
        super().accept()

    def confirm(self, warnings: SessionWarnings) -> bool:
        """Ask whether to save despite the clashes; True to save."""
        box = QMessageBox(QMessageBox.Icon.Warning, "Check this session",
                          "\n\n".join(warnings.describe()) + "\n\nSave the session anyway?",
                          parent=self)
        box.setObjectName("sessionClashWarning")
        save = box.addButton("&Save anyway", QMessageBox.ButtonRole.AcceptRole)
        # Enter goes back: saving over a clash is a choice made on purpose.
        box.setDefaultButton(box.addButton("&Go back", QMessageBox.ButtonRole.RejectRole))
        box.exec()
        return box.clickedButton() is save

    @classmethod
    def ask(cls, parent: QWidget | None, database: Database, course_id: int | None = None,
            session: SessionInfo | None = None) -> tuple[SessionInfo, tuple[str, ...]] | None:
        """The session as saved and who moved up from its waiting list; None if cancelled."""
        dialog = cls(parent, database, course_id, session)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.saved, dialog.promoted

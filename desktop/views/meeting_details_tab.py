"""The details of a meeting: kind, date, times, venue, chair, minute-taker, next meeting."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.meetings import KIND_LABELS, MeetingDetails, MeetingFields, PersonChoice
from desktop.views import colours
from desktop.views.combo import select_data
from desktop.views.date_field import DateField
from desktop.views.text import parse_time, show_time


def fields_of(details: MeetingDetails) -> MeetingFields:
    return MeetingFields(details.date, details.kind, details.title, details.start, details.end,
                         details.venue, details.chair_id, details.minute_taker_id,
                         details.closed_at, details.next_meeting)


def _named(widget: QWidget, name: str, accessible: str) -> None:
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)


class MeetingDetailsTab(QWidget):
    """Edits the details; `save_requested` carries the parsed fields for the editor to save."""

    save_requested = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.kind = QComboBox()
        for value, label in KIND_LABELS.items():
            self.kind.addItem(label, value)
        self.title = QLineEdit()
        self.title.setPlaceholderText("e.g. Board Meeting")
        self.date = DateField()
        self.start, self.end, self.closed_at = QLineEdit(), QLineEdit(), QLineEdit()
        for field in (self.start, self.end, self.closed_at):
            field.setPlaceholderText("hh:mm")
            field.setMaximumWidth(90)
        self.venue = QLineEdit()
        self.chair, self.minute_taker = QComboBox(), QComboBox()
        self.next_meeting = DateField()
        for widget, name, label in (
            (self.kind, "meetingKind", "Kind of meeting"), (self.title, "meetingTitle", "Title"),
            (self.date, "meetingDate", "Date"), (self.start, "meetingStart", "Start time"),
            (self.end, "meetingEnd", "End time"), (self.venue, "meetingVenue", "Venue"),
            (self.chair, "meetingChair", "Chair"),
            (self.minute_taker, "meetingMinuteTaker", "Minute-taker"),
            (self.closed_at, "meetingClosedAt", "Meeting closed at"),
            (self.next_meeting, "meetingNext", "Date of next meeting"),
        ):
            _named(widget, name, label)
        self.problem = QLabel()
        self.problem.setObjectName("detailsProblem")
        self.problem.setStyleSheet(colours.text_style("error"))
        self.problem.setWordWrap(True)
        self.save_button = QPushButton("S&ave details")
        _named(self.save_button, "saveDetails", "Save details")
        self.save_button.clicked.connect(self.request_save)
        self._build_layout()
        self.shown = self._typed()  # the form as last filled from the database

    def _build_layout(self) -> None:
        times = QHBoxLayout()
        times.addWidget(self.start)
        times.addWidget(QLabel("to"))
        times.addWidget(self.end)
        times.addStretch(1)
        form = QFormLayout()
        for label, widget in (("&Kind:", self.kind), ("&Title:", self.title),
                              ("&Date:", self.date)):
            form.addRow(label, widget)
        # A row holding a layout gives its label no buddy: without one the "&" would show.
        time_label = QLabel("T&ime:")
        time_label.setBuddy(self.start)
        form.addRow(time_label, times)
        for label, widget in (("&Venue:", self.venue), ("Chai&r:", self.chair),
                              ("Min&ute-taker:", self.minute_taker),
                              ("Meeting cl&osed at:", self.closed_at),
                              ("&Next meeting:", self.next_meeting)):
            form.addRow(label, widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        layout.addStretch(1)

    def set_people(self, people: list[PersonChoice]) -> None:
        for combo in (self.chair, self.minute_taker):
            chosen = combo.currentData()  # kept: a new person elsewhere is no change here
            combo.clear()
            combo.addItem("(not recorded)", None)
            for person in people:
                combo.addItem(person.name, person.id)
            select_data(combo, chosen)

    def show_details(self, details: MeetingDetails) -> None:
        select_data(self.kind, details.kind)
        self.title.setText(details.title)
        self.date.set_date(details.date)
        self.start.setText(show_time(details.start))
        self.end.setText(show_time(details.end))
        self.closed_at.setText(show_time(details.closed_at))
        self.venue.setText(details.venue)
        for combo, person_id in ((self.chair, details.chair_id),
                                 (self.minute_taker, details.minute_taker_id)):
            select_data(combo, person_id)
        self.next_meeting.set_date(details.next_meeting)
        self.problem.clear()
        self.shown = self._typed()

    def fields(self) -> MeetingFields:
        """The form as typed; raises ValueError with a plain message for a bad time or date."""
        day = self.date.date_value("Date")
        if day is None:
            raise ValueError("Date: type the date of the meeting (as 23/10/2018).")
        return MeetingFields(
            date=day,
            kind=str(self.kind.currentData()),
            title=self.title.text(),
            start=parse_time(self.start.text(), "Start"),
            end=parse_time(self.end.text(), "End"),
            venue=self.venue.text(),
            chair_id=self.chair.currentData(),
            minute_taker_id=self.minute_taker.currentData(),
            closed_at=parse_time(self.closed_at.text(), "Closed at"),
            next_meeting=self.next_meeting.date_value("Next meeting"),
        )

    def _typed(self) -> tuple[object, ...]:
        return (self.kind.currentData(), self.title.text(), self.date.text(), self.start.text(),
                self.end.text(), self.closed_at.text(), self.venue.text(),
                self.chair.currentData(), self.minute_taker.currentData(),
                self.next_meeting.text())

    def has_typed(self) -> bool:
        """Whether anything was changed in the form since the details were shown."""
        return self._typed() != self.shown

    def typed_differs_from(self, details: MeetingDetails) -> bool:
        """Changes typed that `details` do not hold (a time not yet valid is one)."""
        if not self.has_typed():
            return False
        try:
            return self.fields() != fields_of(details)
        except ValueError:
            return True

    def show_problem(self, message: str) -> None:
        self.problem.setText(message)

    def request_save(self) -> None:
        try:
            fields = self.fields()
        except ValueError as exc:
            self.problem.setText(str(exc))
            return
        self.problem.clear()
        self.save_requested.emit(fields)

"""The training figures of the chosen period on the Reports page, before anything is exported:
per course and per agency, the same figures as the training figures document."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from desktop.charts import Chart
from desktop.services.database import Database
from desktop.services.failures import describe
from desktop.services.figures import Period
from desktop.services.figures.charts import training_by_sector, training_by_sector_chart
from desktop.services.figures.presets import describe_period
from desktop.services.figures.training import attendance_by_agency
from desktop.services.figures.training_rates import (
    AgencyRow,
    Counts,
    CourseRow,
    TrainingFigures,
    show_rate,
    training_figures,
)
from desktop.views.background import run_in_background
from desktop.views.reports.chart_view import ChartView
from desktop.views.table_models.rows import Column, RowsTableModel
from desktop.views.text import escape
from desktop.views.widgets import RowsTable


def _count(header: str, name: str) -> Column[Any]:
    return Column(header, lambda r: str(getattr(r, name)), lambda r: getattr(r, name),
                  align_right=True)


def _rate(header: str, name: str) -> Column[Any]:
    return Column(header, lambda r: show_rate(getattr(r, name)),
                  lambda r: -1.0 if getattr(r, name) is None else getattr(r, name),
                  align_right=True)


def _course() -> Column[Any]:
    return Column("Course", lambda r: r.title, lambda r: r.title.lower())


# As the document has them: what was offered and used, then what became of registrations.
class CoursePlacesModel(RowsTableModel[CourseRow]):
    columns = (
        _course(), _count("Sessions run", "sessions_run"),
        _count("Still to run", "sessions_scheduled"), _count("Places offered", "places_offered"),
        _count("Attended", "attended"), _count("Walk-ins", "walk_ins"),
        _rate("Places used", "places_used"),
    )


class CourseRegistrationsModel(RowsTableModel[CourseRow]):
    columns = (
        _course(), _count("Registrations", "registrations"),
        Column("Attended", lambda r: str(r.registered_attended),
               lambda r: r.registered_attended, align_right=True),
        _rate("Attendance", "attendance_rate"), _count("Did not attend", "did_not_attend"),
        _rate("No-show rate", "no_show_rate"), _count("Cancelled", "cancelled"),
        _rate("Cancellation rate", "cancellation_rate"),
    )


class AgencyFiguresModel(RowsTableModel[AgencyRow]):
    columns = (
        Column("Agency", lambda r: r.agency, lambda r: (r.agency_id is None, r.agency.lower())),
        _count("Registrations", "registrations"), _count("Walk-ins", "walk_ins"),
        _count("Attended", "attended"), _rate("Attendance", "attendance_rate"),
        _count("Did not attend", "did_not_attend"), _rate("No-show rate", "no_show_rate"),
        _count("Cancelled", "cancelled"), _rate("Cancellation rate", "cancellation_rate"),
    )


def _total_text(what: str, row: Counts, places: CourseRow | None = None) -> str:
    parts = [f"{row.registrations} registrations", f"{row.walk_ins} walk-ins",
             f"{row.attended} attended"]
    if places is not None:
        parts.insert(0, f"{places.sessions_run} sessions run ({places.sessions_scheduled} still "
                        f"to run), {places.places_offered} places, "
                        f"{show_rate(places.places_used)} used")
    parts += [f"attendance {show_rate(row.attendance_rate)}",
              f"no-show {show_rate(row.no_show_rate)}",
              f"cancellation {show_rate(row.cancellation_rate)}"]
    return f"{what}: " + ", ".join(parts) + "."


def _count_figures(database: Database, period: Period) -> tuple[TrainingFigures, Chart]:
    by_sector = training_by_sector(database, attendance_by_agency(database, period))
    return (training_figures(database, period),
            training_by_sector_chart(by_sector, describe_period(period)))


class TrainingFiguresView(QWidget):
    """Counted in the background whenever the period changes; the last answer wins."""

    def __init__(self, database: Database) -> None:
        super().__init__()
        self.setObjectName("trainingFiguresView")
        self.database = database
        self.figures: TrainingFigures | None = None
        self._asked: Period | None = None
        self.heading = QLabel()
        self.heading.setObjectName("figuresHeading")
        self.heading.setAccessibleDescription("The period the figures are for")
        self.courses = RowsTable(CoursePlacesModel(), "courseFiguresTable",
                                 "Places offered and used by course")
        self.registrations = RowsTable(CourseRegistrationsModel(), "registrationFiguresTable",
                                       "Registrations and what became of them, by course")
        self.agencies = RowsTable(AgencyFiguresModel(), "agencyFiguresTable",
                                  "Training figures by agency")
        # The name column takes the room left; the figures keep to their width.
        for table in (self.courses, self.registrations, self.agencies):
            table.horizontalHeader().setStretchLastSection(False)
            table.horizontalHeader().setSectionResizeMode(
                0, table.horizontalHeader().ResizeMode.Stretch)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("figuresTabs")
        self.tabs.setAccessibleName("Training figures")
        self.tabs.addTab(self.courses, "Places by co&urse")
        self.tabs.addTab(self.registrations, "Regi&strations by course")
        self.tabs.addTab(self.agencies, "By age&ncy")
        self.sectors = ChartView("sectorChart", "Training attendees by sector")
        self.tabs.addTab(self.sectors, "Chart by sector")
        self.total = QLabel()
        self.total.setObjectName("figuresTotal")
        self.total.setAccessibleName("Totals")
        self.total.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.total)
        self.tabs.currentChanged.connect(lambda _i: self._show_total())

    def show_period(self, period: Period) -> None:
        """Count the figures of `period` off the UI thread and show them when done."""
        self._asked = period
        self.heading.setText(f"<b>Training figures {describe_period(period)}</b> (counting…)")
        database = self.database
        run_in_background(self, "Counting the training figures…",
                          lambda: _count_figures(database, period), self._counted,
                          self._failed)

    def _counted(self, counted: tuple[TrainingFigures, Chart]) -> None:
        figures, chart = counted
        if figures.period != self._asked:
            return  # a newer period was asked for meanwhile
        self.figures = figures
        self.sectors.set_chart(chart)
        self.heading.setText(f"<b>Training figures {describe_period(figures.period)}</b>")
        self.courses.rows_model.set_rows(figures.by_course)
        self.registrations.rows_model.set_rows(figures.by_course)
        self.agencies.rows_model.set_rows(figures.by_agency)
        self._show_total()

    def _show_total(self) -> None:
        if self.figures is None:
            return
        if not self.figures.by_course:
            self.total.setText("No sessions ran or were scheduled in this period.")
        elif self.tabs.currentWidget() is self.sectors:
            chart = self.sectors.chart
            attendees = round(sum(bar.value for bar in chart.bars)) if chart else 0
            self.total.setText(f"{attendees} attendees, counted by the sector of the agency "
                               "they were booked from.")
        elif self.tabs.currentWidget() is not self.agencies:
            total = self.figures.course_total
            self.total.setText(_total_text("All courses", total, total))
        else:
            self.total.setText(_total_text("All agencies", self.figures.agency_total))

    def _failed(self, exc: Exception) -> None:
        self.heading.setText("The figures could not be counted: "
                             + escape(describe(exc).message))

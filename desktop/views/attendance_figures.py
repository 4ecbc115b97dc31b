"""Attendance figures for any group and period: the annual report's "3/4" table, whether
each meeting was quorate, and each meeting an agency missed across the group and the groups
below it. Counting happens in the services, off the UI thread."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QLabel,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services.boards import list_boards
from desktop.services.database import Database
from desktop.services.figures.boards import (
    AgencyNonAttendance,
    BoardAttendance,
    MeetingQuorum,
    agency_non_attendance,
    board_attendance,
    meeting_quorum,
)
from desktop.services.figures.charts import attendance_by_agency_chart
from desktop.services.figures.period import Period, reporting_year
from desktop.services.settings import load_settings
from desktop.views.background import run_in_background
from desktop.views.flow_layout import field_pair, flow_row, wrapped
from desktop.views.people_panel import stretch_column
from desktop.views.reports.chart_view import ChartView
from desktop.views.stacking_splitter import StackingSplitter
from desktop.views.table_models.people import (
    AgencyNonAttendanceTableModel,
    MemberAttendanceTableModel,
    QuorumTableModel,
)
from desktop.views.text import escape
from desktop.views.widgets import Feedback, RowsTable, button


@dataclass(frozen=True)
class Figures:
    members: BoardAttendance
    quorum: tuple[MeetingQuorum, ...]
    agencies: tuple[AgencyNonAttendance, ...]


def count_figures(database: Database, board_id: int, period: Period) -> Figures:
    return Figures(board_attendance(database, board_id, period),
                   meeting_quorum(database, board_id, period),
                   agency_non_attendance(database, board_id, period))


def _date_edit(name: str, accessible: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    return edit


def _day(edit: QDateEdit) -> dt.date:
    date = edit.date()
    return dt.date(date.year(), date.month(), date.day())


class AttendanceFiguresPanel(QWidget):
    def __init__(self, database: Database) -> None:
        super().__init__()
        self.setObjectName("attendanceFigures")
        self.database = database
        self.group = QComboBox()
        self.group.setObjectName("attendanceGroup")
        self.group.setAccessibleName("Group")
        self.group.activated.connect(self._recount)
        self.start = _date_edit("attendanceFrom", "From")
        self.end = _date_edit("attendanceTo", "To")
        self.show_button = button("&Show figures", "showAttendance", self.count, "F5")
        self.members = MemberAttendanceTableModel()
        self.quorum = QuorumTableModel()
        self.agencies = AgencyNonAttendanceTableModel()
        self.agency_chart = ChartView("agencyAttendanceChart", "Meetings attended by agency")
        self.heading = QLabel()
        self.heading.setObjectName("attendanceHeading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.feedback = Feedback("attendanceMessage")
        self.feedback.hide()
        self.figures: Figures | None = None
        self._lay_out()
        self.set_period(self._default_year())
        self.refresh()

    def _lay_out(self) -> None:
        # One row on a wide window; wrapped onto more at 200 % (never scrolling sideways).
        controls = flow_row(field_pair("G&roup:", self.group), field_pair("Fr&om:", self.start),
                            field_pair("&To:", self.end), self.show_button)
        member_table = RowsTable(self.members, "memberAttendanceTable", "Attendance by member")
        stretch_column(member_table, MemberAttendanceTableModel.COL_ROLE)
        agency_table = RowsTable(self.agencies, "agencyNonAttendanceTable",
                                 "Non-attendance by agency")
        stretch_column(agency_table, AgencyNonAttendanceTableModel.COL_AGENCY)
        agency_table.setWordWrap(True)
        lower = StackingSplitter()  # one above the other when narrow
        lower.addWidget(self._titled("Was each meeting quorate?", RowsTable(
            self.quorum, "quorumTable", "Quorum of each meeting")))
        agency_views = QTabWidget()
        agency_views.setObjectName("agencyAttendanceViews")
        agency_views.setAccessibleName("Non-attendance by agency, as a table or a chart")
        agency_views.addTab(agency_table, "Table")
        agency_views.addTab(self.agency_chart, "Chart")
        lower.addWidget(self._titled(
            "Non-attendance by agency (this group and the groups below it)", agency_views))
        lower.setSizes([330, 670])
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(member_table)
        split.addWidget(lower)
        split.setSizes([520, 240])
        layout = QVBoxLayout(self)
        layout.addWidget(controls)
        layout.addWidget(self.heading)
        layout.addWidget(self.feedback)
        layout.addWidget(split, 1)

    @staticmethod
    def _titled(title: str, table: QWidget) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(wrapped(f"<b>{escape(title)}</b>"))
        layout.addWidget(table)
        return box

    def _default_year(self) -> Period:
        start_month = load_settings(self.database).reporting_year_start_month
        return reporting_year(dt.date.today(), start_month)

    def set_period(self, period: Period) -> None:
        for edit, day in ((self.start, period.start), (self.end, period.end)):
            edit.setDate(QDate(day.year, day.month, day.day))

    def refresh(self) -> None:
        """Reload the list of groups, keeping the one chosen."""
        chosen = self.group.currentData()
        self.group.clear()
        for board in list_boards(self.database):
            self.group.addItem("    " * board.depth + board.label, board.id)
        self.select_group(chosen)

    def select_group(self, board_id: int | None) -> None:
        index = self.group.findData(board_id) if board_id is not None else -1
        if index >= 0 and index != self.group.currentIndex():
            self.group.setCurrentIndex(index)
            self._recount()

    def _recount(self) -> None:
        """Once figures are on screen, choosing another group shows its figures at once."""
        if self.figures is not None and self.show_button.isEnabled():
            self.count()

    def period(self) -> Period:
        return Period.of(_day(self.start), _day(self.end))

    def count(self) -> None:
        board_id = self.group.currentData()
        if board_id is None:
            self._problem("Choose a group first.")
            return
        try:
            period = self.period()
        except ValueError as exc:
            self._problem(str(exc))
            return
        self.show_button.setEnabled(False)
        run_in_background(self, "Counting attendance…",
                          lambda: count_figures(self.database, board_id, period),
                          self._show, self._failed)

    def _show(self, figures: Figures) -> None:
        self.show_button.setEnabled(True)
        self.figures = figures
        self.members.set_rows(figures.members.rows)
        self.quorum.set_rows(figures.quorum)
        self.agencies.set_rows(figures.agencies)
        self.agency_chart.set_chart(
            attendance_by_agency_chart(figures.agencies, figures.members.period.label))
        held = figures.members.meetings_held
        self.heading.setText(
            f"<b>{escape(figures.members.board)}</b>, {figures.members.period.label}: "
            f"{held} meeting{'s' if held != 1 else ''} held, "
            f"{len(figures.members.rows)} seats")
        self.feedback.clear()
        self.feedback.hide()

    def _failed(self, error: Exception) -> None:
        self.show_button.setEnabled(True)
        if not isinstance(error, (LookupError, ValueError)):
            raise error
        self._problem(str(error))

    def _problem(self, text: str) -> None:
        self.feedback.problem(text)
        self.feedback.show()

"""The Agencies tab: list and edit agencies, and see one agency in one place: its people,
its seats on boards, its board attendance and its staff's training in the reporting year."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.services.agencies import (
    SECTORS,
    AgencyInput,
    AgencyOverview,
    AgencyRow,
    agency_overview,
    list_agencies,
    save_agency,
)
from desktop.services.database import Database
from desktop.services.errors import InvalidInput
from desktop.services.figures.period import reporting_year
from desktop.services.settings import load_settings
from desktop.views.page_layout import OverflowToolbar
from desktop.views.people_panel import stretch_column
from desktop.views.table_models.people import AgenciesTableModel
from desktop.views.text import escape, show_date
from desktop.views.training.navigate import open_bookings_of
from desktop.views.widgets import Feedback, RowsTable, button, named


class AgencyPanel(QWidget):
    changed = Signal(object)

    def __init__(self, database: Database) -> None:
        super().__init__()
        self.setObjectName("agencyPanel")
        self.database = database
        self.agency_id: int | None = None
        self.model = AgenciesTableModel()
        self.table = RowsTable(self.model, "agenciesTable", "Agencies")
        stretch_column(self.table, AgenciesTableModel.COL_NAME)
        self.table.selectionModel().currentRowChanged.connect(self._chosen)
        self.name = named(QLineEdit(), "agency_name", "Agency name")
        self.short_name = named(QLineEdit(), "agency_short_name", "Short name")
        self.sector = QComboBox()
        named(self.sector, "agency_sector", "Sector")
        self.sector.addItem("Not given", None)
        for value, label in SECTORS.items():
            self.sector.addItem(label, value)
        self.overview = QLabel()
        self.overview.setObjectName("agencyOverview")
        self.overview.setTextFormat(Qt.TextFormat.RichText)
        self.overview.setWordWrap(True)
        self.overview.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.feedback = Feedback("agencyMessage")
        self._lay_out()
        self.refresh()

    def show_bookings(self) -> None:
        """Every training booking made for the agency chosen, in the Training area."""
        row = self.table.current()
        if row is None:
            self.feedback.problem("Choose the agency whose training bookings to see.")
            return
        open_bookings_of(self, agency_id=row.id)

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow("N&ame:", self.name)
        form.addRow("&Short name:", self.short_name)
        form.addRow("Se&ctor:", self.sector)
        buttons = OverflowToolbar()  # the shared toolbar: More when narrow
        buttons.add(button("&New agency", "newAgency", self.new, "Ctrl+N"))
        buttons.add(button("Sa&ve", "saveAgency", self.save, "Ctrl+S"))
        buttons.add(button("T&raining bookings…", "agencyBookings", self.show_bookings))
        scroll = QScrollArea()
        scroll.setAccessibleName("Agency overview")
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.overview)
        right = QWidget()
        layout = QVBoxLayout(right)
        layout.addLayout(form)
        layout.addWidget(buttons)
        layout.addWidget(self.feedback)
        layout.addWidget(scroll, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(right)
        split.setSizes([500, 500])
        QVBoxLayout(self).addWidget(split)

    def refresh(self) -> None:
        self.model.set_rows(list_agencies(self.database))
        if self.agency_id is not None:
            self.table.select_where(lambda row: row.id == self.agency_id)

    def _chosen(self) -> None:
        row: AgencyRow | None = self.table.current()
        if row is not None and row.id != self.agency_id:
            self.show_agency(row)

    def show_agency(self, row: AgencyRow) -> None:
        self.agency_id = row.id
        self.name.setText(row.name)
        self.name.setCursorPosition(0)
        self.short_name.setText(row.short_name or "")
        self.sector.setCurrentIndex(max(0, self.sector.findData(row.sector)))
        year = reporting_year(dt.date.today(),
                              load_settings(self.database).reporting_year_start_month)
        try:
            self.overview.setText(_overview_html(agency_overview(self.database, row.id, year)))
        except InvalidInput as exc:
            self.feedback.problem(exc.message)

    def new(self) -> None:
        self.agency_id = None
        self.name.clear()
        self.short_name.clear()
        self.sector.setCurrentIndex(0)
        self.overview.clear()
        self.table.clearSelection()
        self.name.setFocus()

    def save(self) -> None:
        data = AgencyInput(self.name.text(), self.short_name.text(), self.sector.currentData())
        try:
            saved = save_agency(self.database, self.agency_id, data)
        except InvalidInput as exc:
            self.feedback.problem(exc.message)
            self.name.setFocus()
            return
        self.agency_id = saved.id
        self.feedback.tell(f"{saved.name} saved.")
        self.changed.emit(frozenset({"people"}))
        self.refresh()
        self.show_agency(saved)


def _overview_html(overview: AgencyOverview) -> str:
    count = len(overview.people)
    parts = [f"<p><b>{count}</b> {'person' if count == 1 else 'people'} on record.</p>"]
    if overview.seats:
        items = "".join(
            f"<li>{escape(s.board)}: {escape(s.person)}"
            f"{' — ' + escape(s.role) if s.role else ''}"
            f"{' (left ' + show_date(s.to_date) + ')' if s.to_date else ''}</li>"
            for s in overview.seats)
        parts.append(f"<p><b>Seats on boards and groups</b></p><ul>{items}</ul>")
    label = overview.period.label
    for line in overview.attendance:
        if not line.expected:
            parts.append(f"<p><b>{escape(line.board)} and its groups:</b> no meetings in "
                         f"{label} while the agency had a seat.</p>")
            continue
        missed = "; ".join(escape(m) for m in line.missed) or "none"
        parts.append(f"<p><b>{escape(line.board)} and its groups, {label}:</b> attended "
                     f"{line.attended} of {line.expected} meetings; missed: {missed}</p>")
    if overview.training:
        items = "".join(
            f"<li>{escape(t.course)}: {t.attended} attended, {t.did_not_attend} did not "
            f"attend, {t.cancelled} cancelled</li>" for t in overview.training)
        parts.append(f"<p><b>Staff training, {label}</b></p><ul>{items}</ul>")
    else:
        parts.append(f"<p>No staff training booked in {label}.</p>")
    return "".join(parts)

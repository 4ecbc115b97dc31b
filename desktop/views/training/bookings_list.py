"""Every booking across sessions, filtered as you type: one delegate's training history, or an
agency's (who, course, session date, status, charge), and the list as shown to Excel.

Ten years hold 50,000 bookings: they are read and prepared for filtering on a worker thread
when the tab is first opened (and again after a change, if it is open), so the screen never
waits on them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.services.database import Database
from desktop.services.figures import format_pounds
from desktop.services.training import list_agencies
from desktop.services.training.history import BookingLine, booking_history
from desktop.views.background import run_in_background
from desktop.views.table_models.filtered import Prepared
from desktop.views.table_models.long_lived import read_long_lived
from desktop.views.table_models.training_history import HistoryTableModel
from desktop.views.text import show_date
from desktop.views.training.excel import ask_xlsx_path, write_xlsx
from desktop.views.training.filters import FilterBar, follow
from desktop.views.widgets import Feedback, RowsTable, button

STATUSES = (("Any", None), ("Booked", "booked"), ("Waiting", "waiting"),
            ("Attended", "attended"), ("Did not attend", "did_not_attend"),
            ("Cancelled", "cancelled"), ("With a charge", "charged"))


@dataclass(frozen=True)
class HistoryTest:
    """The choices; the name typed in Delegate is matched by the model itself."""

    person_id: int | None = None  # one person exactly (from the People tab)
    agency_id: int | None = None
    status: str | None = None
    first: dt.date | None = None
    last: dt.date | None = None

    def __call__(self, line: BookingLine) -> bool:
        day = line.session_start.date()
        return ((self.person_id is None or line.person_id == self.person_id)
                and (self.agency_id is None or line.agency_id == self.agency_id)
                and (self.status is None or _status_is(line, self.status))
                and (self.first is None or day >= self.first)
                and (self.last is None or day <= self.last))


def _status_is(line: BookingLine, wanted: str) -> bool:
    return bool(line.charge_pence) if wanted == "charged" else line.status == wanted


class BookingsListPanel(QWidget):
    changed = Signal()  # never: the list changes nothing (the page listens to every panel)

    def __init__(self, database: Database) -> None:
        super().__init__()
        self.setObjectName("bookingsListPanel")
        self.database = database
        self.model = HistoryTableModel()
        self.table = RowsTable(self.model, "historyTable", "Bookings of every session")
        self.filters = FilterBar("historyFilters", "bookings")
        self.person = self.filters.add_text("Delega&te:", "historyPerson",
                                            "Delegate's name")
        self.agency = self.filters.add_choice("Agenc&y:", "historyAgency", "Agency",
                                              (("Any", None),))
        self.agency.setMaximumWidth(260)
        self.status = self.filters.add_choice("Stat&us:", "historyStatus", "Status", STATUSES)
        self.filters.next_line()
        self.first = self.filters.add_date("Fro&m:", "historyFrom", "Sessions from")
        self.last = self.filters.add_date("T&o:", "historyTo", "Sessions to")
        # The totals line sums up to 50,000 rows: it follows the list after a pause in typing
        # (the count beside the filter is at once).
        self.totals = QTimer(self)
        self.totals.setSingleShot(True)
        self.totals.setInterval(150)
        self.totals.timeout.connect(self._totals)
        self.apply_filters = follow(self.filters, self.table, self.test, self.totals.start,
                                    lambda: {"person": self.person.text()})
        self.total = QLabel()
        self.total.setObjectName("historyTotal")
        self.feedback = Feedback("historyMessage")
        heading = QLabel("Every booking of every session: type a delegate's name or choose "
                         "an agency to see their training history.")
        heading.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(heading, 1)
        row.addWidget(button("E&xport to Excel…", "exportBookings", self.export,
                             "Ctrl+Shift+X"))
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total)
        layout.addWidget(self.feedback)
        self.only_person: tuple[int, str] | None = None  # while the name is left as given
        self.stale = True  # read again when next shown
        self.loading = False

    def test(self) -> HistoryTest | None:
        exactly = self.only_person[0] if self.only_person and \
            self.person.text() == self.only_person[1] else None
        found = HistoryTest(exactly, self.agency.currentData(),
                            self.status.currentData(), self.filters.date_of(self.first),
                            self.filters.date_of(self.last))
        return None if found == HistoryTest() else found

    # -- loading --------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale:
            self.load()

    def refresh(self) -> None:
        """After a change elsewhere: read again now if on screen, else when next shown."""
        self.stale = True
        if self.isVisible():
            self.load()

    def load(self) -> None:
        if self.loading:
            return
        self.loading, self.stale = True, False
        self.filters.set_choices(self.agency, (("Any", None), *(
            (a.name, a.id) for a in list_agencies(self.database))))
        database, model = self.database, self.model

        def work() -> Prepared[BookingLine]:
            # 50,000 rows kept for as long as the tab is open: see long_lived.py.
            return read_long_lived(lambda: model.prepare(booking_history(database)))

        def done(prepared: Prepared[BookingLine]) -> None:
            self.loading = False
            chosen = self.table.current()
            self.model.set_prepared(prepared)
            self.apply_filters()
            if chosen is not None:
                self.table.select_where(lambda line: line.id == chosen.id)

        def failed(_exc: Exception) -> None:
            self.loading = False
            self.feedback.problem("The bookings could not be read; try again.")

        run_in_background(self, "Reading the bookings…", work, done, failed)

    # -- entry points from elsewhere ------------------------------------------------------

    def show_agency(self, agency_id: int) -> None:
        """Every booking made for one agency."""
        self.filters.clear()
        self.agency.setCurrentIndex(max(self.agency.findData(agency_id), 0))

    def show_person(self, person_id: int, name: str) -> None:
        """Every booking of one person: their name in the Delegate field, and only theirs
        (not a namesake's) until the field is changed."""
        self.filters.clear()
        self.only_person = (person_id, name)
        self.person.setText(name)

    # -- totals and export ----------------------------------------------------------------

    def _totals(self) -> None:
        model = self.model
        owed = model.total("owed", lambda line: line.charge_owed_pence)
        attended = model.total("attended", lambda line: int(line.status == "attended"))
        self.total.setText(f"{model.shown_count:,} booking(s) shown, {attended:,} attended; "
                           f"charges to invoice: <b>{format_pounds(owed)}</b>")

    def describe(self) -> str:
        """What the list shows, in words, for the workbook's second line."""
        parts = []
        test = self.test()
        if self.person.text().strip():
            parts.append(f"delegate “{self.person.text().strip()}”")
        if test is not None:
            if test.agency_id is not None:
                parts.append(f"agency {self.agency.currentText()}")
            if test.status is not None:
                parts.append(f"status {self.status.currentText().lower()}")
            if test.first is not None:
                parts.append(f"from {show_date(test.first)}")
            if test.last is not None:
                parts.append(f"to {show_date(test.last)}")
        words = self.filters.text.text().strip()
        if words:
            parts.append(f"containing “{words}”")
        shown = f"{self.model.rowCount():,} of {len(self.model.all_rows):,} bookings"
        return f"{shown}: " + ("; ".join(parts) if parts else "all") + \
            f"; listed on {show_date(dt.date.today())}"

    def export(self) -> None:
        lines: tuple[Any, ...] = self.model.rows
        if not lines:
            self.feedback.problem("No bookings are shown: there is nothing to export.")
            return
        test = self.test()
        who = (self.person.text().strip() if self.person.text().strip()
               else self.agency.currentText() if test and test.agency_id is not None
               else "bookings")
        path = ask_xlsx_path(self, "Export bookings", f"{who} training")
        if path is None:
            return
        from desktop.exports.bookings_xlsx import write_bookings_xlsx

        title, subtitle = f"Training bookings: {who}", self.describe()
        write_xlsx(self, self.feedback, path,
                   lambda target: write_bookings_xlsx(title, subtitle, lines, target))

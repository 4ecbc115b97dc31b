"""The course catalogue and the charges list (waive, reinstate, export to Excel)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.services.database import USER_FACING_ERRORS, Database
from desktop.services.figures import Period, format_pounds
from desktop.services.settings import load_settings
from desktop.services.training import (
    ChargeLine,
    TrainingError,
    invoice_list,
    list_charges,
    list_courses,
    reinstate_charge,
    waive_charge,
)
from desktop.services.training.charges import charges_period
from desktop.views.background import run_in_background
from desktop.views.flow_layout import field_pair, flow_row
from desktop.views.table_models.training_bookings import ChargesTableModel
from desktop.views.table_models.training_sessions import CoursesTableModel
from desktop.views.training.excel import ask_xlsx_path
from desktop.views.training.filters import FilterBar, follow
from desktop.views.training.forms import CourseDialog
from desktop.views.widgets import Feedback, RowsTable, button

PROBLEMS = (TrainingError, *USER_FACING_ERRORS)


@dataclass(frozen=True)
class ChargeTest:
    waived: bool

    def __call__(self, line: ChargeLine) -> bool:
        return line.waived == self.waived


class CoursesPanel(QWidget):
    changed = Signal()

    def __init__(self, database: Database) -> None:
        super().__init__()
        self.setObjectName("coursesPanel")
        self.database = database
        self.table = RowsTable(CoursesTableModel(), "coursesTable", "Courses")
        self.table.doubleClicked.connect(lambda _index: self.edit_course())
        row = QHBoxLayout()
        row.addWidget(button("&New course…", "newCourse", self.new_course, "Ctrl+Shift+N"))
        row.addWidget(button("&Edit course…", "editCourse", self.edit_course, "Ctrl+E"))
        row.addStretch(1)
        self.filters = FilterBar("courseFilters", "courses")
        self.apply_filters = follow(self.filters, self.table)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        chosen = self.table.current()
        self.table.rows_model.set_rows(list_courses(self.database))
        self.apply_filters()
        if not (chosen and self.table.select_where(lambda c: c.id == chosen.id)):
            self.table.selectRow(0)

    def new_course(self) -> None:
        if CourseDialog.ask(self, self.database) is not None:
            self.refresh()
            self.changed.emit()

    def edit_course(self) -> None:
        course = self.table.current()
        if course is not None and CourseDialog.ask(self, self.database, course) is not None:
            self.refresh()
            self.changed.emit()


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(edit: QDateEdit) -> dt.date:
    day = edit.date()
    return dt.date(day.year(), day.month(), day.day())


class ChargesPanel(QWidget):
    changed = Signal()

    def __init__(self, database: Database) -> None:
        super().__init__()
        self.setObjectName("chargesPanel")
        self.database = database
        year = charges_period(database)
        self.start, self.end = QDateEdit(_qdate(year.start)), QDateEdit(_qdate(year.end))
        fields = []
        for edit, name, text in ((self.start, "chargesFrom", "Fr&om:"),
                                 (self.end, "chargesTo", "&To:")):
            edit.setObjectName(name)
            edit.setAccessibleName(text.replace("&", "").rstrip(":"))
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setCalendarPopup(True)
            edit.dateChanged.connect(lambda _d: self.refresh())
            fields.append(field_pair(text, edit))
        buttons = [button(text, name, slot, key) for text, name, slot, key in (
            ("&Waive…", "waiveCharge", self.waive, ""),
            ("R&einstate", "reinstateCharge", self.reinstate, ""),
            ("E&xport to Excel…", "exportCharges", self.export, "Ctrl+Shift+X"),
            ("E-&mail agencies…", "emailAgencies", self.prepare_emails, ""),
        )]
        # One row on a wide window; wrapped onto more at 200 % (never scrolling sideways).
        period = flow_row(*fields, *buttons)
        self.model = ChargesTableModel()
        self.table = RowsTable(self.model, "chargesTable", "Charges")
        self.filters = FilterBar("chargeFilters", "charges")
        self.waived = self.filters.add_choice("Show:", "chargesShown", "Charges shown", (
            ("All charges", None), ("To invoice", "owed"), ("Waived", "waived")))
        self.apply_filters = follow(self.filters, self.table, self._test, self._totals)
        self.total = QLabel()
        self.total.setObjectName("chargesTotal")
        self.feedback = Feedback("chargesMessage")
        layout = QVBoxLayout(self)
        layout.addWidget(period)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total)
        layout.addWidget(self.feedback)

    def prepare_emails(self) -> None:
        """To each agency's training contact its charges: desktop/views/outlook/."""
        from desktop.views.outlook.prepare_dialog import About, PrepareEmailsDialog

        period = self.period()
        if period is not None:
            title = (f"Training charges {period.start:%d/%m/%Y} to {period.end:%d/%m/%Y}, "
                     "to each agency")
            PrepareEmailsDialog(self.database, About(title, period=period), "charges",
                                self).exec()

    def period(self) -> Period | None:
        try:
            return Period.of(_day(self.start), _day(self.end))
        except ValueError as exc:
            self.feedback.problem(str(exc))
            return None

    def refresh(self) -> None:
        period = self.period()
        if period is None:
            return
        chosen = self.table.current()
        lines = list_charges(self.database, period)
        self.table.rows_model.set_rows(lines)
        self.apply_filters()
        if not (chosen and self.table.select_where(lambda c: c.booking_id == chosen.booking_id)):
            self.table.selectRow(0)

    def _test(self) -> ChargeTest | None:
        wanted = self.waived.currentData()
        return None if wanted is None else ChargeTest(wanted == "waived")

    def _totals(self) -> None:
        """The totals of the charges shown: what a filtered list adds up to. Without an
        agency a charge cannot be invoiced: shown apart, not in the amount to invoice."""
        owed = self.model.total("owed", lambda c: 0 if c.waived or c.agency_id is None
                                else c.amount_pence)
        orphans = self.model.total("orphans", lambda c: c.amount_pence
                                   if not c.waived and c.agency_id is None else 0)
        waived = self.model.total("waived", lambda c: c.amount_pence if c.waived else 0)
        shown = " of those shown" if self.model.filtering else ""
        text = (f"To invoice{shown}: <b>{format_pounds(owed)}</b>; waived: "
                f"{format_pounds(waived)}")
        if orphans:
            text += (f"; <b>{format_pounds(orphans)}</b> with no agency recorded: needs an "
                     "agency before invoicing")
        self.total.setText(text)

    def ask_reason(self, person: str) -> str | None:
        text, ok = QInputDialog.getText(self, "Waive charge",
                                        f"Why is {person}'s charge waived?")
        return text if ok else None

    def waive(self) -> None:
        line = self.table.current()
        if line is None:
            return
        reason = self.ask_reason(line.person)
        if reason is None:
            return
        try:
            waive_charge(self.database, line.booking_id, reason)
        except PROBLEMS as exc:
            self.feedback.problem(str(exc))
            return
        self.refresh()
        self.feedback.tell(f"{line.person}'s charge is waived; it stays on record.")
        self.changed.emit()

    def reinstate(self) -> None:
        line = self.table.current()
        if line is None:
            return
        try:
            reinstate_charge(self.database, line.booking_id)
        except PROBLEMS as exc:
            self.feedback.problem(str(exc))
            return
        self.refresh()
        self.feedback.tell(f"{line.person}'s charge is owed again.")
        self.changed.emit()

    def ask_path(self) -> Path | None:
        return ask_xlsx_path(self, "Export charges", "charges")

    def export(self) -> None:
        period, path = self.period(), None
        if period is not None:
            path = self.ask_path()
        if period is None or path is None:
            return
        database = self.database

        def work() -> Path:
            from desktop.exports.charges_xlsx import write_charges_xlsx

            write_charges_xlsx(invoice_list(database, period), path,
                               load_settings(database).organisation_name)
            return path

        run_in_background(self, "Writing the charges list…", work,
                          lambda done: self.feedback.tell(f"Saved {done}."),
                          lambda exc: self.feedback.problem(f"Could not save: {exc}"))

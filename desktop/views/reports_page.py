"""The Reports area: choose a period (the reporting year unless changed, or a quarter from the
list) and a board, see the training figures of the period on screen, then export the annual
report appendices, the training figures or the charges per agency."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from desktop.services.boards import list_boards
from desktop.services.figures import Period, reporting_year
from desktop.services.figures.presets import period_presets
from desktop.services.figures.training_rates import first_session_day
from desktop.services.settings import load_settings
from desktop.views.areas import AppContext
from desktop.views.export_document import (
    Writer,
    annual_report_writer,
    charges_writer,
    export_document,
    training_writer,
)
from desktop.views.notices import BOARDS, PEOPLE, SETTINGS, TRAINING
from desktop.views.page_layout import PageLayout
from desktop.views.reports_figures import TrainingFiguresView

# The first entry of the list of periods: the dates are as typed, not one of the periods.
CUSTOM = "Dates as typed below"


class ReportsPage(QWidget):
    def __init__(self, context: AppContext, today: dt.date | None = None) -> None:
        super().__init__()
        self.setObjectName("reportsPage")
        self.database = context.database
        self.today = today or dt.date.today()
        self.last_written: Path | None = None
        # The shared page layout: the period and board as the filters, the exports in the
        # toolbar, a backwards period and "Saved to …" in the page's message bar.
        self.page = PageLayout(self, "Reports")
        self.page.add_filters(self._choices())
        self._documents()
        self._period_problem = ""  # the bar's message while it is about the period
        self.figures = TrainingFiguresView(self.database)
        self.page.set_body(self.figures)
        context.notices.changed.connect(self._changed)
        self.refresh_boards()
        self.refresh_presets()
        self.use_reporting_year()

    # --- the choices ---------------------------------------------------------------------

    def _choices(self) -> QGroupBox:
        box = QGroupBox("Period and board")
        form = QFormLayout(box)
        self.preset = QComboBox()
        self.preset.setObjectName("reportPreset")
        self.preset.setAccessibleName("Reporting year or quarter")
        self.preset.activated.connect(self._preset_chosen)
        preset_label = QLabel("&Period")
        preset_label.setBuddy(self.preset)
        form.addRow(preset_label, self.preset)
        self.start = self._date_edit("reportFrom", "First day of the period")
        self.end = self._date_edit("reportTo", "Last day of the period")
        self.year_button = QPushButton("This reporting &year")
        self.year_button.setObjectName("reportingYear")
        self.year_button.setAccessibleName("This reporting year")  # the words shown
        self.year_button.setAccessibleDescription("Use the current reporting year")
        self.year_button.clicked.connect(self.use_reporting_year)
        dates = QHBoxLayout()
        dates.addWidget(self.start)
        to_label = QLabel("t&o")  # Alt+T is the training figures
        to_label.setBuddy(self.end)
        dates.addWidget(to_label)
        dates.addWidget(self.end)
        dates.addWidget(self.year_button)
        dates.addStretch(1)
        from_label = QLabel("F&rom")
        from_label.setBuddy(self.start)
        form.addRow(from_label, dates)
        self.board = QComboBox()
        self.board.setObjectName("reportBoard")
        self.board.setAccessibleName("Board whose meeting attendance to report")
        board_label = QLabel("&Board")
        board_label.setBuddy(self.board)
        form.addRow(board_label, self.board)
        return box

    def _date_edit(self, name: str, accessible: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setCalendarPopup(True)
        # Typed dates are counted when the field is left (not at every keystroke).
        edit.editingFinished.connect(self._dates_changed)
        return edit

    def _documents(self) -> None:
        entries = (
            ("&Annual report appendices…", "exportAnnualReport", "Ctrl+Shift+A",
             self.export_annual_report),
            ("&Training figures…", "exportTrainingFigures", "Ctrl+Shift+T",
             self.export_training_figures),
            ("&Charges per agency…", "exportCharges", "Ctrl+Shift+G", self.export_charges),
        )
        for label, name, keys, slot in entries:
            button = QPushButton(label)
            button.setObjectName(name)
            button.setAccessibleName(label.replace("&", "").rstrip("…"))
            button.setToolTip(keys)
            button.clicked.connect(slot)
            # The shortcut works anywhere on the page, also from the date and board fields.
            shortcut = QAction(label, self)
            shortcut.setShortcut(QKeySequence(keys))
            shortcut.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.triggered.connect(slot)
            self.addAction(shortcut)
            self.page.add_button(button)

    # --- state -----------------------------------------------------------------------------

    def use_reporting_year(self) -> None:
        year = reporting_year(self.today, load_settings(self.database).reporting_year_start_month)
        self.set_period(year)

    def set_period(self, period: Period) -> None:
        """Show `period` in the dates (and the list, if it is one of its periods), and count
        its training figures."""
        self.start.setDate(QDate(period.start.year, period.start.month, period.start.day))
        self.end.setDate(QDate(period.end.year, period.end.month, period.end.day))
        self._dates_changed()

    def refresh_presets(self) -> None:
        start_month = load_settings(self.database).reporting_year_start_month
        # Back to the year of the first session (at least two years, at most twenty).
        first = first_session_day(self.database) or self.today
        years_back = min(max(self.today.year - first.year + 1, 2), 20)
        self.presets = period_presets(self.today, start_month, years_back)
        self.preset.clear()
        self.preset.addItem(CUSTOM, None)
        for preset in self.presets:
            self.preset.addItem(preset.label, preset.period)

    def _preset_chosen(self, index: int) -> None:
        period = self.preset.itemData(index)
        if period is not None:
            self.set_period(Period(*period))

    def _dates_changed(self) -> None:
        period = self.period()
        if period is None:
            return
        found = next((i for i in range(1, self.preset.count())
                      if Period(*self.preset.itemData(i)) == period), 0)
        self.preset.setCurrentIndex(found)
        if self.figures.figures is None or self.figures.figures.period != period:
            self.figures.show_period(period)

    def refresh_boards(self) -> None:
        chosen = self.board.currentData()
        self.board.clear()
        self.board.addItem("No board: training only", None)
        for board in list_boards(self.database):
            self.board.addItem("    " * board.depth + board.name, board.id)
        self.set_board(chosen)

    def set_board(self, board_id: int | None) -> None:
        """Called when the board selector changes; None (all boards) leaves the choice."""
        if board_id is None:
            return
        index = self.board.findData(board_id)
        if index >= 0:
            self.board.setCurrentIndex(index)

    def _changed(self, areas: frozenset[str]) -> None:
        if BOARDS in areas:
            self.refresh_boards()
        if SETTINGS in areas:
            self.refresh_presets()
            self.use_reporting_year()
        if areas & {TRAINING, PEOPLE}:
            period = self.period()
            if period is not None:
                self.figures.show_period(period)

    def period(self) -> Period | None:
        """The chosen period, or None with the problem shown beside the dates."""
        start: dt.date = self.start.date().toPython()  # type: ignore[assignment]
        end: dt.date = self.end.date().toPython()  # type: ignore[assignment]
        try:
            period = Period.of(start, end)
        except ValueError as exc:
            self._period_problem = str(exc)
            self.page.message_bar.problem(self._period_problem)
            self.start.setFocus()
            return None
        bar = self.page.message_bar
        if self._period_problem and bar.message().endswith(self._period_problem):
            bar.clear()  # the period is right again: its problem goes
        self._period_problem = ""
        return period

    # --- the exports -----------------------------------------------------------------------

    def export_annual_report(self) -> None:
        period = self.period()
        if period is not None:
            self._export("Export annual report appendices", f"annual-report-{period.label}",
                         annual_report_writer(self.database, period, self.board.currentData()))

    def export_training_figures(self) -> None:
        period = self.period()
        if period is not None:
            self._export("Export training figures", f"training-figures-{period.label}",
                         training_writer(self.database, period))

    def export_charges(self) -> None:
        period = self.period()
        if period is not None:
            self._export("Export charges", f"charges-{period.label}",
                         charges_writer(self.database, period), ("pdf", "docx", "xlsx"))

    def _export(self, title: str, suggested: str, writer: Writer,
                formats: tuple[str, ...] = ("pdf", "docx")) -> None:
        export_document(self, title, suggested, writer, formats, on_done=self._written)

    def _written(self, path: Path) -> None:
        # "Saved to …" is in the message bar (desktop/views/export_document.py).
        self.last_written = path

"""File → Import: choose a file, check what it is and which column is which, see a preview
with the problems highlighted, then import. Reading, checking and importing run off the UI
thread (a booking export may have thousands of rows)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services.boards import list_boards
from desktop.services.importing import Source, open_source, plan_source, run_import
from desktop.services.importing.mapping import KIND_LABELS, KINDS, missing_fields
from desktop.services.importing.plan import Plan
from desktop.services.interchange import ApprovedMinutesChanged, ImportRejected, ImportReport
from desktop.views.areas import AppContext
from desktop.views.background import run_in_background
from desktop.views.error_dialog import show_failure
from desktop.views.importing.tables import MappingTable, PreviewTable
from desktop.views.notices import EVERYTHING
from desktop.views.service_call import AmendmentReason

FILES = "Records (*.xlsx *.csv *.docx *.json);;Excel (*.xlsx);;CSV (*.csv);;Word minutes " \
        "(*.docx);;Boardwork data (*.json)"
FILE, COLUMNS, PREVIEW = range(3)
# What each kind of file is expected to hold: the columns are found from their headers, under
# any title rows, and can be changed on the next page.
_GUIDE = (
    "<p><b>What Boardwork reads</b></p><ul>"
    "<li><b>Action log</b>: action number, action, lead officer (\u201cNancy / Carol\u201d "
    "is two owners), target date, progress, RAG (G/A/R or words), updates.</li>"
    "<li><b>People</b> and <b>board memberships</b>: name (or first name and surname), "
    "e-mail, organisation, job title; for members also role and dates. People are found by "
    "e-mail, then by name; possible duplicates are listed, never merged.</li>"
    "<li><b>Training bookings</b> (a booking system\u2019s attendee export): event name, "
    "event date and time, attendee, e-mail, attendee status (Checked In, Not Checked In, "
    "Cancelled, Waitlist). Courses and sessions are made when Boardwork has none.</li>"
    "<li><b>Minutes</b> (Word): the title block, who was present and sent apologies, "
    "numbered items and action lines. The meeting arrives as draft minutes to check.</li>"
    "</ul><p>Dates may be Excel dates, 07/12/2010, 07.12.10 or a month (\u201cJan 2011\u201d, "
    "taken as its last day and flagged). Nothing is imported until the preview shows no "
    "problems, and importing the same file again updates what it brought in.</p>"
)


class ImportWizard(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importWizard")
        self.setWindowTitle("Import records")
        self.resize(1000, 620)
        self.context = context
        self.source: Source | None = None
        self.plan: Plan | None = None
        self.errors: list[str] = []
        self.preview_ready = False
        self.imported: ImportReport | None = None

        self.pages = QStackedWidget()
        self.pages.addWidget(self._file_page())
        self.pages.addWidget(self._columns_page())
        self.pages.addWidget(self._preview_page())
        self.step = QLabel()
        self.step.setObjectName("importStep")
        self.back = QPushButton("&Back")
        self.next = QPushButton("&Next")
        self.next.setObjectName("importNext")
        self.do_import = QPushButton("&Import")
        self.do_import.setObjectName("importNow")
        self.close_button = QPushButton("Close")
        self.back.clicked.connect(lambda: self.go(self._previous()))
        self.next.clicked.connect(self.forward)
        self.do_import.clicked.connect(lambda: self.import_now())
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.step, 1)
        for button in (self.back, self.next, self.do_import, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        QShortcut(QKeySequence("Ctrl+O"), self, self.choose_file)
        self.go(FILE)

    # -- pages -------------------------------------------------------------------------------

    def _file_page(self) -> QWidget:
        page = QWidget()
        self.path = QLineEdit()
        self.path.setObjectName("importPath")
        self.path.setReadOnly(True)
        self.path.setAccessibleName("File to import")
        choose = QPushButton("&Choose file…")
        choose.setObjectName("importChoose")
        choose.clicked.connect(self.choose_file)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(choose)
        self.kind = QComboBox()
        self.kind.setObjectName("importKind")
        self.kind.setAccessibleName("Kind of records")  # else read out as its value
        for kind in KINDS:
            self.kind.addItem(KIND_LABELS[kind], kind)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.board = QComboBox()
        self.board.setObjectName("importBoard")
        self.board.setAccessibleName("Board")
        self.boards = [(b.label, b.key) for b in list_boards(self.context.database)]
        self._fill_boards(minutes=False)
        self.detected = QLabel(
            "Choose an Excel workbook (.xlsx), a CSV file, Word minutes (.docx) or a Boardwork "
            "data file (.json). An action log, a list of people or board members, a booking "
            "system's attendee export and minutes in your own layout can all be read."
        )
        self.detected.setObjectName("importDetected")
        self.detected.setWordWrap(True)
        form = QFormLayout(page)
        form.addRow("File:", row)
        kind_label = QLabel("&Kind of records:")
        kind_label.setBuddy(self.kind)
        board_label = QLabel("Boa&rd:")
        board_label.setBuddy(self.board)
        form.addRow(kind_label, self.kind)
        form.addRow(board_label, self.board)
        form.addRow(self.detected)
        guide = QLabel(_GUIDE)
        guide.setObjectName("importGuide")
        guide.setWordWrap(True)
        guide.setTextFormat(Qt.TextFormat.RichText)
        form.addRow(guide)
        return page

    def _columns_page(self) -> QWidget:
        page = QWidget()
        self.header_row = QSpinBox()
        self.header_row.setObjectName("importHeaderRow")
        self.header_row.setMinimum(1)
        self.header_row.valueChanged.connect(self._header_row_changed)
        header_label = QLabel("&Headers are in row:")
        header_label.setBuddy(self.header_row)
        self.mapping_note = QLabel()
        self.mapping_note.setObjectName("importMappingNote")
        self.mapping_note.setWordWrap(True)
        self.mapping = MappingTable(self._mapping_changed)
        top = QHBoxLayout()
        top.addWidget(header_label)
        top.addWidget(self.header_row)
        top.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(self.mapping_note)
        layout.addWidget(self.mapping, 1)
        return page

    def _preview_page(self) -> QWidget:
        page = QWidget()
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.preview = PreviewTable()
        self.messages = QListWidget()
        self.messages.setObjectName("importProblems")
        self.messages.setAccessibleName("Problems and notes")
        self.messages.setMaximumHeight(140)
        layout = QVBoxLayout(page)
        layout.addWidget(self.summary)
        layout.addWidget(self.preview, 1)
        layout.addWidget(QLabel("Problems (nothing is imported until they are put right) and "
                                "notes to check:"))
        layout.addWidget(self.messages)
        return page

    # -- moving between pages ----------------------------------------------------------------

    def go(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        names = ("1 of 3: the file", "2 of 3: the columns", "3 of 3: preview and import")
        self.step.setText(f"Step {names[page]}")
        self.back.setEnabled(page != FILE)
        self.next.setVisible(page != PREVIEW)
        self.next.setEnabled(self.source is not None)
        self.do_import.setVisible(page == PREVIEW)
        self.do_import.setEnabled(page == PREVIEW and self.preview_ready and not self.errors
                                  and self.imported is None)
        if page == PREVIEW:
            self.check()

    def _previous(self) -> int:
        page = self.pages.currentIndex()
        if page == PREVIEW and not self._has_columns():
            return FILE
        return max(FILE, page - 1)

    def _has_columns(self) -> bool:
        return self.source is not None and self.source.sheet is not None

    def forward(self) -> None:
        if self.pages.currentIndex() == FILE and self._has_columns():
            self.go(COLUMNS)
        else:
            self.go(PREVIEW)

    # -- the file ----------------------------------------------------------------------------

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Import records", str(Path.home()), FILES)
        if name:
            self.open_file(Path(name))

    def open_file(self, path: Path) -> None:
        database = self.context.database
        self.path.setText(str(path))
        self.source = None
        self.next.setEnabled(False)

        def opened(source: Source) -> None:
            self.source = source
            self._show_source()
            self.next.setEnabled(True)

        def failed(exc: Exception) -> None:
            self.detected.setText(_refusal(exc))

        run_in_background(self, "Reading the file…", lambda: open_source(database, path),
                          opened, failed)

    def _show_source(self) -> None:
        source = self.source
        assert source is not None
        self.kind.blockSignals(True)
        self.kind.setEnabled(source.kind != "json" and source.kind != "minutes")
        self.kind.setCurrentIndex(max(0, self.kind.findData(source.kind)))
        self.kind.blockSignals(False)
        self.board.setEnabled(source.kind in ("actions", "memberships", "minutes"))
        self._fill_boards(minutes=source.kind == "minutes")
        if source.kind == "json":
            self.detected.setText("A Boardwork data file: imported as it is.")
            return
        if source.kind == "minutes":
            self.detected.setText("Word minutes: the board is taken from the title block when "
                                  "it names one, else the board chosen here. The meeting "
                                  "arrives as draft minutes.")
            return
        assert source.sheet is not None
        self.header_row.blockSignals(True)
        self.header_row.setMaximum(max(1, len(source.sheet.rows)))
        self.header_row.setValue(source.header_row + 1)
        self.header_row.blockSignals(False)
        self.detected.setText(
            f"Detected: {KIND_LABELS[source.kind].lower()}, sheet “{source.sheet.name}”, "
            f"headers in row {source.header_row + 1}. Change the kind if it is wrong."
        )
        self.mapping.show_source(source)
        self._mapping_changed()

    def _fill_boards(self, minutes: bool) -> None:
        """Minutes name their board in the title block: that is the first choice for them."""
        chosen = self.board.currentData()
        self.board.clear()
        if minutes:
            self.board.addItem("(the board the minutes name)", None)
        for label, key in self.boards:
            self.board.addItem(label, key)
        self.board.setCurrentIndex(0 if minutes or not chosen else
                                   max(0, self.board.findData(chosen)))

    def _kind_changed(self) -> None:
        if self.source is not None and self.source.sheet is not None:
            self.source.set_kind(self.context.database, self.kind.currentData())
            self._show_source()

    def _header_row_changed(self, value: int) -> None:
        if self.source is not None and self.source.sheet is not None:
            self.source.set_header_row(self.context.database, value - 1)
            self.mapping.show_source(self.source)
            self._mapping_changed()

    def _mapping_changed(self) -> None:
        source = self.source
        if source is None:
            return
        missing = missing_fields(source.mapping, source.kind)
        remembered = "These columns were chosen for the last file laid out like this. " \
            if source.remembered else ""
        self.mapping_note.setText(
            remembered + ("Choose a column for: " + ", ".join(missing) if missing else
                          "Check the field of each column; change any that is wrong.")
        )

    # -- preview and import --------------------------------------------------------------------

    def check(self) -> None:
        """Plan the import and try it (a dry run) in the background: the preview and every
        problem, with nothing changed."""
        source = self.source
        if source is None:
            return
        self.preview_ready = False
        self.do_import.setEnabled(False)
        database, board = self.context.database, self.board.currentData()

        def work() -> tuple[Plan, list[str], ImportReport | None]:
            plan = plan_source(database, source, board)
            try:
                return plan, [], run_import(database, source, plan, dry_run=True)
            except ApprovedMinutesChanged as exc:  # a reason is asked for when importing
                plan.notes += exc.errors
                return plan, [], None
            except ImportRejected as exc:
                return plan, exc.errors, None

        run_in_background(self, "Checking the records…", work, self._checked, self._failed)

    def _checked(self, result: tuple[Plan, list[str], ImportReport | None]) -> None:
        self.plan, self.errors, report = result
        assert self.source is not None
        self.preview.show_rows(self.source, self.plan, self.errors)
        self.messages.clear()
        self.messages.addItems(self.errors)
        notes = report.warnings if report else self.plan.notes
        self.messages.addItems([f"Check: {w}" for w in notes])
        if self.errors:
            self.summary.setText(f"{len(self.errors)} problem(s): nothing can be imported "
                                 "until they are put right in the file (or the columns).")
        else:
            self.summary.setText(f"Ready to import: {_counts(report) or self.plan.summary()}.")
        self.preview_ready = True
        self.do_import.setEnabled(not self.errors)

    def import_now(self, reason: str | None = None) -> None:
        source, plan = self.source, self.plan
        if source is None or plan is None or self.errors:
            return
        database = self.context.database

        def failed(exc: Exception) -> None:
            if isinstance(exc, ApprovedMinutesChanged) and reason is None:
                asked = AmendmentReason.ask(self)
                if asked is not None:
                    self.import_now(asked)
                return
            self._failed(exc)

        run_in_background(self, "Importing…",
                          lambda: run_import(database, source, plan, amend_reason=reason),
                          self._done, failed)

    def _done(self, report: ImportReport) -> None:
        self.imported = report
        self.context.notices.announce(*EVERYTHING)
        self.summary.setText(f"Imported: {_counts(report) or 'nothing new'}. "
                             "Importing the same file again updates these records.")
        self.do_import.setEnabled(False)
        self.close_button.setText("Close")

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, ImportRejected):
            self.errors = exc.errors
            self.messages.clear()
            self.messages.addItems(exc.errors)
            self.summary.setText("Nothing was imported: " + _refusal(exc))
            self.do_import.setEnabled(False)
        else:
            show_failure(self, "Import", exc)


def _refusal(exc: Exception) -> str:
    if isinstance(exc, ImportRejected):
        return "\n".join(exc.errors[:5])
    return "The file could not be read."


def _counts(report: ImportReport | None) -> str:
    if report is None:
        return ""
    words = {name: [f"{n:,} new"] for name, n in report.created.items() if n}
    for name, n in report.updated.items():
        if n:
            words.setdefault(name, []).append(f"{n:,} updated")
    return "; ".join(f"{name.replace('_', ' ')}: {' and '.join(w)}" for name, w in words.items())

"""The audit trail viewer: who changed what and when, filtered by record, person, user,
dates and kind of change, with the old and new values; read-only, exportable to Excel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.exports.audit_xlsx import write_audit_xlsx
from desktop.services.database import Database
from desktop.services.errors import InvalidInput
from desktop.services.people import list_people
from desktop.services.privacy.trail import KINDS, AuditFilter, AuditRow, list_entries, list_users
from desktop.views.background import run_in_background
from desktop.views.date_field import DateField
from desktop.views.error_dialog import show_failure
from desktop.views.privacy.table_models import AuditModel
from desktop.views.widgets import Feedback, RowsTable, button


class SaveAs:
    """Where the Excel file goes. Tests replace `ask`."""

    @staticmethod
    def ask(parent: QWidget) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, "Export the audit trail",
                                              str(Path.home() / "audit-trail.xlsx"),
                                              "Excel workbook (*.xlsx)")
        return Path(name) if name else None


class AuditDialog(QDialog):
    def __init__(self, database: Database, parent: QWidget | None = None,
                 person_id: int | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditDialog")
        self.setWindowTitle("Audit trail")
        self.resize(1250, 720)
        self.database = database
        self.rows: list[AuditRow] = []
        self.record = self._named(QLineEdit(), "auditRecord", "Record key")
        self.record.setPlaceholderText("a key (sally-halls) or table:id (booking:12)")
        self.person = self._named(QComboBox(), "auditPerson", "Person")
        self.person.addItem("Anyone", None)
        for person in list_people(database):
            self.person.addItem(f"{person.name} ({person.key})", person.id)
        if person_id is not None:
            self.person.setCurrentIndex(max(self.person.findData(person_id), 0))
        self.user = self._named(QComboBox(), "auditUser", "User")
        self.user.addItem("Any user", None)
        for name in list_users(database):
            self.user.addItem(name, name)
        self.kind = self._named(QComboBox(), "auditKind", "Kind of change")
        self.kind.addItem("Any change", None)
        for kind, label in KINDS.items():
            self.kind.addItem(label, kind)
        self.start = self._named(DateField(), "auditFrom", "From")
        self.end = self._named(DateField(), "auditTo", "To")
        self.model = AuditModel()
        self.table = RowsTable(self.model, "auditTable", "Audit entries")
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._detail())
        self.detail = self._named(QPlainTextEdit(), "auditDetail", "Old and new values")
        self.detail.setReadOnly(True)
        self.count = QLabel()
        self.count.setObjectName("auditCount")
        self.feedback = Feedback("auditFeedback")
        self._lay_out()
        self.show_entries()

    @staticmethod
    def _named(widget, name: str, accessible: str):  # type: ignore[no-untyped-def]
        widget.setObjectName(name)
        widget.setAccessibleName(accessible)
        return widget

    def _lay_out(self) -> None:
        grid = QGridLayout()
        for column, (text, field) in enumerate((
                ("Rec&ord:", self.record), ("&Person:", self.person), ("&User:", self.user))):
            label = QLabel(text)
            label.setBuddy(field)
            grid.addWidget(label, 0, column * 2)
            grid.addWidget(field, 0, column * 2 + 1)
        for column, (text, field) in enumerate((
                ("&From:", self.start), ("&To:", self.end), ("&Kind:", self.kind))):
            label = QLabel(text)
            label.setBuddy(field)
            grid.addWidget(label, 1, column * 2)
            grid.addWidget(field, 1, column * 2 + 1)
        grid.addWidget(button("&Show", "showAudit", self.show_entries, "Return"), 0, 6)
        grid.addWidget(button("&Export to Excel…", "exportAudit", self.export), 1, 6)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 2)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setSizes([520, 140])
        note = QLabel("The trail is read-only: entries are written by every change and cannot "
                      "be edited here.")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.count)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.feedback)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def wanted(self) -> AuditFilter:
        """The filter as typed; ValueError or InvalidInput with a plain message."""
        return AuditFilter(self.record.text().strip() or None, self.person.currentData(),
                           self.user.currentData(), self.start.date_value("From"),
                           self.end.date_value("To"), self.kind.currentData())

    def show_entries(self) -> None:
        try:
            wanted = self.wanted()
        except ValueError as exc:
            self.feedback.problem(str(exc))
            return

        def failed(exc: Exception) -> None:
            if isinstance(exc, InvalidInput):
                self.feedback.problem(exc.message)
            else:
                show_failure(self, "Boardwork", exc)

        run_in_background(self, "Reading the audit trail…",
                          lambda: list_entries(self.database, wanted), self._show, failed)

    def _show(self, rows: list[AuditRow]) -> None:
        self.rows = rows
        self.model.set_rows(rows)
        self.feedback.setText("")
        limit = AuditFilter().limit
        self.count.setText(f"{len(rows)} entr{'y' if len(rows) == 1 else 'ies'}, newest first"
                           + (f" (the newest {limit}: narrow the filter for older ones)"
                              if len(rows) >= limit else "."))
        self.detail.setPlainText("")

    def _detail(self) -> None:
        row: AuditRow | None = self.table.current()
        if row is None:
            return
        self.detail.setPlainText(
            f"{row.kind} {row.record}{f', field {row.field}' if row.field else ''} by "
            f"{row.user} on {row.at:%d/%m/%Y at %H:%M:%S}\n\nOld: {row.old or '(none)'}\n\n"
            f"New: {row.new or '(none)'}")

    def export(self) -> None:
        path = SaveAs.ask(self)
        if path is None:
            return
        rows = list(self.rows)
        run_in_background(self, "Writing the workbook…",
                          lambda: write_audit_xlsx(rows, path), lambda _r: self.feedback.tell(
                              f"Exported {len(rows)} entries to {path}."),
                          lambda exc: show_failure(self, "Boardwork", exc))

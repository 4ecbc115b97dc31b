"""Subject access: choose the person, see what is held about them (with the minutes items
flagged for review before release), and write the document and the JSON file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.exports.subject_access import write_subject_access
from desktop.services.database import Database
from desktop.services.errors import InvalidInput
from desktop.services.people import list_people
from desktop.services.privacy.subject_access import SubjectAccess, subject_access
from desktop.views.background import run_in_background
from desktop.views.error_dialog import show_failure
from desktop.views.text import escape
from desktop.views.widgets import Feedback, button


class ChooseFolder:
    """Where the files go. Tests replace `ask`."""

    @staticmethod
    def ask(parent: QWidget, start: str) -> str | None:
        folder = QFileDialog.getExistingDirectory(parent, "Write the subject access files to",
                                                  start)
        return folder or None


class SubjectAccessDialog(QDialog):
    def __init__(self, database: Database, parent: QWidget | None = None,
                 person_id: int | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("subjectAccessDialog")
        self.setWindowTitle("Subject access request")
        self.resize(1000, 700)
        self.database = database
        self.person = QComboBox()
        self.person.setObjectName("sarPerson")
        self.person.setAccessibleName("Person")
        self.person.setEditable(True)  # type a few letters of the name to find them
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for row in list_people(database):
            self.person.addItem(f"{row.name} ({row.key})", row.id)
        if person_id is not None:
            self.person.setCurrentIndex(max(self.person.findData(person_id), 0))
        self.format = QComboBox()
        self.format.setObjectName("sarFormat")
        self.format.setAccessibleName("Document format")
        self.format.addItem("PDF", "pdf")
        self.format.addItem("Word", "docx")
        self.folder = QLineEdit(str(Path.home()))
        self.folder.setObjectName("sarFolder")
        self.folder.setAccessibleName("Folder")
        self.preview = QTextBrowser()
        self.preview.setObjectName("sarPreview")
        self.preview.setAccessibleName("What is held")
        self.feedback = Feedback("sarFeedback")
        self._lay_out()
        self.person.currentIndexChanged.connect(lambda _i: self.show_preview())
        self.show_preview()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow("&Person:", self.person)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(button("&Browse…", "sarBrowse", self.browse))
        folder_label = QLabel("F&older:")
        folder_label.setBuddy(self.folder)
        form.addRow(folder_label, folder_row)
        form.addRow("Document &format:", self.format)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(button("&Write the files", "sarWrite", self.write, "Ctrl+S"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.feedback)
        layout.addLayout(actions)
        layout.addWidget(buttons)

    def person_id(self) -> int | None:
        index = self.person.findText(self.person.currentText())
        return self.person.itemData(index) if index >= 0 else None

    def browse(self) -> None:
        folder = ChooseFolder.ask(self, self.folder.text())
        if folder:
            self.folder.setText(folder)

    def show_preview(self) -> None:
        person_id = self.person_id()
        if person_id is None:
            self.preview.setHtml("<p>Choose a person.</p>")
            return
        run_in_background(self, "Gathering what is held…",
                          lambda: subject_access(self.database, person_id),
                          self._preview, self._failed)

    def _preview(self, data: SubjectAccess) -> None:
        self.preview.setHtml(preview_html(data))

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, InvalidInput):
            self.feedback.problem(exc.message)
        else:
            show_failure(self, "Boardwork", exc)

    def write(self) -> None:
        person_id = self.person_id()
        folder = self.folder.text().strip()
        if person_id is None or not folder:
            self.feedback.problem("Choose the person and the folder to write the files to.")
            return
        fmt = self.format.currentData()

        def done(result: tuple[Path, Path, SubjectAccess]) -> None:
            document, machine, data = result
            flagged = (f" {data.flagged} confidential item(s) are flagged: review them "
                       "before release." if data.flagged else "")
            self.feedback.tell(f"Wrote {document.name} and {machine.name} in {folder}."
                               + flagged)

        run_in_background(self, "Writing the subject access files…",
                          lambda: write_subject_access(self.database, person_id, Path(folder),
                                                       fmt), done, self._failed)


def preview_html(data: SubjectAccess) -> str:
    p = data.person
    parts = [f"<h3>{escape(p['name'])}</h3><p>{escape(p['job_title'] or '')}"
             f"{' — ' + escape(p['agency']) if p['agency'] else ''}</p><ul>",
             f"<li>Seats on boards and groups: {len(data.memberships)}</li>",
             f"<li>Meetings in the attendance: {len(data.attendance)}</li>",
             f"<li>Actions owned: {len(data.actions)} (updates: "
             f"{sum(len(a['updates']) for a in data.actions)})</li>",
             f"<li>Training bookings: {len(data.bookings)}</li>",
             f"<li>Audit entries about them: {len(data.audit)}</li>",
             f"<li>Minutes that mention them: {len(data.minutes)}</li></ul>"]
    if data.minutes:
        parts.append("<h4>Minutes that mention them</h4><ul>")
        for m in data.minutes:
            flag = (" <b>— CONFIDENTIAL: review and redact before release</b>"
                    if m.confidential else "")
            parts.append(f"<li>{escape(m.meeting)}, item {escape(m.item)} (found: "
                         f"{escape(m.matched)}){flag}</li>")
        parts.append("</ul>")
    return "".join(parts)

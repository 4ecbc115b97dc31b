"""The Papers pane of the Agenda tab: the selected item's papers (attach, view, remove), whether
a paper is expected for it, the meeting's paper deadline and the papers still missing.

Attaching reads and checks the file (and turns a Word document into PDF, which can take a
while) off the UI thread. Viewing writes a decrypted copy into a private temporary folder,
removed when the application closes, and opens it in the computer's PDF reader.
"""

from __future__ import annotations

import atexit
import datetime as dt
import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services import papers
from desktop.services.meetings import ItemRow
from desktop.views.background import run_in_background
from desktop.views.date_field import DateField
from desktop.views.error_dialog import show_failure
from desktop.views.meeting_shared import EditorState
from desktop.views.meetings.papers_dialog import PaperDetailsDialog
from desktop.views.service_call import Problem, call_service
from desktop.views.text import show_date

FILE_FILTER = ("Papers (*.pdf *.docx *.doc *.odt *.rtf);;PDF (*.pdf);;"
               "Word documents (*.docx *.doc *.odt *.rtf)")
_viewing_folder: Path | None = None


def viewing_folder() -> Path:
    """A folder only this user can read, emptied when the application closes: decrypted
    copies of papers never stay on the disk."""
    global _viewing_folder
    if _viewing_folder is None or not _viewing_folder.exists():
        _viewing_folder = Path(tempfile.mkdtemp(prefix="boardwork-papers-"))
        atexit.register(shutil.rmtree, _viewing_folder, True)
    return _viewing_folder


def paper_line(row: papers.PaperRow) -> str:
    """ "Section 11 audit — Wye Valley NHS Trust, received 19/10/2018 (late), 3 pages"."""
    line = row.title + (f" — {row.author}" if row.author else "")
    line += f", received {show_date(row.received)}{' (late)' if row.late else ''}"
    return line + f", {row.pages} page{'s' * (row.pages != 1)}"


def _size(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1048576:.1f} MB"


class ConfirmRemove:
    """Asks before a paper is removed (it is not undoable). Tests replace `ask`."""

    @staticmethod
    def ask(parent: QWidget, paper: papers.PaperRow) -> bool:
        answer = QMessageBox.question(
            parent, "Remove paper",
            f"Remove \u201c{paper.title}\u201d from item {paper.item_number}?\n\nThe paper "
            "is deleted from Boardwork; the file it came from is not touched.")
        return answer == QMessageBox.StandardButton.Yes


class PapersPane(QWidget):

    def __init__(self, state: EditorState) -> None:
        super().__init__()
        self.setObjectName("papersPane")
        self.state = state
        self.item: ItemRow | None = None
        self.heading = QLabel("Papers")
        self.heading.setObjectName("papersHeading")
        self.heading.setWordWrap(True)
        # A list, not a table: beside the minutes there is room for a line a paper, not for
        # columns (the whole line, file name and size are in its tooltip).
        self.table = QListWidget()
        self.table.setObjectName("papersList")
        self.table.setAccessibleName("Papers of the selected item")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)  # a long title wraps rather than hides its end
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.table.itemActivated.connect(lambda *_: self.view())
        self.expected = QCheckBox("Paper expected")
        self.expected.setObjectName("paperExpected")
        self.expected.setToolTip("Listed as missing until a paper is attached, and printed "
                                 "\"To follow\" in the pack's agenda.")
        self.expected.clicked.connect(self.set_expected)
        self.deadline = DateField()
        self.deadline.setObjectName("paperDeadline")
        self.deadline.setAccessibleName("Paper deadline")
        self.deadline.editingFinished.connect(self.save_deadline)
        self.missing = QLabel()
        self.missing.setObjectName("papersMissing")
        self.missing.setWordWrap(True)
        self.buttons = self._buttons()
        self._build()

    def _buttons(self) -> dict[str, QPushButton]:
        buttons = {}
        for key, text, tip, slot in (
            ("attach", "Attach paper…", "Attach a PDF or Word paper to the selected item "
             "(Ctrl+Shift+O)", self.attach),
            ("view", "View", "Open the paper in the PDF reader (Enter on the list)", self.view),
            ("remove", "Remove paper", "Remove the selected paper from the item", self.remove),
        ):
            button = QPushButton(text)
            button.setObjectName(f"{key}Paper")
            button.setAccessibleName(text.rstrip("…"))
            button.setToolTip(tip)
            button.clicked.connect(slot)
            buttons[key] = button
        return buttons

    def install_shortcut(self, scope: QWidget) -> None:
        """Ctrl+Shift+O attaches a paper wherever the focus is in `scope` (the Agenda tab:
        the agenda's list above all)."""
        attach = QShortcut(QKeySequence("Ctrl+Shift+O"), scope)
        attach.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        attach.activated.connect(self.attach)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        for key in ("attach", "view", "remove"):
            row.addWidget(self.buttons[key])
        row.addStretch(1)
        layout.addLayout(row)
        deadline_row = QHBoxLayout()  # one line: the item's, then the meeting's
        deadline_row.addWidget(self.expected)
        deadline_row.addStretch(1)
        label = QLabel("Paper deadline:")
        label.setBuddy(self.deadline)
        deadline_row.addWidget(label)
        deadline_row.addWidget(self.deadline)
        layout.addLayout(deadline_row)
        layout.addWidget(self.missing)

    # -- showing ---------------------------------------------------------------------------

    def show_item(self, item: ItemRow | None) -> None:
        self.item = item
        db, meeting_id = self.state.database, self.state.meeting_id
        rows = papers.item_papers(db, item.id) if item is not None else []
        self.heading.setText(f"Papers for item {item.number}: {item.title}" if item is not None
                             and item.number else f"Papers for {item.title}" if item is not None
                             else "Papers: choose an item")
        self.rows = rows
        self.table.clear()
        for row in rows:
            line = QListWidgetItem(paper_line(row))
            line.setToolTip(f"{paper_line(row)}\n{row.filename}, {_size(row.size)}"
                            + ("\nReceived after the paper deadline." if row.late else ""))
            self.table.addItem(line)
        if rows:
            self.table.setCurrentRow(0)
        self.expected.setEnabled(item is not None)
        self.expected.setChecked(bool(item is not None and item.paper_expected))
        for key in ("view", "remove"):
            self.buttons[key].setEnabled(bool(rows))
        self.buttons["attach"].setEnabled(item is not None)
        if meeting_id is not None:
            if not self.deadline.hasFocus():
                self.deadline.set_date(papers.paper_deadline(db, meeting_id))
            self._show_missing(meeting_id)

    def _show_missing(self, meeting_id: int) -> None:
        missing = papers.missing_papers(self.state.database, meeting_id)
        if not missing:
            self.missing.setText("No paper is missing.")
            return
        listed = ", ".join(m.item_number or m.item_title for m in missing[:8])
        more = f" and {len(missing) - 8} more" if len(missing) > 8 else ""
        self.missing.setText(f"Papers still missing: {len(missing)} (item"
                             f"{'s' * (len(missing) != 1)} {listed}{more}).")

    def selected_paper(self) -> papers.PaperRow | None:
        index = self.table.currentRow()
        return self.rows[index] if 0 <= index < len(self.rows) else None

    # -- actions ---------------------------------------------------------------------------

    def attach(self) -> None:
        item = self.item
        if item is None or not self.buttons["attach"].isEnabled():
            return
        name, _ = QFileDialog.getOpenFileName(self, "Attach a paper", str(Path.home()),
                                              FILE_FILTER)
        if name:
            self.attach_file(Path(name))

    def attach_file(self, path: Path) -> None:
        """Ask for the paper's details, then check (or convert) and store it off the UI
        thread."""
        item = self.item
        if item is None:
            return
        details = PaperDetailsDialog.ask(self, path, item)
        if details is None:
            return
        db, item_id = self.state.database, item.id

        def work() -> int:
            paper = papers.read_paper_file(path)
            return papers.attach_paper(db, item_id, paper, details.title, details.author,
                                       details.received)

        run_in_background(self, f"Attaching {path.name}…", work,
                          lambda _id: self.state.reload(), self._failed)

    def _failed(self, exc: Exception) -> None:
        from desktop.services.errors import InvalidInput

        if isinstance(exc, InvalidInput):
            Problem.show(self, exc.message)
        else:
            show_failure(self, "Attach a paper", exc, lead="The paper was not attached. ")

    def view(self) -> None:
        paper = self.selected_paper()
        if paper is None:
            return
        try:
            name, data = papers.paper_pdf(self.state.database, paper.id)
            folder = viewing_folder() / str(paper.id)
            folder.mkdir(exist_ok=True)
            target = folder / name
            # Open in a reader already (Windows locks it): the copy there is this paper's.
            if not (target.exists() and target.stat().st_size == len(data)):
                target.write_bytes(data)
        except Exception as exc:  # a full disk, a paper removed meanwhile
            show_failure(self, "View a paper", exc)
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))

    def remove(self) -> None:
        paper = self.selected_paper()
        if paper is not None and ConfirmRemove.ask(self, paper) and call_service(
                self, lambda _r: papers.remove_paper(self.state.database, paper.id)):
            self.state.reload()

    def set_expected(self, checked: bool) -> None:
        item = self.item
        if item is not None and call_service(
                self, lambda _r: papers.set_paper_expected(self.state.database, item.id,
                                                           checked)):
            self.state.reload()

    def save_deadline(self) -> None:
        meeting_id = self.state.meeting_id
        if meeting_id is None:
            return
        try:
            day: dt.date | None = self.deadline.date_value("The paper deadline")
        except ValueError as exc:
            Problem.show(self, str(exc))
            return
        if day == papers.paper_deadline(self.state.database, meeting_id):
            return
        if call_service(self, lambda _r: papers.set_paper_deadline(self.state.database,
                                                                   meeting_id, day)):
            self._show_missing(meeting_id)
        else:
            self.deadline.set_date(papers.paper_deadline(self.state.database, meeting_id))

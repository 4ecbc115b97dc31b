"""The side panels of the minute-taking view: who is here, and the actions in play."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.actions.common import RAG_NAMES, ActionRow
from desktop.services.meetings import AttendanceRow
from desktop.services.meetings.room import RoomCount, count_in_room
from desktop.views import colours
from desktop.views.flow_layout import flow_row
from desktop.views.text import escape, show_date, show_time

STATE_MARKS = {"present": "\u202f✓", "in_attendance": "\u202f◇", "apologies": "\u00a0(apol.)",
               "absent": "\u00a0(absent)", "expected": "\u202f?"}  # kept with the initials
LEGEND = "✓ present, ◇ in attendance, apol. apologies, ? expected"


def attendance_html(rows: list[AttendanceRow], count: RoomCount | None = None) -> str:
    """Initials coloured by status; arrivals and departures noted, as the minutes print them.
    The count leaves out who has left, and says in words whether the meeting is quorate."""
    parts = []
    for row in rows:
        note = ""
        if row.arrived:
            note += f" ↘{show_time(row.arrived)}"
        if row.left:
            note += f" ↗{show_time(row.left)}"
        colour = colours.text(row.status) if row.status in colours.TEXT else "inherit"
        struck = "text-decoration: line-through;" if row.status in ("apologies", "absent") else ""
        # The state in a mark as well as a colour (WCAG 1.4.1): ✓ present, ◇ in attendance,
        # "apol." and "absent" in words; a screen reader reads the marks with the initials.
        parts.append(f'<span style="color:{colour};{struck}" title="{escape(row.name)}">'
                     f"<b>{escape(row.initials)}</b></span>{STATE_MARKS.get(row.status, '')}"
                     f"{escape(note)}")
    count = count or count_in_room(((r.status, r.left) for r in rows), None)
    shown = f"<b>{escape(count.text)}</b>"
    if count.quorate is False:
        shown = f'<span style="color:{colours.text("not_quorate")}">{shown}</span>'
    return shown + " &nbsp; " + " &nbsp; ".join(parts)


def action_line(row: ActionRow) -> str:
    owners = ", ".join(row.owners)
    due = f", due {show_date(row.due)}" if row.due else ""
    return f"{row.number}. {row.text} — {owners}{due}"


class ItemActions(QListWidget):
    """The actions raised at the current item: what the action column of the minutes holds."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("itemActions")
        self.setAccessibleName("Actions of this item")
        self.setWordWrap(True)

    def show_rows(self, rows: list[ActionRow]) -> None:
        self.clear()
        for row in rows:
            text = action_line(row)
            if row.status == "withdrawn":
                text += " (withdrawn)"
            self.addItem(text)
        if not rows:
            self.addItem("No actions at this item yet (Ctrl+K to add one).")


class MattersArising(QWidget):
    """Open actions of earlier meetings; an update typed here is an update of this meeting."""

    update_requested = Signal(int, str, object, object)  # action id, text, status, rag

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("mattersArising")
        self.rows: list[ActionRow] = []
        self.list = QListWidget()
        self.list.setObjectName("mattersArisingList")
        self.list.setAccessibleName("Open actions of earlier meetings")
        self.list.setWordWrap(True)
        self.text = QLineEdit()
        self.text.setObjectName("mattersArisingUpdate")
        self.text.setAccessibleName("Update given at this meeting")
        self.text.setPlaceholderText("What was reported (Enter records it)")
        self.status = QComboBox()
        self.status.setObjectName("mattersArisingStatus")
        self.status.setAccessibleName("New status")
        for value, label in ((None, "(status unchanged)"), ("in_progress", "In progress"),
                             ("ongoing", "Ongoing"), ("completed", "Completed"),
                             ("to_close", "To close")):
            self.status.addItem(label, value)
        self.rag = QComboBox()
        self.rag.setObjectName("mattersArisingRag")
        self.rag.setAccessibleName("New RAG rating")
        self.rag.addItem("(RAG unchanged)", None)
        for value, label in RAG_NAMES.items():
            self.rag.addItem(label, value)
        record = QPushButton("&Record update")
        record.setObjectName("recordUpdate")
        record.setAccessibleName("Record update")
        record.clicked.connect(self.request)
        self.text.returnPressed.connect(self.request)
        heading = QLabel("<b>Matters arising</b>: open actions of earlier meetings")
        heading.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Update:", self.text)
        # As many rows as the width needs: the panel stays narrow enough for a zoomed or
        # small screen without scrolling sideways.
        choices = flow_row(self.status, self.rag, record)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(self.list, 1)
        layout.addLayout(form)
        layout.addWidget(choices)

    def show_rows(self, rows: list[ActionRow]) -> None:
        current = self.list.currentRow()
        self.rows = rows
        self.list.clear()
        for row in rows:
            latest = f"\n   Latest: {row.latest_text}" if row.latest_text else ""
            self.list.addItem(f"{action_line(row)} [{row.status_name}]{latest}")
        if rows:
            self.list.setCurrentRow(min(max(current, 0), len(rows) - 1))

    def request(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.rows):
            return
        self.update_requested.emit(self.rows[row].id, self.text.text(),
                                   self.status.currentData(), self.rag.currentData())

    def clear_entry(self) -> None:
        self.text.clear()
        self.status.setCurrentIndex(0)
        self.rag.setCurrentIndex(0)


class ProposalBar(QLabel):
    """ "Action for LB, due 31/12/2018 — Ctrl+Enter adds it, Esc ignores it." """

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("actionProposal")
        # No accessible name: a screen reader reads the proposal's own text.
        self.setAccessibleDescription("Proposed action")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setStyleSheet(colours.pair_style(
            "proposal", f" border: 2px solid {colours.border('proposal')}; padding: 6px;"))
        self.hide()

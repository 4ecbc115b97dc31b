"""The first page, the business manager's Monday morning: what needs attention (overdue
actions by owner and by agency, minutes waiting for their next step, quorum at risk, reviews
due, slipped business of the forward plan), what the database holds and the next meetings,
for the board chosen in the main window's selector. Every line opens what it names."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services.attention import Attention, needs_attention
from desktop.services.overview import database_summary
from desktop.views.areas import AppContext
from desktop.views.navigate import area_page
from desktop.views.page_layout import PageLayout
from desktop.views.training.morning import TrainingMorningPanel
from desktop.views.training.navigate import training_page


@dataclass(frozen=True)
class MeetingLink:
    """What the main window's go_to_hit opens: a meeting (at no particular item)."""

    meeting_id: int
    item_id: int | None = None


class MeetingLines(QListWidget):
    """The coming meetings; Enter (or a double click) opens the one under the cursor."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem():
            self.itemActivated.emit(self.currentItem())
            return
        super().keyPressEvent(event)


class OverviewPage(QWidget):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.setObjectName("overviewPage")
        self.database = context.database
        self.grid = QGridLayout()
        self.values: dict[str, QLabel] = {}
        self.board_id: int | None = None
        self.scope = QLabel()
        self.scope.setObjectName("overviewScope")
        self.scope.setWordWrap(True)  # never what sets the window's narrowest width
        self.upcoming = MeetingLines()
        self.upcoming.setObjectName("upcomingMeetings")
        self.upcoming.setAccessibleName("Coming meetings")
        self.upcoming.setMaximumHeight(110)
        self.upcoming.itemActivated.connect(self.open_meeting)
        coming = QLabel("Coming &meetings (Enter opens one)")
        coming.setBuddy(self.upcoming)  # Alt+C is Charges to invoice, below
        font = coming.font()
        font.setBold(True)
        coming.setFont(font)
        self.attention = MeetingLines()
        self.attention.setObjectName("needsAttention")
        self.attention.setAccessibleName("Needs attention")
        self.attention.itemActivated.connect(self.open_attention)
        self.attention_lines: list[Attention] = []
        attention = QLabel("&Needs attention (Enter opens one)")
        attention.setBuddy(self.attention)
        attention.setFont(font)
        right = QVBoxLayout()
        right.addWidget(attention)
        right.addWidget(self.attention, 1)
        top = QHBoxLayout()
        top.addLayout(self.grid)
        top.addSpacing(24)
        top.addLayout(right, 1)
        # The shared page layout: heading and message bar; the overview has no toolbar (its
        # lines open what they name).
        self.page = PageLayout(self, "Overview")
        body = QWidget()
        body.setObjectName("overviewBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        self.page.set_body(body)
        layout.addWidget(self.scope)
        layout.addLayout(top)
        layout.addSpacing(12)
        layout.addWidget(coming)
        layout.addWidget(self.upcoming)
        layout.addSpacing(12)
        layout.addWidget(QLabel("<h3>Training</h3>"))
        self.training = TrainingMorningPanel(self.database)
        self.training.open_place.connect(self.open_training)
        layout.addWidget(self.training, 1)
        context.notices.changed.connect(lambda _areas: self.refresh())
        self.refresh()

    def open_training(self, tab: str, session_id: int | None) -> None:
        """Take the coordinator to the Training area, at the tab and session of the line."""
        page = training_page(self)
        if page is not None:
            page.open_place(tab, session_id)

    def set_board(self, board_id: int | None) -> None:
        """The board selector's choice: its meetings, open actions and coming meetings."""
        if board_id == self.board_id:
            # Already showing it: the main window tells a page just made, which has just
            # filled itself for every board, and every fill reads the whole Overview again.
            return
        self.board_id = board_id
        self.refresh()

    def open_meeting(self, item: QListWidgetItem) -> None:
        meeting_id = item.data(Qt.ItemDataRole.UserRole)
        # A meeting with papers missing opens at the first item still waiting for one.
        item_id = item.data(Qt.ItemDataRole.UserRole + 1)
        go_to = getattr(self.window(), "go_to_hit", None)
        if meeting_id and callable(go_to):
            go_to(MeetingLink(meeting_id, item_id or None))

    def open_attention(self, item: QListWidgetItem) -> None:
        row = self.attention.row(item)
        if not 0 <= row < len(self.attention_lines):
            return  # "Nothing overdue or waiting."
        line = self.attention_lines[row]
        if line.meeting_id is not None:
            go_to = getattr(self.window(), "go_to_hit", None)
            if callable(go_to):
                go_to(MeetingLink(line.meeting_id))
            return
        if line.review_board_id is not None:
            people = area_page(self, "peopleArea")
            if people is not None:  # People and groups → the reviews of the registers
                people.tabs.setCurrentWidget(people.registers)
                people.registers.tabs.setCurrentWidget(people.registers.reviews)
            return
        if line.plan_board_id is not None:
            meetings = area_page(self, "meetingsArea")
            if meetings is not None:
                meetings.open_forward_plan(line.plan_board_id)
            return
        page = area_page(self, "actionsArea")
        if page is not None:
            page.show_overdue(line.owner, line.agency_id)
            page.table.setFocus()

    def _show_attention(self) -> None:
        self.attention_lines = needs_attention(self.database, dt.date.today(), self.board_id)
        self.attention.clear()
        for line in self.attention_lines:
            self.attention.addItem(line.text)
        if not self.attention_lines:
            self.attention.addItem("Nothing overdue or waiting.")
        self.attention.setCurrentRow(0)

    def refresh(self) -> None:
        self.training.refresh()
        self._show_attention()
        summary = database_summary(self.database, board_id=self.board_id)
        self.scope.setText("Meetings, open actions and coming meetings of the board or group "
                           "chosen above; people, agencies and training of all."
                           if self.board_id is not None else "All boards and groups.")
        for row, (label, count) in enumerate(summary.counts.items()):
            value = self.values.get(label)
            if value is None:  # made once; a refresh only changes the numbers
                value = QLabel()
                value.setObjectName("count_" + label.lower().replace(" ", "_"))
                value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.values[label] = value
                self.grid.addWidget(QLabel(label), row, 0)
                self.grid.addWidget(value, row, 1)
            value.setText(f"{count:,}")
        self.grid.setColumnStretch(2, 1)
        self.upcoming.clear()
        for meeting in summary.upcoming:
            missing = meeting.papers_missing
            line = QListWidgetItem(f"{meeting.date:%a %d/%m/%Y} — {meeting.board}: "
                                   f"{meeting.title}" + (
                                       f" — {missing} paper{'s' * (missing != 1)} missing"
                                       if missing else ""))
            line.setData(Qt.ItemDataRole.UserRole, meeting.meeting_id)
            line.setData(Qt.ItemDataRole.UserRole + 1, meeting.first_missing_item)
            self.upcoming.addItem(line)
        if not summary.upcoming:
            self.upcoming.addItem("None planned.")
        self.upcoming.setCurrentRow(0)

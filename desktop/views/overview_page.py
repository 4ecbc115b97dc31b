"""The first page: what the database holds, and the next meetings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from desktop.services.overview import database_summary
from desktop.views.areas import AppContext
from desktop.views.text import escape
from desktop.views.training.morning import TrainingMorningPanel
from desktop.views.training.navigate import training_page


class OverviewPage(QWidget):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.setObjectName("overviewPage")
        self.database = context.database
        self.grid = QGridLayout()
        self.values: dict[str, QLabel] = {}
        self.upcoming = QLabel()
        self.upcoming.setObjectName("upcomingMeetings")
        self.upcoming.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Overview</h2>"))
        layout.addLayout(self.grid)
        layout.addSpacing(12)
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

    def refresh(self) -> None:
        self.training.refresh()
        summary = database_summary(self.database)
        for row, (label, count) in enumerate(summary.counts.items()):
            value = self.values.get(label)
            if value is None:  # made once; a refresh only changes the numbers
                value = QLabel()
                value.setObjectName("count_" + label.lower().replace(" ", "_"))
                value.setAlignment(Qt.AlignmentFlag.AlignRight)
                self.values[label] = value
                self.grid.addWidget(QLabel(label), row, 0)
                self.grid.addWidget(value, row, 1)
            value.setText(f"{count:,}")
        self.grid.setColumnStretch(2, 1)
        if summary.upcoming:
            lines = "".join(
                f"<li>{m.date:%d/%m/%Y} — {escape(m.board)}: {escape(m.title)}</li>"
                for m in summary.upcoming
            )
            self.upcoming.setText(f"<b>Coming meetings</b><ul>{lines}</ul>")
        else:
            self.upcoming.setText("<b>Coming meetings</b><p>None planned.</p>")

"""The Registers tab of People and groups: the register of members' interests, the decision
log of every meeting, and the review dates of each board's membership and terms of
reference. The inner tabs' titles say how many things are due. Alt keys: the People area's
other tabs use most letters, so only the main fields and actions have one here, and no two of
the three panels share one."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from desktop.services.database import Database
from desktop.views.registers.decisions import DecisionLogPanel
from desktop.views.registers.interests import InterestsPanel
from desktop.views.registers.reviews import ReviewsPanel


class RegistersPanel(QWidget):
    changed = Signal()

    def __init__(self, database: Database) -> None:
        super().__init__()
        self.setObjectName("registersPanel")
        self.interests = InterestsPanel(database)
        self.decisions = DecisionLogPanel(database)
        self.reviews = ReviewsPanel(database)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("registerTabs")
        self.tabs.setAccessibleName("Registers")
        self.tabs.addTab(self.interests, "Interests")
        self.tabs.addTab(self.decisions, "Decision log")
        self.tabs.addTab(self.reviews, "Membership and terms of reference reviews")
        for panel in (self.interests, self.reviews):
            panel.changed.connect(self._changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self._loaded = False

    def _changed(self) -> None:
        self._titles()
        self.changed.emit()

    def _titles(self) -> None:
        interests = sum(line.due for line in self.interests.lines)
        reviews = sum(len(line.due) for line in self.reviews.lines)
        self.tabs.setTabText(0, f"Interests ({interests} due)" if interests else "Interests")
        self.tabs.setTabText(2, "Membership and terms of reference reviews"
                             + (f" ({reviews} due)" if reviews else ""))


    def select_board(self, board_id: int | None) -> None:
        self.decisions.select_board(board_id)

    def refresh(self) -> None:
        self.interests.refresh()
        self.decisions.refresh()
        self.reviews.refresh()
        self._titles()

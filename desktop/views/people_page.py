"""The People and groups area: people, agencies, boards and groups with their seats,
attendance figures for any group and period, and the registers (interests, decisions,
review dates)."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

from desktop.views.agency_panel import AgencyPanel
from desktop.views.areas import AppContext
from desktop.views.attendance_figures import AttendanceFiguresPanel
from desktop.views.boards_panel import BoardsPanel
from desktop.views.notices import BOARDS, MEETINGS, PEOPLE, SETTINGS
from desktop.views.page_layout import PageLayout
from desktop.views.people_panel import PeoplePanel
from desktop.views.registers.page import RegistersPanel


class PeoplePage(QWidget):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.setObjectName("peoplePage")
        self.notices = context.notices
        database = context.database
        self.people = PeoplePanel(database)
        self.agencies = AgencyPanel(database)
        self.boards = BoardsPanel(database)
        self.figures = AttendanceFiguresPanel(database)
        self.registers = RegistersPanel(database)  # interests, decisions, reviews due
        self.registers.refresh()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("peopleTabs")
        self.tabs.setAccessibleName("People and groups")
        self.tabs.addTab(self.people, "&People")
        self.tabs.addTab(self.agencies, "Agenc&ies")
        self.tabs.addTab(self.boards, "&Boards and groups")
        self.tabs.addTab(self.figures, "Attendance fig&ures")
        # The other tabs hold nearly every Alt letter: "w" is one of the few left.
        self.tabs.addTab(self.registers, "Interests, decisions, revie&ws")
        self.registers.changed.connect(lambda: self._announce(frozenset({BOARDS})))
        for panel in (self.people, self.agencies, self.boards):
            panel.changed.connect(self._announce)
        self.page = PageLayout(self, "People and groups")
        self.page.set_body(self.tabs)
        self.notices.changed.connect(self._on_changed)

    def set_board(self, board_id: int | None) -> None:
        """The board selector's choice becomes the group shown here (None: keep as is)."""
        self.boards.select_board(board_id)
        self.figures.select_group(board_id)
        self.registers.select_board(board_id)

    def _announce(self, areas: frozenset[str]) -> None:
        self.notices.announce(*areas)

    def _on_changed(self, areas: frozenset[str]) -> None:
        if areas & {PEOPLE, BOARDS, MEETINGS, SETTINGS}:
            self.people.refresh()
            self.agencies.refresh()
            self.boards.refresh()
            self.figures.refresh()
            self.registers.refresh()

"""The Training area: sessions and their bookings, the register, courses and charges."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from desktop.views.areas import AppContext
from desktop.views.notices import PEOPLE, SETTINGS, TRAINING
from desktop.views.training.catalogue import ChargesPanel, CoursesPanel
from desktop.views.training.register import RegisterPanel
from desktop.views.training.sessions import SessionsPanel


class TrainingPage(QWidget):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.setObjectName("trainingPage")
        self.notices = context.notices
        database = context.database
        self.sessions = SessionsPanel(database)
        self.register = RegisterPanel(database)
        self.courses = CoursesPanel(database)
        self.charges = ChargesPanel(database)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("trainingTabs")
        self.tabs.setAccessibleName("Training")
        for panel, title in ((self.sessions, "&Sessions"), (self.register, "&Register"),
                             (self.courses, "&Courses"), (self.charges, "Ch&arges")):
            self.tabs.addTab(panel, title)
            panel.changed.connect(self._announce)
        self.sessions.session_chosen.connect(self.register.show_session)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Training</h2>"))
        layout.addWidget(self.tabs, 1)
        self.notices.changed.connect(self._on_changed)
        self.refresh()

    def refresh(self) -> None:
        self.sessions.refresh()
        self.courses.refresh()
        self.charges.refresh()

    def _announce(self) -> None:
        self.notices.announce(TRAINING)

    def _on_changed(self, areas: frozenset[str]) -> None:
        if areas & {TRAINING, PEOPLE, SETTINGS}:
            self.refresh()

"""The Training area: sessions and their bookings, the register, courses and charges."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

from desktop.views.areas import AppContext
from desktop.views.notices import PEOPLE, SETTINGS, TRAINING
from desktop.views.page_layout import PageLayout
from desktop.views.training.bookings_list import BookingsListPanel
from desktop.views.training.catalogue import ChargesPanel, CoursesPanel
from desktop.views.training.records import RecordsPanel
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
        self.records = RecordsPanel(database)
        self.history = BookingsListPanel(database)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("trainingTabs")
        self.tabs.setAccessibleName("Training")
        for panel, title in ((self.sessions, "&Sessions"), (self.register, "&Register"),
                             (self.courses, "&Courses"), (self.charges, "Ch&arges"),
                             (self.history, "&Delegate bookings"),
                             (self.records, "Trainers and &venues")):
            self.tabs.addTab(panel, title)
            panel.changed.connect(self._announce)
        self.sessions.session_chosen.connect(self.register.show_session)
        # The shared page layout: heading, the page's message bar (the tabs' messages go
        # there), the tabs; each tab's buttons are its own row.
        self.page = PageLayout(self, "Training")
        self.page.set_body(self.tabs)
        self.notices.changed.connect(self._on_changed)
        self.refresh()

    def refresh(self) -> None:
        self.sessions.refresh()
        self.courses.refresh()
        self.charges.refresh()
        self.records.refresh()
        self.history.refresh()

    def open_place(self, tab: str, session_id: int | None) -> None:
        """From the Overview: the session on its tab ("sessions", "register"), or a tab."""
        panels = {"sessions": self.sessions, "register": self.register,
                  "charges": self.charges, "bookings": self.history}
        if session_id is not None:
            self.sessions.open_session(session_id)
        panel = panels.get(tab, self.sessions)
        self.tabs.setCurrentWidget(panel)
        focus = getattr(panel, "table", None) or self.sessions.sessions
        focus.setFocus()

    def show_bookings(self) -> BookingsListPanel:
        """The Delegate bookings tab, brought forward (for a person's or agency's history)."""
        self.tabs.setCurrentWidget(self.history)
        return self.history

    def _announce(self) -> None:
        self.notices.announce(TRAINING)

    def _on_changed(self, areas: frozenset[str]) -> None:
        if areas & {TRAINING, PEOPLE, SETTINGS}:
            self.refresh()

"""The start page: what an empty database opens on, instead of an area's empty table.

Three ways to begin, each a button with its key: name the organisation (and its logo) in the
settings, bring existing records in (File → Import), or try things on the sample data, which
opens in a file and a window of their own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.services.contents import database_contents
from desktop.services.database import KeyStore
from desktop.services.settings import load_settings

if TYPE_CHECKING:
    from desktop.views.main_window import MainWindow


class StartPage(QScrollArea):
    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.setObjectName("startPage")
        self.setAccessibleName("Getting started")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.window_ = window
        body = QWidget()
        # A readable column, centred: wide enough for each step's words on a laptop screen.
        body.setMinimumWidth(520)
        body.setMaximumWidth(780)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(10)
        heading = QLabel("<h1>Welcome to Boardwork</h1>")
        self.intro = QLabel()
        self.intro.setObjectName("startIntro")
        self.intro.setWordWrap(True)
        layout.addWidget(heading)
        layout.addWidget(self.intro)
        self.organisation_button = self._step(
            layout, "1. Your organisation",
            "Its name heads every agenda, minutes and report; its logo goes on their "
            "first page.", "Set the &organisation name and logo…", "startOrganisation",
            window.open_settings, "Ctrl+,")
        self.import_button = self._step(
            layout, "2. Bring in the records you have",
            "Your action log and membership lists from Excel, training bookings exported as "
            "CSV, minutes in Word, or a Boardwork data file. Boardwork shows what it found "
            "before anything is added.", "&Import existing records…", "startImport",
            self._import, "Ctrl+I")
        self.sample_button = self._step(
            layout, "Or: try things first on the sample data",
            "Three boards' real published meetings, actions and training opened in a "
            "separate file and window, marked SAMPLE DATA in its title. Nothing of it goes "
            "into your own database; close that window when you are done.",
            "Open the &sample data", "startSample", self._open_sample, None)
        start = QLabel("When you are ready, choose an area on the left (Ctrl+1 to Ctrl+6). "
                       "Help → Getting started brings this page back.")
        start.setWordWrap(True)
        layout.addSpacing(8)
        layout.addWidget(start)
        layout.addStretch(1)
        holder = QWidget()
        outer = QHBoxLayout(holder)
        outer.addStretch(1)
        outer.addWidget(body, 6)
        outer.addStretch(1)
        self.setWidget(holder)
        window.context.notices.changed.connect(self._on_changed)
        self.refresh()

    def _step(self, layout: QVBoxLayout, title: str, text: str, button_text: str,
              name: str, slot: object, keys: str | None) -> QPushButton:
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        inner = QVBoxLayout(frame)
        heading = QLabel(f"<h3>{title}</h3>")
        words = QLabel(text)
        words.setWordWrap(True)
        button = QPushButton(button_text + (f"  ({keys})" if keys else ""))
        button.setObjectName(name)
        button.setAccessibleName(button_text.replace("&", "").rstrip("…"))
        button.clicked.connect(slot)
        inner.addWidget(heading)
        inner.addWidget(words)
        inner.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(frame)
        return button

    def refresh(self) -> None:
        settings = load_settings(self.window_.database)
        contents = database_contents(self.window_.database)
        name = settings.organisation_name
        self.organisation_button.setText(
            ("Change the &organisation name and logo…" if name else
             "Set the &organisation name and logo…") + "  (Ctrl+,)")
        now = f"<b>{name}</b>: " if name else ""
        self.intro.setText(
            f"<p>{now}This database is empty. Start in one of these ways.</p>"
            if contents.empty else
            f"<p>{now}This database holds {contents.summary()}</p>")

    def _on_changed(self, _areas: frozenset[str]) -> None:
        # Counted again when next shown: a page out of sight costs nothing per change.
        if self.isVisible():
            self.refresh()

    def _import(self) -> None:
        """The window's own File → Import, so the start page always offers what it does."""
        action = self.window_.findChild(QAction, "importData")
        if action is not None:
            action.trigger()

    def _open_sample(self) -> None:
        from desktop.views.start.session import open_sample

        session = self.window_.session
        keys = session.keys if session is not None else KeyStore()
        open_sample(self.window_, keys)


def show_start_page(window: MainWindow) -> StartPage:
    """Put the start page in the window's stack (once) and show it; no area is selected."""
    page = window.findChild(StartPage, "startPage")
    if page is None:
        page = StartPage(window)
        window.stack.addWidget(page)
    else:
        page.refresh()
    window.navigation.setCurrentRow(-1)
    window.stack.setCurrentWidget(page)
    page.organisation_button.setFocus()
    return page


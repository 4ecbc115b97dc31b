"""The keys of the minute-taking window itself: F1 lists the keys, Esc steps back, F11 toggles
full screen and comes back to the window as it was."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QByteArray, QRect
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from desktop.views import colours
from desktop.views.minute_taking.dialogs import Ask
from desktop.views.minute_taking.session import KEYS, shortcut_table
from desktop.views.text import escape


class SteppingBack(Protocol):
    """What Esc needs of the view."""

    @property
    def editor(self) -> QWidget: ...

    @property
    def proposal(self) -> object | None: ...

    def dismiss_proposal(self) -> None: ...

    def close(self) -> bool: ...


def show_shortcuts(parent: QWidget) -> QMessageBox:
    """F1: every key of the view, in a window that stays open beside the minutes."""
    rows = "".join(f"<tr><td>{escape(what)}</td><td>&nbsp;&nbsp;<b>{escape(keys)}</b></td></tr>"
                   for what, keys in shortcut_table().items())
    box = QMessageBox(QMessageBox.Icon.Information, "Keyboard shortcuts",
                      f"<table>{rows}</table>", QMessageBox.StandardButton.Close, parent)
    box.setObjectName("minuteTakingShortcuts")
    box.open()
    return box


def step_back(view: SteppingBack, find_bar: QWidget) -> None:
    """Esc: from the find bar or a side panel back to the minutes; in the minutes it ignores
    the proposed action; with nothing else to leave, it closes the view (after asking)."""
    if find_bar.isVisible():
        find_bar.hide()
        view.editor.setFocus()
    elif QApplication.focusWidget() is not view.editor:
        view.editor.setFocus()
    elif view.proposal is not None:
        view.dismiss_proposal()
    elif Ask.yes(view.editor, "Stop taking minutes?", "Close the minute-taking view? "
                 "Everything typed has been saved."):
        view.close()


def _on_screen(window: QWidget, geometry: QRect) -> QRect:
    """`geometry` moved and shrunk to fit the screen; a sensible size if it was tiny."""
    screen = (window.screen() or QApplication.primaryScreen()).availableGeometry()
    if geometry.width() < 640 or geometry.height() < 480:
        geometry = QRect(0, 0, screen.width() * 4 // 5, screen.height() * 4 // 5)
        geometry.moveCenter(screen.center())
    geometry.setWidth(min(geometry.width(), screen.width()))
    geometry.setHeight(min(geometry.height(), screen.height()))
    geometry.moveLeft(max(screen.left(), min(geometry.left(), screen.right() - geometry.width())))
    geometry.moveTop(max(screen.top(), min(geometry.top(), screen.bottom() - geometry.height())))
    return geometry


class FullScreen:
    """F11 and F11 again: back to the window exactly as it was (maximised or where it stood),
    never to the size Qt would guess for a window that was never shown normal."""

    def __init__(self, window: QWidget) -> None:
        self.window = window
        self.was_maximised = False
        self.geometry = QByteArray()

    def toggle(self) -> None:
        window = self.window
        if not window.isFullScreen():
            self.was_maximised = window.isMaximized()
            self.geometry = window.saveGeometry()
            window.showFullScreen()
            return
        if self.was_maximised:
            window.showMaximized()
            return
        window.showNormal()
        window.restoreGeometry(self.geometry)
        window.setGeometry(_on_screen(window, window.geometry()))


def shortcut_hints() -> QLabel:
    """The first keys along the bottom of the view (F1 lists them all)."""
    hints = QLabel("   ".join(f"{key}: {what.lower()}" for what, key in list(KEYS.items())[:8]))
    hints.setObjectName("shortcutHints")
    hints.setWordWrap(True)
    hints.setStyleSheet(colours.text_style("muted"))
    return hints

"""What a sighted user sees change, a screen reader hears: a message line's new text and a
status bar message are announced (NVDA and JAWS speak them without moving the focus).

Qt 6.8 has announcement events; with an older Qt an alert event on the widget makes the
screen reader read its (new) text, which is the message itself.
"""

from __future__ import annotations

from PySide6 import QtGui
from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import QMainWindow, QWidget


def announce(widget: QWidget, text: str) -> None:
    """Say `text` to a screen reader, from `widget` (a message line, a window)."""
    if not text:
        return
    announcement = getattr(QtGui, "QAccessibleAnnouncementEvent", None)
    if announcement is not None:
        QAccessible.updateAccessibility(announcement(widget, text))
    else:  # pragma: no cover - older Qt
        QAccessible.updateAccessibility(QAccessibleEvent(widget, QAccessible.Event.Alert))


def status(window: QWidget | None, text: str, timeout_ms: int = 15_000) -> None:
    """A status bar message (when the window has one), announced as well."""
    if window is None:
        return
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, timeout_ms)
    announce(window, text)

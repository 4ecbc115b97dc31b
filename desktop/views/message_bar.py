"""The one way a page tells its user what just happened: a bar at the top of the page (as in
Microsoft Office and KeePassXC) instead of information boxes to dismiss, red lines in odd
places and status-bar text that is gone in fifteen seconds.

A message has a kind (information, done, warning, problem) shown by its colour AND by a word
before it ("Done:", "Problem:"), so colour is never the only sign. It stays until the next
message replaces it or the user closes it. Its text is the label's own text (no accessible
name in front of it, which a screen reader would read instead), it is announced when shown,
and while shown the text and its Close button are on the Tab path.

Questions that need an answer (delete this?) stay in message boxes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QToolButton,
    QWidget,
)

from desktop.views import announce, colours

INFO, SUCCESS, WARNING, PROBLEM = "info", "success", "warning", "problem"
# The word before each message: the kind in text, for whoever cannot tell the colours apart.
MARKS = {INFO: "Note:", SUCCESS: "Done:", WARNING: "Warning:", PROBLEM: "Problem:"}
STATUS_BAR_MS = 15_000


class MessageBar(QFrame):
    """A page's message line with a Close button; hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.kind = ""
        self.text = QLabel()
        self.text.setObjectName("messageBarText")
        # No accessible name: a screen reader reads the message itself (issue 22, point 2).
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        # On the Tab path while shown, and its words can be selected and copied (a path).
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.text.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.close_button = QToolButton()
        self.close_button.setObjectName("messageBarClose")
        self.close_button.setText("✕")
        self.close_button.setAccessibleName("Close message")
        self.close_button.setToolTip("Close message")
        self.close_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.close_button.clicked.connect(self.clear)
        # The one next step a message may offer ("Compact now"): shown with that message only.
        self.action_button = QPushButton()
        self.action_button.setObjectName("messageBarAction")
        self.action_button.clicked.connect(self._act)
        self.action_button.hide()
        self._action: Callable[[], object] | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 4, 4)
        row.addWidget(self.text, 1)
        row.addWidget(self.action_button, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_message(self, kind: str, text: str,
                     action: tuple[str, Callable[[], object]] | None = None) -> None:
        """Show `text` as a message of `kind` (INFO, SUCCESS, WARNING, PROBLEM), announced;
        `action` (a button's text, with its Alt letter, and what it does) offers a next step,
        which the user takes or not: pressing it closes the message first."""
        if kind not in MARKS:
            raise ValueError(f"unknown kind of message: {kind}")
        self.kind = kind
        said = f"{MARKS[kind]} {text}"
        fore, back = colours.pair("message_" + kind)
        edge = colours.border("message_" + kind)
        self.setStyleSheet(
            f"#messageBar {{ background: {back}; border: 1px solid {edge};"
            f" border-left: 5px solid {edge}; }}"
            f" #messageBar QLabel, #messageBar QToolButton"
            f" {{ color: {fore}; background: {back}; }}")
        self.text.setText(said)
        self._action = action[1] if action else None
        self.action_button.setText(action[0] if action else "")
        self.action_button.setAccessibleName(action[0].replace("&", "") if action else "")
        self.action_button.setVisible(action is not None)
        self.show()
        announce.announce(self.text, said)
        window = self.window()
        if isinstance(window, QMainWindow):  # a copy, for whoever looks there
            window.statusBar().showMessage(said, STATUS_BAR_MS)

    def info(self, text: str) -> None:
        self.show_message(INFO, text)

    def success(self, text: str) -> None:
        self.show_message(SUCCESS, text)

    def warning(self, text: str) -> None:
        self.show_message(WARNING, text)

    def problem(self, text: str) -> None:
        self.show_message(PROBLEM, text)

    def message(self) -> str:
        """What the bar says now ("" when closed), with its kind's word."""
        return self.text.text() if not self.isHidden() else ""

    def _act(self) -> None:
        action = self._action
        self.clear()
        if action is not None:
            action()

    def clear(self) -> None:
        had_focus = (self.text.hasFocus() or self.close_button.hasFocus()
                     or self.action_button.hasFocus())
        self.kind = ""
        self._action = None
        self.action_button.hide()
        self.text.clear()
        self.hide()
        parent = self.parentWidget()
        if had_focus and parent is not None:  # focus goes on to the page, not nowhere
            parent.focusNextChild()


def bar_for(widget: QWidget | None) -> MessageBar | None:
    """The message bar of the page `widget` is on (None in a dialog or outside a page)."""
    while widget is not None:
        bar = getattr(widget, "message_bar", None)
        if isinstance(bar, MessageBar):
            return bar
        if widget.isWindow():
            return None
        widget = widget.parentWidget()
    return None


def report(widget: QWidget | None, kind: str, text: str, title: str = "Boardwork") -> None:
    """On a page, in its message bar; in a dialog (no page), in a message box, as before."""
    bar = bar_for(widget)
    if bar is not None:
        bar.show_message(kind, text)
    elif kind in (WARNING, PROBLEM):
        QMessageBox.warning(widget, title, text)
    else:
        QMessageBox.information(widget, title, text)


def tell(widget: QWidget | None, kind: str, text: str) -> None:
    """Show a message on the page `widget` is on; outside a page (a dialog, a window without
    pages), in the window's status bar, announced."""
    bar = bar_for(widget)
    if bar is not None:
        bar.show_message(kind, text)
    elif widget is not None:
        announce.status(widget.window(), f"{MARKS[kind]} {text}")

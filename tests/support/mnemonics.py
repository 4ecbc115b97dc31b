"""Alt+letter keys ("mnemonics") of a window, as the person at the keyboard meets them.

Two widgets of one window answering the same Alt+letter at the same time make Qt choose
neither on the first press (or the wrong one); a label's "&" without a buddy shows as a
literal ampersand. A widget counts when it can be on screen with the window as it is: on
the current page of every stacked widget (tab pages, the main window's areas) above it,
even if hidden for now (a panel that shows at some items, the find bar).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt  # mightBeRichText lives in QtGui's Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QMenuBar,
    QStackedWidget,
    QTabBar,
    QWidget,
)

# "&&" is a literal ampersand; "&amp;" and the like are entities of rich text.
_MNEMONIC = re.compile(r"&(?!&)(?![a-zA-Z]+;|#\d+;)(\w)")


def mnemonic(text: str) -> str | None:
    match = _MNEMONIC.search(text.replace("&&", ""))
    return match.group(1).lower() if match else None


def _is_rich(label: QLabel) -> bool:
    return label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(label.text()))


def on_screen_with(widget: QWidget, window: QWidget) -> bool:
    if widget.window() is not window:
        return False  # a dialog or popup of its own
    child = widget
    while child is not window:
        parent = child.parentWidget()
        if parent is None:
            return False
        if isinstance(parent, QStackedWidget) and parent.currentWidget() is not child:
            return False
        child = parent
    return True


def _texts(widget: QWidget) -> Iterator[tuple[str, str]]:
    """(text, what) for every Alt key the widget answers."""
    name = widget.objectName() or type(widget).__name__
    if isinstance(widget, QAbstractButton) and not isinstance(widget.parentWidget(), QTabBar):
        yield widget.text(), f"button {name} {widget.text()!r}"
    elif isinstance(widget, QLabel) and widget.buddy() is not None and not _is_rich(widget):
        yield widget.text(), f"label {widget.text()!r}"
    elif isinstance(widget, QGroupBox):
        yield widget.title(), f"group {widget.title()!r}"
    elif isinstance(widget, QTabBar):
        for index in range(widget.count()):
            yield widget.tabText(index), f"tab {widget.tabText(index)!r}"
    elif isinstance(widget, QMenuBar):
        for action in widget.actions():
            yield action.text(), f"menu {action.text()!r}"


def problems(window: QWidget, where: str) -> list[str]:
    """Clashes of Alt keys in `window` as it stands, and "&"s that would show literally."""
    keys: dict[str, list[str]] = {}
    found: list[str] = []
    for widget in [window, *window.findChildren(QWidget)]:
        if not on_screen_with(widget, window):
            continue
        if isinstance(widget, QLabel) and widget.buddy() is None and not _is_rich(widget) \
                and mnemonic(widget.text()):
            found.append(f"{where}: label {widget.text()!r} shows a literal '&' (no buddy)")
        for text, what in _texts(widget):
            key = mnemonic(text)
            if key:
                keys.setdefault(key, []).append(what)
    found += [f"{where}: Alt+{key.upper()} is {' and '.join(whats)}"
              for key, whats in keys.items() if len(whats) > 1]
    return found


def every_page(window: QWidget, where: str) -> list[str]:
    """`problems` with each page of each stacked widget (each tab) shown in turn."""
    found = problems(window, where)
    for stack in window.findChildren(QStackedWidget):
        if not on_screen_with(stack, window) or stack.count() < 2:
            continue
        was = stack.currentIndex()
        for index in range(stack.count()):
            stack.setCurrentIndex(index)
            found += problems(window, f"{where} / page {index} of "
                                      f"{stack.parentWidget().objectName() or 'a stack'}")
        stack.setCurrentIndex(was)
    return sorted(set(found))

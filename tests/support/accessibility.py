"""What a screen reader, a keyboard user and a small screen meet in a window, as the audit of
issue 22 measured it: through Qt's accessibility interface (what NVDA and JAWS receive), the
Tab behaviour of each control, the shortcuts alive at once and the window's minimum size.

Each check returns plain lines naming the control and the fault, empty when all is well.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QAccessible, QAction, QKeySequence, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QScrollBar,
    QStackedWidget,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from tests.support.mnemonics import on_screen_with
from tests.support.mnemonics import problems as alt_clashes

# 1366x768 at 125 %: 1093x614 device-independent pixels, less the Windows taskbar (40 px at
# 125 %: 32) and a window's title bar and frame (about 31 + 8).
SMALL_SCREEN = (1366 / 1.25 - 16, 768 / 1.25 - 32 - 39)
# 1600x1000 at 200 %: 800x500, less the taskbar (24) and the window's frame.
LARGE_SCALE = (1600 / 2 - 16, 1000 / 2 - 24 - 39)

# Controls whose own text entry is a part of another control, or that have no name of their
# own in any application (the scroll bars of a list).
_PARTS = (QScrollBar,)

# The one editor where Tab is typed: the minute-taker's own document (Tab indents a list);
# Ctrl+Tab leaves it (tests/gui/test_accessibility.py).
TABS_ALLOWED = {"minutesEditor"}


def _what(widget: QWidget) -> str:
    return f"{type(widget).__name__} {widget.objectName() or '(no object name)'}"


def _plain(label: QLabel) -> str:
    document = QTextDocument()
    document.setHtml(label.text()) if "<" in label.text() else document.setPlainText(
        label.text())
    return " ".join(document.toPlainText().replace("&&", "&").split())


def _words(text: str) -> str:
    return " ".join(re.sub(r"&(?!&)", "", text).replace("…", "").split()).lower()


def _is_part(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    return isinstance(widget, _PARTS) or isinstance(parent, (QComboBox, QAbstractSpinBox)) or (
        isinstance(parent, QAbstractScrollArea) and widget is parent.viewport())


def _shown(widget: QWidget, window: QWidget) -> bool:
    return on_screen_with(widget, window) and not widget.isHidden() and widget.isEnabled()


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


def names(window: QWidget, where: str) -> list[str]:
    """Unnamed controls, labels read as something else, names that leave out the words shown,
    drop-downs named by their value."""
    found: list[str] = []
    for widget in window.findChildren(QWidget):
        if not _shown(widget, window):
            continue
        if isinstance(widget, QLabel):
            name = widget.accessibleName()
            if name and widget.text() and _words(_plain(widget)) not in _words(name):
                found.append(f"{where}: label {_plain(widget)[:40]!r} is read as {name!r}")
            continue
        if isinstance(widget, (QTabBar, QTabWidget)) or _is_part(widget):  # tabs name them
            continue
        if not widget.focusPolicy() & widget.focusPolicy().TabFocus:
            continue
        name = accessible_name(widget).strip()
        if not name:
            found.append(f"{where}: {_what(widget)} has no accessible name")
        elif isinstance(widget, QAbstractButton) and widget.text():
            shown = _words(widget.text())
            if re.search(r"\w", shown) and shown not in _words(name):  # "▶" is no word
                found.append(f"{where}: button {widget.text()!r} is named {name!r}")
        elif isinstance(widget, QComboBox) and not widget.accessibleName() and \
                name == widget.currentText():
            found.append(f"{where}: drop-down {_what(widget)} is named by its value {name!r}")
    return found


def tab_traps(window: QWidget, where: str) -> list[str]:
    """Tables that keep Tab for their cells and text boxes that type it."""
    found: list[str] = []
    for widget in window.findChildren(QWidget):
        if not on_screen_with(widget, window):
            continue
        if isinstance(widget, QAbstractItemView) and widget.tabKeyNavigation():
            found.append(f"{where}: table {_what(widget)} keeps Tab for its cells")
        if isinstance(widget, (QTextEdit, QPlainTextEdit)) and not widget.isReadOnly() and \
                not widget.tabChangesFocus() and widget.objectName() not in TABS_ALLOWED:
            found.append(f"{where}: text box {_what(widget)} types Tab instead of moving on")
    return found


def _keys(sequence: QKeySequence) -> str:
    return sequence.toString(QKeySequence.SequenceFormat.PortableText)


def live_shortcuts(window: QWidget) -> list[tuple[str, str]]:
    """(keys, what) of every shortcut alive in the window as it stands."""
    found: list[tuple[str, str]] = []
    for shortcut in window.findChildren(QShortcut):
        parent = shortcut.parent()
        if shortcut.property("mnemonicOf"):
            continue  # an overflowed button's Alt letter: mnemonics.py counts the button's
        if isinstance(parent, QWidget) and _shown(parent, window) and shortcut.isEnabled():
            what = parent.accessibleName() or parent.objectName() or type(parent).__name__
            found += [(_keys(k), f"{what} (key of {type(parent).__name__})")
                      for k in shortcut.keys() if not k.isEmpty()]  # noqa: SIM118
    for action in window.findChildren(QAction):
        if action.shortcut().isEmpty() or not action.isEnabled():
            continue
        holders = [w for w in action.associatedObjects() if isinstance(w, QWidget)]
        alive = any(isinstance(w, (QMenu, QMenuBar)) or _shown(w, window) for w in holders)
        if alive:
            found += [(_keys(k), action.text().replace("&", "") or action.objectName())
                      for k in action.shortcuts()]
    return found


def shortcut_clashes(window: QWidget, where: str) -> list[str]:
    seen: dict[str, list[str]] = {}
    for keys, what in live_shortcuts(window):
        seen.setdefault(keys, []).append(what)
    return [f"{where}: {keys} is {' and '.join(sorted(set(whats)))}"
            for keys, whats in seen.items() if len(whats) > 1 and len(set(whats)) > 1]


def too_big(window: QWidget, where: str, limit: tuple[float, float] = SMALL_SCREEN) -> list[str]:
    """A window whose smallest size is larger than the screen it must fit."""
    window.ensurePolished()
    layout = window.layout()
    smallest = window.minimumSizeHint().expandedTo(window.minimumSize())
    if layout is not None:
        smallest = smallest.expandedTo(layout.totalMinimumSize())
    width, height = limit
    if smallest.width() > width or smallest.height() > height:
        return [f"{where}: smallest size {smallest.width()}x{smallest.height()} does not fit "
                f"{int(width)}x{int(height)}"]
    return []


def audit(window: QWidget, where: str) -> list[str]:
    """Every check, with each page of each stacked widget (each tab) shown in turn."""
    def once(label: str) -> list[str]:
        return names(window, label) + tab_traps(window, label) + \
            shortcut_clashes(window, label) + alt_clashes(window, label)

    found = once(where)
    for stack in window.findChildren(QStackedWidget):
        if not on_screen_with(stack, window) or stack.count() < 2:
            continue
        was = stack.currentIndex()
        for index in range(stack.count()):
            stack.setCurrentIndex(index)
            found += once(f"{where} / page {index} of "
                          f"{stack.parentWidget().objectName() or 'a stack'}")
        stack.setCurrentIndex(was)
    return sorted(set(found))


def scrolls_sideways(window: QWidget, where: str, *also: QAbstractScrollArea) -> list[str]:
    """Every scroll area shown in `window` (and `also`, e.g. the main window's area scroll)
    with its horizontal scroll bar in use: content wider than the window, reached only by
    scrolling sideways. Tables and text boxes are left out: a table's many columns and a
    long unbroken line scroll in any application."""
    found = []
    for area in [*also, *window.findChildren(QAbstractScrollArea)]:
        if not area.isVisible() or isinstance(area, (QAbstractItemView, QTextEdit,
                                                     QPlainTextEdit)):
            continue
        bar = area.horizontalScrollBar()
        if bar.maximum() > 0:
            found.append(f"{where}: {area.objectName() or type(area).__name__} scrolls "
                         f"sideways by {bar.maximum()} px")
    return found


def every_check_of_each(qtbot, windows: list) -> list[str]:  # type: ignore[no-untyped-def]
    """Each window shown (and closed with the test), then every check, at 1366x768 at 125 %
    and at 1600x1000 at 200 %."""
    found: list[str] = []
    for window in windows:
        qtbot.addWidget(window)
        window.show()
        where = type(window).__name__
        found += audit(window, where) + too_big(window, where) + \
            too_big(window, where + " at 200 %", LARGE_SCALE)
    return found

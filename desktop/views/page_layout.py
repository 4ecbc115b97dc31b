"""One layout for every area (issue 22, "the look"): a heading, one toolbar whose buttons that
do not fit the width go into a "More" menu, the page's message bar, and the page's content
(list and detail panes that scroll).

The toolbar never makes the page wider than the window: at 200 % on 1600x1000, or 125 % on
a 1366x768 laptop, the buttons on the right move into More (as Microsoft Office's ribbon
does) rather than needing sideways scrolling. An overflowed button keeps its Alt letter and
its shortcut, and is one Tab stop away (More).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QFrame,
    QLabel,
    QMenu,
    QScrollArea,
    QSplitter,
    QTableView,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.views.message_bar import MessageBar
from desktop.views.stacking_splitter import StackingSplitter
from desktop.views.table_look import fit_table

SPACING = 6


class OverflowToolbar(QWidget):
    """A row of buttons (and a few fixed widgets: a count, a choice) laid out by hand: what
    does not fit goes into the More menu, in order."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageToolbar")
        self.items: list[tuple[QWidget, bool]] = []  # (widget, may go into More)
        self.overflowed: list[QAbstractButton] = []
        # Keys of overflowed buttons (their Alt letter, their shortcuts), live only then.
        self._keys: dict[int, list[QShortcut]] = {}
        # Widgets their owner hid (a button that does not apply): neither in the row nor in
        # More, until shown again. The toolbar's own hiding and showing is not counted.
        self._owner_hidden: set[int] = set()
        self._arranging = False
        self.more = QToolButton(self)
        self.more.setObjectName("moreButton")
        self.more.setText("More")  # the style draws the menu arrow
        self.more.setAccessibleName("More actions")
        self.more.setToolTip("More actions: the buttons that do not fit the width")
        self.more.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu = QMenu(self.more)
        self.menu.setObjectName("moreMenu")
        self.menu.aboutToShow.connect(self._fill_menu)
        self.more.setMenu(self.menu)
        self.more.hide()

    def add(self, widget: QWidget, overflow: bool = True) -> QWidget:
        """Add a widget at the end; a button may go into More when the row is too narrow."""
        widget.setParent(self)
        overflow = overflow and isinstance(widget, QAbstractButton)
        self.items.append((widget, overflow))
        # Tab order follows the row, More last.
        previous = self.items[-2][0] if len(self.items) > 1 else None
        if previous is not None:
            QWidget.setTabOrder(previous, widget)
        QWidget.setTabOrder(widget, self.more)
        if overflow:
            self._keys[id(widget)] = self._mirror_keys(widget)  # type: ignore[arg-type]
        widget.show()
        widget.installEventFilter(self)
        self.show()
        self.updateGeometry()
        if self.isVisible():
            self._arrange()
        # Else when shown (showEvent): a page adding its buttons before it is first shown
        # measured every button again at each one added (issue 19 session 7, row 8c).
        return widget

    def showEvent(self, event: QShowEvent) -> None:
        self._arrange()
        super().showEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if not self._arranging and kind in (QEvent.Type.HideToParent, QEvent.Type.ShowToParent):
            if kind == QEvent.Type.HideToParent:
                self._owner_hidden.add(id(watched))
            else:
                self._owner_hidden.discard(id(watched))
            self.updateGeometry()
            QTimer.singleShot(0, self, self._arrange)
        return False

    def _items(self) -> list[tuple[QWidget, bool]]:
        return [(w, o) for w, o in self.items if id(w) not in self._owner_hidden]

    def buttons(self) -> list[QAbstractButton]:
        return [w for w, _o in self.items if isinstance(w, QAbstractButton)]

    # --- sizes -------------------------------------------------------------------------

    def _width(self, widget: QWidget) -> int:
        return max(widget.sizeHint().width(), widget.minimumWidth())

    def sizeHint(self) -> QSize:
        widths = [self._width(w) for w, _o in self._items()]
        heights = [w.sizeHint().height() for w, _o in self._items()] + [
            self.more.sizeHint().height()]
        return QSize(sum(widths) + SPACING * max(0, len(widths) - 1), max(heights))

    def minimumSizeHint(self) -> QSize:
        """Only what never goes into More, and More itself."""
        fixed = [self._width(w) for w, overflow in self._items() if not overflow]
        width = sum(fixed) + SPACING * len(fixed) + self.more.sizeHint().width()
        return QSize(width, self.sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    # --- laying out --------------------------------------------------------------------

    def _arrange(self) -> None:
        self._arranging = True
        try:
            self._place()
        finally:
            self._arranging = False

    def _place(self) -> None:
        available = self.width()
        needed = self.sizeHint().width()
        shown: list[QWidget] = []
        overflowed: list[QAbstractButton] = []
        if needed > available:
            room = available - self.more.sizeHint().width() - SPACING
            room -= sum(self._width(w) + SPACING for w, overflow in self._items()
                        if not overflow)
            for widget, overflow in self._items():
                if not overflow:
                    shown.append(widget)
                elif not overflowed and self._width(widget) + SPACING <= room:
                    room -= self._width(widget) + SPACING
                    shown.append(widget)
                else:  # once one goes, the rest go too: the order stays as it was
                    overflowed.append(widget)  # type: ignore[arg-type]
        else:
            shown = [w for w, _o in self._items()]
        x, height = 0, self.height()
        for widget in shown:
            hint = widget.sizeHint()
            top = max(0, (height - hint.height()) // 2)
            widget.setGeometry(x, top, self._width(widget), min(hint.height(), height))
            widget.show()
            x += self._width(widget) + SPACING
        for widget in overflowed:
            widget.hide()
        self.overflowed = overflowed
        for widget, _overflow in self.items:
            for key in self._keys.get(id(widget), []):
                key.setEnabled(widget in overflowed)
        self.more.setVisible(bool(overflowed))
        if overflowed:
            hint = self.more.sizeHint()
            self.more.setGeometry(max(x, available - hint.width()),
                                  max(0, (height - hint.height()) // 2),
                                  hint.width(), min(hint.height(), height))

    def _mirror_keys(self, button: QAbstractButton) -> list[QShortcut]:
        """The button's Alt letter and shortcuts, made again on the toolbar: a hidden button's
        own keys do nothing."""
        keys = [QKeySequence.mnemonic(button.text()), button.shortcut()]
        keys += [shortcut.key() for shortcut in button.findChildren(QShortcut)]
        made, seen = [], set()
        for key in keys:
            if key.isEmpty() or key.toString() in seen:  # the mnemonic is its shortcut too
                continue
            seen.add(key.toString())
            shortcut = QShortcut(key, self)
            # The Alt letter is the button's mnemonic, not a shortcut of the F1 list.
            shortcut.setProperty("mnemonicOf", button.objectName() if key == keys[0] else "")
            shortcut.setEnabled(False)
            shortcut.activated.connect(
                lambda button=button: button.isEnabled() and button.click())
            made.append(shortcut)
        return made

    def _fill_menu(self) -> None:
        self.menu.clear()
        for button in self.overflowed:
            action = self.menu.addAction(button.text())  # with its & letter
            action.setEnabled(button.isEnabled())
            action.setToolTip(button.toolTip())
            if button.isCheckable():
                action.setCheckable(True)
                action.setChecked(button.isChecked())
            action.triggered.connect(lambda _checked=False, button=button: button.click())


def scrolling(widget: QWidget, name: str = "") -> QWidget:
    """`widget` in a scroll area, unless it scrolls itself (a table, a list, a text box)."""
    if isinstance(widget, QAbstractScrollArea):
        return widget
    area = QScrollArea()
    area.setObjectName(name or f"{widget.objectName() or 'pane'}Scroll")
    area.setAccessibleName(widget.accessibleName() or "Details")
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setWidget(widget)
    return area


def panes(first: QWidget, second: QWidget, sizes: tuple[int, int] = (600, 400),
          name: str = "") -> QSplitter:
    """A list beside its detail, each scrolling on its own; one above the other when the
    window is too narrow for both (desktop/views/stacking_splitter.py)."""
    split = StackingSplitter()
    if name:
        split.setObjectName(name)
    split.addWidget(scrolling(first))
    split.addWidget(scrolling(second))
    split.setStretchFactor(0, sizes[0])
    split.setStretchFactor(1, sizes[1])
    split.setSizes(list(sizes))
    split.setChildrenCollapsible(False)
    return split


class PageLayout(QWidget):
    """The frame of an area page: heading, filters (optional), toolbar, message bar, body.

    Made with the page as parent, it fills the page; the page gets `message_bar` so that its
    panels find it (desktop/views/message_bar.py `tell`)."""

    def __init__(self, page: QWidget, title: str) -> None:
        super().__init__(page)
        self.setObjectName("pageLayout")
        self.heading = QLabel(title)
        self.heading.setObjectName("pageHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.heading.setFont(font)
        self.toolbar = OverflowToolbar()
        self.toolbar.hide()  # until it has a button
        self.message_bar = MessageBar()
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(9, 9, 9, 9)
        self.column.addWidget(self.heading)
        self.column.addWidget(self.toolbar)
        self.column.addWidget(self.message_bar)
        outer = page.layout() or QVBoxLayout(page)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self)
        page.message_bar = self.message_bar  # type: ignore[attr-defined]
        page.page_layout = self  # type: ignore[attr-defined]

    def add_banner(self, widget: QWidget) -> None:
        """A banner under the heading (what to do first, in an empty database)."""
        self.column.insertWidget(1, widget)

    def add_filters(self, widget: QWidget) -> None:
        """A filter bar, above the toolbar."""
        self.column.insertWidget(self.column.indexOf(self.toolbar), widget)

    def add_button(self, button: QWidget, overflow: bool = True) -> QWidget:
        return self.toolbar.add(button, overflow)

    def set_body(self, widget: QWidget, stretch: int = 1) -> QWidget:
        self.column.addWidget(widget, stretch)
        return widget

    def fit_tables(self) -> None:
        """Every table of the page stretches, tells cut text and explains itself when empty
        (desktop/views/table_look.py); done again when shown, for tables made since."""
        for view in self.findChildren(QTableView) + self.findChildren(QTreeView):
            fit_table(view)

    def showEvent(self, event: QShowEvent) -> None:
        self.fit_tables()
        super().showEvent(event)

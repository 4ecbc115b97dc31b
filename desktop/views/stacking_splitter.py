"""Panes side by side while they fit, one above the other when they do not.

A list beside its detail suits a wide window; at 200 % on a 1600x1000 screen (the app sees
800x500) or at 125 % on a 1366x768 laptop the detail's fields would be cut off, or its pane
would scroll sideways. This splitter lays its panes out across while the window is wide
enough for each pane's content, and stacks them (the page then scrolls down, never
sideways) when it is not. Tab order, mnemonics and the panes themselves are unchanged.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractScrollArea, QScrollArea, QSplitter, QWidget

# Back to side by side only this much past the width that needs it, so that a vertical
# scroll bar appearing (the stacked page is taller) cannot flip the panes back and forth.
_MARGIN = 40
# Stacked, a pane is given at least this height (a list less, a detail more; both less if
# their content is shorter): the page scrolls down to it, rather than each pane being
# squeezed into a sliver of a zoomed screen.
_STACKED_LIST, _STACKED_DETAIL = 160, 400


def content_width(pane: QWidget) -> int:
    """The narrowest a pane can be without cutting its content off or scrolling sideways:
    for a scroll area, its content's smallest width (the area alone could be 70 px)."""
    inner = pane.widget() if isinstance(pane, QScrollArea) else None
    if isinstance(pane, QScrollArea) and inner is not None:
        smallest = inner.minimumSizeHint().expandedTo(inner.minimumSize()).width()
        return smallest + 2 * pane.frameWidth() + pane.verticalScrollBar().sizeHint().width()
    if isinstance(pane, QAbstractScrollArea):  # a table or list: its columns elide or scroll
        return pane.minimumSizeHint().width()
    return pane.minimumSizeHint().expandedTo(pane.minimumSize()).width()


class StackingSplitter(QSplitter):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setChildrenCollapsible(False)

    def across_width(self) -> int:
        """The width the panes need side by side."""
        shown = [self.widget(i) for i in range(self.count())]
        panes = [pane for pane in shown if pane is not None and not pane.isHidden()]
        return sum(content_width(pane) for pane in panes) + \
            self.handleWidth() * max(len(panes) - 1, 0)

    def minimumSizeHint(self) -> QSize:
        # As narrow as the widest pane (stacked); as short as the panes side by side (the
        # height stacked panes need comes from the layout once they are stacked).
        hint = super().minimumSizeHint()
        widest = max((content_width(w) for i in range(self.count())
                      if (w := self.widget(i)) is not None and not w.isHidden()), default=0)
        hint.setWidth(min(hint.width(), widest))
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.fit(event.size().width())
        super().resizeEvent(event)

    def fit(self, width: int) -> None:
        needed = self.across_width()
        across = self.orientation() == Qt.Orientation.Horizontal
        if across and width < needed:
            self.setOrientation(Qt.Orientation.Vertical)
            self._stacked_heights(True)
        elif not across and width >= needed + _MARGIN:
            self.setOrientation(Qt.Orientation.Horizontal)
            self._stacked_heights(False)

    def _stacked_heights(self, stacked: bool) -> None:
        for index in range(self.count()):
            pane = self.widget(index)
            if pane is None:
                continue
            if not stacked:
                pane.setMinimumHeight(int(pane.property("acrossMinimumHeight") or 0))
                continue
            pane.setProperty("acrossMinimumHeight", pane.minimumHeight())
            inner = pane.widget() if isinstance(pane, QScrollArea) else None
            if inner is not None:
                wanted = min(inner.minimumSizeHint().height(), _STACKED_DETAIL)
            else:
                wanted = _STACKED_LIST if isinstance(pane, QAbstractScrollArea) else 0
            pane.setMinimumHeight(max(pane.minimumHeight(), wanted))
        if stacked:  # the list as short as it may be, the detail the rest
            heights = [pane.minimumHeight() if pane is not None else 0
                       for pane in (self.widget(i) for i in range(self.count()))]
            self.setSizes([*heights[:-1], max(self.height() - sum(heights[:-1]), heights[-1])])
        self.updateGeometry()


class FittedScrollArea(QScrollArea):
    """A pane that scrolls up and down but is never made narrower than its content (a
    splitter squeezing it would otherwise hide fields behind a sideways scroll bar): the
    window's smallest width then says truly whether the content fits the screen."""

    def setWidget(self, widget: QWidget) -> None:
        super().setWidget(widget)
        widget.installEventFilter(self)  # its layout changing (a bar opened) changes ours

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest and watched is self.widget():
            self.updateGeometry()
        return super().eventFilter(watched, event)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        hint.setWidth(max(hint.width(), content_width(self)))
        return hint


class ProportionalSplitter(QSplitter):
    """Panes that keep the proportions they were given at any window width, until the user
    drags a handle: a zoomed or small screen narrows every pane alike (each no narrower than
    its content), instead of QSplitter's way of taking it all from the stretching pane (the
    minutes being typed, left 100 px wide at 200 %)."""

    def __init__(self, wished: list[int], parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.wished = wished
        self.dragged = False
        self.splitterMoved.connect(self._moved)

    def _moved(self, _position: int, _index: int) -> None:
        self.dragged = True

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self.dragged and self.count() == len(self.wished):
            room = event.size().width() - self.handleWidth() * (self.count() - 1)
            total = sum(self.wished)
            self.setSizes([room * part // total for part in self.wished])
            self.dragged = False  # setSizes is not the user's drag

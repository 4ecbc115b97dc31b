"""Plain table cells drawn from prepared text (QStaticText), for the lists filtered as you type.

Qt's item delegate lays a cell's text out afresh at every paint (QCommonStyle builds a
QTextLayout a cell: 17-50 µs, and a keystroke in Find repaints ~200 cells; benchmarks/
FINDINGS.md, issue 19 session 7). Here a plain cell — not selected, not focused, not under
the mouse, no icon, no check box, one line that fits or is cut with "…" — is drawn from a
QStaticText laid out once per text and column width and kept (a bounded cache). Every other
cell, and every cell under a style whose item drawing has not been compared pixel for pixel
(tests/gui/test_cell_roles.py), is drawn by Qt's own delegate, unchanged.

The model gives a cell's look in one Python call, `cell(row, column)`: its text, colour (or
None), background brush (or None) and alignment (an int), or None to leave it to Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QPointF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPalette, QStaticText, QTextOption
from PySide6.QtWidgets import (
    QProxyStyle,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

Index = QModelIndex | QPersistentModelIndex
Cell = tuple[str, Any, Any, int]
CellOf = Callable[[int, int], Cell | None]

# Styles whose plain cells were compared pixel for pixel with Qt's own drawing.
COMPARED_STYLES = frozenset({"fusion"})
# A cell in any of these states is Qt's to draw (highlight, focus ring, hover, editor).
_QT_STATES = (QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_HasFocus
              | QStyle.StateFlag.State_MouseOver | QStyle.StateFlag.State_Editing)
_ENABLED, _ACTIVE = QStyle.StateFlag.State_Enabled, QStyle.StateFlag.State_Active
_CHANGES = frozenset((QEvent.Type.FontChange, QEvent.Type.PaletteChange,
                      QEvent.Type.StyleChange))
_H_ALIGN = int(Qt.AlignmentFlag.AlignHorizontal_Mask)
_RIGHT, _CENTRE = int(Qt.AlignmentFlag.AlignRight), int(Qt.AlignmentFlag.AlignHCenter)
_LEFT_V = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
LIMIT = 4000  # texts kept laid out: a few screens' worth; emptied when full


class PlainCellDelegate(QStyledItemDelegate):
    """Draws a view's plain cells from kept QStaticText; Qt's delegate draws the rest."""

    def __init__(self, view: QTableView, cell_of: CellOf) -> None:
        super().__init__(view)
        self._view = view
        self._cell_of = cell_of
        self._kept: dict[tuple[str, float], tuple[QStaticText, float, float] | None] = {}
        # Per state a cell is painted in: the colour of plain text then, or None where the
        # cell is Qt's to draw. Forgotten, with the texts laid out, when the view's font,
        # palette or style changes (`eventFilter`).
        self._pens: dict[Any, QColor | None] = {}
        self._margin = 0  # the style's room either side of a cell's text
        self._height = 0.0
        self._metrics: QFontMetricsF | None = None
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _CHANGES:
            self._forget()
        return False

    def _forget(self) -> None:
        self._pens.clear()
        self._kept.clear()
        self._metrics = None

    def _prepare(self, option: QStyleOptionViewItem) -> None:
        """What depends on the style and the font, worked out at the first paint after a
        change of either."""
        style = self._view.style()
        base = style.baseStyle() if isinstance(style, QProxyStyle) else style
        self._usable = (base or style).name().lower() in COMPARED_STYLES
        self._metrics = QFontMetricsF(option.font)
        self._height = self._metrics.height()
        # QCommonStyle's SE_ItemViewItemText: the cell less the focus frame's margin + 1.
        self._margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin,
                                         None, self._view) + 1

    def _pen(self, option: QStyleOptionViewItem) -> QColor | None:
        state = option.state
        if not self._usable or state & _QT_STATES or not state & _ENABLED:
            pen = None
        else:
            group = (QPalette.ColorGroup.Normal if state & _ACTIVE
                     else QPalette.ColorGroup.Inactive)
            pen = option.palette.color(group, QPalette.ColorRole.Text)
        self._pens[state] = pen
        return pen

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        if self._metrics is None:
            self._prepare(option)
        state = option.state
        try:
            pen = self._pens[state]
        except KeyError:
            pen = self._pen(option)
        cell = self._cell_of(index.row(), index.column()) if pen is not None else None
        if cell is None:
            super().paint(painter, option, index)
            return
        text, colour, background, align = cell
        rect = option.rect
        room = rect.width() - 2 * self._margin
        laid = self._laid_out(text, room) if text else None
        if laid is None and text:
            super().paint(painter, option, index)  # more than one line, or wrapped: Qt's
            return
        if background is not None:
            painter.fillRect(rect, background)
        if laid is None:
            return
        static, width, height = laid
        # As QCommonStyle places a line: aligned in the room by its unrounded width, its
        # height (rounded) centred in the cell.
        left: float = rect.left() + self._margin
        horizontal = align & _H_ALIGN
        if horizontal & _RIGHT:
            left += room - width
        elif horizontal & _CENTRE:
            left += (room - width) / 2
        painter.setPen(colour if colour is not None else pen)
        painter.drawStaticText(QPointF(left, rect.top() + (rect.height() - height) // 2),
                               static)

    def _laid_out(self, text: str, room: int) -> tuple[QStaticText, float, float] | None:
        key = (text, room)
        try:
            return self._kept[key]
        except KeyError:
            pass
        if len(self._kept) >= LIMIT:
            self._kept.clear()
        self._kept[key] = laid = self._lay_out(text, room)
        return laid

    def _lay_out(self, text: str, room: int) -> tuple[QStaticText, float, float] | None:
        metrics = self._metrics
        if metrics is None or "\n" in text or "\u2028" in text or room <= 0:
            return None
        width = metrics.horizontalAdvance(text)
        if width > room:
            if self._view.wordWrap() and " " in text:
                return None  # Qt wraps it at a space and cuts the line it can show
            text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)
            width = metrics.horizontalAdvance(text)
        static = QStaticText(text)
        static.setTextFormat(Qt.TextFormat.PlainText)
        static.setTextOption(QTextOption(Qt.AlignmentFlag(_LEFT_V)))
        static.setPerformanceHint(QStaticText.PerformanceHint.AggressiveCaching)
        return static, width, float(round(self._height))

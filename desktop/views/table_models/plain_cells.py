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
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPalette,
    QStaticText,
    QTransform,
)
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
# Texts kept laid out: the last LIMIT used and up to LIMIT before them (a few screens'
# worth); the older half is forgotten when the newer is full.
LIMIT = 500
Laid = tuple[QStaticText, float, float]  # the text laid out, its width and its line's height
_NOT_KEPT: Any = object()


class PlainCellDelegate(QStyledItemDelegate):
    """Draws a view's plain cells from kept QStaticText; Qt's delegate draws the rest."""

    def __init__(self, view: QTableView, cell_of: CellOf) -> None:
        super().__init__(view)
        self._view = view
        self._cell_of = cell_of
        self._kept: dict[tuple[str, int], Laid | None] = {}
        self._older: dict[tuple[str, int], Laid | None] = {}
        # Per state a cell is painted in: the colour of plain text then, or None where the
        # cell is Qt's to draw. Forgotten, with the texts laid out, when the view's font,
        # palette or style changes (`eventFilter`).
        self._pens: dict[Any, QColor | None] = {}
        self._margin = 0  # the style's room either side of a cell's text
        self._height = self._narrowest = 0.0
        self._font = QFont()
        self._metrics: QFontMetricsF | None = None
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _CHANGES:
            self._forget()
        return False

    def _forget(self) -> None:
        self._pens.clear()
        self._kept.clear()
        self._older.clear()
        self._metrics = None

    def _prepare(self, option: QStyleOptionViewItem) -> None:
        """What depends on the style and the font, worked out at the first paint after a
        change of either."""
        style = self._view.style()
        base = style.baseStyle() if isinstance(style, QProxyStyle) else style
        self._usable = (base or style).name().lower() in COMPARED_STYLES
        self._font = QFont(option.font)
        self._metrics = QFontMetricsF(self._font)
        self._height = self._metrics.height()
        # The narrowest a printable ASCII character is drawn: a text longer than the room
        # at that width is certainly cut.
        self._narrowest = min(self._metrics.horizontalAdvance(chr(c))
                              for c in range(32, 127)) or 1.0
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

    def _laid_out(self, text: str, room: int) -> Laid | None:
        """The text laid out for a cell `room` wide (kept for the next paint), or None for
        Qt's delegate to draw it (a text Qt draws differently)."""
        key = (text, room)
        laid = self._kept.get(key, _NOT_KEPT)
        if laid is _NOT_KEPT:
            laid = self._older.get(key, _NOT_KEPT)
            if laid is _NOT_KEPT:
                laid = self._lay_out(text, room)
            if len(self._kept) >= LIMIT:  # the older half forgotten
                self._older, self._kept = self._kept, {}
            self._kept[key] = laid
        return laid

    def _lay_out(self, text: str, room: int) -> Laid | None:
        """The text as the cell shows it (cut with "…" if it does not fit), laid out; None
        where Qt's delegate draws it differently (lines, or words wrapped). Each shaping of
        a text costs as much as Qt's own drawing of the cell, so a text is shaped as few
        times as it can be: once if it fits, twice if it is cut (a text too long to fit
        is cut first, not measured first)."""
        metrics = self._metrics
        if metrics is None or "\n" in text or "\u2028" in text or room <= 0:
            return None
        # A view that wraps words breaks a cut text where a line may break (a space, a
        # hyphen, a stroke…) and cuts the last line it can show: Qt's to draw. A text of
        # letters and figures only cannot break: it is cut as here.
        wraps = self._view.wordWrap() and not text.isalnum()
        shown = text
        if len(text) * self._narrowest > room:  # too long to fit, whatever its letters
            if wraps:
                return None
            shown = self._cut(text, room)
        static, width = self._static(shown)
        if width > room:  # cut after all (close to the room)
            if wraps:
                return None
            shown = self._cut(text, room)
            static, width = self._static(shown)
        return static, width, float(round(self._height))

    def _cut(self, text: str, room: int) -> str:
        """The text cut with "…" to the room, as QFontMetricsF.elidedText cuts it. A long
        plain-ASCII text is first shortened to what could possibly be shown (each of its
        characters is at least `_narrowest` wide), with a fifth to spare: eliding 160
        characters cost 3-4 times eliding the 40 a column shows."""
        assert self._metrics is not None
        most = int(room * 1.2 / self._narrowest) + 2
        if len(text) > most and text.isascii() and text.isprintable():
            text = text[:most]
        return self._metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)

    def _static(self, text: str) -> tuple[QStaticText, float]:
        static = QStaticText(text)
        static.setTextFormat(Qt.TextFormat.PlainText)
        static.prepare(QTransform(), self._font)
        return static, static.size().width()

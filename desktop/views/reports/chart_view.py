"""A bar chart on screen, laid out as in the Word and PDF documents (exports/chart_layout.py)
and coloured from the palette, so that it stays readable in dark and high-contrast themes.
A screen reader reads its title as its name and its description (every bar's label and
figure) as its description; it takes focus so that a keyboard user reaches it too."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.charts import Chart
from desktop.exports.chart_layout import ChartLayout, lay_out

EMPTY = "Nothing to chart for this period."


class ChartView(QWidget):
    def __init__(self, object_name: str, name: str) -> None:
        super().__init__()
        self.setObjectName(object_name)
        self.setAccessibleName(name)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.chart: Chart | None = None

    def set_chart(self, chart: Chart | None) -> None:
        self.chart = chart
        self.setAccessibleName(chart.title if chart else self.accessibleName())
        self.setAccessibleDescription(chart.description if chart and chart.bars else EMPTY)
        self.setToolTip(chart.title if chart else "")
        self.updateGeometry()
        self.update()

    def layout_for(self, width: float) -> ChartLayout | None:
        if self.chart is None or not self.chart.bars:
            return None
        metrics = self.fontMetrics()
        return lay_out(self.chart, max(width, 200.0), metrics.horizontalAdvance,
                       metrics.height())

    def sizeHint(self) -> QSize:
        layout = self.layout_for(480)
        return QSize(480, round(layout.height) + 8 if layout else 60)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        text = palette.color(QPalette.ColorRole.Text)
        inner = self.rect().adjusted(4, 4, -4, -4)
        layout = self.layout_for(inner.width())
        painter.setPen(text)
        if layout is None:
            painter.drawText(inner, Qt.AlignmentFlag.AlignCenter, EMPTY)
        else:
            self._draw(painter, layout, inner.left(), inner.top())
        if self.hasFocus():  # the focus shown as a frame in the text colour
            painter.setPen(text)
            painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()

    def _draw(self, painter: QPainter, layout: ChartLayout, left: float, top: float) -> None:
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        bar = palette.color(QPalette.ColorRole.Highlight)
        on_bar = palette.color(QPalette.ColorRole.HighlightedText)
        line = layout.line
        for box in layout.boxes:
            y = top + box.top
            text_top = y + (box.height - len(box.lines) * line) / 2
            painter.setPen(text)
            for index, label in enumerate(box.lines):
                painter.drawText(QRectF(left, text_top + index * line, box.bar_left, line),
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                                 label)
            bar_rect = QRectF(left + box.bar_left, y + box.height * 0.2, box.bar_length,
                              box.height * 0.6)
            painter.fillRect(bar_rect, bar)
            if box.text_inside:
                painter.setPen(on_bar)
                painter.drawText(bar_rect.adjusted(0, 0, -4, 0),
                                 Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                                 box.text)
            else:
                painter.setPen(text)
                painter.drawText(QRectF(bar_rect.right() + 4, bar_rect.top(), 200,
                                        bar_rect.height()),
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                                 box.text)

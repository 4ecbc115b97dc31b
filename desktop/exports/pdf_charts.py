"""A chart in a PDF: drawn as vectors in the embedded font (sharp at any zoom, its names
searchable), tagged as a Figure whose alternative text is the chart's description."""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import Color, black, white
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from desktop.charts import Chart
from desktop.exports.chart_layout import ChartLayout, lay_out
from desktop.exports.pdf_tag_tree import FIGURE_ALT
from desktop.exports.pdf_text import FONT

BAR = Color(31 / 255, 78 / 255, 121 / 255)
SIZE = 9.5


class ChartFlowable(Flowable):
    def __init__(self, chart: Chart, width: float) -> None:
        super().__init__()
        self.layout: ChartLayout = lay_out(
            chart, width, lambda text: stringWidth(text, FONT, SIZE), SIZE * 1.25)
        self.width, self.height = width, self.layout.height
        self.__dict__[FIGURE_ALT] = chart.description

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas: Any = self.canv
        layout = self.layout
        for box in layout.boxes:
            top = layout.height - box.top  # reportlab's y grows upwards
            text_top = top - (box.height - len(box.lines) * layout.line) / 2
            canvas.setFillColor(black)
            canvas.setFont(FONT, SIZE)
            for index, line in enumerate(box.lines):
                canvas.drawString(0, text_top - (index + 0.8) * layout.line, line)
            bar_bottom = top - box.height * 0.8
            if box.bar_length > 0:
                canvas.setFillColor(BAR)
                canvas.rect(box.bar_left, bar_bottom, box.bar_length, box.height * 0.6,
                            stroke=0, fill=1)
            baseline = bar_bottom + box.height * 0.3 - SIZE * 0.35
            if box.text_inside:
                canvas.setFillColor(white)
                canvas.drawRightString(box.bar_left + box.bar_length - 4, baseline, box.text)
            else:
                canvas.setFillColor(black)
                canvas.drawString(box.bar_left + box.bar_length + 4, baseline, box.text)

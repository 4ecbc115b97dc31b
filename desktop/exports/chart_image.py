"""A chart drawn as a PNG picture for Word (which has no drawing of ours to embed), with the
bundled DejaVu font so that every name prints, at 200 dots per inch for print."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

from desktop.charts import Chart
from desktop.exports.chart_layout import lay_out
from desktop.resources import resource

BAR = (31, 78, 121)  # a dark blue: white text on it is 8.6:1, and it prints in greyscale
TEXT = (0, 0, 0)
DPI = 200


def chart_png(chart: Chart, width_mm: float) -> bytes:
    width = round(width_mm / 25.4 * DPI)
    size = round(9.5 / 72 * DPI)  # 9.5 pt, the size of the tables' text
    font = ImageFont.truetype(str(resource("fonts", "DejaVuSans.ttf")), size)
    layout = lay_out(chart, width, font.getlength, size * 1.25)
    image = Image.new("RGB", (width, max(1, round(layout.height))), "white")
    draw = ImageDraw.Draw(image)
    for box in layout.boxes:
        text_top = box.top + (box.height - len(box.lines) * layout.line) / 2
        for index, line in enumerate(box.lines):
            draw.text((0, text_top + index * layout.line), line, font=font, fill=TEXT)
        bar_top = box.top + box.height * 0.2
        bar_bottom = box.top + box.height * 0.8
        if box.bar_length >= 1:
            draw.rectangle((box.bar_left, bar_top, box.bar_left + box.bar_length, bar_bottom),
                           fill=BAR)
        middle = (bar_top + bar_bottom) / 2
        if box.text_inside:
            draw.text((box.bar_left + box.bar_length - size * 0.4, middle), box.text,
                      font=font, fill="white", anchor="rm")
        else:
            draw.text((box.bar_left + box.bar_length + size * 0.4, middle), box.text,
                      font=font, fill=TEXT, anchor="lm")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", dpi=(DPI, DPI))
    return buffer.getvalue()

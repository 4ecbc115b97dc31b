"""Where each part of a horizontal bar chart goes, in any unit (pixels for the Word picture
and the screen, points for the PDF), measured by the caller's own font, top down.

The labels (agency and sector names, often long) wrap onto two lines in a column of at most
two fifths of the width rather than being cut; the number is printed after the bar's end,
or inside it, in white, where the bar leaves no room (a 100% bar).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from desktop.charts import Chart

MAX_LABEL_LINES = 2


@dataclass(frozen=True)
class BarBox:
    lines: tuple[str, ...]  # the label, wrapped
    top: float  # of the row
    height: float  # of the row
    bar_left: float
    bar_length: float
    text: str
    text_inside: bool  # drawn inside the bar's end (no room after it)


@dataclass(frozen=True)
class ChartLayout:
    width: float
    height: float
    line: float  # the height of a line of text
    boxes: tuple[BarBox, ...]


def lay_out(chart: Chart, width: float, measure: Callable[[str], float],
            line: float) -> ChartLayout:
    """`measure(text)` is the text's width in the same unit as `width` and `line`."""
    gap = line * 0.6
    widest_text = max((measure(bar.text) for bar in chart.bars), default=0.0)
    label_width = min(width * 0.4, max((measure(bar.label) for bar in chart.bars),
                                       default=0.0))
    bar_left = label_width + gap
    room = max(width - bar_left - widest_text - gap, width * 0.2)
    boxes, top = [], 0.0
    for bar in chart.bars:
        lines = wrap(bar.label, label_width, measure)
        height = max(len(lines) * line, line * 1.2) + gap
        length = room * (bar.value / chart.maximum) if chart.maximum > 0 else 0.0
        inside = bar_left + length + gap + measure(bar.text) > width
        boxes.append(BarBox(lines, top, height, bar_left, length, bar.text, inside))
        top += height
    return ChartLayout(width, top, line, tuple(boxes))


def wrap(text: str, width: float, measure: Callable[[str], float]) -> tuple[str, ...]:
    """Words onto lines no wider than `width`; past the last line allowed, what is left is
    shortened with an ellipsis (the table beside the chart holds the whole name)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if current and measure(trial) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    if len(lines) <= MAX_LABEL_LINES:
        return tuple(lines) or ("",)
    last = " ".join(lines[MAX_LABEL_LINES - 1:])
    while last and measure(last + "…") > width:
        last = last[:-1]
    return (*lines[:MAX_LABEL_LINES - 1], last.rstrip() + "…")

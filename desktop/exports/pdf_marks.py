"""Two things a PDF page says because of the rows it carries, on top of pdf.py's tables.

Page marks: a row with a `page_mark` ("CONFIDENTIAL – not for publication") puts it at the
top of every page holding any piece of the row. An invisible flowable at the start and end of
each of the row's PDF rows tells the canvas, when drawn, that its page carries the mark.

Group labels: in a `grouped` table, where a page breaks inside a group (the rows after a span
row), the rest of the table is laid out again from the model with the group's label repeated
as "Apologies (continued):", so an absent member on the next page cannot read as present.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable
from reportlab.platypus import Table as PdfTable

from desktop.exports.document import Paragraph, Row, Table, clean, continued, para

MARK_COLOUR = colors.HexColor("#C00000")
# Lays out a model table as PDF (pdf.py's `_table_flowable`), marks and labels included.
Build = Callable[[Table], Flowable]


def draw_page_marks(canvas: Canvas, marks: list[str], width: float, height: float,
                    font: str) -> None:
    """The page's marks, centred under the header line, in bold red."""
    if not marks:
        return
    canvas.saveState()
    canvas.setFont(font, 9)
    canvas.setFillColor(MARK_COLOUR)
    canvas.drawCentredString(width / 2, height - 15 * mm, clean(" · ".join(marks)))
    canvas.restoreState()


def inner_table(flowable: Flowable) -> PdfTable | None:
    """The table itself, or the one a KeepTogether holds."""
    if isinstance(flowable, PdfTable):
        return flowable
    content = getattr(flowable, "_content", None) or []
    return next((f for f in content if isinstance(f, PdfTable)), None)


def row_origins(block: Table, table: PdfTable,
                parts_of: Callable[[Row], int]) -> list[int | None] | None:
    """The model row each row of the PDF table was laid out from (None: the header row),
    given how many PDF rows each model row became; None when they cannot be matched."""
    origins: list[int | None] = [None] if block.show_header else []
    for index, row in enumerate(block.rows):
        origins += [index] * parts_of(row)
    return origins if len(origins) == len(table._cellvalues) else None


class _PageMark(Flowable):
    """Nothing to see: when drawn, asks the page it is drawn on to print its text at the top."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        marks = getattr(self.canv, "page_marks", None)
        if marks is not None and self.text not in marks:
            marks.append(self.text)


def add_page_marks(table: PdfTable, block: Table, origins: list[int | None] | None) -> None:
    """A mark at the start and the end of each marked row's first cell, so that every page
    holding a piece of the row carries it. Rows that cannot be matched mark every row: a
    mark too many is safer than one missing."""
    marks = [row.page_mark for row in block.rows]
    if not any(marks):
        return
    every = " · ".join(dict.fromkeys(m for m in marks if m))
    for position, data_row in enumerate(table._cellvalues):
        if origins is None:
            mark = every if position >= (1 if block.show_header else 0) else ""
        else:
            origin = origins[position]
            mark = marks[origin] if origin is not None else ""
        if mark:
            first = data_row[0]
            data_row[0] = [_PageMark(mark), *(first if isinstance(first, list) else []),
                           _PageMark(mark)]


def continue_group_labels(table: PdfTable, block: Table, origins: list[int | None],
                          build: Build) -> None:
    """Make the table repeat its group's label where a page breaks inside a group."""
    table.__class__ = _grouped_class(type(table))
    table.model = (block, origins, build)


_GROUPED: dict[type, type] = {}


def _grouped_class(base: type) -> type:
    if base not in _GROUPED:
        _GROUPED[base] = type(f"Grouped{base.__name__}", (_GroupLabels, base), {})
    return _GROUPED[base]


class _GroupLabels:
    """A grouped table whose rest, after a page break inside a group, is laid out again from
    the model with "Apologies (continued):" above the group's remaining rows."""

    model: tuple[Table, list[int | None], Build]
    _cellvalues: list[list[Any]]

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(availWidth, availHeight)  # type: ignore[misc]
        model = getattr(self, "model", None)
        if len(parts) != 2 or model is None or not isinstance(parts[1], PdfTable):
            return parts
        block, origins, build = model
        rest = parts[1]
        if len(rest._cellvalues) <= rest.repeatRows:
            return parts
        first = rest._cellvalues[rest.repeatRows]
        at = next((k for k, row in enumerate(self._cellvalues) if row is first), None)
        # Only a break between two whole rows of the model can start again from the model.
        if at is None or origins[at] is None or (at > 0 and origins[at - 1] == origins[at]):
            return parts
        index = origins[at]
        assert index is not None
        label = next((row for row in reversed(block.rows[:index]) if row.span), None)
        rows = block.rows[index:]
        if label is not None and not rows[0].span:
            rows = (_continued_row(label), *rows)
        shift = len(rows) - (len(block.rows) - index)
        fills = {(r - index + shift, c): fill for (r, c), fill in block.cell_fills.items()
                 if r >= index}
        return [parts[0], build(dataclasses.replace(block, rows=tuple(rows), cell_fills=fills))]


def _continued_row(label: Row) -> Row:
    text = "".join(part.text for part in label.cells[0] if isinstance(part, Paragraph))
    return dataclasses.replace(label, cells=((para(continued(text)),),))

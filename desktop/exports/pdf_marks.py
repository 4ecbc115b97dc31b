"""Rows that mark the pages they are drawn on, and grouped tables whose label repeats.

A row with a `page_mark` ("CONFIDENTIAL – not for publication") has invisible flowables at the
start and end of its first cell which, when drawn, ask the page to print the mark at its top:
every page holding a piece of the row says it. A grouped table (attendance: Present,
Apologies ...) that a page breaks inside a group starts again on the next page from the model,
with "Apologies (continued):" above the group's remaining rows, so nobody continued onto a new
page reads as in another group.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from reportlab.platypus import Flowable
from reportlab.platypus import Table as PdfTable

from desktop.exports.document import Paragraph, Row, Table, continued, para
from desktop.exports.pdf_tag_tree import carry_tags

MakeTable = Callable[[Table], Flowable]


def table_flowable(block: Table, make: MakeTable) -> Flowable:
    """`make(block)` (the table as laid out), with its rows' page marks and, for a grouped
    table, "(continued)" labels."""
    flowable = make(block)
    table = _inner_table(flowable)
    if table is None:
        return flowable
    origins = _origins(table)
    _add_page_marks(table, block, origins)
    if block.grouped and origins is not None:
        table.__class__ = _grouped_class(type(table))
        table.model = (block, make, origins)
    return flowable


def _inner_table(flowable: Flowable) -> PdfTable | None:
    if isinstance(flowable, PdfTable):
        return flowable
    content = getattr(flowable, "_content", None) or []  # a KeepTogether
    return next((f for f in content if isinstance(f, PdfTable)), None)


def _origins(table: PdfTable) -> list[int | None] | None:
    """The model row each row of the PDF table was laid out from (None: the header row), as
    the layout recorded them (desktop/exports/pdf_tables.py); None when they cannot be
    matched."""
    origins: list[int | None] | None = getattr(table, "origins", None)
    return origins if origins is not None and len(origins) == len(table._cellvalues) else None


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


def _add_page_marks(table: PdfTable, block: Table, origins: list[int | None] | None) -> None:
    """A mark at the start and the end of each marked row's first cell, so that every page
    holding a piece of the row carries it. Rows that cannot be matched mark every row."""
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


_GROUPED: dict[type, type] = {}


def _grouped_class(base: type) -> type:
    if base not in _GROUPED:
        _GROUPED[base] = type(f"Grouped{base.__name__}", (_GroupLabels, base), {})
    return _GROUPED[base]


class _GroupLabels:
    """A grouped table whose rest, after a page break inside a group, starts again from the
    model with "Apologies (continued):" above the group's remaining rows."""

    model: tuple[Table, MakeTable, list[int | None]]

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(availWidth, availHeight)  # type: ignore[misc]
        model = getattr(self, "model", None)
        if len(parts) != 2 or model is None or not isinstance(parts[1], PdfTable):
            return parts
        block, make, origins = model
        rest = parts[1]
        if len(rest._cellvalues) <= rest.repeatRows:
            return parts
        first = rest._cellvalues[rest.repeatRows]
        cellvalues = self._cellvalues  # type: ignore[attr-defined]
        at = next((k for k, row in enumerate(cellvalues) if row is first), None)
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
        again = table_flowable(dataclasses.replace(block, rows=tuple(rows), cell_fills=fills),
                               make)
        inner = _inner_table(again)
        if inner is not None:  # the rest of a table: never split in a row on this page
            inner._continued = True
        return [parts[0], carry_tags(cellvalues[at:], again)]  # read as before: pdf_tagging


def _continued_row(label: Row) -> Row:
    text = "".join(part.text for part in label.cells[0] if isinstance(part, Paragraph))
    return dataclasses.replace(label, cells=((para(continued(text)),),))

"""A heading is never left alone at the foot of a page: it starts a new page unless there is
room under it for the start of what follows (two lines of a paragraph, a table's heading row
and first row, a short table whole).

reportlab's keepWithNext cannot do this on its own: it does not group a heading with a table
kept together (a short table) or a list, so the heading stayed behind; and grouped with a long
table it moved the heading and the whole table to the next page, leaving a gap. So each run of
keep-with-next flowables (the h1 and h2 styles) gets a conditional page break sized to it and
the start of the next flowable, and reportlab's grouping is switched off for them.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer
from reportlab.platypus import Paragraph as PdfParagraph
from reportlab.platypus import Table as PdfTable

from desktop.exports.pdf_tables import measure

LINES_KEPT = 2
ROOM = 2.0  # points, for rounding


def keep_headings_with_next(story: list[Flowable], width: float) -> list[Flowable]:
    kept: list[Flowable] = []
    index = 0
    while index < len(story):
        flowable = story[index]
        if not _keeps_with_next(flowable):
            kept.append(flowable)
            index += 1
            continue
        run = []
        while index < len(story) and _keeps_with_next(story[index]):
            run.append(story[index])
            index += 1
        following = next((f for f in story[index:] if not isinstance(f, Spacer)), None)
        need = sum(_height(f, width) for f in run) + _start_height(following, width) + ROOM
        kept.append(CondPageBreak(need))
        for heading in run:
            heading.keepWithNext = 0
        kept.extend(run)
    return kept


def _keeps_with_next(flowable: Flowable) -> bool:
    return bool(flowable.getKeepWithNext())


def _height(flowable: Flowable, width: float) -> float:
    return measure(flowable, width) + flowable.getSpaceBefore() + flowable.getSpaceAfter()


def _start_height(flowable: Flowable | None, width: float) -> float:
    """The height of the part of the flowable that must share the heading's page."""
    if flowable is None:
        return 0.0
    if isinstance(flowable, KeepTogether):  # a short table: all of it
        return sum(_height(f, width) for f in flowable._content)
    if isinstance(flowable, PdfTable):
        return _rows_height(flowable, flowable.repeatRows + 1)
    if isinstance(flowable, PdfParagraph):
        return min(measure(flowable, width), LINES_KEPT * flowable.style.leading)
    return min(measure(flowable, width), 3 * 12.5)


def _rows_height(table: PdfTable, count: int) -> float:
    """The height of the table's first rows, their cells wrapped at the columns' widths."""
    total = 0.0
    styles = table._cellStyles
    for row_index, row in enumerate(table._cellvalues[:count]):
        tallest = 0.0
        for column, value in enumerate(row):
            style: Any = styles[row_index][column]
            inner = table._colWidths[column] - style.leftPadding - style.rightPadding
            cell = 0.0
            flowables = value if isinstance(value, (list, tuple)) else (
                [value] if isinstance(value, Flowable) else [])
            for flowable in flowables:
                cell += measure(flowable, inner) + flowable.getSpaceAfter()
            tallest = max(tallest, cell + style.topPadding + style.bottomPadding)
        total += tallest
    return total

"""Tables in the PDFs: column widths from their content, long rows cut into pieces a page
can break between, and every piece of a table drawn in the same place.

- Widths: each layout gives its columns' widths in mm (their proportions). A column is never
  narrower than its widest heading word or date (nor, up to `LONGEST_KEPT_WORD`, any other
  word in it): "Attendee|s", "25/01/201|7" and "Complete|d" cannot happen while the table fits
  the page. What a column needs beyond its share is taken from the columns with room to spare.
  The table fits the frame it is drawn in (it used to run 12 pt past the right margin).
- Long rows: reportlab re-wraps the whole rest of a cell each time it splits it across a page
  (one cell holding an afternoon's minutes took minutes to lay out), and its in-row split put
  the heading row in the middle of a page and shifted the piece before the break. So a long row
  is laid out as several table rows drawn as one (no line or padding between them): a long
  paragraph is cut every `LINES_PER_PIECE` lines, the rows start where the tallest column's
  pieces do, and the other columns' pieces go into the row where they would have started (a
  paragraph across a row's start cut there too), so the columns run side by side as in one
  row. Pages break between those rows; reportlab splits inside a row only a piece taller
  than `TALLEST_PIECE` (a list longer than a page).
"""

from __future__ import annotations

import bisect
import functools
import io
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, TableStyle
from reportlab.platypus import Table as PdfTable

from desktop.exports.document import Cell, CellBlock, ListBlock, Run, Table
from desktop.exports.pdf_text import TextParagraph, plain, text_width

HEADER_FILL = colors.HexColor("#E3E8EF")
LINE = (0.5, colors.HexColor("#8A94A3"))
PADDING = 4  # left and right of every cell, points
# A row with no cell longer than this is one table row, measured by reportlab alone.
CHARACTERS_PER_ROW = 600
LINES_PER_PIECE = 5
TALLEST_PIECE = 400.0  # points: more than half a page
SHORTEST_PART = 3 * 11.5  # three lines of table text, points
LONGEST_PART = 8 * 11.5
# A longer word (a web address) may wrap inside rather than widen its column.
LONGEST_KEPT_WORD = 35 * mm
# Words measured per column, longest first: enough to find the widest.
WORDS_MEASURED = 40

SKIP_EMPTY = True  # off only to compare with reportlab drawing empty cells (tests)

CellMaker = Callable[[Cell, ParagraphStyle], list[Flowable]]


def layout_table(block: Table, text: ParagraphStyle, bold: ParagraphStyle,
                 aligned: Callable[[ParagraphStyle, str], ParagraphStyle],
                 make_cell: CellMaker, available: float) -> Flowable:
    """The reportlab table for the block, `available` points wide at most.

    `aligned(style, align)` gives a column's style; `make_cell` lays out a cell's blocks."""
    widths = column_widths(block, text, bold, available)
    data: list[list[Any]] = []
    commands: list[tuple[Any, ...]] = [
        ("BOX", (0, 0), (-1, -1), *LINE), ("LINEAFTER", (0, 0), (-2, -1), *LINE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING), ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]
    if block.show_header:
        data.append([plain(column.header, aligned(bold, column.align))
                     for column in block.columns])
        commands += [("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                     ("LINEBELOW", (0, 0), (-1, 0), *LINE)]
    split_in_row = False
    # The model row each table row comes from (None: the heading row), for page marks and
    # "(continued)" labels (desktop/exports/pdf_marks.py).
    origins: list[int | None] = [None] * len(data)
    for index, row in enumerate(block.rows):
        y = len(data)
        styles_of_row = [aligned(bold if row.bold else text, "left" if row.span else column.align)
                         for column in block.columns]
        cells = list(row.cells) + [()] * (len(block.columns) - len(row.cells))
        flowables = [make_cell(content, style) for content, style
                     in zip(cells, styles_of_row, strict=True)]
        if row.span or not _long(cells):
            parts, tallest = [flowables], 0.0
        else:
            parts, tallest = _row_parts(flowables, [w - 2 * PADDING for w in widths])
        data.extend([cell or "" for cell in part] for part in parts)
        origins += [index] * len(parts)
        # Only a piece that may not fit a page (a list longer than a page) needs reportlab
        # to split inside a row.
        split_in_row |= tallest > TALLEST_PIECE
        last = len(data) - 1
        commands.append(("LINEBELOW", (0, last), (-1, last), *LINE))
        if last > y:  # one row laid out as several: no padding where they meet
            commands += [("BOTTOMPADDING", (0, y), (-1, last - 1), 0),
                         ("TOPPADDING", (0, y + 1), (-1, last), 0)]
        if row.span:
            commands += [("SPAN", (0, y), (-1, y)), ("BACKGROUND", (0, y), (-1, y), HEADER_FILL)]
        if row.fill:
            commands.append(("BACKGROUND", (0, y), (-1, last), colors.HexColor(f"#{row.fill}")))
        for (row_index, column), fill in block.cell_fills.items():
            if row_index == index:
                commands.append(("BACKGROUND", (column, y), (column, last),
                                 colors.HexColor(f"#{fill}")))
    heights = _row_heights(data, widths, block) if block.min_row_height_mm else None
    table = ClosedTable(data, colWidths=widths, rowHeights=heights,
                        repeatRows=1 if block.show_header else 0,
                        style=TableStyle(commands), hAlign="LEFT", splitInRow=split_in_row)
    table.origins = origins
    return KeepTogether([table]) if len(data) <= 3 else table


def _row_heights(data: list[list[Any]], widths: list[float],
                 block: Table) -> list[float | None]:
    """Each body row at least `min_row_height_mm` high (a register's rows are signed in), or
    as high as its text needs; the heading row as its text needs (None). reportlab has fixed
    heights only, so the text's own height is measured here."""
    least = block.min_row_height_mm * mm
    heights: list[float | None] = [None] if block.show_header else []
    for row in data[len(heights):]:
        needed = 0.0
        for content, width in zip(row, widths, strict=True):
            flowables = content if isinstance(content, list) else []
            needed = max(needed, sum(measure(f, width - 2 * PADDING) + f.getSpaceAfter()
                                     for f in flowables) + 4)  # the cell's top and bottom
        heights.append(max(least, needed))
    return heights


class ClosedTable(PdfTable):
    """A table whose every piece is closed off at the bottom and drawn where the first was.

    Where a page breaks it, the box reportlab draws is open below (its 'splitlast' rows only
    apply to the first piece); the pieces of a row split across pages came back centred
    (reportlab makes them without the table's alignment), so they sat apart from the rest;
    and the rest of a table could be split again on the same page, heading row and all."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        frame = getattr(self, "_frame", None)
        if self.splitInRow and getattr(self, "_continued", False) and frame is not None and (
                not frame._atTop):
            # The rest of a table after a page's last whole row goes to the next page:
            # split inside its first row here, it would repeat the heading row mid-page.
            return []
        pieces = super().split(availWidth, availHeight)
        for piece in pieces:
            piece.hAlign = self.hAlign
        if len(pieces) == 2:
            pieces[1]._continued = True
        return pieces

    def _drawCell(self, cellval: Any, cellstyle: Any, pos: Any, size: Any) -> None:
        """An empty cell (beside a long row's later pieces) draws nothing: reportlab would
        still write an empty text object for it, a few hundred a meeting's minutes. The
        canvas's font and colour are set as reportlab sets them, for the cells after it."""
        if not (SKIP_EMPTY and type(cellval) is str and not cellval) or (
                cellstyle.href or cellstyle.destination):
            super()._drawCell(cellval, cellstyle, pos, size)
            return
        current: Any = getattr(self, "_curcellstyle", None)
        if current is not cellstyle:
            if current is None or cellstyle.color != current.color:
                self.canv.setFillColor(cellstyle.color)
            if current is None or (cellstyle.leading, cellstyle.fontname, cellstyle.fontsize) != (
                    current.leading, current.fontname, current.fontsize):
                self.canv.setFont(cellstyle.fontname, cellstyle.fontsize, cellstyle.leading)
            self._curcellstyle = cellstyle

    def draw(self) -> None:
        super().draw()
        self.canv.saveState()
        self.canv.setStrokeColor(LINE[1])
        self.canv.setLineWidth(LINE[0])
        self.canv.line(0, 0, sum(self._colWidths), 0)
        self.canv.restoreState()


# --- column widths ------------------------------------------------------------------------


def column_widths(block: Table, text: ParagraphStyle, bold: ParagraphStyle,
                  available: float) -> list[float]:
    """Each column's width in points: the layout's proportions, no wider in all than
    `available`, every column at least as wide as its widest heading word or date."""
    preferred = [column.width_mm * mm for column in block.columns]
    scale = min(1.0, available / sum(preferred))
    preferred = [width * scale for width in preferred]
    minimum = [max(_heading_need(column.header, bold),
                   _content_need(_column_words(block, index), text, bold))
               for index, column in enumerate(block.columns)]
    return share_widths(preferred, minimum, available)


def share_widths(preferred: list[float], minimum: list[float], available: float) -> list[float]:
    """Widths at least the minimums: the table grows up to `available`, then columns with
    room to spare give it up in proportion to that room; if even the minimums do not fit,
    every column gets its minimum's share of the page."""
    widths = [max(p, m) for p, m in zip(preferred, minimum, strict=True)]
    excess = sum(widths) - max(available, sum(preferred))
    if excess <= 0:
        return widths
    room = [w - m for w, m in zip(widths, minimum, strict=True)]
    if sum(room) < excess:
        return [m * available / sum(minimum) for m in minimum]
    return [w - excess * r / sum(room) for w, r in zip(widths, room, strict=True)]


def _heading_need(header: str, bold: ParagraphStyle) -> float:
    words = header.split() or [""]
    return max(text_width(word, bold.fontName, bold.fontSize) for word in words) + 2 * PADDING


def _column_words(block: Table, index: int) -> dict[str, bool]:
    """The column's words in the order they first come, each with whether it is printed
    bold anywhere (bold rows, bold runs)."""
    # Collected a run at a time by dict.fromkeys and set.update (a minutes column holds
    # tens of thousands of words, a few thousand distinct; a loop per word was 2 ms a
    # meeting's minutes), then flagged once per distinct word.
    order: dict[str, None] = {}
    bold: set[str] = set()
    for run, row_bold in column_runs(block, index):
        split = run.text.split()
        order.update(dict.fromkeys(split))
        if run.bold or row_bold:
            bold.update(split)
    return {word: word in bold for word in order}


def column_runs(block: Table, index: int) -> Iterator[tuple[Run, bool]]:
    """The runs of the column's cells in order (span rows aside), each with whether its row
    is bold."""
    for row in block.rows:
        if row.span or index >= len(row.cells):
            continue
        for part in row.cells[index]:
            runs = [run for _level, _ordered, item in part.entries() for run in item] if (
                isinstance(part, ListBlock)) else list(part.runs)
            for run in runs:
                yield run, row.bold


def _content_need(words: dict[str, bool], text: ParagraphStyle, bold: ParagraphStyle) -> float:
    need = 0.0
    measured = 0
    for word in sorted(words, key=len, reverse=True):
        style = bold if words[word] else text
        width = text_width(word, style.fontName, style.fontSize)
        if width > LONGEST_KEPT_WORD:
            continue
        need = max(need, width)
        measured += 1
        if measured >= WORDS_MEASURED:
            break
    return need + 2 * PADDING + 0.5 if need else 0.0


# --- long rows ----------------------------------------------------------------------------


def _long(cells: Iterable[Cell]) -> bool:
    return any(sum(_length(part) for part in content) > CHARACTERS_PER_ROW
               for content in cells)


def _length(part: CellBlock) -> int:
    if isinstance(part, ListBlock):
        return sum(len(run.text) for _level, _ordered, item in part.entries() for run in item)
    return len(part.text)


@functools.cache
def _scratch() -> Canvas:
    """A canvas to measure on before the document has one (lists need one to wrap)."""
    return Canvas(io.BytesIO())


def measure(flowable: Flowable, width: float) -> float:
    """The flowable's height at this width."""
    _, height = flowable.wrapOn(_scratch(), width, 1e6)
    return float(height)


class _Piece:
    __slots__ = ("bottom", "flowable", "top")

    def __init__(self, flowable: Flowable, top: float, height: float) -> None:
        self.flowable, self.top, self.bottom = flowable, top, top + height


def _row_parts(cells: list[list[Flowable]], widths: list[float]
               ) -> tuple[list[list[list[Flowable]]], float]:
    """One row's cells as several rows, each column's content running on from one to the
    next as in one row. A row starts where a piece of the tallest column starts, preferably
    where no other column's piece is cut (else that paragraph is cut there too); none is
    shorter than `SHORTEST_PART` (an item's title is not left alone at the foot of a page,
    nor a line at the top of the next) and, where it can be helped, none longer than
    `LONGEST_PART` (a page is filled)."""
    columns = [_pieces(flowables, width) for flowables, width in zip(cells, widths, strict=True)]
    leading = max(range(len(columns)), key=lambda i: columns[i][1])
    total = columns[leading][1]
    # The other columns' pieces by where they start; `reach`: the furthest down any piece
    # started so far ends, so a row starting at `start` cuts none if `reach` is above it.
    spans = sorted((p.top, p.bottom) for index, (pieces, _) in enumerate(columns)
                   if index != leading for p in pieces)
    reach, following = 0.0, 0
    starts = [0.0]
    for piece in columns[leading][0][1:]:
        start = piece.top
        while following < len(spans) and spans[following][0] < start - 0.5:
            reach = max(reach, spans[following][1])
            following += 1
        if start - starts[-1] < SHORTEST_PART or total - start < SHORTEST_PART:
            continue
        if reach - 1 <= start - 0.5 or start - starts[-1] >= LONGEST_PART:
            starts.append(start)
    parts: list[list[list[Flowable]]] = [[[] for _ in cells] for _ in starts]
    for index, (pieces, _) in enumerate(columns):
        queue = list(pieces)
        while queue:
            piece = queue.pop(0)
            row = max(0, bisect.bisect_right(starts, piece.top + 0.5) - 1)
            cut_at = starts[row + 1] if row + 1 < len(starts) else None
            if cut_at is not None and piece.bottom - cut_at > 1:
                # A row starts inside this piece: a paragraph is cut there too; anything
                # else goes into the row holding most of it.
                halves = _split_at(piece.flowable, cut_at - piece.top, widths[index])
                if halves:
                    queue.insert(0, _Piece(halves[1], cut_at, measure(halves[1],
                                                                       widths[index])))
                    parts[row][index].append(halves[0])
                    continue
                if piece.bottom - cut_at > cut_at - piece.top:
                    row += 1
            parts[row][index].append(piece.flowable)
    tallest = max((p.bottom - p.top for pieces, _ in columns for p in pieces), default=0.0)
    return parts, tallest


def _split_at(flowable: Flowable, height: float, width: float) -> list[Flowable] | None:
    if not isinstance(flowable, TextParagraph):
        return None
    halves = flowable.split(width, height)
    return halves if len(halves) == 2 else None


def _pieces(flowables: list[Flowable], width: float) -> tuple[list[_Piece], float]:
    """The cell's flowables, long paragraphs cut every few lines, with where each starts."""
    pieces: list[_Piece] = []
    top = 0.0
    for flowable in flowables:
        for part, height in _cut(flowable, width):
            if pieces:
                top += part.getSpaceBefore()
            pieces.append(_Piece(part, top, height))
            top += height + part.getSpaceAfter()
    return pieces, top


def _cut(flowable: Flowable, width: float) -> list[tuple[Flowable, float]]:
    """A paragraph of more than LINES_PER_PIECE lines as paragraphs of that many lines, each
    with its height (the paragraph is laid out once here: a long item has thousands)."""
    height = measure(flowable, width)
    if not isinstance(flowable, TextParagraph):
        return [(flowable, height)]
    laid_out = flowable.blPara
    count = len(laid_out.lines)
    if count <= LINES_PER_PIECE + 2:
        return [(flowable, height)]
    style = flowable.style
    inner = ParagraphStyle(f"{style.name}-piece", parent=style, spaceBefore=0, spaceAfter=0)
    frags_of = flowable._get_split_blParaFunc()
    bounds = list(range(0, count, LINES_PER_PIECE))
    if count - bounds[-1] < 2:  # no single line left on its own at the end
        bounds.pop()
    pieces: list[tuple[Flowable, float]] = []
    for number, start in enumerate(bounds):
        stop = bounds[number + 1] if number + 1 < len(bounds) else count
        first, final = number == 0, stop == count
        piece_style = style if first and final else ParagraphStyle(
            f"{style.name}-piece", parent=inner,
            spaceBefore=style.spaceBefore if first else 0,
            spaceAfter=style.spaceAfter if final else 0)
        piece = TextParagraph(None, piece_style, frags=frags_of(laid_out, start, stop))
        pieces.append((piece, height * (stop - start) / count))
    return pieces

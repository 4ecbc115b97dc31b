"""Renders a `Document` as PDF with reportlab, in the embedded DejaVu fonts.

Every string is escaped before reportlab's Paragraph reads it as its own markup, and cleaned of
control characters; the only tags reportlab ever sees are the b, i and u written here.
"""

from __future__ import annotations

import dataclasses
import io
import re
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    ListFlowable,
    ListItem,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import PageBreak as PdfPageBreak
from reportlab.platypus import Paragraph as PdfParagraph
from reportlab.platypus import Table as PdfTable

from desktop.exports.document import (
    Block,
    Cell,
    CellBlock,
    Document,
    Heading,
    ListBlock,
    PageBreak,
    Paragraph,
    Row,
    Run,
    Table,
    clean,
    continued,
    para,
)
from desktop.exports.pdf_tagging import (
    Structure,
    carry_tags,
    document_info,
    figure,
    outlined,
    table_rows,
)
from desktop.resources import resource
from desktop.services.files import write_bytes_atomically

FONT = "DejaVuSans"
NAVY = colors.HexColor("#1F3A5F")
GREY = colors.HexColor("#555555")
HEADER_FILL = colors.HexColor("#E3E8EF")
MARGIN = 18 * mm


_REPORTLAB_CMAP = ttfonts.makeToUnicodeCMap


def _utf16_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode map, with characters beyond U+FFFF (emoji) written as UTF-16.

    reportlab writes them as five hex digits, which PDF readers reject, so the text of the
    PDF could not be searched or copied; the glyphs themselves were always right.
    """
    cmap = _REPORTLAB_CMAP(fontname, subset)
    return re.sub(r"> <([0-9A-F]{5,6})>$",
                  lambda m: "> <" + chr(int(m.group(1), 16)).encode("utf-16-be").hex().upper()
                  + ">", cmap, flags=re.MULTILINE)


def _register_fonts() -> None:
    ttfonts.makeToUnicodeCMap = _utf16_cmap
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    faces = {"": "DejaVuSans.ttf", "-Bold": "DejaVuSans-Bold.ttf",
             "-Oblique": "DejaVuSans-Oblique.ttf", "-BoldOblique": "DejaVuSans-BoldOblique.ttf"}
    for suffix, file_name in faces.items():
        pdfmetrics.registerFont(TTFont(FONT + suffix, str(resource("fonts", file_name))))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=f"{FONT}-Bold",
                                  italic=f"{FONT}-Oblique", boldItalic=f"{FONT}-BoldOblique")


def _styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5, spaceAfter=4)
    return {
        "body": body,
        "table": ParagraphStyle("table", parent=body, fontSize=9, leading=11.5, spaceAfter=2),
        "small": ParagraphStyle("small", parent=body, fontSize=7.5, leading=9.5,
                                textColor=GREY),
        "strong": ParagraphStyle("strong", parent=body, fontName=f"{FONT}-Bold"),
        "right": ParagraphStyle("right", parent=body, alignment=TA_RIGHT),
        "title": ParagraphStyle("title", parent=body, fontName=f"{FONT}-Bold", fontSize=15,
                                leading=19, textColor=NAVY, spaceAfter=6),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontSize=10.5, leading=14,
                                   textColor=GREY, spaceAfter=2),
        "h1": ParagraphStyle("h1", parent=body, fontName=f"{FONT}-Bold", fontSize=12,
                             leading=15, textColor=NAVY, spaceBefore=10, spaceAfter=5,
                             keepWithNext=1),
        "h2": ParagraphStyle("h2", parent=body, fontName=f"{FONT}-Bold", fontSize=10.5,
                             leading=13, textColor=NAVY, spaceBefore=8, spaceAfter=4,
                             keepWithNext=1),
        "certificate": ParagraphStyle("certificate", parent=body, fontName=f"{FONT}-Bold",
                                      fontSize=24, leading=30, alignment=TA_CENTER,
                                      textColor=NAVY, spaceBefore=12, spaceAfter=12),
        "centred": ParagraphStyle("centred", parent=body, fontSize=12, leading=17,
                                  alignment=TA_CENTER),
    }


def markup(runs: tuple[Run, ...]) -> str:
    """reportlab's mini-markup for the runs: their text escaped, only our own tags added."""
    parts = []
    for run in runs:
        text = escape(clean(run.text)).replace("\n", "<br/>")
        for flag, tag in ((run.underline, "u"), (run.italic, "i"), (run.bold, "b")):
            if flag:
                text = f"<{tag}>{text}</{tag}>"
        parts.append(text)
    return "".join(parts)


def plain(text: str, style: ParagraphStyle) -> PdfParagraph:
    return PdfParagraph(escape(clean(text)), style)


class _NumberedCanvas(Canvas):
    """Holds the pages back until the end, so each can say "Page 2 of 7"."""

    def __init__(self, *args: Any, document: Document, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []
        self._document = document
        self.page_marks: list[str] = []  # what this page's rows ask its top to say

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self.page_marks = []
        self._startPage()

    def save(self) -> None:
        for page in self._pages:
            self.__dict__.update(page)
            self._decorate(len(self._pages))
            super().showPage()
        super().save()

    def _draw_logo(self, image: bytes, width: float, height: float) -> None:
        """At the top right, 11 mm high, in its own proportions; DRAFT sits beside it."""
        reader = _logo_reader(image)
        pixels_wide, pixels_high = reader.getSize()
        logo_high = 11 * mm
        logo_wide = logo_high * pixels_wide / max(pixels_high, 1)
        self.drawImage(reader, width - MARGIN - logo_wide, height - 14 * mm, logo_wide,
                       logo_high, mask="auto")

    def _decorate(self, total: int) -> None:
        width, height = self._pagesize
        document = self._document
        self.setFont(FONT, 7.5)
        self.setFillColor(GREY)
        if document.header:
            self.drawString(MARGIN, height - 11 * mm, clean(document.header))
        if document.logo:
            with figure(self):
                self._draw_logo(document.logo, width, height)
        if document.footer:
            self.drawString(MARGIN, 9 * mm, clean(document.footer))
        self.drawRightString(width - MARGIN, 9 * mm,
                             f"Page {self._pageNumber} of {total}")
        self._draw_page_marks(width, height)
        if document.draft:
            self.setFont(f"{FONT}-Bold", 11)
            self.setFillColor(colors.HexColor("#C00000"))
            # With a logo at the right, DRAFT goes in the middle of the header line.
            draw = self.drawCentredString if document.logo else self.drawRightString
            draw(width / 2 if document.logo else width - MARGIN, height - 11.5 * mm, "DRAFT")
            self.saveState()
            self.setFillColor(colors.Color(0.75, 0.1, 0.1, alpha=0.08))
            self.setFont(f"{FONT}-Bold", 110)
            self.translate(width / 2, height / 2)
            self.rotate(45)
            self.drawCentredString(0, -40, "DRAFT")
            self.restoreState()


    def _draw_page_marks(self, width: float, height: float) -> None:
        """ "CONFIDENTIAL – not for publication", centred under the header line, on the pages
        that carry a row marked so (see `_PageMark`)."""
        if not self.page_marks:
            return
        self.saveState()
        self.setFont(f"{FONT}-Bold", 9)
        self.setFillColor(colors.HexColor("#C00000"))
        self.drawCentredString(width / 2, height - 15 * mm, clean(" · ".join(self.page_marks)))
        self.restoreState()


def _logo_reader(image: bytes) -> ImageReader:
    return ImageReader(io.BytesIO(image))


def write_pdf(document: Document, path: Path) -> None:
    _register_fonts()
    styles = _styles()
    page_size = landscape(A4) if document.landscape else A4
    # Built in memory, then written whole or not at all (desktop/services/files.py).
    buffer = io.BytesIO()
    template = SimpleDocTemplate(buffer, pagesize=page_size, leftMargin=MARGIN,
                                 rightMargin=MARGIN, topMargin=17 * mm, bottomMargin=16 * mm,
                                 **document_info(document, FONT))
    story: list[Flowable] = []
    if not document.certificate:
        story.append(plain(document.title, styles["title"]))
        story.extend(plain(line, styles["subtitle"]) for line in document.subtitle)
        story.append(Spacer(1, 4 * mm))
    for block in document.blocks:
        story.extend(_block(block, styles, document))
    structure = Structure.of(story, document)  # tags and bookmarks: pdf_tagging.py

    def canvas_maker(*args: Any, **kwargs: Any) -> Canvas:
        return structure.attach(_NumberedCanvas(*args, document=document, **kwargs))

    template.build(story, canvasmaker=canvas_maker)
    write_bytes_atomically(path, buffer.getvalue())


def _block(block: Block, styles: dict[str, ParagraphStyle],
           document: Document) -> list[Flowable]:
    if isinstance(block, Heading):
        return [plain(block.text, styles["h1" if block.level <= 1 else "h2"])]
    if isinstance(block, Paragraph):
        style = styles[block.style]
        if document.certificate:
            style = styles["certificate" if block.style == "strong" else "centred"]
        return [PdfParagraph(markup(block.runs), style)]
    if isinstance(block, ListBlock):
        return [_list(block, styles["body"])]
    if isinstance(block, Table):
        return [_table_flowable(block, styles), Spacer(1, 3 * mm)]
    if isinstance(block, PageBreak):
        return [PdfPageBreak()]
    raise TypeError(f"no PDF layout for {type(block).__name__}")


def _list(block: ListBlock, style: ParagraphStyle, level: int = 0) -> ListFlowable:
    """A list with the lists nested in its items after their item's text, each level
    further in, bulleted • ◦ ▪ or numbered 1. a. i. as Word numbers them."""
    indent = 14 if block.ordered else 12
    items = []
    for index, item in enumerate(block.items):
        parts = [PdfParagraph(markup(item), style)]
        parts += [_list(sub, style, level + 1) for sub in block.sublists(index)]
        items.append(ListItem(parts))
    if block.ordered:
        listed = ListFlowable(items, bulletType=("1", "a", "i")[level % 3],
                              bulletFormat="%s.", bulletFontName=FONT,
                              bulletFontSize=style.fontSize, leftIndent=indent,
                              spaceAfter=0 if level else 4)
    else:
        listed = ListFlowable(items, bulletType="bullet", start="•◦▪"[level % 3],
                              bulletFontName=FONT, bulletFontSize=style.fontSize,
                              leftIndent=indent, spaceAfter=0 if level else 4)
    orphans = block.sublists(-1)
    if not orphans:
        return listed
    # A list nested before any item: one level in, with no bullet of its own (a list with
    # an empty bullet holds it, and the list it came before).
    return _unbulleted([*(_unbulleted([_list(sub, style, level + 1)], indent)
                          for sub in orphans), listed], 0)


def _unbulleted(flowables: list[Flowable], indent: float) -> ListFlowable:
    return ListFlowable(flowables, bulletType="bullet", start="", leftIndent=indent)


def _cell(content: tuple[CellBlock, ...], style: ParagraphStyle) -> list[Flowable]:
    flowables: list[Flowable] = []
    for part in content:
        if isinstance(part, ListBlock):
            flowables.append(_list(part, style))
        else:
            flowables.append(outlined(PdfParagraph(markup(part.runs), style), part))
    return flowables


def _aligned(style: ParagraphStyle, align: str) -> ParagraphStyle:
    if align == "left":
        return style
    alignment = TA_RIGHT if align == "right" else TA_CENTER
    return ParagraphStyle(f"{style.name}-{align}", parent=style, alignment=alignment)


# A long cell is laid out over several table rows drawn as one (no line or padding between
# them), each of about this many characters. reportlab re-wraps the whole rest of a cell each
# time it splits it across a page, so one cell holding a whole afternoon's minutes took
# minutes to lay out; split between rows, it takes seconds. Pages break between those rows;
# only a single paragraph longer than a page is split inside (splitInRow).
CHARACTERS_PER_ROW = 600
LONGER_THAN_A_PAGE = 4000
LINE = (0.5, colors.HexColor("#8A94A3"))


def _table(block: Table, styles: dict[str, ParagraphStyle]) -> Flowable:
    text = styles["table"]
    bold = ParagraphStyle("table-bold", parent=text, fontName=f"{FONT}-Bold")
    data: list[list[Any]] = []
    commands: list[tuple[Any, ...]] = [
        ("BOX", (0, 0), (-1, -1), *LINE), ("LINEAFTER", (0, 0), (-2, -1), *LINE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]
    if block.show_header:
        data.append([plain(column.header, _aligned(bold, column.align))
                     for column in block.columns])
        commands += [("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                     ("LINEBELOW", (0, 0), (-1, 0), *LINE)]
    split_in_row = 0
    starts = []  # where each of the block's rows begins: read as one row however laid out
    for index, row in enumerate(block.rows):
        y = len(data)
        starts.append(y)
        styles_of_row = [_aligned(bold if row.bold else text, "left" if row.span else column.align)
                         for column in block.columns]
        for part in _row_parts(row.cells, len(block.columns)):
            data.append([_cell(content, style) or "" for content, style
                         in zip(part, styles_of_row, strict=True)])
        split_in_row |= any(_length(b) > LONGER_THAN_A_PAGE for c in row.cells for b in c)
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
    widths = [column.width_mm * mm for column in block.columns]
    table = _ClosedTable(data, colWidths=widths, repeatRows=1 if block.show_header else 0,
                     style=TableStyle(commands), hAlign="LEFT", splitInRow=split_in_row)
    table_rows(table, starts, FONT)
    return KeepTogether([table]) if len(data) <= 3 else table


class _ClosedTable(PdfTable):
    """A table whose every piece is closed off at the bottom: where a page breaks it, the
    box reportlab draws is open below (its 'splitlast' rows only apply to the first piece)."""

    def draw(self) -> None:
        super().draw()
        self.canv.saveState()
        self.canv.setStrokeColor(LINE[1])
        self.canv.setLineWidth(LINE[0])
        self.canv.line(0, 0, sum(self._colWidths), 0)
        self.canv.restoreState()


def _row_parts(cells: tuple[Cell, ...], width: int) -> list[list[Cell]]:
    """One row's cells as rows of at most about CHARACTERS_PER_ROW characters in each cell:
    the first carries the start of every cell, the others what is left of the long ones."""
    chunked = [_chunks(content) for content in cells]
    chunked += [[()] for _ in range(width - len(chunked))]
    height = max(len(chunks) for chunks in chunked)
    return [[chunks[i] if i < len(chunks) else () for chunks in chunked] for i in range(height)]


def _chunks(content: Cell) -> list[Cell]:
    chunks: list[Cell] = []
    current: list[CellBlock] = []
    size = 0
    for part in content:
        if current and size + _length(part) > CHARACTERS_PER_ROW:
            chunks.append(tuple(current))
            current, size = [], 0
        current.append(part)
        size += _length(part)
    return [*chunks, tuple(current)]


def _length(part: CellBlock) -> int:
    if isinstance(part, ListBlock):
        return sum(len(run.text) for _level, _ordered, item in part.entries() for run in item)
    return len(part.text)


# --- page marks and continued group labels, on top of `_table` -----------------------------


def _table_flowable(block: Table, styles: dict[str, ParagraphStyle]) -> Flowable:
    """`_table`, with its rows' page marks and, for a grouped table, "(continued)" labels."""
    flowable = _table(block, styles)
    table = _inner_table(flowable)
    if table is None:
        return flowable
    origins = _origins(block, table)
    _add_page_marks(table, block, origins)
    if block.grouped and origins is not None:
        table.__class__ = _grouped_class(type(table))
        table.model = (block, styles, origins)
    return flowable


def _inner_table(flowable: Flowable) -> PdfTable | None:
    if isinstance(flowable, PdfTable):
        return flowable
    content = getattr(flowable, "_content", None) or []  # a KeepTogether
    return next((f for f in content if isinstance(f, PdfTable)), None)


def _origins(block: Table, table: PdfTable) -> list[int | None] | None:
    """The model row each row of the PDF table was laid out from (None: the header row);
    None when they cannot be matched."""
    origins: list[int | None] = [None] if block.show_header else []
    for index, row in enumerate(block.rows):
        origins += [index] * len(_row_parts(row.cells, len(block.columns)))
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

    model: tuple[Table, dict[str, ParagraphStyle], list[int | None]]

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(availWidth, availHeight)  # type: ignore[misc]
        model = getattr(self, "model", None)
        if len(parts) != 2 or model is None or not isinstance(parts[1], PdfTable):
            return parts
        block, styles, origins = model
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
        rebuilt = _table_flowable(
            dataclasses.replace(block, rows=tuple(rows), cell_fills=fills), styles)
        return [parts[0], carry_tags(cellvalues[at:], rebuilt)]  # read as before: pdf_tagging


def _continued_row(label: Row) -> Row:
    text = "".join(part.text for part in label.cells[0] if isinstance(part, Paragraph))
    return dataclasses.replace(label, cells=((para(continued(text)),),))

"""Renders a `Document` as PDF with reportlab, in the embedded DejaVu fonts.

Text (escaping, fallback fonts, right-to-left) is desktop/exports/pdf_text.py; tables (widths
from their content, long rows, page breaks) desktop/exports/pdf_tables.py; headings kept with
what follows them desktop/exports/pdf_headings.py; marked pages and "(continued)" group
labels desktop/exports/pdf_marks.py; certificates' centred pages desktop/exports/pdf_pages.py.
Plain paragraphs broken and drawn without reportlab's general loops desktop/exports/pdf_lines.py;
the page operators' numbers written once a document desktop/exports/pdf_numbers.py, the objects'
strings encoded desktop/exports/pdf_writer.py (all give reportlab's bytes). Right-to-left text
shaped safely whatever it holds desktop/exports/pdf_shaping.py.
"""

from __future__ import annotations

import contextlib
import gc
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    ListFlowable,
    ListItem,
    SimpleDocTemplate,
    Spacer,
)
from reportlab.platypus import PageBreak as PdfPageBreak
from reportlab.platypus import Table as PdfTable

from desktop.charts import Chart
from desktop.exports.document import (
    Block,
    CellBlock,
    Document,
    Heading,
    ListBlock,
    PageBreak,
    Paragraph,
    Run,
    Table,
    clean,
)
from desktop.exports.pdf_charts import ChartFlowable
from desktop.exports.pdf_headings import keep_headings_with_next
from desktop.exports.pdf_marks import table_flowable
from desktop.exports.pdf_numbers import install as install_numbers
from desktop.exports.pdf_numbers import numbers_written
from desktop.exports.pdf_pages import centred_pages
from desktop.exports.pdf_tables import layout_table
from desktop.exports.pdf_tagging import (
    Structure,
    document_info,
    figure,
    outlined,
    table_rows,
)
from desktop.exports.pdf_text import (
    FONT,
    draw_line,
    markup,
    plain,
    register_fonts,
    word_widths,
)
from desktop.exports.pdf_text import TextParagraph as PdfParagraph
from desktop.exports.pdf_writer import install as install_writer
from desktop.services.files import write_bytes_atomically

NAVY = colors.HexColor("#1F3A5F")
GREY = colors.HexColor("#555555")
MARGIN = 18 * mm
# reportlab's page frame keeps 6 pt inside the margins on each side.
FRAME_PADDING = 6
# Streams are compressed only, not also written as ASCII85 text: without reportlab's
# optional C accelerator that encoding is a pure-Python loop over every compressed byte
# (~7% of a full meeting's minutes), and the file is 6% smaller. Readers handle both alike.
rl_config.useA85 = 0


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


class _NumberedCanvas(Canvas):
    """Holds the pages back until the end, so each can say "Page 2 of 7"."""

    def __init__(self, *args: Any, document: Document, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []
        self._document = document
        self.page_marks: list[str] = []  # what this page's rows ask its top to say

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()
        self.page_marks = []

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
        # Header and footer are shaped and use the fallback font like any paragraph; they
        # stop short of the logo, DRAFT and the page number.
        running = ParagraphStyle("running", fontName=FONT, fontSize=7.5, leading=9.5,
                                 textColor=GREY)
        if document.header:
            short_of = 45 * mm if document.logo else 25 * mm if document.draft else 0
            draw_line(self, document.header, MARGIN, width - MARGIN - short_of,
                      height - 11 * mm, running)
        if document.logo:
            with figure(self):
                self._draw_logo(document.logo, width, height)
        if document.footer:
            draw_line(self, document.footer, MARGIN, width - MARGIN - 25 * mm, 9 * mm, running)
        if document.page_numbers:
            self.setFont(FONT, 7.5)
            self.setFillColor(GREY)
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
        that carry a row marked so (desktop/exports/pdf_marks.py)."""
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
    # Built in memory, then written whole or not at all (desktop/services/files.py).
    write_bytes_atomically(path, pdf_bytes(document))


# Off only to compare with the cycle collector running through the layout (benchmarks).
PAUSE_COLLECTOR = True


def pdf_bytes(document: Document) -> bytes:
    register_fonts()
    install_numbers()
    install_writer()
    # each word's width measured once, each number written once, in this document
    with word_widths(), numbers_written(), collector_paused():
        return _pdf_bytes(document)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector held off while one document is laid out: reportlab makes
    hundreds of thousands of small objects (fragments, lines, PDF operators), which set off
    20-odd collections a meeting's minutes, each walking every object the process holds
    (5-10% of the export, more in the app with its screens loaded). What the document
    made is freed as usual when it is dropped; cycles wait for the next collection."""
    collecting = PAUSE_COLLECTOR and gc.isenabled()
    if collecting:
        gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _pdf_bytes(document: Document) -> bytes:
    styles = _styles()
    page_size = landscape(A4) if document.landscape else A4
    buffer = io.BytesIO()
    template = SimpleDocTemplate(buffer, pagesize=page_size, leftMargin=MARGIN,
                                 rightMargin=MARGIN, topMargin=17 * mm, bottomMargin=16 * mm,
                                 **document_info(document, FONT))
    story: list[Flowable] = []
    if not document.certificate:
        story.append(plain(document.title, styles["title"]))
        story.extend(plain(line, styles["subtitle"]) for line in document.subtitle)
        story.append(Spacer(1, 4 * mm))
    width = template.width - 2 * FRAME_PADDING
    for block in document.blocks:
        story.extend(_block(block, styles, document, width))
    story = keep_headings_with_next(story, width)
    if document.certificate:
        story = centred_pages(story)
    structure = Structure.of(story, document)  # tags and bookmarks: pdf_tagging.py

    def canvas_maker(*args: Any, **kwargs: Any) -> Canvas:
        return structure.attach(_NumberedCanvas(*args, document=document, **kwargs))

    template.build(story, canvasmaker=canvas_maker)
    return buffer.getvalue()


def _block(block: Block, styles: dict[str, ParagraphStyle], document: Document,
           width: float) -> list[Flowable]:
    if isinstance(block, Heading):
        return [plain(block.text, styles["h1" if block.level <= 1 else "h2"])]
    if isinstance(block, Paragraph):
        style = styles[block.style]
        if document.certificate:
            style = styles["certificate" if block.style == "strong" else "centred"]
        return [PdfParagraph(markup(block.runs, style.fontName), style)]
    if isinstance(block, ListBlock):
        return [_list(block, styles["body"])]
    if isinstance(block, Table):
        return [table_flowable(block, lambda b: _table(b, styles, width)), Spacer(1, 3 * mm)]
    if isinstance(block, PageBreak):
        return [PdfPageBreak()]
    if isinstance(block, Chart):
        return _chart(block, styles, width)
    raise TypeError(f"no PDF layout for {type(block).__name__}")


def _chart(chart: Chart, styles: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    """The chart's title as a caption kept with the chart, which never splits."""
    caption = PdfParagraph(markup((Run(chart.title, bold=True),), FONT), styles["body"])
    return [KeepTogether([caption, ChartFlowable(chart, width * 0.9)]), Spacer(1, 4 * mm)]


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
            flowables.append(outlined(PdfParagraph(markup(part.runs, style.fontName), style),
                                      part))
    return flowables


def _aligned(style: ParagraphStyle, align: str) -> ParagraphStyle:
    if align == "left":
        return style
    alignment = TA_RIGHT if align == "right" else TA_CENTER
    return ParagraphStyle(f"{style.name}-{align}", parent=style, alignment=alignment)


def _table(block: Table, styles: dict[str, ParagraphStyle], width: float) -> Flowable:
    text = styles["table"]
    bold = ParagraphStyle("table-bold", parent=text, fontName=f"{FONT}-Bold")
    flowable = layout_table(block, text, bold, _aligned, _cell, width)
    table = flowable if isinstance(flowable, PdfTable) else flowable._content[0]
    # Where each of the block's rows begins: read as one row however laid out (pdf_tagging).
    origins: list[int | None] = table.origins
    starts = [origins.index(index) for index in range(len(block.rows))]
    table_rows(table, starts, FONT)
    return flowable

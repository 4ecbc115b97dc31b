"""Renders a `Document` as Word, on the house template, with its styles rather than formatting.

Columns get fixed widths in the table grid, on every cell and with a fixed layout, because
LibreOffice reads the grid and Word reads the cells. Every string is cleaned of control
characters first (python-docx refuses them). Two tables never touch: Word and LibreOffice
would join them into one, the first one's heading row repeated over the second.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path
from typing import Any

from docx import Document as open_template
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from desktop.charts import Chart
from desktop.exports.chart_image import chart_png
from desktop.exports.document import (
    Block,
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
    page_marks,
)
from desktop.exports.docx_lists import WordLists
from desktop.resources import resource
from desktop.services.files import write_bytes_atomically

TEMPLATE = ("templates", "house.docx")
HEADER_FILL = "E3E8EF"  # the pale blue-grey of header rows, as in the PDF
PARAGRAPH_STYLES = {"body": "Normal", "small": "Small Print", "strong": "Strong Paragraph",
                    "right": "Right Aligned"}
LANGUAGE = "en-GB"  # the template's styles say so too (resources/templates/)


def write_docx(document: Document, path: Path) -> None:
    word = open_template(str(resource(*TEMPLATE)))
    lists = WordLists(word, _runs)
    _page(word, document)
    if document.draft:
        word.add_paragraph("DRAFT", style="Draft Mark")
    if not document.certificate:
        word.add_paragraph(clean(document.title), style="Title")
        for line in document.subtitle:
            word.add_paragraph(clean(line), style="Subtitle")
    for block in document.blocks:
        _block(word, block, document, lists)
    _properties(word, document)
    # Built in memory, then written whole or not at all (desktop/services/files.py).
    buffer = io.BytesIO()
    word.save(buffer)
    write_bytes_atomically(path, buffer.getvalue())


def _properties(word: Any, document: Document) -> None:
    """The file's own properties (File > Info), not the template's: its title, the
    organisation as author, written now."""
    properties = word.core_properties
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    organisation = clean(document.author or document.header)
    properties.title = clean(document.title)
    properties.subject = clean(document.subtitle[0]) if document.subtitle else ""
    properties.author = properties.last_modified_by = organisation
    properties.created = properties.modified = now
    properties.revision = 1
    properties.comments = properties.keywords = properties.category = ""
    properties.language = LANGUAGE


def _page(word: Any, document: Document) -> None:
    section = word.sections[0]
    if document.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    if document.certificate:  # a certificate's lines sit in the middle of the page
        _centre_vertically(section._sectPr)
    # The right-hand tab stop at the right margin, in portrait and landscape alike: the
    # logo and the page number sit at the right edge of the text, as in the PDF.
    right_edge = section.page_width - section.left_margin - section.right_margin
    header = section.header.paragraphs[0]
    header.style = word.styles["Header"]
    header.paragraph_format.tab_stops.add_tab_stop(right_edge, WD_TAB_ALIGNMENT.RIGHT)
    header.paragraph_format.space_after = Pt(6)  # the body does not touch the logo
    header.text = clean(" – ".join(p for p in (document.header,
                                               "DRAFT" if document.draft else "") if p))
    if document.logo:
        # The logo (11 mm) from 5 mm below the top edge, as in the PDF: from the usual
        # 12.7 mm it pushed the text of every page down against the header.
        section.header_distance = Mm(5)
        picture = header.add_run("\t").add_picture(io.BytesIO(document.logo), height=Mm(11))
        # Alt text, for a screen reader and Word's accessibility check.
        name = clean(document.author or document.header)
        picture._inline.docPr.set("descr", f"Logo of {name}" if name else "Logo")
    _header_marks(header, document)
    footer = section.footer.paragraphs[0]
    footer.style = word.styles["Footer"]
    footer.paragraph_format.tab_stops.add_tab_stop(right_edge, WD_TAB_ALIGNMENT.RIGHT)
    footer.add_run(clean(document.footer) + "\tPage ")
    _field(footer.add_run(), "PAGE")
    footer.add_run(" of ")
    _field(footer.add_run(), "NUMPAGES")


# The section properties that come after w:vAlign in the schema's order.
_AFTER_VALIGN = ("w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter",
                 "w:docGrid", "w:printerSettings", "w:sectPrChange")


def _centre_vertically(section_properties: Any) -> None:
    alignment = OxmlElement("w:vAlign")
    alignment.set(qn("w:val"), "center")
    following = next((child for child in section_properties
                      if child.tag in {qn(tag) for tag in _AFTER_VALIGN}), None)
    if following is None:
        section_properties.append(alignment)
    else:
        following.addprevious(alignment)


def _field(run: Any, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in when they lay out."""
    for kind, text in (("begin", None), ("instr", f" {code} "), ("separate", None),
                       ("text", "1"), ("end", None)):
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        elif kind == "text":
            element = OxmlElement("w:t")
            element.text = text
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)


def _block(word: Any, block: Block, document: Document, lists: WordLists) -> None:
    if isinstance(block, Heading):
        word.add_paragraph(clean(block.text), style=f"Heading {min(max(block.level, 1), 2)}")
    elif isinstance(block, Paragraph):
        style = PARAGRAPH_STYLES[block.style]
        if document.certificate:  # a certificate's lines are centred on the page
            style = "Certificate Name" if block.style == "strong" else "Certificate Text"
        if block.heading:
            style = f"Heading {min(block.heading, 2)}"
        _runs(word.add_paragraph(style=style), block.runs)
    elif isinstance(block, ListBlock):
        lists.add(block, word.add_paragraph)
    elif isinstance(block, Table) and block.grouped:
        _grouped_tables(word, block, lists)
    elif isinstance(block, Table):
        _table(word, block, lists)
    elif isinstance(block, PageBreak):
        word.add_page_break()
    elif isinstance(block, Chart):
        _chart(word, block)


def _chart(word: Any, chart: Chart) -> None:
    """The chart's title as a caption kept with the picture, whose alternative text is the
    chart's description (what a screen reader says instead of the picture)."""
    caption = word.add_paragraph()
    caption.add_run(clean(chart.title)).bold = True
    caption.paragraph_format.keep_with_next = True
    width_mm = 150.0
    picture = word.add_paragraph().add_run().add_picture(
        io.BytesIO(chart_png(chart, width_mm)), width=Mm(width_mm))
    picture._inline.docPr.set("descr", clean(chart.description))


def _runs(paragraph: Any, runs: tuple[Run, ...]) -> None:
    for run in runs:
        pieces = clean(run.text).split("\n")
        for index, piece in enumerate(pieces):
            if index:
                paragraph.add_run().add_break()
            if piece:
                added = paragraph.add_run(piece)
                # Emphasis inside a sentence is what character formatting is for.
                added.bold = run.bold or None
                added.italic = run.italic or None
                added.underline = run.underline or None


def _table(word: Any, block: Table, lists: WordLists) -> None:
    body = word.element.body
    last = body[-2] if len(body) > 1 else None  # the last is the section's properties
    if last is not None and last.tag == qn("w:tbl"):
        # Word and LibreOffice join adjacent tables into one: keep them apart.
        word.add_paragraph(style="Normal")
    count = len(block.columns)
    table = word.add_table(rows=0, cols=count)
    table.style = word.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _fixed_layout(table, block)
    if block.show_header:
        cells = table.add_row().cells
        for cell, column in zip(cells, block.columns, strict=True):
            right = " Right" if column.align == "right" else ""
            cell.paragraphs[0].style = word.styles["Table Heading" + right]
            cell.paragraphs[0].add_run(clean(column.header))
        _repeat_as_header(table.rows[-1])
        _cell_widths(table.rows[-1], block, span=False)
    for row_index, row in enumerate(block.rows):
        _table_row(word, table, block, row, row_index, lists)
        if block.min_row_height_mm:  # a register's rows are tall enough to sign in
            table.rows[-1].height = Mm(block.min_row_height_mm)
            table.rows[-1].height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST


def _table_row(word: Any, table: Any, block: Table, row: Row, row_index: int,
               lists: WordLists) -> None:
    cells = table.add_row().cells
    if row.span:
        cells = [cells[0].merge(cells[-1])]
        _shade(cells[0], HEADER_FILL)
    for column_index, (target, content) in enumerate(zip(cells, row.cells, strict=False)):
        style = "Table Heading" if row.bold else "Table Text"
        if block.columns[column_index].align == "right" and not row.span:
            style += " Right"
        _cell_content(word, target, content, style, lists)
        fill = block.cell_fills.get((row_index, column_index)) or row.fill
        if fill:
            _shade(target, fill)
    _cell_widths(table.rows[-1], block, row.span)


def _cell_widths(row: Any, block: Table, span: bool) -> None:
    """Each cell's width as well as the grid's: Word reads the cells, LibreOffice the grid."""
    if span:
        row.cells[0].width = Mm(sum(column.width_mm for column in block.columns))
        return
    for target, column in zip(row.cells, block.columns, strict=True):
        target.width = Mm(column.width_mm)


def _cell_content(word: Any, target: Any, content: tuple[CellBlock, ...], style: str,
                  lists: WordLists) -> None:
    first = target.paragraphs[0]
    first.style = word.styles[style]
    used_first = False

    def next_paragraph(style: str = style) -> Any:
        nonlocal used_first
        if not used_first:
            used_first = True
            first.style = word.styles[style]
            return first
        return target.add_paragraph(style=style)

    for part in content:
        if isinstance(part, ListBlock):
            lists.add(part, next_paragraph)
        elif part.heading:  # an item's title: listed in the navigation pane
            _runs(next_paragraph(f"Item Heading {min(part.heading, 2)}"), part.runs)
        else:
            _runs(next_paragraph(), part.runs)


def _fixed_layout(table: Any, block: Table) -> None:
    # `table.autofit = False` has already written <w:tblLayout w:type="fixed"/>.
    for grid_column, column in zip(table._tbl.tblGrid.findall(qn("w:gridCol")),
                                   block.columns, strict=True):
        grid_column.set(qn("w:w"), str(int(Mm(column.width_mm).twips)))


def _repeat_as_header(row: Any) -> None:
    row_properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row_properties.append(header)
    for target in row.cells:
        _shade(target, HEADER_FILL)


def _shade(target: Any, colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    target._tc.get_or_add_tcPr().append(shading)


# --- page marks and grouped tables (the Word side of the hooks in document.py) ---------------


def _header_marks(header: Any, document: Document) -> None:
    """Word cannot head only the pages that carry a marked row, so a document with any
    ("CONFIDENTIAL – not for publication") says it in the header of every page."""
    marks = page_marks(document)
    if marks:
        mark = header.add_run()
        if header.text or document.logo:
            mark.add_break()
        mark.add_text(clean(" · ".join(marks)))
        mark.bold = True


def _grouped_tables(word: Any, block: Table, lists: WordLists) -> None:
    """One table per group (the rows from one span row to the next), each headed by its
    label and the column headings, both repeated on every page the group runs on; a small
    paragraph between them, so that Word does not join them into one table."""
    groups: list[tuple[Row | None, int]] = []
    for index, row in enumerate(block.rows):
        if row.span or not groups:
            groups.append((row if row.span else None, index))
    for number, (label, start) in enumerate(groups):
        end = groups[number + 1][1] if number + 1 < len(groups) else len(block.rows)
        first = start + (label is not None)
        fills = {(r - first, c): fill for (r, c), fill in block.cell_fills.items()
                 if first <= r < end}
        if number:
            word.add_paragraph(style="Small Print")
        _table(word, dataclasses.replace(block, rows=block.rows[first:end], cell_fills=fills),
               lists)
        if label is not None:
            _label_row(word, word.tables[-1], block, label, lists)


def _label_row(word: Any, table: Any, block: Table, label: Row, lists: WordLists) -> None:
    """The group's label as the table's first row, repeated with the column headings."""
    row = table.add_row()
    table._tbl.remove(row._tr)
    table.rows[0]._tr.addprevious(row._tr)
    row = table.rows[0]
    merged = row.cells[0].merge(row.cells[-1])
    _cell_content(word, merged, label.cells[0], "Table Heading", lists)
    _repeat_as_header(row)
    _cell_widths(row, block, span=True)

"""Renders a `Document` as Word, on the house template, with its styles rather than formatting.

Columns get fixed widths in the table grid, on every cell and with a fixed layout, because
LibreOffice reads the grid and Word reads the cells. Every string is cleaned of control
characters first (python-docx refuses them).
"""

from __future__ import annotations

import copy
import io
from pathlib import Path
from typing import Any

from docx import Document as open_template
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

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
)
from desktop.resources import resource
from desktop.services.files import write_bytes_atomically

TEMPLATE = ("templates", "house.docx")
HEADER_FILL = "E3E8EF"  # the pale blue-grey of header rows, as in the PDF
PARAGRAPH_STYLES = {"body": "Normal", "small": "Small Print", "strong": "Strong Paragraph",
                    "right": "Right Aligned"}


def write_docx(document: Document, path: Path) -> None:
    word = open_template(str(resource(*TEMPLATE)))
    _page(word, document)
    if document.draft:
        word.add_paragraph("DRAFT", style="Draft Mark")
    if not document.certificate:
        word.add_paragraph(clean(document.title), style="Title")
        for line in document.subtitle:
            word.add_paragraph(clean(line), style="Subtitle")
    for block in document.blocks:
        _block(word, block, document)
    word.core_properties.title = clean(document.title)
    # Built in memory, then written whole or not at all (desktop/services/files.py).
    buffer = io.BytesIO()
    word.save(buffer)
    write_bytes_atomically(path, buffer.getvalue())


def _page(word: Any, document: Document) -> None:
    section = word.sections[0]
    if document.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    if document.certificate:  # a certificate's lines sit in the middle of the page
        _centre_vertically(section._sectPr)
    header = section.header.paragraphs[0]
    header.style = word.styles["Header"]
    header.text = clean(" – ".join(p for p in (document.header,
                                               "DRAFT" if document.draft else "") if p))
    if document.logo:
        header.add_run("\t\t").add_picture(io.BytesIO(document.logo), height=Mm(11))
    footer = section.footer.paragraphs[0]
    footer.style = word.styles["Footer"]
    footer.add_run(clean(document.footer) + "\t\tPage ")
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


def _block(word: Any, block: Block, document: Document) -> None:
    if isinstance(block, Heading):
        word.add_paragraph(clean(block.text), style=f"Heading {min(max(block.level, 1), 2)}")
    elif isinstance(block, Paragraph):
        style = PARAGRAPH_STYLES[block.style]
        if document.certificate:  # a certificate's lines are centred on the page
            style = "Certificate Name" if block.style == "strong" else "Certificate Text"
        _runs(word.add_paragraph(style=style), block.runs)
    elif isinstance(block, ListBlock):
        _list(word, block, word.add_paragraph)
    elif isinstance(block, Table):
        _table(word, block)
    elif isinstance(block, PageBreak):
        word.add_page_break()


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


def _list(word: Any, block: ListBlock, add_paragraph: Any) -> None:
    style = "List Number" if block.ordered else "List Bullet"
    number_id = _restarted_numbering(word, style) if block.ordered else None
    for item in block.items:
        paragraph = add_paragraph(style=style)
        _runs(paragraph, item)
        if number_id is not None:
            _number_paragraph(paragraph, number_id)


def _restarted_numbering(word: Any, style: str) -> int | None:
    """A numbering instance for one list, so that each numbered list starts again at 1."""
    style_numbering = word.styles[style].element.find(qn("w:pPr"))
    num_pr = None if style_numbering is None else style_numbering.find(qn("w:numPr"))
    if num_pr is None:
        return None
    base_id = num_pr.find(qn("w:numId")).get(qn("w:val"))
    numbering = word.part.numbering_part.element
    base = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == base_id)
    new_id = max(int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))) + 1
    fresh = copy.deepcopy(base)
    fresh.set(qn("w:numId"), str(new_id))
    override = OxmlElement("w:lvlOverride")
    override.set(qn("w:ilvl"), "0")
    start = OxmlElement("w:startOverride")
    start.set(qn("w:val"), "1")
    override.append(start)
    fresh.append(override)
    numbering.append(fresh)
    return new_id


def _number_paragraph(paragraph: Any, number_id: int) -> None:
    # python-docx puts numPr, ilvl and numId where the schema wants them.
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = number_id


def _table(word: Any, block: Table) -> None:
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
        _table_row(word, table, block, row, row_index)
        if block.min_row_height_mm:  # a register's rows are tall enough to sign in
            table.rows[-1].height = Mm(block.min_row_height_mm)
            table.rows[-1].height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST


def _table_row(word: Any, table: Any, block: Table, row: Row, row_index: int) -> None:
    cells = table.add_row().cells
    if row.span:
        cells = [cells[0].merge(cells[-1])]
        _shade(cells[0], HEADER_FILL)
    for column_index, (target, content) in enumerate(zip(cells, row.cells, strict=False)):
        style = "Table Heading" if row.bold else "Table Text"
        if block.columns[column_index].align == "right" and not row.span:
            style += " Right"
        _cell_content(word, target, content, style)
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


def _cell_content(word: Any, target: Any, content: tuple[CellBlock, ...], style: str) -> None:
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
            _list(word, part, next_paragraph)
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

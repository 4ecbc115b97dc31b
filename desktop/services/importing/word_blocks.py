"""A Word document as the lines a reader sees, in order: paragraphs and table rows.

Councils lay minutes out their own way: items as headings, as numbered paragraphs, or as rows
of a table (number, minutes, action); attendance as a table or as "Present:" paragraphs. This
module only flattens the file into blocks, keeping what the minutes need (bold, italic,
underline, lists, the number Word shows); minutes.py reads them.
"""

from __future__ import annotations

import html
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.services.interchange import ImportRejected
from desktop.xmlchars import xml_safe

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass
class Para:
    text: str
    html: str  # the runs with <b>, <i>, <u> kept, escaped
    style: str = ""
    numbered: bool = False  # Word's own numbering (a numbered or bulleted list)
    bulleted: bool = False
    place: str = ""


@dataclass
class Row:
    """A table row: each cell's paragraphs."""

    cells: list[list[Para]]
    place: str = ""

    def texts(self) -> list[str]:
        return [" ".join(p.text for p in cell if p.text).strip() for cell in self.cells]


@dataclass
class Blocks:
    items: list[Para | Row] = field(default_factory=list)


def read_blocks(path: Path) -> Blocks:
    import docx  # loaded only when a Word file is read
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise ImportRejected([f"{path.name}: is not a Word (.docx) document that can be read"]) \
            from None
    blocks = Blocks()
    number = 0
    table_number = 0
    for child in document.element.body.iterchildren():
        if child.tag == f"{_W}p":
            number += 1
            blocks.items.append(_para(Paragraph(child, document), f"paragraph {number}"))
        elif child.tag == f"{_W}tbl":
            table_number += 1
            table = Table(child, document)
            for r, row in enumerate(table.rows, start=1):
                cells: list[list[Para]] = []
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a cell merged across columns: read once
                        continue
                    seen.add(id(cell._tc))
                    cells.append([_para(p, "") for p in cell.paragraphs])
                blocks.items.append(Row(cells, f"table {table_number} row {r}"))
    return blocks


def _para(paragraph: Any, place: str) -> Para:
    parts: list[str] = []
    for run in paragraph.runs:
        piece = html.escape(xml_safe(run.text), quote=False)
        if not piece:
            continue
        if run.underline:
            piece = f"<u>{piece}</u>"
        if run.italic:
            piece = f"<i>{piece}</i>"
        if run.bold:
            piece = f"<b>{piece}</b>"
        parts.append(piece)
    style = paragraph.style.name if paragraph.style is not None else ""
    properties = paragraph._p.pPr
    numbered = properties is not None and properties.numPr is not None
    lowered = style.lower()
    shape = _number_format(paragraph) if numbered else None
    if shape is not None:  # the list's own definition says: bullets, or numbers
        bulleted = shape == "bullet"
    else:
        bulleted = "bullet" in lowered or (numbered and "number" not in lowered
                                           and not lowered.startswith("heading"))
    return Para(" ".join(xml_safe(paragraph.text).split()), "".join(parts), style,
                numbered or "list" in lowered, bulleted, place)


def _number_format(paragraph: Any) -> str | None:
    """ "bullet", "decimal", ... as Word's numbering defines the paragraph's list level."""
    try:
        num_pr = paragraph._p.pPr.numPr
        num_id = num_pr.numId.val
        level = num_pr.ilvl.val if num_pr.ilvl is not None else 0
        numbering = paragraph.part.numbering_part.element
        abstract = numbering.xpath(f"w:num[@w:numId='{num_id}']/w:abstractNumId/@w:val")
        formats = numbering.xpath(
            f"w:abstractNum[@w:abstractNumId='{abstract[0]}']/w:lvl[@w:ilvl='{level}']"
            "/w:numFmt/@w:val"
        )
        return str(formats[0]) if formats else None
    except (AttributeError, IndexError, KeyError, NotImplementedError):
        return None  # no numbering part, or a list defined through its style only


def html_of(paras: list[Para]) -> str:
    """Paragraphs as the minutes' HTML: runs of list paragraphs become one list."""
    out: list[str] = []
    open_list = ""
    for para in paras:
        if not para.text:
            continue
        tag = ("ul" if para.bulleted else "ol") if para.numbered else ""
        if tag != open_list:
            if open_list:
                out.append(f"</{open_list}>")
            if tag:
                out.append(f"<{tag}>")
            open_list = tag
        out.append(f"<li>{para.html}</li>" if tag else f"<p>{para.html}</p>")
    if open_list:
        out.append(f"</{open_list}>")
    return "".join(out)

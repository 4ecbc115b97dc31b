"""The neutral document model every Word and PDF document is written in, once.

A layout (minutes, agenda, register ...) builds a `Document` of plain blocks; `docx.py` and
`pdf.py` each render any `Document`, so no layout knows about python-docx or reportlab.
Minutes text arrives as the sanitised HTML subset (p, br, b, i, u, ul, ol, li) and is parsed
here into runs and lists: it is never handed to a renderer as markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Literal

from desktop.xmlchars import xml_safe


def clean(text: str) -> str:
    """The text without the characters Word's XML cannot hold and reportlab cannot print:
    control characters (a vertical tab pasted from Word, say), U+FFFE, U+FFFF, lone
    surrogates. Tab and newline are kept."""
    return xml_safe(text)


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False


ParagraphStyle = Literal["body", "small", "strong", "right"]


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    style: ParagraphStyle = "body"
    # An item's title inside a table (minutes, agenda): a heading of this level (1, or 2 for a
    # sub-item) in the PDF's bookmarks and tags, under this name ("5.1 CCG annual report").
    outline: str = ""
    outline_level: int = 1

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1 or 2


@dataclass(frozen=True)
class ListBlock:
    items: tuple[tuple[Run, ...], ...]
    ordered: bool = False


@dataclass(frozen=True)
class PageBreak:
    pass


CellBlock = Paragraph | ListBlock
Cell = tuple[CellBlock, ...]


@dataclass(frozen=True)
class Column:
    header: str
    width_mm: float
    align: Literal["left", "right", "centre"] = "left"


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    # A row with one cell spanning the table: "Present:", an agency's name.
    span: bool = False
    fill: str | None = None  # hex colour of the row (RAG), without "#"
    bold: bool = False


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    show_header: bool = True
    # The header row's own fill colour per column (RAG header), none by default.
    cell_fills: dict[tuple[int, int], str] = field(default_factory=dict)


Block = Heading | Paragraph | ListBlock | Table | PageBreak


@dataclass(frozen=True)
class Document:
    title: str
    subtitle: tuple[str, ...] = ()  # the lines of the title block under the title
    blocks: tuple[Block, ...] = ()
    header: str = ""  # printed at the top of every page (organisation, board)
    footer: str = ""  # printed at the bottom left, beside the page number
    draft: bool = False  # DRAFT on every page, until the minutes are approved
    landscape: bool = False
    # Certificates: each page is centred and the title block is not repeated.
    certificate: bool = False
    logo: bytes | None = None  # PNG or JPEG, printed at the top right of every page
    author: str = ""  # the organisation from the settings (the PDF's Author); else the header


# --- building blocks ------------------------------------------------------------------------


def para(text: str, style: ParagraphStyle = "body", *, bold: bool = False,
         italic: bool = False) -> Paragraph:
    return Paragraph((Run(clean(text), bold=bold, italic=italic),), style)


def cell(*texts: str, bold: bool = False) -> Cell:
    """A table cell of plain text, one paragraph per text (empty texts are left out)."""
    return tuple(para(text, bold=bold) for text in texts if text) or (para(""),)


def text_row(*texts: str, fill: str | None = None, bold: bool = False) -> Row:
    """A row of plain texts; a bold row (a total) is bold by its style, not by its runs."""
    return Row(tuple(cell(text) for text in texts), fill=fill, bold=bold)


def span_row(text: str) -> Row:
    return Row((cell(text),), span=True, bold=True)


def html_blocks(html: str | None) -> tuple[CellBlock, ...]:
    """The minutes' HTML subset as paragraphs and lists; any other tag is read as its text."""
    if not html:
        return ()
    reader = _HtmlReader()
    reader.feed(html)
    reader.close()
    return reader.finish()


class _HtmlReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[CellBlock] = []
        self.runs: list[Run] = []
        self.marks = {"b": 0, "i": 0, "u": 0}
        self.lists: list[tuple[bool, list[tuple[Run, ...]]]] = []  # (ordered, items)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.marks:
            self.marks[tag] += 1
        elif tag == "br":
            self.runs.append(Run("\n"))
        elif tag in ("ul", "ol"):
            self._end_paragraph()
            self.lists.append((tag == "ol", []))
        elif tag in ("p", "li"):
            self._end_paragraph()

    def handle_endtag(self, tag: str) -> None:
        if tag in self.marks:
            self.marks[tag] = max(0, self.marks[tag] - 1)
        elif tag in ("p", "li"):
            self._end_paragraph()
        elif tag in ("ul", "ol") and self.lists:
            self._end_paragraph()
            ordered, items = self.lists.pop()
            if items:
                self.blocks.append(ListBlock(tuple(items), ordered))

    def handle_data(self, data: str) -> None:
        text = clean(re.sub(r"[ \t\r\n]+", " ", data))
        if text:
            self.runs.append(Run(text, self.marks["b"] > 0, self.marks["i"] > 0,
                                 self.marks["u"] > 0))

    def _end_paragraph(self) -> None:
        runs = _trimmed(self.runs)
        self.runs = []
        if not runs:
            return
        if self.lists:
            self.lists[-1][1].append(runs)
        else:
            self.blocks.append(Paragraph(runs))

    def finish(self) -> tuple[CellBlock, ...]:
        self._end_paragraph()
        while self.lists:
            self.handle_endtag("ol" if self.lists[-1][0] else "ul")
        return tuple(self.blocks)


def _trimmed(runs: list[Run]) -> tuple[Run, ...]:
    """The runs without the spaces around them that the HTML's layout left."""
    kept = [run for run in runs if run.text]
    while kept and not kept[0].text.strip():
        kept.pop(0)
    while kept and not kept[-1].text.strip():
        kept.pop()
    if not kept:
        return ()
    first, last = kept[0], kept[-1]
    kept[0] = Run(first.text.lstrip(), first.bold, first.italic, first.underline)
    last = kept[-1]
    kept[-1] = Run(last.text.rstrip(), last.bold, last.italic, last.underline)
    return tuple(kept)

"""The neutral document model every Word and PDF document is written in, once.

A layout (minutes, agenda, register ...) builds a `Document` of plain blocks; `docx.py` and
`pdf.py` each render any `Document`, so no layout knows about python-docx or reportlab.
Minutes text arrives as the sanitised HTML subset (p, br, b, i, u, ul, ol, li) and is parsed
here into runs and lists: it is never handed to a renderer as markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Literal

from desktop.charts import Chart
from desktop.xmlchars import xml_safe


def clean(text: str) -> str:
    """The text without the characters Word's XML cannot hold and reportlab cannot print:
    control characters, U+FFFE, U+FFFF, lone surrogates. Tab and newline are kept; a vertical
    tab pasted from Word between two words becomes a space (desktop/xmlchars.py)."""
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
    # 1 or 2: the paragraph is a heading at that level though it looks like text (an item's
    # title in the minutes' table), so that Word's navigation pane lists it and the PDF
    # bookmarks it and tags it as a heading (H2, H3), under `outline` ("5.1 CCG report";
    # the text when empty).
    heading: int = 0
    outline: str = ""

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
    # Lists inside the items, as (index of the item, list): each is printed after that item's
    # text, one level further in. Index -1: a list nested before the first item.
    nested: tuple[tuple[int, ListBlock], ...] = ()

    def sublists(self, index: int) -> tuple[ListBlock, ...]:
        """The lists nested in item `index` (-1: before the first item), in order."""
        return tuple(block for at, block in self.nested if at == index)

    def entries(self, level: int = 0) -> Iterator[tuple[int, bool, tuple[Run, ...]]]:
        """(level, ordered, runs) of every item, nested ones included, in reading order."""
        for sublist in self.sublists(-1):
            yield from sublist.entries(level + 1)
        for index, item in enumerate(self.items):
            yield level, self.ordered, item
            for sublist in self.sublists(index):
                yield from sublist.entries(level + 1)


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
    # Printed at the top of every PDF page that carries any of the row, and in the Word
    # header ("CONFIDENTIAL – not for publication"); see pdf.py and docx.py `page_marks`.
    page_mark: str = ""


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    show_header: bool = True
    # The header row's own fill colour per column (RAG header), none by default.
    cell_fills: dict[tuple[int, int], str] = field(default_factory=dict)
    # Its span rows label groups (Present, Apologies ...): where a page breaks inside a group,
    # the PDF repeats the label as "Apologies (continued)", and Word gives each group its own
    # repeating header, so no one continued onto a new page reads as in another group.
    grouped: bool = False
    # The least height of a body row (a register's rows are signed in), 0 for none.
    min_row_height_mm: float = 0.0


Block = Heading | Paragraph | ListBlock | Table | PageBreak | Chart


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
    # False: no "Page n of N" (a meeting pack stamps its own, counting the papers too).
    page_numbers: bool = True


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
        self.lists: list[_OpenList] = []  # the lists open now, the innermost last

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.marks:
            self.marks[tag] += 1
        elif tag == "br":
            self.runs.append(Run("\n"))
        elif tag in ("ul", "ol"):
            self._end_paragraph()  # the text of the item this list is nested in
            self.lists.append(_OpenList(tag == "ol"))
        elif tag in ("p", "li"):
            self._end_paragraph()

    def handle_endtag(self, tag: str) -> None:
        if tag in self.marks:
            self.marks[tag] = max(0, self.marks[tag] - 1)
        elif tag in ("p", "li"):
            self._end_paragraph()
        elif tag in ("ul", "ol") and self.lists:
            self._end_paragraph()
            closed = self.lists.pop()
            if not (closed.items or closed.nested):
                return
            block = ListBlock(tuple(closed.items), closed.ordered, tuple(closed.nested))
            if self.lists:  # nested: it belongs to the item of the outer list it is in
                outer = self.lists[-1]
                outer.nested.append((len(outer.items) - 1, block))
            else:
                self.blocks.append(block)

    def handle_data(self, data: str) -> None:
        text = clean(_collapsed(data))
        if text:
            self.runs.append(Run(text, self.marks["b"] > 0, self.marks["i"] > 0,
                                 self.marks["u"] > 0))

    def _end_paragraph(self) -> None:
        runs = _trimmed(self.runs)
        self.runs = []
        if not runs:
            return
        if self.lists:
            self.lists[-1].items.append(runs)
        else:
            self.blocks.append(Paragraph(runs))

    def finish(self) -> tuple[CellBlock, ...]:
        self._end_paragraph()
        while self.lists:
            self.handle_endtag("ol" if self.lists[-1].ordered else "ul")
        return tuple(self.blocks)


_LAYOUT_SPACE = re.compile(r"[ \t\r\n]+")


def _collapsed(data: str) -> str:
    """The text with each run of the HTML's layout spaces and line ends as one space. Most
    of a minute's text has none to collapse: four scans in C find that, where the pattern
    would replace every single space with itself (a long minute's text has thousands)."""
    if "  " in data or "\n" in data or "\t" in data or "\r" in data:
        return _LAYOUT_SPACE.sub(" ", data)
    return data


@dataclass
class _OpenList:
    """A list the reader is inside: its items so far and the lists nested in them."""

    ordered: bool
    items: list[tuple[Run, ...]] = field(default_factory=list)
    nested: list[tuple[int, ListBlock]] = field(default_factory=list)


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


def page_marks(document: Document) -> tuple[str, ...]:
    """The distinct page marks of the document's table rows, in order of appearance."""
    marks: dict[str, None] = {}
    for block in document.blocks:
        if isinstance(block, Table):
            marks.update((row.page_mark, None) for row in block.rows if row.page_mark)
    return tuple(marks)


def continued(label: str) -> str:
    """A group's label on the page it continues to: "Apologies:" → "Apologies (continued):"."""
    stripped = label.rstrip().removesuffix(":")
    return f"{stripped} (continued)" + (":" if stripped != label.rstrip() else "")

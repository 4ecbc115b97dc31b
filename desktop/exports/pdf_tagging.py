"""Accessible PDFs: document information, bookmarks, and a tagged structure for screen readers.

Public minutes go on council websites, where the Public Sector Bodies Accessibility Regulations
apply: a PDF there needs a title shown as the window title, a language, embedded fonts, and
tags, so a screen reader reads headings, paragraphs, lists and tables in order and skips the
page furniture. reportlab writes none of the tags, so this module adds them while reportlab
draws, with reportlab's own PDF objects (no second pass over the file, no extra dependency):

- Before the build, `Structure.of(story)` walks the flowables pdf.py made and builds the tree
  (Document > H1/H2/H3, P, L > LI > Lbl + LBody, Table > TR > TH/TD, Figure for the logo),
  pinning each node on the paragraph that draws it (an attribute on the flowable, carried
  over when reportlab splits a paragraph across pages).
- While drawing, every such paragraph is wrapped in `/P <</MCID n>> BDC ... EMC`; everything
  else on the page (running header and footer, page number, table rules and fills, DRAFT,
  a table header repeated on the next page) stays inside `/Artifact BMC ... EMC`, which opens
  each page and is reopened after every tagged paragraph.
- When the file is written, the structure tree, its ParentTree (page → MCIDs → elements) and
  each page's /StructParents are written as reportlab objects (see pdf_structure.py).

Headings, and item titles inside tables (Paragraph.heading, named by Paragraph.outline), become
the bookmarks.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from reportlab.pdfbase.pdfdoc import PDFObjectReference
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, ListFlowable, ListItem
from reportlab.platypus import Paragraph as PdfParagraph
from reportlab.platypus import Table as PdfTable
from reportlab.platypus.flowables import LIIndenter

from desktop.exports.document import Document, Paragraph, clean

LANGUAGE = "en-GB"
CREATOR = "Boardwork"
# pdf.py's paragraph styles that are headings: the document's title is the one H1.
HEADING_STYLES = {"title": 1, "h1": 2, "h2": 3}
FIGURE_ALT = "_boardwork_alt"  # a flowable drawn as a picture, and its alternative text
NODE = "_boardwork_node"  # the structure element a flowable's drawing belongs to
LABEL = "_boardwork_label"  # a list item's Lbl element, for its bullet
TAGGER = "_boardwork_tagger"  # on the canvas: the tagger of this build


def document_info(document: Document, font: str) -> dict[str, Any]:
    """SimpleDocTemplate's options for the information dictionary and catalog: title (shown as
    the window title), author, subject, creator, language; `font` as the canvas's first font,
    so reportlab never sets (and lists, unembedded) Helvetica on every page."""
    subject = document.footer or " – ".join(document.subtitle) or document.title
    return {"title": clean(document.title), "author": clean(document.author or document.header),
            "subject": clean(subject), "creator": CREATOR, "displayDocTitle": True,
            "lang": LANGUAGE, "initialFontName": font}


def outlined(flowable: Flowable, block: Paragraph) -> Flowable:
    """The paragraph drawn for `block`, marked as a heading when the block is one (an item's
    title in the minutes or agenda table), bookmarked under its `outline` name."""
    if block.heading:
        title = " ".join((block.outline or block.text).split())
        flowable.__dict__["_boardwork_outline"] = (clean(title), block.heading)
    return flowable


def table_rows(table: PdfTable, starts: list[int], font: str) -> PdfTable:
    """Which of the table's rows begin a row of the document: a long row is laid out as several
    (pdf.py's CHARACTERS_PER_ROW), read as one TR. `font` is the cells' own font, which
    reportlab sets (as Helvetica, never embedded) even when every cell is a Paragraph."""
    table.__dict__["_boardwork_rows"] = starts
    table.setStyle([("FONT", (0, 0), (-1, -1), font)])
    return table


@dataclass(eq=False)
class Node:
    role: str
    kids: list[Node] = field(default_factory=list)
    parent: Node | None = None
    attributes: dict[str, Any] = field(default_factory=dict)  # /A: Scope, ColSpan ...
    alt: str = ""
    marks: list[tuple[int, int]] = field(default_factory=list)  # (page, MCID), in order
    outline: tuple[str, int, bool] | None = None  # title, level, inside a table
    once: bool = False  # a table's header: tagged where first drawn, an artifact after

    def add(self, role: str, **kwargs: Any) -> Node:
        node = Node(role, parent=self, **kwargs)
        self.kids.append(node)
        return node


class Structure:
    """The tree of one document, filled in as its pages are drawn."""

    def __init__(self, root: Node, figure: Node | None,
                 info: dict[str, Any] | None = None) -> None:
        self.root = root
        self.figure = figure
        self.info = info or {}  # document_info's, for the XMP metadata
        self.pages: dict[int, list[Node]] = {}  # page number → the element of each MCID
        self.depth = 0
        self.outline_levels: list[tuple[int, bool]] = []  # the open bookmarks' (level, in table)
        self.bookmarks = 0

    @classmethod
    def of(cls, story: list[Flowable], document: Document) -> Structure:
        root = Node("Document")
        figure = None
        if document.logo:
            owner = clean(document.author or document.header)
            figure = root.add("Figure", alt=f"Logo of {owner}" if owner else "Logo")
        for flowable in story:
            _walk(flowable, root)
        return cls(root, figure, document_info(document, ""))

    def attach(self, canvas: Canvas) -> Canvas:
        from desktop.exports.pdf_structure import finish_page, metadata, structure_root

        setattr(canvas, TAGGER, self)
        catalog = canvas._doc.Catalog
        catalog.MarkInfo = _marked()
        catalog.StructTreeRoot = structure_root(self)
        catalog.Metadata = metadata(self.info)
        canvas.setPageCallBack(lambda number: finish_page(canvas, self, number))
        return canvas

    # --- while drawing ------------------------------------------------------------------------

    def begin(self, canvas: Canvas, node: Node) -> bool:
        """Ends the artifact and opens the node's marked content; False: drawn as an artifact."""
        if self.depth or (node.once and node.marks):
            return False
        page = canvas.getPageNumber()
        elements = self.pages.setdefault(page, [])
        mcid = len(elements)
        elements.append(node)
        node.marks.append((page, mcid))
        canvas._code.append(f"EMC /{node.role} <</MCID {mcid}>> BDC")
        self.depth += 1
        return True

    def end(self, canvas: Canvas) -> None:
        self.depth -= 1
        canvas._code.append("EMC /Artifact BMC")

    def bookmark(self, canvas: Canvas, node: Node, x: float, top: float) -> None:
        """The node's bookmark, at its top left, first level open, deeper levels closed."""
        if node.outline is None or len(node.marks) != 1:
            return
        title, level, in_table = node.outline
        # Its parents: the open bookmarks of a lower level; a heading outside a table only
        # under headings outside tables (not under the table's last item).
        levels = [entry for entry in self.outline_levels
                  if entry[0] < level and (in_table or not entry[1])]
        depth = len(levels)
        self.outline_levels = [*levels, (level, in_table)]
        self.bookmarks += 1
        key = f"boardwork-{self.bookmarks}"
        left, y = canvas.absolutePosition(x, top)
        destination = canvas.bookmarkPage(key, fit="XYZ", left=left, top=y)
        # The pages are held back for "Page n of m" (pdf.py), so reportlab's own idea of the
        # current page is still the first: name the page being drawn.
        destination.setPage(PDFObjectReference(f"Page{canvas.getPageNumber()}"))
        canvas.addOutlineEntry(title, key, depth, closed=True)
        canvas.showOutline()


def _marked() -> Any:
    from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFtrue

    return PDFDictionary({"Marked": PDFtrue})


@contextmanager
def figure(canvas: Canvas) -> Iterator[None]:
    """The logo, drawn inside: tagged as the Figure (with its Alt text) on the first page, an
    artifact on the others, as the repeated running header it is."""
    structure: Structure | None = getattr(canvas, TAGGER, None)
    node = structure.figure if structure is not None else None
    began = (structure is not None and node is not None and canvas.getPageNumber() == 1
             and not node.marks and structure.begin(canvas, node))
    try:
        yield
    finally:
        if began and structure is not None:
            structure.end(canvas)


# --- the tree, from the flowables ---------------------------------------------------------


def _walk(flowable: Any, parent: Node) -> None:
    if isinstance(flowable, PdfParagraph):
        _paragraph(flowable, parent)
    elif isinstance(flowable, PdfTable):
        _table(flowable, parent)
    elif isinstance(flowable, ListFlowable):
        _list(flowable, parent)
    elif isinstance(flowable, KeepTogether):
        for part in flowable._content:
            _walk(part, parent)
    elif isinstance(flowable, (list, tuple)):
        for part in flowable:
            _walk(part, parent)
    elif FIGURE_ALT in getattr(flowable, "__dict__", {}):  # a chart (pdf_charts.py)
        flowable.__dict__[NODE] = parent.add("Figure", alt=flowable.__dict__[FIGURE_ALT])
    elif isinstance(getattr(flowable, "content", None), list):  # a certificate's page
        _walk(flowable.content, parent)
    # Spacers and page breaks draw nothing; anything else would be drawn as an artifact.


def _paragraph(paragraph: PdfParagraph, parent: Node, role: str = "P") -> Node:
    outline = paragraph.__dict__.get("_boardwork_outline")
    level = HEADING_STYLES.get(getattr(paragraph.style, "name", ""), 0)
    node = parent.add(role)
    if outline is not None:
        title, outline_level = outline
        node.role = f"H{min(outline_level, 5) + 1}"
        node.outline = (title, outline_level, True)
    elif level:
        node.role = f"H{level}"
        if level > 1:  # the title is the document itself, not a bookmark in it
            node.outline = (" ".join(paragraph.getPlainText().split()), level - 1, False)
    paragraph.__dict__[NODE] = node
    return node


def _list(flowable: ListFlowable, parent: Node) -> None:
    numbering = {"1": "/Decimal", "a": "/LowerAlpha", "i": "/LowerRoman"}
    node = parent.add("L", attributes={"O": "/List", "ListNumbering":
                                       numbering.get(flowable._bulletType, "/Disc")})
    for parts in _list_items(flowable):
        entry = node.add("LI")
        label = entry.add("Lbl")
        body = entry.add("LBody")
        for index, part in enumerate(parts):
            if isinstance(part, PdfParagraph):
                _paragraph(part, body)
                if index == 0:
                    part.__dict__[LABEL] = label
            else:
                _walk(part, body)


def _table(table: PdfTable, parent: Node) -> None:
    node = parent.add("Table")
    cells = table._cellvalues
    header_rows = table.repeatRows if isinstance(table.repeatRows, int) else 0
    starts = table.__dict__.get("_boardwork_rows") or list(range(len(cells)))
    bounds = [*sorted(set(starts) | set(range(header_rows))), len(cells)]
    spans = _spans(table)
    for first, after in pairwise(bounds):
        row = node.add("TR")
        header = first < header_rows
        for column in range(table._ncols):
            width = spans.get((column, first))
            if width == 0:
                continue  # under a span: drawn as part of the cell it starts in
            attributes: dict[str, Any] = {"O": "/Table"}
            if header:
                attributes["Scope"] = "/Column"
            if width and width > 1:
                attributes["ColSpan"] = width
            cell = row.add("TH" if header else "TD", attributes=attributes)
            content = [part for index in range(first, after)
                       for part in _parts(cells[index][column])]
            if (len(content) == 1 and isinstance(content[0], PdfParagraph)
                    and "_boardwork_outline" not in content[0].__dict__):
                # A cell of one paragraph holds its text itself: half as many elements to
                # write for a long action log, and the same to a screen reader.
                content[0].__dict__[NODE] = cell
            else:
                _walk(content, cell)
            if header:
                _only_once(cell)


def _parts(value: Any) -> list[Any]:
    """What a cell holds that has words (not, say, pdf.py's invisible page marks)."""
    parts = list(value) if isinstance(value, (list, tuple)) else [value]
    return [p for p in parts if isinstance(p, (PdfParagraph, PdfTable, ListFlowable,
                                               KeepTogether))]


def carry_tags(rows: list[list[Any]], rebuilt: Flowable) -> Flowable:
    """The tags of a table's last `rows`, onto the same rows of `rebuilt`: a table laid out
    again from its model after a page break (pdf.py's grouped tables, "Apologies
    (continued):") would otherwise be read as page furniture. Rows it adds above them, such
    as the "(continued)" label, stay furniture."""
    table = rebuilt if isinstance(rebuilt, PdfTable) else next(
        (f for f in getattr(rebuilt, "_content", []) if isinstance(f, PdfTable)), None)
    if table is None or len(table._cellvalues) < len(rows):
        return rebuilt
    for old_row, new_row in zip(rows, table._cellvalues[len(table._cellvalues) - len(rows):],
                                strict=True):
        for old, new in zip(old_row, new_row, strict=False):
            for before, after in zip(_leaves(old), _leaves(new), strict=False):
                for name in (NODE, LABEL, "_boardwork_outline"):
                    if name in before.__dict__:
                        after.__dict__[name] = before.__dict__[name]
    return rebuilt


def _list_items(flowable: ListFlowable) -> list[list[Any]]:
    """Each item's flowables. A list measured before its table was built (the table layout
    wraps each cell once, pdf_tables.py) holds them laid out, one LIIndenter an item."""
    if "_flowables" in flowable.__dict__:
        return [list(item._flowables) if isinstance(item, ListItem) else [item]
                for item in flowable._flowables]
    items = []
    for indenter in flowable.__dict__.get("_list_content") or []:
        inner = getattr(indenter, "_flowable", indenter)
        items.append(list(inner) if isinstance(inner, (list, tuple)) else [inner])
    return items


def _leaves(value: Any) -> list[PdfParagraph]:
    """The paragraphs of a cell in reading order, inside lists too (laid out or not yet)."""
    if isinstance(value, PdfParagraph):
        return [value]
    if isinstance(value, (list, tuple)):
        return [leaf for part in value for leaf in _leaves(part)]
    if isinstance(value, ListItem):
        return _leaves(value._flowables)
    if isinstance(value, LIIndenter):
        return _leaves(value._flowable)
    if isinstance(value, ListFlowable):
        laid_out = value.__dict__.get("_list_content")
        return _leaves(laid_out if laid_out is not None else value._flowables)
    if isinstance(value, KeepTogether):
        return _leaves(value._content)
    return []


def _only_once(node: Node) -> None:
    node.once = True
    for kid in node.kids:
        _only_once(kid)


def _spans(table: PdfTable) -> dict[tuple[int, int], int]:
    """(column, row) → how many columns the cell there spans; 0 for the cells a span covers."""
    spans: dict[tuple[int, int], int] = {}
    for _command, start, stop in (c[:3] for c in table._spanCmds):
        first_column, last_column = (v % table._ncols for v in (start[0], stop[0]))
        first_row, last_row = (v % table._nrows for v in (start[1], stop[1]))
        for row in range(first_row, last_row + 1):
            for column in range(first_column, last_column + 1):
                spans[(column, row)] = 0
        spans[(first_column, first_row)] = last_column - first_column + 1
    return spans


# --- reportlab, told to mark what it draws (installed once; a canvas without a tagger, as in
# any other document, draws as before) -------------------------------------------------------


def _install() -> None:
    if getattr(Flowable, "_boardwork_tagging", False):
        return
    Flowable._boardwork_tagging = True
    draw_on = Flowable.drawOn
    split = PdfParagraph.split
    indenter_draw_on = LIIndenter.drawOn

    def tagged_draw_on(self: Flowable, canvas: Canvas, x: float, y: float,
                       _sW: float = 0) -> None:
        structure: Structure | None = getattr(canvas, TAGGER, None)
        node: Node | None = self.__dict__.get(NODE)
        if structure is None or node is None or not structure.begin(canvas, node):
            draw_on(self, canvas, x, y, _sW)
            return
        try:
            structure.bookmark(canvas, node, x, y + getattr(self, "height", 0))
            draw_on(self, canvas, x, y, _sW)
        finally:
            structure.end(canvas)

    def tagged_split(self: PdfParagraph, width: float, height: float) -> list[Flowable]:
        parts = split(self, width, height)
        for part in parts:  # the pieces of a paragraph are read as the one element
            for name in (NODE, "_boardwork_outline"):
                if name in self.__dict__:
                    part.__dict__[name] = self.__dict__[name]
        if parts and LABEL in self.__dict__:
            parts[0].__dict__[LABEL] = self.__dict__[LABEL]
        return parts

    def tagged_indenter(self: LIIndenter, canvas: Canvas, x: float, y: float,
                        _sW: float = 0) -> None:
        structure: Structure | None = getattr(canvas, TAGGER, None)
        label: Node | None = self._flowable.__dict__.get(LABEL)
        if structure is None or label is None or not self._bullet:
            indenter_draw_on(self, canvas, x, y, _sW)
            return
        if structure.begin(canvas, label):  # the bullet or number, as the item's Lbl
            try:
                self._bullet.drawOn(self, canvas, x, y, 0)
            finally:
                structure.end(canvas)
        else:
            self._bullet.drawOn(self, canvas, x, y, 0)
        self._flowable.drawOn(canvas, x + self._leftIndent, y,
                              max(0, _sW - self._leftIndent - self._rightIndent))

    Flowable.drawOn = tagged_draw_on
    PdfParagraph.split = tagged_split
    LIIndenter.drawOn = tagged_indenter


_install()

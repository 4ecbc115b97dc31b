"""Accessible PDFs: document information, bookmarks, and a tagged structure for screen readers.

Public minutes go on council websites, where the Public Sector Bodies Accessibility Regulations
apply: a PDF there needs a title shown as the window title, a language, embedded fonts, and
tags, so a screen reader reads headings, paragraphs, lists and tables in order and skips the
page furniture. reportlab writes none of the tags, so this module adds them while reportlab
draws, with reportlab's own PDF objects (no second pass over the file, no extra dependency):

- Before the build, `Structure.of(story)` walks the flowables pdf.py made and builds the tree
  (Document > H1/H2/H3, P, L > LI > Lbl + LBody, Table > TR > TH/TD, Figure for the logo),
  pinning each node on the paragraph that draws it (an attribute on the flowable, carried
  over when reportlab splits a paragraph across pages): pdf_tag_tree.py.
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
from typing import Any

from reportlab.pdfbase.pdfdoc import PDFObjectReference
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable
from reportlab.platypus import Paragraph as PdfParagraph
from reportlab.platypus import Table as PdfTable
from reportlab.platypus.flowables import LIIndenter

from desktop.exports.document import Document, Paragraph, clean
from desktop.exports.pdf_tag_tree import LABEL, NODE, Node, walk

LANGUAGE = "en-GB"
CREATOR = "Boardwork"
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
            walk(flowable, root)
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

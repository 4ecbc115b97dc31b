"""The structure tree of a tagged PDF (pdf_tagging.py), built from the flowables pdf.py made
before reportlab draws them: Document > H1/H2/H3, P, L > LI > Lbl + LBody, Table > TR >
TH/TD, Figure for a chart. Each node is pinned on the paragraph that draws it, as an
attribute of the flowable (`NODE`; a list item's label `LABEL`), for pdf_tagging.py to mark
what reportlab draws; `carry_tags` moves them onto a table laid out again after a page
break."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from reportlab.platypus import Flowable, KeepTogether, ListFlowable, ListItem
from reportlab.platypus import Paragraph as PdfParagraph
from reportlab.platypus import Table as PdfTable
from reportlab.platypus.flowables import LIIndenter

# pdf.py's paragraph styles that are headings: the document's title is the one H1.
HEADING_STYLES = {"title": 1, "h1": 2, "h2": 3}
FIGURE_ALT = "_boardwork_alt"  # a flowable drawn as a picture, and its alternative text
NODE = "_boardwork_node"  # the structure element a flowable's drawing belongs to
LABEL = "_boardwork_label"  # a list item's Lbl element, for its bullet


@dataclass(eq=False)
class Node:
    """An element of the tree: its role (P, H2, TD ...), its kids, and where it was drawn."""

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


def walk(flowable: Any, parent: Node) -> None:
    """Adds what the flowable draws to the tree under `parent`."""
    if isinstance(flowable, PdfParagraph):
        _paragraph(flowable, parent)
    elif isinstance(flowable, PdfTable):
        _table(flowable, parent)
    elif isinstance(flowable, ListFlowable):
        _list(flowable, parent)
    elif isinstance(flowable, KeepTogether):
        for part in flowable._content:
            walk(part, parent)
    elif isinstance(flowable, (list, tuple)):
        for part in flowable:
            walk(part, parent)
    elif FIGURE_ALT in getattr(flowable, "__dict__", {}):  # a chart (pdf_charts.py)
        flowable.__dict__[NODE] = parent.add("Figure", alt=flowable.__dict__[FIGURE_ALT])
    elif isinstance(getattr(flowable, "content", None), list):  # a certificate's page
        walk(flowable.content, parent)
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
                walk(part, body)


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
                walk(content, cell)
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

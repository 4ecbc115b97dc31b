"""The tagged structure of pdf_tagging.py, written as reportlab PDF objects.

The StructTreeRoot is put in the catalog when the build begins, but is only formatted when
reportlab writes the file, after every page is drawn: then it writes one StructElem per node
(with /P, /K of kids and MCIDs, /Pg, /A, /Alt) and the ParentTree that maps each page's
/StructParents and MCID back to its element, which is how a reader finds the tag of a glyph.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFObject,
    PDFObjectReference,
    PDFString,
)
from reportlab.pdfgen.canvas import Canvas

if TYPE_CHECKING:
    from desktop.exports.pdf_tagging import Node, Structure


def _page(number: int) -> PDFObjectReference:
    """reportlab names its pages Page1, Page2 ..., in the order pdf.py's canvas draws them."""
    return PDFObjectReference(f"Page{number}")


def finish_page(canvas: Canvas, structure: Structure, number: int) -> None:
    """Called as reportlab adds each page: all of it that is not tagged is an artifact, and
    the page says where its MCIDs are listed in the ParentTree."""
    page = canvas._doc.Pages.pages[-1]
    page.stream = f"/Artifact BMC\n{page.stream}EMC\n"
    page.__NoDefault__ = [*page.__NoDefault__, "StructParents", "Tabs"]
    page.Tabs = PDFName("S")  # Tab moves through annotations in structure order
    if structure.pages.get(number):
        page.StructParents = number - 1


class _StructTreeRoot(PDFObject):
    def __init__(self, structure: Structure) -> None:
        self.structure = structure

    def format(self, document: Any) -> bytes:
        structure = self.structure
        references: dict[int, PDFObjectReference] = {}
        elements: list[tuple[Node, PDFDictionary]] = []

        def register(node: Node) -> None:
            if node.role == "Figure" and not node.marks:
                return  # a logo never drawn
            element = PDFDictionary({"Type": PDFName("StructElem"), "S": PDFName(node.role)})
            references[id(node)] = document.Reference(element)
            elements.append((node, element))
            for kid in node.kids:
                register(kid)

        register(structure.root)
        # Registered already: the catalog refers to this object before formatting it.
        root_reference = document.Reference(self)
        for node, element in elements:
            _fill(node, element, references, root_reference)
        numbers: list[Any] = []
        for page in sorted(structure.pages):
            numbers += [page - 1, PDFArray([references[id(n)] for n in structure.pages[page]])]
        parent_tree = PDFDictionary({"Nums": PDFArray(numbers)})
        dictionary = PDFDictionary({
            "Type": PDFName("StructTreeRoot"),
            "K": references[id(structure.root)],
            "ParentTree": document.Reference(parent_tree),
            "ParentTreeNextKey": max(structure.pages, default=0),
        })
        return dictionary.format(document)


def _fill(node: Node, element: PDFDictionary, references: dict[int, PDFObjectReference],
          root: PDFObjectReference) -> None:
    values = element.dict
    # The Document element's parent is the StructTreeRoot.
    values["P"] = references[id(node.parent)] if node.parent is not None else root
    kids: list[Any] = [references[id(kid)] for kid in node.kids if id(kid) in references]
    if node.marks:
        first_page = node.marks[0][0]
        values["Pg"] = _page(first_page)
        for page, mcid in node.marks:
            kids.append(mcid if page == first_page else PDFDictionary(
                {"Type": PDFName("MCR"), "Pg": _page(page), "MCID": mcid}))
    if kids:
        values["K"] = kids[0] if len(kids) == 1 else PDFArray(kids)
    if node.alt:
        values["Alt"] = PDFString(node.alt)
    if node.attributes:
        values["A"] = PDFDictionary({key: PDFName(value[1:]) if isinstance(value, str)
                                     and value.startswith("/") else value
                                     for key, value in node.attributes.items()})


def structure_root(structure: Structure) -> PDFObject:
    return _StructTreeRoot(structure)

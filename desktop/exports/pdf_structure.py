"""The tagged structure of pdf_tagging.py, written as reportlab PDF objects.

The StructTreeRoot is put in the catalog when the build begins, but is only formatted when
reportlab writes the file, after every page is drawn: then it writes one StructElem per node
(with /P, /K of kids and MCIDs, /Pg, /A, /Alt) and the ParentTree that maps each page's
/StructParents and MCID back to its element, which is how a reader finds the tag of a glyph.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfdoc import XMP, PDFName, PDFObject, PDFString
from reportlab.pdfgen.canvas import Canvas

if TYPE_CHECKING:
    from desktop.exports.pdf_tag_tree import Node
    from desktop.exports.pdf_tagging import Structure


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
        names: dict[int, str] = {}  # id(node) → the element's name in reportlab's document
        elements: list[_Element] = []

        def register(node: Node) -> None:
            if node.role == "Figure" and not node.marks:
                return  # a logo never drawn
            element = _Element(node, names)
            names[id(node)] = document.Reference(element).name
            elements.append(element)
            for kid in node.kids:
                register(kid)

        register(structure.root)
        # Registered already: the catalog refers to this object before formatting it.
        names[id(None)] = document.Reference(self).name
        parent_tree = _ParentTree(structure, names)
        return (f"<< /Type /StructTreeRoot /K {_ref(document, names[id(structure.root)])} "
                f"/ParentTree {_ref(document, document.Reference(parent_tree).name)} "
                f"/ParentTreeNextKey {max(structure.pages, default=0)} >>").encode()


def _ref(document: Any, name: str) -> str:
    return f"{document.idToObjectNumberAndVersion[name][0]} 0 R"


class _Element(PDFObject):
    """One structure element, written straight as bytes: a long action log has thousands, and
    reportlab's general dictionaries took longer to write than the pages themselves."""

    def __init__(self, node: Node, names: dict[int, str]) -> None:
        self.node = node
        self.names = names

    def format(self, document: Any) -> bytes:
        node, names = self.node, self.names
        # The Document element's parent is the StructTreeRoot (filed under id(None)).
        parent = _ref(document, names[id(node.parent)])
        parts = [f"<< /Type /StructElem /S /{node.role} /P {parent}"]
        kids = [_ref(document, names[id(kid)]) for kid in node.kids if id(kid) in names]
        if node.marks:
            first_page = node.marks[0][0]
            parts.append(f"/Pg {_ref(document, f'Page{first_page}')}")
            kids += [str(mcid) if page == first_page else
                     f"<< /Type /MCR /Pg {_ref(document, f'Page{page}')} /MCID {mcid} >>"
                     for page, mcid in node.marks]
        if kids:
            parts.append(f"/K {kids[0]}" if len(kids) == 1 else f"/K [{' '.join(kids)}]")
        if node.attributes:
            parts.append("/A << " + " ".join(f"/{key} {value}" for key, value
                                              in node.attributes.items()) + " >>")
        text = " ".join(parts).encode()
        if node.alt:
            text += b" /Alt " + PDFString(node.alt).format(document)
        return text + b" >>"


class _ParentTree(PDFObject):
    """Page (its /StructParents) → the element of each of its MCIDs, in MCID order."""

    def __init__(self, structure: Structure, names: dict[int, str]) -> None:
        self.structure = structure
        self.names = names

    def format(self, document: Any) -> bytes:
        pages = self.structure.pages
        entries = []
        for page in sorted(pages):
            elements = " ".join(_ref(document, self.names[id(node)]) for node in pages[page])
            entries.append(f"{page - 1} [{elements}]")
        return f"<< /Nums [{' '.join(entries)}] >>".encode()


def structure_root(structure: Structure) -> PDFObject:
    return _StructTreeRoot(structure)


def metadata(info: dict[str, Any]) -> PDFObject:
    """The XMP metadata stream: title, author, subject and language again, where PDF/UA
    checkers (and some readers) look for them rather than in the information dictionary."""
    values = {key: escape(str(info.get(key) or "")) for key in ("title", "author", "subject",
                                                                "lang", "creator")}
    xml = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{values["title"]}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{values["author"]}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{values["subject"]}</rdf:li></rdf:Alt>\
</dc:description>
<dc:language><rdf:Bag><rdf:li>{values["lang"]}</rdf:li></rdf:Bag></dc:language>
<xmp:CreatorTool>{values["creator"]}</xmp:CreatorTool>
<pdf:Producer>ReportLab PDF Library - (opensource)</pdf:Producer>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>""".encode()
    return XMP(creator=lambda _document: xml)

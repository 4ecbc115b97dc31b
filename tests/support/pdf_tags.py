"""Reads back a tagged PDF with pypdf: its structure tree in reading order with each element's
text, and what is wrong with its tagging (veraPDF is not installed here; this checks what
PDF/UA asks of the tags we write)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject


@dataclass
class Element:
    role: str
    depth: int
    text: str  # the text of its own marked content (leaves), in drawing order
    attributes: dict[str, Any]
    alt: str
    kids: list[Element] = field(default_factory=list)
    marks: list[tuple[int, int]] = field(default_factory=list)  # (page index, MCID)


@dataclass
class Tagged:
    elements: list[Element]  # depth first: the reading order
    problems: list[str]
    order: list[tuple[int, int]]  # (page index, MCID) of the marked content, in reading order
    artifacts: list[str]  # the text drawn as artifacts (running header, footer ...)

    def roles(self) -> set[str]:
        return {e.role for e in self.elements}

    def texts(self, role: str) -> list[str]:
        return [e.text for e in self.elements if e.role == role]


def _page_marks(reader: PdfReader
                ) -> tuple[dict[tuple[int, int], str], list[str], list[str]]:
    """(page index, MCID) → the text drawn inside it; the text drawn as artifacts; and text
    drawn outside any marked content (neither tagged nor an artifact)."""
    texts: dict[tuple[int, int], str] = defaultdict(str)
    loose: list[str] = []
    artifacts: list[str] = []
    for index, page in enumerate(reader.pages):
        stack: list[int | None] = []  # the MCID of each open sequence; None: an artifact

        def before(operator: bytes, operands: list[Any], _cm: Any, _tm: Any,
                   stack: list[int | None] = stack) -> None:
            if operator == b"BDC":
                properties = operands[1] if len(operands) > 1 else {}
                mcid = properties.get("/MCID") if isinstance(properties, dict) else None
                stack.append(int(mcid) if mcid is not None else None)
            elif operator == b"BMC":
                stack.append(None)
            elif operator == b"EMC":
                stack.pop()

        def text(value: str, _cm: Any, _tm: Any, _font: Any, _size: Any,
                 stack: list[int | None] = stack, index: int = index) -> None:
            if not value.strip():
                return
            if not stack:
                loose.append(value)
            elif stack[-1] is not None:
                texts[(index, stack[-1])] += value
            else:
                artifacts.append(value)

        page.extract_text(visitor_operand_before=before, visitor_text=text)
    return texts, artifacts, loose


def read_tags(path: Any) -> Tagged:
    reader = PdfReader(path)
    problems: list[str] = []
    root = reader.trailer["/Root"]
    pages = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
    marks, artifacts, loose = _page_marks(reader)
    order: list[tuple[int, int]] = []
    if loose:
        problems.append(f"text neither tagged nor an artifact: {loose[:3]}")
    tree = root["/StructTreeRoot"].get_object()
    parent_tree = _numbers(tree["/ParentTree"].get_object())
    elements: list[Element] = []
    claimed: dict[tuple[int, int], Any] = {}

    def walk(reference: Any, parent: Any, depth: int) -> Element:
        node = reference.get_object()
        named = node.raw_get("/P") if "/P" in node else None
        if not isinstance(named, IndirectObject) or named.idnum != parent.idnum:
            problems.append(f"{node['/S']} does not name its parent")
        page = node.get("/Pg")
        kids = node.get("/K")
        kids = list(kids) if isinstance(kids, ArrayObject) else ([] if kids is None else [kids])
        element = Element(str(node["/S"]).lstrip("/"), depth, "", dict(node.get("/A", {})),
                          str(node.get("/Alt", "")))
        elements.append(element)
        for kid in kids:
            kid_object = kid.get_object() if isinstance(kid, IndirectObject) else kid
            if isinstance(kid_object, int):
                mark = (pages[page.idnum], int(kid_object))
            elif isinstance(kid_object, DictionaryObject) and kid_object.get("/Type") == "/MCR":
                mark = (pages[kid_object["/Pg"].idnum], int(kid_object["/MCID"]))
            else:
                element.kids.append(walk(kid, reference, depth + 1))
                continue
            element.text += marks.get(mark, "")
            order.append(mark)
            element.marks.append(mark)
            claimed[mark] = reference.idnum
        return element

    walk(tree.raw_get("/K"), root.raw_get("/StructTreeRoot"), 0)
    for index, page in enumerate(reader.pages):
        content = page.get_contents()
        data = content.get_data() if content is not None else b""
        count = data.count(b"/MCID")
        if not count:
            continue
        key = page.get("/StructParents")
        if key is None:
            problems.append(f"page {index + 1} has marked content but no /StructParents")
            continue
        listed = parent_tree.get(int(key), [])
        if len(listed) != count:
            problems.append(f"page {index + 1}: {count} MCIDs, {len(listed)} in the ParentTree")
        for mcid, element in enumerate(listed):
            if claimed.get((index, mcid)) != element.idnum:
                problems.append(f"page {index + 1} MCID {mcid}: ParentTree and tree disagree")
        if data.count(b"BDC") + data.count(b"BMC") != data.count(b"EMC"):
            problems.append(f"page {index + 1}: marked content not closed")
    return Tagged(elements, problems, order, artifacts)


def _numbers(tree: Any) -> dict[int, list[Any]]:
    """A number tree (flat, or with /Kids) as a dict."""
    found: dict[int, list[Any]] = {}
    numbers = tree.get("/Nums", [])
    for key, value in zip(numbers[::2], numbers[1::2], strict=True):
        found[int(key)] = list(value.get_object())
    for kid in tree.get("/Kids", []):
        found.update(_numbers(kid.get_object()))
    return found


def unembedded_fonts(path: Any) -> list[str]:
    """The fonts of every page (and of the fonts' own descendants) without a font file."""
    missing = []
    for page in PdfReader(path).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            faces = [font, *(f.get_object() for f in font.get("/DescendantFonts", []))]
            descriptors = [f["/FontDescriptor"].get_object() for f in faces
                           if "/FontDescriptor" in f]
            if not any(k in d for d in descriptors for k in ("/FontFile", "/FontFile2",
                                                                "/FontFile3")):
                missing.append(str(font["/BaseFont"]))
    return sorted(set(missing))

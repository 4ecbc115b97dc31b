"""The pages a meeting pack adds around the papers: a divider before each paper, and the
"Page n of N" stamped on every page of the finished pack.

Dividers are drawn with reportlab in the embedded DejaVu font; the stamps are a reportlab
overlay merged onto each page with pypdf, whatever the paper's page size, origin or rotation.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from desktop.exports.pdf import GREY, MARGIN, NAVY
from desktop.exports.pdf_text import FONT, plain, register_fonts

RED = colors.HexColor("#C00000")


@dataclass(frozen=True)
class Divider:
    header: str  # organisation or board, at the top
    item: str  # "Item 5.1"
    item_title: str
    lines: tuple[str, ...]  # the paper's title first (bold), then author, received, pages
    mark: str = ""  # in red above the item: CONFIDENTIAL, EXEMPT, RECEIVED LATE


def _style(name: str, size: float, bold: bool = False, colour: colors.Color = colors.black,
           leading: float | None = None) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=f"{FONT}-Bold" if bold else FONT, fontSize=size,
                          leading=leading or size * 1.3, textColor=colour)


def dividers_pdf(dividers: list[Divider]) -> bytes:
    """One A4 page per divider."""
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    width, height = A4
    text_width = width - 2 * MARGIN
    styles = {
        "header": _style("header", 9, colour=GREY),
        "mark": _style("mark", 13, bold=True, colour=RED),
        "item": _style("item", 30, bold=True, colour=NAVY),
        "item_title": _style("item_title", 17, bold=True, colour=NAVY),
        "title": _style("title", 14, bold=True),
        "line": _style("line", 11.5, colour=GREY),
    }
    for divider in dividers:
        y = height - 9 * mm

        def put(text: str, style: str, space: float = 0) -> None:
            nonlocal y
            paragraph = plain(text, styles[style])
            _, used = paragraph.wrap(text_width, y)
            y -= used
            paragraph.drawOn(canvas, MARGIN, y)
            y -= space

        if divider.header:
            put(divider.header, "header")
        y = height * 0.62  # the item in the upper middle, where a thumb flicking pages sees it
        if divider.mark:
            put(divider.mark, "mark", 4 * mm)
        put(divider.item, "item", 3 * mm)
        put(divider.item_title, "item_title", 10 * mm)
        for index, line in enumerate(divider.lines):
            put(line, "title" if index == 0 else "line", 3 * mm if index == 0 else 1.5 * mm)
        canvas.setStrokeColor(NAVY)
        canvas.setLineWidth(2)
        canvas.line(MARGIN, height * 0.62 + 8 * mm, width - MARGIN, height * 0.62 + 8 * mm)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def stamp_pages(writer: object, label: str = "") -> None:
    """Stamp "Page n of N" (and `label` at the left) at the foot of every page of the pypdf
    writer, each in a white box so it reads over whatever the paper printed there."""
    from pypdf import PdfReader, PdfWriter

    assert isinstance(writer, PdfWriter)
    register_fonts()
    pages = writer.pages
    total = len(pages)
    sizes = []
    for page in pages:
        # A page shown turned (/Rotate) is turned for good first, so the stamp lands at the
        # foot of the page as seen, not along its side.
        if page.rotation:
            page.transfer_rotation_to_content()
        box = page.mediabox
        sizes.append((float(box.left), float(box.bottom), float(box.width),
                      float(box.height)))
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    for number, (_left, _bottom, width, height) in enumerate(sizes, start=1):
        canvas.setPageSize((width, height))
        _stamp(canvas, width, f"Page {number} of {total}", label)
        canvas.showPage()
    canvas.save()
    overlay = PdfReader(io.BytesIO(buffer.getvalue()))
    for page, stamp, (left, bottom, _w, _h) in zip(pages, overlay.pages, sizes, strict=True):
        if left or bottom:
            from pypdf import Transformation

            page.merge_transformed_page(stamp, Transformation().translate(left, bottom))
        else:
            page.merge_page(stamp)


def _stamp(canvas: Canvas, width: float, text: str, label: str) -> None:
    size = 8
    margin = min(MARGIN, width * 0.08)
    canvas.setFont(FONT, size)
    text_wide = canvas.stringWidth(text, FONT, size)
    canvas.setFillColor(colors.white)
    canvas.rect(width - margin - text_wide - 2 * mm, 9 * mm - 1.6 * mm,
                text_wide + 3 * mm, size + 2.4 * mm, stroke=0, fill=1)
    canvas.setFillColor(GREY)
    canvas.drawRightString(width - margin, 9 * mm, text)
    if label:
        label_wide = canvas.stringWidth(label, FONT, size)
        if label_wide < width - 2 * margin - text_wide - 10 * mm:
            canvas.setFillColor(colors.white)
            canvas.rect(margin - 1 * mm, 9 * mm - 1.6 * mm, label_wide + 3 * mm,
                        size + 2.4 * mm, stroke=0, fill=1)
            canvas.setFillColor(GREY)
            canvas.drawString(margin, 9 * mm, label)

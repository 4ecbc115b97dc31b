"""Small PDFs for the papers' tests: each page says which paper and page it is."""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas


def paper_pdf(name: str, pages: int, turned: bool = False) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=landscape(A4) if turned else A4)
    for page in range(1, pages + 1):
        canvas.setFont("Helvetica", 14)
        canvas.drawString(72, 700 if not turned else 500, f"{name} page {page}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def write_paper(folder: Path, name: str, pages: int, turned: bool = False) -> Path:
    path = folder / f"{name}.pdf"
    path.write_bytes(paper_pdf(name, pages, turned))
    return path


def compressed_paper_pdf(name: str, pages: int) -> bytes:
    """A PDF written as newer Word and Acrobat exports are: its objects packed into a
    compressed object stream, found through a cross-reference stream (not the plain
    `xref` table reportlab writes). Built by hand: nothing installed here writes one."""
    import zlib

    page_ids = list(range(3, 3 + pages))
    content_ids = list(range(3 + pages, 3 + 2 * pages))
    packed_id, xref_id = 3 + 2 * pages, 4 + 2 * pages
    packed = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
              2: b"<< /Type /Pages /Kids [%s] /Count %d >>"
                 % (b" ".join(b"%d 0 R" % p for p in page_ids), pages)}
    for page, content in zip(page_ids, content_ids, strict=True):
        packed[page] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R"
                        b" /Resources << /Font << /F1 << /Type /Font /Subtype /Type1"
                        b" /BaseFont /Helvetica >> >> >> >>" % content)
    offsets, body = [], b""
    for number, value in packed.items():
        offsets.append(b"%d %d" % (number, len(body)))
        body += value + b"\n"
    head = b" ".join(offsets) + b"\n"
    stream = zlib.compress(head + body)
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    at: dict[int, int] = {}
    for page, content in enumerate(content_ids, start=1):
        text = b"BT /F1 14 Tf 72 700 Td (%s page %d) Tj ET" % (name.encode(), page)
        at[content] = len(out)
        out += b"%d 0 obj\n<< /Length %d >>\nstream\n%s\nendstream\nendobj\n" % (
            content, len(text), text)
    at[packed_id] = len(out)
    out += (b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\n"
            b"stream\n%s\nendstream\nendobj\n" % (packed_id, len(packed), len(head),
                                                  len(stream), stream))
    at[xref_id] = len(out)
    rows = [bytes([0, 0, 0, 255])]  # object 0, free; then (type, offset or stream, index)
    for number in range(1, xref_id + 1):
        if number in packed:
            rows.append(bytes([2]) + packed_id.to_bytes(2, "big")
                        + bytes([list(packed).index(number)]))
        else:
            rows.append(bytes([1]) + at[number].to_bytes(2, "big") + bytes([0]))
    table = zlib.compress(b"".join(rows))
    out += (b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 2 1] /Root 1 0 R /Filter /FlateDecode"
            b" /Length %d >>\nstream\n%s\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n"
            % (xref_id, xref_id + 1, len(table), table, at[xref_id]))
    return bytes(out)

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

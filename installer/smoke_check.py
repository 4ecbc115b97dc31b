"""Reads back what installer/smoke.sh had the frozen app write, and checks the content.

Usage: python installer/smoke_check.py FOLDER   (FOLDER holds minutes.pdf/.docx, actions.xlsx)
Exits 1, saying what is wrong, if a document is missing what it must hold.
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx
import openpyxl
from pypdf import PdfReader

# The Herefordshire sample's board, and words its minutes and action log must contain.
BOARD = "Herefordshire Safeguarding Children Board"
MEETING_DATE = "23/10/2018"


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def pdf_fonts(path: Path) -> set[str]:
    fonts = set()
    for page in PdfReader(path).pages:
        resources = page.get("/Resources")
        table = resources.get_object().get("/Font") if resources else None
        for font in (table.get_object().values() if table else []):
            fonts.add(str(font.get_object().get("/BaseFont", "")))
    return fonts


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    paragraphs = [p.text for p in document.paragraphs]
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join(paragraphs + cells)


def xlsx_text(path: Path) -> str:
    book = openpyxl.load_workbook(path, read_only=True)
    return "\n".join(
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


def problems(folder: Path) -> list[str]:
    found = []
    readers = {"minutes.pdf": pdf_text, "minutes.docx": docx_text, "actions.xlsx": xlsx_text}
    for name, read in readers.items():
        path = folder / name
        if not path.exists():
            if name.startswith("minutes"):
                continue  # smoke.sh says when the build has no minutes export
            found.append(f"{name} was not written")
            continue
        text = " ".join(read(path).split())
        if "Herefordshire" not in text:
            found.append(f"{name} does not mention Herefordshire")
        if name.startswith("minutes") and MEETING_DATE not in text:
            found.append(f"{name} does not give the meeting's date {MEETING_DATE}")
        print(f"{name}: {len(text)} characters, begins {text[:70]!r}")
    pdf = folder / "minutes.pdf"
    # The fonts come from the bundle's resources/fonts: without them the text would be set in
    # Helvetica, which cannot show every character of a name.
    if pdf.exists() and not any("DejaVuSans" in font for font in pdf_fonts(pdf)):
        found.append("minutes.pdf does not embed the DejaVu fonts shipped in resources/fonts")
    return found


if __name__ == "__main__":
    wrong = problems(Path(sys.argv[1]))
    for line in wrong:
        print(f"smoke_check: {line}", file=sys.stderr)
    sys.exit(1 if wrong else 0)

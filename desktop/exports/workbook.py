"""Saving an Excel workbook without leaving records in the system's temporary folder.

openpyxl's own `Workbook.save` writes each sheet's XML to `/tmp/openpyxl.*` first and deletes
it afterwards, so a process that dies part-way leaves the sheet's contents there, readable,
outside the encrypted database. Here each sheet is serialised in memory (openpyxl's writer
takes a BytesIO), and the finished workbook goes to its file whole or not at all.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.writer.excel import ExcelWriter

from desktop.services.files import write_bytes_atomically


class _InMemoryExcelWriter(ExcelWriter):
    """ExcelWriter.write_worksheet (openpyxl 3.1) with the sheet's XML kept in memory."""

    def write_worksheet(self, ws: Any) -> None:
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        writer = WorksheetWriter(ws, out=io.BytesIO())
        writer.write()
        ws._rels = writer._rels
        self._archive.writestr(ws.path[1:], writer.read())
        self.manifest.append(ws)


def save_workbook(book: Workbook, path: Path) -> None:
    """Workbook.save(path), with no temporary file outside `path`'s own folder."""
    if book.write_only:
        raise ValueError("write-only workbooks stream through temporary files; not used here")
    buffer = io.BytesIO()
    book.properties.modified = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    _InMemoryExcelWriter(book, ZipFile(buffer, "w", ZIP_DEFLATED, allowZip64=True)).save()
    write_bytes_atomically(path, buffer.getvalue())

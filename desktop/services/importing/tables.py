"""Reading a spreadsheet or CSV file into rows, as people lay them out.

A merged cell's value is given to every row it covers (a course name merged down over its
sessions' rows belongs to each of them), in its first column only (a title merged across the
columns is one title, not a header for each). CSV files come from Excel (cp1252, or UTF-8 with a
byte-order mark) and from web systems (UTF-8); the encoding and the delimiter are sniffed.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.services.interchange import ImportRejected

MAX_ROWS = 50_000
MAX_BYTES = 50 * 2**20


@dataclass
class Sheet:
    """The rows of one worksheet or CSV file; row i is the file's row i + 1."""

    name: str
    rows: list[list[Any]]


def read_sheets(path: Path) -> list[Sheet]:
    """Every worksheet of an .xlsx file, or the one table of a .csv file."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ImportRejected([f"{path.name}: is larger than {MAX_BYTES // 2**20} MB"])
        if path.suffix.lower() == ".csv":
            return [Sheet(path.stem, _csv_rows(path.read_bytes()))]
        return _workbook_sheets(path)
    except OSError as exc:
        raise ImportRejected([f"{path.name}: cannot be read: {exc.strerror or exc}"]) from None


def decode(data: bytes) -> str:
    """Text of a CSV file: UTF-8 (with or without a byte-order mark), else Windows cp1252."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")  # every byte is a character: never fails


def _csv_rows(data: bytes) -> list[list[Any]]:
    text = decode(data)
    try:
        dialect: Any = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    rows = [row for _i, row in zip(range(MAX_ROWS), csv.reader(io.StringIO(text), dialect),
                                   strict=False)]
    return [[cell if cell.strip() else None for cell in row] for row in rows]


def _workbook_sheets(path: Path) -> list[Sheet]:
    import openpyxl  # loaded only when a workbook is read

    try:
        # Not read-only: merged cells are known only to a fully loaded sheet.
        book = openpyxl.load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise ImportRejected([
            f"{path.name}: is not an Excel workbook that can be read (save it as .xlsx, "
            "or as CSV, and try again)"
        ]) from None
    sheets: list[Sheet] = []
    for sheet in book.worksheets:
        rows = [list(row) for _i, row in zip(range(MAX_ROWS), sheet.iter_rows(values_only=True),
                                             strict=False)]
        for merged in sheet.merged_cells.ranges:
            value = sheet.cell(merged.min_row, merged.min_col).value
            for r in range(merged.min_row, min(merged.max_row, len(rows)) + 1):
                row = rows[r - 1]
                for c in range(merged.min_col, merged.max_col + 1):
                    row.extend([None] * (c - len(row)))
                    row[c - 1] = value if c == merged.min_col else None
        sheets.append(Sheet(sheet.title, rows))
    return sheets

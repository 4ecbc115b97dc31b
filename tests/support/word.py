"""Reading Word minutes back: the attendance, written one table per group, as one list."""

from __future__ import annotations

from pathlib import Path

import docx

Rows = list[list[str]]
HEADINGS = ["Name", "Initials", "Role and agency"]


def table_rows(path: Path) -> list[Rows]:
    word = docx.Document(str(path))
    return [[[c.text for c in row.cells] for row in table.rows] for table in word.tables]


def minutes_tables(path: Path) -> tuple[Rows, Rows]:
    """The attendance as it was one table (column headings, then each group's label and its
    people) and the items table."""
    tables = table_rows(path)
    groups = [t for t in tables if len(t) > 1 and t[1] == HEADINGS]
    items = next(t for t in tables if t and t[0][:2] == ["No.", "Minutes"])
    attendance = [HEADINGS] if groups else []
    for group in groups:
        attendance += [group[0], *group[2:]]
    return attendance, items

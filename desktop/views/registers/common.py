"""What the register panels share: a read-only table filled from rows of text."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from desktop.views import colours


def register_table(name: str, accessible: str, headers: Sequence[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setAccessibleName(accessible)
    table.setHorizontalHeaderLabels(list(headers))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)  # Tab leaves the table, as everywhere else
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    # One line a row, so the list reads down at a glance; the whole text is the tooltip.
    table.setWordWrap(False)
    return table


def fill(table: QTableWidget, rows: Sequence[tuple[object, Sequence[str], bool]]) -> None:
    """Each row: its id (kept on the first cell), its texts, whether it is due."""
    table.setRowCount(len(rows))
    for r, (ident, texts, due) in enumerate(rows):
        for c, text in enumerate(texts):
            cell = QTableWidgetItem(text)
            cell.setToolTip(text)
            if c == 0:
                cell.setData(Qt.ItemDataRole.UserRole, ident)
            if due:  # shaded: the eye finds a review that is due first
                fore, back = colours.pair("due")
                cell.setBackground(QBrush(QColor(back)))
                cell.setForeground(QBrush(QColor(fore)))
            table.setItem(r, c, cell)


def chosen_id(table: QTableWidget) -> object:
    row = table.currentRow()
    cell = table.item(row, 0) if row >= 0 else None
    return cell.data(Qt.ItemDataRole.UserRole) if cell is not None else None

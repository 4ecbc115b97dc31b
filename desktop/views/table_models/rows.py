"""A read-only table over a tuple of frozen rows, described column by column.

Most tables of the application are this shape: each subclass names its COL_* constants and
gives, per column, a header, the text shown, and the value it sorts by.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

Row = TypeVar("Row")
# The role a QSortFilterProxyModel sorts by: dates as dates, numbers as numbers.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
# The row's id, for the view to hand back to a service.
ID_ROLE = Qt.ItemDataRole.UserRole + 2

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[Row]):
    header: str
    text: Callable[[Row], str]
    sort: Callable[[Row], Any]
    align_right: bool = False
    # A colour name for the text, or None for the default (e.g. "did not attend" in red).
    colour: Callable[[Row], str | None] | None = None


def _sortable(value: Any) -> Any:
    # Qt compares strings and numbers reliably; Python dates reach it as opaque objects.
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return "" if value is None else value


class RowsTableModel(QAbstractTableModel, Generic[Row]):
    columns: Sequence[Column[Row]] = ()

    def __init__(self) -> None:
        super().__init__()
        self._rows: tuple[Row, ...] = ()

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    @property
    def rows(self) -> tuple[Row, ...]:
        return self._rows

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return column.text(row)
        if role == SORT_ROLE:
            return _sortable(column.sort(row))
        if role == ID_ROLE:
            return getattr(row, "id", getattr(row, "booking_id", None))
        if role == Qt.ItemDataRole.ForegroundRole and column.colour is not None:
            name = column.colour(row)
            return QColor(name) if name else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.columns)):
            return self.columns[section].header
        return None

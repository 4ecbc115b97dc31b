"""A RowsTableModel that holds every row and shows those passing a filter, sorted in Python.

Why not QSortFilterProxyModel's own filtering and sorting: it asks `data()` of the Python
model once per row per keystroke (and n·log n times to sort), which over 50,000 bookings
takes a second. Here each row's text is joined and lowercased once, when the rows are set;
a keystroke is then a substring test per row in a list comprehension (a few milliseconds),
and typing on (a longer text) only searches the rows already shown. Sort keys are worked
out once per column and kept.

With no filter and no sort the rows are shown as given, in the service's order: the model
is a drop-in base for any RowsTableModel.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QIdentityProxyModel, QObject, Qt, Signal

from desktop.views.table_models.rows import RowsTableModel, _sortable

Row = TypeVar("Row")


def words_of(text: str) -> tuple[str, ...]:
    """The words typed into a filter, as matched: case-insensitive, any order."""
    return tuple(text.casefold().split())


@dataclass(frozen=True)
class Prepared(Generic[Row]):
    rows: tuple[Row, ...]
    haystacks: list[str]


class FilteredRowsModel(RowsTableModel[Row]):
    # New rows were set (not just filtered or sorted): a view may fit its columns to them.
    rows_set = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._all: tuple[Row, ...] = ()
        self._haystacks: list[str] = []
        self._order: list[int] = []  # every row's index, in the sorted order
        self._shown: list[int] = []  # indices into _all, of the rows shown
        self._words: tuple[str, ...] = ()
        self._test: Callable[[Row], bool] | None = None
        self._sort_column = -1
        self._descending = False
        self._keys: dict[int, list[Any]] = {}

    # -- rows -----------------------------------------------------------------------------

    def haystack(self, row: Row) -> str:
        """The text a filter word is looked for in: every column as shown."""
        return "\n".join(column.text(row) for column in self.columns).casefold()

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.set_prepared(self.prepare(rows))

    def prepare(self, rows: Sequence[Row]) -> Prepared[Row]:
        """The rows with their filter texts: pure Python, so a worker thread can do it for
        a long list while the screen stays live."""
        held = tuple(rows)
        return Prepared(held, [self.haystack(row) for row in held])

    def set_prepared(self, prepared: Prepared[Row]) -> None:
        self._all, self._haystacks = prepared.rows, prepared.haystacks
        self._keys.clear()
        self._order = self._sorted_order()
        self._show(self._order)
        self.rows_set.emit()

    @property
    def all_rows(self) -> tuple[Row, ...]:
        """Every row held, shown or not."""
        return self._all

    def position_of(self, test: Callable[[Row], bool]) -> int:
        """The row shown first of those passing `test`, or -1."""
        for position, index in enumerate(self._shown):
            if test(self._all[index]):
                return position
        return -1

    # -- filtering ------------------------------------------------------------------------

    def set_filter(self, text: str, test: Callable[[Row], bool] | None = None) -> None:
        """Show the rows holding every word of `text` and passing `test`.

        `test` should compare equal to the last one when nothing about it changed (a frozen
        dataclass with __call__ does), so that typing on narrows what is already shown.
        """
        words = words_of(text)
        narrower = (test == self._test and bool(self._words)
                    and " ".join(words).startswith(" ".join(self._words)))
        self._words, self._test = words, test
        self._show(self._shown if narrower else self._order)

    def _show(self, candidates: list[int]) -> None:
        shown = candidates
        haystacks = self._haystacks
        for word in self._words:
            shown = [i for i in shown if word in haystacks[i]]
        if self._test is not None:
            rows, test = self._all, self._test
            shown = [i for i in shown if test(rows[i])]
        self.beginResetModel()
        self._shown = shown if shown is not candidates else list(shown)
        all_rows = self._all
        self._rows = tuple(all_rows[i] for i in self._shown)
        self.endResetModel()

    @property
    def filtering(self) -> bool:
        return bool(self._words) or self._test is not None

    # -- sorting --------------------------------------------------------------------------

    def _sorted_order(self) -> list[int]:
        count = len(self._all)
        if not 0 <= self._sort_column < len(self.columns):
            return list(range(count))
        keys = self._keys.get(self._sort_column)
        if keys is None:
            sort = self.columns[self._sort_column].sort
            keys = self._keys[self._sort_column] = [_sortable(sort(r)) for r in self._all]
        try:
            return sorted(range(count), key=keys.__getitem__, reverse=self._descending)
        except TypeError:  # a column mixing kinds of value: compare them as text
            return sorted(range(count), key=lambda i: str(keys[i]), reverse=self._descending)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column = column
        self._descending = order == Qt.SortOrder.DescendingOrder
        self._order = self._sorted_order()
        self._show(self._order)


class ModelSortingProxy(QIdentityProxyModel):
    """Hands a view's sort request to the FilteredRowsModel behind it, which sorts in
    Python with kept keys; otherwise passes everything through unchanged, at no cost."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)

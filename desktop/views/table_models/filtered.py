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

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QIdentityProxyModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QColor

from desktop.views.table_models.letter_pairs import INDEXED_FROM, among, holding, index_of
from desktop.views.table_models.rows import ID_ROLE, SORT_ROLE, RowsTableModel, _sortable

Row = TypeVar("Row")


def words_of(text: str) -> tuple[str, ...]:
    """The words typed into a filter, as matched: case-insensitive, any order."""
    return tuple(text.casefold().split())


@dataclass(frozen=True)
class Prepared(Generic[Row]):
    rows: tuple[Row, ...]
    haystacks: list[str]
    fields: dict[str, list[str]]  # each named field's text per row, casefolded
    # The letters and pairs of the haystacks (letter_pairs.py), for a long list only.
    pairs: dict[str, int] | None = None


# The roles data() answers; a view asks each cell for seven or so others (font, decoration,
# check state…), answered None at once: a table repaints a few hundred cells a keystroke.
DISPLAY, ACCESSIBLE, SORTING, IDENTITY, FOREGROUND, ALIGNMENT = (int(role) for role in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole, SORT_ROLE, ID_ROLE,
    Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.TextAlignmentRole))
HANDLED_ROLES = frozenset((DISPLAY, ACCESSIBLE, SORTING, IDENTITY, FOREGROUND, ALIGNMENT))
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
Fields = Mapping[str, Callable[[Any], str]]
Query = tuple[tuple[str, ...], tuple[tuple[str, tuple[str, ...]], ...]]


class FilteredRowsModel(RowsTableModel[Row]):
    # New rows were set (not just filtered or sorted): a view may fit its columns to them.
    rows_set = Signal()
    # Fields a filter bar can match words in on their own (a venue, a delegate's name), as
    # quickly as the words typed in its main field.
    fields: ClassVar[Fields] = {}

    def __init__(self) -> None:
        super().__init__()
        self._all: tuple[Row, ...] = ()
        self._haystacks: list[str] = []
        self._pairs: dict[str, int] | None = None
        self._field_texts: dict[str, list[str]] = {name: [] for name in self.fields}
        self._query: Query = ((), ())
        self._positions: dict[int, int] | None = None  # id(row) -> its index in _all
        self._sums: dict[str, list[int]] = {}
        self._order: list[int] = []  # every row's index, in the sorted order
        self._shown: list[int] = []  # indices into _all, of the rows shown
        self._words: tuple[str, ...] = ()
        self._test: Callable[[Row], bool] | None = None
        self._shown_rows: tuple[Row, ...] | None = ()
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
        haystacks = [self.haystack(row) for row in held]
        return Prepared(held, haystacks,
                        {name: [text(row).casefold() for row in held]
                         for name, text in self.fields.items()},
                        index_of(haystacks) if len(held) >= INDEXED_FROM else None)

    def set_prepared(self, prepared: Prepared[Row]) -> None:
        self._all, self._haystacks = prepared.rows, prepared.haystacks
        self._pairs = prepared.pairs
        self._field_texts = prepared.fields
        self._keys.clear()
        self._sums.clear()
        self._positions = None
        self._order = self._sorted_order()
        self._show(self._order)
        self.rows_set.emit()

    @property
    def all_rows(self) -> tuple[Row, ...]:
        """Every row held, shown or not."""
        return self._all

    def position_of_row(self, row: Row) -> int:
        """Where a row held is shown, or -1 (found in C, not by a Python loop)."""
        if self._positions is None:
            self._positions = {id(held): i for i, held in enumerate(self._all)}
        index = self._positions.get(id(row))
        if index is None or index >= len(self._all) or self._all[index] is not row:
            return -1
        try:
            return self._shown.index(index)
        except ValueError:
            return -1

    def total(self, name: str, value: Callable[[Row], int]) -> int:
        """The sum of `value` over the rows shown (each row's value worked out once)."""
        values = self._sums.get(name)
        if values is None:
            values = self._sums[name] = [value(row) for row in self._all]
        return sum(map(values.__getitem__, self._shown))

    def held_index(self, position: int) -> int:
        """Which held row is shown at `position` (for `position_of_held` after filtering)."""
        return self._shown[position]

    def position_of_held(self, index: int) -> int:
        """Where the held row `index` is shown now, or -1. Unlike `position_of_row` it needs
        no table of every row: built on the first keystroke after 50,000 rows were read,
        that table took that keystroke to two frames."""
        try:
            return self._shown.index(index)
        except ValueError:
            return -1

    @property
    def shown_count(self) -> int:
        return len(self._shown)

    def position_of(self, test: Callable[[Row], bool]) -> int:
        """The row shown first of those passing `test`, or -1."""
        for position, index in enumerate(self._shown):
            if test(self._all[index]):
                return position
        return -1

    # -- filtering ------------------------------------------------------------------------

    def set_filter(self, text: str, test: Callable[[Row], bool] | None = None,
                   fields: dict[str, str] | None = None) -> None:
        """Show the rows holding every word of `text` (in any column), every word given for
        a field (in that field) and passing `test`.

        `test` should compare equal to the last one when nothing about it changed (a frozen
        dataclass with __call__ does), so that typing on narrows what is already shown.
        """
        query: Query = (words_of(text), tuple(
            (name, words_of(typed)) for name, typed in sorted((fields or {}).items())))
        self._show(self._shown if self._narrows(query, test) else self._order, query, test)

    def _narrows(self, query: Query, test: Callable[[Row], bool] | None) -> bool:
        """Whether the rows now wanted are among those shown: the same test, and each text
        only typed on (a text that starts with the last one can only match fewer rows)."""
        if test != self._test:
            return False
        old_fields, new_fields = dict(self._query[1]), dict(query[1])
        return all(" ".join(new).startswith(" ".join(old)) for old, new in (
            (self._query[0], query[0]),
            *((old_fields.get(name, ()), new_fields.get(name, ()))
              for name in old_fields.keys() | new_fields.keys())))

    def _show(self, candidates: list[int], query: Query | None = None,
              test: Callable[[Row], bool] | None = None) -> None:
        if query is not None:
            self._query, self._words, self._test = query, query[0], test
        shown = candidates
        haystacks = self._haystacks
        # A long list's index (letter_pairs.py), while the rows are in their own order
        # (picking a sorted list's rows by index costs more than the scan).
        pairs = self._pairs if not 0 <= self._sort_column < len(self.columns) else None
        for word in self._words:
            if pairs is not None:
                held, whole = holding(pairs, word), shown is self._order
                if len(word) <= 2:  # exactly the rows holding the word
                    shown = among(held, shown, len(haystacks), whole)
                    continue
                if held.bit_count() * 2 < len(shown):  # fewer left to scan
                    shown = among(held, shown, len(haystacks), whole)
            shown = [i for i in shown if word in haystacks[i]]
        for name, words in self._query[1]:
            texts = self._field_texts[name]
            for word in words:
                shown = [i for i in shown if word in texts[i]]
        if self._test is not None:
            rows, test = self._all, self._test
            shown = [i for i in shown if test(rows[i])]
        self.beginResetModel()
        self._shown = shown if shown is not candidates else list(shown)
        self._shown_rows = None  # made when asked for (an export, a test), not per keystroke
        self.endResetModel()

    @property
    def filtering(self) -> bool:
        return (bool(self._words) or any(words for _, words in self._query[1])
                or self._test is not None)

    # -- the rows shown, to the view ------------------------------------------------------

    @property
    def rows(self) -> tuple[Row, ...]:
        """The rows shown, in order."""
        if self._shown_rows is None:
            all_rows = self._all
            self._shown_rows = tuple([all_rows[i] for i in self._shown])
        return self._shown_rows

    def row_at(self, row: int) -> Row:
        return self._all[self._shown[row]]

    def rowCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # RowsTableModel.data over the rows shown, with the roles compared as plain ints.
        if role not in HANDLED_ROLES or not index.isValid():
            return None
        number = index.row()
        if not 0 <= number < len(self._shown):
            return None
        row, column = self._all[self._shown[number]], self.columns[index.column()]
        if role in (DISPLAY, ACCESSIBLE):
            return column.text(row)
        if role == SORTING:
            return _sortable(column.sort(row))
        if role == IDENTITY:
            return getattr(row, "id", getattr(row, "booking_id", None))
        if role == FOREGROUND:
            name = column.colour(row) if column.colour is not None else None
            return QColor(name) if name else None
        if role == ALIGNMENT and column.align_right:
            return RIGHT
        return None

    def cell(self, number: int, column_number: int) -> tuple[str, Any, None, int] | None:
        """The cell's text, colour (or None), background (none) and alignment, as data()
        answers them, in one call (plain_cells.PlainCellDelegate draws from it)."""
        if not 0 <= number < len(self._shown):
            return None
        row, column = self._all[self._shown[number]], self.columns[column_number]
        name = column.colour(row) if column.colour is not None else None
        return (column.text(row), QColor(name) if name else None, None,
                RIGHT if column.align_right else LEFT)

    def multiData(self, index: Any, span: Any) -> None:
        """All the roles a view asks of a cell in one call into Python (see fill_roles)."""
        self.fill_roles(index, index.row(), index.column(), span)

    def fill_roles(self, index: Any, number: int, column_number: int, span: Any) -> None:
        """Qt's item delegate asks each cell for seven roles a repaint (font, alignment,
        colour, check state, icon, text, background), by default each a call into Python:
        here they are answered in one, the same as data() answers them. A keystroke
        repaints a screenful of cells (benchmarks/FINDINGS.md, issue 19 session 6)."""
        if len(span) == 7 and 0 <= number < len(self._shown) and index.isValid():
            text_data = span[5]
            if text_data.role() == DISPLAY:  # the order of QStyledItemDelegate's roles
                row, column = self._all[self._shown[number]], self.columns[column_number]
                # Every role this model answers is set, to a value or to none: the delegate
                # hands the same span from cell to cell (font, check state, icon and
                # background are never set by this model, so they stay empty).
                text_data.setData(column.text(row))
                span[1].setData(RIGHT if column.align_right else None)
                name = column.colour(row) if column.colour is not None else None
                span[2].setData(QColor(name) if name else None)
                return
        for role_data in span:
            role_data.setData(self.data(index, role_data.role()))

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

    def multiData(self, index: Any, span: Any) -> None:
        # QIdentityProxyModel does not pass multiData on (Qt asks the source's data() role
        # by role): the same row and column in the source, whose roles come in one call.
        source = self.sourceModel()
        if isinstance(source, FilteredRowsModel):
            source.fill_roles(self.mapToSource(index), index.row(), index.column(), span)
        else:
            super().multiData(index, span)

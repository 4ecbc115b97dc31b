"""The action log table: it holds only the ids of the actions that pass the filter, and
fetches their rows a page at a time as they scroll into view (the shape of anki's browser
table), so ten thousand actions cost one id query, not ten thousand rows."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.services.actions import ActionRow
from desktop.views import colours
from desktop.views.text import show_date

Index = QModelIndex | QPersistentModelIndex
PAGE = 100  # rows fetched at once: a screenful and more
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
# The roles data() answers, as plain ints: a view asks each cell for seven or so roles a
# repaint (font, decoration, check state…), and those are answered None at once.
DISPLAY, TOOLTIP, BACKGROUND, FOREGROUND, ALIGNMENT = (int(role) for role in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.TextAlignmentRole))
SORTING, IDENTITY = int(SORT_ROLE), int(ID_ROLE)
HANDLED_ROLES = frozenset((DISPLAY, TOOLTIP, BACKGROUND, FOREGROUND, ALIGNMENT, SORTING,
                           IDENTITY))
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


def _rag_brushes(rag: str) -> tuple[QBrush, QColor]:
    """The RAG cell's background and text colour, as data() gives them."""
    return _brushes(rag, colours.is_dark())


@functools.cache
def _brushes(rag: str, dark: bool) -> tuple[QBrush, QColor]:
    # Made once per shade, not per cell painted (parsing the colours was ~20 µs a cell).
    light_pair, dark_pair = colours.PAIRS["rag_" + rag]
    text, background = dark_pair if dark else light_pair
    return QBrush(QColor(background)), QColor(text)


def _one_line(text: str | None, limit: int = 160) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class ActionsTableModel(QAbstractTableModel):
    (COL_NUMBER, COL_RAISED, COL_ITEM, COL_TITLE, COL_OWNERS, COL_DUE, COL_STATUS, COL_RAG,
     COL_LATEST, COL_BOARD) = range(10)
    HEADERS = ("No.", "Raised", "Item", "Title", "Owners", "Due", "Status", "RAG",
               "Latest update", "Board")
    # The service's sort for each column: sorting is done by the query, not by the view.
    SORT_KEYS = ("number", "raised", "item", "title", "owners", "due", "status", "rag",
                 "latest", "board")

    def __init__(self, load: Callable[[Sequence[int]], list[ActionRow]],
                 resort: Callable[[str, bool], None] | None = None) -> None:
        super().__init__()
        self._load = load
        self._resort = resort
        self._ids: list[int] = []
        self._rows: dict[int, ActionRow] = {}
        # Each row's cells as shown, made once when the row is read: a repaint asks for a
        # few hundred cells, and formatting dates and owners per cell was most of a
        # keystroke's time (benchmarks/FINDINGS.md, 4a).
        self._shown: dict[int, tuple[str, ...]] = {}

    # --- contents ------------------------------------------------------------------------

    def set_rows(self, ids: Sequence[int], keep_rows: bool = False,
                 rows: Sequence[ActionRow] = ()) -> None:
        """A new list of action ids (a filter or sort ran): rows are fetched when shown.
        `keep_rows`: nothing has changed since the rows held were read (only the words
        typed in Find narrowed the list), so they are shown again without a query.
        `rows`: some of them already read (the first screen, read on a worker thread)."""
        ids = list(ids)
        if keep_rows and not rows and ids == self._ids:
            return  # nothing to show differently (a space typed): the view keeps its place
        self.beginResetModel()
        self._ids = ids
        if not keep_rows:
            self._rows, self._shown = {}, {}
        for row in rows:
            self._rows[row.id] = row
            self._shown[row.id] = self._cells(row)
        self.endResetModel()

    def refresh_rows(self) -> None:
        """The same ids, rows read again (an action changed)."""
        self._rows, self._shown = {}, {}
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1,
                                                               len(self.HEADERS) - 1))

    def ids(self) -> list[int]:
        return list(self._ids)

    def row_of(self, action_id: int) -> int | None:
        try:
            return self._ids.index(action_id)
        except ValueError:
            return None

    def action_at(self, row: int) -> ActionRow | None:
        if not 0 <= row < len(self._ids):
            return None
        action_id = self._ids[row]
        if action_id not in self._rows:
            self._fetch_page_around(row)
        return self._rows.get(action_id)

    def _fetch_page_around(self, row: int) -> None:
        start = (row // PAGE) * PAGE
        page = [i for i in self._ids[start:start + PAGE] if i not in self._rows]
        for fetched in self._load(page):
            self._rows[fetched.id] = fetched
            self._shown[fetched.id] = self._cells(fetched)

    # --- Qt ------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.HEADERS)):
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in HANDLED_ROLES or not index.isValid():
            return None
        row = index.row()
        if not 0 <= row < len(self._ids):
            return None
        action_id = self._ids[row]
        cells = self._shown.get(action_id)
        if cells is None:
            self._fetch_page_around(row)
            cells = self._shown.get(action_id)
            if cells is None:
                return None
        column = index.column()
        if role == DISPLAY:
            return cells[column]
        action = self._rows[action_id]
        if role == SORTING:
            return self._sort_value(action, column)
        if role == IDENTITY:
            return action.id
        if role == TOOLTIP and column in (self.COL_TITLE, self.COL_LATEST):
            return action.text if column == self.COL_TITLE else action.latest_text
        if role in (BACKGROUND, FOREGROUND) and column == self.COL_RAG and action.rag:
            background, colour = _rag_brushes(action.rag)
            return background if role == BACKGROUND else QBrush(colour)
        if role == FOREGROUND and column == self.COL_DUE and action.overdue:
            return QBrush(QColor(colours.text("overdue")))
        if role == ALIGNMENT and column == self.COL_NUMBER:
            return RIGHT
        return None

    def cell(self, row: int, column: int) -> Any:
        """The cell's text, colour, background and alignment (data()'s display,
        foreground, background and alignment roles), or None while its row is not read."""
        if not 0 <= row < len(self._ids):
            return None
        action_id = self._ids[row]
        cells = self._shown.get(action_id)
        if cells is None:
            return None
        colour = background = None
        if column == self.COL_RAG or column == self.COL_DUE:
            action = self._rows[action_id]
            if column == self.COL_RAG and action.rag:
                background, colour = _rag_brushes(action.rag)
            elif column == self.COL_DUE and action.overdue:
                colour = QColor(colours.text("overdue"))
        return (cells[column], colour, background,
                RIGHT if column == self.COL_NUMBER else LEFT)

    def multiData(self, index: Index, span: Any) -> None:
        """All the roles a view asks of a cell in one call into Python: Qt's item delegate
        asks seven a cell a repaint (font, alignment, colour, check state, icon, text,
        background), by default each a call into Python, and a keystroke in Find repaints
        ~170 cells (benchmarks/FINDINGS.md, issue 19 session 6). Same answers as data()."""
        if (len(span) == 7 and index.isValid()
                and (cell := self.cell(index.row(), index.column())) is not None):
            text_data = span[5]
            if text_data.role() == DISPLAY:  # Qt's delegate's order (QStyledItemDelegate)
                # Every role this model answers is set, to a value or to none: the delegate
                # hands the same span from cell to cell (font, check state and icon are
                # never set by this model, so they stay empty).
                text, colour, background, align = cell
                text_data.setData(text)
                span[1].setData(align if align == RIGHT else None)
                span[2].setData(colour)
                span[6].setData(background)
                return
        for role_data in span:
            role_data.setData(self.data(index, role_data.role()))

    @staticmethod
    def _cells(action: ActionRow) -> tuple[str, ...]:
        latest = ""
        if action.latest_date is not None:
            latest = f"{show_date(action.latest_date)}: {_one_line(action.latest_text)}"
        return (
            str(action.number), show_date(action.raised), action.item or "",
            action.title or _one_line(action.text, 60), ", ".join(action.owners),
            show_date(action.due) + (" (overdue)" if action.overdue else ""),
            action.status_name, action.rag_name, latest, action.board,
        )

    def _sort_value(self, action: ActionRow, column: int) -> Any:
        values = (
            action.number, action.raised, action.item or "", (action.title or "").lower(),
            ", ".join(action.owners).lower(), action.due, action.status,
            {"red": 0, "amber": 1, "green": 2}.get(action.rag or "", 3), action.latest_date,
            action.board,
        )
        return values[column]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self._resort is not None and 0 <= column < len(self.SORT_KEYS):
            self._resort(self.SORT_KEYS[column], order == Qt.SortOrder.DescendingOrder)

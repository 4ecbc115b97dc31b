"""Small pieces the training screens share: sorted tables, buttons with shortcuts, and a
line that tells the coordinator what just happened (or what was wrong)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QAbstractProxyModel, QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QWidget,
)

from desktop.views import announce, colours, message_bar
from desktop.views.table_models.filtered import FilteredRowsModel, ModelSortingProxy
from desktop.views.table_models.plain_cells import PlainCellDelegate
from desktop.views.table_models.rows import SORT_ROLE, RowsTableModel
from desktop.views.text import escape

Row = TypeVar("Row")
W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str, accessible: str) -> W:
    """The widget with its object name (for tests) and the name a screen reader says."""
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    return widget


class RowsTable(QTableView):
    """A sortable, read-only, whole-row table over a RowsTableModel."""

    def __init__(self, model: RowsTableModel[Any], name: str, accessible: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setAccessibleName(accessible)
        self.rows_model = model
        self.proxy: QAbstractProxyModel
        if isinstance(model, FilteredRowsModel):
            # Filtered and sorted in the model itself (fast at 50,000 rows); the columns
            # are fitted to the rows on screen when rows are set, not on every keystroke.
            self.proxy = ModelSortingProxy(self)
            self.horizontalHeader().setResizeContentsPrecision(100)
            model.rows_set.connect(self.resizeColumnsToContents)
        else:
            proxy = QSortFilterProxyModel(self)
            proxy.setSortRole(SORT_ROLE)
            self.proxy = proxy
        self.proxy.setSourceModel(model)
        self.setModel(self.proxy)
        if isinstance(model, FilteredRowsModel):
            # Laid out as soon as a keystroke sets the rows, not on the next turn of the
            # event loop, which painted the table a second time (issue 19 session 6).
            model.modelReset.connect(self.doItemsLayout)
            # Plain cells drawn from text laid out once, not by Qt's delegate at each paint
            # (half of a keystroke's repaint; benchmarks/FINDINGS.md, issue 19 session 7).
            self.setItemDelegate(PlainCellDelegate(self, model.cell))
        self.setSortingEnabled(True)
        # The service's order (waiting list order, say) until a header is clicked.
        self.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Interactive if isinstance(model, FilteredRowsModel)
            else QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
        self.setTabKeyNavigation(False)

    def current(self) -> Any:
        """The row under the cursor, or None."""
        index = self.currentIndex()
        if not index.isValid():
            return None
        return self.rows_model.row_at(self.proxy.mapToSource(index).row())

    def select_where(self, test: Callable[[Any], bool]) -> bool:
        """Put the cursor on the first row passing `test` (kept across a refresh)."""
        if isinstance(self.rows_model, FilteredRowsModel):  # its rows are the view's rows
            row = self.rows_model.position_of(test)
            if row >= 0:
                self.selectRow(row)
            return row >= 0
        for row in range(self.proxy.rowCount()):
            source = self.proxy.mapToSource(self.proxy.index(row, 0)).row()
            if test(self.rows_model.row_at(source)):
                self.selectRow(row)
                return True
        return False


def button(text: str, name: str, slot: Callable[[], Any], shortcut: str = "",
           accessible: str = "") -> QPushButton:
    widget = QPushButton(text)
    widget.setObjectName(name)
    widget.setAccessibleName(accessible or text.replace("&", "").rstrip("…"))
    widget.clicked.connect(slot)
    if shortcut:
        # A QShortcut acts at once (a button's own shortcut animates a click first), and
        # only while its button is visible, so a hidden tab's keys do nothing.
        keys = QShortcut(QKeySequence(shortcut), widget)
        keys.activated.connect(lambda: widget.isEnabled() and slot())
        widget.setToolTip(f"{widget.accessibleName()} ({shortcut})")
    return widget


class Feedback(QLabel):
    """What the last action did, or why it could not be done: never a modal box to dismiss
    while the coordinator is taking a register. On an area page the message goes to the
    page's message bar (desktop/views/message_bar.py) and this line stays hidden, keeping the
    text for whoever asks; in a dialog it is the dialog's own message line."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        # No accessible name: it would be read instead of the message itself.
        self.setAccessibleDescription("Message")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)

    def tell(self, text: str) -> None:
        self.setStyleSheet(colours.text_style("success"))
        self.setText(escape(text))
        self._say(message_bar.SUCCESS, text)

    def problem(self, text: str) -> None:
        self.setStyleSheet(colours.text_style("error", " font-weight: bold;"))
        self.setText(escape(text))
        self._say(message_bar.PROBLEM, text)

    def _say(self, kind: str, text: str) -> None:
        bar = message_bar.bar_for(self)
        if bar is None:
            announce.announce(self, text)
            return
        self.hide()
        bar.show_message(kind, text)

"""The list models answer all of a cell's roles in one call (multiData), for a cheaper
repaint per keystroke: the tables look exactly as when Qt asks data() role by role."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QIdentityProxyModel,
    QModelIndex,
    QObject,
    QSize,
    Qt,
)
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QTableView

from desktop.models.database import Database
from desktop.views.actions.page import ActionsPage
from desktop.views.areas import AppContext
from desktop.views.notices import Notices
from desktop.views.table_models.actions_model import ActionsTableModel
from desktop.views.table_models.filtered import FilteredRowsModel, ModelSortingProxy
from desktop.views.table_models.rows import Column
from tests.test_actions import load

R = Qt.ItemDataRole


def test_qt_delegate_asks_the_roles_in_the_order_the_models_answer(qtbot: Any) -> None:
    """The models fill the delegate's seven roles by position (checking the text's): if a
    Qt release changes the order, this fails before a table shows wrong colours."""
    asked: list[list[int]] = []

    class Recording(QAbstractTableModel):
        def rowCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
            return 1

        def columnCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
            return 1

        def data(self, index: Any, role: int = 0) -> Any:
            return "x" if role == 0 else None

        def multiData(self, index: Any, span: Any) -> None:
            asked.append([d.role() for d in span])
            for d in span:
                d.setData(self.data(index, d.role()))

    model = Recording()
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.show()
    view.grab()
    assert asked and asked[0] == [int(r) for r in (
        R.FontRole, R.TextAlignmentRole, R.ForegroundRole, R.CheckStateRole,
        R.DecorationRole, R.DisplayRole, R.BackgroundRole)]


def _render(qtbot: Any, model: Any, size: QSize, widths: list[int]) -> QImage:
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setWordWrap(False)
    view.resize(size)
    for column, width in enumerate(widths):
        view.horizontalHeader().resizeSection(column, width)
    view.show()
    return view.viewport().grab().toImage()


class RoleByRole(QIdentityProxyModel):
    """Qt's default: each role asked of the source's data() on its own."""


def test_the_action_log_looks_the_same_as_asked_role_by_role(
        qtbot: Any, database: Database) -> None:
    load(database, "herefordshire-board-2018-10-23.json")
    page = ActionsPage(AppContext(database, Notices()), today=dt.date(2018, 11, 30))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.loading)
    page.filters.status.setCurrentIndex(page.filters.status.findData("all"))
    model = page.model
    # What is drawn differently: right-aligned numbers, RAG backgrounds, overdue in red.
    assert any(model.index(r, model.COL_RAG).data(R.BackgroundRole) is not None
               for r in range(model.rowCount()))
    assert any(model.index(r, model.COL_DUE).data(R.ForegroundRole) is not None
               for r in range(model.rowCount()))
    calls = []
    real = ActionsTableModel.multiData

    class Counting(ActionsTableModel):
        def multiData(self, index: Any, span: Any) -> None:
            calls.append(index.row())
            real(self, index, span)

    counted = Counting(page._load_rows)
    counted.set_rows(model.ids())
    proxy = RoleByRole()
    proxy.setSourceModel(counted)
    widths = [60, 80, 40, 170, 118, 150, 80, 124, 260, 64]
    size = QSize(1200, 500)
    fast = _render(qtbot, counted, size, widths)
    assert calls, "the view asked the model's multiData"
    assert fast == _render(qtbot, proxy, size, widths)


@dataclass(frozen=True)
class Booking:
    name: str
    places: int
    late: bool


class Bookings(FilteredRowsModel[Booking]):
    columns = (
        Column("Name", lambda b: b.name, lambda b: b.name),
        Column("Places", lambda b: str(b.places), lambda b: b.places, align_right=True),
        Column("Status", lambda b: "Did not attend" if b.late else "Attended",
               lambda b: b.late, colour=lambda b: "#b00020" if b.late else None),
    )


def test_a_training_list_looks_the_same_as_asked_role_by_role(qtbot: Any) -> None:
    model = Bookings()
    model.set_rows([Booking(f"Delegate {i} Shah", i, i % 3 == 0) for i in range(40)])
    model.set_filter("shah")
    sorting = ModelSortingProxy()
    sorting.setSourceModel(model)
    plain = RoleByRole()
    plain.setSourceModel(model)
    widths, size = [200, 80, 160], QSize(600, 400)
    assert _render(qtbot, sorting, size, widths) == _render(qtbot, plain, size, widths)


def test_cells_not_asked_by_the_delegate_are_answered_role_by_role(qtbot: Any) -> None:
    """Any other caller's roles (a screen reader's, say) get data()'s answers."""
    from PySide6.QtCore import QModelRoleData, QModelRoleDataSpan

    model = Bookings()
    model.set_rows([Booking("Ann Shah", 2, True)])
    for role in (R.DisplayRole, R.AccessibleTextRole, R.ForegroundRole, R.ToolTipRole):
        asked = QModelRoleData(int(role))
        model.multiData(model.index(0, 2), QModelRoleDataSpan(asked))
        assert asked.data() == model.index(0, 2).data(role)


class PaintCount(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def _paints_after(qtbot: Any, view: QTableView, change: Any) -> int:
    counter = PaintCount()
    view.viewport().installEventFilter(counter)
    qtbot.wait(50)
    counter.paints = 0
    change()
    qtbot.wait(100)  # every posted event and zero timer handled
    view.viewport().removeEventFilter(counter)
    return counter.paints


def test_a_keystroke_in_find_paints_the_action_log_once(
        qtbot: Any, database: Database) -> None:
    """The new rows are laid out at once, not by Qt's delayed layout, which painted the
    whole table a second time after every keystroke."""
    load(database, "herefordshire-board-2018-10-23.json")
    page = ActionsPage(AppContext(database, Notices()), today=dt.date(2018, 11, 30))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.loading)
    page.filters.status.setCurrentIndex(page.filters.status.findData("all"))
    before = page.model.rowCount()

    def type_and_filter() -> None:
        page.filters.text.setText("cse")
        page.refresh()

    assert _paints_after(qtbot, page.table, type_and_filter) == 1
    assert 0 < page.model.rowCount() < before


def test_a_keystroke_paints_a_training_list_once(qtbot: Any) -> None:
    from desktop.views.widgets import RowsTable

    model = Bookings()
    model.set_rows([Booking(f"Delegate {i} {'Shah' if i % 2 else 'Patel'}", i, False)
                    for i in range(60)])
    table = RowsTable(model, "bookingsTable", "Bookings")
    qtbot.addWidget(table)
    table.resize(600, 400)
    table.show()
    assert _paints_after(qtbot, table, lambda: model.set_filter("shah")) == 1
    assert model.rowCount() == 30

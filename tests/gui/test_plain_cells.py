"""The lists filtered as you type draw their plain cells from text laid out once
(desktop/views/table_models/plain_cells.py): every cell must look exactly as Qt's own item
delegate draws it, selected, focused, cut, wrapped, coloured or not."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QImage
from PySide6.QtWidgets import QApplication, QStyledItemDelegate, QTableView

from desktop.models.database import Database
from desktop.views.actions.page import ActionsPage
from desktop.views.areas import AppContext
from desktop.views.notices import Notices
from desktop.views.table_models.filtered import FilteredRowsModel
from desktop.views.table_models.plain_cells import PlainCellDelegate
from desktop.views.table_models.rows import Column
from desktop.views.widgets import RowsTable
from tests.test_actions import load


def _grab(view: QTableView) -> QImage:
    QApplication.processEvents()  # a scroll bar shown or hidden by new rows: laid out first
    view.viewport().repaint()
    return view.viewport().grab().toImage()


def _as_qt_draws(view: QTableView) -> QImage:
    """The view drawn by Qt's own delegate; the view's delegate put back after."""
    ours = view.itemDelegate()
    view.setItemDelegate(QStyledItemDelegate(view))
    try:
        return _grab(view)
    finally:
        view.setItemDelegate(ours)


def _drawn_by_us(view: QTableView) -> int:
    """How many texts the view's delegate holds laid out."""
    delegate = view.itemDelegate()
    assert isinstance(delegate, PlainCellDelegate)
    return sum(laid is not None for laid in delegate._kept.values())


def test_the_action_log_looks_as_qt_draws_it(qtbot: Any, database: Database) -> None:
    load(database, "herefordshire-board-2018-10-23.json")
    page = ActionsPage(AppContext(database, Notices()), today=dt.date(2018, 11, 30))
    qtbot.addWidget(page)
    page.resize(1280, 700)
    page.show()
    qtbot.waitUntil(lambda: not page.loading)
    page.filters.status.setCurrentIndex(page.filters.status.findData("all"))
    table = page.table
    _grab(table)
    ours = _grab(table)
    assert _drawn_by_us(table) > 20, "the plain cells were drawn from laid-out text"
    assert ours == _as_qt_draws(table)
    # Cut texts ("…"), right-aligned numbers, RAG backgrounds and overdue in red are among
    # them (the fixture's log has all four).
    model = page.model
    assert any(model.cell(r, model.COL_RAG)[2] is not None for r in range(model.rowCount()))
    assert any(model.cell(r, model.COL_DUE)[1] is not None for r in range(model.rowCount()))
    delegate = table.itemDelegate()
    assert isinstance(delegate, PlainCellDelegate)
    assert any(laid is not None and "…" in laid[0].text()
               for laid in delegate._kept.values())
    # A row chosen, the table focused: Qt draws the highlight and the focus ring.
    table.setFocus()
    table.selectRow(1)
    qtbot.waitUntil(table.hasFocus)
    assert _grab(table) == _as_qt_draws(table)
    # Typed into Find and filtered again: still the same.
    page.filters.text.setText("review")
    page.refresh()
    assert model.rowCount() > 0
    assert _grab(table) == _as_qt_draws(table)


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


def _bookings_table(qtbot: Any) -> tuple[RowsTable, Bookings]:
    model = Bookings()
    # Names that fit, names cut at a space (the table wraps words: Qt's delegate shows the
    # words that fit), a name too long without a space, an empty one; late ones in red.
    names = ["Ann Shah", "Bartholomew Alexander Montgomery-Smythe of Little Snoring", "",
             "Zebedee" * 12, "Łucja Kowalska-Nowak", "Montgomery-Smythe-Fotheringham-Jones",
             "Fotheringham/Montgomery/Smythe"]
    model.set_rows([Booking("" if i % 5 == 2 else "Zebedee" * 12 if i % 5 == 3
                            else f"{names[i % len(names)]} {i}", i * 7, i % 3 == 0)
                    for i in range(40)])
    table = RowsTable(model, "bookingsTable", "Bookings")
    qtbot.addWidget(table)
    table.resize(520, 420)
    table.show()
    for column, width in enumerate((170, 70, 120)):
        table.horizontalHeader().resizeSection(column, width)
    return table, model


def test_a_training_list_looks_as_qt_draws_it(qtbot: Any) -> None:
    table, model = _bookings_table(qtbot)
    assert table.wordWrap()
    assert _grab(table) == _as_qt_draws(table)  # the texts laid out, then drawn again
    assert _grab(table) == _as_qt_draws(table)
    assert _drawn_by_us(table) > 10
    model.set_filter("shah")
    assert model.rowCount() > 0
    assert _grab(table) == _as_qt_draws(table)
    model.set_filter("")
    table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    table.setFocus()
    table.selectRow(2)
    assert _grab(table) == _as_qt_draws(table)


def test_a_new_font_or_a_disabled_table_is_drawn_as_qt_draws_it(qtbot: Any) -> None:
    table, _model = _bookings_table(qtbot)
    _grab(table)
    font = QFont(table.font())
    font.setPointSize(font.pointSize() + 5)
    font.setBold(True)
    table.setFont(font)  # the texts laid out in the old font are forgotten
    assert _grab(table) == _as_qt_draws(table)
    table.setEnabled(False)  # greyed text: Qt's to draw
    assert _grab(table) == _as_qt_draws(table)


def test_the_laid_out_texts_are_bounded(qtbot: Any, monkeypatch: Any) -> None:
    from desktop.views.table_models import plain_cells

    monkeypatch.setattr(plain_cells, "LIMIT", 5)
    table, _model = _bookings_table(qtbot)
    for _ in range(3):
        _grab(table)
    delegate = table.itemDelegate()
    assert isinstance(delegate, PlainCellDelegate)
    assert 0 < len(delegate._kept) <= 5 and len(delegate._older) <= 5
    assert _grab(table) == _as_qt_draws(table)

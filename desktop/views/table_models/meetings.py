"""The tables of the meetings screens: meetings, attendance and agenda items."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from desktop.services.meetings import (
    ATTENDANCE_LABELS,
    KIND_LABELS,
    PURPOSE_LABELS,
    STATUS_LABELS,
    AttendanceRow,
    ItemRow,
    MeetingRow,
)
from desktop.views.table_models.rows import Column, Row, RowsTableModel
from desktop.views.text import show_date, show_time

AnyIndex = QModelIndex | QPersistentModelIndex
# What an edit hands back to the screen: the row, the column's field name and the new value.
EditHandler = Callable[[Any, str, Any], bool]
# The value an editor starts from (Qt's EditRole).
EDIT_ROLE = Qt.ItemDataRole.EditRole


class MeetingsTableModel(RowsTableModel[MeetingRow]):
    COL_DATE, COL_BOARD, COL_TITLE, COL_KIND, COL_STATUS, COL_VENUE = range(6)
    columns = (
        # Sort keys are plain strings and numbers: Qt compares those itself.
        Column("Date", lambda m: show_date(m.date),
               lambda m: f"{m.date.isoformat()} {m.start or dt.time()}"),
        Column("Board or group", lambda m: m.board, lambda m: m.board.lower()),
        Column("Meeting", lambda m: m.title, lambda m: m.title.lower()),
        Column("Kind", lambda m: KIND_LABELS[m.kind], lambda m: m.kind),
        Column("Status", lambda m: STATUS_LABELS[m.status], lambda m: m.status),
        Column("Venue", lambda m: m.venue, lambda m: m.venue.lower()),
    )


@dataclass(frozen=True)
class EditableColumn(Column[Row], Generic[Row]):
    field: str = ""  # "" for a read-only column
    edit_value: Callable[[Row], Any] | None = None
    checkable: bool = False


class EditableRowsModel(RowsTableModel[Row]):
    """Cells edited in place; the edit goes to `on_edit`, which calls a service and reloads."""

    def __init__(self, on_edit: EditHandler) -> None:
        super().__init__()
        self.on_edit = on_edit
        self.read_only = False

    def _column(self, index: AnyIndex) -> EditableColumn[Row] | None:
        column = self.columns[index.column()]
        return column if isinstance(column, EditableColumn) and column.field else None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        column = self._column(index) if index.isValid() else None
        if column is None or self.read_only:
            return flags
        if column.checkable:
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        return flags | Qt.ItemFlag.ItemIsEditable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        column = self._column(index) if index.isValid() else None
        if column is not None and 0 <= index.row() < len(self.rows):
            row = self.rows[index.row()]
            if column.checkable and role == Qt.ItemDataRole.CheckStateRole:
                checked = bool(column.edit_value(row)) if column.edit_value else False
                return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
            if role == EDIT_ROLE and column.edit_value is not None:
                return column.edit_value(row)
        return super().data(index, role)

    def setData(self, index: AnyIndex, value: Any, role: int = EDIT_ROLE) -> bool:
        column = self._column(index) if index.isValid() else None
        if column is None or self.read_only:
            return False
        if column.checkable:
            if role != Qt.ItemDataRole.CheckStateRole:
                return False
            value = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role != EDIT_ROLE:
            return False
        done = self.on_edit(self.rows[index.row()], column.field, value)
        if done:
            self.dataChanged.emit(index, index)
        return done


def _attendance_col(header: str, text: Callable[[AttendanceRow], str], field: str = "",
                    edit: Callable[[AttendanceRow], Any] | None = None
                    ) -> EditableColumn[AttendanceRow]:
    return EditableColumn(header, text, lambda r: text(r).lower(), field=field,
                          edit_value=edit or text)


class AttendanceTableModel(EditableRowsModel[AttendanceRow]):
    COL_NAME, COL_INITIALS, COL_STATUS, COL_ROLE, COL_REPRESENTING, COL_ARRIVED, COL_LEFT, \
        COL_NOTE = range(8)
    columns = (
        _attendance_col("Name", lambda r: r.name),
        _attendance_col("Initials", lambda r: r.initials, "initials"),
        _attendance_col("Status", lambda r: ATTENDANCE_LABELS[r.status], "status",
                        lambda r: r.status),
        _attendance_col("Role and agency", lambda r: r.role, "role"),
        _attendance_col("Representing", lambda r: r.representing, "representing_id",
                        lambda r: r.representing_id if r.representing_id is not None else 0),
        _attendance_col("Arrived", lambda r: show_time(r.arrived), "arrived"),
        _attendance_col("Left", lambda r: show_time(r.left), "left"),
        _attendance_col("Note", lambda r: r.note, "note"),
    )


def _indented_title(item: ItemRow) -> str:
    return "    " * item.depth + item.title + ("  (confidential)" if item.confidential else "")


class AgendaTableModel(EditableRowsModel[ItemRow]):
    COL_NUMBER, COL_TITLE, COL_PRESENTER, COL_PURPOSE, COL_CONFIDENTIAL = range(5)
    columns = (
        EditableColumn("No.", lambda i: i.number, lambda i: i.number, field="number",
                       edit_value=lambda i: i.number if i.number_fixed else ""),
        EditableColumn("Title", _indented_title, lambda i: i.title.lower(), field="title",
                       edit_value=lambda i: i.title),
        EditableColumn("Presenter", lambda i: i.presenter, lambda i: i.presenter,
                       field="presenter", edit_value=lambda i: i.presenter),
        EditableColumn("Purpose", lambda i: PURPOSE_LABELS.get(i.purpose or "", ""),
                       lambda i: i.purpose or "", field="purpose",
                       edit_value=lambda i: i.purpose or ""),
        EditableColumn("Confidential", lambda i: "", lambda i: i.confidential,
                       field="confidential", edit_value=lambda i: i.confidential,
                       checkable=True),
    )

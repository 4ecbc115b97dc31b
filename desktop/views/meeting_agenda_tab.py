"""The agenda: items and sub-items, reordered and indented by keyboard, and their minutes."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.services import meetings as svc
from desktop.services.meetings import PURPOSE_LABELS, ItemFields, ItemRow, MeetingDetails
from desktop.views.flow_layout import flow_row
from desktop.views.meeting_shared import (
    ApprovalDialog,
    ChoiceDelegate,
    EditorState,
    previous_awaiting_approval,
)
from desktop.views.meetings.papers_pane import PapersPane
from desktop.views.service_call import call_service
from desktop.views.stacking_splitter import StackingSplitter
from desktop.views.table_models.meetings import AgendaTableModel
from desktop.views.text import show_date


def _fields(item: ItemRow, **changes: Any) -> ItemFields:
    fields = ItemFields(item.title, item.presenter, item.purpose, item.confidential,
                        item.number if item.number_fixed else "")
    return dataclasses.replace(fields, **changes)


class MeetingAgendaTab(QWidget):
    def __init__(self, state: EditorState) -> None:
        super().__init__()
        self.state = state
        self.waiting: list[ItemRow] | None = None  # items to show once a cell edit is done
        self.model = AgendaTableModel(self.edit)
        self.table = QTableView()
        self.table.setObjectName("agendaTable")
        self.table.setAccessibleName("Agenda")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        purposes = {"": "(none)", **PURPOSE_LABELS}
        self.table.setItemDelegateForColumn(AgendaTableModel.COL_PURPOSE,
                                            ChoiceDelegate(purposes, self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(AgendaTableModel.COL_TITLE, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.minutes = QTextEdit()
        self.minutes.setObjectName("itemMinutes")
        self.minutes.setAccessibleName("Minutes of the selected item")
        self.minutes.setTabChangesFocus(True)  # Tab moves on: no trap for keyboard users
        self.shown_id: int | None = None  # the item whose minutes the box holds
        self.minutes_label = QLabel("Minu&tes of the selected item:")
        self.minutes_label.setBuddy(self.minutes)
        self.save_minutes_button = QPushButton("Save mi&nutes")
        self.save_minutes_button.setObjectName("saveMinutes")
        self.save_minutes_button.setAccessibleName("Save minutes")
        self.save_minutes_button.clicked.connect(self.save_minutes)
        self.approve_previous = QPushButton()
        self.approve_previous.setObjectName("approvePreviousMinutes")
        self.approve_previous.setAccessibleName("Approve the minutes of the last meeting")
        self.approve_previous.clicked.connect(self.approve_previous_minutes)
        self.approve_previous.hide()
        self.papers = PapersPane(state)  # the selected item's papers: views/meetings/
        self.papers.install_shortcut(self)
        self._build(self._buttons())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_minutes())

    def _buttons(self) -> QWidget:
        buttons = []
        for text, name, keys, slot in (
            ("&Add item", "addItem", "Ctrl+Return", self.add_item),
            ("Move &up", "moveItemUp", "Alt+Up", lambda: self.move_item(-1)),
            ("Move do&wn", "moveItemDown", "Alt+Down", lambda: self.move_item(+1)),
            ("&Indent", "indentItem", "Alt+Right", self.indent),
            ("&Outdent", "outdentItem", "Alt+Left", self.outdent),
            ("Remo&ve", "removeItem", "Ctrl+Delete", self.remove),
            ("From forward plan…", "takeFromPlan", "Ctrl+Shift+I", self.take_from_plan),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.setAccessibleName(text.replace("&", ""))
            button.setToolTip(f"{text.replace('&', '')} ({keys})")
            button.clicked.connect(slot)
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(slot)
            buttons.append(button)
        return flow_row(*buttons)  # wraps at 200 % rather than scrolling sideways

    def _build(self, buttons: QWidget) -> None:
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.minutes_label)
        lower_layout.addWidget(self.minutes)
        lower_layout.addWidget(flow_row(self.approve_previous, self.save_minutes_button))
        # The minutes, and the item's papers at their right (below them when narrow).
        beside = StackingSplitter()
        beside.addWidget(lower)
        beside.addWidget(self.papers)
        beside.setSizes([520, 380])
        splitter = QSplitter()
        splitter.setOrientation(splitter.orientation().Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(beside)
        splitter.setSizes([330, 230])
        layout = QVBoxLayout(self)
        layout.addWidget(buttons)
        layout.addWidget(splitter)

    def show_items(self, items: list[ItemRow]) -> None:
        if self.table.state() == QAbstractItemView.State.EditingState:
            # A cell's edit is being saved: reloading the table under its open editor would
            # delete the editor mid-commit ("commitData called with an editor that does not
            # belong to this view") and lose the focus. Shown once the editor has closed.
            self.waiting = items
            QTimer.singleShot(0, self._show_waiting)
            return
        self.waiting = None
        had_focus = self.table.hasFocus()
        current = self.selected()
        self.model.set_rows(items)
        if current is not None:
            self.select(current.id)
        elif items:
            self.table.selectRow(0)
        self._show_minutes()
        if had_focus:
            self.table.setFocus()

    def _show_waiting(self) -> None:
        if self.waiting is not None:
            self.show_items(self.waiting)

    def select(self, item_id: int) -> None:
        for index, row in enumerate(self.model.rows):
            if row.id == item_id:
                self.table.selectRow(index)

    def selected(self) -> ItemRow | None:
        """The current row (Qt moves it before the selection, see meetings_page)."""
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _previous_to_approve(self, item: ItemRow | None) -> MeetingDetails | None:
        if self.state.meeting_id is None:
            return None
        return previous_awaiting_approval(self.state.database, self.state.meeting_id, item)

    def approve_previous_minutes(self) -> None:
        previous = self._previous_to_approve(self.selected())
        if previous is None:
            return
        database, meeting_id = self.state.database, self.state.meeting_id
        items = svc.meeting_record(database, previous.id).items
        agreed = ApprovalDialog.ask(self, show_date(previous.date), items)
        if agreed is not None and meeting_id is not None and call_service(
                self, lambda _r: svc.approve_previous(database, meeting_id, previous.id,
                                                      agreed.amendments, agreed.changes)):
            self.state.reload()

    def _show_minutes(self) -> None:
        item = self.selected()
        self.papers.show_item(item)
        previous = self._previous_to_approve(item)
        self.approve_previous.setVisible(previous is not None)
        if previous is not None:
            self.approve_previous.setText(
                f"Approve the minutes of {show_date(previous.date)}…")
        if self._typed_minutes_kept(item):
            return
        self.minutes.setEnabled(item is not None)
        self.minutes.setHtml(item.minutes_html if item else "")
        self.minutes.document().setModified(False)
        self.shown_id = item.id if item else None

    def _typed_minutes_kept(self, item: ItemRow | None) -> bool:
        """Minutes typed in the box are never dropped: they stay while their item is the one
        selected (the screen reloading after another edit), and are saved before another
        item's minutes replace them. A refused save (no reason given for amending approved
        minutes) goes back to their item, the text still in the box."""
        shown = self.shown_id
        if shown is None or not self.minutes.document().isModified():
            return False
        if item is not None and item.id == shown:
            return True
        if self.save_typed_minutes():
            QTimer.singleShot(0, self, self.state.reload)  # not inside the selection change
            return False
        QTimer.singleShot(0, self, lambda: self.select(shown))
        return True

    def save_typed_minutes(self) -> bool:
        """Saves what was typed in the minutes box, if anything; False if that was refused."""
        shown, document = self.shown_id, self.minutes.document()
        if shown is None or not document.isModified():
            return True
        if all(row.id != shown for row in self.model.rows):
            return True  # the item itself was removed
        html, database = self.minutes.toHtml(), self.state.database
        if not call_service(self, lambda reason: svc.save_minutes(database, shown, html,
                                                                  reason)):
            return False
        document.setModified(False)
        return True

    def edit(self, item: ItemRow, field: str, value: Any) -> bool:
        if getattr(item, field) == value or (field == "purpose" and (item.purpose or "") == value):
            return False
        new = _fields(item, **{field: value or (None if field == "purpose" else value)})
        old = _fields(item)
        database, item_id = self.state.database, item.id

        def save(fields: ItemFields) -> Callable[[str | None], None]:
            return lambda reason: svc.update_item(database, item_id, fields, reason)

        return self.state.push(self, f"Change {field} of item {item.number}", save(new),
                               save(old))

    def _structural(self, text: str, do: Callable[[int], None], undo: Callable[[int], None]
                    ) -> None:
        item = self.selected()
        if item is None:
            return
        item_id = item.id
        self.state.push(self, text, lambda _r: do(item_id), lambda _r: undo(item_id))
        self.select(item_id)

    def move_item(self, delta: int) -> None:
        database = self.state.database
        self._structural("Move item", lambda i: svc.move_item(database, i, delta),
                         lambda i: svc.move_item(database, i, -delta))

    def indent(self) -> None:
        database = self.state.database
        self._structural("Indent item", lambda i: svc.indent_item(database, i),
                         lambda i: svc.outdent_item(database, i))

    def outdent(self) -> None:
        # Undoing an outdent indents the item under the one it followed, where it came from.
        database = self.state.database
        self._structural("Outdent item", lambda i: svc.outdent_item(database, i),
                         lambda i: svc.indent_item(database, i))

    def add_item(self) -> None:
        meeting_id = self.state.meeting_id
        after = self.selected()
        if meeting_id is None:
            return
        added: list[int] = []

        def add(reason: str | None) -> None:
            added.append(svc.add_item(self.state.database, meeting_id, ItemFields("New item"),
                                      after.id if after else None, reason))

        if call_service(self, add):
            self.state.reload()
            self.select(added[0])
            index = self.model.index(self.table.currentIndex().row(), AgendaTableModel.COL_TITLE)
            self.table.setCurrentIndex(index)
            self.table.edit(index)

    def take_from_plan(self) -> None:
        """The business the forward plan has for this meeting becomes agenda items."""
        from desktop.views.meetings.forward_plan import TakeFromPlanDialog

        meeting_id = self.state.meeting_id
        if meeting_id is None:
            return
        dialog = TakeFromPlanDialog(self, self.state.database, meeting_id)
        if dialog.exec() and dialog.taken:
            self.state.reload()
            self.select(dialog.taken[0])

    def remove(self) -> None:
        item = self.selected()
        if item is not None and call_service(
                self, lambda _r: svc.remove_item(self.state.database, item.id)):
            self.state.reload()

    def save_minutes(self) -> None:
        if self.save_typed_minutes():
            self.state.reload()

"""The Actions area: every board's actions, filtered as you type, with one in full beside
them, and the changes a business manager makes while chasing them."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QWidget,
)

from desktop.services.actions import (
    ActionEdit,
    ActionFilter,
    ActionRow,
    OwnerRef,
    action_detail,
    action_log,
    action_rows,
    add_update,
    edit_action,
    find_action_ids,
    withdraw_action,
)
from desktop.services.actions.text_index import matching
from desktop.views.action_detail import (
    ActionDetailPanel,
    EditDialog,
    UpdateDialog,
    WithdrawDialog,
)
from desktop.views.actions_filters import ActionFilters
from desktop.views.areas import AppContext
from desktop.views.background import run_in_background
from desktop.views.error_dialog import show_failure
from desktop.views.export_document import choose_target
from desktop.views.notices import ACTIONS
from desktop.views.page_layout import PageLayout, panes
from desktop.views.table_models.actions_model import ActionsTableModel
from desktop.views.widgets import named

# The export's formats, in the order offered; their writers are imported on first export
# (desktop/exports/action_log_xlsx.py WRITERS, kept in step by tests/gui).
LOG_FORMATS = ("xlsx", "docx", "pdf")

class ActionsPage(QWidget):
    def __init__(self, context: AppContext, today: dt.date | None = None) -> None:
        super().__init__()
        self.setObjectName("actionsPage")
        # The day overdue and the RAG suggestion are judged on; tests fix it, the app does not.
        self.today = today
        self.database = context.database
        self.notices = context.notices
        self.board_id: int | None = None
        self.sort, self.descending = "number", False
        self._built = False  # the table asks to sort while it is being made
        # The filter's choices other than its words, and the ids they let through, in order.
        self._unfiltered: tuple[ActionFilter, list[int]] | None = None
        self.filters = ActionFilters(self.refresh)
        self.model = ActionsTableModel(self._load_rows, self._resort)
        self.table = self._make_table()
        self.detail = ActionDetailPanel()
        self.count = QLabel()  # read as its text ("13 actions"), not a name instead
        self.count.setObjectName("actionCount")
        self.count.setAccessibleDescription("Number of actions shown")
        self.buttons = self._make_buttons()
        self._lay_out()
        self._built = True
        self._set_choices()
        context.notices.changed.connect(self._on_notice)
        self.refresh()

    def _make_table(self) -> QTableView:
        table = named(QTableView(), "actionsTable", "Actions")
        table.setModel(self.model)
        table.setSortingEnabled(True)
        table.sortByColumn(ActionsTableModel.COL_NUMBER, Qt.SortOrder.AscendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setWordWrap(False)
        table.setTabKeyNavigation(False)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        for column, width in ((0, 44), (1, 80), (2, 40), (3, 170), (4, 118), (5, 80),
                              (6, 80), (7, 124), (8, 260), (9, 64)):
            header.resizeSection(column, width)
        # Due is wide enough for "(overdue)": red is never the only sign (WCAG 1.4.1).
        header.resizeSection(ActionsTableModel.COL_DUE, table.fontMetrics().horizontalAdvance(
            "00/00/0000 (overdue)") + 16)
        header.setSectionResizeMode(ActionsTableModel.COL_LATEST, QHeaderView.ResizeMode.Stretch)
        table.selectionModel().selectionChanged.connect(self._selection_changed)
        table.doubleClicked.connect(lambda _i: self.add_update())
        return table

    def _make_buttons(self) -> dict[str, QPushButton]:
        buttons = {}
        for name, text, key, slot in (
            ("addUpdateButton", "Add &update…", "Ctrl+U", self.add_update),
            ("editActionButton", "&Edit…", "Ctrl+E", self.edit_action),
            ("withdrawActionButton", "Wi&thdraw…", "Ctrl+Shift+W", self.withdraw_action),
            ("exportActionsButton", "E&xport…", "Ctrl+Shift+X", self.export_log),
            ("exportPublicActionsButton", "Export &public…", "Ctrl+Shift+P",
             self.export_public_log),
            ("emailOwnersButton", "E-&mail owners…", "Ctrl+Shift+M", self.prepare_emails),
        ):
            button = named(QPushButton(text), name, text.replace("&", "").rstrip("…"))
            button.setToolTip(f"{text.replace('&', '')} ({key})")
            button.clicked.connect(slot)
            # A QAction, so the F1 list of shortcuts shows it; live only while focus is in this
            # page, so other areas may use the same keys.
            action = QAction(text, self)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
            buttons[name] = button
        return buttons

    def _lay_out(self) -> None:
        # The shared page layout: the buttons that do not fit go into More (at 200 % they
        # needed sideways scrolling), messages in the page's bar.
        self.page = PageLayout(self, "Actions")
        self.page.add_filters(self.filters)
        self.page.add_button(self.count, overflow=False)
        for button in self.buttons.values():
            self.page.add_button(button)
        split = panes(self.table, self.detail, (3, 1), "actionsSplitter")
        split.setSizes([1040, 320])
        self.page.set_body(split)

    # --- reading -------------------------------------------------------------------------

    def _set_choices(self) -> None:
        self.filters.set_owners(self.database, self.board_id)
        self.filters.set_agencies(self.database, self.board_id)

    def show_overdue(self, owner: OwnerRef | None = None, agency_id: int | None = None) -> None:
        self.filters.show_overdue(owner, agency_id)

    def set_board(self, board_id: int | None) -> None:
        self.board_id = board_id
        self._set_choices()
        self.refresh()

    def _load_rows(self, ids: Sequence[int]) -> list[ActionRow]:
        return action_rows(self.database, ids, self.today)

    def _resort(self, sort: str, descending: bool) -> None:
        self.sort, self.descending = sort, descending
        if self._built:
            self.refresh()

    def refresh(self) -> None:
        """Run the filter: the ids of every action the choices let through (one query, kept
        while only the words change), the words matched in memory, then rows only for what
        is on screen."""
        chosen = self.current_id()
        criteria = self.filters.criteria(self.board_id, self.sort, self.descending, self.today)
        held = self._unfiltered
        ids = self._matching(criteria)
        # The same choices, nothing changed since: the rows already read are still true.
        self.model.set_rows(ids, keep_rows=held is not None and held is self._unfiltered)
        self.table.setColumnHidden(ActionsTableModel.COL_BOARD, criteria.board_id is not None)
        shown = self.model.rowCount()
        self.count.setText(f"{shown:,} action{'' if shown == 1 else 's'}")
        row = self.model.row_of(chosen) if chosen is not None else None
        if row is not None:
            self.table.selectRow(row)
        else:
            self.detail.show_detail(None)

    def _matching(self, criteria: ActionFilter) -> list[int]:
        # A keystroke in Find changes only the words: the ordered ids of the other choices
        # are kept, and filtered in memory (desktop/services/actions/text_index.py), instead
        # of asked of the database again (benchmarks/FINDINGS.md, 4a).
        choices = dataclasses.replace(criteria, text="")
        if self._unfiltered is None or self._unfiltered[0] != choices:
            self._unfiltered = (choices, find_action_ids(self.database, choices))
        ids = self._unfiltered[1]
        return matching(self.database, criteria.text, ids) if criteria.text.strip() else ids

    def _on_notice(self, areas: frozenset[str]) -> None:
        if ACTIONS in areas or "meetings" in areas or "people" in areas:
            self._unfiltered = None  # the actions may have changed: ask again
            self._set_choices()
            self.refresh()

    def current_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.table.model() else []
        action = self.model.action_at(rows[0].row()) if rows else None
        return action.id if action is not None else None

    def _selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        action_id = self.current_id()
        self.detail.show_detail(action_detail(self.database, action_id, self.today)
                                if action_id is not None else None)

    # --- changing ------------------------------------------------------------------------

    def _chosen(self) -> ActionRow | None:
        action_id = self.current_id()
        if action_id is None:
            self.page.message_bar.problem("Choose an action in the list first.")
            return None
        return action_detail(self.database, action_id).row

    def _changed(self) -> None:
        self.notices.announce(ACTIONS)

    def add_update(self) -> None:
        row = self._chosen()
        if row is not None and UpdateDialog.ask(
                self, row.heading, lambda update: add_update(self.database, row.id, update)):
            self._changed()

    def edit_action(self) -> None:
        row = self._chosen()
        if row is None:
            return

        def save(edit: ActionEdit, groups: frozenset[str]) -> None:
            edit_action(self.database, row.id, edit, groups)

        if EditDialog.ask(self, action_detail(self.database, row.id), save):
            self._changed()

    def withdraw_action(self) -> None:
        row = self._chosen()
        if row is not None and WithdrawDialog.ask(
                self, row.heading,
                lambda reason, on: withdraw_action(self.database, row.id, reason, on)):
            self._changed()

    def prepare_emails(self) -> None:
        """To each owner shown (the board's, or the one chosen) their open actions across
        boards: desktop/views/outlook/."""
        from desktop.views.outlook.prepare_dialog import About, PrepareEmailsDialog

        criteria = self.filters.criteria(self.board_id, self.sort, self.descending, self.today)
        if criteria.board_id is None and criteria.owner is None:
            self.page.message_bar.problem("To prepare e-mails, choose a board (Ctrl+B) or "
                                          "an owner to write to.")
            return
        title = ("Open actions, to their owner" if criteria.owner is not None
                 else "Open actions of this board, to each owner")
        PrepareEmailsDialog(self.database, About(title, board=criteria.board_id,
                                                 owner=criteria.owner), "actions",
                            self).exec()

    def export_log(self, public: bool = False) -> None:
        """What the table shows, as Excel, Word or PDF: a board's log, or everything one owner
        owes; the public version without the actions raised at confidential items."""
        title = "Export public action log" if public else "Export actions"
        criteria = self.filters.criteria(self.board_id, self.sort, self.descending, self.today)
        if criteria.board_id is None and criteria.owner is None:
            self.page.message_bar.problem(f"{title}: choose a board (Ctrl+B), or an owner, "
                                          "to export their actions.")
            return
        suggested = "action-log-public" if public else "action-log"
        target = choose_target(self, title, suggested, LOG_FORMATS)
        if target is not None:
            self.write_log(criteria, target[1], target[0], public)

    def export_public_log(self) -> None:
        self.export_log(public=True)

    def write_log(self, criteria: ActionFilter, path: Path, fmt: str = "xlsx",
                  public: bool = False) -> None:
        database = self.database

        def work() -> Path:
            # The writers (openpyxl, reportlab, python-docx: ~18 MB) load on first export.
            from desktop.exports.action_log_xlsx import WRITERS

            log = action_log(database, criteria.board_id, criteria.statuses == "open",
                             criteria.owner, criteria.today, public)
            WRITERS[fmt](log, path)  # whole or not at all: desktop/services/files.py
            return path

        def failed(exc: Exception) -> None:
            show_failure(self, "Export actions", exc, lead="Nothing was written. ")

        def done(written: Path) -> None:
            self.page.message_bar.success(f"Wrote {written}")

        run_in_background(self, "Writing the action log…", work, done, failed)

"""The Actions area's page: every board's actions, filtered as you type, with one in full
beside them. The changes a business manager makes while chasing them (update, edit,
withdraw, export, e-mails) are in changes.py; the first read's worker in loading.py."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QItemSelection, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QWidget,
)

from desktop.services.actions import (
    ActionFilter,
    ActionRow,
    OwnerRef,
    action_detail,
    action_rows,
    find_action_ids,
)
from desktop.services.actions.text_index import Texts, narrows, snapshot
from desktop.views.actions.changes import ActionChanges
from desktop.views.actions.detail import ActionDetailPanel
from desktop.views.actions.filters import ActionFilters
from desktop.views.actions.loading import READING, UNREADABLE, FirstRead, WaitingTable, read_first
from desktop.views.areas import AppContext
from desktop.views.background import run_quietly
from desktop.views.notices import ACTIONS
from desktop.views.page_layout import PageLayout, panes
from desktop.views.table_models.actions_model import ActionsTableModel
from desktop.views.table_models.plain_cells import PlainCellDelegate
from desktop.views.widgets import named

log = logging.getLogger(__name__)


class ActionsPage(ActionChanges, QWidget):
    """The log and the one action in full; its commands (update, edit, withdraw, export,
    e-mails) are in changes.py."""

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
        # The actions' texts, read with those ids (None: read when first typed in), and the
        # words last typed with the ids they matched: typing on searches only those.
        self._texts: Texts | None = None
        self._typed: tuple[str, list[int]] | None = None
        # The first read runs on a worker thread (loading.py): the page is shown at
        # once, saying "Reading actions…", and filled when the rows arrive.
        self.loading = False
        self._texts_awaited = False  # words were typed before the texts were read
        self._texts_reading = False
        self._generation = self._started = 0
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
        context.notices.changed.connect(self._on_notice)
        self.filters.text.installEventFilter(self)  # Find focused: its texts are read
        self._read_in_background()

    def _make_table(self) -> WaitingTable:
        table = named(WaitingTable(), "actionsTable", "Actions")
        table.setModel(self.model)
        table.setItemDelegate(PlainCellDelegate(table, self.model.cell))  # half the repaint
        # The rows laid out as soon as they are set, not on the next turn of the event loop:
        # otherwise every keystroke in Find painted the table twice (once with the new rows,
        # again after the delayed layout; benchmarks/FINDINGS.md, issue 19 session 6).
        self.model.modelReset.connect(table.doItemsLayout)
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

    def _read_in_background(self) -> None:
        """The ids, the first screen of rows and the owner and agency choices, read on a
        worker thread; until they arrive the table says so and a change of filter waits
        for them. Started on the next turn of the event loop, after the page is painted
        and after the window has told it the board."""
        self.loading = True
        self._generation += 1
        generation = self._generation
        self.table.set_waiting(READING)
        self.count.setText(READING)
        for combo in (self.filters.owner, self.filters.agency):
            combo.setPlaceholderText("Reading…")  # shown while the list is empty
        QTimer.singleShot(0, self, lambda: self._start_read(generation))

    def _start_read(self, generation: int, late: bool = False) -> None:
        if generation != self._generation or self._started == generation:
            return  # asked again since (the board changed): that read follows
        if self.table.isVisible() and not self.table.painted and not late:
            # On screen but not yet painted: read once it is (loading.py), or in
            # a quarter of a second if it is not painted by then (a minimised window).
            self.table.after_first_paint = lambda: self._start_read(generation)
            QTimer.singleShot(250, self, lambda: self._start_read(generation, late=True))
            return
        self._started = generation
        database, today = self.database, self.today
        choices = self._choices(self.filters.criteria(self.board_id, self.sort,
                                                      self.descending, self.today))
        run_quietly(self, lambda: read_first(database, generation, choices, today),
                    self._first_read, lambda exc: self._first_read_failed(exc, generation))

    def _first_read(self, read: FirstRead) -> None:
        if read.generation != self._generation:
            return
        self.loading = False
        self.table.set_waiting("")
        self.filters.fill_owners(read.owners, read.choices.board_id)
        self.filters.fill_agencies(read.agencies)
        criteria = self.filters.criteria(self.board_id, self.sort, self.descending, self.today)
        if self._choices(criteria) == read.choices:
            # What was asked is still what is wanted (typing in Find meanwhile only narrows
            # it, in memory): the rows read are shown without another query.
            self._unfiltered = (read.choices, read.ids)
            self.model.set_rows(read.ids, rows=read.rows)
        if criteria.text.strip() and self._texts is None:
            # Words typed while reading: matched once the texts are read too, on the worker
            # thread (~0.8 s for ten years), not by the UI thread at the next refresh.
            self._texts_awaited = True
            self.model.set_rows([], keep_rows=True)  # the rows read are kept for then
            self.table.set_waiting(READING)
            self._read_texts()
        else:
            self.refresh()
            if self.filters.text.hasFocus():
                self._read_texts()  # Find was focused while the rows were read

    def _first_read_failed(self, exc: Exception, generation: int) -> None:
        if generation != self._generation:
            return  # a later read is under way
        self.loading = False
        log.warning("The actions could not be read: %s", type(exc).__name__)
        self.table.set_waiting(UNREADABLE)
        self.count.setText(UNREADABLE)

    def _read_texts(self) -> None:
        """The actions' texts for Find, read on a worker thread: when Find takes the focus
        (not before: ~5 MB held that a user who never searches does not need), or when
        words were typed while the rows were read. Until they arrive, words typed wait
        for them (the table says "Reading actions…") instead of the UI thread reading."""
        if self._texts is not None or self._texts_reading or self.loading:
            return
        self._texts_reading = True
        database, epoch = self.database, self._generation

        def keep(texts: Texts) -> None:
            self._texts_reading = False
            if epoch == self._generation and self._texts is None:
                self._texts = texts  # (an announced change since: read again when needed)
            self._texts_arrived()

        def failed(_exc: Exception) -> None:
            self._texts_reading = False
            self._texts_arrived()  # a keystroke reads them on this thread, as it would

        run_quietly(self, lambda: snapshot(database), keep, failed)

    def _texts_arrived(self) -> None:
        if self._texts_awaited:
            self._texts_awaited = False
            self.table.set_waiting("")
            self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.filters.text and event.type() == QEvent.Type.FocusIn:
            self._read_texts()
        return super().eventFilter(watched, event)

    def show_overdue(self, owner: OwnerRef | None = None, agency_id: int | None = None) -> None:
        self.filters.show_overdue(owner, agency_id, choices_read=not self.loading)

    def set_board(self, board_id: int | None) -> None:
        if self.loading:
            if board_id != self.board_id:
                self.board_id = board_id
                self._read_in_background()  # the read under way was for the other board
            return
        self.board_id = board_id
        self._set_choices()
        self.refresh()

    def _load_rows(self, ids: Sequence[int]) -> list[ActionRow]:
        return action_rows(self.database, ids, self.today)

    def _resort(self, sort: str, descending: bool) -> None:
        self.sort, self.descending = sort, descending
        if self._built:
            self.refresh()

    @staticmethod
    def _choices(criteria: ActionFilter) -> ActionFilter:
        return dataclasses.replace(criteria, text="")

    def refresh(self) -> None:
        """Run the filter: the ids of every action the choices let through (one query, kept
        while only the words change), the words matched in memory, then rows only for what
        is on screen."""
        if self.loading or self._texts_awaited:
            return  # the first read is under way: the filter is run when it arrives
        chosen = self.current_id()
        criteria = self.filters.criteria(self.board_id, self.sort, self.descending, self.today)
        if criteria.text.strip() and self._texts is None and self._texts_reading:
            self._texts_awaited = True  # being read on the worker thread: shown when read
            self.model.set_rows([], keep_rows=True)
            self.table.set_waiting(READING)
            self.count.setText(READING)
            return
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
        # of asked of the database again; typing on searches only what the last words
        # matched (benchmarks/FINDINGS.md, 4a).
        choices = self._choices(criteria)
        if self._unfiltered is None or self._unfiltered[0] != choices:
            self._unfiltered = (choices, find_action_ids(self.database, choices))
            self._typed = None
        ids = self._unfiltered[1]
        if not criteria.text.strip():
            self._typed = None
            return ids
        if self._texts is None:
            self._texts = snapshot(self.database)
        among = ids
        if self._typed is not None and narrows(self._typed[0], criteria.text):
            among = self._typed[1]
        found = self._texts.matching(criteria.text, among)
        self._typed = (criteria.text, found)
        return found

    def _on_notice(self, areas: frozenset[str]) -> None:
        if ACTIONS in areas or "meetings" in areas or "people" in areas:
            # the actions may have changed: ask again
            self._unfiltered, self._texts, self._typed = None, None, None
            self._generation += 1  # a read under way (rows or texts) is from before it
            if self.loading:
                self._read_in_background()  # the read under way may be from before it
                return
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

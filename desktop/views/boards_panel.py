"""The Boards and groups tab: the tree of board, executive, sub-groups, panels and forums,
each with chair and quorum, and its seats (role, deputy, from/to dates)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QTreeWidgetItemIterator,
    QVBoxLayout,
    QWidget,
)

from desktop.services.boards import (
    BOARD_KINDS,
    NUMBERING_STYLES,
    BoardInput,
    board_details,
    list_boards,
    save_board,
)
from desktop.services.database import Database
from desktop.services.errors import InvalidInput
from desktop.views.boards_seats import SeatsEditor
from desktop.views.page_layout import OverflowToolbar
from desktop.views.people_panel import person_choices
from desktop.views.widgets import Feedback, button, named

NO_QUORUM = -1  # the spin box's "Not set"


class BoardsPanel(QWidget):
    changed = Signal(object)

    def __init__(self, database: Database) -> None:
        super().__init__()
        self.setObjectName("boardsPanel")
        self.database = database
        self.board_id: int | None = None
        self.tree = QTreeWidget()
        named(self.tree, "boardsTree", "Boards and groups")
        self.tree.setHeaderLabels(["Board or group", "Kind"])
        self.tree.currentItemChanged.connect(self._chosen)
        self.name = named(QLineEdit(), "board_name", "Name")
        self.short_name = named(QLineEdit(), "board_short_name", "Short name")
        self.kind = named(QComboBox(), "board_kind", "Kind")
        for value, label in BOARD_KINDS.items():
            self.kind.addItem(label, value)
        self.parent_board = named(QComboBox(), "board_parent", "Sits under")
        self.chair = named(QComboBox(), "board_chair", "Chair")
        self.quorum = named(QSpinBox(), "board_quorum", "Quorum")
        self.quorum.setRange(NO_QUORUM, 200)
        self.quorum.setSpecialValueText("Not set")
        self.quorum.setValue(NO_QUORUM)
        self.numbering = named(QComboBox(), "board_numbering", "Agenda numbering")
        for value, example in NUMBERING_STYLES.items():
            self.numbering.addItem(example, value)
        self.feedback = Feedback("boardMessage")
        self.seats = SeatsEditor(database)
        self.seats.changed.connect(lambda: self.changed.emit(frozenset({"boards"})))
        self._lay_out()
        self.refresh()

    def _lay_out(self) -> None:
        form = QFormLayout()
        for label, field in (("Nam&e:", self.name), ("Short name:", self.short_name),
                             ("&Kind:", self.kind), ("Sits under:", self.parent_board),
                             ("&Chair:", self.chair), ("&Quorum:", self.quorum),
                             ("Agen&da numbering:", self.numbering)):
            form.addRow(label, field)
        buttons = OverflowToolbar()  # the shared toolbar: More when narrow
        buttons.add(button("&New group", "newBoard", self.new, "Ctrl+N"))
        buttons.add(button("Sa&ve group", "saveBoard", self.save, "Ctrl+S"))
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.addLayout(form)
        top_layout.addWidget(buttons)
        top_layout.addWidget(self.feedback)
        top_layout.addStretch(1)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(top)
        right.addWidget(self.seats)
        right.setSizes([320, 480])
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.tree)
        split.addWidget(right)
        split.setSizes([340, 660])
        QVBoxLayout(self).addWidget(split)

    def refresh(self) -> None:
        person_choices(self.chair, self.database, "No chair")
        boards = list_boards(self.database)
        chosen_parent = self.parent_board.currentData()
        self.parent_board.clear()
        self.parent_board.addItem("Nothing (a board at the top)", None)
        self.tree.blockSignals(True)
        self.tree.clear()
        items: dict[int, QTreeWidgetItem] = {}
        for board in boards:
            self.parent_board.addItem("    " * board.depth + board.label, board.id)
            parent = items.get(board.parent_id) if board.parent_id else None
            item = QTreeWidgetItem([board.label, BOARD_KINDS.get(board.kind, board.kind)])
            item.setData(0, Qt.ItemDataRole.UserRole, board.id)
            if parent is None:
                self.tree.addTopLevelItem(item)
            else:
                parent.addChild(item)
            items[board.id] = item
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        self.parent_board.setCurrentIndex(max(0, self.parent_board.findData(chosen_parent)))
        self.tree.blockSignals(False)
        if self.board_id in items:
            self.tree.setCurrentItem(items[self.board_id])
        elif self.board_id is None and (first := self.tree.topLevelItem(0)) is not None:
            self.tree.setCurrentItem(first)
        self.seats.refresh()

    def select_board(self, board_id: int | None) -> None:
        if board_id is None:
            return
        found = QTreeWidgetItemIterator(self.tree)
        while (item := found.value()) is not None:
            if item.data(0, Qt.ItemDataRole.UserRole) == board_id:
                self.tree.setCurrentItem(item)
                return
            found += 1

    def _chosen(self, item: QTreeWidgetItem | None) -> None:
        # A refresh puts the cursor back on the same board: leave its form as it is.
        if item is not None and item.data(0, Qt.ItemDataRole.UserRole) != self.board_id:
            self.show_board(item.data(0, Qt.ItemDataRole.UserRole))

    def show_board(self, board_id: int) -> None:
        try:
            details = board_details(self.database, board_id)
        except InvalidInput as exc:
            self.feedback.problem(exc.message)
            return
        self.board_id = board_id
        self.name.setText(details.name)
        self.short_name.setText(details.short_name or "")
        self.kind.setCurrentIndex(self.kind.findData(details.kind))
        self.parent_board.setCurrentIndex(max(0, self.parent_board.findData(details.parent_id)))
        self.chair.setCurrentIndex(max(0, self.chair.findData(details.chair_id)))
        self.quorum.setValue(NO_QUORUM if details.quorum is None else details.quorum)
        self.numbering.setCurrentIndex(self.numbering.findData(details.numbering_style))
        self.seats.show_board(board_id, details.name)

    def new(self) -> None:
        """A new group under the one chosen (or a new board when none is)."""
        parent = self.board_id
        self.board_id = None
        self.name.clear()
        self.short_name.clear()
        self.kind.setCurrentIndex(self.kind.findData("sub_group" if parent else "board"))
        self.parent_board.setCurrentIndex(max(0, self.parent_board.findData(parent)))
        self.chair.setCurrentIndex(0)
        self.quorum.setValue(NO_QUORUM)
        self.seats.show_board(None, "")
        self.name.setFocus()

    def save(self) -> None:
        quorum = self.quorum.value()
        data = BoardInput(self.name.text(), self.kind.currentData(), self.short_name.text(),
                          self.parent_board.currentData(),
                          None if quorum == NO_QUORUM else quorum,
                          self.chair.currentData(), self.numbering.currentData())
        try:
            saved = save_board(self.database, self.board_id, data)
        except InvalidInput as exc:
            self.feedback.problem(exc.message)
            return
        self.board_id = saved.id
        self.feedback.tell(f"{saved.name} saved.")
        self.changed.emit(frozenset({"boards"}))
        self.refresh()
        self.show_board(saved.id)

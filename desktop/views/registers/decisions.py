"""The decision log: every decision recorded at any meeting, latest first, of the board
chosen (or all), narrowed by words; saved as an Excel workbook."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.boards import list_boards
from desktop.services.database import Database
from desktop.services.meetings import decisions
from desktop.views.flow_layout import field_pair, flow_row
from desktop.views.registers.common import fill, register_table
from desktop.views.text import show_date
from desktop.views.training.excel import ask_xlsx_path, write_xlsx
from desktop.views.widgets import Feedback

HEADERS = ("Meeting", "Board or group", "Item", "Decision")


class DecisionLogPanel(QWidget):
    def __init__(self, database: Database) -> None:
        super().__init__()
        self.setObjectName("decisionLogPanel")
        self.database = database
        self.lines: list[decisions.DecisionLine] = []
        self.board = QComboBox()
        self.board.setObjectName("decisionBoard")
        self.board.setAccessibleName("Board or group")
        self.board.currentIndexChanged.connect(self.refresh)
        self.words = QLineEdit()
        self.words.setObjectName("decisionWords")
        self.words.setAccessibleName("Words in the decision")
        self.words.setPlaceholderText("e.g. audit")
        self.words.textChanged.connect(self.refresh)
        self.confidential = QCheckBox("Include confidential items' decisions")
        self.confidential.setObjectName("decisionConfidential")
        self.confidential.setAccessibleName("Include confidential items' decisions")
        self.confidential.setChecked(True)
        self.confidential.toggled.connect(self.refresh)
        self.export = QPushButton("E&xport to Excel…")
        self.export.setObjectName("exportDecisions")
        self.export.setAccessibleName("Export the decision log to Excel")
        self.export.clicked.connect(self.export_log)
        self.count = QLabel()
        self.count.setObjectName("decisionCount")
        self.table = register_table("decisionLog", "Decision log", HEADERS)
        self.feedback = Feedback("decisionFeedback")
        # One row on a wide window; wrapped onto more at 200 % (never scrolling sideways).
        top = flow_row(field_pair("Bo&ard or group:", self.board),
                       field_pair("&Containing:", self.words), self.confidential, self.export)
        layout = QVBoxLayout(self)
        layout.addWidget(top)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.feedback)
        self._fill_boards()

    def _fill_boards(self) -> None:
        chosen = self.board.currentData()
        self.board.blockSignals(True)
        self.board.clear()
        self.board.addItem("All boards and groups", None)
        for board in list_boards(self.database):
            self.board.addItem(board.name, board.id)
        self.board.setCurrentIndex(max(0, self.board.findData(chosen)))
        self.board.blockSignals(False)

    def select_board(self, board_id: int | None) -> None:
        index = self.board.findData(board_id)
        if index >= 0:
            self.board.setCurrentIndex(index)

    def refresh(self) -> None:
        if self.sender() is None:  # refreshed from outside: the boards may have changed
            self._fill_boards()
        everything = decisions.decision_log(self.database, self.board.currentData(),
                                            self.words.text())
        self.lines = [d for d in everything if self.confidential.isChecked()
                      or not d.confidential]
        fill(self.table, [(d.id, (show_date(d.date), d.board, d.item or "(no item)",
                                  d.text + ("  [confidential item]" if d.confidential else "")),
                           False) for d in self.lines])
        self.count.setText(f"{len(self.lines)} decision{'s' if len(self.lines) != 1 else ''}")

    def export_log(self) -> None:
        from desktop.exports.decision_log_xlsx import write_decision_log_xlsx

        title = f"Decision log — {self.board.currentText()}"
        path = ask_xlsx_path(self, "Save the decision log", title)
        if path is None:
            return
        lines, full = list(self.lines), self.confidential.isChecked()

        def write(target: Path) -> None:
            write_decision_log_xlsx(lines, title, target, full)

        write_xlsx(self, self.feedback, path, write)

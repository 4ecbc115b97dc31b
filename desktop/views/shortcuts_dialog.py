"""F1: every keyboard shortcut of the app (desktop/views/shortcuts.py), in a table that
scrolls, can be sorted and read by a screen reader row by row, and fits a small screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.views.shortcuts import SHORTCUTS, Shortcut


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None,
                 shortcuts: tuple[Shortcut, ...] = SHORTCUTS) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard shortcuts")
        note = QLabel("Every key of Boardwork. Alt with an underlined letter also works on "
                      "every screen; Tab and Shift+Tab move between fields (Ctrl+Tab leaves "
                      "the minutes while taking them).")
        note.setWordWrap(True)
        self.table = QTableWidget(len(shortcuts), 3)
        self.table.setObjectName("shortcutsTable")
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setHorizontalHeaderLabels(["Keys", "What it does", "Where"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        for row, shortcut in enumerate(shortcuts):
            for column, text in enumerate((shortcut.keys, shortcut.what, shortcut.where)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # In the list's own order (by place) until a heading is clicked.
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        # Large enough to read, never beyond the screen (the table scrolls).
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.resize(min(720, screen.width() - 40), min(600, screen.height() - 80))

    def listed(self) -> list[tuple[str, str, str]]:
        def text(row: int, column: int) -> str:
            item = self.table.item(row, column)
            return item.text() if item is not None else ""

        return [(text(r, 0), text(r, 1), text(r, 2)) for r in range(self.table.rowCount())]

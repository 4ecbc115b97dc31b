"""Search across all minutes, agenda titles and actions; a result opens where it was found."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services.database import Database
from desktop.services.search import MATCH_END, MATCH_START, SearchHit, search
from desktop.views.announce import announce
from desktop.views.text import escape, show_date

HIT_ROLE = Qt.ItemDataRole.UserRole + 1


def hit_html(hit: SearchHit) -> str:
    snippet = escape(" ".join(hit.snippet.split()))
    snippet = snippet.replace(MATCH_START, "<b>").replace(MATCH_END, "</b>")
    when = show_date(hit.meeting_date) if hit.meeting_date else "no meeting"
    return f"{escape(hit.board)}, {when}: <b>{escape(hit.where)}</b><br>{snippet}"


def hit_text(hit: SearchHit) -> str:
    """The result as a screen reader says it: where, then the words around the match."""
    snippet = " ".join(hit.snippet.replace(MATCH_START, "").replace(MATCH_END, "").split())
    when = show_date(hit.meeting_date) if hit.meeting_date else "no meeting"
    return f"{hit.board}, {when}: {hit.where}. {snippet}"


class SearchDialog(QDialog):
    """Type to search; Enter (or a double click) opens the result's meeting and item."""

    open_hit = Signal(object)

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchDialog")
        self.setWindowTitle("Search minutes and actions")
        self.resize(760, 520)
        self.database = database
        self.query = QLineEdit()
        self.query.setObjectName("searchText")
        self.query.setAccessibleName("Search for")
        self.query.setPlaceholderText("Words to find, e.g. County Lines")
        self.results = QListWidget()
        self.results.setObjectName("searchResults")
        self.results.setAccessibleName("Results")
        self.results.setWordWrap(True)
        self.count = QLabel()
        self.count.setObjectName("searchCount")
        label = QLabel("&Find:")
        label.setBuddy(self.query)
        layout = QVBoxLayout(self)
        for widget in (label, self.query, self.count, self.results):
            layout.addWidget(widget)
        self.query.textChanged.connect(self.run)
        self.query.returnPressed.connect(self._open_current)
        self.results.itemActivated.connect(lambda item: self._open(item))

    def run(self, text: str) -> None:
        hits = search(self.database, text) if text.strip() else []
        self.results.clear()
        for hit in hits:
            item = QListWidgetItem()
            item.setData(HIT_ROLE, hit)
            label = QLabel(hit_html(hit))
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            item.setSizeHint(label.sizeHint())
            # The label is only drawn: a screen reader reads the item's own text.
            item.setData(Qt.ItemDataRole.AccessibleTextRole, hit_text(hit))
            self.results.addItem(item)
            self.results.setItemWidget(item, label)
        self.count.setText(f"{len(hits)} found" if text.strip() else "")
        announce(self.count, self.count.text())
        if hits:
            self.results.setCurrentRow(0)

    def _open_current(self) -> None:
        item = self.results.currentItem()
        if item is not None:
            self._open(item)

    def _open(self, item: QListWidgetItem) -> None:
        self.open_hit.emit(item.data(HIT_ROLE))
        self.accept()

"""Search across all minutes, agenda titles and actions; a result opens where it was found."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.database import Database
from desktop.services.failures import log_failure
from desktop.services.search import (
    MATCH_END,
    MATCH_START,
    PAGE,
    SearchHit,
    SearchPage,
    search_page,
)
from desktop.services.search_terms import load_terms
from desktop.views.announce import announce
from desktop.views.background import run_quietly
from desktop.views.text import escape, show_date

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_GAP = 4  # pixels above and below each result's two lines
MIN_ROW_WIDTH = 120


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


def _ignore(_result: object) -> None:
    pass


def _log_failure(exc: Exception) -> None:
    log_failure(exc, "reading the search index's words")


class SearchDialog(QDialog):
    """Type to search; Enter (or a double click) opens the result's meeting and item.

    Results come a page at a time, so each keystroke shows the first page at once: the best
    matches first when there are few, else the newest first. A page is more than the list
    shows even at full height on a 1366×768 screen; the next page is added when the list
    is scrolled to its end or its last row is reached from the keyboard (PageDown, End,
    Down), or at once while the rows do not fill a taller list; More results adds it too."""

    open_hit = Signal(object)

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchDialog")
        self.page: SearchPage | None = None
        self.page_size = PAGE
        # Set while a page is being added: adding rows moves the scroll bar and the current
        # row, which must not ask for yet another page.
        self._adding = False
        self._wrapped_at = 0  # the width the rows' heights were last worked out for
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
        self.more = QPushButton("&More results")
        self.more.setObjectName("searchMore")
        self.more.setVisible(False)
        self.more.clicked.connect(self.show_more)
        label = QLabel("&Find:")
        label.setBuddy(self.query)
        layout = QVBoxLayout(self)
        for widget in (label, self.query, self.count, self.results, self.more):
            layout.addWidget(widget)
        self.query.textChanged.connect(self.run)
        self.results.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.results.currentRowChanged.connect(self._row_changed)
        self.query.returnPressed.connect(self._open_current)
        self.results.itemActivated.connect(lambda item: self._open(item))
        # The index's word list lets a finished word be searched without FTS5 first merging
        # all its matches (services/search_terms.py). Read off the UI thread while the user
        # starts typing; until it is in, searches take FTS5's prefix path, with the same
        # results. A failure costs only that speed: it is logged, not shown.
        run_quietly(self, lambda: load_terms(database), _ignore, _log_failure)

    def run(self, text: str) -> None:
        self.page = None  # clearing the list moves its scroll bar: nothing more to add
        self.results.clear()
        self.page = (search_page(self.database, text, limit=self.page_size)
                     if text.strip() else None)
        self._add(self.page)
        if self.page is not None and self.page.hits:
            self.results.setCurrentRow(0)
        self._fill()

    def show_more(self) -> None:
        """The next page of the same search, below what is shown; its first row current."""
        row = self.results.count()
        if self._next_page() and row < self.results.count():
            self.results.setCurrentRow(row)
            self.results.setFocus()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._rewrap()
        self._fill()

    def _fill(self) -> None:
        """Add pages while the rows do not fill the list's height (a very tall window), as
        the next page otherwise comes only when the list is scrolled to its end."""
        while (self.isVisible() and self.page is not None and self.page.more
               and self._rows_height() <= self.results.viewport().height()):
            if not self._next_page():
                return

    def _rows_height(self) -> int:
        results = self.results
        return sum(results.item(row).sizeHint().height() for row in range(results.count()))

    def _scrolled(self, value: int) -> None:
        bar = self.results.verticalScrollBar()
        if bar.maximum() > 0 and value >= bar.maximum():  # at the end of a list that scrolls
            self._next_page()

    def _row_changed(self, row: int) -> None:
        if row >= 0 and row == self.results.count() - 1:
            self._next_page()

    def _next_page(self) -> bool:
        """Add the next page of the same search below the rows shown (the current row stays
        where it is); False if there is none."""
        if self._adding or self.page is None or not self.page.more:
            return False
        self._adding = True
        try:
            self.page = search_page(self.database, self.query.text(),
                                    offset=self.results.count(), limit=self.page_size)
            self._add(self.page)
        finally:
            self._adding = False
        return True

    def _add(self, page: SearchPage | None) -> None:
        hits = page.hits if page is not None else []
        width = self._wrapped_at = self._row_width()
        for hit in hits:
            item = QListWidgetItem()
            item.setData(HIT_ROLE, hit)
            label = QLabel(hit_html(hit))
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setContentsMargins(0, ROW_GAP, 0, ROW_GAP)
            item.setSizeHint(self._row_size(label, width))
            # The label is only drawn: a screen reader reads the item's own text.
            item.setData(Qt.ItemDataRole.AccessibleTextRole, hit_text(hit))
            self.results.addItem(item)
            self.results.setItemWidget(item, label)
        self.more.setVisible(page is not None and page.more)
        self.count.setText(self._count_text(page))
        announce(self.count, self.count.text())

    def _row_width(self) -> int:
        """The width a row's text wraps to: the list's, less a scroll bar's (which appears
        once the rows overflow: the text must still fit then)."""
        return max(self.results.maximumViewportSize().width()
                   - self.results.verticalScrollBar().sizeHint().width(), MIN_ROW_WIDTH)

    @staticmethod
    def _row_size(label: QLabel, width: int) -> QSize:
        # As high as the text wrapped at the list's width. A word-wrapped label's own size
        # hint picks a narrow width (~170 px) and so a row 3-4 times higher than its two
        # lines need at the list's width, leaving blank space under each result, and takes
        # twice as long to work out (benchmarks/FINDINGS.md).
        return QSize(width, label.heightForWidth(width))

    def _rewrap(self) -> None:
        """Every row's height again, for a list made wider or narrower."""
        width = self._row_width()
        if width == self._wrapped_at:
            return
        self._wrapped_at = width
        for row in range(self.results.count()):
            item = self.results.item(row)
            label = self.results.itemWidget(item)
            if isinstance(label, QLabel):
                item.setSizeHint(self._row_size(label, width))

    def _count_text(self, page: SearchPage | None) -> str:
        if page is None:
            return ""
        shown = self.results.count()
        if page.total is not None:  # few enough to rank, and counted
            order = ", best matches first" if page.total > 1 else ""
            return f"{page.total} found{order}" + (f"; {shown} shown" if page.more else "")
        return f"Many found, newest first; {shown} shown"

    def _open_current(self) -> None:
        item = self.results.currentItem()
        if item is not None:
            self._open(item)

    def _open(self, item: QListWidgetItem) -> None:
        self.open_hit.emit(item.data(HIT_ROLE))
        self.accept()

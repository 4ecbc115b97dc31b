"""How every table in an area looks and explains itself (issue 22, "the look"):

- a column that stretches (the main text column, else the last), so no strip of nothing is
  left at the right and the words get the room;
- a tooltip with the whole text of a cell whose text is cut ("…");
- while the table is empty, a sentence in it saying what it will list and what to do first,
  which is also its accessible description (what a screen reader says of the empty table).

`fit_table` installs all three on one table; the page layout calls it for every table.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QFontMetrics, QHelpEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStyle,
    QTableView,
    QToolTip,
    QTreeView,
)
from shiboken6 import isValid

from desktop.views.empty_tables import EXPLANATIONS

CELL_MARGIN = 8  # the style's padding either side of a cell's text


def text_is_cut(view: QAbstractItemView, index: QModelIndex) -> bool:
    """The cell's text is wider than the room the cell gives it."""
    text = index.data(Qt.ItemDataRole.DisplayRole)
    if text is None or str(text) == "":
        return False
    room = view.visualRect(index).width() - CELL_MARGIN
    if index.data(Qt.ItemDataRole.DecorationRole) is not None:
        room -= view.iconSize().width() or view.style().pixelMetric(
            QStyle.PixelMetric.PM_SmallIconSize) + 4
    metrics = QFontMetrics(index.data(Qt.ItemDataRole.FontRole) or view.font())
    widest = max(metrics.horizontalAdvance(line) for line in str(text).splitlines() or [""])
    return widest > room


class CutTextTips(QObject):
    """On the view's viewport: a hover over a cut cell shows its whole text; otherwise the
    model's own tooltip, if any."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.view = view
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ToolTip or not isinstance(event, QHelpEvent):
            return False
        index = self.view.indexAt(event.pos())
        if not index.isValid() or not text_is_cut(self.view, index):
            return False  # the view shows the model's own tooltip, if it has one
        full = str(index.data(Qt.ItemDataRole.DisplayRole))
        own = index.data(Qt.ItemDataRole.ToolTipRole)
        tip = full if not own or own == full else f"{full}\n{own}"
        QToolTip.showText(event.globalPos(), tip, self.view.viewport(),
                          self.view.visualRect(index))
        return True


class EmptyNote(QObject):
    """The explanation shown inside a table while it has no rows."""

    def __init__(self, view: QAbstractItemView, text: str) -> None:
        super().__init__(view)
        self.view = view
        self.text = text
        self.label = QLabel(text, view.viewport())
        self.label.setObjectName("emptyTableNote")
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.label.setMargin(12)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.described = view.accessibleDescription()
        if self.described and self.described == getattr(view, "waiting", ""):
            self.described = ""  # "Reading…" said before the note was installed: not kept
        view.viewport().installEventFilter(self)
        self._watch()
        self.update()

    def _watch(self) -> None:
        model = self.view.model()
        if model is None:
            return
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset,
                       model.layoutChanged):
            signal.connect(self.update)
        # A table whose rows are being read says so instead (actions/loading.py WaitingTable).
        waiting_changed = getattr(self.view, "waiting_changed", None)
        if waiting_changed is not None:
            waiting_changed.connect(self.update)

    def is_empty(self) -> bool:
        model = self.view.model()
        return model is None or model.rowCount() == 0

    def update(self, *_args: object) -> None:
        if not isValid(self.view) or not isValid(self.label):  # the table is being closed
            return
        empty = self.is_empty()
        text = getattr(self.view, "waiting", "") or self.text
        self.label.setText(text)
        self.label.setVisible(empty)
        if empty:
            self.label.setGeometry(self.view.viewport().rect())
        # What a screen reader says of the table while it has nothing in it.
        self.view.setAccessibleDescription(text if empty else self.described)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.update()
        return False


def explanation(view: QAbstractItemView) -> str | None:
    return EXPLANATIONS.get(view.objectName())


def fit_table(view: QAbstractItemView, stretch_column: int | None = None) -> None:
    """Install the stretch, the cut-text tips and the empty explanation on `view` (once)."""
    if view.property("tableLook"):
        return
    view.setProperty("tableLook", True)
    header: QHeaderView | None = None
    if isinstance(view, QTableView):
        header = view.horizontalHeader()
    elif isinstance(view, QTreeView):
        header = view.header()
    if header is not None:
        stretched = any(header.sectionResizeMode(c) == QHeaderView.ResizeMode.Stretch
                        for c in range(header.count()))
        if stretch_column is not None:
            header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
        elif not stretched:
            header.setStretchLastSection(True)
    CutTextTips(view)
    text = explanation(view)
    if text:
        EmptyNote(view, text)

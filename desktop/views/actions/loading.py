"""The Actions area's first read, done on a worker thread so that the page is painted at
once when first visited (benchmarks/FINDINGS.md, 8c): the ids the filter lets through, the
first screen of their rows, and the owner and agency choices (aggregates over every
action's owners). The table says "Reading actions…" until they arrive."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QTableView

from desktop.services.actions import (
    ActionFilter,
    ActionRow,
    AgencyChoice,
    OwnerChoice,
    action_rows,
    agency_choices,
    find_action_ids,
    owner_choices,
)
from desktop.services.database import Database
from desktop.views.table_models.actions_model import PAGE

log = logging.getLogger(__name__)

READING = "Reading actions…"
UNREADABLE = "The actions could not be read. Choose Actions again, or restart Boardwork."


@dataclass(frozen=True)
class FirstRead:
    generation: int  # which request this answers: a later one (a board chosen) wins
    choices: ActionFilter  # the filter without its words, as it was when asked
    ids: list[int]
    rows: list[ActionRow]  # the first screen of them
    owners: list[OwnerChoice]
    agencies: list[AgencyChoice]


def read_first(database: Database, generation: int, choices: ActionFilter,
               today: dt.date | None) -> FirstRead:
    """Everything the page needs to show its first screen: plain services, no Qt, so a
    worker thread can run it."""
    ids = find_action_ids(database, choices)
    rows = action_rows(database, ids[:PAGE], today)
    return FirstRead(generation, choices, ids, rows, owner_choices(database, choices.board_id),
                     agency_choices(database, choices.board_id))


class WaitingTable(QTableView):
    """A table that says why it is empty while its rows are being read: painted in the
    empty viewport, and given as the table's accessible description for a screen reader.
    Once the page's table look is installed (table_look.EmptyNote), the note shows it instead
    of the empty table's explanation."""

    waiting_changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._waiting = ""
        self.painted = False
        # Called once, after the table's first paint: the page starts its read then, so
        # that the worker thread (holding Python's lock for much of its work) does not
        # slow the page's first paint.
        self.after_first_paint: Callable[[], None] | None = None

    @property
    def waiting(self) -> str:
        return self._waiting

    def set_waiting(self, message: str) -> None:
        self._waiting = message
        if self.property("tableLook"):
            self.waiting_changed.emit()  # the empty note says it
        else:
            self.setAccessibleDescription(message)
            self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if (self._waiting and not self.property("tableLook")
                and (self.model() is None or self.model().rowCount() == 0)):
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(self.viewport().rect().adjusted(12, 12, -12, -12),
                             int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
                                 | Qt.TextFlag.TextWordWrap), self._waiting)
            painter.end()
        if not self.painted:
            self.painted = True
            if self.after_first_paint is not None:
                QTimer.singleShot(0, self, self.after_first_paint)
                self.after_first_paint = None

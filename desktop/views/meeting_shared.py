"""What the tabs of the meeting editor share: the meeting, its undo stack, a reload."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QWidget

from desktop.services import meetings as svc
from desktop.services.database import Database
from desktop.services.meetings import ItemRow, MeetingDetails
from desktop.views.combo import select_data
from desktop.views.meetings.approval import ApprovalDialog
from desktop.views.service_call import ServiceCommand

__all__ = ["ApprovalDialog", "ChoiceDelegate", "EditorState", "previous_awaiting_approval"]


@dataclass
class EditorState:
    database: Database
    undo: QUndoStack
    reload: Callable[[], None]
    meeting_id: int | None = None
    # The Python side of every command on the stack: PySide does not keep it alive for us,
    # and a command whose wrapper is gone crashes when undone.
    commands: list[ServiceCommand] = field(default_factory=list)

    def push(self, parent: QWidget, text: str, do: Callable[[str | None], object],
             undo: Callable[[str | None], object]) -> bool:
        """An undoable edit: `do` now (and on redo), `undo` on undo; each reloads the screen.

        False when the service refused it: then it is not on the stack either.
        """
        command = ServiceCommand(parent, text, do, undo, self.reload)
        self.undo.push(command)
        if command.succeeded:
            self.commands.append(command)
        return command.succeeded

    def clear_history(self) -> None:
        self.undo.clear()
        self.commands.clear()


class ChoiceDelegate(QStyledItemDelegate):
    """A drop-down editor over fixed choices (value → label) for one column."""

    def __init__(self, choices: dict[Any, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices = choices

    def createEditor(self, parent, option, index):  # type: ignore[no-untyped-def]
        combo = QComboBox(parent)
        combo.setAccessibleName("Choose")
        for value, label in self.choices.items():
            combo.addItem(label, value)
        return combo

    def setEditorData(self, editor, index):  # type: ignore[no-untyped-def]
        select_data(editor, index.data(Qt.ItemDataRole.EditRole))

    def setModelData(self, editor, model, index):  # type: ignore[no-untyped-def]
        model.setData(index, editor.currentData())


# Items of imported agendas carry no standing marker: their title says what they are.
PREVIOUS_MINUTES = re.compile(r"minutes of (the )?(last|previous) meeting", re.IGNORECASE)


def previous_awaiting_approval(database: Database, meeting_id: int,
                               item: ItemRow | None) -> MeetingDetails | None:
    """At "minutes of the last meeting", the previous meeting if its minutes await approval."""
    if item is None:
        return None
    if item.standing != "previous_minutes" and not PREVIOUS_MINUTES.search(item.title):
        return None
    previous = svc.previous_meeting(database, meeting_id)
    if previous is None or previous.locked or not svc.has_minutes(database, previous.id):
        return None  # approved already, or a meeting that never took place: nothing to approve
    return previous

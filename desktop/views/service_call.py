"""Calling a service from a widget: bad input shown in plain words, amendments asked for.

Every edit to a meeting goes through `call_service`, so a refusal never leaves the screen in
a half-changed state and a change to approved minutes always carries its reason. Any other
failure (a full disk, a damaged file, a bug) is shown by the error dialog, in plain words
without the exception's own text (desktop/views/error_dialog.py).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from desktop.services.database import ReadOnlyDatabase
from desktop.services.errors import InvalidInput
from desktop.services.meetings import AmendmentNeeded
from desktop.views.error_dialog import show_failure
from desktop.views.message_bar import bar_for


class AmendmentReason:
    """Asks why approved minutes are being changed. Tests replace `ask`."""

    @staticmethod
    def ask(parent: QWidget | None) -> str | None:
        text, ok = QInputDialog.getText(
            parent, "Amend approved minutes",
            "These minutes have been approved. The change will be recorded as an amendment.\n"
            "Reason for the amendment:", QLineEdit.EchoMode.Normal)
        return text.strip() if ok and text.strip() else None


class Problem:
    """Shows a refusal: on an area page in its message bar, in a dialog in a message box.
    Tests replace `show` to collect the messages."""

    @staticmethod
    def show(parent: QWidget | None, message: str) -> None:
        bar = bar_for(parent)
        if bar is not None:
            bar.problem(message)
        else:
            QMessageBox.warning(parent, "Boardwork", message)


def call_service(parent: QWidget | None, call: Callable[[str | None], object],
                 show: Callable[[str], None] | None = None) -> bool:
    """Run `call(reason)`; True if it went through. `reason` is None unless minutes are locked.

    A refusal is shown by `show` (a label next to the fields) or in a message box.
    """
    reason: str | None = None
    while True:
        try:
            call(reason)
            return True
        except AmendmentNeeded:
            if reason is not None:
                return False
            reason = AmendmentReason.ask(parent)
            if reason is None:
                return False
        except InvalidInput as exc:
            (show or (lambda message: Problem.show(parent, message)))(exc.message)
            return False
        except ReadOnlyDatabase as exc:
            Problem.show(parent, str(exc))
            return False
        except Exception as exc:  # the unit of work was rolled back: nothing changed
            show_failure(parent, "Boardwork", exc)
            return False


class ServiceCommand(QUndoCommand):
    """An undoable edit whose redo and undo are both service calls.

    The first redo happens when the command is pushed; if the service refuses, the command
    is made obsolete so that it never sits on the stack.
    """

    def __init__(self, parent: QWidget, text: str, do: Callable[[str | None], object],
                 undo: Callable[[str | None], object], after: Callable[[], None]) -> None:
        super().__init__(text)
        self._parent = parent
        self._do, self._undo, self._after = do, undo, after
        self.succeeded = False

    def redo(self) -> None:
        self.succeeded = call_service(self._parent, self._do)
        if not self.succeeded:
            self.setObsolete(True)
        self._after()

    def undo(self) -> None:
        call_service(self._parent, self._undo)
        self._after()

"""One application-level signal that says what changed, so views refresh without reaching
into each other: a service returns what it changed, the view that called it announces it."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

# The areas a change can touch; a view refreshes when an area it shows is announced.
MEETINGS = "meetings"
ACTIONS = "actions"
PEOPLE = "people"
BOARDS = "boards"
TRAINING = "training"
SETTINGS = "settings"
EVERYTHING = frozenset({MEETINGS, ACTIONS, PEOPLE, BOARDS, TRAINING, SETTINGS})


class Notices(QObject):
    # A frozenset of the area names above.
    changed = Signal(object)

    def announce(self, *areas: str) -> None:
        self.changed.emit(frozenset(areas))

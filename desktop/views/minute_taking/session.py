"""The keys of the minute-taking view, and where the minute-taker was, kept for a restart."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from desktop.views.minute_taking.editor import SHORTCUTS

KEYS = {
    "Next item": "Ctrl+PgDown", "Previous item": "Ctrl+PgUp", "Go to item number": "Ctrl+G",
    "Arrived now": "F6", "Left now": "F7", "Late arrival, not expected": "F8",
    "New action": "Ctrl+K", "Add the proposed action": "Ctrl+Return",
    "Back to the minutes, ignore the proposed action, or close": "Esc",
    "Withdraw the action just added": "Ctrl+Alt+Z",
    "Save now": "Ctrl+S", "Full screen": "F11", "Find in the minutes": "Ctrl+F",
    "Find and replace": "Ctrl+H", "Keyboard shortcuts": "F1",
    "Meeting closed now": "F9", "This item started now (time it again)": "Ctrl+T",
    "Minutes history (versions and steps)": "Ctrl+Shift+H",
    "Decision at this item": "Ctrl+D", "Interest declared at this item": "Ctrl+Shift+D",
}
SESSION = "minuteTaking"  # QSettings group: where the minute-taker was, for a restart


def remember(meeting_id: int, item_id: int | None) -> None:
    """Written at every move: after a crash the app offers to reopen here (None: closed)."""
    settings = QSettings()
    settings.setValue(f"{SESSION}/meeting", meeting_id)
    settings.setValue(f"{SESSION}/item", item_id)
    settings.setValue(f"{SESSION}/open", item_id is not None)
    settings.sync()


def note_save_failing(failing: bool) -> None:
    """Written only when a save fails and at the first save after: the restart message says
    what is true, and the usual save costs no settings write."""
    settings = QSettings()
    settings.setValue(f"{SESSION}/saveFailing", failing)
    settings.sync()


def what_was_saved() -> str:
    """For the restart message: what the database holds of the minutes typed before the stop.

    The view saves within half a second of the first unsaved keystroke, and at once on a move
    to another item or an action added (autosave.py; the crash tests measure it)."""
    failing = str(QSettings().value(f"{SESSION}/saveFailing", "false")).lower() in ("true", "1")
    if failing:
        return ("The last attempt to save the minutes had failed, so text typed after it may "
                "be missing: check the end of the item.")
    return "Everything typed until a second before it closed was saved."


def shortcut_table() -> dict[str, str]:
    """Every key of the view, for Help → Keyboard shortcuts."""
    return {**KEYS, **SHORTCUTS}


def unfinished_session() -> tuple[int, int] | None:
    """The meeting and item a minute-taker was at when the app (or laptop) stopped."""
    settings = QSettings()
    if str(settings.value(f"{SESSION}/open", "false")).lower() not in ("true", "1"):
        return None
    meeting, item = settings.value(f"{SESSION}/meeting"), settings.value(f"{SESSION}/item")
    if meeting is None or item is None:
        return None
    return int(str(meeting)), int(str(item))

"""Every keyboard shortcut of Boardwork, in one list: Help → Keyboard shortcuts (F1) shows it
whole, and tests/gui/test_shortcuts.py rejects two entries on one key where both are alive at
once, and any key a screen answers that is not listed here.

`where` says where a key works. "Everywhere" is the main window's menus (alive on every
page); "Meetings: agenda" works on the agenda tab of the Meetings area, inside "Meetings";
the tabs of one area are never on screen together, so their keys may repeat. "Taking
minutes" is a window of its own (F10).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QKeySequence

from desktop.views.minute_taking.editor import SHORTCUTS as EDITOR_KEYS
from desktop.views.minute_taking.session import KEYS as MINUTE_TAKING_KEYS

EVERYWHERE = "Everywhere"
TAKING_MINUTES = "Taking minutes"


@dataclass(frozen=True)
class Shortcut:
    keys: str  # as QKeySequence writes it: "Ctrl+Shift+N"
    what: str
    where: str = EVERYWHERE


_MAIN = [
    Shortcut("F1", "Keyboard shortcuts (this list)"),
    Shortcut("Ctrl+1", "Go to Overview"), Shortcut("Ctrl+2", "Go to Meetings"),
    Shortcut("Ctrl+3", "Go to Actions"), Shortcut("Ctrl+4", "Go to People and groups"),
    Shortcut("Ctrl+5", "Go to Training"), Shortcut("Ctrl+6", "Go to Reports"),
    Shortcut("Ctrl+B", "Board or group selector"),
    Shortcut("Ctrl+F", "Search minutes and actions"),
    Shortcut("Ctrl+I", "Import data"), Shortcut("Ctrl+Shift+E", "Export data"),
    Shortcut("Ctrl+Shift+B", "Back up"), Shortcut("Ctrl+,", "Settings"),
    Shortcut("F10", "Take minutes of the chosen meeting", "Meetings"),
    Shortcut("Ctrl+N", "New meeting", "Meetings"),
    Shortcut("Ctrl+Shift+N", "Copy meeting", "Meetings"),
    Shortcut("Ctrl+Z", "Undo a change to the meeting", "Meetings"),
    Shortcut("Ctrl+Y", "Redo", "Meetings"),
    Shortcut("Ctrl+Shift+F", "Forward plan of the board", "Meetings"),
    Shortcut("Ctrl+Shift+H", "Minutes history: versions and steps", "Meetings"),
    Shortcut("Ctrl+D", "Record a decision at the chosen item", "Meetings"),
    Shortcut("Ctrl+Shift+D", "Record an interest declared at the chosen item", "Meetings"),
    Shortcut("Ctrl+Return", "Add an agenda item", "Meetings: agenda"),
    Shortcut("Ctrl+Shift+I", "Add business from the forward plan", "Meetings: agenda"),
    Shortcut("Ctrl+Shift+O", "Attach a paper to the agenda item", "Meetings: agenda"),
    Shortcut("Alt+Up", "Move the agenda item up", "Meetings: agenda"),
    Shortcut("Alt+Down", "Move the agenda item down", "Meetings: agenda"),
    Shortcut("Alt+Right", "Indent the agenda item", "Meetings: agenda"),
    Shortcut("Alt+Left", "Outdent the agenda item", "Meetings: agenda"),
    Shortcut("Ctrl+Del", "Remove the agenda item", "Meetings: agenda"),
    Shortcut("Ctrl+U", "Add an update to the action", "Actions"),
    Shortcut("Ctrl+E", "Edit the action", "Actions"),
    Shortcut("Ctrl+Shift+W", "Withdraw the action", "Actions"),
    Shortcut("Ctrl+Shift+X", "Export the action log", "Actions"),
    Shortcut("Ctrl+Shift+P", "Export the public action log", "Actions"),
    Shortcut("Ctrl+Shift+M", "E-mail action owners", "Actions"),
    Shortcut("Ctrl+N", "New person", "People and groups: people"),
    Shortcut("Ctrl+S", "Save the person", "People and groups: people"),
    Shortcut("Ctrl+M", "Merge a duplicate person", "People and groups: people"),
    Shortcut("Ctrl+N", "New agency", "People and groups: agencies"),
    Shortcut("Ctrl+S", "Save the agency", "People and groups: agencies"),
    Shortcut("Ctrl+N", "New board or group", "People and groups: boards and groups"),
    Shortcut("Ctrl+S", "Save the board or group", "People and groups: boards and groups"),
    Shortcut("Ctrl+Shift+N", "Add a seat", "People and groups: boards and groups"),
    Shortcut("Ctrl+Shift+S", "Save the seat", "People and groups: boards and groups"),
    Shortcut("F5", "Show attendance figures", "People and groups: attendance figures"),
    Shortcut("Ctrl+N", "New training session", "Training: sessions"),
    Shortcut("Ctrl+E", "Change the session", "Training: sessions"),
    Shortcut("Ctrl+D", "Book a delegate", "Training: sessions"),
    Shortcut("Ctrl+Shift+K", "Book several delegates", "Training: sessions"),
    Shortcut("Ctrl+U", "Substitute a delegate", "Training: sessions"),
    Shortcut("Ctrl+Del", "Cancel the booking", "Training: sessions"),
    Shortcut("Ctrl+Shift+M", "Prepare e-mails to delegates", "Training: sessions"),
    Shortcut("Ctrl+W", "Add a walk-in delegate", "Training: register"),
    Shortcut("Ctrl+Shift+N", "New course", "Training: courses"),
    Shortcut("Ctrl+E", "Edit the course", "Training: courses"),
    Shortcut("Ctrl+Shift+X", "Export the charges to Excel", "Training: charges"),
    Shortcut("Ctrl+Shift+X", "Export the delegate bookings to Excel",
             "Training: delegate bookings"),
    Shortcut("Esc", "Clear the filter (in a filter field)", "Training"),
    Shortcut("Ctrl+Shift+A", "Annual report appendices", "Reports"),
    Shortcut("Ctrl+Shift+T", "Training figures", "Reports"),
    Shortcut("Ctrl+Shift+G", "Charges per agency", "Reports"),
]

SHORTCUTS: tuple[Shortcut, ...] = (
    *_MAIN,
    *(Shortcut(keys, what, TAKING_MINUTES) for what, keys in MINUTE_TAKING_KEYS.items()),
    *(Shortcut(keys, what, TAKING_MINUTES) for what, keys in EDITOR_KEYS.items()),
)


def same_keys(first: str, second: str) -> bool:
    """ "Ctrl+Delete" and "Ctrl+Del" are one key."""
    text = QKeySequence.SequenceFormat.PortableText
    return QKeySequence(first).toString(text) == QKeySequence(second).toString(text)


def _window(where: str) -> str:
    return TAKING_MINUTES if where == TAKING_MINUTES else "main"


def overlap(first: str, second: str) -> bool:
    """Whether keys of these two places can be alive at the same time."""
    if _window(first) != _window(second):
        return False
    if EVERYWHERE in (first, second):
        return True
    return first == second or first.startswith(second + ":") or \
        second.startswith(first + ":")


def clashes(shortcuts: tuple[Shortcut, ...] = SHORTCUTS) -> list[str]:
    """Two things on one key where both are alive at once (Qt runs neither)."""
    found = []
    for index, first in enumerate(shortcuts):
        for second in shortcuts[index + 1:]:
            if same_keys(first.keys, second.keys) and overlap(first.where, second.where):
                found.append(f"{first.keys}: {first.what} ({first.where}) and "
                             f"{second.what} ({second.where})")
    return found

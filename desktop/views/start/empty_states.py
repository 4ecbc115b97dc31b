"""What each area says while it has nothing to show: what to do first, with the button and
the key that does it, above the area's own (empty) lists.

A line for each area (and each tab of the tabbed areas), shown only while the records it
needs do not exist anywhere in the database; it goes away by itself once they do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QTabWidget, QWidget

from desktop.services.contents import Contents

if TYPE_CHECKING:
    from desktop.views.main_window import MainWindow

IMPORT = "Import existing records… (Ctrl+I)"


@dataclass
class Hint:
    text: str
    buttons: list[tuple[str, Callable[[], None]]] = field(default_factory=list)


class EmptyState(QFrame):
    """The banner; `hint` says what to show for the area's state and its current tab."""

    def __init__(self, window: MainWindow, page: QWidget,
                 hint: Callable[[Contents, int], Hint | None]) -> None:
        super().__init__(page)
        self.setObjectName("emptyState")
        self.window_ = window
        self.hint = hint
        self.tabs = page.findChild(QTabWidget)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.setAutoFillBackground(True)
        self.text = QLabel()
        self.text.setObjectName("emptyStateText")
        self.text.setWordWrap(True)
        self.row = QHBoxLayout(self)
        self.row.addWidget(self.text, 1)
        self.buttons: list[QPushButton] = []
        window.context.notices.changed.connect(lambda _areas: self.refresh())
        if self.tabs is not None:
            self.tabs.currentChanged.connect(lambda _i: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        tab = self.tabs.currentIndex() if self.tabs is not None else 0
        hint = self.hint(self.window_.contents(), tab)
        for button in self.buttons:
            self.row.removeWidget(button)
            button.deleteLater()
        self.buttons = []
        self.setVisible(hint is not None)
        if hint is None:
            return
        self.text.setText(hint.text)
        self.setAccessibleName("What to do first: " + hint.text)
        for label, slot in hint.buttons:
            button = QPushButton(label)
            button.setObjectName("emptyStateButton")
            button.clicked.connect(slot)
            self.row.addWidget(button)
            self.buttons.append(button)


def attach_empty_state(window: MainWindow, area: str, page: QWidget) -> EmptyState | None:
    make = _HINTS.get(area)
    layout = page.layout()
    if make is None or layout is None:
        return None
    banner = EmptyState(window, page, make(window, page))
    page_layout = getattr(page, "page_layout", None)
    if page_layout is not None:  # the shared page layout: under its heading
        page_layout.add_banner(banner)
        return banner
    # Under the area's heading, where there is one; above everything else.
    insert = getattr(layout, "insertWidget", None)
    if callable(insert):
        first = layout.itemAt(0) if layout.count() > 1 else None
        has_heading = first is not None and isinstance(first.widget(), QLabel)
        insert(1 if has_heading else 0, banner)
    return banner


# -- what each area says --------------------------------------------------------------------

def _import(window: MainWindow) -> tuple[str, Callable[[], None]]:
    def run() -> None:
        action = window.findChild(QAction, "importData")
        if action is not None:
            action.trigger()
    return IMPORT, run


def _go(window: MainWindow, area: str, tab: str | None = None,
        then: str | None = None) -> Callable[[], None]:
    """Open another area (at one of its panels), and press one of its buttons."""
    from desktop.views.areas import AREAS

    def run() -> None:
        row = next(i for i, a in enumerate(AREAS) if a.object_name == area)
        window.show_area(row)
        page = window.pages[row]
        panel: Any = getattr(page, tab) if tab else page
        if tab:
            page.tabs.setCurrentWidget(panel)  # type: ignore[attr-defined]
        if then:
            getattr(panel, then)()
    return run


def _overview(window: MainWindow, _page: QWidget) -> Callable[[Contents, int], Hint | None]:
    def hint(c: Contents, _tab: int) -> Hint | None:
        if not c.empty:
            return None
        return Hint("Nothing is recorded yet. Begin on the Getting started page: name your "
                    "organisation, bring in the records you have, or try the sample data.",
                    [("Getting started", window.show_start_page), _import(window)])
    return hint


def _meetings(window: MainWindow, page: QWidget) -> Callable[[Contents, int], Hint | None]:
    meetings: Any = page

    def hint(c: Contents, _tab: int) -> Hint | None:
        if c.meetings:
            return None
        if not c.boards:
            return Hint("No meetings yet. A meeting belongs to a board or group: add yours "
                        "first (People and groups → Boards and groups, New group), or import "
                        "past minutes from Word.",
                        [("Add a board or group…",
                          _go(window, "peopleArea", "boards", "new")), _import(window)])
        return Hint("No meetings yet. Make the first with New meeting (Ctrl+N), or import "
                    "past minutes from Word.",
                    [("New meeting… (Ctrl+N)", meetings.new_meeting), _import(window)])
    return hint


def _actions(window: MainWindow, _page: QWidget) -> Callable[[Contents, int], Hint | None]:
    def hint(c: Contents, _tab: int) -> Hint | None:
        if c.actions:
            return None
        return Hint("No actions yet. They come from the action lines of a meeting's minutes "
                    "(“ACTION: … to …”), or from your running action log in Excel: import it.",
                    [_import(window), ("Go to Meetings (Ctrl+2)", _go(window, "meetingsArea"))])
    return hint


def _people(window: MainWindow, page: QWidget) -> Callable[[Contents, int], Hint | None]:
    panels: Any = page

    def hint(c: Contents, tab: int) -> Hint | None:
        if tab == 0 and not c.people:
            return Hint("No people yet. Add one with New person (Ctrl+N), or import a "
                        "membership list from Excel.",
                        [("New person (Ctrl+N)", panels.people.new), _import(window)])
        if tab == 1 and not c.agencies:
            return Hint("No agencies yet. Add the partner agencies with New agency (Ctrl+N); "
                        "people and training charges are grouped by them.",
                        [("New agency (Ctrl+N)", panels.agencies.new)])
        if tab == 2 and not c.boards:
            return Hint("No boards or groups yet. Add the board and its sub-groups with New "
                        "group (Ctrl+N): meetings and memberships belong to them.",
                        [("New group (Ctrl+N)", panels.boards.new)])
        if tab == 3 and not c.meetings:
            return Hint("Attendance figures are counted from the attendance of meetings: "
                        "there are no meetings yet.",
                        [("Go to Meetings (Ctrl+2)", _go(window, "meetingsArea"))])
        return None
    return hint


def _training(window: MainWindow, page: QWidget) -> Callable[[Contents, int], Hint | None]:
    panels: Any = page

    def courses() -> None:
        panels.tabs.setCurrentWidget(panels.courses)
        panels.courses.new_course()

    def hint(c: Contents, tab: int) -> Hint | None:
        if tab in (0, 2) and not c.courses:
            return Hint("No courses yet. A session is of a course: add the course first (New "
                        "course, Ctrl+Shift+N on the Courses tab), or import the bookings your "
                        "booking system exports as CSV.",
                        [("New course…", courses), _import(window)])
        if tab == 0 and not c.sessions:
            return Hint("No sessions yet. Plan the first with New session (Ctrl+N).",
                        [("New session… (Ctrl+N)", panels.sessions.new_session)])
        if tab == 1 and not c.sessions:
            return Hint("The register is taken for a session: make one on the Sessions tab "
                        "first (Alt+S).", [])
        if tab in (3, 4) and not c.bookings:
            return Hint("No bookings yet. Book delegates on a session of the Sessions tab "
                        "(Book delegate, Ctrl+B), or import your booking system's CSV export; "
                        "charges arise from bookings.", [_import(window)])
        if tab == 5 and not (c.trainers or c.venues):
            return Hint("No trainers or venues yet. Add them with New trainer and New venue, "
                        "so that sessions can be planned with them.", [])
        return None
    return hint


def _reports(window: MainWindow, _page: QWidget) -> Callable[[Contents, int], Hint | None]:
    def hint(c: Contents, _tab: int) -> Hint | None:
        if c.meetings or c.bookings or c.actions:
            return None
        return Hint("Reports count meetings, attendance, actions and training over a period: "
                    "nothing is recorded yet. Bring in the records you have first.",
                    [_import(window), ("Getting started", window.show_start_page)])
    return hint


_HINTS: dict[str, Callable[[MainWindow, QWidget], Callable[[Contents, int], Hint | None]]] = {
    "overviewArea": _overview, "meetingsArea": _meetings, "actionsArea": _actions,
    "peopleArea": _people, "trainingArea": _training, "reportsArea": _reports,
}

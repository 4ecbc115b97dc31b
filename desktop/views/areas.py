"""The areas of the application, in the order the navigation shows them.

Each area is a page widget made on first visit from an `AppContext`. A page may define
`set_board(board_id: int | None)`, called when the board selector changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtWidgets import QWidget

from desktop.views.notices import Notices

if TYPE_CHECKING:  # the main window's frame is painted before the data layer is imported
    from desktop.services.database import Database


# Neither is a dataclass: importing dataclasses and making the two classes took ~2 ms of the
# frame's start, before its first paint (benchmarks/FINDINGS.md, issue 19, session 7).
class AppContext:
    """What every page is made from: the open database and the app's change notices."""

    __slots__ = ("database", "notices")

    def __init__(self, database: Database, notices: Notices) -> None:
        self.database = database
        self.notices = notices


class Area(NamedTuple):
    title: str
    object_name: str
    make: Callable[[AppContext], QWidget]


def _overview(context: AppContext) -> QWidget:
    from desktop.views.overview_page import OverviewPage

    return OverviewPage(context)


def _actions(context: AppContext) -> QWidget:
    from desktop.views.actions.page import ActionsPage

    return ActionsPage(context)


def _meetings(context: AppContext) -> QWidget:
    from desktop.views.meetings_page import MeetingsPage

    return MeetingsPage(context)


def _training(context: AppContext) -> QWidget:
    from desktop.views.training.page import TrainingPage

    return TrainingPage(context)


def _people(context: AppContext) -> QWidget:
    from desktop.views.people_page import PeoplePage

    return PeoplePage(context)


def _reports(context: AppContext) -> QWidget:
    from desktop.views.reports_page import ReportsPage

    return ReportsPage(context)


def import_when_idle() -> None:
    """Import the Actions area's modules (its page, table, filters, detail pane and the
    actions services: ~10 ms of processor time) on a turn of the event loop after the
    window is filled, so the first click on Actions only makes and shows its page. The area
    a business manager chases actions in is opened in nearly every session; the others are
    left to their first visit, as their modules are resident memory for the whole session
    (benchmarks/FINDINGS.md, issue 19 session 7, row 8c)."""
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, _import_actions)


def _import_actions() -> None:
    import gc

    import desktop.views.actions.page  # noqa: F401  (imported for later, see above)

    # Its modules live as long as the process: kept out of the cycle collector's passes,
    # as the start's objects are (desktop/app.py keep_start_objects).
    gc.freeze()


AREAS: list[Area] = [
    Area("Overview", "overviewArea", _overview),
    Area("Meetings", "meetingsArea", _meetings),
    Area("Actions", "actionsArea", _actions),
    Area("People and groups", "peopleArea", _people),
    Area("Training", "trainingArea", _training),
    Area("Reports", "reportsArea", _reports),
]

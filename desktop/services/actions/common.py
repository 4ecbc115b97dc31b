"""What the action services share: the rows they return, the error they raise, the RAG rules.

The RAG rating is suggested from the facts and never stored until a person sets it; the rule
is written twice, once in Python for rows and once in SQL for sorting, and a test holds them
to the same answers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, case, literal
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from desktop.models import Action, ActionStatus, Meeting, Rag
from desktop.services.errors import InvalidInput

# "Due within two weeks" makes an open action amber.
AMBER_DAYS = 14
# Done, or agreed to be done: the board only has to confirm "to close".
DONE_STATUSES = frozenset({ActionStatus.COMPLETED, ActionStatus.TO_CLOSE, ActionStatus.CLOSED})
OPEN_GROUP = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.ONGOING,
              ActionStatus.TO_CLOSE)
CLOSED_GROUP = (ActionStatus.COMPLETED, ActionStatus.CLOSED, ActionStatus.WITHDRAWN)

STATUS_NAMES = {
    "open": "Open", "in_progress": "In progress", "ongoing": "Ongoing",
    "completed": "Completed", "to_close": "To close", "closed": "Closed",
    "withdrawn": "Withdrawn",
}
RAG_NAMES = {"red": "Red", "amber": "Amber", "green": "Green"}


class ActionError(InvalidInput):
    """Bad input for an action, in plain words; nothing was changed."""


class UnknownOwners(ActionError):
    """Owners that match no person: the user may keep them as group names."""

    def __init__(self, names: tuple[str, ...]) -> None:
        listed = ", ".join(f"“{n}”" for n in names)
        super().__init__(f"{listed} matches nobody: no person's key or name, and no initials "
                         "in the raising meeting's attendance.", "owners")
        self.names = names


@dataclass(frozen=True)
class ActionRow:
    """One line of the action log."""

    id: int
    board_id: int
    board: str  # short name where there is one
    number: int
    raised: dt.date | None
    meeting_id: int | None
    item: str | None  # the agenda item's label as printed, "5.1", "6(a)"
    title: str | None
    text: str
    owners: tuple[str, ...]  # initials as at the raising meeting, else names; groups as named
    due: dt.date | None
    status: str  # an ActionStatus value
    rag: str | None  # what is shown: the manual RAG, else the suggestion
    rag_manual: bool
    overdue: bool
    latest_date: dt.date | None
    latest_text: str | None
    # Who each of `owners` is: "Dr Ann Brown" for "AB" (the same text where no initials).
    owner_names: tuple[str, ...] = ()

    @property
    def status_name(self) -> str:
        return STATUS_NAMES[self.status]

    @property
    def rag_name(self) -> str:
        if self.rag is None:
            return ""
        return RAG_NAMES[self.rag] + ("" if self.rag_manual else " (suggested)")

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title}" if self.title else f"Action {self.number}"


def printed_item_label(label: str | None, parent: str | None) -> str | None:
    """A sub-item's label as the minutes print it: a letter stored on its own, "(a)" under
    item 6, reads "6(a)"; "5.1" already carries its parent."""
    if label and parent and label.startswith("(") and not label.startswith(parent):
        return f"{parent}{label}"
    return label


def is_overdue(status: str, due: dt.date | None, today: dt.date) -> bool:
    return due is not None and due < today and status in OPEN_GROUP and status != "to_close"


def suggested_rag(status: str, due: dt.date | None, today: dt.date) -> str | None:
    """Green when done, red when overdue, amber when due within two weeks or ongoing; an
    open action with time to spare, or a withdrawn one, gets no suggestion."""
    if status in DONE_STATUSES:
        return Rag.GREEN.value
    if status == ActionStatus.WITHDRAWN:
        return None
    if due is not None and due < today:
        return Rag.RED.value
    if status == ActionStatus.ONGOING or (
        due is not None and due <= today + dt.timedelta(days=AMBER_DAYS)
    ):
        return Rag.AMBER.value
    return None


def shown_rag(action: Action, today: dt.date) -> str | None:
    if action.rag_manual and action.rag is not None:
        return action.rag.value
    return suggested_rag(action.status.value, action.due, today)


def suggested_rag_sql(today: dt.date) -> ColumnElement[str | None]:
    """The same rule as `suggested_rag`, as a SQL expression for sorting."""
    soon = today + dt.timedelta(days=AMBER_DAYS)
    return case(
        (Action.status.in_(DONE_STATUSES), literal(Rag.GREEN.value)),
        (Action.status == ActionStatus.WITHDRAWN, literal(None)),
        (and_(Action.due.is_not(None), Action.due < today), literal(Rag.RED.value)),
        (Action.status == ActionStatus.ONGOING, literal(Rag.AMBER.value)),
        (and_(Action.due.is_not(None), Action.due <= soon), literal(Rag.AMBER.value)),
        else_=literal(None),
    )


def shown_rag_sql(today: dt.date) -> ColumnElement[str | None]:
    return case(
        (and_(Action.rag_manual.is_(True), Action.rag.is_not(None)), Action.rag),
        else_=suggested_rag_sql(today),
    )


def get_action(s: Session, action_id: int) -> Action:
    action = s.get(Action, action_id)
    if action is None:
        raise ActionError("That action no longer exists.")
    return action


def get_meeting(s: Session, meeting_key_or_id: str | int) -> Meeting:
    from sqlalchemy import select

    if isinstance(meeting_key_or_id, int):
        meeting = s.get(Meeting, meeting_key_or_id)
    else:
        meeting = s.scalar(select(Meeting).where(Meeting.key == meeting_key_or_id))
    if meeting is None:
        raise ActionError(f"There is no meeting {meeting_key_or_id!r}.", "meeting")
    return meeting


def parse_status(value: str) -> ActionStatus:
    try:
        return ActionStatus(value)
    except ValueError:
        raise ActionError(f"{value!r} is not a status of an action.", "status") from None


def parse_rag(value: str) -> Rag:
    try:
        return Rag(value)
    except ValueError:
        raise ActionError(f"{value!r} is not a RAG rating (red, amber or green).", "rag") from None

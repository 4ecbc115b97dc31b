"""Actions raised by a board, their owners, and the updates given on them over time."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop.models.base import Base, StrEnum, enum_column
from desktop.models.boards import Board
from desktop.models.meetings import AgendaItem, Meeting
from desktop.models.people import Person


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    ONGOING = "ongoing"
    COMPLETED = "completed"
    TO_CLOSE = "to_close"
    CLOSED = "closed"
    # Raised in error: kept, with its number, never deleted.
    WITHDRAWN = "withdrawn"


OPEN_STATUSES = frozenset(
    {ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.ONGOING, ActionStatus.TO_CLOSE}
)


class Rag(StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"


class Action(Base):
    __tablename__ = "action"
    __table_args__ = (
        UniqueConstraint("board_id", "number"),
        CheckConstraint("number > 0", name="number_positive"),
        # Status first (every filter by status uses it), then due: the overdue actions are
        # found from the index alone, and with number and board the Actions list's ids in
        # their order, without reading each action's row (migration 0012).
        Index("ix_action_status_due_number_board", "status", "due", "number", "board_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("board.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"), index=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_item.id"), index=True)
    # The raising meeting's date, or the date recorded for an action known without its meeting.
    raised: Mapped[dt.date | None] = mapped_column(Date, index=True)
    title: Mapped[str | None] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text)
    due: Mapped[dt.date | None] = mapped_column(Date, index=True)
    status: Mapped[ActionStatus] = mapped_column(
        enum_column(ActionStatus, "action_status"), default=ActionStatus.OPEN
    )
    rag: Mapped[Rag | None] = mapped_column(enum_column(Rag, "rag"))
    # True once a person set the RAG; otherwise it is suggested from the facts.
    rag_manual: Mapped[bool] = mapped_column(Boolean, default=False)

    board: Mapped[Board] = relationship()
    meeting: Mapped[Meeting | None] = relationship()
    item: Mapped[AgendaItem | None] = relationship()
    owners: Mapped[list[ActionOwner]] = relationship(
        back_populates="action", order_by="ActionOwner.position", cascade="all, delete-orphan"
    )
    updates: Mapped[list[ActionUpdate]] = relationship(
        back_populates="action",
        order_by="(ActionUpdate.date, ActionUpdate.id)",
        cascade="all, delete-orphan",
    )

    def __repr__(self) -> str:
        return f"Action({self.board_id}, {self.number})"


class ActionOwner(Base):
    """An owner of an action: a person, or a named group such as "CE Sub Group"."""

    __tablename__ = "action_owner"
    __table_args__ = (
        CheckConstraint(
            "(person_id IS NULL) <> (group_name IS NULL)", name="person_or_group"
        ),
        UniqueConstraint("action_id", "person_id"),
        UniqueConstraint("action_id", "group_name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    group_name: Mapped[str | None] = mapped_column(String(200), index=True)

    action: Mapped[Action] = relationship(back_populates="owners")
    person: Mapped[Person | None] = relationship()


class ActionUpdate(Base):
    """What was said of an action on a date, usually at a meeting, and the status it set."""

    __tablename__ = "action_update"
    # An action's updates by date (and id, the row's key): its latest found from the index
    # alone (services/actions/queries.py, migration 0012).
    __table_args__ = (Index("ix_action_update_action_id_date", "action_id", "date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id"))
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"), index=True)
    date: Mapped[dt.date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[ActionStatus | None] = mapped_column(enum_column(ActionStatus, "action_status"))
    rag: Mapped[Rag | None] = mapped_column(enum_column(Rag, "rag"))

    action: Mapped[Action] = relationship(back_populates="updates")
    meeting: Mapped[Meeting | None] = relationship()

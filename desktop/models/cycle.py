"""The board cycle around a meeting: versions and states of its minutes, declarations of
interest made at its items, decisions it took, the standing register of members' interests
and the review dates of each board's membership and terms of reference."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
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


class MinutesState(StrEnum):
    """Where a meeting's minutes are on their way from the minute-taker to the public."""

    DRAFTED = "drafted"
    SENT_TO_CHAIR = "sent_to_chair"
    CHAIR_CHANGES = "chair_changes"  # the chair's changes came back and were recorded
    CIRCULATED = "circulated"
    APPROVED = "approved"
    PUBLISHED = "published"


class MinutesVersion(Base):
    """The minutes of a meeting as they stood at one moment: a JSON list of the items'
    labels, titles and minutes text, kept so any two moments can be compared."""

    __tablename__ = "minutes_version"
    __table_args__ = (UniqueConstraint("meeting_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    made_at: Mapped[dt.datetime] = mapped_column(DateTime)
    made_by: Mapped[str] = mapped_column(String(200))
    label: Mapped[str] = mapped_column(String(300))
    snapshot: Mapped[str] = mapped_column(Text)

    meeting: Mapped[Meeting] = relationship()


class MinutesEvent(Base):
    """One step of the minutes: the state reached, when and by whom, the version it
    concerns; for approval the meeting that approved them, for publication which copy."""

    __tablename__ = "minutes_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    state: Mapped[MinutesState] = mapped_column(enum_column(MinutesState, "minutes_state"))
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    by: Mapped[str] = mapped_column(String(200))
    version_id: Mapped[int | None] = mapped_column(ForeignKey("minutes_version.id"))
    approved_at_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"))
    public: Mapped[bool | None] = mapped_column(Boolean)
    note: Mapped[str | None] = mapped_column(Text)

    meeting: Mapped[Meeting] = relationship(foreign_keys=[meeting_id])
    version: Mapped[MinutesVersion | None] = relationship()
    approved_at: Mapped[Meeting | None] = relationship(foreign_keys=[approved_at_id])


class Declaration(Base):
    """An interest declared at an agenda item: who, what, and whether they withdrew."""

    __tablename__ = "declaration"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_item.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    # As minuted: the person's name, or whoever declared when not a person on record.
    who: Mapped[str] = mapped_column(String(300))
    interest: Mapped[str] = mapped_column(Text)
    withdrew: Mapped[bool] = mapped_column(Boolean, default=False)

    item: Mapped[AgendaItem] = relationship()
    person: Mapped[Person | None] = relationship()


class Interest(Base):
    """A standing entry in the register of members' interests, reviewed periodically."""

    __tablename__ = "interest"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    description: Mapped[str] = mapped_column(Text)
    declared_on: Mapped[dt.date | None] = mapped_column(Date)
    review_on: Mapped[dt.date | None] = mapped_column(Date)
    ended_on: Mapped[dt.date | None] = mapped_column(Date)

    person: Mapped[Person] = relationship()


class Decision(Base):
    """A decision the meeting took ("The Board agreed…", "RESOLVED"), apart from actions."""

    __tablename__ = "decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_item.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)

    meeting: Mapped[Meeting] = relationship()
    item: Mapped[AgendaItem | None] = relationship()


class BoardReview(Base):
    """When a board's membership and terms of reference were last reviewed and are next due."""

    __tablename__ = "board_review"

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("board.id"), unique=True)
    membership_reviewed: Mapped[dt.date | None] = mapped_column(Date)
    membership_due: Mapped[dt.date | None] = mapped_column(Date)
    terms_reviewed: Mapped[dt.date | None] = mapped_column(Date)
    terms_due: Mapped[dt.date | None] = mapped_column(Date)

    board: Mapped[Board] = relationship()

"""Meetings of a board, who attended them, their agenda items and minutes, and amendments."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop.models.base import Base, StrEnum, enum_column, key_column
from desktop.models.boards import Board
from desktop.models.people import Person

if TYPE_CHECKING:
    from desktop.models.papers import Paper


class MeetingKind(StrEnum):
    ORDINARY = "ordinary"
    EXTRAORDINARY = "extraordinary"
    DEVELOPMENT = "development"
    JOINT = "joint"


class MeetingStatus(StrEnum):
    PLANNED = "planned"
    AGENDA_ISSUED = "agenda_issued"
    IN_PROGRESS = "in_progress"
    DRAFT = "draft"
    CIRCULATED = "circulated"
    APPROVED = "approved"


class AttendanceStatus(StrEnum):
    PRESENT = "present"
    IN_ATTENDANCE = "in_attendance"
    APOLOGIES = "apologies"
    ABSENT = "absent"
    # Listed before the meeting (from its members); marked present or not on the day.
    EXPECTED = "expected"


class Purpose(StrEnum):
    DECISION = "decision"
    DISCUSSION = "discussion"
    ASSURANCE = "assurance"
    INFORMATION = "information"


class StandingItem(StrEnum):
    """Items every meeting of a board has, which the application treats specially."""

    APOLOGIES = "apologies"
    PREVIOUS_MINUTES = "previous_minutes"  # minutes of the last meeting and matters arising
    ACTION_LOG = "action_log"
    ANY_OTHER_BUSINESS = "any_other_business"


class Meeting(Base):
    __tablename__ = "meeting"
    __table_args__ = (
        CheckConstraint('start IS NULL OR "end" IS NULL OR start <= "end"', name="times_in_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = key_column()
    board_id: Mapped[int] = mapped_column(ForeignKey("board.id"), index=True)
    title: Mapped[str | None] = mapped_column(String(300))
    kind: Mapped[MeetingKind] = mapped_column(
        enum_column(MeetingKind, "meeting_kind"), default=MeetingKind.ORDINARY
    )
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    start: Mapped[dt.time | None] = mapped_column(Time)
    end: Mapped[dt.time | None] = mapped_column(Time)
    venue: Mapped[str | None] = mapped_column(String(300))
    chair_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    minute_taker_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    closed_at: Mapped[dt.time | None] = mapped_column(Time)
    next_meeting: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[MeetingStatus] = mapped_column(
        enum_column(MeetingStatus, "meeting_status"), default=MeetingStatus.PLANNED
    )
    # The last day papers are due; papers received after it go in a supplementary pack.
    paper_deadline: Mapped[dt.date | None] = mapped_column(Date)

    board: Mapped[Board] = relationship()
    chair: Mapped[Person | None] = relationship(foreign_keys=[chair_id])
    minute_taker: Mapped[Person | None] = relationship(foreign_keys=[minute_taker_id])
    attendance: Mapped[list[Attendance]] = relationship(
        back_populates="meeting", order_by="Attendance.position", cascade="all, delete-orphan"
    )
    items: Mapped[list[AgendaItem]] = relationship(
        back_populates="meeting",
        order_by="AgendaItem.position",
        primaryjoin="and_(Meeting.id == AgendaItem.meeting_id, AgendaItem.parent_id.is_(None))",
        viewonly=True,
    )
    amendments: Mapped[list[Amendment]] = relationship(
        back_populates="meeting", order_by="Amendment.position", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"Meeting({self.key!r})"


class Attendance(Base):
    """One person's attendance at one meeting, with role and agency as printed on that day."""

    __tablename__ = "attendance"
    __table_args__ = (
        UniqueConstraint("meeting_id", "person_id"),
        UniqueConstraint("meeting_id", "initials"),
        CheckConstraint("length(initials) > 0", name="initials_not_empty"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[AttendanceStatus] = mapped_column(
        enum_column(AttendanceStatus, "attendance_status")
    )
    initials: Mapped[str] = mapped_column(String(12))
    role: Mapped[str | None] = mapped_column(String(400))
    representing_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    arrived: Mapped[dt.time | None] = mapped_column(Time)
    left: Mapped[dt.time | None] = mapped_column(Time)
    note: Mapped[str | None] = mapped_column(Text)

    meeting: Mapped[Meeting] = relationship(back_populates="attendance")
    person: Mapped[Person] = relationship(foreign_keys=[person_id])
    representing: Mapped[Person | None] = relationship(foreign_keys=[representing_id])


class AgendaItem(Base):
    """An agenda item or sub-item; `number` is the label as printed (5.1, (a)).

    An item printed without a number (real minutes have them: "Declarations of Interest"
    before item 1) has the label "" and `number_fixed`, and is shown without a number; the
    other labels are unique within the meeting.
    """

    __tablename__ = "agenda_item"
    __table_args__ = (
        Index("uq_agenda_item_meeting_id_number", "meeting_id", "number", unique=True,
              sqlite_where=text("number <> ''")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_item.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    number: Mapped[str] = mapped_column(String(20))
    # True when a person typed the label: renumbering the agenda leaves it as it is.
    number_fixed: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    title: Mapped[str] = mapped_column(String(500))
    standing: Mapped[StandingItem | None] = mapped_column(enum_column(StandingItem, "standing"))
    presenter: Mapped[str | None] = mapped_column(String(200))
    presenter_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    purpose: Mapped[Purpose | None] = mapped_column(enum_column(Purpose, "purpose"))
    confidential: Mapped[bool] = mapped_column(Boolean, default=False)
    # Sanitised to the small HTML subset of the minutes (see services/richtext.py).
    minutes_html: Mapped[str | None] = mapped_column(Text)
    # When the meeting reached the item, stamped as the minute-taker moves through the agenda.
    started_at: Mapped[dt.time | None] = mapped_column(Time)
    # A paper is expected for the item: listed as missing until one is attached.
    paper_expected: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")

    meeting: Mapped[Meeting] = relationship(foreign_keys=[meeting_id])
    parent: Mapped[AgendaItem | None] = relationship(
        remote_side="AgendaItem.id", back_populates="children"
    )
    children: Mapped[list[AgendaItem]] = relationship(
        back_populates="parent", order_by="AgendaItem.position"
    )
    presenter_person: Mapped[Person | None] = relationship()
    papers: Mapped[list[Paper]] = relationship(
        back_populates="item", order_by="Paper.position", cascade="all, delete-orphan")


class Amendment(Base):
    """A change made to minutes after they were approved: recorded, never a silent edit."""

    __tablename__ = "amendment"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    date: Mapped[dt.date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)

    meeting: Mapped[Meeting] = relationship(back_populates="amendments")

"""What the application prepared for Outlook: the calendar events it keeps updating, and the
e-mails it drafted for people.

The UID of a meeting's or session's calendar event is made once and kept for ever (never
derived from a key that can change), so every later export replaces the same event in the
recipients' calendars. The sequence and a fingerprint of what was last sent (date, times,
venue) tell a re-export whether the event changed.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, CheckConstraint, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base


class CalendarEvent(Base):
    __tablename__ = "calendar_event"
    __table_args__ = (
        CheckConstraint("(meeting_id IS NULL) <> (session_id IS NULL)",
                        name="meeting_or_session"),
        CheckConstraint("sequence >= 0", name="sequence_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(200), unique=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"), unique=True)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("training_session.id"),
                                                   unique=True)
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    # A hash of the date, times and venue last sent: a change means an update.
    fingerprint: Mapped[str] = mapped_column(String(64))
    # True once a cancellation of the whole event was prepared.
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    sent_at: Mapped[dt.datetime] = mapped_column(DateTime)


class PreparedMessage(Base):
    """An e-mail drafted for someone: what kind, when, and about which booking or meeting."""

    __tablename__ = "prepared_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30), index=True)
    prepared_at: Mapped[dt.datetime] = mapped_column(DateTime)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    booking_id: Mapped[int | None] = mapped_column(ForeignKey("booking.id"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"), index=True)

"""Trainers and venues as records of their own, chosen for a session instead of typed each time.

A venue knows how many people its room holds, so a session planned for more can be warned
about; a trainer and a venue are both checked for two sessions at overlapping times.
"""

from __future__ import annotations

from sqlalchemy import CheckConstraint, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, key_column


class Trainer(Base):
    __tablename__ = "trainer"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = key_column()
    name: Mapped[str] = mapped_column(String(300))
    email: Mapped[str | None] = mapped_column(String(320))
    phone: Mapped[str | None] = mapped_column(String(60))
    notes: Mapped[str | None] = mapped_column(Text)

    def __repr__(self) -> str:
        return f"Trainer({self.key!r})"


class Venue(Base):
    __tablename__ = "venue"
    __table_args__ = (
        CheckConstraint("room_capacity IS NULL OR room_capacity > 0",
                        name="room_capacity_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = key_column()
    name: Mapped[str] = mapped_column(String(300))
    address: Mapped[str | None] = mapped_column(Text)
    # Who to ring about the room: a name, a telephone number, or both.
    contact: Mapped[str | None] = mapped_column(String(300))
    phone: Mapped[str | None] = mapped_column(String(60))
    # How many the room seats; None: not known, nothing is checked.
    room_capacity: Mapped[int | None] = mapped_column(Integer)

    def __repr__(self) -> str:
        return f"Venue({self.key!r})"

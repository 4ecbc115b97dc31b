"""Boards and groups (the board, its executive, sub-groups, panels, forums) and membership."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop.models.base import Base, StrEnum, enum_column, key_column
from desktop.models.people import Person


class BoardKind(StrEnum):
    BOARD = "board"
    EXECUTIVE = "executive"
    SUB_GROUP = "sub_group"
    PANEL = "panel"
    FORUM = "forum"


class NumberingStyle(StrEnum):
    """How sub-items of an agenda are labelled: 5.1, 5.2 or 6(a), 6(b)."""

    DECIMAL = "decimal"
    LETTERS = "letters"


class Board(Base):
    __tablename__ = "board"
    __table_args__ = (
        CheckConstraint("quorum IS NULL OR quorum >= 0", name="quorum_not_negative"),
        CheckConstraint("last_action_number >= 0", name="last_action_number_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = key_column()
    name: Mapped[str] = mapped_column(String(300))
    short_name: Mapped[str | None] = mapped_column(String(60))
    kind: Mapped[BoardKind] = mapped_column(enum_column(BoardKind, "board_kind"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("board.id"), index=True)
    quorum: Mapped[int | None] = mapped_column(Integer)
    chair_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    numbering_style: Mapped[NumberingStyle] = mapped_column(
        enum_column(NumberingStyle, "numbering_style"), default=NumberingStyle.DECIMAL
    )
    # High-water mark of action numbers: numbers are never reused, even when the
    # highest-numbered action is withdrawn.
    last_action_number: Mapped[int] = mapped_column(Integer, default=0)

    parent: Mapped[Board | None] = relationship(remote_side="Board.id", back_populates="children")
    children: Mapped[list[Board]] = relationship(back_populates="parent")
    chair: Mapped[Person | None] = relationship()
    memberships: Mapped[list[Membership]] = relationship(
        back_populates="board", order_by="Membership.id"
    )

    def __repr__(self) -> str:
        return f"Board({self.key!r})"


class Membership(Base):
    """A seat held by a person on a board over a period; a person may hold several over time."""

    __tablename__ = "membership"
    __table_args__ = (
        UniqueConstraint("board_id", "person_id", "from_date"),
        CheckConstraint(
            "from_date IS NULL OR to_date IS NULL OR from_date <= to_date", name="dates_in_order"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("board.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    role: Mapped[str | None] = mapped_column(String(400))
    from_date: Mapped[dt.date | None] = mapped_column(Date)
    to_date: Mapped[dt.date | None] = mapped_column(Date)
    deputy_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))

    board: Mapped[Board] = relationship(back_populates="memberships")
    person: Mapped[Person] = relationship(foreign_keys=[person_id])
    deputy: Mapped[Person | None] = relationship(foreign_keys=[deputy_id])

    def covers(self, day: dt.date) -> bool:
        return (self.from_date is None or self.from_date <= day) and (
            self.to_date is None or day <= self.to_date
        )

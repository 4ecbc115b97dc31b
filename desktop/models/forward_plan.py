"""The forward plan: the business a board or group plans for the months ahead ("Annual
report – July", "Section 11 audit – October", a sub-group's report on its cycle), each
entry placed on a meeting or left to the board's first meeting of its month, and linked to
the agenda item it became once an agenda took it."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, enum_column, key_column
from desktop.models.meetings import Purpose


class ForwardPlanEntry(Base):
    __tablename__ = "forward_plan_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = key_column()
    board_id: Mapped[int] = mapped_column(ForeignKey("board.id"), index=True)
    title: Mapped[str] = mapped_column(String(500))
    month: Mapped[dt.date] = mapped_column(Date, index=True)  # the first day of its month
    lead: Mapped[str | None] = mapped_column(String(200))
    purpose: Mapped[Purpose | None] = mapped_column(enum_column(Purpose, "purpose"))
    notes: Mapped[str | None] = mapped_column(Text)
    # Placed on this meeting by hand; None: the board's first meeting of the month.
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting.id", ondelete="SET NULL"), index=True)
    # The agenda item it became; cleared by the database if the item is removed.
    agenda_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_item.id", ondelete="SET NULL"), index=True)

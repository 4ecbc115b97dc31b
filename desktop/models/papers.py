"""Papers for agenda items: each paper's PDF is kept inside the encrypted database.

Keeping the bytes in the SQLCipher file (not in a folder beside it) means a paper is
encrypted at rest with everything else, and every backup carries it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop.models.base import Base
from desktop.models.meetings import AgendaItem


class Paper(Base):
    """One paper (report, briefing) put to an agenda item, as a PDF."""

    __tablename__ = "paper"
    __table_args__ = (
        CheckConstraint("pages > 0", name="pages_positive"),
        CheckConstraint("length(title) > 0", name="title_not_empty"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_item.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(500))
    # Who wrote it, or the agency it comes from ("Director of Children's Services, CCG").
    author: Mapped[str | None] = mapped_column(String(300))
    received: Mapped[dt.date] = mapped_column(Date)
    # The name of the file it came from ("Annual report v3.docx"), shown and offered on saving.
    filename: Mapped[str] = mapped_column(String(300))
    pages: Mapped[int] = mapped_column(Integer)
    size: Mapped[int] = mapped_column(Integer)  # bytes of the PDF, for lists without loading it
    # Loaded only when asked for: lists of papers never pull megabytes of PDF.
    pdf: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)

    item: Mapped[AgendaItem] = relationship(back_populates="papers")

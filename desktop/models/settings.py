"""Application settings kept in the database, so they travel with backups."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base

# The day the file was last compacted (services/privacy/compact.py), or made: since then it
# has held nothing deleted outside its tables (every delete is secure). Set when a database
# is made (opening.py), so only a file from before that is offered compacting.
COMPACTED = "privacy.compacted"


class Setting(Base):
    __tablename__ = "setting"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)

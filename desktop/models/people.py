"""Partner agencies and the people who sit on boards, own actions and attend training."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop.models.base import Base, StrEnum, enum_column, key_column


class Sector(StrEnum):
    LOCAL_AUTHORITY = "local_authority"
    POLICE = "police"
    HEALTH = "health"
    EDUCATION = "education"
    PROBATION = "probation"
    YOUTH_JUSTICE = "youth_justice"
    VOLUNTARY = "voluntary"
    OTHER = "other"


class Agency(Base):
    __tablename__ = "agency"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = key_column()
    name: Mapped[str] = mapped_column(String(300))
    short_name: Mapped[str | None] = mapped_column(String(60))
    sector: Mapped[Sector | None] = mapped_column(enum_column(Sector, "sector"))

    people: Mapped[list[Person]] = relationship(back_populates="agency")

    def __repr__(self) -> str:
        return f"Agency({self.key!r})"


class Person(Base):
    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = key_column()
    name: Mapped[str] = mapped_column(String(200), index=True)
    title: Mapped[str | None] = mapped_column(String(40))
    job_title: Mapped[str | None] = mapped_column(String(300))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id"), index=True)
    email: Mapped[str | None] = mapped_column(String(320), index=True)
    phone: Mapped[str | None] = mapped_column(String(60))
    notes: Mapped[str | None] = mapped_column(Text)

    agency: Mapped[Agency | None] = relationship(back_populates="people")

    @property
    def display_name(self) -> str:
        return f"{self.title} {self.name}" if self.title else self.name

    def __repr__(self) -> str:
        return f"Person({self.key!r})"

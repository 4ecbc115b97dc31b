"""Finding delegates to book, the agencies they come from, and likely duplicates of a new one."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from desktop.models import Agency, Person
from desktop.models.database import Database
from desktop.services.training.common import PersonMatch, likely_duplicates


@dataclass(frozen=True)
class AgencyChoice:
    id: int
    name: str


def list_agencies(db: Database) -> tuple[AgencyChoice, ...]:
    with db.session() as s:
        rows = s.execute(select(Agency.id, Agency.name).order_by(Agency.name, Agency.id))
        return tuple(AgencyChoice(*row) for row in rows)


def search_people(db: Database, text: str, limit: int = 50) -> tuple[PersonMatch, ...]:
    """People whose name or e-mail contains `text` (ignoring case), by name."""
    needle = f"%{text.strip().lower()}%"
    stmt = (
        select(Person.id, Person.name, Person.email, Agency.name)
        .outerjoin(Agency, Agency.id == Person.agency_id)
        .where(func.lower(Person.name).like(needle) | func.lower(Person.email).like(needle))
        .order_by(Person.name, Person.id)
        .limit(limit)
    )
    with db.session() as s:
        return tuple(PersonMatch(*row, reason="") for row in s.execute(stmt))


def possible_duplicates(db: Database, name: str, email: str) -> tuple[PersonMatch, ...]:
    """Before adding a new delegate: people already recorded with the same e-mail or name."""
    with db.session() as s:
        return tuple(likely_duplicates(s, name, email))

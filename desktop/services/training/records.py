"""Trainers and venues: the records a session is given instead of typed names.

Names are unique (ignoring case and spacing) within trainers and within venues, so a choice
in a list or a name in an interchange document points at exactly one record.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.models import Trainer, TrainingSession, Venue
from desktop.models.database import Database
from desktop.services.keys import unique_key
from desktop.services.lengths import EMAIL, NAME, PHONE
from desktop.services.training.common import TrainingError, checked_email


@dataclass(frozen=True)
class TrainerDetails:
    name: str
    email: str = ""
    phone: str = ""
    notes: str = ""


@dataclass(frozen=True)
class TrainerInfo:
    id: int
    key: str
    name: str
    email: str | None
    phone: str | None
    notes: str | None
    sessions: int  # how many sessions name this trainer

    @property
    def details(self) -> TrainerDetails:
        return TrainerDetails(self.name, self.email or "", self.phone or "", self.notes or "")


@dataclass(frozen=True)
class VenueDetails:
    name: str
    address: str = ""
    contact: str = ""
    phone: str = ""
    room_capacity: int | None = None


@dataclass(frozen=True)
class VenueInfo:
    id: int
    key: str
    name: str
    address: str | None
    contact: str | None
    phone: str | None
    room_capacity: int | None
    sessions: int

    @property
    def details(self) -> VenueDetails:
        return VenueDetails(self.name, self.address or "", self.contact or "", self.phone or "",
                            self.room_capacity)


def tidy_name(text: str) -> str:
    return " ".join(text.split())


def _text(value: str, limit: int, label: str) -> str | None:
    value = value.strip()
    if len(value) > limit:
        raise TrainingError(f"{label} can be at most {limit} characters; this one has "
                            f"{len(value)}.")
    return value or None


def _name(s: Session, model: type[Trainer] | type[Venue], name: str, record_id: int | None,
          what: str) -> str:
    name = tidy_name(name)
    if not name:
        raise TrainingError(f"A {what} needs a name.")
    if len(name) > NAME:
        raise TrainingError(f"A {what}'s name can be at most {NAME} characters.")
    same = s.scalar(select(model.id).where(func.lower(model.name) == name.lower(),
                                           model.id != (record_id or 0)))
    if same is not None:
        raise TrainingError(f"There is already a {what} called {name}.")
    return name


def _session_counts(s: Session, column: object) -> dict[int, int]:
    rows = s.execute(select(column, func.count(TrainingSession.id))  # type: ignore[call-overload]
                     .where(column.isnot(None))  # type: ignore[attr-defined]
                     .group_by(column))
    return {record_id: count for record_id, count in rows}


def list_trainers(db: Database) -> tuple[TrainerInfo, ...]:
    with db.session() as s:
        counts = _session_counts(s, TrainingSession.trainer_id)
        return tuple(
            TrainerInfo(t.id, t.key, t.name, t.email, t.phone, t.notes, counts.get(t.id, 0))
            for t in s.scalars(select(Trainer).order_by(func.lower(Trainer.name), Trainer.id)))


def list_venues(db: Database) -> tuple[VenueInfo, ...]:
    with db.session() as s:
        counts = _session_counts(s, TrainingSession.venue_id)
        return tuple(
            VenueInfo(v.id, v.key, v.name, v.address, v.contact, v.phone, v.room_capacity,
                      counts.get(v.id, 0))
            for v in s.scalars(select(Venue).order_by(func.lower(Venue.name), Venue.id)))


def save_trainer(db: Database, details: TrainerDetails, trainer_id: int | None = None) -> int:
    """A new trainer, or the changed one; its id."""
    with db.transaction() as s:
        name = _name(s, Trainer, details.name, trainer_id, "trainer")
        email = checked_email(_text(details.email, EMAIL, "An e-mail address") or "")
        phone = _text(details.phone, PHONE, "A telephone number")
        trainer = _new_or_found(s, Trainer, trainer_id, name, "trainer")
        trainer.name, trainer.email, trainer.phone = name, email, phone
        trainer.notes = details.notes.strip() or None
        s.flush()
        return trainer.id


def save_venue(db: Database, details: VenueDetails, venue_id: int | None = None) -> int:
    """A new venue, or the changed one; its id."""
    if details.room_capacity is not None and details.room_capacity <= 0:
        raise TrainingError("A room holds at least one person; leave it empty if not known.")
    with db.transaction() as s:
        name = _name(s, Venue, details.name, venue_id, "venue")
        venue = _new_or_found(s, Venue, venue_id, name, "venue")
        venue.name = name
        venue.address = details.address.strip() or None
        venue.contact = _text(details.contact, NAME, "A contact")
        venue.phone = _text(details.phone, PHONE, "A telephone number")
        venue.room_capacity = details.room_capacity
        s.flush()
        return venue.id


_Record = TypeVar("_Record", Trainer, Venue)


def _new_or_found(s: Session, model: type[_Record], record_id: int | None, name: str,
                  what: str) -> _Record:
    """A new record of that name (with its own key), or the one being changed."""
    if record_id is None:
        record = model(key=unique_key(s, model, name), name=name)
        s.add(record)
        return record
    found = s.get(model, record_id)
    if found is None:
        raise TrainingError(f"That {what} no longer exists.")
    return found


def delete_trainer(db: Database, trainer_id: int) -> None:
    """Remove a trainer no session names (a trainer who has run sessions stays on record)."""
    _delete(db, Trainer, trainer_id, TrainingSession.trainer_id, "trainer")


def delete_venue(db: Database, venue_id: int) -> None:
    _delete(db, Venue, venue_id, TrainingSession.venue_id, "venue")


def _delete(db: Database, model: type[Trainer] | type[Venue], record_id: int, column: object,
            what: str) -> None:
    with db.transaction() as s:
        record: Trainer | Venue | None = s.get(model, record_id)  # type: ignore[assignment]
        if record is None:
            raise TrainingError(f"That {what} no longer exists.")
        used = s.scalar(select(func.count(TrainingSession.id))
                        .where(column == record_id))  # type: ignore[arg-type]
        if used:
            raise TrainingError(f"{record.name} is the {what} of {used} session(s): change "
                                "those sessions first.")
        s.delete(record)

"""Booking several people onto a session in one go (an agency sends five nominations).

Each person is booked by the same rules as one booking (`book`), in order, inside one
transaction: places go to the first named until the session is full, the rest join the
waiting list. Someone who cannot be booked (already booked, say) is reported and the others
are still booked; if nobody can be, nothing is changed and the reason is given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import cast

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from desktop.models import Agency, Booking, BookingStatus, Person
from desktop.models.database import Database
from desktop.services.training.bookings import book
from desktop.services.training.common import BookingInfo, TrainingError, get_session

# More people than any one list of nominations; the filter narrows a larger directory.
CANDIDATE_LIMIT = 500


@dataclass(frozen=True)
class Candidate:
    id: int
    name: str
    email: str | None
    agency_id: int | None
    agency: str | None
    # "booked", "waiting" etc. when already on this session (not cancelled), else None.
    on_session: str | None


@dataclass(frozen=True)
class NotBooked:
    person_id: int
    person: str
    reason: str


@dataclass(frozen=True)
class BulkBooking:
    booked: tuple[BookingInfo, ...]  # got a place, in the order given
    waiting: tuple[BookingInfo, ...]  # went to the waiting list (waiting_position says where)
    not_booked: tuple[NotBooked, ...]

    def describe(self) -> str:
        parts = []
        if self.booked:
            parts.append("Booked: " + ", ".join(b.person for b in self.booked) + ".")
        if self.waiting:
            parts.append("On the waiting list: " + ", ".join(
                f"{b.person} (number {b.waiting_position})" for b in self.waiting) + ".")
        if self.not_booked:
            parts.append("Not booked: " + "; ".join(
                f"{n.person} ({n.reason.rstrip('.')})" for n in self.not_booked) + ".")
        return " ".join(parts)


class _Within:
    """The one transaction of a bulk booking, offered to `book` as its database: each of its
    units of work is a savepoint, so one person refused leaves the others booked."""

    read_only = False

    def __init__(self, session: Session) -> None:
        self._session = session

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        with self._session.begin_nested():
            yield self._session

    @contextmanager
    def session(self) -> Iterator[Session]:
        yield self._session


def book_many(db: Database, session_id: int, person_ids: Sequence[int],
              now: dt.datetime | None = None) -> BulkBooking:
    """Book each person, in the order given, onto the session, in one transaction."""
    ids = list(dict.fromkeys(person_ids))  # a person ticked twice is booked once
    if not ids:
        raise TrainingError("Choose the people to book.")
    booked: list[BookingInfo] = []
    waiting: list[BookingInfo] = []
    refused: list[NotBooked] = []
    with db.transaction() as s:
        get_session(s, session_id)
        within = cast(Database, _Within(s))
        for person_id in ids:
            try:
                result = book(within, session_id, person_id, now=now)
            except TrainingError as exc:
                person = s.get(Person, person_id)
                refused.append(NotBooked(person_id, person.display_name if person else "?",
                                         str(exc)))
                continue
            (waiting if result.waiting_position is not None else booked).append(result)
        if not booked and not waiting:
            # Nothing to keep: roll back (the savepoints already did) and say why.
            raise TrainingError(refused[0].reason if len(refused) == 1 else
                                "Nobody could be booked: " + "; ".join(
                                    f"{n.person}: {n.reason.rstrip('.')}" for n in refused)
                                + ".")
    return BulkBooking(tuple(booked), tuple(waiting), tuple(refused))


def people_to_book(db: Database, session_id: int, text: str = "",
                   agency_id: int | None = None) -> tuple[Candidate, ...]:
    """People whose name, e-mail or agency contains `text` (ignoring case), from one agency if
    given, by name; each says whether they are already on the session."""
    needle = f"%{text.strip().lower()}%"
    on_session = (
        select(Booking.person_id, Booking.status)
        .where(Booking.session_id == session_id, Booking.status != BookingStatus.CANCELLED)
        .subquery()
    )
    stmt = (
        select(Person.id, Person.name, Person.email, Person.agency_id, Agency.name,
               on_session.c.status)
        .outerjoin(Agency, Agency.id == Person.agency_id)
        .outerjoin(on_session, on_session.c.person_id == Person.id)
        .order_by(func.lower(Person.name), Person.id)
        .limit(CANDIDATE_LIMIT)
    )
    conditions: list[ColumnElement[bool]] = []
    if text.strip():
        conditions.append(func.lower(Person.name).like(needle)
                          | func.lower(func.coalesce(Person.email, "")).like(needle)
                          | func.lower(func.coalesce(Agency.name, "")).like(needle))
    if agency_id is not None:
        conditions.append(Person.agency_id == agency_id)
    if conditions:
        stmt = stmt.where(and_(*conditions))
    with db.session() as s:
        return tuple(
            Candidate(pid, name, email, aid, agency,
                      BookingStatus(status).value if status is not None else None)
            for pid, name, email, aid, agency, status in s.execute(stmt))

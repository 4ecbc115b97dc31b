"""What the apply steps of an import share: the session, the records by key, the report."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.base import instance_state

from desktop.models import (
    Action,
    Agency,
    AgendaItem,
    Board,
    Booking,
    BookingStatus,
    Course,
    Meeting,
    Membership,
    Person,
    SessionFormerKey,
    Trainer,
    TrainingSession,
    Venue,
)
from desktop.services.interchange.importer_bulk import BulkRows, RowsByKey
from desktop.services.interchange.schema import Record


@dataclass
class ImportReport:
    """What an import did, counted per list ("people", "attendance", ...)."""

    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    # Rows of a re-imported meeting that its document no longer lists.
    removed: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    # Approved meetings changed with a reason: meeting key -> amendments recorded.
    amended: dict[str, int] = field(default_factory=dict)


@dataclass
class MeetingState:
    """A meeting as applied, for the steps that come after all meetings (updates, amendments)."""

    meeting: Meeting
    by_initials: dict[str, Person]
    items: dict[str, AgendaItem]
    # Items of the meeting that its re-imported document no longer lists.
    unlisted: list[AgendaItem] = field(default_factory=list)


T = TypeVar("T")

# What `ApplyContext.pick` gives for a field a document leaves out: `assign` leaves it as it is.
KEEP: Any = object()


def _columns(obj: Any) -> tuple[Any, ...]:
    return tuple(getattr(obj, attr.key) for attr in inspect(obj).mapper.column_attrs)


class ApplyContext:
    """The records of the database by their interchange identity, kept current as they change.

    Everything is loaded once up front: an import of a few thousand rows must not cost a query
    per row.
    """

    def __init__(self, session: Session, report: ImportReport, replace: bool = False) -> None:
        self.session = session
        self.report = report
        # True: a field a document leaves out becomes empty; False: it keeps its value.
        self.replace = replace
        # The document being applied is boardwork/1 (its updates set their actions' status).
        self.version_1 = True
        self.agencies = _by_key(session, Agency)
        # New rows written by executemany at the end of each document (importer_bulk).
        self.bulk = BulkRows(session)
        self.people = RowsByKey(self.bulk, _by_key(session, Person))
        self.boards = _by_key(session, Board)
        self.meetings = _by_key(session, Meeting)
        self.courses = _by_key(session, Course)
        self.sessions = _by_key(session, TrainingSession)
        self.trainers = _by_key(session, Trainer)
        self.venues = _by_key(session, Venue)
        self.actions: dict[tuple[str, int], Action] = {
            (board_key, action.number): action
            for action, board_key in session.execute(select(Action, Board.key).join(Board))
        }
        self.memberships: RowsByKey[tuple[str, str, dt.date | None], Membership] = RowsByKey(
            self.bulk, {(board_key, person_key, m.from_date): m
            for m, board_key, person_key in session.execute(
                select(Membership, Board.key, Person.key)
                .join(Board, Membership.board_id == Board.id)
                .join(Person, Membership.person_id == Person.id)
            )})
        # A session is also found by a key it had before it moved.
        self.sessions = {
            former.key: former.session for former in session.scalars(select(SessionFormerKey))
        } | self.sessions
        # Per person and session: the booking a document's record is (the one not cancelled,
        # else the latest), and the earlier ones its `earlier` list describes.
        self.bookings: RowsByKey[tuple[str, str], Booking] = RowsByKey(self.bulk, {})
        self.earlier_bookings: dict[tuple[str, str], list[Booking]] = {}
        for b, session_key, person_key in session.execute(
            select(Booking, TrainingSession.key, Person.key).join(TrainingSession).join(Person)
            .order_by(Booking.id)
        ):
            pair = (session_key, person_key)
            before = self.bookings.get(pair)
            if before is not None and before.status != BookingStatus.CANCELLED:
                self.earlier_bookings.setdefault(pair, []).append(b)
            else:
                if before is not None:
                    self.earlier_bookings.setdefault(pair, []).append(before)
                self.bookings[pair] = b
        self.meeting_states: dict[str, MeetingState] = {}
        self.touched_actions: dict[int, Action] = {}
        # Actions a boardwork/2 document lists: it gives their status and RAG itself.
        self.listed: set[int] = set()
        # Actions given owners not yet written (importer_actions.set_owners).
        self.owners_added: set[int] = set()
        # Action numbers the current document gives, by board key.
        self.claimed: dict[str, set[int]] = {}
        self.prefix = ""
        self._snapshots: dict[int, tuple[str, Any, tuple[Any, ...]]] = {}
        self._changed: set[int] = set()

    # -- counting ----------------------------------------------------------------------------

    def add(self, list_name: str, obj: T) -> T:
        self.session.add(obj)
        self.count_created(list_name)
        return obj

    def count_created(self, list_name: str) -> None:
        self.report.created[list_name] = self.report.created.get(list_name, 0) + 1

    def found(self, list_name: str, obj: T) -> T:
        """An existing row the document describes: counted as updated if the import changes it."""
        if id(obj) not in self._snapshots:
            self._snapshots[id(obj)] = (list_name, obj, _columns(obj))
        return obj

    def changed(self, obj: Any) -> None:
        """`obj` changed in a way its own columns do not show (its owners, say)."""
        self._changed.add(id(obj))

    def removed(self, list_name: str, obj: Any) -> None:
        self.session.delete(obj)
        self.report.removed[list_name] = self.report.removed.get(list_name, 0) + 1

    def finish_document(self) -> None:
        """Flush and write the bulk rows, then count the rows found that really changed
        (foreign keys are set by now)."""
        self.session.flush()
        self.bulk.write()
        counts: Counter[str] = Counter()
        for key, (list_name, obj, before) in self._snapshots.items():
            if key in self._changed or _columns(obj) != before:
                counts[list_name] += 1
        for list_name, count in counts.items():
            self.report.updated[list_name] = self.report.updated.get(list_name, 0) + count
        self._snapshots.clear()
        self._changed.clear()
        self.meeting_states.clear()
        self.touched_actions.clear()
        self.listed.clear()
        self.owners_added.clear()

    def warn(self, path: str, text: str) -> None:
        self.report.warnings.append(f"{self.prefix}{path}: {text}")

    def keeps(self, obj: Any, record: Record, field_name: str) -> bool:
        """True when `record` leaves `field_name` out and `obj`, already in the database,
        keeps what it has there (an import without replace)."""
        return field_name not in record and not self.replace and not is_new(obj)

    def pick(
        self, obj: Any, record: Record, field_name: str, default: Any = None,
        convert: Callable[[Any], Any] | None = None,
    ) -> Any:
        """The value `record` gives `field_name` (through `convert`), KEEP if the field is
        left out of a record of an existing row, or `default` (for a new row, or a replace)."""
        if field_name in record:
            value = record[field_name]
            return convert(value) if convert is not None else value
        return KEEP if self.keeps(obj, record, field_name) else default

    # -- lookups -----------------------------------------------------------------------------

    def person(self, key: str | None) -> Person | None:
        return self.people[key] if key is not None else None

    def agency(self, key: str | None) -> Agency | None:
        return self.agencies[key] if key is not None else None

    def short_names(self) -> set[str]:
        """Short names of boards and agencies: "DSCB" as an owner is a group, not initials."""
        names = {a.short_name for a in self.agencies.values()}
        names |= {b.short_name for b in self.boards.values()}
        return {n for n in names if n}

    def touch(self, action: Action) -> None:
        self.touched_actions[id(action)] = action


def _by_key(session: Session, model: type[T]) -> dict[str, T]:
    return {obj.key: obj for obj in session.scalars(select(model))}  # type: ignore[attr-defined]


def keyed(ctx: ApplyContext, list_name: str, table: dict[str, T], model: type[T], key: str) -> T:
    """The row of `model` with `key`, found or newly added."""
    obj = table.get(key)
    if obj is None:
        obj = ctx.add(list_name, model(key=key))  # type: ignore[call-arg]
        table[key] = obj
        return obj
    return ctx.found(list_name, obj)


def is_new(obj: Any) -> bool:
    """Added by this import and not yet flushed."""
    state = instance_state(obj)  # inspect(obj), without its lookup by type: called per field
    return state.pending or state.transient


def assign(obj: Any, **values: Any) -> None:
    """Set the fields a document gives; a value of KEEP (see `ApplyContext.pick`) leaves the
    field as it is, so that a partial document does not wipe what it does not mention."""
    for name, value in values.items():
        if value is not KEEP and getattr(obj, name) != value:
            setattr(obj, name, value)

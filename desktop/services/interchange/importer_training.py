"""Applying training: courses, their sessions, and bookings (found by session and person)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

from desktop.models import (
    Agency,
    Booking,
    Course,
    Person,
    SessionFormerKey,
    SessionStatus,
    Trainer,
    TrainingSession,
    Venue,
)
from desktop.services.interchange.importer_bulk import NewRow
from desktop.services.interchange.importer_context import ApplyContext, assign, keyed
from desktop.services.interchange.schema import Record
from desktop.services.keys import slugify

Named = TypeVar("Named", Trainer, Venue)


def apply_training(ctx: ApplyContext, document: Record) -> None:
    # Lists of boardwork/2 only: an older document has none, its sessions' names make them.
    for record in document.get("trainers", []):
        apply_trainer(ctx, record)
    for record in document.get("venues", []):
        apply_venue(ctx, record)
    for record in document["courses"]:
        apply_course(ctx, record)
    for record in document["sessions"]:
        apply_session(ctx, record)
    for record in document["bookings"]:
        apply_booking(ctx, record)


def apply_course(ctx: ApplyContext, record: Record) -> None:
    course = keyed(ctx, "courses", ctx.courses, Course, record["key"])
    given = partial(ctx.pick, course, record)
    assign(
        course, title=record["title"], level=given("level"), format=given("format"),
        duration_minutes=given("duration_minutes"), capacity=given("capacity"),
        non_attendance_charge_pence=given("non_attendance_charge"),
        late_cancellation_charge_pence=given("late_cancellation_charge"),
        description=given("description"),
    )


def apply_session(ctx: ApplyContext, record: Record) -> None:
    session = keyed(ctx, "sessions", ctx.sessions, TrainingSession, record["key"])
    given = partial(ctx.pick, session, record)
    assign(
        session, course=ctx.courses[record["course"]], start=record["start"],
        end=given("end"),
        venue=given("venue", convert=lambda name: _named(ctx, "venues", ctx.venues, Venue, name)),
        trainer=given("trainer",
                      convert=lambda name: _named(ctx, "trainers", ctx.trainers, Trainer, name)),
        # None: the course's capacity applies.
        capacity=given("capacity"),
        status=given("status", SessionStatus.SCHEDULED),
    )
    # Former keys are only ever added: a key once given keeps finding the session.
    for key in record.get("former_keys", []):
        if key not in ctx.sessions:
            session.former_keys.append(SessionFormerKey(key=key))
            ctx.sessions[key] = session


def apply_trainer(ctx: ApplyContext, record: Record) -> None:
    trainer = keyed(ctx, "trainers", ctx.trainers, Trainer, record["key"])
    given = partial(ctx.pick, trainer, record)
    assign(trainer, name=_tidy(record["name"]), email=given("email"), phone=given("phone"),
           notes=given("notes"))


def apply_venue(ctx: ApplyContext, record: Record) -> None:
    venue = keyed(ctx, "venues", ctx.venues, Venue, record["key"])
    given = partial(ctx.pick, venue, record)
    assign(venue, name=_tidy(record["name"]), address=given("address"),
           contact=given("contact"), phone=given("phone"),
           room_capacity=given("room_capacity"))


def _tidy(name: str) -> str:
    return " ".join(name.split())


def _named(ctx: ApplyContext, list_name: str, table: dict[str, Named], model: type[Named],
           name: str) -> Named | None:
    """The trainer or venue a session names: the record of that name (ignoring case and
    spacing), else a new one, so a name typed in an older document becomes a record."""
    name = _tidy(name)
    if not name:
        return None
    for record in table.values():
        if _tidy(record.name).casefold() == name.casefold():
            return record
    key, n = slugify(name), 2
    while key in table:
        key, n = f"{slugify(name)}-{n}", n + 1
    made = ctx.add(list_name, model(key=key, name=name))
    table[key] = made
    return made


def apply_booking(ctx: ApplyContext, record: Record) -> None:
    session = ctx.sessions[record["session"]]
    # By the session's key now, also when the document gives a key it had before a move.
    identity = (session.key, record["person"])
    found = ctx.bookings.get(identity)
    if found is None and not record.get("earlier"):
        # A new booking with no history: written by executemany (importer_bulk), with the
        # values the object below would have been given. Its person may be a new row too.
        held = ctx.people.raw(record["person"])
        values = {"id": ctx.bulk.next_id(Booking), "session": session, "person": held}
        agency = held.values.get("agency") if isinstance(held, NewRow) else held.agency
        values |= {name: value for name, value in _event_values(
            ctx, partial(_given, record), record, agency).items() if value is not None}
        ctx.bookings.add_row(identity, ctx.bulk.add(Booking, values))
        ctx.count_created("bookings")
        return
    person = ctx.people[record["person"]]
    # Added by this import and booked again: `get` made it an object (importer_bulk).
    booking = found
    if booking is None:
        booking = ctx.add("bookings", _new_booking(ctx, session, person))
        ctx.bookings[identity] = booking
    else:
        ctx.found("bookings", booking)
    # Earlier events first: a cancelled one is never re-opened by the latest.
    known = ctx.earlier_bookings.setdefault(identity, [])
    for event in record.get("earlier", []):
        match = next((b for b in known if (b.booked_at, b.cancelled_at) ==
                      (event.get("booked_at"), event.get("cancelled_at"))), None)
        if match is None:
            match = ctx.add("bookings", _new_booking(ctx, session, person))
            known.append(match)
        else:
            ctx.found("bookings", match)
        _assign_event(ctx, match, event, person)
    _assign_event(ctx, booking, record, person)


def _new_booking(ctx: ApplyContext, session: TrainingSession, person: Person) -> Booking:
    # Its key from the same counter as the bulk rows', in the order the bookings are added.
    return Booking(id=ctx.bulk.next_id(Booking), session=session, person=person)


def _given(record: Record, field_name: str, default: Any = None,
           convert: Callable[[Any], Any] | None = None) -> Any:
    """`ApplyContext.pick` for a new row: the record's value, else the default."""
    if field_name in record:
        value = record[field_name]
        return convert(value) if convert is not None else value
    return default


def _event_values(ctx: ApplyContext, given: Callable[..., Any], record: Record,
                  agency: Agency | None) -> dict[str, Any]:
    """`agency`: the person's agency now."""
    return {
        "status": record["status"], "booked_at": given("booked_at"),
        "cancelled_at": given("cancelled_at"),
        # The agency as when booked. A boardwork/1 document that does not say means the
        # person's agency now; boardwork/2 writes every agency recorded, so none means none.
        "agency": given("agency", agency if ctx.version_1 else None,
                        convert=ctx.agencies.__getitem__),
        # A charge is kept as recorded, not worked out again from the course.
        "charge_pence": given("charge"), "charge_waived_reason": given("charge_waived"),
        "reason": given("reason"), "reason_note": given("reason_note"),
    }


def _assign_event(ctx: ApplyContext, booking: Booking, record: Record, person: Person) -> None:
    assign(booking, **_event_values(ctx, partial(ctx.pick, booking, record), record,
                                    person.agency))

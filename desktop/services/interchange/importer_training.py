"""Applying training: courses, their sessions, and bookings (found by session and person)."""

from __future__ import annotations

from desktop.models import Booking, Course, SessionStatus, TrainingSession
from desktop.services.interchange.importer_context import ApplyContext, assign, keyed
from desktop.services.interchange.schema import Record


def apply_training(ctx: ApplyContext, document: Record) -> None:
    for record in document["courses"]:
        apply_course(ctx, record)
    for record in document["sessions"]:
        apply_session(ctx, record)
    for record in document["bookings"]:
        apply_booking(ctx, record)


def apply_course(ctx: ApplyContext, record: Record) -> None:
    course = keyed(ctx, "courses", ctx.courses, Course, record["key"])
    assign(
        course, title=record["title"], level=record.get("level"), format=record.get("format"),
        duration_minutes=record.get("duration_minutes"), capacity=record.get("capacity"),
        non_attendance_charge_pence=record.get("non_attendance_charge"),
        description=record.get("description"),
    )


def apply_session(ctx: ApplyContext, record: Record) -> None:
    session = keyed(ctx, "sessions", ctx.sessions, TrainingSession, record["key"])
    assign(
        session, course=ctx.courses[record["course"]], start=record["start"],
        end=record.get("end"), venue=record.get("venue"), trainer=record.get("trainer"),
        # None: the course's capacity applies.
        capacity=record.get("capacity"),
        status=record.get("status", SessionStatus.SCHEDULED),
    )


def apply_booking(ctx: ApplyContext, record: Record) -> None:
    identity = (record["session"], record["person"])
    person = ctx.people[record["person"]]
    booking = ctx.bookings.get(identity)
    if booking is None:
        booking = ctx.add(
            "bookings", Booking(session=ctx.sessions[record["session"]], person=person)
        )
        ctx.bookings[identity] = booking
    else:
        ctx.found("bookings", booking)
    agency_key = record.get("agency")
    assign(
        booking, status=record["status"], booked_at=record.get("booked_at"),
        cancelled_at=record.get("cancelled_at"),
        # The agency as when booked; the person's agency now when the document does not say.
        agency=ctx.agencies[agency_key] if agency_key else person.agency,
        # A charge is kept as recorded, not worked out again from the course.
        charge_pence=record.get("charge"),
    )

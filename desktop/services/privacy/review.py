"""The retention review: every record that has passed its period in the schedule, one line
each, and the one audited step that deals with all of them.

Minutes are never changed here: a meeting past its period, and each confidential item in
it (where a child-level detail is written), is listed for a person to review.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from desktop.models.actions import OPEN_STATUSES, Action, ActionUpdate
from desktop.models.audit import AuditEntry
from desktop.models.boards import Board
from desktop.models.database import Database
from desktop.models.meetings import AgendaItem, Meeting
from desktop.models.people import Person
from desktop.models.training import Booking, Course, TrainingSession
from desktop.services.errors import InvalidInput
from desktop.services.privacy.anonymise import (
    _all_blockers,
    _kept,
    anonymise_many,
    involved_people,
)
from desktop.services.privacy.leftovers import clear_log, forget_deleted_words
from desktop.services.privacy.schedule import PERMANENT, Schedule, load_schedule
from desktop.services.privacy.trail import record_note

ANONYMISE, DELETE, REVIEW = "anonymise", "delete", "review"


@dataclass(frozen=True)
class ReviewLine:
    kind: str  # a schedule kind: bookings, minutes, actions, audit
    record: str  # what a person calls it: "booking 12", "meeting hscb-2018-10-23"
    description: str
    dated: dt.date  # the day its period runs from
    step: str  # ANONYMISE, DELETE or REVIEW
    # Why the step cannot be taken yet (a newer booking, a board member), "" if it can.
    held: str = ""

    @property
    def line(self) -> str:
        what = {ANONYMISE: "anonymise the delegate", DELETE: "delete",
                REVIEW: "review by hand"}[self.step]
        held = f" (held: {self.held})" if self.held else ""
        return f"{self.kind}\t{self.record}\t{self.dated:%Y-%m-%d}\t{self.description}\t" \
               f"{what}{held}"


@dataclass(frozen=True)
class ReviewDone:
    anonymised: int
    actions_deleted: int
    audit_deleted: int
    left_for_review: int


def cut_off(years: int, today: dt.date) -> dt.date:
    """Records dated before this day have passed a period of `years`."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def retention_review(database: Database, today: dt.date | None = None) -> list[ReviewLine]:
    schedule = load_schedule(database)
    with database.session() as session:
        return _review(session, schedule, today or dt.date.today())


def _review(session: Session, schedule: Schedule, today: dt.date) -> list[ReviewLine]:
    lines: list[ReviewLine] = []
    lines += _bookings(session, schedule, today)
    lines += _minutes(session, schedule.of("minutes"), today)
    lines += _actions(session, schedule.of("actions"), today)
    lines += _audit(session, schedule.of("audit"), today)
    return lines


def _bookings(session: Session, schedule: Schedule, today: dt.date) -> list[ReviewLine]:
    years = schedule.of("bookings")
    if years == PERMANENT:
        return []
    before = dt.datetime.combine(cut_off(years, today), dt.time())
    latest = dict(session.execute(
        select(Booking.person_id, func.max(TrainingSession.start))
        .join(TrainingSession, TrainingSession.id == Booking.session_id)
        .group_by(Booking.person_id)).all())
    rows = session.execute(
        select(Booking.id, Person, Course.title, TrainingSession.start)
        .join(TrainingSession, TrainingSession.id == Booking.session_id)
        .join(Course, Course.id == TrainingSession.course_id)
        .join(Person, Person.id == Booking.person_id)
        .where(TrainingSession.start < before, ~Person.name.like("Former %"))
        .order_by(TrainingSession.start, Booking.id)).all()
    held: dict[int, str] = {}
    involved = involved_people(session)
    lines = []
    for booking_id, person, course, start in rows:
        if person.id not in held:
            held[person.id] = _held(session, person, latest[person.id], before, schedule,
                                        today, involved)
        lines.append(ReviewLine("bookings", f"booking {booking_id}",
                                f"{person.name}, {course}, {start:%d %B %Y}", start.date(),
                                ANONYMISE, held[person.id]))
    return lines


def _held(session: Session, person: Person, latest: dt.datetime, before: dt.datetime,
          schedule: Schedule, today: dt.date, involved: set[int]) -> str:
    if latest >= before:
        return f"a newer booking, on {latest:%d %B %Y}"
    found = _all_blockers(session, person, schedule, today, involved)
    return "; ".join(b.reason for b in found)


def _minutes(session: Session, years: int, today: dt.date) -> list[ReviewLine]:
    if years == PERMANENT:
        return []
    lines = []
    for meeting, board in session.execute(
            select(Meeting, Board.name).join(Board, Board.id == Meeting.board_id)
            .where(Meeting.date < cut_off(years, today)).order_by(Meeting.date)):
        lines.append(ReviewLine("minutes", f"meeting {meeting.key}",
                                f"{board}, {meeting.date:%d %B %Y}: minutes and attendance",
                                meeting.date, REVIEW))
        for item in session.scalars(select(AgendaItem).where(
                AgendaItem.meeting_id == meeting.id, AgendaItem.confidential.is_(True))
                .order_by(AgendaItem.position)):
            lines.append(ReviewLine("minutes", f"meeting {meeting.key} item {item.number}",
                                    f"Confidential item: {item.title} (may hold details of "
                                    "a child or family)", meeting.date, REVIEW))
    return lines


def _closed_actions(session: Session, years: int, today: dt.date
                    ) -> list[tuple[Action, str, dt.date]]:
    if years == PERMANENT:
        return []
    last = (select(func.max(ActionUpdate.date)).where(ActionUpdate.action_id == Action.id)
            .correlate(Action).scalar_subquery())
    rows = session.execute(
        select(Action, func.coalesce(Board.short_name, Board.name),
               func.coalesce(last, Action.raised))
        .join(Board, Board.id == Action.board_id)
        .where(Action.status.not_in(list(OPEN_STATUSES)))
        .order_by(Action.board_id, Action.number)).all()
    return [(action, board, day) for action, board, day in rows
            if day is not None and not _kept(day, years, today)]


def _actions(session: Session, years: int, today: dt.date) -> list[ReviewLine]:
    return [ReviewLine("actions", f"action {board} {action.number}",
                       f"{board} action {action.number}: {action.title or action.text[:80]} "
                       f"({action.status.value.replace('_', ' ')})", day, DELETE)
            for action, board, day in _closed_actions(session, years, today)]


def _audit(session: Session, years: int, today: dt.date) -> list[ReviewLine]:
    if years == PERMANENT:
        return []
    before = dt.datetime.combine(cut_off(years, today), dt.time())
    count, first = session.execute(select(func.count(AuditEntry.id), func.min(AuditEntry.at))
                                   .where(AuditEntry.at < before)).one()
    if not count:
        return []
    return [ReviewLine("audit", "audit trail",
                       f"{count} entries of changes made before {before:%d %B %Y}",
                       first.date(), DELETE)]


def apply_retention(database: Database, reason: str,
                    today: dt.date | None = None) -> ReviewDone:
    """Take the step of every line the review lists that is not held, in one transaction;
    each step leaves a note with the reason in the audit trail."""
    reason = reason.strip()
    if not reason:
        raise InvalidInput("Give the reason (e.g. the annual retention review): it is kept "
                           "in the audit trail.", "reason")
    day = today or dt.date.today()
    schedule = load_schedule(database)
    with database.transaction() as session:
        lines = _review(session, schedule, day)
        people: set[int] = set()
        for line in lines:
            if line.step == ANONYMISE and not line.held:
                people.add(session.scalar(select(Booking.person_id).where(
                    Booking.id == int(line.record.split()[-1]))) or 0)
        anonymise_many(session, list(session.scalars(
            select(Person).where(Person.id.in_(people)).order_by(Person.id))),
            f"Retention: {reason}")
        actions = _closed_actions(session, schedule.of("actions"), day)
        for action, board, _day in actions:
            record_note(session, "action", action.id, "retention", reason,
                        f"{board} action {action.number} deleted")
            session.delete(action)
        session.flush()
        audit_deleted = 0
        if schedule.of("audit") != PERMANENT:
            before = dt.datetime.combine(cut_off(schedule.of("audit"), day), dt.time())
            audit_deleted = session.connection().execute(
                delete(AuditEntry).where(AuditEntry.at < before)).rowcount or 0
            if audit_deleted:
                record_note(session, "audit_entry", "-", "retention", reason,
                            f"{audit_deleted} entries before {before:%Y-%m-%d} deleted")
        # The deleted actions' words, and the index's leftovers of minutes as they were
        # before the changes whose trail entries just went: out of the search index too.
        if actions or audit_deleted:
            forget_deleted_words(session)
        done = ReviewDone(len(people), len(actions), audit_deleted,
                          sum(1 for line in lines if line.step == REVIEW or line.held))
    clear_log(database)  # what was deleted or anonymised, still in the write-ahead log
    return done

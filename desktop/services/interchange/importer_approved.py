"""Approved minutes change only through a recorded amendment, on import as in the app.

Before a document is applied, the approved meetings it describes are noted as they stand
(details, status, attendance, items with their minutes); after it is applied they are compared.
A difference refuses the whole import, naming the meeting, unless the user asked for it
explicitly with a reason: then each change is recorded as an amendment with that reason.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import AgendaItem, Amendment, Attendance, Meeting, MeetingStatus, Person
from desktop.services.interchange.importer_context import ApplyContext
from desktop.services.interchange.importer_meetings import tree_order
from desktop.services.interchange.schema import ImportRejected, Record


class ApprovedMinutesChanged(ImportRejected):
    """The documents would change approved minutes: importing them again with a reason
    records each change as an amendment."""


DETAILS = (
    "board_id", "title", "kind", "date", "start", "end", "venue", "closed_at", "next_meeting",
    "chair_id", "minute_taker_id",
)
ATTENDANCE = ("status", "initials", "role", "representing_id", "arrived", "left", "note")
ITEM = (
    "number", "parent_id", "title", "presenter", "presenter_id", "purpose", "confidential",
    "minutes_html",
)
# How a changed column is named in an amendment.
WORDS = {
    "board_id": "board", "chair_id": "chair", "minute_taker_id": "minute taker",
    "closed_at": "closing time", "next_meeting": "next meeting", "start": "start time",
    "end": "end time", "representing_id": "representing", "presenter_id": "presenter",
    "parent_id": "place in the agenda", "minutes_html": "minutes", "number": "number",
}


@dataclass(frozen=True)
class Minutes:
    """What approved minutes say, as plain values (ids for the rows they refer to)."""

    status: MeetingStatus
    details: tuple[Any, ...]
    attendance: dict[int, tuple[Any, ...]]  # person id -> columns
    items: dict[int, tuple[Any, ...]]  # item id -> columns, in agenda order
    order: tuple[int, ...]  # item ids in agenda order

    @classmethod
    def of(cls, session: Session, meeting: Meeting) -> Minutes:
        rows = session.scalars(select(Attendance).where(Attendance.meeting_id == meeting.id)
                               .order_by(Attendance.position, Attendance.id))
        items = list(session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)
                                     .order_by(AgendaItem.position, AgendaItem.id)))
        return cls(
            status=meeting.status,
            details=_columns(meeting, DETAILS),
            attendance={a.person_id: _columns(a, ATTENDANCE) for a in rows},
            items={i.id: _columns(i, ITEM) for i in items},
            order=tuple(i.id for i in tree_order(items)),
        )


def _columns(obj: Any, names: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple(getattr(obj, name) for name in names)


def approved_minutes(ctx: ApplyContext, document: Record) -> dict[str, Minutes]:
    """The approved meetings of the database that `document` describes, as they stand."""
    found: dict[str, Minutes] = {}
    for record in document["meetings"]:
        meeting = ctx.meetings.get(record["key"])
        if meeting is not None and meeting.status is MeetingStatus.APPROVED:
            found[record["key"]] = Minutes.of(ctx.session, meeting)
    return found


def guard_approved_minutes(
    ctx: ApplyContext, document: Record, before: dict[str, Minutes], reason: str | None,
    today: dt.date | None = None,
) -> list[str]:
    """After the document is applied (and flushed): the errors for approved minutes it
    changed, or, given a reason, nothing, with each change recorded as an amendment."""
    errors: list[str] = []
    for record in document["meetings"]:
        previous = before.get(record["key"])
        if previous is None:
            continue
        meeting = ctx.meetings[record["key"]]
        changes = _changes(ctx.session, previous, Minutes.of(ctx.session, meeting))
        if not changes:
            continue
        if reason is None:
            kinds = sorted({kind for kind, _words in changes}, key=KINDS.index)
            errors.append(
                f"{ctx.prefix}{record.path}: the minutes of meeting {record['key']!r} of "
                f"{meeting.date.isoformat()} are approved, and this import would change "
                f"{_listed(kinds)}. Approved minutes change only through a recorded "
                "amendment: import again giving a reason (boardwork import --amend-approved "
                "--reason TEXT), and each change is recorded as an amendment with it."
            )
            continue
        for _kind, words in changes:
            meeting.amendments.append(Amendment(
                position=len(meeting.amendments), date=today or dt.date.today(),
                text=f"{words} (changed by an import): {reason}",
            ))
        ctx.report.amended[record["key"]] = len(changes)
    ctx.session.flush()
    return errors


KINDS = ["its status", "its details", "its attendance", "its agenda items and minutes"]


def _listed(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _changed_columns(names: tuple[str, ...], old: tuple[Any, ...], new: tuple[Any, ...]
                     ) -> str:
    changed = [WORDS.get(n, n) for n, a, b in zip(names, old, new, strict=True) if a != b]
    return ", ".join(changed)


def _changes(session: Session, old: Minutes, new: Minutes) -> list[tuple[str, str]]:
    """(kind, words for an amendment) of each difference between `old` and `new`."""
    changes: list[tuple[str, str]] = []
    if old.status != new.status:
        changes.append((KINDS[0], f"Status changed from {old.status} to {new.status}"))
    if old.details != new.details:
        changes.append((KINDS[1], "Meeting details changed: "
                        + _changed_columns(DETAILS, old.details, new.details)))
    people = set(old.attendance) | set(new.attendance)
    query = select(Person.id, Person.name).where(Person.id.in_(people))
    names: dict[int, str] = {person_id: name for person_id, name in session.execute(query)}
    for person_id in sorted(people, key=lambda p: names.get(p, "")):
        was, now = old.attendance.get(person_id), new.attendance.get(person_id)
        if was == now:
            continue
        what = ("added" if was is None else "removed" if now is None
                else "changed: " + _changed_columns(ATTENDANCE, was, now))
        changes.append((KINDS[2], f"Attendance of {names.get(person_id, 'a person')} {what}"))
    for item_id in [*old.order, *(i for i in new.order if i not in old.items)]:
        was, now = old.items.get(item_id), new.items.get(item_id)
        if was == now:
            continue
        label = (now or was or ("",))[0]
        what = ("added" if was is None else "removed" if now is None
                else "changed: " + _changed_columns(ITEM, was, now))
        changes.append((KINDS[3], f"Item {label} {what}".replace("Item  ", "Item ")))
    if old.order != new.order and {*old.order} == {*new.order}:
        changes.append((KINDS[3], "Order of the agenda items changed"))
    return changes

"""Warnings about what a document holds that is allowed but likely a mistake.

Two keys that look the same but are encoded differently (é as one character or as e and a
combining accent) name two records; item labels "1" and "1 " are two items; a session can end
up with more bookings than places. The import goes ahead; the user is told where to look.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable

from sqlalchemy import func, select

from desktop.models import Booking, TrainingSession
from desktop.services.interchange.importer_checks import KEYED, item_tree
from desktop.services.interchange.importer_context import ApplyContext
from desktop.services.interchange.schema import Record
from desktop.services.training.common import PLACE_HOLDING


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _label_folded(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _groups(values: Iterable[str], fold: Callable[[str], str]) -> dict[str, set[str]]:
    groups: dict[str, set[str]] = {}
    for value in values:
        groups.setdefault(fold(value), set()).add(value)
    return {folded: group for folded, group in groups.items() if len(group) > 1}


def warn_lookalikes(ctx: ApplyContext, document: Record) -> None:
    tables: dict[str, Iterable[str]] = {
        "agencies": ctx.agencies, "people": ctx.people, "boards": ctx.boards,
        "meetings": ctx.meetings, "courses": ctx.courses, "sessions": ctx.sessions,
    }
    for list_name in KEYED:
        # Every key the database now holds, compared with those of this document.
        groups = _groups(tables[list_name], _folded)
        for record in document[list_name]:
            key = record.get("key")
            group = groups.get(_folded(key)) if key is not None else None
            if group:
                others = ", ".join(ascii(k) for k in sorted(group - {key}))
                ctx.warn(f"{record.path}.key", (
                    f"{key!a} looks the same as {others} but is written with other "
                    "Unicode characters: they are different records"
                ))
    for meeting in document["meetings"]:
        _warn_labels(ctx, meeting)
    _warn_overbooked(ctx, document)


def _warn_labels(ctx: ApplyContext, meeting: Record) -> None:
    items = list(item_tree(meeting.get("items", [])))
    labelled = [item for item in items if item.get("number")]
    groups = _groups((item["number"] for item in labelled), _label_folded)
    reported: set[str] = set()
    for item in labelled:
        folded = _label_folded(item["number"])
        if folded in groups and folded not in reported:
            reported.add(folded)
            labels = " and ".join(repr(label) for label in sorted(groups[folded]))
            ctx.warn(f"{item.path}.number", (
                f"the item labels {labels} differ only in spaces, case or how their "
                "characters are written: they are different items"
            ))


def _warn_overbooked(ctx: ApplyContext, document: Record) -> None:
    first: dict[str, Record] = {}
    for booking in document["bookings"]:
        first.setdefault(booking["session"], booking)
    keys = list(first)
    sessions = [ctx.sessions[key] for key in keys]
    if not sessions:
        return
    query = (
        select(Booking.session_id, func.count())
        .where(Booking.session_id.in_([s.id for s in sessions]))
        .where(Booking.status.in_(PLACE_HOLDING))
        .group_by(Booking.session_id)
    )
    taken: Counter[int] = Counter({session_id: n for session_id, n in ctx.session.execute(query)})
    for key, session in zip(keys, sessions, strict=True):
        capacity = _capacity(session)
        if capacity is not None and taken[session.id] > capacity:
            ctx.warn(f"{first[key].path}.session", (
                f"session {key!r} is overbooked: {taken[session.id]} places are taken "
                f"(booked or attended) but the session has {capacity}"
            ))


def _capacity(session: TrainingSession) -> int | None:
    return session.capacity if session.capacity is not None else session.course.capacity

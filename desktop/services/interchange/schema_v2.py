"""The fields boardwork/2 adds to boardwork/1 (docs/INTERCHANGE-2.md), and reading either.

Every addition is an optional field on an object boardwork/1 already has, plus one optional
top-level `settings` object: a boardwork/1 document is read with the boardwork/1 shapes, so a
field of version 2 in it is still an unknown field.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from desktop.models import BookingStatus, NumberingStyle, StandingItem
from desktop.services.interchange.forward_plan_records import PLAN_ENTRY
from desktop.services.interchange.schema import (
    ACTION_UPDATE,
    BOARD,
    BOOKING,
    COURSE,
    DOCUMENT,
    INVALID,
    ITEM,
    MEETING,
    PERSON,
    SESSION,
    Parser,
    Record,
    Spec,
    boolean,
    date,
    date_time,
    integer,
    money,
    name,
    one_of,
    opt,
    parse_document,
    parse_record,
    records,
    req,
    text,
    wrong_type,
)
from desktop.services.privacy.schedule import KINDS as RETENTION_KINDS
from desktop.services.privacy.schedule import MAX_YEARS
from desktop.services.settings import LIMITS, logo_problem
from desktop.services.training.common import BOOKING_REASONS

VERSION_1 = "boardwork/1"


def at_most(maximum: int, minimum: int) -> Parser:
    low = integer(minimum)

    def parse(value: Any, path: str, errors: list[str]) -> Any:
        parsed = low(value, path, errors)
        if parsed is not INVALID and parsed > maximum:
            errors.append(f"{path}: {value} is more than {maximum}")
            return INVALID
        return parsed

    return parse


def picture(value: Any, path: str, errors: list[str]) -> Any:
    """A PNG or JPEG picture as base64 text; the bytes."""
    if not isinstance(value, str):
        return wrong_type(value, "a string: a PNG or JPEG picture in base64", path, errors)
    try:
        image = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        errors.append(f"{path}: not a picture in base64")
        return INVALID
    if problem := logo_problem(image):
        errors.append(f"{path}: {problem}")
        return INVALID
    return image


def organisation(value: Any, path: str, errors: list[str]) -> Any:
    """As the settings screen takes it: text of at most 200 characters."""
    parsed = text(value, path, errors)
    if parsed is not INVALID and len(parsed) > 200:
        errors.append(f"{path}: longer than 200 characters")
        return INVALID
    return parsed


def _limited(option: str) -> Parser:
    low, high = LIMITS[option]
    return at_most(high, low)


RETENTION: Spec = {kind.name: opt(at_most(MAX_YEARS, 0)) for kind in RETENTION_KINDS}


def _retention(value: Any, path: str, errors: list[str]) -> Any:
    """The retention schedule: whole years per kind of record, 0 for kept permanently."""
    return parse_record(value, path, RETENTION, errors) or INVALID


SETTINGS: Spec = {
    "organisation_name": opt(organisation),
    "reporting_year_start_month": opt(_limited("reporting_year_start_month")),
    "late_cancellation_hours": opt(_limited("late_cancellation_hours")),
    "logo": opt(picture),
    "retention": opt(_retention),
}


def _outlook(value: Any, path: str, errors: list[str]) -> Any:
    from desktop.services.interchange.outlook_records import parse_outlook

    return parse_outlook(value, path, errors)


def _cycle(value: Any, path: str, errors: list[str]) -> Any:
    from desktop.services.interchange.cycle_records import parse_cycle

    return parse_cycle(value, path, errors)


def _settings(value: Any, path: str, errors: list[str]) -> Any:
    return parse_record(value, path, SETTINGS, errors) or INVALID


PERSON_2: Spec = PERSON | {"notes": opt(text)}
BOARD_2: Spec = BOARD | {
    "chair": opt(name), "numbering": opt(one_of(NumberingStyle)),
    "last_action_number": opt(integer(0)),
}
def paper_pdf(value: Any, path: str, errors: list[str]) -> Any:
    """A paper's PDF as base64 text, checked as an attached file is; the bytes."""
    from desktop.services.errors import InvalidInput
    from desktop.services.papers.intake import MAX_BYTES, MAX_MB, checked_pdf

    if not isinstance(value, str):
        return wrong_type(value, "a string: a PDF in base64", path, errors)
    if len(value) > MAX_BYTES * 4 // 3 + 4:
        errors.append(f"{path}: a paper can be at most {MAX_MB} MB")
        return INVALID
    try:
        data = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        errors.append(f"{path}: not a PDF in base64")
        return INVALID
    try:
        data, _pages = checked_pdf(data, "the paper")
    except InvalidInput as exc:
        errors.append(f"{path}: {exc.message}")
        return INVALID
    return data


# A paper attached to an item (desktop/services/papers): its PDF travels inside the document.
PAPER: Spec = {
    "title": req(name), "author": opt(name), "received": req(date), "filename": req(name),
    "pdf": req(paper_pdf),
}
ITEM_2: Spec = ITEM | {"standing": opt(one_of(StandingItem)), "number_fixed": opt(boolean),
                       "paper_expected": opt(boolean), "papers": opt(records(PAPER))}
ITEM_2["items"] = opt(records(ITEM_2))
# An update given at a meeting is dated by it, unless it was recorded with another date.
ACTION_UPDATE_2: Spec = ACTION_UPDATE | {"date": opt(date)}
MEETING_2: Spec = MEETING | {
    "items": opt(records(ITEM_2)), "action_updates": opt(records(ACTION_UPDATE_2)),
    "paper_deadline": opt(date),
}
COURSE_2: Spec = COURSE | {"late_cancellation_charge": opt(money)}
def reason_code(value: Any, path: str, errors: list[str]) -> Any:
    if not isinstance(value, str):
        return wrong_type(value, "a string", path, errors)
    if value not in BOOKING_REASONS:
        errors.append(f"{path}: {value[:40]!r} is not one of {', '.join(BOOKING_REASONS)}")
        return INVALID
    return value


def keys(value: Any, path: str, errors: list[str]) -> Any:
    if not isinstance(value, list):
        return wrong_type(value, "a list of keys", path, errors)
    parsed = [name(key, f"{path}[{i}]", errors) for i, key in enumerate(value)]
    return INVALID if INVALID in parsed else parsed


# Keys a session had before it moved to another date: still found by them.
SESSION_2: Spec = SESSION | {"former_keys": opt(keys)}
# One booking event of the person on the session: the reason a charge was waived (a waived
# charge is kept on the booking but not owed), and why it was cancelled or not attended.
BOOKING_EVENT: Spec = {
    "status": req(one_of(BookingStatus)), "booked_at": opt(date_time),
    "cancelled_at": opt(date_time), "agency": opt(name), "charge": opt(money),
    "charge_waived": opt(name), "reason": opt(reason_code), "reason_note": opt(text),
}
# The latest booking of the person on the session, with the earlier (cancelled) ones.
BOOKING_2: Spec = BOOKING | BOOKING_EVENT | {"earlier": opt(records(BOOKING_EVENT))}

# Trainers and venues as records (a session's `venue` and `trainer` stay names: a name no
# record has makes one, so a boardwork/1 document or an older boardwork/2 one still imports).
TRAINER: Spec = {
    "key": req(name), "name": req(name), "email": opt(text), "phone": opt(text),
    "notes": opt(text),
}
VENUE: Spec = {
    "key": req(name), "name": req(name), "address": opt(text), "contact": opt(text),
    "phone": opt(text), "room_capacity": opt(integer(1)),
}

LISTS_2: dict[str, Spec] = {
    "people": PERSON_2, "boards": BOARD_2, "meetings": MEETING_2, "courses": COURSE_2,
    "sessions": SESSION_2, "bookings": BOOKING_2, "trainers": TRAINER, "venues": VENUE,
}
DOCUMENT_2: Spec = DOCUMENT | {key: opt(records(s)) for key, s in LISTS_2.items()} | {
    "settings": opt(_settings),
    # E-mail templates and calendar bookkeeping: desktop/services/interchange/outlook_records.
    "outlook": opt(_outlook),
    # Each board's planned business: desktop/services/interchange/forward_plan_records.py.
    "forward_plan": opt(records(PLAN_ENTRY)),
    # Minutes versions and steps, declarations, decisions, interests, review dates:
    # desktop/services/interchange/cycle_records.
    "cycle": opt(_cycle),
}


def parse_any_version(document: Any, errors: list[str]) -> Record:
    """A boardwork/1 or boardwork/2 document, each read with its own shapes."""
    version_1 = isinstance(document, dict) and document.get("format") == VERSION_1
    return parse_document(document, errors, DOCUMENT if version_1 else DOCUMENT_2)


def is_version_1(document: Record) -> bool:
    return document.get("format") == VERSION_1

"""The shape of a boardwork/1 document (INTERCHANGE.md), checked field by field; the fields
boardwork/2 adds are in schema_v2.py.

Parsing turns the JSON into Records holding Python values (dates, enums, pence) and collects
one message per problem, each with the path of the offending field, so that the user sees
every problem of a document at once and nothing has been written yet.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from desktop.models import (
    ActionStatus,
    AttendanceStatus,
    BoardKind,
    BookingStatus,
    CourseFormat,
    CourseLevel,
    MeetingKind,
    MeetingStatus,
    Purpose,
    Rag,
    Sector,
    SessionStatus,
)
from desktop.models.base import StrEnum
from desktop.services.interchange import limits
from desktop.services.interchange.limits import shown

# What an export writes; an import reads both (docs/INTERCHANGE-2.md).
FORMAT = "boardwork/2"
FORMATS = ("boardwork/1", "boardwork/2")


class ImportRejected(Exception):
    """A document (or file) cannot be imported; `errors` says why. Nothing was changed."""

    def __init__(self, errors: Sequence[str]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


class Record(dict[str, Any]):
    """One object of a document after parsing: its valid fields, and where it was."""

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path


# Returned by a parser whose value was wrong (its message is already in the list).
INVALID: Any = object()

Parser = Callable[[Any, str, list[str]], Any]


@dataclass(frozen=True)
class Field:
    parse: Parser
    required: bool = False


Spec = dict[str, Field]


def json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    for kind, words in ((dict, "an object"), (list, "a list"), (str, "a string")):
        if isinstance(value, kind):
            return words
    return f"the number {shown(value)}" if isinstance(value, (int, float)) else "null"


def wrong_type(value: Any, expected: str, path: str, errors: list[str]) -> Any:
    errors.append(f"{path}: expected {expected}, not {json_type(value)}")
    return INVALID


def text(value: Any, path: str, errors: list[str]) -> Any:
    if not isinstance(value, str):
        return wrong_type(value, "a string", path, errors)
    cleaned = limits.clean_string(value, path, errors)
    return INVALID if cleaned is None else cleaned


def name(value: Any, path: str, errors: list[str]) -> Any:
    """Text that must say something: keys, names, titles, references."""
    if not isinstance(value, str):
        return wrong_type(value, "a string", path, errors)
    cleaned = limits.clean_string(value, path, errors)
    if cleaned is None:
        return INVALID
    if not cleaned.strip():
        errors.append(f"{path}: must not be empty")
        return INVALID
    return cleaned


def label(value: Any, path: str, errors: list[str]) -> Any:
    """An item's number as printed; "" for an item printed without one."""
    parsed = text(value, path, errors)
    return "" if parsed is not INVALID and not parsed.strip() else parsed


def boolean(value: Any, path: str, errors: list[str]) -> Any:
    return value if isinstance(value, bool) else wrong_type(value, "true or false", path, errors)


def integer(minimum: int, maximum: int = limits.MAX_COUNT) -> Parser:
    def parse(value: Any, path: str, errors: list[str]) -> Any:
        # JSON true is a Python int; 30.0 is not a count.
        if isinstance(value, bool) or not isinstance(value, int):
            return wrong_type(value, "a whole number", path, errors)
        if value < minimum:
            errors.append(f"{path}: {shown(value)} is less than {minimum}")
            return INVALID
        if value > maximum:  # SQLite stores no more than 2**63 - 1
            errors.append(f"{path}: {shown(value)} is more than {maximum:,}")
            return INVALID
        return value

    return parse


def one_of(enum_cls: type[StrEnum]) -> Parser:
    def parse(value: Any, path: str, errors: list[str]) -> Any:
        if not isinstance(value, str):
            return wrong_type(value, "a string", path, errors)
        if value not in enum_cls.values():
            errors.append(f"{path}: {shown(value)} is not one of {', '.join(enum_cls.values())}")
            return INVALID
        return enum_cls(value)

    return parse


def _shaped(pattern: str, convert: Callable[[str], Any], shape: str) -> Parser:
    regex = re.compile(pattern)

    def parse(value: Any, path: str, errors: list[str]) -> Any:
        if not isinstance(value, str):
            return wrong_type(value, f"a string: {shape}", path, errors)
        if regex.fullmatch(value):
            try:
                return convert(value)
            except ValueError:
                pass  # the right shape but no such day or hour: reported below
            except OverflowError as exc:  # the right shape but out of range (money)
                errors.append(f"{path}: {exc}")
                return INVALID
        errors.append(f"{path}: {shown(value)} is not {shape}")
        return INVALID

    return parse


def _time(value: str) -> dt.time:
    return dt.time(int(value[:2]), int(value[3:]))


def _pence(value: str) -> int:
    pounds, pence = value.split(".")
    if len(pounds.lstrip("0")) > len(str(limits.MAX_PENCE // 100)):
        raise OverflowError(f"is more than {format_money(limits.MAX_PENCE)}, the most allowed")
    return int(pounds) * 100 + int(pence)


date = _shaped(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", dt.date.fromisoformat, "a date (YYYY-MM-DD)")
time = _shaped(r"[0-9]{2}:[0-9]{2}", _time, "a time (HH:MM, 24 hour)")
date_time = _shaped(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}",
    # For this shape the same value or ValueError as strptime(v, "%Y-%m-%dT%H:%M") (checked
    # over every month, day, hour and minute of two digits), a hundred times faster: a year's
    # bookings give 5,000 (benchmarks/FINDINGS.md, issue 19 session 9).
    dt.datetime.fromisoformat,
    "a date-time (YYYY-MM-DDTHH:MM)",
)
money = _shaped(
    r"[0-9]+\.[0-9]{2}", _pence, 'an amount of money (pounds with two decimals, "50.00")'
)


def owners(value: Any, path: str, errors: list[str]) -> Any:
    if not isinstance(value, list):
        return wrong_type(value, "a list of owners", path, errors)
    if not value:
        errors.append(f"{path}: must name at least one owner")
        return INVALID
    parsed = [name(owner, f"{path}[{i}]", errors) for i, owner in enumerate(value)]
    return INVALID if INVALID in parsed else parsed


def parse_record(value: Any, path: str, spec: Spec, errors: list[str]) -> Record | None:
    if not isinstance(value, dict):
        wrong_type(value, "an object", path, errors)
        return None
    record = Record(path)
    prefix = f"{path}." if path else ""
    for field_name, raw in value.items():
        field = spec.get(field_name)
        if field is None:
            errors.append(f"{prefix}{limits.shown_name(field_name)}: unknown field")
        elif raw is not None:  # JSON null is the same as leaving the field out
            parsed = field.parse(raw, prefix + field_name, errors)
            if parsed is not INVALID:
                record[field_name] = parsed
    for field_name, field in spec.items():
        if field.required and value.get(field_name) is None:
            errors.append(f"{prefix}{field_name}: missing")
    return record


def records(spec: Spec) -> Parser:
    def parse(value: Any, path: str, errors: list[str]) -> Any:
        if not isinstance(value, list):
            return wrong_type(value, "a list", path, errors)
        parsed = [parse_record(item, f"{path}[{i}]", spec, errors) for i, item in enumerate(value)]
        return [record for record in parsed if record is not None]

    return parse


def _format(value: Any, path: str, errors: list[str]) -> Any:
    if value not in FORMATS:
        readable = " and ".join(repr(f) for f in FORMATS)
        errors.append(f"{path}: {shown(value)} is not a format this version reads "
                      f"(it reads {readable})")
        return INVALID
    return value


def req(parse: Parser) -> Field:
    return Field(parse, required=True)


def opt(parse: Parser) -> Field:
    return Field(parse)


AGENCY: Spec = {
    "key": req(name), "name": req(name), "short_name": opt(text), "sector": opt(one_of(Sector)),
}
PERSON: Spec = {
    "key": req(name), "name": req(name), "title": opt(text), "job_title": opt(text),
    "agency": opt(name), "email": opt(text), "phone": opt(text),
}
BOARD: Spec = {
    "key": req(name), "name": req(name), "short_name": opt(text),
    "kind": req(one_of(BoardKind)), "parent": opt(name), "quorum": opt(integer(0)),
}
MEMBERSHIP: Spec = {
    "board": req(name), "person": req(name), "role": opt(text), "from": opt(date),
    "to": opt(date), "deputy": opt(name),
}
ATTENDANCE: Spec = {
    "person": req(name), "status": req(one_of(AttendanceStatus)), "initials": opt(name),
    "role": opt(text), "representing": opt(name), "arrived": opt(time), "left": opt(time),
    "note": opt(text),
}
ITEM: Spec = {
    "number": opt(label), "title": req(name), "presenter": opt(name),
    "purpose": opt(one_of(Purpose)), "confidential": opt(boolean), "minutes_html": opt(text),
}
ITEM["items"] = opt(limits.nested(records(ITEM), "items", limits.MAX_ITEM_DEPTH))
UPDATE: Spec = {
    "date": req(date), "text": req(name), "status": opt(one_of(ActionStatus)),
    "rag": opt(one_of(Rag)),
}
_ACTION_BODY: Spec = {
    "title": opt(text), "text": req(name), "owners": req(owners), "due": opt(date),
    "status": opt(one_of(ActionStatus)), "rag": opt(one_of(Rag)),
}
# `updates` on an action raised at a meeting is an extension of the format: it carries the
# updates recorded without a meeting (an export must be able to write them somewhere).
MEETING_ACTION: Spec = {
    "number": opt(integer(1)), "item": opt(name), **_ACTION_BODY, "updates": opt(records(UPDATE)),
}
ACTION_UPDATE: Spec = {
    "action": req(integer(1)), "text": req(name), "status": opt(one_of(ActionStatus)),
    "rag": opt(one_of(Rag)),
}
AMENDMENT: Spec = {"date": req(date), "text": req(name)}
MEETING: Spec = {
    "key": req(name), "board": req(name), "title": opt(text), "kind": opt(one_of(MeetingKind)),
    "date": req(date), "start": opt(time), "end": opt(time), "venue": opt(text),
    "closed_at": opt(time), "next_meeting": opt(date), "chair": opt(name),
    "minute_taker": opt(name), "status": opt(one_of(MeetingStatus)),
    "amendments": opt(records(AMENDMENT)), "attendance": opt(records(ATTENDANCE)),
    "items": opt(records(ITEM)), "actions": opt(records(MEETING_ACTION)),
    "action_updates": opt(records(ACTION_UPDATE)),
}
ACTION: Spec = {
    "board": req(name), "number": req(integer(1)), "raised": opt(date), **_ACTION_BODY,
    "updates": opt(records(UPDATE)),
}
COURSE: Spec = {
    "key": req(name), "title": req(name), "level": opt(one_of(CourseLevel)),
    "format": opt(one_of(CourseFormat)), "duration_minutes": opt(integer(1)),
    "capacity": opt(integer(1)), "non_attendance_charge": opt(money),
    "description": opt(text),
}
SESSION: Spec = {
    "key": req(name), "course": req(name), "start": req(date_time), "end": opt(date_time),
    "venue": opt(text), "trainer": opt(text), "capacity": opt(integer(1)),
    "status": opt(one_of(SessionStatus)),
}
BOOKING: Spec = {
    "session": req(name), "person": req(name), "status": req(one_of(BookingStatus)),
    "booked_at": opt(date_time), "cancelled_at": opt(date_time), "agency": opt(name),
    "charge": opt(money),
}
LISTS: dict[str, Spec] = {
    "agencies": AGENCY, "people": PERSON, "boards": BOARD, "memberships": MEMBERSHIP,
    "meetings": MEETING, "actions": ACTION, "courses": COURSE, "sessions": SESSION,
    "bookings": BOOKING,
}
DOCUMENT: Spec = {"format": req(_format), **{key: opt(records(s)) for key, s in LISTS.items()}}


def parse_document(document: Any, errors: list[str], spec: Spec = DOCUMENT) -> Record:
    """The document's records by list name (every list present, possibly empty)."""
    parsed = Record("")
    if isinstance(document, dict):
        parsed = parse_record(document, "", spec, errors) or parsed
    else:
        errors.append(f"the document must be a JSON object, not {json_type(document)}")
    for list_name in LISTS:
        parsed.setdefault(list_name, [])
    return parsed


# The shapes of INTERCHANGE.md, for writing (the exporter) as well as reading.
def format_time(value: dt.time) -> str:
    return value.strftime("%H:%M")


def format_date_time(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M")


def format_money(pence: int) -> str:
    return f"{pence // 100}.{pence % 100:02d}"

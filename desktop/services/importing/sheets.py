"""Rows of an action log, a people or membership list, or a booking system's export, turned
into an interchange document (see plan.py). Nothing here writes to the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from desktop.services.importing.existing import Existing, folded, match_person
from desktop.services.importing.mapping import FIELD_LABELS, missing_fields, normalise
from desktop.services.importing.plan import Plan
from desktop.services.importing.values import (
    cell_text,
    read_action_status,
    read_booking_status,
    read_date,
    read_number,
    read_owners,
    read_rag,
    read_time,
)
from desktop.services.interchange.schema import format_date_time

DEFAULT_START = dt.time(9, 30)  # a session whose export gives no time: a morning's start


class _Row:
    """One data row: its cells by field, and the plan that collects its problems."""

    def __init__(self, plan: Plan, number: int, cells: dict[str, Any]) -> None:
        self.plan, self.number, self.cells = plan, number, cells
        self.failed = False

    def text(self, field: str) -> str:
        return cell_text(self.cells.get(field))

    def read(self, field: str, reader: Callable[[Any], Any]) -> Any:
        """The field read by `reader`; None when empty or unreadable (with a problem)."""
        value = self.cells.get(field)
        if value is None or not cell_text(value):
            return None
        try:
            return reader(value)
        except ValueError as exc:
            self.fail(f"{self.plan.columns.get(field, FIELD_LABELS[field])}: {exc}")
            return None

    def date(self, field: str) -> dt.date | None:
        read = self.read(field, read_date)
        if read is None:
            return None
        day, note = read
        if note:
            self.plan.note(self.number, f"{self.plan.columns.get(field, field)}: {note}")
        return day

    def fail(self, text: str) -> None:
        self.failed = True
        self.plan.problem(self.number, text)


def plan_rows(
    kind: str, rows: Sequence[Sequence[Any]], header_row: int, mapping: Sequence[str],
    known: Existing, board: str | None, today: dt.date,
) -> Plan:
    plan = Plan(kind)
    headers = list(rows[header_row]) if header_row < len(rows) else []
    plan.columns = {f: cell_text(headers[i]) or FIELD_LABELS.get(f, f)
                    for i, f in enumerate(mapping) if f and i < len(headers)}
    if missing := missing_fields(mapping, kind):
        plan.problems.append("no column is chosen for: " + ", ".join(missing))
        return plan
    board_key = None
    if kind in ("actions", "memberships"):
        board_key = known.boards.get(folded(board or ""))
        if board_key is None:
            plan.problems.append(
                f"the board {board!r} is not in Boardwork: choose one of the boards"
                if board else "choose the board these records belong to"
            )
            return plan
    build = {"actions": _action, "people": _person_row, "memberships": _membership,
             "bookings": _booking}[kind]
    people: dict[str, int] = {}
    header_words = [normalise(h) for h in headers]
    for index in range(header_row + 1, len(rows)):
        cells = list(rows[index])
        if not any(cell_text(c) for c in cells):
            continue  # blank rows between blocks
        if [normalise(c) for c in cells[:len(header_words)]] == header_words:
            continue  # the headers repeated on each printed page
        row = _Row(plan, index + 1, {f: cells[i] for i, f in enumerate(mapping)
                                     if f and i < len(cells)})
        build(row, plan, known, people, board_key or "", today)
    return plan


def _person(row: _Row, plan: Plan, known: Existing, people: dict[str, int]) -> str | None:
    """The key of the row's person, adding or completing their record in the document."""
    name = row.text("name") or " ".join(
        p for p in (row.text("first_name"), row.text("surname")) if p
    )
    if not name:
        row.fail("no name")
        return None
    email = row.text("email") or None
    if email and "@" not in email:
        row.fail(f"{plan.columns.get('email', 'E-mail')}: {email!r} is not an e-mail address")
        return None
    found = match_person(known, name, email)
    if found.note:
        plan.note(row.number, found.note)
    record: dict[str, Any] = {"key": found.key,
                              "name": name if found.new else known.person_names[found.key]}
    kept = known.filled.get(found.key, set())  # what People holds already stays
    for field, target in (("email", "email"), ("job_title", "job_title"), ("phone", "phone"),
                          ("person_title", "title")):
        if row.text(field) and target not in kept:
            record[target] = row.text(field)
    if (agency := row.text("agency")) and "agency" not in kept:
        record["agency"] = _agency(plan, known, agency, row.number)
    if found.key in people:
        plan.document["people"][people[found.key]].update(record)
    else:
        people[found.key] = plan.add("people", record, f"row {row.number}")
        plan.count("new people" if found.new else "people found")
    return found.key


def _agency(plan: Plan, known: Existing, name: str, row: int) -> str:
    key = known.agencies.get(folded(name))
    if key is None:
        key = known.new_key("", name)
        known.agencies[folded(name)] = key
        plan.add("agencies", {"key": key, "name": name}, f"row {row}")
        plan.count("new agencies")
    return key


def _person_row(row: _Row, plan: Plan, known: Existing, people: dict[str, int],
                _board: str, _today: dt.date) -> None:
    _person(row, plan, known, people)


def _owner_key(known: Existing, owner: str) -> str:
    """A person's key where the owner is a person's full name Boardwork knows once."""
    keys = known.people_by_name.get(folded(owner), [])
    return keys[0] if len(keys) == 1 else owner


def _action(row: _Row, plan: Plan, known: Existing, _people: dict[str, int],
            board: str, today: dt.date) -> None:
    text = row.text("text")
    if not text:
        row.fail(f"{plan.columns.get('text', 'Action')}: empty")
        return
    owners = row.read("owners", read_owners) or []
    if not owners:
        row.fail(f"{plan.columns.get('owners', 'Owners')}: no owner named")
    number = row.read("number", read_number)
    if number is None and "number" not in plan.columns:
        number = known.actions.get((board, folded(text)))
    if number is None and not row.failed:
        number = known.last_number.get(board, 0) + 1
    if number is not None:
        known.last_number[board] = max(known.last_number.get(board, 0), number)
        known.actions[(board, folded(text))] = number
    record: dict[str, Any] = {"board": board, "number": number, "text": text,
                              "owners": [_owner_key(known, o) for o in owners]}
    if title := row.text("title"):
        record["title"] = title
    for field, target in (("due", "due"), ("raised", "raised")):
        if (day := row.date(field)) is not None:
            record[target] = day.isoformat()
    if (rag := row.read("rag", read_rag)) is not None:
        record["rag"] = rag.value
    update = row.text("update")
    progress = row.text("status")
    if progress:
        try:
            record["status"] = read_action_status(progress).value
        except ValueError:  # words of progress rather than a status: kept as an update
            update = f"{progress}\n{update}".strip() if update else progress
            plan.note(row.number, f"{plan.columns.get('status', 'Progress')}: not a status "
                                  "Boardwork knows; kept as an update of the action")
    if update:
        when = known.updates.get((board, number or 0, folded(update)), today)
        record["updates"] = [{"date": when.isoformat(), "text": update}]
    if not row.failed:
        plan.add("actions", record, f"row {row.number}")
        plan.count("actions")


def _membership(row: _Row, plan: Plan, known: Existing, people: dict[str, int],
                board: str, _today: dt.date) -> None:
    person = _person(row, plan, known, people)
    record: dict[str, Any] = {"board": board, "person": person}
    if role := row.text("role"):
        record["role"] = role
    for field in ("from", "to"):
        if (day := row.date(field)) is not None:
            record[field] = day.isoformat()
    if deputy := row.text("deputy"):
        keys = known.people_by_name.get(folded(deputy), [])
        if len(keys) == 1:
            record["deputy"] = keys[0]
        else:
            plan.note(row.number, f"deputy {deputy!r} is not one person in Boardwork; left out")
    if person and not row.failed:
        plan.add("memberships", record, f"row {row.number}")
        plan.count("memberships")


def _booking(row: _Row, plan: Plan, known: Existing, people: dict[str, int],
             _board: str, _today: dt.date) -> None:
    person = _person(row, plan, known, people)
    title = row.text("course")
    day = row.date("date")
    status = row.read("status", read_booking_status)
    if not title:
        row.fail(f"{plan.columns.get('course', 'Event')}: empty")
    if day is None and not row.failed:
        row.fail(f"{plan.columns.get('date', 'Date')}: empty")
    if status is None and not row.failed:
        row.fail(f"{plan.columns.get('status', 'Status')}: empty")
    start_time = row.read("start_time", read_time)
    end_time = row.read("end_time", read_time)
    if row.failed or person is None or day is None or status is None:
        return
    session = _session(row, plan, known, title, day, start_time, end_time)
    record: dict[str, Any] = {"session": session, "person": person, "status": status.value}
    if (booked := row.date("booked_at")) is not None:
        record["booked_at"] = format_date_time(dt.datetime.combine(booked, dt.time(0, 0)))
    if not row.failed:
        plan.add("bookings", record, f"row {row.number}")
        plan.count("bookings")


def _session(row: _Row, plan: Plan, known: Existing, title: str, day: dt.date,
             start_time: dt.time | None, end_time: dt.time | None) -> str:
    """The session of the course (made if new) on that day (made if new)."""
    course = known.courses.get(folded(title))
    if course is None:
        course = (known.new_key("course", title), title)
        known.courses[folded(title)] = course
        plan.add("courses", {"key": course[0], "title": title}, f"row {row.number}")
        plan.count("new courses")
    found = known.sessions.get((course[0], day))
    if found is None:
        start = dt.datetime.combine(day, start_time or DEFAULT_START)
        found = (known.new_key(course[0], day.isoformat()), start)
        known.sessions[(course[0], day)] = found
        record: dict[str, Any] = {"key": found[0], "course": course[0],
                                  "start": format_date_time(start)}
        if end_time is not None and end_time > start.time():
            record["end"] = format_date_time(dt.datetime.combine(day, end_time))
        if venue := row.text("venue"):
            record["venue"] = venue
        if start_time is None:
            plan.note(row.number, f"no start time: the session on {day:%d/%m/%Y} is set to "
                                  f"start at {DEFAULT_START:%H:%M}")
        plan.add("sessions", record, f"row {row.number}")
        plan.count("new sessions")
    return found[0]

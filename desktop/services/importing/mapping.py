"""Which row holds the headers, and which column is which field, guessed from the words.

Action logs, membership lists and booking-system exports each name their columns their own
way ("Lead officer", "Responsible", "By whom"); the guess is only a suggestion the user can
change in the wizard (or with the file's layout remembered, see layouts.py).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from desktop.services.importing.values import cell_text

KINDS = ("actions", "people", "memberships", "bookings", "minutes")
KIND_LABELS = {
    "actions": "Action log", "people": "People", "memberships": "Board memberships",
    "bookings": "Training bookings", "minutes": "Minutes of a meeting (Word)",
}

_PERSON = {
    "name": ("name", "full name", "delegate", "delegate name", "attendee", "attendee name",
             "member", "member name", "participant", "learner", "attendee full name"),
    "first_name": ("first name", "forename", "given name", "firstname", "attendee first name"),
    "surname": ("surname", "last name", "family name", "lastname", "attendee last name"),
    "person_title": ("title", "salutation", "prefix"),
    "job_title": ("job title", "position", "designation", "job role", "post"),
    "agency": ("agency", "organisation", "organization", "employer", "company",
               "organisation name", "service", "representing", "agency name"),
    "email": ("email", "e mail", "email address", "e mail address", "attendee email"),
    "phone": ("phone", "telephone", "tel", "mobile", "phone number", "contact number"),
}

# Field → the header words that suggest it, best first.
FIELDS: dict[str, dict[str, tuple[str, ...]]] = {
    "actions": {
        "number": ("action no", "action number", "action ref", "ref", "no", "number", "ref no",
                   "action id", "id"),
        "title": ("title", "subject", "topic", "agenda item", "item", "theme"),
        "text": ("action", "action required", "actions agreed", "action agreed", "description",
                 "detail", "task", "action description"),
        "owners": ("lead officer", "lead", "owner", "owners", "responsible", "by whom", "who",
                   "lead person", "responsible officer", "lead agency", "officer"),
        "due": ("target date", "due", "due date", "deadline", "by when", "timescale",
                "completion date", "date due", "target"),
        "status": ("progress", "status", "action status", "state"),
        "rag": ("rag", "rag rating", "rag status", "r a g", "rating"),
        "raised": ("date raised", "raised", "date agreed", "date of meeting", "meeting date",
                   "meeting", "date"),
        "update": ("update", "latest update", "progress update", "comments", "notes",
                   "commentary", "update notes"),
    },
    "people": dict(_PERSON),
    "memberships": _PERSON | {
        "role": ("role", "board role", "membership role", "capacity"),
        "from": ("from", "start", "start date", "joined", "appointed", "member since",
                 "date joined"),
        "to": ("to", "end", "end date", "left", "date left", "until"),
        "deputy": ("deputy", "substitute", "nominated deputy"),
    },
    "bookings": _PERSON | {
        "course": ("event", "event name", "event title", "course", "course title", "course name",
                   "training", "training title", "session"),
        "date": ("event date", "date", "session date", "course date", "start date",
                 "event start date"),
        "start_time": ("start time", "time", "event start time", "starts"),
        "end_time": ("end time", "finish", "finish time", "event end time", "ends"),
        "venue": ("venue", "location", "event venue", "room"),
        "status": ("attendee status", "status", "attendance", "booking status",
                   "attendance status", "checked in"),
        "booked_at": ("booking date", "order date", "booked on", "date booked",
                      "registration date", "date registered"),
    },
}

FIELD_LABELS = {
    "number": "Action number", "title": "Title", "text": "Action", "owners": "Owners",
    "due": "Due date", "status": "Status", "rag": "RAG", "raised": "Date raised",
    "update": "Update", "name": "Name", "first_name": "First name", "surname": "Surname",
    "person_title": "Title (Mr, Dr…)", "job_title": "Job title", "agency": "Agency",
    "email": "E-mail", "phone": "Phone", "role": "Role", "from": "From", "to": "To",
    "deputy": "Deputy", "course": "Course (event)", "date": "Date", "start_time": "Start time",
    "end_time": "End time", "venue": "Venue", "booked_at": "Booked on",
}

# Without these a row cannot be imported (either name, or first name and surname).
REQUIRED = {
    "actions": ("text",), "people": ("name",), "memberships": ("name",),
    "bookings": ("name", "course", "date", "status"),
}


def normalise(header: Any) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", cell_text(header).lower()).split())


def _score(header: str, words: tuple[str, ...]) -> int:
    """3 for an exact synonym (better the earlier it is listed), 1 for a header that
    contains one as whole words, 0 for none."""
    if not header:
        return 0
    for i, word in enumerate(words):
        if header == word:
            return 300 - i
    for word in words:
        if len(word) > 2 and re.search(rf"\b{re.escape(word)}\b", header):
            return 100 + len(word)
    return 0


def header_score(rows: Sequence[Sequence[Any]]) -> int:
    """How many cells of the best header row (any kind) are known header words: the sheet of
    a workbook that holds the records scores highest (not its notes or its lookup lists)."""
    best = 0
    for row in rows[:30]:
        filled = {normalise(cell) for cell in row} - {""}
        best = max(best, sum(1 for h in filled if any(
            _score(h, words) for fields in FIELDS.values() for words in fields.values())))
    return best


def find_header_row(rows: Sequence[Sequence[Any]], kind: str) -> int:
    """Index of the row that names the columns: the one among the first 30 whose cells most
    look like this kind's headers (a title row, a date line or blank rows may come first)."""
    best, best_score = 0, 0
    fields = FIELDS.get(kind, {})
    for index, row in enumerate(rows[:30]):
        filled = {normalise(cell) for cell in row} - {""}
        if len(filled) < 2:
            continue
        score = sum(1 for h in filled if any(_score(h, w) for w in fields.values()))
        if score > best_score:
            best, best_score = index, score
    if best_score:
        return best
    for index, row in enumerate(rows[:30]):  # no known words: the first row of several texts
        if sum(1 for cell in row if isinstance(cell, str) and cell.strip()) >= 2:
            return index
    return 0


def suggest_mapping(headers: Sequence[Any], kind: str) -> list[str]:
    """The field each column most likely holds ("" for none); a field goes to one column."""
    fields = FIELDS.get(kind, {})
    names = [normalise(h) for h in headers]
    scores = sorted(
        ((_score(header, words), column, field)
         for column, header in enumerate(names) for field, words in fields.items()),
        reverse=True,
    )
    mapping = [""] * len(names)
    taken: set[str] = set()
    for score, column, field in scores:
        if score and not mapping[column] and field not in taken:
            mapping[column] = field
            taken.add(field)
    return mapping


def guess_kind(headers: Sequence[Any]) -> str:
    """The kind whose headers the row matches best (ties: the more specific kind)."""
    names = [normalise(h) for h in headers]
    best, best_score = "actions", -1
    for kind in ("bookings", "memberships", "actions", "people"):
        mapping = suggest_mapping(names, kind)
        specific = set(FIELDS[kind]) - set(_PERSON)
        score = sum(2 if field in specific else 1 for field in mapping if field)
        if score > best_score:
            best, best_score = kind, score
    return best


def missing_fields(mapping: Sequence[str], kind: str) -> list[str]:
    """Labels of the fields a mapping must have but does not."""
    given = set(mapping)
    missing = []
    for field in REQUIRED.get(kind, ()):
        if field == "name" and {"first_name", "surname"} <= given:
            continue
        if field not in given:
            missing.append(FIELD_LABELS[field])
    return missing


@dataclass(frozen=True)
class Layout:
    """A file's header row and the field of each column."""

    header_row: int
    mapping: tuple[str, ...]


def layout_signature(kind: str, headers: Sequence[Any]) -> str:
    """Same for every file laid out the same way (this month's log and next month's)."""
    words = "|".join(normalise(h) for h in headers)
    return hashlib.sha1(f"{kind}:{words}".encode()).hexdigest()[:20]

"""Checks of a parsed document against itself, earlier documents and the database.

Everything the database would refuse (a dangling key, a duplicate, an end before a start) is
found here first and said in words with its path, so an import never ends in a traceback.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from desktop.models import (
    Action,
    Agency,
    Board,
    Course,
    Meeting,
    Person,
    SessionFormerKey,
    TrainingSession,
)
from desktop.services.interchange.schema import Record, format_time

# Lists whose records have a key, with the word used for one of them in messages.
KEYED = {
    "agencies": (Agency, "agency"),
    "people": (Person, "person"),
    "boards": (Board, "board"),
    "meetings": (Meeting, "meeting"),
    "courses": (Course, "course"),
    "sessions": (TrainingSession, "session"),
}


@dataclass
class Known:
    """What a document may refer to: the database, and the documents before it in the call."""

    keys: dict[str, set[str]] = field(default_factory=dict)
    parents: dict[str, str | None] = field(default_factory=dict)  # board key -> parent key
    numbers: dict[str, set[int]] = field(default_factory=dict)  # board key -> action numbers

    @classmethod
    def load(cls, session: Session) -> Known:
        known = cls()
        for list_name, (model, _noun) in KEYED.items():
            known.keys[list_name] = set(session.scalars(select(model.key)))  # type: ignore[attr-defined]
        known.keys["sessions"] |= set(session.scalars(select(SessionFormerKey.key)))
        parent = aliased(Board)
        rows = session.execute(
            select(Board.key, parent.key).outerjoin(parent, Board.parent_id == parent.id)
        )
        known.parents = {key: parent_key for key, parent_key in rows}
        for board_key, number in session.execute(
            select(Board.key, Action.number).join(Action, Action.board_id == Board.id)
        ):
            known.numbers.setdefault(board_key, set()).add(number)
        return known

    def include(self, document: Record) -> None:
        for list_name in KEYED:
            self.keys[list_name] |= {r["key"] for r in document[list_name] if "key" in r}
        for session in document["sessions"]:
            self.keys["sessions"] |= set(session.get("former_keys", []))
        for board in document["boards"]:
            if "key" in board:
                self.parents[board["key"]] = board.get("parent")
        for board_key, number, _record in action_numbers(document):
            self.numbers.setdefault(board_key, set()).add(number)


def action_numbers(document: Record) -> Iterator[tuple[str, int, Record]]:
    """(board key, number, record) of every action of the document that has both."""
    for meeting in document["meetings"]:
        for action in meeting.get("actions", []):
            if "board" in meeting and "number" in action:
                yield meeting["board"], action["number"], action
    for action in document["actions"]:
        if "board" in action and "number" in action:
            yield action["board"], action["number"], action


def item_tree(items: list[Record]) -> Iterator[Record]:
    """Every item of a meeting at every level, in order, each with its label.

    Real minutes leave some items unnumbered ("Declarations of Interest" before item 1): in a
    meeting where any item has a number, an item without one is unnumbered, its label "" (as
    is an explicit ""), and shown without a number. Only where no item has a number are labels
    made from the positions (1, 2, 2.1), unnumbered items not counted; so a made label never
    meets a printed one. The label is stored in the record, so the import uses the same one.
    """
    printed = any(item.get("number") and not item.get("number_made") for item in _all(items))
    return _labelled(items, None, printed)


def _all(items: list[Record]) -> Iterator[Record]:
    for item in items:
        yield item
        yield from _all(item.get("items", []))


def _labelled(items: list[Record], parent_label: str | None, printed: bool) -> Iterator[Record]:
    counted = 0
    for item in items:
        if "number" not in item:
            if printed or parent_label == "":
                item["number"] = ""
            else:
                counted += 1
                item["number"] = f"{parent_label}.{counted}" if parent_label else str(counted)
                item["number_made"] = True
        yield item
        yield from _labelled(item.get("items", []), item["number"], printed)


class DocumentChecks:
    def __init__(self, document: Record, known: Known) -> None:
        self.document = document
        self.errors: list[str] = []
        self.keys = {
            list_name: known.keys[list_name] | {r["key"] for r in document[list_name] if "key" in r}
            for list_name in KEYED
        }
        self.known = known
        self.numbers: dict[str, set[int]] = {}
        for board_key, number, _record in action_numbers(document):
            self.numbers.setdefault(board_key, set()).add(number)

    def run(self) -> list[str]:
        for list_name in KEYED:
            self.once((r.get("key") for r in self.document[list_name]), self.document[list_name])
        for person in self.document["people"]:
            self.refer(person, "agency", "agencies")
        self.check_boards()
        self.check_memberships()
        for meeting in self.document["meetings"]:
            self.check_meeting(meeting)
        self.check_actions()
        self.check_training()
        return self.errors

    # -- helpers ---------------------------------------------------------------------------

    def refer(self, record: Record, field_name: str, list_name: str) -> None:
        value = record.get(field_name)
        if value is not None and value not in self.keys[list_name]:
            noun = KEYED[list_name][1]
            self.errors.append(f"{record.path}.{field_name}: no {noun} with key {value!r}")

    def once(self, values: Any, records: list[Record], field_name: str = "key") -> None:
        """Report each value (None: not checked) that more than one record gives."""
        for value, record, first in _repeats(list(values), records):
            self.errors.append(
                f"{record.path}.{field_name}: {value!r} is used twice (also {first})"
            )

    def in_order(self, record: Record, start: Any, field_name: str, words: str) -> None:
        """Report the field `field_name` of `record` if it comes before `start` (`words`)."""
        end = record.get(field_name)
        if start is not None and end is not None and end < start:
            self.errors.append(
                f"{record.path}.{field_name}: {_shown(end)} is before {words} {_shown(start)}"
            )

    # -- lists -----------------------------------------------------------------------------

    def check_boards(self) -> None:
        parents = dict(self.known.parents)
        for board in self.document["boards"]:
            if "key" in board:
                parents[board["key"]] = board.get("parent")
        for board in self.document["boards"]:
            self.refer(board, "parent", "boards")
            self.refer(board, "chair", "people")
            if "key" in board and _is_own_ancestor(board["key"], parents):
                self.errors.append(
                    f"{board.path}.parent: {board['parent']!r} would make board "
                    f"{board['key']!r} a parent of itself"
                )

    def check_memberships(self) -> None:
        memberships = self.document["memberships"]
        for membership in memberships:
            for field_name, list_name in (
                ("board", "boards"), ("person", "people"), ("deputy", "people")
            ):
                self.refer(membership, field_name, list_name)
            self.in_order(membership, membership.get("from"), "to", "from")
        same = [
            (m["board"], m["person"], m.get("from")) if "board" in m and "person" in m else None
            for m in memberships
        ]
        for (board, person, start), membership, first in _repeats(same, memberships):
            since = f"from {start.isoformat()}" if start else "with no start date"
            self.errors.append(
                f"{membership.path}: the membership of {person!r} on {board!r} {since} "
                f"is listed twice (also {first})"
            )

    def check_meeting(self, meeting: Record) -> None:
        for field_name in ("chair", "minute_taker"):
            self.refer(meeting, field_name, "people")
        self.refer(meeting, "board", "boards")
        self.in_order(meeting, meeting.get("start"), "end", "the start")
        attendance = meeting.get("attendance", [])
        for row in attendance:
            self.refer(row, "person", "people")
            self.refer(row, "representing", "people")
        self.once((r.get("person") for r in attendance), attendance, "person")
        self.once((r.get("initials") for r in attendance), attendance, "initials")
        labels = self.check_items(meeting)
        for action in meeting.get("actions", []):
            if "item" in action and action["item"] not in labels:
                self.errors.append(
                    f"{action.path}.item: no item {action['item']!r} in this meeting"
                )
            self.in_order(action, meeting.get("date"), "due", "the meeting's date")
        for update in meeting.get("action_updates", []):
            self.check_update_target(meeting.get("board"), update)

    def check_items(self, meeting: Record) -> set[str]:
        labels: dict[str, str] = {}
        for item in item_tree(meeting.get("items", [])):
            label = item["number"]
            if label == "":
                continue  # unnumbered, as printed: any number of them
            if label in labels:
                where = f"{item.path}: the number made from its position, " if item.get(
                    "number_made") else f"{item.path}.number: "
                self.errors.append(
                    f"{where}{label!r} is used twice in this meeting (also {labels[label]})"
                )
            else:
                labels[label] = item.path
        return set(labels)

    def check_update_target(self, board_key: str | None, update: Record) -> None:
        number = update.get("action")
        if board_key is None or board_key not in self.keys["boards"] or number is None:
            return  # an unknown board is reported already
        defined = self.numbers.get(board_key, set()) | self.known.numbers.get(board_key, set())
        if number not in defined:
            self.errors.append(f"{update.path}.action: board {board_key!r} has no action {number}")

    def check_actions(self) -> None:
        for action in self.document["actions"]:
            self.refer(action, "board", "boards")
            self.in_order(action, action.get("raised"), "due", "the date it was raised,")
        numbered = list(action_numbers(self.document))
        pairs = [(board_key, number) for board_key, number, _action in numbered]
        actions = [action for _board_key, _number, action in numbered]
        for (board_key, number), action, first in _repeats(pairs, actions):
            self.errors.append(
                f"{action.path}.number: {number} is used twice for board {board_key!r} "
                f"(also {first})"
            )

    def check_training(self) -> None:
        for session in self.document["sessions"]:
            self.refer(session, "course", "courses")
            self.in_order(session, session.get("start"), "end", "the start")
        bookings = self.document["bookings"]
        for booking in bookings:
            self.refer(booking, "session", "sessions")
            self.refer(booking, "person", "people")
            self.refer(booking, "agency", "agencies")
            for event in booking.get("earlier", []):
                self.refer(event, "agency", "agencies")
                # A person holds one booking per session that is not cancelled: the latest.
                if event.get("status") != "cancelled":
                    self.errors.append(
                        f"{event.path}.status: an earlier booking must be cancelled")
        same = [
            (b["session"], b["person"]) if "session" in b and "person" in b else None
            for b in bookings
        ]
        for (session_key, person), booking, first in _repeats(same, bookings):
            self.errors.append(
                f"{booking.path}: {person!r} is booked on {session_key!r} twice (also {first})"
            )


def _repeats(values: list[Any], records: list[Record]) -> Iterator[tuple[Any, Record, str]]:
    """(value, record, path of the first) for each record whose value an earlier one has too.

    A value of None is not compared: it belongs to a record whose fields were wrong already.
    """
    first: dict[Hashable, str] = {}
    for value, record in zip(values, records, strict=True):
        if value is None:
            continue
        if value in first:
            yield value, record, first[value]
        else:
            first[value] = record.path


def _is_own_ancestor(key: str, parents: dict[str, str | None]) -> bool:
    visited: set[str] = set()
    current = parents.get(key)
    while current is not None and current not in visited:
        if current == key:
            return True
        visited.add(current)
        current = parents.get(current)
    return False


def _shown(value: Any) -> str:
    if isinstance(value, dt.time):
        return repr(format_time(value))
    if isinstance(value, dt.datetime):
        return repr(value.strftime("%Y-%m-%dT%H:%M"))
    if isinstance(value, dt.date):
        return repr(value.isoformat())
    return repr(value)


def check_document(document: Record, known: Known) -> list[str]:
    """Every problem of `document` beyond its shape; `known` then includes its keys."""
    errors = DocumentChecks(document, known).run()
    known.include(document)
    return errors

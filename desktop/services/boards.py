"""Boards and groups as the rest of the application lists them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import Board
from desktop.models.boards import BoardKind, Membership, NumberingStyle
from desktop.models.database import Database
from desktop.models.people import Person
from desktop.services import lengths
from desktop.services.errors import InvalidInput
from desktop.services.keys import unique_key


@dataclass(frozen=True)
class BoardInfo:
    id: int
    key: str
    name: str
    short_name: str | None
    kind: str
    parent_id: int | None
    depth: int

    @property
    def label(self) -> str:
        return f"{self.name} ({self.short_name})" if self.short_name else self.name


def list_boards(database: Database) -> list[BoardInfo]:
    """Every board and group, each followed by its sub-groups (depth-first, by name)."""
    with database.session() as session:
        boards = session.scalars(select(Board).order_by(Board.name)).all()
    children: dict[int | None, list[Board]] = {}
    for board in boards:
        children.setdefault(board.parent_id, []).append(board)
    ordered: list[BoardInfo] = []

    def visit(parent: int | None, depth: int) -> None:
        for board in children.get(parent, []):
            ordered.append(
                BoardInfo(board.id, board.key, board.name, board.short_name,
                          board.kind.value, board.parent_id, depth)
            )
            visit(board.id, depth + 1)

    visit(None, 0)
    return ordered


NUMBERING_STYLES = {"decimal": "5.1, 5.2", "letters": "6(a), 6(b)"}


def numbering_styles(database: Database) -> dict[int, str]:
    with database.session() as session:
        rows = session.execute(select(Board.id, Board.numbering_style)).all()
    return {board_id: style.value for board_id, style in rows}



# ---- Editing the tree of boards and groups -------------------------------------------------

BOARD_KINDS = {
    "board": "Board",
    "executive": "Executive",
    "sub_group": "Sub-group",
    "panel": "Panel",
    "forum": "Forum",
}


@dataclass(frozen=True)
class BoardDetails:
    id: int
    key: str
    name: str
    short_name: str | None
    kind: str
    parent_id: int | None
    quorum: int | None
    chair_id: int | None
    chair: str | None
    numbering_style: str


@dataclass(frozen=True)
class BoardInput:
    name: str
    kind: str = "board"
    short_name: str | None = None
    parent_id: int | None = None
    quorum: int | None = None
    chair_id: int | None = None
    numbering_style: str = "decimal"


def board_details(database: Database, board_id: int) -> BoardDetails:
    with database.session() as session:
        return _details(_get(session, Board, board_id, "board"))


def save_board(database: Database, board_id: int | None, data: BoardInput) -> BoardDetails:
    """Create a board or group (board_id None) or change one; one transaction."""
    name = data.name.strip()
    if not name:
        raise InvalidInput("A board or group needs a name.", "name")
    lengths.check_length(name, lengths.NAME, "A board's name", "name")
    lengths.check_length(data.short_name, lengths.SHORT_NAME, "A short name", "short_name")
    if data.kind not in BOARD_KINDS:
        raise InvalidInput(f"{data.kind!r} is not a kind of group.", "kind")
    if data.numbering_style not in NUMBERING_STYLES:
        raise InvalidInput(f"{data.numbering_style!r} is not a numbering style.", "numbering")
    if data.quorum is not None and data.quorum < 0:
        raise InvalidInput("The quorum cannot be less than nought.", "quorum")
    with database.transaction() as session:
        _check_parent(session, board_id, data.parent_id)
        if data.chair_id is not None:
            _get(session, Person, data.chair_id, "chair")
        if board_id is None:
            board = Board(key=unique_key(session, Board, data.short_name or name))
            session.add(board)
        else:
            board = _get(session, Board, board_id, "board")
        board.name, board.short_name = name, _blank_to_none(data.short_name)
        board.kind, board.parent_id = BoardKind(data.kind), data.parent_id
        board.quorum, board.chair_id = data.quorum, data.chair_id
        board.numbering_style = NumberingStyle(data.numbering_style)
        session.flush()
        session.refresh(board)
        return _details(board)


def _check_parent(session: Session, board_id: int | None, parent_id: int | None) -> None:
    """A group sits under an existing board, never under itself or one of its own groups."""
    if parent_id is None:
        return
    _get(session, Board, parent_id, "parent")
    parents = {b: parent for b, parent in session.execute(select(Board.id, Board.parent_id))}
    step: int | None = parent_id
    while step is not None:
        if step == board_id:
            raise InvalidInput("A group cannot sit under itself or one of its own groups.",
                               "parent")
        step = parents.get(step)


def _details(board: Board) -> BoardDetails:
    return BoardDetails(
        board.id, board.key, board.name, board.short_name, board.kind.value, board.parent_id,
        board.quorum, board.chair_id, board.chair.display_name if board.chair else None,
        board.numbering_style.value,
    )


# ---- Memberships ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MembershipRow:
    id: int
    board_id: int
    person_id: int
    person: str
    agency: str | None
    role: str | None
    from_date: dt.date | None
    to_date: dt.date | None
    deputy_id: int | None
    deputy: str | None

    def current_on(self, day: dt.date) -> bool:
        return (self.from_date is None or self.from_date <= day) and (
            self.to_date is None or day <= self.to_date
        )


@dataclass(frozen=True)
class MembershipInput:
    person_id: int
    role: str | None = None
    from_date: dt.date | None = None
    to_date: dt.date | None = None
    deputy_id: int | None = None


def list_memberships(
    database: Database, board_id: int, on: dt.date | None = None
) -> list[MembershipRow]:
    """The board's memberships, past ones too (a member who left keeps their history), or
    only those current `on` a day; in seat order."""
    with database.session() as session:
        memberships = session.scalars(
            select(Membership).where(Membership.board_id == board_id).order_by(Membership.id)
        ).all()
        rows = [_membership_row(m) for m in memberships]
    return [row for row in rows if on is None or row.current_on(on)]


def save_membership(
    database: Database, membership_id: int | None, board_id: int, data: MembershipInput
) -> MembershipRow:
    """Add a seat (membership_id None) or change one; one transaction."""
    if data.from_date and data.to_date and data.to_date < data.from_date:
        raise InvalidInput("A membership cannot end before it starts.", "to_date")
    if data.deputy_id is not None and data.deputy_id == data.person_id:
        raise InvalidInput("A member cannot be their own deputy.", "deputy")
    with database.transaction() as session:
        _get(session, Board, board_id, "board")
        person = _get(session, Person, data.person_id, "person")
        if data.deputy_id is not None:
            _get(session, Person, data.deputy_id, "deputy")
        _check_no_overlap(session, membership_id, board_id, person, data)
        if membership_id is None:
            membership = Membership(board_id=board_id)
            session.add(membership)
        else:
            membership = _get(session, Membership, membership_id, "membership")
        membership.person_id, membership.role = data.person_id, _blank_to_none(data.role)
        membership.from_date, membership.to_date = data.from_date, data.to_date
        membership.deputy_id = data.deputy_id
        session.flush()
        session.refresh(membership)
        return _membership_row(membership)


def end_membership(database: Database, membership_id: int, last_day: dt.date) -> MembershipRow:
    """The member leaves after `last_day`; the seat and its attendance stay on record."""
    with database.transaction() as session:
        membership = _get(session, Membership, membership_id, "membership")
        if membership.from_date and last_day < membership.from_date:
            raise InvalidInput(
                f"The membership began on {membership.from_date:%d/%m/%Y}: it cannot end "
                "before that.", "to_date")
        membership.to_date = last_day
        session.flush()
        session.refresh(membership)
        return _membership_row(membership)


def _check_no_overlap(session: Session, membership_id: int | None, board_id: int,
                      person: Person, data: MembershipInput) -> None:
    others = session.scalars(select(Membership).where(
        Membership.board_id == board_id, Membership.person_id == person.id,
        Membership.id != (membership_id or 0))).all()
    for other in others:
        starts_before_other_ends = (data.from_date is None or other.to_date is None
                                    or data.from_date <= other.to_date)
        ends_after_other_starts = (data.to_date is None or other.from_date is None
                                   or other.from_date <= data.to_date)
        if starts_before_other_ends and ends_after_other_starts:
            raise InvalidInput(
                f"{person.name} already has a seat on this group for some of those dates.",
                "person")


def _membership_row(m: Membership) -> MembershipRow:
    agency = m.person.agency
    return MembershipRow(
        m.id, m.board_id, m.person_id, m.person.display_name,
        (agency.short_name or agency.name) if agency else None, m.role, m.from_date,
        m.to_date, m.deputy_id, m.deputy.display_name if m.deputy else None,
    )


_Model = TypeVar("_Model")


def _get(session: Session, model: type[_Model], record_id: int, field: str) -> _Model:
    record = session.get(model, record_id)
    if record is None:
        raise InvalidInput(f"That {field} no longer exists; it may have been removed.", field)
    return record


def _blank_to_none(text: str | None) -> str | None:
    return text.strip() or None if text else None

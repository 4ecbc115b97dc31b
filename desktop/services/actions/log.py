"""The action log as a document: the rows an export writes, whatever its format."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from desktop.models import Board, Person
from desktop.models.database import Database
from desktop.services.actions.common import ActionError, ActionRow
from desktop.services.actions.queries import (
    ActionFilter,
    OwnerRef,
    find_action_ids,
    find_owner,
    load_rows,
)
from desktop.services.settings import load_settings


@dataclass(frozen=True)
class ActionLog:
    title: str  # "Herefordshire Safeguarding Children Board: open actions"
    subtitle: str  # what was chosen, and the date it was made
    rows: tuple[ActionRow, ...]
    all_boards: bool
    organisation: str = ""  # from the settings: the PDF's author and the pages' header


def action_log(db: Database, board_key: str | int | None = None, open_only: bool = False,
               owner: str | OwnerRef | None = None, today: dt.date | None = None) -> ActionLog:
    """A board's actions (or every board's, for one owner), by board and number."""
    today = today or dt.date.today()
    if board_key is None and owner is None:
        raise ActionError("Choose a board, an owner, or both.", "board")
    board_id, board_name = (None, "All boards") if board_key is None else _board(db, board_key)
    owner_ref = find_owner(db, owner) if isinstance(owner, str) else owner
    ids = find_action_ids(db, ActionFilter(
        board_id=board_id, statuses="open" if open_only else "all", owner=owner_ref,
        sort="board" if board_id is None else "number", today=today))
    with db.session() as s:
        rows = tuple(load_rows(s, ids, today))
    what = "open actions" if open_only else "actions"
    if owner is not None:
        what += f" of {owner if isinstance(owner, str) else _owner_name(db, owner)}"
    return ActionLog(f"{board_name}: {what}", f"Made on {today:%d/%m/%Y}; "
                     f"{len(rows)} action{'' if len(rows) == 1 else 's'}.", rows,
                     board_id is None, load_settings(db).organisation_name)


def _board(db: Database, key: str | int) -> tuple[int, str]:
    """A board by its key (the command line) or its id (the application)."""
    chosen = Board.id == key if isinstance(key, int) else Board.key == key
    with db.session() as s:
        found = s.execute(select(Board.id, Board.name).where(chosen)).first()
    if found is None:
        raise ActionError(f"There is no board with the key {key!r}.", "board")
    return found[0], found[1]


def _owner_name(db: Database, owner: OwnerRef) -> str:
    if owner.person_id is None:
        return owner.group or ""
    with db.session() as s:
        person = s.get(Person, owner.person_id)
        return person.display_name if person is not None else "nobody"

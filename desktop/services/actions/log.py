"""The action log as a document: the rows an export writes, whatever its format."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import Action, AgendaItem, Board, Person
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
    # The actions (ids) raised at a confidential item or under one: marked in the full log;
    # the public log (`public`) leaves them out.
    confidential: frozenset[int] = frozenset()
    public: bool = False
    organisation: str = ""  # from the settings: the PDF's author and the pages' header


def action_log(db: Database, board_key: str | int | None = None, open_only: bool = False,
               owner: str | OwnerRef | None = None, today: dt.date | None = None,
               public: bool = False) -> ActionLog:
    """A board's actions (or every board's, for one owner), by board and number; `public`
    leaves out those raised at confidential items."""
    today = today or dt.date.today()
    if board_key is None and owner is None:
        raise ActionError("Choose a board, an owner, or both.", "board")
    board_id, board_name = (None, "All boards") if board_key is None else _board(db, board_key)
    owner_ref = find_owner(db, owner) if isinstance(owner, str) else owner
    ids = find_action_ids(db, ActionFilter(
        board_id=board_id, statuses="open" if open_only else "all", owner=owner_ref,
        sort="board" if board_id is None else "number", today=today))
    with db.session() as s:
        confidential = _confidential_actions(s, ids)
        if public:
            ids = [i for i in ids if i not in confidential]
        rows = tuple(load_rows(s, ids, today))
    what = "open actions" if open_only else "actions"
    if owner is not None:
        # The person's name, not the key typed on the command line.
        what += f" of {_owner_name(db, owner_ref) if owner_ref is not None else owner}"
    made = f"Made on {today:%d/%m/%Y}; {len(rows)} action{'' if len(rows) == 1 else 's'}."
    if public:
        made += " Public version: actions raised at confidential items are left out."
    return ActionLog(f"{board_name}: {what}" + (" (public version)" if public else ""), made,
                     rows, board_id is None, confidential, public,
                     load_settings(db).organisation_name)


def _confidential_actions(s: Session, ids: list[int]) -> frozenset[int]:
    """Those of the actions raised at an item that is, or sits under, a confidential item."""
    raised_at = dict(s.execute(select(Action.id, Action.item_id).where(
        Action.id.in_(ids), Action.item_id.is_not(None))).all())
    if not raised_at:
        return frozenset()
    meetings = select(AgendaItem.meeting_id).where(AgendaItem.id.in_(set(raised_at.values())))
    items = {item_id: (parent, bool(secret)) for item_id, parent, secret in s.execute(
        select(AgendaItem.id, AgendaItem.parent_id, AgendaItem.confidential)
        .where(AgendaItem.meeting_id.in_(meetings)))}

    def secret(item_id: int | None) -> bool:
        seen = set()
        while item_id is not None and item_id in items and item_id not in seen:
            seen.add(item_id)
            parent, confidential = items[item_id]
            if confidential:
                return True
            item_id = parent
        return False

    return frozenset(a for a, item in raised_at.items() if secret(item))


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

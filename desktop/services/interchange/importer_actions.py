"""Applying actions: those raised at a meeting, the action log, owners and updates.

Numbers are per board and never reused: a board's `last_action_number` is kept at or above
every number imported, and an action without a number takes the next one above all of them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

from sqlalchemy import select

from desktop.models import Action, ActionOwner, ActionStatus, ActionUpdate, Board, Person
from desktop.services.interchange.importer_checks import action_numbers
from desktop.services.interchange.importer_context import KEEP, ApplyContext, assign
from desktop.services.interchange.schema import Record

if TYPE_CHECKING:
    from desktop.services.interchange.importer_context import MeetingState

# 2-4 letters, at least two of them capitals: "AB", "ESw", "APr" (but not "Exec").
INITIALS_LIKE = re.compile(r"(?=(?:[a-z]*[A-Z]){2})[A-Za-z]{2,4}")

Owner = tuple[Person | None, str | None]  # a person, or the name of a group


def reserve_numbers(ctx: ApplyContext, document: Record) -> None:
    """Raise each board's high-water mark above the numbers the document gives, before any
    action without a number takes one (it must not take a number listed further down)."""
    ctx.claimed.clear()
    for board_key, number, _record in action_numbers(document):
        _count_number(ctx.boards[board_key], number)
        ctx.claimed.setdefault(board_key, set()).add(number)


def _count_number(board: Board, number: int) -> None:
    board.last_action_number = max(board.last_action_number or 0, number)


def _next_number(ctx: ApplyContext, board_key: str) -> int:
    board = ctx.boards[board_key]
    number = (board.last_action_number or 0) + 1
    while (board_key, number) in ctx.actions:  # a database whose mark fell behind
        number += 1
    _count_number(board, number)
    return number


def _numbered(ctx: ApplyContext, board_key: str, number: int) -> Action:
    """The board's action with `number`, found or newly added."""
    action = ctx.actions.get((board_key, number))
    if action is not None:
        return ctx.found("actions", action)
    action = ctx.add("actions", Action(board=ctx.boards[board_key], number=number))
    ctx.actions[(board_key, number)] = action
    _count_number(ctx.boards[board_key], number)
    return action


def _body(ctx: ApplyContext, action: Action, record: Record) -> dict[str, object]:
    rag = ctx.pick(action, record, "rag")
    if not ctx.version_1:
        ctx.listed.add(id(action))
    return {
        "title": ctx.pick(action, record, "title"), "text": record["text"],
        "due": ctx.pick(action, record, "due"),
        "status": ctx.pick(action, record, "status", ActionStatus.OPEN), "rag": rag,
        # A RAG written down is a person's judgement.
        "rag_manual": rag if rag is KEEP else rag is not None,
    }


def apply_meeting_actions(ctx: ApplyContext, state: MeetingState, record: Record) -> None:
    board_key = record["board"]
    meeting = state.meeting
    unnumbered = _unnumbered_pool(ctx, state, ctx.claimed.get(board_key, set()))
    for row in record.get("actions", []):
        if "number" in row:
            action = _numbered(ctx, board_key, row["number"])
        else:
            # Recognised on re-import by its meeting, item and text (INTERCHANGE.md).
            matches = unnumbered.get((row.get("item"), row["text"]))
            if matches:
                action = ctx.found("actions", matches.pop(0))
            else:
                action = _numbered(ctx, board_key, _next_number(ctx, board_key))
        item = ctx.pick(action, row, "item", convert=state.items.__getitem__)
        assign(action, meeting=meeting, item=item, raised=meeting.date, **_body(ctx, action, row))
        owners = [
            _meeting_owner(ctx, state, owner, f"{row.path}.owners[{i}]")
            for i, owner in enumerate(row["owners"])
        ]
        set_owners(ctx, action, owners, row.path)
        set_free_updates(ctx, action, row.get("updates", []))
        ctx.touch(action)


def _unnumbered_pool(
    ctx: ApplyContext, state: MeetingState, claimed: set[int]
) -> dict[tuple[str | None, str], list[Action]]:
    """The meeting's actions in the database that no numbered action of the document claims
    (those are found by their number)."""
    meeting = state.meeting
    if meeting.id is None:
        return {}
    query = select(Action).where(Action.meeting_id == meeting.id).order_by(Action.number)
    pool: dict[tuple[str | None, str], list[Action]] = defaultdict(list)
    for action in ctx.session.scalars(query):
        if action.number not in claimed:
            label = action.item.number if action.item is not None else None
            pool[(label, action.text)].append(action)
    return pool


def looks_like_initials(text: str) -> bool:
    return INITIALS_LIKE.fullmatch(text) is not None


def _meeting_owner(ctx: ApplyContext, state: MeetingState, text: str, path: str) -> Owner:
    person = state.by_initials.get(text) or ctx.people.get(text)
    if person is not None:
        return person, None
    if looks_like_initials(text) and text not in ctx.short_names():
        ctx.warn(
            path,
            f"{text!r} looks like initials but matches nobody in the attendance; "
            "kept as a group name",
        )
    return None, text


def _log_owner(ctx: ApplyContext, text: str, path: str) -> Owner:
    # An action known without its meeting has no attendance to read initials against.
    person = ctx.people.get(text)
    if person is not None:
        return person, None
    if looks_like_initials(text) and text not in ctx.short_names():
        ctx.warn(path, f"{text!r} looks like initials but is no person's key; kept as a group name")
    return None, text


def set_owners(ctx: ApplyContext, action: Action, owners: list[Owner], path: str) -> None:
    """Owners in the listed order; rows are kept where they are unchanged (each person or group
    may own an action once, so replacing them all in one step could clash).

    New owners are written by executemany at the next flush, keyed as the objects would have
    been (importer_bulk); the owners of an action new in this document are left unread, so
    that reading them after the flush gives the rows written, and an existing action's are
    read again (each action is listed once per document: the checks refuse a number twice)."""
    if id(action) in ctx.owners_added:  # never, as the checks stand; kept right if it were
        ctx.session.flush()
        ctx.owners_added.clear()
    existing = ({_identity(o.person, o.group_name): o for o in action.owners}
                if action.id is not None else {})
    listed: set[tuple[str, str]] = set()
    for i, (person, group) in enumerate(owners):
        identity = _identity(person, group)
        if identity in listed:
            ctx.warn(f"{path}.owners[{i}]", "names an owner listed before it; listed once")
            continue
        owner = existing.pop(identity, None)
        if owner is None or owner.position != len(listed):
            ctx.changed(action)
        if owner is None:
            ctx.bulk.add_at_flush(ActionOwner, {"action": action, "person": person,
                                                "group_name": group, "position": len(listed)})
            ctx.owners_added.add(id(action))
        else:
            owner.position = len(listed)
        listed.add(identity)
    if existing:
        ctx.changed(action)
    for owner in existing.values():  # no longer listed: gone, as an orphan of the list was
        ctx.session.delete(owner)
    if action.id is not None:
        ctx.session.expire(action, ["owners"])


def _identity(person: Person | None, group: str | None) -> tuple[str, str]:
    return ("person", person.key) if person is not None else ("group", group or "")


def set_free_updates(ctx: ApplyContext, action: Action, rows: list[Record]) -> None:
    """The action's updates recorded without a meeting: matched by date and text so that
    unchanged ones keep their rows; with replace, those `rows` leave out are removed."""
    existing: dict[tuple[object, str], list[ActionUpdate]] = defaultdict(list)
    for update in action.updates:
        if update.meeting is None:
            existing[(update.date, update.text)].append(update)
    for row in rows:
        matches = existing.get((row["date"], row["text"]))
        if matches:
            update = ctx.found("action_updates", matches.pop(0))
        else:
            update = ctx.add(
                "action_updates", ActionUpdate(action=action, date=row["date"], text=row["text"])
            )
        assign(update, status=row.get("status"), rag=row.get("rag"))
    for leftovers in existing.values() if ctx.replace else ():
        for update in leftovers:
            action.updates.remove(update)
            ctx.removed("action_updates", update)


def apply_actions(ctx: ApplyContext, rows: list[Record]) -> None:
    """The top-level action log."""
    for row in rows:
        action = _numbered(ctx, row["board"], row["number"])
        values = _body(ctx, action, row)
        if action.meeting is None:
            # An action whose raising meeting is known keeps that meeting's date and item: a
            # log that lists it again does not detach it.
            values["raised"] = ctx.pick(action, row, "raised")
        assign(action, **values)
        owners = [
            _log_owner(ctx, owner, f"{row.path}.owners[{i}]")
            for i, owner in enumerate(row["owners"])
        ]
        set_owners(ctx, action, owners, row.path)
        set_free_updates(ctx, action, row.get("updates", []))
        ctx.touch(action)


def settle_statuses(ctx: ApplyContext) -> None:
    """An action's status and RAG are those of its latest update (by date, then order) that
    sets them, where one does; otherwise what the document said of the action itself.

    A boardwork/2 document gives an action's current status and RAG where it lists the action
    (they may differ from its latest update's: a RAG set back to the suggested one, say);
    its updates settle only the actions it does not list."""
    touched = [a for a in ctx.touched_actions.values() if id(a) not in ctx.listed]
    if not touched:
        return
    ctx.session.flush()  # ids, and the updates of every document so far
    ctx.bulk.write_flushed()  # those a flush with nothing else to write left
    actions = {action.id: action for action in touched}
    rows = ctx.session.execute(
        select(ActionUpdate.action_id, ActionUpdate.status, ActionUpdate.rag)
        .where(ActionUpdate.action_id.in_(list(actions)))
        .order_by(ActionUpdate.date, ActionUpdate.id)
    )
    for action_id, status, rag in rows:
        action = actions[action_id]
        if status is not None:
            assign(action, status=status)
        if rag is not None:
            assign(action, rag=rag, rag_manual=True)

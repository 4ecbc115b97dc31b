"""The `forward_plan` list of boardwork/2: each board's planned business, by key, with the
meeting it was placed on and the agenda item (by its number) it became. Applied after the
meetings, so that a plan and the agendas it fed travel together."""

from __future__ import annotations

from functools import partial
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import AgendaItem, Board, ForwardPlanEntry, Meeting, Purpose
from desktop.services.interchange.importer_context import ApplyContext, assign, keyed
from desktop.services.interchange.schema import (
    ImportRejected,
    Record,
    Spec,
    date,
    label,
    name,
    one_of,
    opt,
    req,
    text,
)

PLAN_ENTRY: Spec = {
    "key": req(name), "board": req(name), "title": req(name), "month": req(date),
    "lead": opt(text), "purpose": opt(one_of(Purpose)), "notes": opt(text),
    "meeting": opt(name), "item": opt(label),
}


def export_forward_plan(session: Session) -> list[dict[str, Any]]:
    boards = dict(session.execute(select(Board.id, Board.key)).all())
    meetings = dict(session.execute(select(Meeting.id, Meeting.key)).all())
    items = dict(session.execute(
        select(AgendaItem.id, AgendaItem.number).join(
            ForwardPlanEntry, ForwardPlanEntry.agenda_item_id == AgendaItem.id)).all())
    written = []
    for entry in session.scalars(select(ForwardPlanEntry).order_by(ForwardPlanEntry.id)):
        record: dict[str, Any] = {"key": entry.key, "board": boards[entry.board_id],
                                  "title": entry.title, "month": entry.month.isoformat()}
        for field, value in (("lead", entry.lead), ("notes", entry.notes),
                             ("purpose", entry.purpose.value if entry.purpose else None),
                             ("meeting", meetings.get(entry.meeting_id or 0)),
                             ("item", items.get(entry.agenda_item_id or 0))):
            if value:
                record[field] = value
        written.append(record)
    return written


def apply_forward_plan(ctx: ApplyContext, entries: list[Record]) -> None:
    errors: list[str] = []
    ctx.session.flush()  # new boards, meetings and items get their ids
    known = {e.key: e for e in ctx.session.scalars(select(ForwardPlanEntry))}
    first: dict[str, int] = {}
    for index, record in enumerate(entries):
        path = f"forward_plan[{index}]"
        if first.setdefault(record["key"], index) != index:
            errors.append(f"{path}.key: {record['key']!r} is used twice (also "
                          f"forward_plan[{first[record['key']]}])")
            continue
        board = ctx.boards.get(record["board"])
        meeting = ctx.meetings.get(record["meeting"]) if "meeting" in record else None
        if board is None:
            errors.append(f"{path}.board: no board {record['board']!r}")
            continue
        if "meeting" in record and (meeting is None or meeting.board_id != board.id):
            errors.append(f"{path}.meeting: no meeting {record['meeting']!r} of that board")
            continue
        item_id = None
        if "item" in record:
            if meeting is None:
                errors.append(f"{path}.item: an item needs the meeting it is on")
                continue
            item_id = ctx.session.scalar(select(AgendaItem.id).where(
                AgendaItem.meeting_id == meeting.id, AgendaItem.number == record["item"]))
            if item_id is None:
                errors.append(f"{path}.item: no item {record['item']!r} on that meeting")
                continue
        entry = keyed(ctx, "forward plan entries", known, ForwardPlanEntry, record["key"])
        given = partial(ctx.pick, entry, record)
        assign(entry, board_id=board.id, title=" ".join(record["title"].split()),
               month=record["month"].replace(day=1), lead=given("lead"),
               purpose=given("purpose"), notes=given("notes"),
               meeting_id=meeting.id if meeting is not None else given("meeting", None),
               agenda_item_id=item_id if item_id is not None else given("item", None))
    if errors:
        raise ImportRejected([ctx.prefix + e for e in errors])

"""The `cycle` object of boardwork/2: what the board cycle keeps around its meetings. The
versions and steps of each meeting's minutes, the interests declared at items, the
decisions taken, the register of members' interests and each board's review dates.

Items are named by their label as printed (or their title when printed without one); a
version's items carry the label they had when it was kept, and `item` the label the item
has now (so an item renumbered since is still the same item in the differences).
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import (
    AgendaItem,
    BoardReview,
    Decision,
    Declaration,
    Interest,
    Meeting,
    MinutesEvent,
    MinutesState,
    MinutesVersion,
    Person,
)
from desktop.services.interchange.importer_context import ApplyContext
from desktop.services.interchange.schema import (
    INVALID,
    ImportRejected,
    Record,
    Spec,
    boolean,
    date,
    date_time,
    format_date_time,
    integer,
    label,
    name,
    one_of,
    opt,
    parse_record,
    records,
    req,
    text,
)

SNAPSHOT_ITEM: Spec = {"number": req(label), "title": req(name), "minutes_html": opt(text),
                       "item": opt(label)}
VERSION: Spec = {"number": req(integer(1)), "made_at": req(date_time), "made_by": req(name),
                 "label": req(name), "items": opt(records(SNAPSHOT_ITEM))}
STEP: Spec = {"state": req(one_of(MinutesState)), "at": req(date_time), "by": req(name),
              "version": opt(integer(1)), "approved_at": opt(name), "public": opt(boolean),
              "note": opt(text)}
MINUTES: Spec = {"meeting": req(name), "versions": opt(records(VERSION)),
                 "steps": opt(records(STEP))}
DECLARATION: Spec = {"meeting": req(name), "item": req(label), "who": req(name),
                     "person": opt(name), "interest": req(name), "withdrew": opt(boolean)}
DECISION: Spec = {"meeting": req(name), "item": opt(label), "text": req(name)}
INTEREST: Spec = {"person": req(name), "description": req(name), "declared_on": opt(date),
                  "review_on": opt(date), "ended_on": opt(date)}
REVIEW: Spec = {"board": req(name), "membership_reviewed": opt(date),
                "membership_due": opt(date), "terms_reviewed": opt(date), "terms_due": opt(date)}
CYCLE: Spec = {"minutes": opt(records(MINUTES)), "declarations": opt(records(DECLARATION)),
               "decisions": opt(records(DECISION)), "interests": opt(records(INTEREST)),
               "reviews": opt(records(REVIEW))}
REVIEW_DATES = ("membership_reviewed", "membership_due", "terms_reviewed", "terms_due")


def parse_cycle(value: Any, path: str, errors: list[str]) -> Any:
    return parse_record(value, path, CYCLE, errors) or INVALID


def item_label(item: AgendaItem) -> str:
    return item.number or item.title


# -- export ------------------------------------------------------------------------------


def export_cycle(session: Session) -> dict[str, Any]:
    meetings = dict(session.execute(select(Meeting.id, Meeting.key)).all())
    people = dict(session.execute(select(Person.id, Person.key)).all())
    labels = {i.id: item_label(i) for i in session.scalars(select(AgendaItem))}
    lists = {
        "minutes": _export_minutes(session, meetings, labels),
        "declarations": [
            {"meeting": meetings[d.item.meeting_id], "item": labels[d.item_id], "who": d.who,
             **({"person": people[d.person_id]} if d.person_id else {}),
             "interest": d.interest, **({"withdrew": True} if d.withdrew else {})}
            for d in session.scalars(select(Declaration).order_by(Declaration.item_id,
                                                                  Declaration.position))],
        "decisions": [
            {"meeting": meetings[d.meeting_id],
             **({"item": labels[d.item_id]} if d.item_id else {}), "text": d.text}
            for d in session.scalars(select(Decision).order_by(Decision.meeting_id,
                                                               Decision.position))],
        "interests": [
            {"person": people[i.person_id], "description": i.description,
             **_dates(i, ("declared_on", "review_on", "ended_on"))}
            for i in session.scalars(select(Interest).order_by(Interest.id))],
        "reviews": [
            {"board": r.board.key, **_dates(r, REVIEW_DATES)}
            for r in session.scalars(select(BoardReview).order_by(BoardReview.board_id))],
    }
    return {k: v for k, v in lists.items() if v}


def _dates(row: Any, fields: tuple[str, ...]) -> dict[str, str]:
    return {f: getattr(row, f).isoformat() for f in fields if getattr(row, f) is not None}


def _export_minutes(session: Session, meetings: dict[int, str],
                    labels: dict[int, str]) -> list[dict[str, Any]]:
    by_meeting: dict[int, dict[str, Any]] = {}
    numbers: dict[int, int] = {}
    for v in session.scalars(select(MinutesVersion).order_by(MinutesVersion.meeting_id,
                                                             MinutesVersion.number)):
        numbers[v.id] = v.number
        items = [{"number": i["number"], "title": i["title"],
                  **({"minutes_html": i["minutes_html"]} if i["minutes_html"] else {}),
                  **({"item": labels[i["id"]]} if i["id"] in labels else {})}
                 for i in json.loads(v.snapshot)]
        entry = by_meeting.setdefault(v.meeting_id, {"meeting": meetings[v.meeting_id]})
        entry.setdefault("versions", []).append(
            {"number": v.number, "made_at": format_date_time(v.made_at), "made_by": v.made_by,
             "label": v.label, "items": items})
    for e in session.scalars(select(MinutesEvent).order_by(MinutesEvent.meeting_id,
                                                           MinutesEvent.at, MinutesEvent.id)):
        entry = by_meeting.setdefault(e.meeting_id, {"meeting": meetings[e.meeting_id]})
        entry.setdefault("steps", []).append({
            "state": str(e.state), "at": format_date_time(e.at), "by": e.by,
            **({"version": numbers[e.version_id]} if e.version_id else {}),
            **({"approved_at": meetings[e.approved_at_id]} if e.approved_at_id else {}),
            **({"public": e.public} if e.public is not None else {}),
            **({"note": e.note} if e.note else {})})
    return list(by_meeting.values())


# -- import ------------------------------------------------------------------------------


class _Items:
    """The items of the meetings named, by label, read once the meetings are applied."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.by_meeting: dict[int, dict[str, AgendaItem]] = {}

    def get(self, meeting: Meeting, wanted: str) -> AgendaItem | None:
        if meeting.id not in self.by_meeting:
            self.by_meeting[meeting.id] = {
                item_label(i): i for i in self.session.scalars(
                    select(AgendaItem).where(AgendaItem.meeting_id == meeting.id))}
        return self.by_meeting[meeting.id].get(wanted)


def apply_cycle(ctx: ApplyContext, record: Record | None) -> None:
    """Versions and steps added unless the meeting has them (by number; by state and
    minute); declarations and decisions added unless listed the same at the item; interests
    by person and description; review dates by board. A meeting, item, person or board the
    database and documents do not have rejects the import."""
    if record is None:
        return
    ctx.session.flush()
    items = _Items(ctx.session)
    errors: list[str] = []
    for i, minutes in enumerate(record.get("minutes", [])):
        errors += _apply_minutes(ctx, items, minutes, f"cycle.minutes[{i}]")
    for i, d in enumerate(record.get("declarations", [])):
        errors += _apply_declaration(ctx, items, d, f"cycle.declarations[{i}]")
    for i, d in enumerate(record.get("decisions", [])):
        errors += _apply_decision(ctx, items, d, f"cycle.decisions[{i}]")
    for i, interest in enumerate(record.get("interests", [])):
        errors += _apply_interest(ctx, interest, f"cycle.interests[{i}]")
    for i, review in enumerate(record.get("reviews", [])):
        board = ctx.boards.get(review["board"])
        if board is None:
            errors.append(f"cycle.reviews[{i}].board: no board {review['board']!r}")
            continue
        row = ctx.session.scalar(select(BoardReview).where(BoardReview.board_id == board.id))
        if row is None:
            row = ctx.add("review dates", BoardReview(board_id=board.id))
        for field_name in REVIEW_DATES:
            setattr(row, field_name, review.get(field_name))
    if errors:
        raise ImportRejected([ctx.prefix + e for e in errors])
    ctx.session.flush()


def _meeting(ctx: ApplyContext, key: str, path: str, errors: list[str]) -> Meeting | None:
    meeting = ctx.meetings.get(key)
    if meeting is None:
        errors.append(f"{path}: no meeting {key!r}")
    return meeting


def _apply_minutes(ctx: ApplyContext, items: _Items, record: Record, path: str) -> list[str]:
    errors: list[str] = []
    meeting = _meeting(ctx, record["meeting"], f"{path}.meeting", errors)
    if meeting is None:
        return errors
    s = ctx.session
    kept = {v.number: v for v in s.scalars(select(MinutesVersion).where(
        MinutesVersion.meeting_id == meeting.id))}
    gone: dict[tuple[str, str], int] = {}  # items no longer in the meeting: an id each
    for version in record.get("versions", []):
        if version["number"] in kept:
            continue
        snapshot = []
        for item in version.get("items", []):
            found = items.get(meeting, item["item"]) if "item" in item else None
            ident = found.id if found else -gone.setdefault((item["number"], item["title"]),
                                                            len(gone) + 1)
            snapshot.append({"id": ident, "number": item["number"], "title": item["title"],
                             "minutes_html": item.get("minutes_html", "")})
        kept[version["number"]] = ctx.add("minutes versions", MinutesVersion(
            meeting_id=meeting.id, number=version["number"], made_at=version["made_at"],
            made_by=version["made_by"], label=version["label"],
            snapshot=json.dumps(snapshot, ensure_ascii=False)))
    s.flush()
    steps = {(str(e.state), e.at.replace(second=0, microsecond=0)) for e in s.scalars(
        select(MinutesEvent).where(MinutesEvent.meeting_id == meeting.id))}
    for i, step in enumerate(record.get("steps", [])):
        if (str(step["state"]), step["at"]) in steps:
            continue
        version = kept.get(step["version"]) if "version" in step else None
        if "version" in step and version is None:
            errors.append(f"{path}.steps[{i}].version: no version {step['version']}")
            continue
        approving = None
        if "approved_at" in step:
            approving = _meeting(ctx, step["approved_at"], f"{path}.steps[{i}].approved_at",
                                 errors)
            if approving is None:
                continue
        ctx.add("minutes steps", MinutesEvent(
            meeting_id=meeting.id, state=step["state"], at=step["at"], by=step["by"],
            version_id=version.id if version else None,
            approved_at_id=approving.id if approving else None,
            public=step.get("public"), note=step.get("note")))
    return errors


def _item(ctx: ApplyContext, items: _Items, record: Record, path: str,
          errors: list[str]) -> tuple[Meeting | None, AgendaItem | None]:
    meeting = _meeting(ctx, record["meeting"], f"{path}.meeting", errors)
    if meeting is None or "item" not in record:
        return meeting, None
    item = items.get(meeting, record["item"])
    if item is None:
        errors.append(f"{path}.item: no item {record['item']!r} in {record['meeting']!r}")
    return meeting, item


def _apply_declaration(ctx: ApplyContext, items: _Items, record: Record,
                       path: str) -> list[str]:
    errors: list[str] = []
    _, item = _item(ctx, items, record, path, errors)
    person = ctx.people.get(record["person"]) if "person" in record else None
    if "person" in record and person is None:
        errors.append(f"{path}.person: no person {record['person']!r}")
    if item is None or errors:
        return errors
    ctx.session.flush()
    existing = list(ctx.session.scalars(select(Declaration).where(
        Declaration.item_id == item.id)))
    if any(d.who == record["who"] and d.interest == record["interest"] for d in existing):
        return []
    ctx.add("declarations", Declaration(
        item_id=item.id, position=len(existing), person_id=person.id if person else None,
        who=record["who"], interest=record["interest"],
        withdrew=bool(record.get("withdrew", False))))
    ctx.session.flush()
    return []


def _apply_decision(ctx: ApplyContext, items: _Items, record: Record, path: str) -> list[str]:
    errors: list[str] = []
    meeting, item = _item(ctx, items, record, path, errors)
    if meeting is None or errors:
        return errors
    existing = list(ctx.session.scalars(select(Decision).where(
        Decision.meeting_id == meeting.id)))
    item_id = item.id if item else None
    if any(d.item_id == item_id and d.text == record["text"] for d in existing):
        return []
    ctx.add("decisions", Decision(meeting_id=meeting.id, item_id=item_id,
                                  position=len(existing), text=record["text"]))
    ctx.session.flush()
    return []


def _apply_interest(ctx: ApplyContext, record: Record, path: str) -> list[str]:
    person = ctx.people.get(record["person"])
    if person is None:
        return [f"{path}.person: no person {record['person']!r}"]
    ctx.session.flush()
    row = ctx.session.scalar(select(Interest).where(
        Interest.person_id == person.id, Interest.description == record["description"]))
    if row is None:
        row = ctx.add("interests", Interest(person_id=person.id,
                                            description=record["description"]))
    row.declared_on = record.get("declared_on")
    row.review_on = record.get("review_on")
    row.ended_on = record.get("ended_on")
    return []

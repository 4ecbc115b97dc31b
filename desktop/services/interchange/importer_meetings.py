"""Applying meetings: the meeting, its attendance, agenda items, updates and amendments.

Rows of a meeting's lists are matched and updated in place (attendance by person, items by
number) so that the ids other records point at survive a re-import. Without replace an import
only adds and updates: rows the document does not list stay, as does any field it leaves out
of a row it matches. With replace, a meeting's lists in the document replace what the
database holds for it: rows the document no longer lists are removed, except items that an
action still refers to. Amendments are never removed. Approved minutes are guarded by
importer_approved.
"""

from __future__ import annotations

from collections import defaultdict
from functools import partial

from sqlalchemy import select

from desktop.models import (
    Action,
    ActionUpdate,
    AgendaItem,
    Amendment,
    Attendance,
    Decision,
    Declaration,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Paper,
    Person,
)
from desktop.services.initials import assign_initials
from desktop.services.interchange.importer_actions import apply_meeting_actions, reserve_numbers
from desktop.services.interchange.importer_context import (
    KEEP,
    ApplyContext,
    MeetingState,
    assign,
    keyed,
)
from desktop.services.interchange.schema import Record
from desktop.services.richtext import sanitise_html


def apply_meetings(ctx: ApplyContext, document: Record) -> None:
    reserve_numbers(ctx, document)
    ctx.people.load_written(_people_named(document["meetings"]))
    for record in document["meetings"]:
        meeting = keyed(ctx, "meetings", ctx.meetings, Meeting, record["key"])
        given = partial(ctx.pick, meeting, record)
        assign(
            meeting, board=ctx.boards[record["board"]], title=given("title"),
            kind=given("kind", MeetingKind.ORDINARY), date=record["date"],
            start=given("start"), end=given("end"), venue=given("venue"),
            closed_at=given("closed_at"), next_meeting=given("next_meeting"),
            chair=given("chair", convert=ctx.person),
            minute_taker=given("minute_taker", convert=ctx.person),
            status=given("status", MeetingStatus.PLANNED),
            paper_deadline=given("paper_deadline"),
        )
        state = MeetingState(meeting, apply_attendance(ctx, meeting, record), {})
        apply_items(ctx, state, record.get("items", []))
        ctx.meeting_states[record["key"]] = state
        apply_meeting_actions(ctx, state, record)


def _people_named(meetings: list[Record]) -> list[str]:
    """The keys of the people the meetings' records name (chairs, minute takers, attendance,
    representing): read as objects by the steps below, those written by an earlier document
    of this import are loaded together first."""
    keys: list[str] = []
    for record in meetings:
        keys += [record[name] for name in ("chair", "minute_taker") if record.get(name)]
        for row in record.get("attendance", []):
            keys.append(row["person"])
            if row.get("representing"):
                keys.append(row["representing"])
    return keys


def apply_attendance(ctx: ApplyContext, meeting: Meeting, record: Record) -> dict[str, Person]:
    """Attendance as listed (position = listed order); returns the people by their initials.

    Without replace, the rows the document does not list stay (after the listed ones), and a
    listed row without initials keeps the ones it has: made initials never take theirs."""
    rows = record.get("attendance", [])
    people = [ctx.people[row["person"]] for row in rows]
    # A meeting new in this document has none (its list is left unread: read after the
    # flush, it holds the rows written then).
    existing = {a.person.key: a for a in meeting.attendance} if meeting.id is not None else {}
    listed = {row["person"] for row in rows}
    kept = [] if ctx.replace else [a for key, a in existing.items() if key not in listed]

    def given_initials(row: Record) -> str | None:
        found = existing.get(row["person"])
        if "initials" in row or found is None or ctx.replace:
            return row.get("initials")
        return found.initials

    every = assign_initials(
        [(a.person.name, a.initials) for a in kept]
        + [(person.name, given_initials(row)) for person, row in zip(people, rows, strict=True)]
    )
    initials = every[len(kept):]
    wanted = dict(zip([row["person"] for row in rows], initials, strict=True))
    for key, attendance in existing.items():
        if key in wanted:
            ctx.found("attendance", attendance)
    _clear_the_way(ctx, meeting, existing, wanted, kept)
    added = False
    for position, (row, person, made) in enumerate(zip(rows, people, initials, strict=True)):
        found = existing.get(row["person"])
        if found is None:
            _add_attendance(ctx, meeting, person, position, made, row)
            added = True
            continue
        given = partial(ctx.pick, found, row)
        assign(
            found, position=position, status=row["status"], initials=made,
            role=given("role"), representing=given("representing", convert=ctx.person),
            arrived=given("arrived"), left=given("left"), note=given("note"),
        )
    for position, attendance in enumerate(kept, start=len(rows)):
        assign(attendance, position=position)
    if added and meeting.id is not None:
        # Read again when next asked for, with the rows added (written at the next flush).
        ctx.session.expire(meeting, ["attendance"])
    return {a.initials: a.person for a in kept} | dict(zip(initials, people, strict=True))


def _add_attendance(ctx: ApplyContext, meeting: Meeting, person: Person, position: int,
                    initials: str, row: Record) -> None:
    """A new attendance row: written by executemany at the next flush, keyed as the object
    would have been (importer_bulk), with the values it would have had."""
    representing = row.get("representing")
    ctx.bulk.add_at_flush(Attendance, {
        "meeting": meeting, "person": person, "position": position, "status": row["status"],
        "initials": initials, "role": row.get("role"),
        "representing": ctx.person(representing) if representing is not None else None,
        "arrived": row.get("arrived"), "left": row.get("left"), "note": row.get("note")})
    ctx.count_created("attendance")


def _clear_the_way(
    ctx: ApplyContext, meeting: Meeting, existing: dict[str, Attendance], wanted: dict[str, str],
    kept: list[Attendance],
) -> None:
    """Remove unlisted rows (but those `kept`) and park changing initials, so that no step of
    the update breaks the rule that initials are unique within the meeting (when "AP" and
    "APr" swap, say)."""
    unlisted = [a for key, a in existing.items() if key not in wanted and a not in kept]
    moving = [a for key, a in existing.items() if key in wanted and a.initials != wanted[key]]
    if not unlisted and not moving:
        return
    for attendance in unlisted:
        meeting.attendance.remove(attendance)
        ctx.removed("attendance", attendance)
        del existing[attendance.person.key]
    for attendance in moving:
        attendance.initials = f"~{attendance.id}"  # no real initials start with "~"
    ctx.session.flush()


def apply_items(ctx: ApplyContext, state: MeetingState, records: list[Record]) -> None:
    meeting = state.meeting
    existing: dict[str, AgendaItem] = {}
    unnumbered: list[AgendaItem] = []
    if meeting.id is not None:
        query = select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)
        for item in tree_order(list(ctx.session.scalars(query))):
            if item.number:
                existing[item.number] = item
            else:
                unnumbered.append(item)
    _place_items(ctx, state, (existing, unnumbered), records, None)
    if ctx.replace:
        state.unlisted = [*existing.values(), *unnumbered]
    else:  # a partial agenda removes nothing: the items it leaves out stay as they are
        state.items.update({label: item for label, item in existing.items()
                            if label not in state.items})


def _place_items(
    ctx: ApplyContext,
    state: MeetingState,
    existing: tuple[dict[str, AgendaItem], list[AgendaItem]],
    records: list[Record],
    parent: AgendaItem | None,
) -> None:
    numbered, unnumbered = existing
    for position, record in enumerate(records):
        label = record["number"]  # set by the checks when missing: made, or "" (unnumbered)
        if label:
            item = numbered.pop(label, None)
        else:
            item = _unnumbered_match(unnumbered, record["title"], parent)
        if item is None:
            item = ctx.add("items", AgendaItem(meeting=state.meeting, number=label))
        else:
            ctx.found("items", item)
        given = partial(ctx.pick, item, record)
        presenter = given("presenter")
        assign(
            item, parent=parent, position=position, title=record["title"], presenter=presenter,
            presenter_person=presenter if presenter is KEEP else _presenter(ctx, state, presenter),
            purpose=given("purpose"), confidential=given("confidential", False),
            minutes_html=given("minutes_html", convert=sanitise_html),
            standing=given("standing"),
            # A label the document gives is as printed; one made from the position is not.
            number_fixed=given("number_fixed", False),
            paper_expected=given("paper_expected", False),
        )
        apply_papers(ctx, item, record)
        if label:
            state.items[label] = item
        else:
            # Unnumbered as printed: renumbering the agenda leaves it so (its label is fixed).
            assign(item, number_fixed=True)
        _place_items(ctx, state, existing, record.get("items", []), item)


def apply_papers(ctx: ApplyContext, item: AgendaItem, record: Record) -> None:
    """The item's papers as listed, matched by title and file name. Without replace, papers
    the document does not list stay (after the listed ones); with replace they are removed."""
    if "papers" not in record and not ctx.replace:
        return
    existing = list(item.papers) if item.id is not None else []
    listed: list[Paper] = []
    for row in record.get("papers", []):
        paper = next((p for p in existing if (p.title, p.filename)
                      == (row["title"], row["filename"])), None)
        if paper is None:
            paper = ctx.add("papers", Paper(title=row["title"], filename=row["filename"]))
            item.papers.append(paper)
        else:
            existing.remove(paper)
            ctx.found("papers", paper)
        pages = paper.pages if paper.pdf == row["pdf"] else _page_count(row["pdf"])
        assign(paper, author=row.get("author"), received=row["received"], pdf=row["pdf"],
               size=len(row["pdf"]), pages=pages)
        listed.append(paper)
    for paper in existing if ctx.replace else ():
        item.papers.remove(paper)
        ctx.removed("papers", paper)
    for position, paper in enumerate([*listed, *(() if ctx.replace else existing)]):
        assign(paper, position=position)


def _page_count(pdf: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def tree_order(items: list[AgendaItem]) -> list[AgendaItem]:
    """Items in agenda order, each followed by its sub-items (the order of a document)."""
    children: dict[int | None, list[AgendaItem]] = defaultdict(list)
    for item in sorted(items, key=lambda i: (i.position, i.id)):
        children[item.parent_id].append(item)
    ordered: list[AgendaItem] = []
    stack = list(reversed(children[None]))
    while stack:
        item = stack.pop()
        ordered.append(item)
        stack.extend(reversed(children[item.id]))
    return ordered


def _unnumbered_match(
    unnumbered: list[AgendaItem], title: str, parent: AgendaItem | None
) -> AgendaItem | None:
    """The item printed without a number that a record describes: the next one (in agenda
    order) with its title under the same parent, else with its title, else the next one."""
    tests = (
        lambda i: i.title == title and i.parent is parent,
        lambda i: i.title == title,
        lambda i: True,
    )
    for test in tests:
        found = next((i for i in unnumbered if test(i)), None)
        if found is not None:
            unnumbered.remove(found)
            return found
    return None


def _presenter(ctx: ApplyContext, state: MeetingState, presenter: str | None) -> Person | None:
    """Initials of this meeting's attendance, else a person's key; else free text only."""
    if presenter is None:
        return None
    return state.by_initials.get(presenter) or ctx.people.get(presenter)


def remove_unlisted_items(ctx: ApplyContext) -> None:
    """Delete items a re-imported meeting no longer lists, unless an action refers to them
    (or to an item below them): an action's record of where it was raised is kept."""
    unlisted = [item for state in ctx.meeting_states.values() for item in state.unlisted]
    if not unlisted:
        return
    ctx.session.flush()  # so that the query below sees the actions as this import left them
    ids = [item.id for item in unlisted]
    referenced = set(ctx.session.scalars(select(Action.item_id).where(Action.item_id.in_(ids))))
    # Interests declared and decisions taken there are kept with their item too.
    for model in (Declaration, Decision):
        referenced |= set(ctx.session.scalars(select(model.item_id).where(
            model.item_id.in_(ids))))
    kept: set[int] = set()
    for item in unlisted:
        if item.id in referenced:
            ancestor: AgendaItem | None = item
            while ancestor is not None and ancestor.id not in kept:
                kept.add(ancestor.id)
                ancestor = ancestor.parent
    for item in unlisted:
        if item.id not in kept:
            ctx.removed("items", item)


def apply_meeting_updates(ctx: ApplyContext, meetings: list[Record]) -> None:
    """`action_updates`: dated by their meeting (or their own `date`); with replace, they
    replace the updates given at it."""
    for record in meetings:
        meeting = ctx.meeting_states[record["key"]].meeting
        existing: dict[tuple[int, str], list[ActionUpdate]] = defaultdict(list)
        if meeting.id is not None:
            query = select(ActionUpdate).where(ActionUpdate.meeting_id == meeting.id)
            for update in ctx.session.scalars(query.order_by(ActionUpdate.id)):
                existing[(id(update.action), update.text)].append(update)
        for row in record.get("action_updates", []):
            action = ctx.actions[(record["board"], row["action"])]
            matches = existing.get((id(action), row["text"]))
            if matches:
                update = ctx.found("action_updates", matches.pop(0))
                assign(update, date=row.get("date", meeting.date), status=row.get("status"),
                       rag=row.get("rag"))
            else:
                # A new update: written by executemany at the next flush, keyed as the object
                # would have been (importer_bulk); later steps read updates from the database.
                ctx.bulk.add_at_flush(ActionUpdate, {
                    "action": action, "meeting": meeting, "text": row["text"],
                    "date": row.get("date", meeting.date), "status": row.get("status"),
                    "rag": row.get("rag")})
                ctx.count_created("action_updates")
            ctx.touch(action)
        for leftovers in existing.values() if ctx.replace else ():
            for update in leftovers:
                ctx.touch(update.action)
                update.action.updates.remove(update)
                ctx.removed("action_updates", update)


def apply_amendments(ctx: ApplyContext, meetings: list[Record]) -> None:
    """Amendments are the record of how approved minutes changed: an import adds those the
    database does not have yet (matched by date and text) and never changes or removes one."""
    for record in meetings:
        meeting = ctx.meeting_states[record["key"]].meeting
        unmatched = list(meeting.amendments)
        for row in record.get("amendments", []):
            match = next((a for a in unmatched
                          if (a.date, a.text) == (row["date"], row["text"])), None)
            if match is not None:
                unmatched.remove(match)
                ctx.found("amendments", match)
                continue
            position = max((a.position for a in meeting.amendments), default=-1) + 1
            meeting.amendments.append(ctx.add("amendments", Amendment(
                position=position, date=row["date"], text=row["text"])))

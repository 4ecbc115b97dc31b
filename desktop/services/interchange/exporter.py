"""The whole database as one boardwork/2 document (boardwork/1 and the fields of
docs/INTERCHANGE-2.md).

Written so that importing it into an empty database and exporting again gives the same
document: records in id order (the order they were made or imported), attendance and items in
their listed order, fields that are empty left out, defaults written out.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections import defaultdict
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.models import (
    Action,
    ActionOwner,
    ActionUpdate,
    Agency,
    AgendaItem,
    Amendment,
    Attendance,
    Board,
    Booking,
    BookingStatus,
    Course,
    Meeting,
    Membership,
    Person,
    Trainer,
    TrainingSession,
    Venue,
)
from desktop.models.database import Database
from desktop.services.interchange.cycle_records import export_cycle
from desktop.services.interchange.forward_plan_records import export_forward_plan
from desktop.services.interchange.importer_settings import export_settings
from desktop.services.interchange.outlook_records import export_outlook
from desktop.services.interchange.schema import (
    FORMAT,
    format_date_time,
    format_money,
    format_time,
)

Json = dict[str, Any]


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return format_date_time(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return format_time(value)
    if isinstance(value, str):  # includes the StrEnum members
        return str(value)
    return value


def _fields(**values: Any) -> Json:
    """The given fields in the format's shapes, leaving out those that are None or empty."""
    return {name: _plain(v) for name, v in values.items() if v is not None and v != []}


class _Exporter:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.agency_keys = self._keys(Agency)
        self.person_keys = self._keys(Person)
        self.board_keys = self._keys(Board)
        self.course_keys = self._keys(Course)
        self.session_keys = self._keys(TrainingSession)
        self.owners = self._owners()
        self.numbers: dict[int, int] = {
            row_id: number
            for row_id, number in self.session.execute(select(Action.id, Action.number))
        }
        # Updates of each action by date (the action's history), and given at each meeting.
        self.updates: dict[int, list[ActionUpdate]] = defaultdict(list)
        self.given: dict[int, list[ActionUpdate]] = defaultdict(list)
        for update in self._all(ActionUpdate, ActionUpdate.date, ActionUpdate.id):
            self.updates[update.action_id].append(update)
        for update in self._all(ActionUpdate):
            if update.meeting_id is not None:
                self.given[update.meeting_id].append(update)

    def _keys(self, model: Any) -> dict[int, str]:
        return {row_id: key for row_id, key in self.session.execute(select(model.id, model.key))}

    def _all(self, model: Any, *order: Any) -> list[Any]:
        return list(self.session.scalars(select(model).order_by(*(order or (model.id,)))))

    def _owners(self) -> dict[int, list[str]]:
        owners: dict[int, list[str]] = defaultdict(list)
        for owner in self._all(ActionOwner, ActionOwner.action_id, ActionOwner.position):
            name = self.person_keys[owner.person_id] if owner.person_id else owner.group_name
            owners[owner.action_id].append(name or "")
        return owners

    def person(self, person_id: int | None) -> str | None:
        return self.person_keys[person_id] if person_id is not None else None

    def document(self) -> Json:
        actions = self._all(Action)
        lists = {
            "agencies": [self.agency(a) for a in self._all(Agency)],
            "people": [self.person_record(p) for p in self._all(Person)],
            "boards": [self.board(b) for b in self._all(Board)],
            "memberships": [self.membership(m) for m in self._all(Membership)],
            "meetings": self.meetings(actions),
            "actions": [self.log_action(a) for a in actions if a.meeting_id is None],
            "trainers": [self.trainer(t) for t in self._all(Trainer)],
            "venues": [self.venue(v) for v in self._all(Venue)],
            "courses": [self.course(c) for c in self._all(Course)],
            "sessions": [self.training_session(s) for s in self._all(TrainingSession)],
            "bookings": self.bookings(),
        }
        settings = export_settings(self.session)
        outlook = export_outlook(self.session)
        plan = export_forward_plan(self.session)
        cycle = export_cycle(self.session)
        return {
            "format": FORMAT, **{name: rows for name, rows in lists.items() if rows},
            **({"settings": settings} if settings else {}),
            **({"outlook": outlook} if outlook else {}),
            **({"forward_plan": plan} if plan else {}),
            **({"cycle": cycle} if cycle else {}),
        }

    def agency(self, agency: Agency) -> Json:
        return _fields(
            key=agency.key, name=agency.name, short_name=agency.short_name, sector=agency.sector
        )

    def person_record(self, person: Person) -> Json:
        agency = self.agency_keys.get(person.agency_id) if person.agency_id else None
        return _fields(
            key=person.key, name=person.name, title=person.title, job_title=person.job_title,
            agency=agency, email=person.email, phone=person.phone, notes=person.notes,
        )

    def board(self, board: Board) -> Json:
        parent = self.board_keys[board.parent_id] if board.parent_id else None
        return _fields(
            key=board.key, name=board.name, short_name=board.short_name, kind=board.kind,
            parent=parent, quorum=board.quorum, chair=self.person(board.chair_id),
            numbering=board.numbering_style, last_action_number=self._mark(board),
        )

    def _mark(self, board: Board) -> int | None:
        """The high-water mark of action numbers, where it is above every number the board's
        actions have (numbers of withdrawn or removed actions are never given again)."""
        highest = self.session.scalar(
            select(func.max(Action.number)).where(Action.board_id == board.id)
        )
        return board.last_action_number if board.last_action_number > (highest or 0) else None

    def membership(self, membership: Membership) -> Json:
        return _fields(
            board=self.board_keys[membership.board_id], person=self.person(membership.person_id),
            role=membership.role, **{"from": membership.from_date}, to=membership.to_date,
            deputy=self.person(membership.deputy_id),
        )

    def meetings(self, actions: list[Action]) -> list[Json]:
        raised: dict[int, list[Action]] = defaultdict(list)
        for action in actions:
            if action.meeting_id is not None:
                raised[action.meeting_id].append(action)
        return [self.meeting(m, raised[m.id]) for m in self._all(Meeting)]

    def meeting(self, meeting: Meeting, raised: list[Action]) -> Json:
        attendance = self.session.scalars(
            select(Attendance).where(Attendance.meeting_id == meeting.id)
            .order_by(Attendance.position, Attendance.id)
        )
        items = self._items(meeting)
        labels = {item.id: item.number for item in items}
        return _fields(
            key=meeting.key, board=self.board_keys[meeting.board_id], title=meeting.title,
            kind=meeting.kind, date=meeting.date, start=meeting.start, end=meeting.end,
            venue=meeting.venue, closed_at=meeting.closed_at, next_meeting=meeting.next_meeting,
            chair=self.person(meeting.chair_id), minute_taker=self.person(meeting.minute_taker_id),
            status=meeting.status, paper_deadline=meeting.paper_deadline,
            amendments=[_fields(date=a.date, text=a.text) for a in self._amendments(meeting)],
            attendance=[self.attendance(a) for a in attendance],
            items=self._item_tree(items, None),
            actions=[self.meeting_action(a, labels) for a in raised],
            action_updates=[
                _fields(action=self.numbers[u.action_id], text=u.text, status=u.status, rag=u.rag,
                        date=u.date if u.date != meeting.date else None)
                for u in self.given[meeting.id]
            ],
        )

    def _amendments(self, meeting: Meeting) -> list[Amendment]:
        query = select(Amendment).where(Amendment.meeting_id == meeting.id)
        return list(self.session.scalars(query.order_by(Amendment.position, Amendment.id)))

    def attendance(self, row: Attendance) -> Json:
        return _fields(
            person=self.person(row.person_id), status=row.status, initials=row.initials,
            role=row.role, representing=self.person(row.representing_id), arrived=row.arrived,
            left=row.left, note=row.note,
        )

    def _items(self, meeting: Meeting) -> list[AgendaItem]:
        query = select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)
        return list(self.session.scalars(query.order_by(AgendaItem.position, AgendaItem.id)))

    def _item_tree(self, items: list[AgendaItem], parent_id: int | None) -> list[Json]:
        return [
            _fields(
                number=item.number, title=item.title,
                presenter=item.presenter or self.person(item.presenter_id),
                purpose=item.purpose, confidential=True if item.confidential else None,
                minutes_html=item.minutes_html, standing=item.standing,
                number_fixed=True if item.number_fixed else None,
                paper_expected=True if item.paper_expected else None,
                papers=[_fields(title=p.title, author=p.author, received=p.received,
                                filename=p.filename,
                                pdf=base64.b64encode(p.pdf).decode("ascii"))
                        for p in item.papers],
                items=self._item_tree(items, item.id),
            )
            for item in items
            if item.parent_id == parent_id
        ]

    def _action_body(self, action: Action) -> Json:
        return _fields(
            title=action.title, text=action.text, owners=self.owners[action.id], due=action.due,
            status=action.status, rag=action.rag,
        )

    def _free_updates(self, action: Action) -> list[Json]:
        return [
            _fields(date=u.date, text=u.text, status=u.status, rag=u.rag)
            for u in self.updates[action.id]
            if u.meeting_id is None
        ]

    def meeting_action(self, action: Action, labels: dict[int, str]) -> Json:
        # An action raised at an unnumbered item cannot name it ("" is no reference).
        item = (labels.get(action.item_id) or None) if action.item_id else None
        return {
            **_fields(number=action.number, item=item),
            **self._action_body(action),
            # An extension of the format: updates recorded without a meeting have no other
            # place to go on an action raised at one (the importer reads them back).
            **_fields(updates=self._free_updates(action)),
        }

    def log_action(self, action: Action) -> Json:
        return {
            **_fields(board=self.board_keys[action.board_id], number=action.number,
                      raised=action.raised),
            **self._action_body(action),
            **_fields(updates=self._free_updates(action)),
        }

    def course(self, course: Course) -> Json:
        charge = course.non_attendance_charge_pence
        late = course.late_cancellation_charge_pence
        return _fields(
            key=course.key, title=course.title, level=course.level, format=course.format,
            duration_minutes=course.duration_minutes, capacity=course.capacity,
            non_attendance_charge=format_money(charge) if charge is not None else None,
            late_cancellation_charge=format_money(late) if late is not None else None,
            description=course.description,
        )

    def trainer(self, trainer: Trainer) -> Json:
        return _fields(key=trainer.key, name=trainer.name, email=trainer.email,
                       phone=trainer.phone, notes=trainer.notes)

    def venue(self, venue: Venue) -> Json:
        return _fields(key=venue.key, name=venue.name, address=venue.address,
                       contact=venue.contact, phone=venue.phone,
                       room_capacity=venue.room_capacity)

    def training_session(self, session: TrainingSession) -> Json:
        return _fields(
            key=session.key, course=self.course_keys[session.course_id], start=session.start,
            end=session.end, venue=session.venue_name, trainer=session.trainer_name,
            capacity=session.capacity, status=session.status,
            former_keys=[f.key for f in session.former_keys],
        )

    def bookings(self) -> list[Json]:
        """One record per person and session: their latest booking, with the earlier
        (cancelled) ones in `earlier`, in the order they were made."""
        events: dict[tuple[int, int], list[Booking]] = defaultdict(list)
        for booking in self._all(Booking):
            events[booking.session_id, booking.person_id].append(booking)
        records = []
        for rows in events.values():
            latest = next((b for b in rows if b.status != BookingStatus.CANCELLED), rows[-1])
            earlier = [self.booking_event(b) for b in rows if b is not latest]
            records.append({
                **_fields(session=self.session_keys[latest.session_id],
                          person=self.person(latest.person_id)),
                **self.booking_event(latest), **_fields(earlier=earlier),
            })
        return records

    def booking_event(self, booking: Booking) -> Json:
        agency = self.agency_keys[booking.agency_id] if booking.agency_id else None
        charge = format_money(booking.charge_pence) if booking.charge_pence is not None else None
        return _fields(
            status=booking.status, booked_at=booking.booked_at,
            cancelled_at=booking.cancelled_at, agency=agency, charge=charge,
            charge_waived=booking.charge_waived_reason, reason=booking.reason,
            reason_note=booking.reason_note,
        )


def export_data(db: Database) -> dict[str, Any]:
    """Everything in the database that a user entered, as one boardwork/2 document."""
    with db.session() as session:
        return _Exporter(session).document()

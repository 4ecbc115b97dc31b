"""E-mail drafts about boards and money: the minutes (the draft to the chair, the approved or
public version to the members), each owner's open actions across boards, and each agency's
training charges for a period. One draft per person; the files are written by the caller
inside the unit of work that records them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import select

from desktop.dates import show_date
from desktop.models import (
    Action,
    ActionOwner,
    Board,
    MeetingStatus,
    Person,
    PreparedMessage,
)
from desktop.models.actions import OPEN_STATUSES
from desktop.models.database import Database
from desktop.services.actions.common import ActionRow
from desktop.services.actions.log import action_log
from desktop.services.actions.queries import OwnerRef, find_owner
from desktop.services.figures import Period, format_pounds
from desktop.services.outlook.drafts import Prepared, Writer, organisation_name, signed
from desktop.services.outlook.eml import Attachment, Draft
from desktop.services.outlook.facts import (
    OutlookError,
    Recipient,
    find_meeting,
    meeting_members,
    meeting_title,
    person_recipient,
)
from desktop.services.outlook.templates import fill, load_mail_settings
from desktop.services.training import InvoiceList, invoice_list

MIME = {"pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The minutes as a file: (meeting id, "pdf" or "docx", public version?) -> bytes.
MinutesMaker = Callable[[int, str, bool], bytes]


def prepare_minutes(db: Database, meeting: str | int, write: Writer, minutes: MinutesMaker,
                    fmt: str = "pdf", public: bool = False,
                    now: dt.datetime | None = None) -> Prepared:
    """Approved minutes (or the public version) to every member; otherwise the draft to the
    meeting's chair for review."""
    if fmt not in MIME:
        raise OutlookError("Minutes are attached as pdf or docx.", "format")
    now = now or dt.datetime.now()
    mail = load_mail_settings(db)
    organisation = organisation_name(db)
    with db.transaction() as s:
        found = find_meeting(s, meeting)
        approved = found.status == MeetingStatus.APPROVED
        kind = "minutes" if approved or public else "minutes_draft"
        if kind == "minutes":
            people = meeting_members(found)
        elif found.chair is not None:
            people = (person_recipient(found.chair),)
        else:
            raise OutlookError("The meeting has no chair recorded to send the draft to.",
                               "chair")
        title = meeting_title(found)
        date = show_date(found.date)
        label = "Minutes" if approved else "Draft minutes"
        attachment = Attachment(
            f"{label} {found.board.short_name or found.board.name} {found.date:%Y-%m-%d}"
            f"{' (public)' if public else ''}.{fmt}",
            minutes(found.id, fmt, public), MIME[fmt])
        template = mail.template(kind)
        drafts, missing = [], []
        for person in people:
            if not person.email:
                missing.append(person)
                continue
            values = {"organisation": organisation, "recipient": person.name,
                      "member": person.name, "chair": person.name,
                      "board": found.board.name, "meeting": title, "date": date}
            drafts.append(Draft(kind, person, fill(template.subject, values),
                                signed(fill(template.body, values), mail, organisation),
                                (attachment,), meeting_id=found.id))
            s.add(PreparedMessage(kind=kind, prepared_at=now, person_id=person.person_id,
                                  meeting_id=found.id))
        write(drafts)
        return Prepared(tuple(drafts), tuple(missing))


def action_owners(db: Database, board: str | int | None,
                  owner: str | OwnerRef | None) -> list[OwnerRef]:
    """The owner named, or every owner of the board's open actions (a board by key or id)."""
    if owner is not None:
        return [find_owner(db, owner) if isinstance(owner, str) else owner]
    with db.session() as s:
        query = (select(ActionOwner.person_id, ActionOwner.group_name).join(Action)
                 .where(Action.status.in_(list(OPEN_STATUSES))).distinct())
        if board is not None:
            board_id = s.scalar(select(Board.id).where(
                Board.id == board if isinstance(board, int) else Board.key == board))
            if board_id is None:
                raise OutlookError(f"There is no board {board!r}.", "board")
            query = query.where(Action.board_id == board_id)
        return [OwnerRef(person_id=p, group=None if p is not None else g)
                for p, g in s.execute(query)]


def _urgency(row: ActionRow) -> tuple[int, dt.date, str, int]:
    """Overdue first, then by due date, then those without one."""
    rank = 0 if row.overdue else (1 if row.due is not None else 2)
    return rank, row.due or dt.date.max, row.board, row.number


def action_line(row: ActionRow) -> str:
    due = f"due {show_date(row.due)}" if row.due else "no due date"
    if row.overdue:
        due += ", OVERDUE"
    what = row.title or row.text
    return f"- {row.board} action {row.number}: {what} ({due}; {row.status_name})"


def prepare_actions(db: Database, write: Writer, board: str | int | None = None,
                    owner: str | OwnerRef | None = None, today: dt.date | None = None,
                    now: dt.datetime | None = None) -> Prepared:
    """To each owner (of the board's open actions, or the one named) their open actions
    across every board."""
    if board is None and owner is None:
        raise OutlookError("Choose a board or an action owner.", "board")
    today = today or dt.date.today()
    now = now or dt.datetime.now()
    mail = load_mail_settings(db)
    organisation = organisation_name(db)
    template = mail.template("actions")
    drafts, missing = [], []
    with db.transaction() as s:
        for ref in action_owners(db, board, owner):
            if ref.person_id is None:
                missing.append(Recipient(0, f"{ref.group} (a group)", None))
                continue
            found = s.get(Person, ref.person_id)
            assert found is not None
            person = person_recipient(found)
            rows = sorted(action_log(db, None, True, ref, today).rows, key=_urgency)
            if not rows:
                continue
            if not person.email:
                missing.append(person)
                continue
            values = {"organisation": organisation, "recipient": person.name,
                      "owner": person.name, "count": str(len(rows)),
                      "overdue": str(sum(r.overdue for r in rows)),
                      "actions": "\n".join(action_line(r) for r in rows)}
            drafts.append(Draft("actions", person, fill(template.subject, values),
                                signed(fill(template.body, values), mail, organisation)))
            s.add(PreparedMessage(kind="actions", prepared_at=now, person_id=person.person_id))
        write(drafts)
    return Prepared(tuple(drafts), tuple(sorted(missing, key=lambda r: r.name.casefold())))


# The charges list as an .xlsx file, for one agency's part of the list.
ChargesMaker = Callable[[InvoiceList], bytes]


def prepare_charges(db: Database, period: Period, write: Writer, spreadsheet: ChargesMaker,
                    contacts: dict[int, Recipient], now: dt.datetime | None = None,
                    ) -> Prepared:
    """To each agency's training contact, the charges to it for the period, the list
    attached. `contacts` maps agency ids to their contact (see outlook/contacts.py)."""
    now = now or dt.datetime.now()
    mail = load_mail_settings(db)
    organisation = organisation_name(db)
    template = mail.template("charges")
    period_text = f"{show_date(period.start)} to {show_date(period.end)}"
    drafts: list[Draft] = []
    missing: list[Recipient] = []
    for agency in invoice_list(db, period).agencies:
        contact = contacts.get(agency.agency_id) if agency.agency_id is not None else None
        if contact is None or not contact.email:
            missing.append(Recipient(0, f"{agency.agency} (no training contact)", None))
            continue
        values = {"organisation": organisation, "recipient": contact.name,
                  "agency": agency.agency, "period": period_text,
                  "total": format_pounds(agency.total_pence), "count": str(len(agency.lines))}
        sheet = spreadsheet(InvoiceList(period, (agency,)))
        drafts.append(Draft("charges", contact, fill(template.subject, values),
                            signed(fill(template.body, values), mail, organisation),
                            (Attachment(f"Training charges {agency.agency} "
                                        f"{period.start:%Y-%m-%d} to {period.end:%Y-%m-%d}"
                                        ".xlsx", sheet, XLSX),)))
    with db.transaction() as s:
        for draft in drafts:
            s.add(PreparedMessage(kind="charges", prepared_at=now,
                                  person_id=draft.to.person_id or None))
        write(drafts)
    return Prepared(tuple(drafts), tuple(missing))

"""E-mail drafts read back with email.parser: X-Unsent, To with name and address, the
subject, a body naming the course, date and venue, and each attachment opening as what it
claims (icalendar, pypdf, openpyxl, python-docx)."""

from __future__ import annotations

import datetime as dt
import io
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import docx
import openpyxl
import pytest
from icalendar import Calendar
from pypdf import PdfReader
from sqlalchemy import select

from desktop.exports.outlook_prepare import Request, prepare_emails
from desktop.models import Action, ActionOwner, MeetingStatus, PreparedMessage
from desktop.services.figures import Period
from desktop.services.outlook.contacts import save_contacts
from desktop.services.outlook.facts import OutlookError
from desktop.services.training import cancel_booking, mark
from tests.outlook_data import START, make_records


def _read(path: Path) -> EmailMessage:
    with path.open("rb") as handle:
        message = BytesParser(policy=policy.default).parse(handle)
    assert isinstance(message, EmailMessage)
    assert message["X-Unsent"] == "1"
    return message


def _body(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    assert part is not None
    return str(part.get_content())


def _attachments(message: EmailMessage) -> dict[str, tuple[str, bytes]]:
    return {str(part.get_filename()): (part.get_content_type(), part.get_content())
            for part in message.iter_attachments()}


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_confirmations_one_per_delegate_with_their_own_invitation(database, tmp_path):
    records = make_records(database)
    done = prepare_emails(database, Request("confirmation", session=records.session_id),
                          tmp_path / "out")
    assert [p.name for p in done.prepared.without_address] == ["Kit Jones"]
    assert len(done.files) == 2
    message = _read(done.files[1])  # by name: Sam, then Zoë
    assert message["To"].addresses[0].display_name == "Dr Zoë Brontë"
    assert message["To"].addresses[0].addr_spec == "zoe.bronte@example.gov.uk"
    assert message["Subject"] == "Booking confirmed: Graded Care Profile, 10/03/2026"
    body = _body(message)
    for words in ("Dear Dr Zoë Brontë", "Graded Care Profile", "Tuesday 10/03/2026",
                  "09:30 to 12:30", "County Hall, Hereford", "Bring a pen",
                  "Assessing neglect with the Graded Care Profile 2."):
        assert words in body
    assert "\n\n\n" not in body.replace("\r\n", "\n")
    (name, (mime, data)), = _attachments(message).items()
    assert name.endswith(".ics") and mime == "text/calendar"
    calendar = Calendar.from_ical(data)
    assert str(calendar["METHOD"]) == "REQUEST"
    event, = calendar.walk("VEVENT")
    assert str(event["ATTENDEE"]) == "mailto:zoe.bronte@example.gov.uk"  # only hers
    with database.session() as s:
        kinds = s.execute(select(PreparedMessage.kind, PreparedMessage.booking_id)).all()
    assert sorted(kinds) == sorted([("confirmation", records.bookings["Zoë Brontë"]),
                                    ("confirmation", records.bookings["Sam Patel"])])


def test_waiting_cancellation_with_charge_and_promotion(database, tmp_path):
    records = make_records(database)
    waiting = prepare_emails(database, Request("waiting", session=records.session_id),
                             tmp_path / "w")
    assert [_read(f)["To"].addresses[0].display_name for f in waiting.files] == ["Ann Lee"]
    assert "waiting list" in _body(_read(waiting.files[0]))
    cancel_booking(database, records.bookings["Sam Patel"], now=START - dt.timedelta(hours=24))
    done = prepare_emails(database, Request("cancellation", session=records.session_id),
                          tmp_path / "c")
    message = _read(done.files[0])
    body = _body(message)
    assert "charge of £20.00" in body and "less than 48 hours" in body
    (_, (_, data)), = _attachments(message).items()
    calendar = Calendar.from_ical(data)
    assert str(calendar["METHOD"]) == "CANCEL"
    # Told once: a second run finds nobody new to tell.
    again = prepare_emails(database, Request("cancellation", session=records.session_id),
                           tmp_path / "c2")
    assert again.files == []
    promoted = prepare_emails(database, Request("promotion", session=records.session_id),
                              tmp_path / "p")
    assert [_read(f)["To"].addresses[0].display_name for f in promoted.files] == ["Ann Lee"]
    assert "A place has become free" in _body(_read(promoted.files[0]))


def test_certificate_attached_as_the_delegates_own_pdf(database, tmp_path):
    records = make_records(database)
    mark(database, records.bookings["Zoë Brontë"], "attended")
    done = prepare_emails(database, Request("certificate", session=records.session_id),
                          tmp_path)
    assert len(done.files) == 1
    (name, (mime, data)), = _attachments(_read(done.files[0])).items()
    assert mime == "application/pdf" and name.startswith("Certificate")
    text = _pdf_text(data)
    assert "Zoë Brontë" in text and "Sam Patel" not in text


def test_minutes_draft_to_the_chair_then_approved_to_members(database, tmp_path):
    records = make_records(database)
    draft = prepare_emails(database, Request("minutes", meeting="lscb-2026-03"), tmp_path / "d")
    message = _read(draft.files[0])
    assert message["To"].addresses[0].display_name == "Dr Zoë Brontë"
    assert message["Subject"].startswith("Draft minutes for your review")
    (_, (_, pdf)), = _attachments(message).items()
    assert "Minutes of Local Safeguarding Children Board" in _pdf_text(pdf)
    with database.transaction() as s:
        from desktop.models import Meeting

        meeting = s.get(Meeting, records.meeting_id)
        assert meeting is not None
        meeting.status = MeetingStatus.APPROVED
    done = prepare_emails(database, Request("minutes", meeting="lscb-2026-03",
                                            minutes_format="docx"), tmp_path / "a")
    assert len(done.files) == 2 and [p.name for p in done.prepared.without_address] == [
        "Kit Jones"]
    (name, (_, data)), = _attachments(_read(done.files[1])).items()
    assert name.endswith(".docx")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert "Shire Hall, Room 2" in text


def test_actions_to_each_owner_overdue_first(database, tmp_path):
    records = make_records(database)
    with database.transaction() as s:
        from desktop.models import Meeting

        board_id = s.get(Meeting, records.meeting_id).board_id  # type: ignore[union-attr]
        for number, (text, due) in enumerate([("Later task", dt.date(2099, 1, 1)),
                                              ("Late task", dt.date(2020, 1, 1)),
                                              ("Group task", None)], start=1):
            action = Action(board_id=board_id, number=number, text=text, due=due)
            owner = (ActionOwner(group_name="CE Sub Group") if text == "Group task"
                     else ActionOwner(person_id=records.people["Sam Patel"]))
            action.owners.append(owner)
            s.add(action)
    done = prepare_emails(database, Request("actions", board="lscb"), tmp_path)
    assert [p.name for p in done.prepared.without_address] == ["CE Sub Group (a group)"]
    message = _read(done.files[0])
    assert message["Subject"] == "Your open actions: 2, 1 overdue"
    body = _body(message)
    assert body.index("Late task") < body.index("Later task") and "OVERDUE" in body


def test_charges_to_each_agency_contact_with_the_list(database, tmp_path):
    records = make_records(database)
    cancel_booking(database, records.bookings["Sam Patel"], now=START - dt.timedelta(hours=2))
    mark(database, records.bookings["Zoë Brontë"], "did_not_attend")
    with database.session() as s:
        from desktop.models import Agency

        agencies = {a.key: a.id for a in s.scalars(select(Agency))}
    save_contacts(database, {agencies["childrens-services"]:
                             "Finance Team <finance@example.gov.uk>"})
    done = prepare_emails(database, Request(
        "charges", period=Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31))), tmp_path)
    assert [p.name for p in done.prepared.without_address] == [
        "West Mercia Police (no training contact)"]
    message = _read(done.files[0])
    assert message["To"].addresses[0].addr_spec == "finance@example.gov.uk"
    assert "£25.00" in _body(message)
    (name, (_, data)), = _attachments(message).items()
    assert name.startswith("Training charges Children’s Services")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert any("Zoë Brontë" in c for c in cells) and not any("Sam Patel" in c for c in cells)


def test_a_contact_that_is_not_an_address_is_refused(database):
    make_records(database)
    with pytest.raises(Exception, match="not an e-mail address"):
        save_contacts(database, {1: "Finance Team"})


def test_a_training_kind_needs_a_session(database, tmp_path):
    with pytest.raises(OutlookError, match="about a training session"):
        prepare_emails(database, Request("reminder"), tmp_path)


def test_a_failed_write_records_nothing(database, tmp_path):
    records = make_records(database)
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(OSError):
        prepare_emails(database, Request("confirmation", session=records.session_id), blocker)
    with database.session() as s:
        assert s.scalars(select(PreparedMessage)).all() == []


def test_export_email_from_the_command_line(database, database_path, tmp_path, capsys):
    from desktop.cli import main

    make_records(database)
    database.close()
    folder = tmp_path / "drafts"
    assert main(["--database", str(database_path), "export", "email", "reminder",
                 "--session", "graded-care-profile-2026-03-10", "--output", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "Wrote 2 drafts" in out and "No e-mail address for: Kit Jones." in out
    assert len(list(folder.glob("*.eml"))) == 2

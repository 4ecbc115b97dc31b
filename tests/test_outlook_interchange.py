"""The Outlook bookkeeping travels in boardwork/2: a database rebuilt from its export keeps
each event's UID and sequence (so invitations keep updating the same calendar event), the
templates, sender, signature and agency contacts, and the record of messages prepared."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from icalendar import Calendar

from desktop.exports.outlook_prepare import Request, prepare_emails
from desktop.models.database import Database
from desktop.models.keystore import KeyStore
from desktop.models.opening import open_database
from desktop.services.interchange import export_data, import_documents
from desktop.services.interchange.schema import ImportRejected
from desktop.services.outlook.contacts import contact_texts, save_contacts
from desktop.services.outlook.invitations import meeting_invitation, session_invitation
from desktop.services.outlook.templates import Template, load_mail_settings
from desktop.services.training import SessionDetails, change_session
from desktop.services.training.records import VenueDetails, save_venue
from tests.outlook_data import make_records


@pytest.fixture
def second(tmp_path: Path) -> Iterator[Database]:
    opened = open_database(tmp_path / "restored.db", KeyStore())
    yield opened.database
    opened.database.close()


def _uid(data: bytes) -> tuple[str, int]:
    event = Calendar.from_ical(data).walk("VEVENT")[0]
    return str(event["UID"]), int(event["SEQUENCE"])


def _prepared(database: Database, tmp_path: Path) -> dict:  # type: ignore[type-arg]
    records = make_records(database)
    mail = load_mail_settings(database)
    templates = tuple(Template("reminder", "Soon: {course}", "Hi {delegate}")
                      if t.kind == "reminder" else t for t in mail.templates)
    with database.session() as s:
        from sqlalchemy import select

        from desktop.models import Agency

        police = s.scalar(select(Agency.id).where(Agency.key == "police"))
    save_contacts(database, {police: "Finance <finance@police.example>"},  # type: ignore[dict-item]
                  replace(mail, sender_name="Business Unit", sender_email="bu@example.org",
                          signature="BU", templates=templates))
    meeting_invitation(database, "lscb-2026-03")
    meeting_invitation(database, "lscb-2026-03", cancelled=True)  # sequence 1
    prepare_emails(database, Request("confirmation", session=records.session_id), tmp_path)
    prepare_emails(database, Request("minutes", meeting="lscb-2026-03"), tmp_path / "m")
    return export_data(database)


def test_a_rebuilt_database_keeps_uids_sequences_templates_and_records(database, second,
                                                                       tmp_path):
    document = _prepared(database, tmp_path)
    outlook = document["outlook"]
    assert outlook["sender_email"] == "bu@example.org"
    assert outlook["templates"] == [{"kind": "reminder", "subject": "Soon: {course}",
                                     "body": "Hi {delegate}"}]
    assert outlook["contacts"] == [{"agency": "police",
                                    "contact": "Finance <finance@police.example>"}]
    assert sorted(m["kind"] for m in outlook["messages"]) == [
        "confirmation", "confirmation", "minutes_draft"]
    import_documents(second, [("backup.json", document)])
    assert export_data(second) == document  # round trip, nothing lost or added
    again = import_documents(second, [("backup.json", document)])
    assert export_data(second) == document and not again.created  # re-import adds nothing
    mail = load_mail_settings(second)
    assert mail.signature == "BU" and mail.template("reminder").subject == "Soon: {course}"
    assert ("Finance <finance@police.example>" in
            [text for _, _, text in contact_texts(second)])
    # The restored database goes on with the same calendar events.
    uid = next(e["uid"] for e in outlook["calendar"] if "meeting" in e)
    assert _uid(meeting_invitation(second, "lscb-2026-03", cancelled=True).data) == (uid, 1)
    session_key = next(e["session"] for e in outlook["calendar"] if "session" in e)
    session_uid = next(e["uid"] for e in outlook["calendar"] if "session" in e)
    from desktop.models import TrainingSession

    with second.session() as s:
        from sqlalchemy import select

        found = s.scalar(select(TrainingSession).where(TrainingSession.key == session_key))
        assert found is not None
        course_id, session_id = found.course_id, found.id
    start = dt.datetime(2026, 3, 17, 9, 30)
    elsewhere = save_venue(second, VenueDetails("Elsewhere"))
    change_session(second, session_id, SessionDetails(course_id, start, None, elsewhere,
                                                      capacity=3))
    assert _uid(session_invitation(second, session_key).data) == (session_uid, 1)


def test_a_bad_template_or_reference_rejects_the_import(database, second, tmp_path):
    document = _prepared(database, tmp_path)
    broken = {**document, "outlook": {**document["outlook"], "templates": [
        {"kind": "reminder", "subject": "Hi {delgate}"}]}}
    with pytest.raises(ImportRejected, match=r"outlook.templates\[0\].*\{delgate\}"):
        import_documents(second, [("x.json", broken)])
    stray = {"format": "boardwork/2", "outlook": {"calendar": [
        {"meeting": "nope", "uid": "a@b", "sequence": 0, "fingerprint": "f",
         "sent_at": "2026-01-01T10:00"}]}}
    with pytest.raises(ImportRejected, match="no meeting 'nope'"):
        import_documents(second, [("y.json", stray)])
    assert "outlook" not in export_data(second)

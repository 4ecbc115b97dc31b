"""Anonymising a person: figures and charges unchanged, the name gone everywhere; board
members and action owners refused with what must change first."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.exports.training_papers import write_charges
from desktop.models import AuditEntry, Booking, Person
from desktop.services.errors import InvalidInput
from desktop.services.figures import (
    attendance_by_agency,
    attendance_by_course,
    non_attendance_charges,
    reporting_year,
)
from desktop.services.interchange import export_data
from desktop.services.privacy.anonymise import (
    AnonymiseRefused,
    anonymise_person,
    check_anonymise,
)
from desktop.services.privacy.schedule import save_schedule
from desktop.services.privacy.subject_access import find_person
from desktop.services.privacy.trail import AuditFilter, list_entries
from desktop.services.search import search
from desktop.services.training.charges import invoice_list
from tests.conftest import import_sample

YEAR = reporting_year(dt.date(2015, 6, 1))


def _figures(database):  # type: ignore[no-untyped-def]
    invoice = invoice_list(database, YEAR)
    return (attendance_by_course(database, YEAR), attendance_by_agency(database, YEAR),
            non_attendance_charges(database, YEAR), invoice.total_pence,
            invoice.needing_agency_pence, [len(a.lines) for a in invoice.agencies])


def _charged_delegate(database) -> tuple[int, str, str | None]:  # type: ignore[no-untyped-def]
    with database.session() as session:
        person = session.scalars(
            select(Person).join(Booking, Booking.person_id == Person.id)
            .where(Booking.charge_pence > 0, Booking.charge_waived_reason.is_(None))
            .order_by(Person.id)).first()
        assert person is not None
        return person.id, person.name, person.email


@pytest.fixture
def herts(database):  # type: ignore[no-untyped-def]
    import_sample(database, "hertfordshire-2015-16.json")
    return database


def test_anonymising_a_delegate_keeps_every_figure_and_removes_the_name(herts, tmp_path: Path):
    person_id, name, email = _charged_delegate(herts)
    with herts.transaction() as session:  # their own words about a cancellation name them
        booking = session.scalars(select(Booking).where(Booking.person_id == person_id)).first()
        assert booking is not None
        booking.reason_note = f"{name} phoned to say she was ill"
    before = _figures(herts)
    with herts.session() as session:
        bookings_before = session.scalar(select(func.count(Booking.id))
                                         .where(Booking.person_id == person_id))

    done = anonymise_person(herts, person_id, "Request of 1 December 2026")

    assert done.pseudonym == f"Former delegate {person_id}"
    assert done.bookings_kept == bookings_before
    assert _figures(herts) == before
    surname = name.split()[-1]
    exported = json.dumps(export_data(herts), ensure_ascii=False)
    assert name not in exported and done.pseudonym in exported
    assert email is None or email not in exported
    assert search(herts, name) == [] and search(herts, surname) == []
    with herts.session() as session:  # not even the audit trail's old values keep it
        for old, new in session.execute(select(AuditEntry.old, AuditEntry.new)):
            assert name not in (old or "") and name not in (new or "")
            assert email is None or email not in (old or "") + (new or "")
    charges = tmp_path / "charges.docx"
    write_charges(invoice_list(herts, YEAR), "docx", charges)
    from docx import Document

    text = "\n".join(cell.text for table in Document(str(charges)).tables
                     for row in table.rows for cell in row.cells)
    assert done.pseudonym in text and name not in text
    notes = list_entries(herts, AuditFilter(person_id=person_id, kind="anonymise"))
    assert [n.new for n in notes] == ["Request of 1 December 2026"]


def test_anonymising_a_board_member_is_refused_with_the_reason(database):
    import_sample(database, "herefordshire-board-2018-10-23.json")
    sally = find_person(database, "sally-halls")
    with pytest.raises(AnonymiseRefused) as refused:
        anonymise_person(database, sally, "asked")
    message = refused.value.message
    assert "Sally Halls cannot be anonymised" in message
    assert "minutes of 1 meeting" in message and "kept permanently" in message
    assert "HSCB 104" in message and "another owner" in message
    with database.session() as session:
        assert session.get(Person, sally).name == "Sally Halls"  # type: ignore[union-attr]


def test_a_member_of_a_board_with_a_seat_is_refused_until_the_seat_is_dealt_with(database):
    import_sample(database, "hertfordshire-2015-16.json")
    with database.session() as session:
        from desktop.models import Membership

        member = session.scalars(select(Membership.person_id)).first()
    assert member is not None
    reasons = [b.reason for b in check_anonymise(database, member)]
    assert any("seat on" in reason for reason in reasons)


def test_once_the_minutes_period_has_passed_an_old_attender_can_be_anonymised(database):
    import_sample(database, "herefordshire-board-2018-10-23.json")
    save_schedule(database, {"minutes": 5, "actions": 5})
    # Attended in 2018, owns no action: held until 2023, free in 2026.
    from desktop.models import ActionOwner, Attendance

    with database.session() as session:
        ed = session.scalars(select(Attendance.person_id).where(
            Attendance.person_id.not_in(select(ActionOwner.person_id).where(
                ActionOwner.person_id.is_not(None))))
            .order_by(Attendance.person_id)).first()
    assert ed is not None
    assert check_anonymise(database, ed, today=dt.date(2022, 1, 1))
    assert check_anonymise(database, ed, today=dt.date(2026, 1, 1)) == []
    anonymise_person(database, ed, "retention passed", today=dt.date(2026, 1, 1))


def test_a_reason_is_needed_and_nothing_changes_without_one(herts):
    person_id, name, _email = _charged_delegate(herts)
    with pytest.raises(InvalidInput, match="reason"):
        anonymise_person(herts, person_id, "  ")
    with herts.session() as session:
        assert session.get(Person, person_id).name == name  # type: ignore[union-attr]


def test_names_are_replaced_as_whole_words_whatever_their_case():
    from desktop.services.privacy.anonymise import Swaps

    swaps = Swaps()
    swaps.add("Ali Khan", "Former delegate 7")
    swaps.add("ali.khan@example.org", "[anonymised]")
    swaps.add("Ali", "Former delegate 8")
    text = "ALI KHAN wrote from ali.khan@example.org; Alison and Ali were there."
    assert swaps.apply(text) == ("Former delegate 7 wrote from [anonymised]; Alison and "
                                 "Former delegate 8 were there.")

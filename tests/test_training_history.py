"""Every booking across sessions, of everyone, one person or one agency."""

from __future__ import annotations

from desktop.services.interchange import import_documents, read_document
from desktop.services.training import list_bookings, list_sessions
from desktop.services.training.history import booking_history
from tests.conftest import SAMPLES

HERTS = SAMPLES / "hertfordshire-2015-16.json"


def test_every_booking_latest_session_first(database) -> None:
    import_documents(database, [(HERTS.name, read_document(HERTS))])
    lines = booking_history(database)
    every = [b for s in list_sessions(database) for b in list_bookings(database, s.id)]
    assert sorted(line.id for line in lines) == sorted(b.id for b in every)
    starts = [line.session_start for line in lines]
    assert starts == sorted(starts, reverse=True)
    first = next(b for b in every if b.id == lines[0].id)
    assert (lines[0].person, lines[0].agency, lines[0].status, lines[0].charge_pence) == (
        first.person, first.agency, first.status, first.charge_pence)


def test_one_person_and_one_agency(database) -> None:
    import_documents(database, [(HERTS.name, read_document(HERTS))])
    lines = booking_history(database)
    person = lines[0].person_id
    assert {line.person_id for line in booking_history(database, person_id=person)} == {person}
    assert len(booking_history(database, person_id=person)) == sum(
        1 for line in lines if line.person_id == person)
    agency = lines[0].agency_id
    theirs = booking_history(database, agency_id=agency)
    assert theirs and {line.agency_id for line in theirs} == {agency}


def test_a_waived_charge_is_not_owed(database) -> None:
    import_documents(database, [(HERTS.name, read_document(HERTS))])
    charged = [line for line in booking_history(database) if line.charge_pence]
    assert charged
    for line in charged:
        assert line.charge_owed_pence == (0 if line.charge_waived_reason else line.charge_pence)

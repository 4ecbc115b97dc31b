"""People services: search, edit, and one person's roles in one place."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.models.database import Database
from desktop.services.agencies import AgencyInput, save_agency
from desktop.services.boards import BoardInput, MembershipInput, save_board, save_membership
from desktop.services.errors import InvalidInput
from desktop.services.interchange import import_documents, read_document
from desktop.services.people import PersonInput, list_people, person_profile, save_person
from tests.conftest import SAMPLES


def test_add_and_edit_a_person_with_a_key(database: Database) -> None:
    agency = save_agency(database, None, AgencyInput("West Mercia Police", "WMP", "police"))
    person = save_person(database, None, PersonInput(
        "  Sally Halls ", job_title="Independent Chair", email="sally@example.org"))
    assert (person.key, person.name, person.agency) == ("sally-halls", "Sally Halls", None)
    again = save_person(database, None, PersonInput("Sally Halls"))
    assert again.key == "sally-halls-2"
    edited = save_person(database, person.id, PersonInput(
        "Sally Halls", title="Dr", agency_id=agency.id, phone=" 01432 ", notes=""))
    assert (edited.display_name, edited.agency, edited.phone, edited.email) == (
        "Dr Sally Halls", "West Mercia Police", "01432", None)


@pytest.mark.parametrize(("data", "field"), [
    (PersonInput(" "), "name"),
    (PersonInput("A Person", email="not an address"), "email"),
    (PersonInput("A Person", agency_id=999), "agency"),
])
def test_bad_input_changes_nothing(database: Database, data: PersonInput, field: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        save_person(database, None, data)
    assert refused.value.field == field
    assert list_people(database) == []


def test_search_by_name_agency_or_job_title(database: Database) -> None:
    path = SAMPLES / "herefordshire-board-2018-10-23.json"
    import_documents(database, [(path.name, read_document(path))])
    assert len(list_people(database)) == 25
    assert [p.name for p in list_people(database, "halls")] == ["Sally Halls"]
    police = list_people(database, "west mercia police")
    assert police and all(p.agency == "West Mercia Police" for p in police)
    # Words narrow the search: every word must match somewhere.
    assert list_people(database, "sally chair") == list_people(database, "halls")
    assert list_people(database, "100%") == []


def test_profile_shows_seats_deputising_and_actions(database: Database) -> None:
    path = SAMPLES / "herefordshire-board-2018-10-23.json"
    import_documents(database, [(path.name, read_document(path))])
    sally = list_people(database, "sally halls")[0]
    deputy = list_people(database, "julie taylor")[0]
    board = save_board(database, None, BoardInput("Exec", kind="executive"))
    save_membership(database, None, board.id, MembershipInput(
        sally.id, "Chair", dt.date(2018, 4, 1), deputy_id=deputy.id))
    profile = person_profile(database, sally.id)
    assert [(s.board, s.role, s.as_deputy) for s in profile.seats] == [("Exec", "Chair", False)]
    assert profile.meetings_attended == 1
    assert [(a.board, a.number) for a in profile.actions] == [
        ("HSCB", 104), ("HSCB", 110), ("HSCB", 114)]
    assert [(s.board, s.as_deputy) for s in person_profile(database, deputy.id).seats] == [
        ("Exec", True)]

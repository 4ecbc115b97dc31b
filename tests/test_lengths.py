"""Text typed in the screens has the same limits as an import: a pasted document cannot
become a name, and what the app lets a user type always imports again."""

from __future__ import annotations

import pytest

from desktop.services import lengths
from desktop.services.agencies import AgencyInput, save_agency
from desktop.services.boards import BoardInput, save_board
from desktop.services.errors import InvalidInput
from desktop.services.interchange import export_data, import_documents
from desktop.services.people import PersonInput, list_people, save_person


def test_a_name_too_long_is_refused_naming_the_field_and_nothing_is_saved(database):
    with pytest.raises(InvalidInput) as refused:
        save_person(database, None, PersonInput(name="Ann" * 1000))
    assert refused.value.field == "name"
    assert "at most 300 characters; this one has 3,000" in refused.value.message
    assert list_people(database) == []


@pytest.mark.parametrize(("save", "field"), [
    (lambda db: save_agency(db, None, AgencyInput(name="x" * (lengths.NAME + 1))), "name"),
    (lambda db: save_agency(db, None, AgencyInput(name="Police", short_name="x" * 61)),
     "short_name"),
    (lambda db: save_board(db, None, BoardInput(name="x" * (lengths.NAME + 1))), "name"),
    (lambda db: save_person(db, None, PersonInput(name="Ann", job_title="x" * 301)),
     "job_title"),
])
def test_each_limited_field_is_refused_with_its_name(database, save, field):
    with pytest.raises(InvalidInput) as refused:
        save(database)
    assert refused.value.field == field


def test_the_longest_values_the_screens_take_import_again(database, tmp_path):
    from desktop.models.keystore import KeyStore
    from desktop.models.opening import open_database

    agency = save_agency(database, None, AgencyInput(name="A" * lengths.NAME,
                                                     short_name="S" * lengths.SHORT_NAME))
    save_person(database, None, PersonInput(
        name="N" * lengths.NAME, job_title="J" * lengths.JOB_TITLE, agency_id=agency.id,
        phone="1" * lengths.PHONE, notes="n" * lengths.NOTES))
    document = export_data(database)
    fresh = open_database(tmp_path / "fresh.db", KeyStore()).database
    try:
        import_documents(fresh, [("all.json", document)])
        assert export_data(fresh) == document
    finally:
        fresh.close()

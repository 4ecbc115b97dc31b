"""Agency services: list, edit, and an agency's people, seats, attendance and training."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.models.database import Database
from desktop.services.agencies import (
    AgencyInput,
    agency_overview,
    list_agencies,
    save_agency,
)
from desktop.services.errors import InvalidInput
from desktop.services.figures.period import reporting_year
from desktop.services.interchange import import_documents, read_document
from tests.conftest import SAMPLES

YEAR = reporting_year(dt.date(2015, 4, 1))


def test_add_edit_and_refuse_a_second_agency_of_one_name(database: Database) -> None:
    cafcass = save_agency(database, None, AgencyInput("Cafcass", None, "other"))
    assert (cafcass.key, cafcass.sector_label, cafcass.people) == ("cafcass", "Other", 0)
    renamed = save_agency(database, cafcass.id, AgencyInput("CAFCASS", "CAF", None))
    assert (renamed.name, renamed.short_name, renamed.sector) == ("CAFCASS", "CAF", None)
    with pytest.raises(InvalidInput, match="already an agency called cafcass"):
        save_agency(database, None, AgencyInput("cafcass"))
    with pytest.raises(InvalidInput) as refused:
        save_agency(database, None, AgencyInput("X", sector="army"))
    assert refused.value.field == "sector"
    assert [a.name for a in list_agencies(database)] == ["CAFCASS"]


def test_overview_of_an_agency_in_the_hertfordshire_year(database: Database) -> None:
    path = SAMPLES / "hertfordshire-2015-16.json"
    import_documents(database, [(path.name, read_document(path))])
    agencies = {a.name: a for a in list_agencies(database)}
    assert len(agencies) == 32
    services = agencies["Children's Services"]
    overview = agency_overview(database, services.id, YEAR)
    assert len(overview.people) == services.people
    assert overview.training
    assert sum(t.attended for t in overview.training) == 279  # the report's per-agency total
    # Each seat's agency either attended or is listed as missing a meeting.
    for line in overview.attendance:
        assert line.attended + len(line.missed) == line.expected
    every = [agency_overview(database, a.id, YEAR) for a in agencies.values()]
    seats = sum(len(o.seats) for o in every)
    assert seats == 29 - 2  # the two lay members sit for no agency

"""Training figures on the Hertfordshire sample: the paper's tables, and counts that agree
with the bookings they come from."""

from __future__ import annotations

import datetime as dt
import secrets
from collections import Counter
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from desktop.models import Booking, TrainingSession
from desktop.models.database import Database
from desktop.models.keystore import ENV_VAR, KeyStore
from desktop.models.opening import open_database
from desktop.services.figures import NOT_RECORDED, Period, format_pounds
from desktop.services.figures.training import agency_figures, course_figures
from desktop.services.interchange import import_documents, read_document
from desktop.services.training import invoice_list, list_charges, list_sessions, waive_charge
from tests.conftest import SAMPLES
from tests.test_example_figures import BY_AGENCY, BY_COURSE

YEAR = Period(dt.date(2015, 4, 1), dt.date(2016, 3, 31))
# From examples/README.md, "Per course": did not attend and cancelled.
DNA_AND_CANCELLED = [(5, 1), (4, 3), (3, 4), (7, 3), (7, 2), (9, 2), (8, 5), (4, 0), (6, 1),
                     (17, 8), (2, 2)]


@pytest.fixture(scope="module")
def herts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    keys = KeyStore({ENV_VAR: secrets.token_hex(32)})
    db = open_database(tmp_path_factory.mktemp("herts") / "herts.db", keys).database
    path = SAMPLES / "hertfordshire-2015-16.json"
    import_documents(db, [(path.name, read_document(path))])
    yield db
    db.close()


def test_per_course_table_equals_the_papers(herts: Database) -> None:
    rows = course_figures(herts, YEAR)
    assert [(r.title, r.attendees, r.times_ran) for r in rows] == BY_COURSE
    assert [(r.did_not_attend, r.cancellations) for r in rows] == DNA_AND_CANCELLED
    # Every session has the course's 30 places.
    assert [r.places_offered for r in rows] == [30 * ran for _t, _a, ran in BY_COURSE]
    assert sum(r.attendees for r in rows) == 693


def test_per_agency_table_equals_the_papers_with_six_not_recorded(herts: Database) -> None:
    rows = agency_figures(herts, YEAR)
    assert [(r.agency, r.attendees) for r in rows] == [*BY_AGENCY, (NOT_RECORDED, 6)]
    assert sum(r.did_not_attend for r in rows) == 72
    assert sum(r.cancellations for r in rows) == 31


def test_counts_agree_with_the_bookings(herts: Database) -> None:
    with herts.session() as s:
        statuses = Counter(s.scalars(
            select(Booking.status).join(TrainingSession).where(
                TrainingSession.start >= YEAR.first_moment,
                TrainingSession.start < YEAR.after_last_moment)))
    rows = course_figures(herts, YEAR)
    assert sum(r.attendees for r in rows) == statuses["attended"]
    assert sum(r.did_not_attend for r in rows) == statuses["did_not_attend"]
    assert sum(r.cancellations for r in rows) == statuses["cancelled"]
    sessions = list_sessions(herts, YEAR.start, YEAR.end)
    assert len(sessions) == 36
    assert sum(i.attended for i in sessions) == statuses["attended"]
    assert sum(i.places_taken for i in sessions) == (
        statuses["attended"] + statuses["did_not_attend"])


def test_invoice_list_of_the_year(herts: Database) -> None:
    invoice = invoice_list(herts, YEAR)
    assert format_pounds(invoice.total_pence) == "£3,150.00"
    by_agency = {a.agency: a.total_pence for a in invoice.agencies}
    assert by_agency["Children's Services"] == 157500
    assert by_agency["Housing Provider"] == 5000
    assert len(list_charges(herts, YEAR)) == 72 + 9


def test_figures_of_another_year_are_empty(herts: Database) -> None:
    later = Period(dt.date(2016, 4, 1), dt.date(2017, 3, 31))
    assert course_figures(herts, later) == ()
    assert agency_figures(herts, later) == ()
    assert invoice_list(herts, later).agencies == ()


def test_waiving_leaves_the_figures_and_changes_the_invoice(herts: Database) -> None:
    line = list_charges(herts, YEAR)[0]
    before = invoice_list(herts, YEAR).total_pence
    waive_charge(herts, line.booking_id, "Agreed at the Learning and Development group")
    assert invoice_list(herts, YEAR).total_pence == before - line.amount_pence
    assert sum(r.did_not_attend for r in course_figures(herts, YEAR)) == 72

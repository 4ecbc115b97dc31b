"""The training figures partnerships publish: registrations, walk-ins, places used and the
rates, per course and per agency, counted as docs in desktop/services/figures/training_rates.py
define them; and the Hertfordshire year (the example documents) still comes out right."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from desktop.models import Agency, Person
from desktop.models.database import Database
from desktop.services.figures import Period, reporting_year
from desktop.services.figures.training_rates import show_rate, training_figures
from desktop.services.training import (
    CourseDetails,
    SessionDetails,
    add_walk_in,
    book,
    cancel_booking,
    cancel_session,
    mark,
    mark_completed,
    save_course,
    schedule_session,
)
from tests.conftest import import_sample

START = dt.datetime(2026, 5, 12, 9, 30)
BEFORE = START - dt.timedelta(days=10)
QUARTER = Period(dt.date(2026, 4, 1), dt.date(2026, 6, 30))


def _people(database: Database, agency: str | None, *names: str) -> list[int]:
    with database.transaction() as s:
        found = None
        if agency is not None:
            found = s.scalar(select(Agency).where(Agency.name == agency)) or Agency(
                key=agency.lower().replace(" ", "-"), name=agency)
        people = [Person(key=n.lower().replace(" ", "-"), name=n, agency=found)
                  for n in names]
        s.add_all(people)
        s.flush()
        return [p.id for p in people]


def test_each_figure_is_counted_as_defined(database: Database) -> None:
    course = save_course(database, CourseDetails("Neglect", capacity=10)).id
    other = save_course(database, CourseDetails("Bruising lite bite", capacity=20)).id
    ran = schedule_session(database, SessionDetails(course, START, capacity=4)).id
    later = schedule_session(database, SessionDetails(course, START.replace(day=20))).id
    dropped = schedule_session(database, SessionDetails(other, START.replace(day=21))).id
    ann, ben, cat, dan, eve = _people(database, "Youth Offending", "Ann Ash", "Ben Birch",
                                      "Cat Cole", "Dan Dale", "Eve Elm")
    [zed] = _people(database, "Adult Care", "Zed Zero")
    [nobody] = _people(database, None, "Ned Noone")
    bookings = {p: book(database, ran, p, now=BEFORE).id for p in (ann, ben, cat, dan, zed)}
    cancel_booking(database, bookings[dan], now=BEFORE)
    mark(database, bookings[ann], "attended")
    mark(database, bookings[ben], "attended")
    mark(database, bookings[cat], "did_not_attend")
    mark(database, bookings[zed], "attended")
    book(database, ran, eve, now=BEFORE)  # full: stays on the waiting list
    add_walk_in(database, ran, nobody, now=START + dt.timedelta(minutes=5))
    mark_completed(database, ran, cancel_waiting=True)  # Eve did not get a place
    book(database, later, eve, now=BEFORE)  # scheduled, not yet run
    book(database, dropped, dan, now=BEFORE)
    cancel_session(database, dropped)

    figures = training_figures(database, QUARTER)
    [row] = figures.by_course  # the cancelled session's course has nothing to count
    assert (row.title, row.sessions_run, row.sessions_scheduled, row.places_offered) == (
        "Neglect", 1, 1, 4)
    assert (row.registrations, row.walk_ins, row.attended, row.registered_attended,
            row.did_not_attend, row.cancelled) == (6, 1, 4, 3, 1, 1)
    assert (show_rate(row.places_used), show_rate(row.attendance_rate),
            show_rate(row.no_show_rate), show_rate(row.cancellation_rate)) == (
        "100%", "50%", "17%", "17%")
    assert [(a.agency, a.registrations, a.walk_ins, a.attended) for a in figures.by_agency] == [
        ("Adult Care", 1, 0, 1), ("Youth Offending", 5, 0, 2), ("Not recorded", 0, 1, 1)]
    total = figures.agency_total
    assert (total.agency, total.registrations, total.attended, total.cancelled) == (
        "Total", 6, 4, 1)
    assert figures.course_total.places_offered == 4
    assert show_rate(None) == "–"


def test_a_period_with_nothing_has_empty_tables_and_no_rates(database: Database) -> None:
    figures = training_figures(database, QUARTER)
    assert figures.by_course == () and figures.by_agency == ()
    assert figures.course_total.places_used is None
    assert figures.agency_total.attendance_rate is None


@pytest.fixture
def hertfordshire(database: Database) -> Database:
    import_sample(database, "hertfordshire-2015-16.json")
    return database


def test_the_hertfordshire_year_comes_out_as_published(hertfordshire: Database) -> None:
    figures = training_figures(hertfordshire, reporting_year(dt.date(2015, 4, 1)))
    by_title = {row.title: row for row in figures.by_course}
    # The examples README's per-course table: attended, did not attend, cancelled.
    assert [(r.attended, r.did_not_attend, r.cancelled) for r in figures.by_course] == [
        (35, 5, 1), (35, 4, 3), (51, 3, 4), (86, 7, 3), (61, 7, 2), (53, 9, 2), (103, 8, 5),
        (43, 4, 0), (31, 6, 1), (171, 17, 8), (24, 2, 2)]
    course = by_title["Safeguarding and Child Protection Multi-agency course"]
    assert (course.sessions_run, course.places_offered, course.walk_ins,
            course.registrations) == (8, 240, 0, 196)
    total = figures.course_total
    assert (total.attended, total.did_not_attend, total.cancelled, total.sessions_run) == (
        693, 72, 31, 36)
    assert total.registrations == 693 + 72 + 31
    # Agencies by name, "Not recorded" last; the attendees as the report prints them.
    names = [a.agency for a in figures.by_agency]
    assert names[-1] == "Not recorded"
    assert names[:-1] == sorted(names[:-1], key=str.casefold)
    attendees = {a.agency: a.attended for a in figures.by_agency}
    assert (attendees["Children's Services"], attendees["Schools - designated senior person"],
            attendees["Not recorded"], figures.agency_total.attended) == (279, 54, 6, 693)


def test_periods_are_named_as_a_report_title_prints_them() -> None:
    from desktop.services.figures.presets import describe_period, period_presets, quarters

    assert describe_period(Period(dt.date(2016, 4, 1), dt.date(2016, 6, 30))) == "April–June 2016"
    assert describe_period(Period(dt.date(2016, 5, 1), dt.date(2016, 5, 31))) == "May 2016"
    assert describe_period(reporting_year(dt.date(2016, 4, 1))) == "April 2016–March 2017"
    assert describe_period(Period(dt.date(2016, 5, 3), dt.date(2016, 6, 17))) == (
        "3 May 2016 to 17 June 2016")
    labels = [q.label for q in quarters(reporting_year(dt.date(2016, 4, 1)))]
    assert labels == ["Q1 2016/17 (April–June 2016)", "Q2 2016/17 (July–September 2016)",
                      "Q3 2016/17 (October–December 2016)", "Q4 2016/17 (January–March 2017)"]
    assert quarters(reporting_year(dt.date(2016, 4, 1)))[3].period == Period(
        dt.date(2017, 1, 1), dt.date(2017, 3, 31))
    presets = period_presets(dt.date(2017, 2, 14), start_month=4, years_back=1)
    assert [p.label for p in presets][:2] == [
        "Reporting year 2016/17 (April 2016–March 2017)", "Q1 2016/17 (April–June 2016)"]
    assert presets[5].label == "Reporting year 2015/16 (April 2015–March 2016)"
    # A reporting year from September.
    september = period_presets(dt.date(2017, 2, 14), start_month=9, years_back=0)
    assert september[4].label == "Q4 2016/17 (June–August 2017)"

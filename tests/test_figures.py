"""The annual-report figures on small hand-built data, one edge case at a time."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from desktop.models import (
    Agency,
    Attendance,
    AttendanceStatus,
    Board,
    BoardKind,
    Booking,
    BookingStatus,
    Course,
    Meeting,
    MeetingStatus,
    Membership,
    Person,
    SessionStatus,
    TrainingSession,
)
from desktop.models.database import Database
from desktop.services.figures import (
    NOT_RECORDED,
    Period,
    attendance_by_agency,
    attendance_by_course,
    board_attendance,
    format_pounds,
    meeting_quorum,
    non_attendance_charges,
    reporting_year,
)

YEAR = Period(dt.date(2015, 4, 1), dt.date(2016, 3, 31))
D = dt.date


# --- periods and money ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2015, 4, 1), (D(2015, 4, 1), D(2016, 3, 31))),
        (D(2016, 3, 31), (D(2015, 4, 1), D(2016, 3, 31))),
        (D(2016, 1, 15), (D(2015, 4, 1), D(2016, 3, 31))),
        (D(2016, 4, 1), (D(2016, 4, 1), D(2017, 3, 31))),
    ],
)
def test_reporting_year_runs_april_to_march(
    day: dt.date, expected: tuple[dt.date, dt.date]
) -> None:
    assert reporting_year(day) == expected


def test_reporting_year_with_other_start_month() -> None:
    assert reporting_year(D(2016, 2, 29), start_month=1) == (D(2016, 1, 1), D(2016, 12, 31))
    assert reporting_year(D(2016, 8, 31), start_month=9) == (D(2015, 9, 1), D(2016, 8, 31))
    with pytest.raises(ValueError):
        reporting_year(D(2016, 1, 1), start_month=13)


def test_period_label_and_checks() -> None:
    assert YEAR.label == "2015-16"
    assert reporting_year(D(2015, 5, 1), start_month=1).label == "2015"
    assert YEAR.contains(D(2016, 3, 31)) and not YEAR.contains(D(2016, 4, 1))
    start, end = YEAR
    assert (start, end) == (D(2015, 4, 1), D(2016, 3, 31))
    with pytest.raises(ValueError, match="before it starts"):
        Period.of(D(2016, 1, 2), D(2016, 1, 1))


@pytest.mark.parametrize(
    ("pence", "text"),
    [
        (0, "£0.00"),
        (5, "£0.05"),
        (2500, "£25.00"),
        (315000, "£3,150.00"),
        (123456789, "£1,234,567.89"),
        (-2500, "-£25.00"),
    ],
)
def test_format_pounds(pence: int, text: str) -> None:
    assert format_pounds(pence) == text


# --- training --------------------------------------------------------------------------------


def _at(day: dt.date, hour: int = 9, minute: int = 30) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute))


@pytest.fixture
def training(database: Database) -> Database:
    """Two agencies, three courses, sessions either side of the year's edges, and bookings of
    every status, with and without agency and charge."""
    with database.transaction() as s:
        a = Agency(key="a", name="Agency A")
        b = Agency(key="b", name="Agency B")
        people = {n: Person(key=f"p{n}", name=f"Person {n}") for n in range(1, 7)}
        c1 = Course(key="c1", title="First course", non_attendance_charge_pence=5000)
        c2 = Course(key="c2", title="Second course")
        c3 = Course(key="c3", title="Only cancelled")

        def session(
            key: str,
            course: Course,
            start: dt.datetime,
            status: SessionStatus = SessionStatus.COMPLETED,
        ) -> TrainingSession:
            made = TrainingSession(key=key, course=course, start=start, status=status)
            s.add(made)
            return made

        in_may = session("s1", c1, _at(D(2015, 5, 1)))
        last_day = session("s2", c1, _at(D(2016, 3, 31), 14))  # afternoon of the last day
        after = session("s3", c1, _at(D(2016, 4, 1)))
        before = session("s4", c1, _at(D(2015, 3, 31), 16))
        cancelled = session("s5", c1, _at(D(2015, 6, 1)), SessionStatus.CANCELLED)
        session("s6", c2, _at(D(2015, 7, 1)), SessionStatus.SCHEDULED)  # no bookings yet
        session("s7", c3, _at(D(2015, 8, 1)), SessionStatus.CANCELLED)

        def book(
            sess: TrainingSession,
            n: int,
            status: BookingStatus,
            agency: Agency | None,
            charge: int | None = None,
            waived: str | None = None,
        ) -> None:
            s.add(
                Booking(
                    session=sess,
                    person=people[n],
                    status=status,
                    agency=agency,
                    charge_pence=charge,
                    charge_waived_reason=waived,
                )
            )

        book(in_may, 1, BookingStatus.ATTENDED, a)
        book(in_may, 2, BookingStatus.ATTENDED, b)
        book(in_may, 3, BookingStatus.ATTENDED, None)
        book(in_may, 4, BookingStatus.DID_NOT_ATTEND, a, 5000)
        book(in_may, 5, BookingStatus.CANCELLED, a, 5000)  # late: charged
        book(in_may, 6, BookingStatus.CANCELLED, b)  # in good time: not charged
        book(last_day, 1, BookingStatus.ATTENDED, a)
        book(last_day, 2, BookingStatus.DID_NOT_ATTEND, b, 5000, waived="illness")
        book(after, 1, BookingStatus.ATTENDED, a)
        book(before, 2, BookingStatus.ATTENDED, b)
        book(cancelled, 3, BookingStatus.CANCELLED, None)
    return database


def test_attendance_by_course(training: Database) -> None:
    figures = attendance_by_course(training, YEAR)
    rows = [(r.title, r.attendees, r.times_ran) for r in figures.rows]
    # Sessions before and after the year are not counted; the cancelled session is not a run;
    # a course that only had a cancelled session is not listed; one not yet booked is.
    assert rows == [("First course", 4, 2), ("Second course", 0, 1)]
    assert (figures.total_attendees, figures.total_times_ran) == (4, 3)


def test_attendance_by_agency_puts_unrecorded_last(training: Database) -> None:
    figures = attendance_by_agency(training, YEAR)
    rows = [(r.agency_id is None, r.agency, r.attendees) for r in figures.rows]
    assert rows == [(False, "Agency A", 2), (False, "Agency B", 1), (True, NOT_RECORDED, 1)]
    assert (figures.total_attendees, figures.not_recorded) == (4, 1)


def test_attendance_by_agency_omits_agencies_without_attendees(training: Database) -> None:
    with training.transaction() as s:
        s.add(Agency(key="idle", name="Idle agency"))
    names = [r.agency for r in attendance_by_agency(training, YEAR).rows]
    assert "Idle agency" not in names


def test_non_attendance_charges_by_course(training: Database) -> None:
    report = non_attendance_charges(training, YEAR)
    rows = [
        (
            r.title,
            r.attended,
            r.did_not_attend,
            r.cancelled,
            r.late_cancellations_charged,
            r.charges_pence,
        )
        for r in report.by_course
    ]
    # The waived charge for the last-day no-show is not owed.
    assert rows == [("First course", 4, 2, 3, 1, 10000)]
    assert report.total_pence == 10000
    assert (report.total_did_not_attend, report.total_late_cancellations_charged) == (2, 1)


def test_non_attendance_charges_by_agency(training: Database) -> None:
    rows = [
        (r.agency, r.did_not_attend, r.late_cancellations_charged, r.charges_pence)
        for r in non_attendance_charges(training, YEAR).by_agency
    ]
    assert rows == [("Agency A", 1, 1, 10000), ("Agency B", 1, 0, 0)]


def test_non_attendance_without_agency_is_not_recorded(training: Database) -> None:
    with training.transaction() as s:
        sess = s.scalars(select(TrainingSession).where(TrainingSession.key == "s6")).one()
        s.add(
            Booking(
                session=sess,
                person=Person(key="p9", name="Person 9"),
                status=BookingStatus.DID_NOT_ATTEND,
                charge_pence=2500,
            )
        )
    rows = non_attendance_charges(training, YEAR).by_agency
    assert (rows[-1].agency_id, rows[-1].agency, rows[-1].charges_pence) == (
        None,
        NOT_RECORDED,
        2500,
    )


def test_training_figures_of_an_empty_year(training: Database) -> None:
    empty = Period(D(2020, 4, 1), D(2021, 3, 31))
    assert attendance_by_course(training, empty).rows == ()
    assert attendance_by_agency(training, empty).total_attendees == 0
    assert non_attendance_charges(training, empty).total_pence == 0


# --- boards ----------------------------------------------------------------------------------

MEETING_DAYS = [D(2015, 5, 21), D(2015, 9, 17), D(2015, 12, 10), D(2016, 3, 17)]
P, A = AttendanceStatus.PRESENT, AttendanceStatus.APOLOGIES


@pytest.fixture
def board(database: Database) -> Database:
    """Four meetings in the year and one either side; members joining, leaving, deputised."""
    with database.transaction() as s:
        agency = Agency(key="police", name="Police")
        people = {n: Person(key=f"m{n}", name=f"Member {n}") for n in range(1, 9)}
        people[3].agency = agency
        board = Board(key="b", name="The Board", kind=BoardKind.BOARD, quorum=3)
        other = Board(key="other", name="Other Board", kind=BoardKind.SUB_GROUP)
        days = [D(2015, 3, 12), *MEETING_DAYS, D(2016, 4, 14)]
        meetings = [Meeting(key=f"b-{d}", board=board, date=d, title="Board") for d in days]
        s.add_all([*meetings, Meeting(key="other-1", board=other, date=D(2015, 6, 1),
                                      status=MeetingStatus.DRAFT)])  # minuted, nobody listed

        def member(
            n: int,
            role: str,
            start: dt.date | None = None,
            end: dt.date | None = None,
            on: Board = board,
        ) -> None:
            s.add(Membership(board=on, person=people[n], role=role, from_date=start, to_date=end))

        member(1, "Chair")
        member(2, "Lay Member #2 (from September 2015)", start=D(2015, 9, 1))
        member(3, "Police (left May)", end=D(2015, 5, 31))
        member(4, "Health")
        member(6, "Starts next year", start=D(2016, 4, 1))
        member(7, "Left last year", end=D(2015, 3, 1))
        member(8, "Other board only", on=other)

        def attend(
            meeting: int, n: int, status: AttendanceStatus, representing: int | None = None
        ) -> None:
            s.add(
                Attendance(
                    meeting=meetings[meeting],
                    person=people[n],
                    status=status,
                    initials=f"M{n}",
                    position=n,
                    representing=people[representing] if representing else None,
                )
            )

        for m in range(6):
            attend(m, 1, P)
        attend(1, 2, P)  # a guest before joining: not counted on the membership
        attend(2, 2, P)
        attend(3, 2, A)
        attend(4, 2, P)
        attend(1, 3, P)
        attend(1, 4, A)
        attend(2, 5, P, representing=4)
        attend(3, 5, P, representing=4)
        attend(4, 4, P)
    return database


def test_board_attendance_rows(board: Database) -> None:
    figures = board_attendance(board, "b", YEAR)
    assert (figures.board, figures.meetings_held) == ("The Board", 4)
    rows = [
        (r.role, r.person, r.fraction, r.meetings_while_member, r.by_deputy) for r in figures.rows
    ]
    assert rows == [
        ("Chair", "Member 1", "4/4", 4, 0),
        ("Lay Member #2 (from September 2015)", "Member 2", "2/4", 3, 0),
        ("Police (left May)", "Member 3", "1/4", 1, 0),
        ("Health", "Member 4", "1/4", 4, 2),
    ]
    assert figures.rows[2].agency == "Police" and figures.rows[0].agency is None
    assert figures.rows[1].from_date == D(2015, 9, 1)
    assert [r.member_all_period for r in figures.rows] == [True, False, False, True]


def test_board_attendance_by_id_matches_by_key(board: Database) -> None:
    by_key = board_attendance(board, "b", YEAR)
    assert board_attendance(board, by_key.board_id, YEAR) == by_key


def test_board_attendance_of_unknown_board(board: Database) -> None:
    with pytest.raises(LookupError, match="no board"):
        board_attendance(board, "nope", YEAR)


def test_board_attendance_in_a_year_without_meetings(board: Database) -> None:
    figures = board_attendance(board, "b", Period(D(2017, 4, 1), D(2018, 3, 31)))
    assert figures.meetings_held == 0
    # Only the open-ended memberships overlap a later year.
    assert [(r.role, r.fraction) for r in figures.rows] == [
        ("Chair", "0/0"),
        ("Lay Member #2 (from September 2015)", "0/0"),
        ("Health", "0/0"),
        ("Starts next year", "0/0"),
    ]


def test_meeting_quorum(board: Database) -> None:
    meetings = meeting_quorum(board, "b", YEAR)
    assert [(m.date, m.present, m.quorate) for m in meetings] == [
        (MEETING_DAYS[0], 3, True),  # the guest counts: quorum is about who is in the room
        (MEETING_DAYS[1], 3, True),
        (MEETING_DAYS[2], 2, False),
        (MEETING_DAYS[3], 3, True),
    ]


def test_quorum_unknown_without_a_quorum(board: Database) -> None:
    meetings = meeting_quorum(board, "other", YEAR)
    assert [(m.present, m.quorum, m.quorate) for m in meetings] == [(0, None, None)]

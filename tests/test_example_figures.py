"""The sample documents, imported, give every figure in the tables of the examples README.

One test per table of that README (the copies of the documents are in resources/sample).
Each file is imported once per module, into a database of its own.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from collections.abc import Iterator
from typing import Any, NamedTuple

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from desktop.models import (
    Action,
    ActionOwner,
    ActionUpdate,
    Agency,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Board,
    Booking,
    Course,
    Meeting,
    Membership,
    Person,
    TrainingSession,
)
from desktop.models.database import Database
from desktop.models.keystore import ENV_VAR, KeyStore
from desktop.models.opening import open_database
from desktop.services.figures import (
    NOT_RECORDED,
    attendance_by_agency,
    attendance_by_course,
    board_attendance,
    format_pounds,
    meeting_quorum,
    non_attendance_charges,
    reporting_year,
)
from desktop.services.interchange import import_documents
from tests.conftest import SAMPLES

HEREFORDSHIRE = "herefordshire-board-2018-10-23.json"
DUDLEY = "dudley-board-2014-11-21.json"
HERTFORDSHIRE = "hertfordshire-2015-16.json"
YEAR_2015_16 = reporting_year(dt.date(2015, 4, 1))


class Imported(NamedTuple):
    db: Database
    warnings: list[str]


def _import(tmp_path_factory: pytest.TempPathFactory, name: str) -> Iterator[Imported]:
    # Its own key in its own environment: no dependence on the per-test keyring fixture.
    keys = KeyStore({ENV_VAR: secrets.token_hex(32)})
    path = tmp_path_factory.mktemp(name.split("-")[0]) / "boardwork.db"
    db = open_database(path, keys).database
    try:
        document = json.loads((SAMPLES / name).read_text(encoding="utf-8"))
        report = import_documents(db, [(name, document)])
        yield Imported(db, list(report.warnings))
    finally:
        db.close()


@pytest.fixture(scope="module")
def herefordshire(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Imported]:
    yield from _import(tmp_path_factory, HEREFORDSHIRE)


@pytest.fixture(scope="module")
def dudley(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Imported]:
    yield from _import(tmp_path_factory, DUDLEY)


@pytest.fixture(scope="module")
def hertfordshire(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Imported]:
    yield from _import(tmp_path_factory, HERTFORDSHIRE)


# --- Counts (all three files) ----------------------------------------------------------------

COUNT_COLUMNS = (
    "agencies",
    "people",
    "boards",
    "memberships",
    "meetings",
    "items",
    "actions_meeting",
    "actions_log",
    "action_updates",
    "courses",
    "sessions",
    "bookings",
)
COUNTS = {
    HEREFORDSHIRE: (16, 25, 1, 0, 1, 17, 10, 6, 6, 0, 0, 0),
    DUDLEY: (16, 36, 1, 0, 2, 11, 17, 0, 0, 0, 0, 0),
    HERTFORDSHIRE: (32, 815, 1, 29, 4, 0, 0, 0, 0, 11, 36, 796),
}


def _count(s: Session, model: Any, *where: Any) -> int:
    return s.scalar(select(func.count()).select_from(model).where(*where)) or 0


def _counts(db: Database) -> dict[str, int]:
    with db.session() as s:
        values = (
            _count(s, Agency),
            _count(s, Person),
            _count(s, Board),
            _count(s, Membership),
            _count(s, Meeting),
            _count(s, AgendaItem),
            _count(s, Action, Action.meeting_id.is_not(None)),
            _count(s, Action, Action.meeting_id.is_(None)),
            _count(s, ActionUpdate),
            _count(s, Course),
            _count(s, TrainingSession),
            _count(s, Booking),
        )
    return dict(zip(COUNT_COLUMNS, values, strict=True))


def test_counts_table(herefordshire: Imported, dudley: Imported, hertfordshire: Imported) -> None:
    imported = {HEREFORDSHIRE: herefordshire, DUDLEY: dudley, HERTFORDSHIRE: hertfordshire}
    for name, expected in COUNTS.items():
        assert _counts(imported[name].db) == dict(zip(COUNT_COLUMNS, expected, strict=True)), name


# --- Herefordshire ---------------------------------------------------------------------------

HSCB_MEETING = "hscb-2018-10-23"


def _initials_at(s: Session, meeting_id: int) -> dict[int, str]:
    rows = s.execute(
        select(Attendance.person_id, Attendance.initials).where(Attendance.meeting_id == meeting_id)
    )
    return {person_id: initials for person_id, initials in rows}


def _owners(action: Action, initials: dict[int, str] | None = None) -> list[str]:
    """Owners as the README writes them: group names as printed, people by their initials at
    the raising meeting where there is one, else by their key."""
    labels = []
    for owner in action.owners:
        if owner.person is None:
            labels.append(owner.group_name or "")
        elif initials is not None:
            labels.append(initials[owner.person.id])
        else:
            labels.append(owner.person.key)
    return labels


def _actions(s: Session, board: str) -> list[Action]:
    stmt = (
        select(Action)
        .join(Board, Board.id == Action.board_id)
        .where(Board.key == board)
        .options(
            selectinload(Action.owners).selectinload(ActionOwner.person),
            selectinload(Action.updates),
            selectinload(Action.item),
        )
        .order_by(Action.number)
    )
    return list(s.scalars(stmt))


def _meeting(s: Session, key: str) -> Meeting:
    return s.scalars(select(Meeting).where(Meeting.key == key)).one()


HSCB_ITEMS = [
    # number, title, parent number, presenter initials
    ("1", "Introduction", None, None),
    ("2", "Minutes of last meeting, matters arising and action log", None, None),
    ("3", "Serious Safeguarding Incidents", None, "SH"),
    ("4", "Scrutiny / Assurance – Thematic Scorecard", None, None),
    ("5", "Board Effectiveness – Delivering the Board Business Plan", None, None),
    ("5.1", "Serious Organised Crime report", "5", "JT"),
    ("5.2", "CCG Safeguarding annual report", "5", None),
    ("5.3", "Board member attendance at Child Protection Conferences", "5", None),
    ("5.4", "Ofsted improvement plan: progress report", "5", None),
    ("5.5", "Member attendance at Child Protection Conferences: summary report", "5", None),
    ("6", "Board Effectiveness - Delivering the HSCB Business Plan", None, None),
    ("(a)", "Executive Report", "6", None),
    ("(b)", "Draft Annual Report", "6", None),
    ("6.1", "Sub Group attendance", "6", None),
    ("7", "Any other Business (notified to the Chair in advance)", None, None),
    ("7.1", "Contributions by agencies to the costs of learning reviews", "7", None),
    ("8", "Information items", None, None),
]


def test_herefordshire_items_table(herefordshire: Imported) -> None:
    with herefordshire.db.session() as s:
        meeting = _meeting(s, HSCB_MEETING)
        initials = _initials_at(s, meeting.id)
        items = s.scalars(
            select(AgendaItem)
            .where(AgendaItem.meeting_id == meeting.id)
            .options(selectinload(AgendaItem.parent))
        ).all()
        by_number = {item.number: item for item in items}
        # In the order printed: parents by position, each followed by its children.
        ordered = [
            item
            for top in sorted((i for i in items if i.parent is None), key=lambda i: i.position)
            for item in [top, *sorted(top.children, key=lambda c: c.position)]
        ]
        actual = [
            (
                item.number,
                item.title,
                item.parent.number if item.parent else None,
                initials.get(item.presenter_id) if item.presenter_id else item.presenter,
            )
            for item in ordered
        ]
    assert actual == HSCB_ITEMS
    assert by_number["5"].minutes_html in (None, "")  # "no minutes of its own"


HSCB_LOG = [
    # number, raised, title, owners, status after the 23.10.2018 update
    (
        69,
        dt.date(2017, 1, 25),
        "CSE Strategic Group",
        ["Criminal Justice agencies (YJS/CRC/NPS)"],
        "ongoing",
    ),
    (104, dt.date(2018, 7, 3), "Police Inspection Report", ["sally-halls"], "completed"),
    (105, dt.date(2018, 7, 3), "County Lines", ["CSE Sub Group"], "to_close"),
    (106, dt.date(2018, 7, 3), "Draft Annual Report", ["Business Unit"], "completed"),
    (107, dt.date(2018, 7, 3), "CSE Films", ["CSE Sub Group"], "in_progress"),
    (108, dt.date(2018, 7, 3), "CSE Sub Group", ["jocelyn-anderson"], "completed"),
]


def test_herefordshire_action_log_table(herefordshire: Imported) -> None:
    with herefordshire.db.session() as s:
        meeting = _meeting(s, HSCB_MEETING)
        log = [a for a in _actions(s, "hscb") if a.meeting_id is None]
        actual = [(a.number, a.raised, a.title, _owners(a), a.status.value) for a in log]
        updates = [(a.number, [(u.meeting_id, u.date, u.status) for u in a.updates]) for a in log]
    assert actual == HSCB_LOG
    # One update each, given at this meeting, dated by it, with the status the action now has.
    assert updates == [
        (number, [(meeting.id, meeting.date, status)])
        for number, _raised, _title, _owners_, status in HSCB_LOG
    ]


HSCB_RAISED = [
    # number, item, title, owners (initials as printed, or group names), due
    (109, "2", "CSE Strategic Group", ["DC"], None),
    (110, "3", "West Midlands Ambulance Service referrals", ["SH", "EH"], None),
    (111, "4", "Thematic Scorecard", ["AB"], None),
    (112, "5.1", "Intelligence sharing pathways", ["CE Sub Group"], None),
    (113, "5.2", "Briefing on the local NHS", ["EF", "CCG colleagues"], dt.date(2019, 1, 15)),
    (114, "5.3", "Thresholds", ["Exec", "SH"], dt.date(2019, 1, 15)),
    (115, "5.4", "Ofsted improvement plan progress report", ["CB"], None),
    (116, "5.5", "Member attendance at CPCs", ["LB"], dt.date(2019, 1, 15)),
    (117, "(b)", "Draft Annual Report", ["Board members"], dt.date(2018, 10, 31)),
    (
        118,
        "7.1",
        "Contributions by agencies to the costs of learning reviews",
        ["LB", "Exec"],
        dt.date(2019, 1, 15),
    ),
]


def test_herefordshire_actions_raised_table(herefordshire: Imported) -> None:
    with herefordshire.db.session() as s:
        meeting = _meeting(s, HSCB_MEETING)
        initials = _initials_at(s, meeting.id)
        raised = [a for a in _actions(s, "hscb") if a.meeting_id == meeting.id]
        actual = [
            (a.number, a.item.number if a.item else None, a.title, _owners(a, initials), a.due)
            for a in raised
        ]
        dates = {a.raised for a in raised}
    assert actual == HSCB_RAISED
    assert dates == {meeting.date}
    # "AB" matches nobody at the meeting: kept as a group name, and the import says so.
    assert any("AB" in warning for warning in herefordshire.warnings)


def test_herefordshire_attendance(herefordshire: Imported) -> None:
    with herefordshire.db.session() as s:
        meeting = _meeting(s, HSCB_MEETING)
        rows = s.execute(
            select(Attendance, Person.key)
            .join(Person, Person.id == Attendance.person_id)
            .where(Attendance.meeting_id == meeting.id)
            .options(selectinload(Attendance.representing))
            .order_by(Attendance.position)
        ).all()
        by_key = {key: att for att, key in rows}
        by_status = {
            status: [att.initials for att, _key in rows if att.status == status]
            for status in AttendanceStatus
        }
        representing = {
            key: att.representing.key for att, key in rows if att.representing is not None
        }
        hvoss = s.scalars(select(Agency).where(Agency.short_name == "HVOSS")).one_or_none()
    assert len(by_status[AttendanceStatus.PRESENT]) == 17
    assert by_status[AttendanceStatus.IN_ATTENDANCE] == ["EH", "LB"]
    assert by_status[AttendanceStatus.APOLOGIES] == ["LE", "DB", "ST", "JS"]
    assert by_status[AttendanceStatus.ABSENT] == []
    assert (by_key["e-swinglehurst"].initials, by_key["emma-shearer"].initials) == ("ESw", "ES")
    assert representing == {"julie-taylor": "sue-thomas", "ali-wells": "debra-baldwin"}
    assert by_key["jocelyn-anderson"].note == "representing HVOSS"
    assert hvoss is not None
    assert (by_key["chris-baird"].arrived, by_key["chris-baird"].left) == (
        dt.time(10, 0),
        dt.time(12, 10),
    )
    assert (by_key["george-branch"].arrived, by_key["george-branch"].left) == (
        None,
        dt.time(10, 45),
    )


# --- Dudley ----------------------------------------------------------------------------------

CLASHES = {
    "AP": ("andy-parsons", "andy-proctor"),
    "NB": ("natasha-brookes", "nicki-burrows"),
    "PS": ("pauline-sharratt", "pam-smith"),
}


def _plain_initials(name: str) -> str:
    words = name.split()
    return (words[0][0] + words[-1][0]).upper()


def test_dudley_initials_clash_table(dudley: Imported) -> None:
    with dudley.db.session() as s:
        meeting = _meeting(s, "dscb-2014-11-21")
        rows = s.execute(
            select(Person.key, Person.name, Attendance.initials, Attendance.position)
            .join(Attendance, Attendance.person_id == Person.id)
            .where(Attendance.meeting_id == meeting.id)
        ).all()
    made = {key: initials for key, _name, initials, _pos in rows}
    names = {key: name for key, name, _initials, _pos in rows}
    position = {key: pos for key, _name, _initials, pos in rows}
    assert len(made) == 36
    assert len(set(made.values())) == 36
    for plain, (earlier, later) in CLASHES.items():
        assert position[earlier] < position[later]
        assert made[earlier] == plain  # the earlier-listed keeps the plain form
        # The later one takes further letters of the surname, in lower case (ES / ESw).
        surname = names[later].split()[-1]
        extra = made[later][len(plain) :]
        assert made[later].startswith(plain) and extra, later
        assert extra == surname[1 : 1 + len(extra)].lower(), later
    clashing = {key for pair in CLASHES.values() for key in pair}
    for key, initials in made.items():
        if key not in clashing:
            assert initials == _plain_initials(names[key]), key


DSCB_ACTIONS = [
    # number, item, title, owners (person keys or group names), due, status
    (1, "2", "Domestic abuse", ["jassi-broadmeadow", "su-vincent", "andy-parsons"], None, "open"),
    (2, "2", "Domestic abuse", ["Quality Assurance & Communications Group"], None, "open"),
    (
        3,
        "2",
        "Independent Chairs – Circulation of analysis of Ofsted Findings",
        ["roger-clayton"],
        dt.date(2014, 12, 24),
        "open",
    ),
    (4, "2", "Private Fostering Annual Report", ["martine-mcfadden"], None, "open"),
    (5, "2", "Development Day – DSCB", ["Board members"], None, "open"),
    (6, "3", "Participation – the young persons view", ["julie-winpenny"], None, "open"),
    (7, "3", "Voice of the child", ["Sub group chairs"], None, "open"),
    (8, "4", "Serious incidents", ["christine-ballinger"], None, "open"),
    (9, "4", "Use of social media", ["Workforce Development Group"], None, "open"),
    (10, "5", "Communication Strategy", ["Board members"], None, "open"),
    (11, "6", "Dataset", ["Board members"], None, "open"),
    (
        12,
        "6",
        "Dataset",
        ["Quality Assurance & Communications Group"],
        dt.date(2015, 1, 16),
        "open",
    ),
    (13, "6", "Dataset", ["Quality Assurance & Communications Group"], None, "open"),
    (14, "6", "Section 175 audit", ["Safeguarding & Review Service"], dt.date(2015, 1, 16), "open"),
    (15, "7", "Signs of Safety", ["DSCB"], dt.date(2015, 1, 16), "open"),
    (16, "8", "Risk Register", ["Quality Assurance & Communications Group"], None, "open"),
    (17, "9", "CSE", ["Safeguarding & Review Service"], None, "completed"),
]


def test_dudley_actions_table(dudley: Imported) -> None:
    with dudley.db.session() as s:
        meeting = _meeting(s, "dscb-2014-11-21")
        actions = _actions(s, "dscb")
        actual = [
            (
                a.number,
                a.item.number if a.item else None,
                a.title,
                _owners(a),
                a.due,
                a.status.value,
            )
            for a in actions
        ]
        meetings = {a.meeting_id for a in actions}
    assert actual == DSCB_ACTIONS
    assert meetings == {meeting.id}


# --- Hertfordshire ---------------------------------------------------------------------------

BY_COURSE = [
    ("Safeguarding children - the impact of parental learning difficulties", 35, 2),
    ("Safeguarding children - the impact of parental mental health", 35, 2),
    ("Safeguarding disabled children", 51, 3),
    ("What to do if you identify a baby/child with bruises lite bite", 86, 4),
    ("Child sexual exploitation prevention, protection and investigation", 61, 3),
    ("Serious and partnership case reviews and audits lite bite", 53, 3),
    ("Graded Care Profile lite bite", 103, 6),
    ("Self Harm Awareness lite bite", 43, 2),
    ("Substance misuse lite bite", 31, 2),
    ("Safeguarding and Child Protection Multi-agency course", 171, 8),
    ("Safeguarding children - understanding the impact of neglect", 24, 1),
]


def test_hertfordshire_attendance_by_course_table(hertfordshire: Imported) -> None:
    figures = attendance_by_course(hertfordshire.db, YEAR_2015_16)
    assert [(r.title, r.attendees, r.times_ran) for r in figures.rows] == BY_COURSE
    assert (figures.total_attendees, figures.total_times_ran) == (693, 36)


BY_AGENCY = [
    ("Adult Care Services", 3),
    ("Children's centre", 57),
    ("Children's Services", 279),
    ("Colleges", 8),
    ("District Council", 6),
    ("Drug and Alcohol Service", 3),
    ("Education", 5),
    ("Health & Community Services (was ACS)", 18),
    ("Health - East and North Herts NHS Trust", 7),
    ("Health - Hertfordshire Community NHS Trust", 107),
    ("Health - Herts NHS Foundation Trust", 11),
    ("Health - NHS Hertfordshire", 14),
    ("Health - West Herts Hospitals Trusts", 3),
    ("Health - Other", 6),
    ("Herts Constabulary", 2),
    ("Housing Provider", 6),
    ("HSCB", 1),
    ("Nursery/Pre School", 30),
    ("Other", 24),
    ("School", 4),
    ("Schools - designated senior person", 54),
    ("Schools - non designated senior person", 10),
    ("Schools Family Support", 1),
    ("South West Partnership", 9),
    ("Voluntary Sector", 19),
]


def test_hertfordshire_attendance_by_agency_table(hertfordshire: Imported) -> None:
    figures = attendance_by_agency(hertfordshire.db, YEAR_2015_16)
    rows = [(r.agency, r.attendees) for r in figures.rows]
    # The paper's 25 rows (687) in its order, then the 6 it does not place.
    assert rows == [*BY_AGENCY, (NOT_RECORDED, 6)]
    assert figures.rows[-1].agency_id is None
    assert sum(n for _agency, n in BY_AGENCY) == 687
    assert (figures.total_attendees, figures.not_recorded) == (693, 6)


BOARD = [
    ("Independent Chair", "4/4"),
    ("Assistant Chief Constable, Hertfordshire Constabulary", "3/4"),
    ("Assistant Chief Legal Officer, Adult & Children's Law, HCC", "3/4"),
    (
        "Executive Director Quality & Safety, Hertfordshire Partnership NHS Foundation Trust "
        "(or representative)",
        "4/4",
    ),
    ("Service Manager, CAFCASS", "2/4"),
    ("Designated Doctor for Child Protection & Consultant Paediatricians, NHS", "2/4"),
    (
        "Designated Nurse, Safeguarding Children & Children Looked After, E & N Herts CCG "
        "(or representative)",
        "3/4",
    ),
    ("Director of Children's Services, HCC (or representative)", "4/4"),
    ("Director of Quality & Governance, Hertfordshire Community NHS Trust", "3/4"),
    (
        "Director of Quality & Patient Experience/Nursing, Hertfordshire & South Midlands NHS "
        "England* *No longer attending Board since May 2015 and are now represented by the CCG.",
        "1/4",
    ),
    ("Director of Nursing & Quality, Herts Valley CCG", "4/4"),
    ("Director of Nursing & Quality East & North Herts CCG", "4/4"),
    ("Chief Nurse & DIPC, West Hertfordshire NHS Trust", "3/4"),
    ("Director of Family Safeguarding, HCC", "4/4"),
    ("Representatives of Primary, Secondary and Special Schools", "4/4"),
    ("Deputy Principal, Further Education", "1/4"),
    ("Chief Executive, District Councils (or representative)", "4/4"),
    ("Lay Member #1", "0/4"),
    ("Lay Member #2 (from September 2015)", "2/4"),
    ("Executive Member, Children's Services", "4/4"),
    ("Detective Chief Superintendent– Herts Constabulary", "2/4"),
    ("Head of Hertfordshire National Probation Service– National Probation Service", "3/4"),
    (
        "Head of Service, Children & Young People, Public Health (from September 2015). Was "
        "previously Deputy Director of Public Health",
        "4/4",
    ),
    (
        "Children's Nursing Services Manager, East & North Herts NHS Trust (from December 2015)",
        "1/4",
    ),
    ("Head of Social Care and Safeguarding HPFT (from December 2015)", "2/4"),
    ("Operational Director, Herts BeNCH CRC(from December 2015)", "1/4"),
    ("HSCB Business Manager", "4/4"),
    ("HSCB Development Manager", "4/4"),
    ("HSCB Data Analyst", "3/4"),
]
# Meetings each late joiner or early leaver could attend, by row text: "2/4 (2 of 3)".
PART_YEAR = {
    "Lay Member #2 (from September 2015)": 3,
    "Children's Nursing Services Manager, East & North Herts NHS Trust (from December 2015)": 2,
    "Head of Social Care and Safeguarding HPFT (from December 2015)": 2,
    "Operational Director, Herts BeNCH CRC(from December 2015)": 2,
}


def test_hertfordshire_board_attendance_table(hertfordshire: Imported) -> None:
    figures = board_attendance(hertfordshire.db, "hertscb", YEAR_2015_16)
    assert figures.meetings_held == 4
    assert [(r.role, r.fraction) for r in figures.rows] == BOARD
    while_member = {r.role: r.meetings_while_member for r in figures.rows}
    nhs_england = BOARD[9][0]
    assert {role: n for role, n in while_member.items() if n != 4} == {
        **PART_YEAR,
        nhs_england: 1,
    }
    assert all(r.by_deputy == 0 for r in figures.rows)
    # Present/apologies per meeting as the README gives them; the board sets no quorum.
    quorum = meeting_quorum(hertfordshire.db, "hertscb", YEAR_2015_16)
    assert [(m.date, m.present, m.quorate) for m in quorum] == [
        (dt.date(2015, 5, 21), 23, None),
        (dt.date(2015, 9, 17), 19, None),
        (dt.date(2015, 12, 10), 23, None),
        (dt.date(2016, 3, 17), 18, None),
    ]


CHARGES_BY_COURSE = [
    # course, attended, did not attend, cancelled, of which late (charged), charges £
    (
        "Safeguarding children - the impact of parental learning difficulties",
        35,
        5,
        1,
        0,
        "£250.00",
    ),
    ("Safeguarding children - the impact of parental mental health", 35, 4, 3, 1, "£250.00"),
    ("Safeguarding disabled children", 51, 3, 4, 1, "£200.00"),
    ("What to do if you identify a baby/child with bruises lite bite", 86, 7, 3, 1, "£200.00"),
    ("Child sexual exploitation prevention, protection and investigation", 61, 7, 2, 0, "£350.00"),
    ("Serious and partnership case reviews and audits lite bite", 53, 9, 2, 0, "£225.00"),
    ("Graded Care Profile lite bite", 103, 8, 5, 1, "£225.00"),
    ("Self Harm Awareness lite bite", 43, 4, 0, 0, "£100.00"),
    ("Substance misuse lite bite", 31, 6, 1, 0, "£150.00"),
    ("Safeguarding and Child Protection Multi-agency course", 171, 17, 8, 4, "£1,050.00"),
    ("Safeguarding children - understanding the impact of neglect", 24, 2, 2, 1, "£150.00"),
]


def test_hertfordshire_charges_by_course_table(hertfordshire: Imported) -> None:
    report = non_attendance_charges(hertfordshire.db, YEAR_2015_16)
    rows = [
        (
            r.title,
            r.attended,
            r.did_not_attend,
            r.cancelled,
            r.late_cancellations_charged,
            format_pounds(r.charges_pence),
        )
        for r in report.by_course
    ]
    assert rows == CHARGES_BY_COURSE
    assert (report.total_did_not_attend, report.total_late_cancellations_charged) == (72, 9)
    assert sum(r.cancelled for r in report.by_course) == 31
    assert format_pounds(report.total_pence) == "£3,150.00"


CHARGES_BY_AGENCY = [
    # agency, did not attend, late cancellations, charges £
    ("Children's centre", 7, 1, "£275.00"),
    ("Children's Services", 33, 5, "£1,575.00"),
    ("Colleges", 1, 0, "£25.00"),
    ("District Council", 1, 0, "£25.00"),
    ("Health & Community Services (was ACS)", 1, 0, "£25.00"),
    ("Health - Hertfordshire Community NHS Trust", 8, 0, "£325.00"),
    ("Health - Other", 0, 1, "£25.00"),
    ("Herts Constabulary", 1, 0, "£25.00"),
    ("Housing Provider", 1, 0, "£50.00"),
    ("Nursery/Pre School", 5, 0, "£200.00"),
    ("Other", 4, 2, "£250.00"),
    ("School", 1, 0, "£25.00"),
    ("Schools - designated senior person", 4, 0, "£125.00"),
    ("South West Partnership", 4, 0, "£175.00"),
    ("Voluntary Sector", 1, 0, "£25.00"),
]


def test_hertfordshire_charges_by_agency_table(hertfordshire: Imported) -> None:
    report = non_attendance_charges(hertfordshire.db, YEAR_2015_16)
    rows = [
        (r.agency, r.did_not_attend, r.late_cancellations_charged, format_pounds(r.charges_pence))
        for r in report.by_agency
    ]
    assert rows == CHARGES_BY_AGENCY
    assert sum(r.charges_pence for r in report.by_agency) == report.total_pence == 315000

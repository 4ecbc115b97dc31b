"""The Overview's "Needs attention": overdue actions by owner and by agency, minutes waiting
for their next step, coming meetings expected to be inquorate; each line names what opens."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from desktop.models import Agency, AgendaItem, Board, BoardKind, Meeting, Person
from desktop.models.meetings import Attendance, AttendanceStatus, MeetingStatus
from desktop.services.actions import ActionFilter, OwnerRef, agency_choices, find_action_ids
from desktop.services.attention import (
    minutes_waiting,
    needs_attention,
    overdue_by_agency,
    overdue_by_owner,
    quorum_risks,
)
from tests.conftest import import_sample

TODAY = dt.date(2026, 12, 1)
HEREFORDSHIRE = "herefordshire-board-2018-10-23.json"


def test_overdue_actions_by_owner_most_first_with_the_oldest_due(database) -> None:
    import_sample(database, HEREFORDSHIRE)
    lines = overdue_by_owner(database, TODAY)
    assert [line.text for line in lines[:2]] == [
        "Overdue actions of Exec (group): 2, the oldest due 15/01/2019",
        "Overdue actions of Lisa Beavan: 2, the oldest due 15/01/2019"]
    assert lines[0].owner == OwnerRef(group="Exec")
    assert lines[1].owner is not None and lines[1].owner.person_id is not None
    # the day after the first due date, only that action is overdue
    early = overdue_by_owner(database, dt.date(2018, 11, 1))
    assert [line.text for line in early] == [
        "Overdue actions of Board members (group): 1, the oldest due 31/10/2018"]


def test_overdue_actions_by_agency_count_an_action_once(database) -> None:
    import_sample(database, HEREFORDSHIRE)
    lines = overdue_by_agency(database, TODAY)
    assert [line.text for line in lines] == [
        "Overdue actions owned by people of Safeguarding Boards Business Unit: 2",
        "Overdue actions owned by people of NHS Herefordshire Clinical Commissioning Group: 1"]
    unit = lines[0].agency_id
    ids = find_action_ids(database, ActionFilter(agency_id=unit, overdue=True, today=TODAY))
    assert len(ids) == 2  # what the line opens: the same two actions
    choice = next(c for c in agency_choices(database) if c.agency_id == unit)
    assert choice.open >= 2


def test_every_line_follows_the_board_selector(database) -> None:
    import_sample(database, HEREFORDSHIRE)
    with database.transaction() as s:
        other = Board(key="cdop", name="Child Death Overview Panel", kind=BoardKind.PANEL)
        s.add(other)
        s.flush()
        other_id = other.id
        hscb = s.scalar(select(Board.id).where(Board.key == "hscb"))
    assert needs_attention(database, TODAY, other_id) == []
    assert len(needs_attention(database, TODAY, hscb)) == len(needs_attention(database, TODAY))


def _meeting(s, board: Board, key: str, day: dt.date, status: MeetingStatus) -> Meeting:
    meeting = Meeting(key=key, board=board, date=day, title="Board meeting", status=status)
    s.add(meeting)
    return meeting


def test_minutes_waiting_for_their_next_step_oldest_first(database) -> None:
    with database.transaction() as s:
        board = Board(key="b", name="Board", kind=BoardKind.BOARD)
        s.add(board)
        _meeting(s, board, "circulated", dt.date(2026, 10, 1), MeetingStatus.CIRCULATED)
        _meeting(s, board, "draft", dt.date(2026, 11, 2), MeetingStatus.DRAFT)
        _meeting(s, board, "taking", dt.date(2026, 11, 20), MeetingStatus.IN_PROGRESS)
        _meeting(s, board, "today", TODAY, MeetingStatus.IN_PROGRESS)  # being minuted now
        _meeting(s, board, "done", dt.date(2026, 9, 1), MeetingStatus.APPROVED)
        _meeting(s, board, "coming", dt.date(2026, 12, 20), MeetingStatus.PLANNED)
    lines = minutes_waiting(database, TODAY)
    assert [line.text for line in lines] == [
        "Minutes of Board, 01/10/2026 are circulated: approve them at the next meeting",
        "Minutes of Board, 02/11/2026 are a draft: send them to the chair",
        "Minutes of Board, 20/11/2026 are still being taken: finish them"]
    assert all(line.meeting_id for line in lines)


def test_quorum_at_risk_when_fewer_are_expected_than_the_quorum(database) -> None:
    with database.transaction() as s:
        board = Board(key="b", name="Board", kind=BoardKind.BOARD, quorum=3)
        s.add(board)
        people = [Person(key=f"p{i}", name=f"Person {i}") for i in range(4)]
        s.add_all(people)
        short = _meeting(s, board, "short", TODAY + dt.timedelta(days=10), MeetingStatus.PLANNED)
        enough = _meeting(s, board, "enough", TODAY + dt.timedelta(days=20),
                          MeetingStatus.AGENDA_ISSUED)
        unlisted = _meeting(s, board, "unlisted", TODAY + dt.timedelta(days=5),
                            MeetingStatus.PLANNED)
        far = _meeting(s, board, "far", TODAY + dt.timedelta(days=90), MeetingStatus.PLANNED)
        for meeting, statuses in ((short, "EEA"), (enough, "EEEA"), (far, "A")):
            for person, status in zip(people, statuses, strict=False):
                s.add(Attendance(meeting=meeting, person=person, initials=person.key,
                                 status=AttendanceStatus.EXPECTED if status == "E"
                                 else AttendanceStatus.APOLOGIES))
        s.flush()
        short_id, unlisted_id = short.id, unlisted.id
    lines = quorum_risks(database, TODAY)
    assert [(line.text, line.meeting_id) for line in lines] == [
        (f"Quorum at risk: Board, {TODAY + dt.timedelta(days=10):%d/%m/%Y}: 2 expected, "
         "quorum 3", short_id)]
    assert unlisted_id not in {line.meeting_id for line in lines}  # no attendance listed yet


def test_agency_filter_takes_the_actions_of_its_people(database) -> None:
    import_sample(database, HEREFORDSHIRE)
    with database.session() as s:
        ccg = s.scalar(select(Agency.id).where(
            Agency.name == "NHS Herefordshire Clinical Commissioning Group"))
    every = find_action_ids(database, ActionFilter(statuses="all", today=TODAY))
    theirs = find_action_ids(database, ActionFilter(statuses="all", agency_id=ccg, today=TODAY))
    assert 0 < len(theirs) < len(every)


def test_slipped_business_of_the_forward_plan_is_listed(database) -> None:
    from desktop.services.attention import slipped_business
    from desktop.services.meetings.forward_plan import PlanFields, add_entries

    with database.transaction() as s:
        board = Board(key="b", name="Board", kind=BoardKind.BOARD)
        s.add(board)
        s.flush()
        board_id = board.id
    add_entries(database, board_id, PlanFields("Neglect strategy", dt.date(2026, 9, 1)))
    add_entries(database, board_id, PlanFields("Annual report", dt.date(2027, 7, 1)))
    lines = slipped_business(database, TODAY)
    assert [(line.text, line.plan_board_id) for line in lines] == [
        ("Slipped from the forward plan of Board: Neglect strategy (September 2026)",
         board_id)]
    assert lines == [line for line in needs_attention(database, TODAY)
                     if line.kind == "forward plan"]


def test_minutes_wait_by_the_step_they_reached_and_reviews_due_are_listed(database) -> None:
    from desktop.services.attention import reviews_waiting
    from desktop.services.meetings import versions
    from desktop.services.reviews import ReviewDates, save_review

    with database.transaction() as s:
        board = Board(key="b", name="Board", kind=BoardKind.BOARD)
        s.add(board)
        chair = _meeting(s, board, "chair", dt.date(2026, 10, 1), MeetingStatus.DRAFT)
        old = _meeting(s, board, "old", dt.date(2025, 10, 1), MeetingStatus.APPROVED)
        s.flush()
        s.add(AgendaItem(meeting=chair, position=0, number="1", title="Welcome",
                         minutes_html="<p>The chair welcomed members.</p>"))
        s.flush()
        board_id, chair_id, old_id = board.id, chair.id, old.id
    versions.move_to(database, chair_id, "sent_to_chair")
    lines = minutes_waiting(database, TODAY)
    assert [(line.text, line.meeting_id) for line in lines] == [
        ("Minutes of Board, 01/10/2026 are with the chair: record the chair's changes, or "
         "circulate them", chair_id)]
    assert old_id not in {line.meeting_id for line in lines}  # approved before steps
    save_review(database, board_id, ReviewDates(membership_due=dt.date(2026, 11, 1)))
    [review] = reviews_waiting(database, TODAY)
    assert review.review_board_id == board_id and review.text.startswith("Board: Membership")
    assert reviews_waiting(database, TODAY, board_id + 1) == []

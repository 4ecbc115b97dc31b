"""Meeting services: records as the paper prints them, agenda shaping, attendance, approval."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from desktop.models import AuditEntry, Board, BoardKind, Membership, NumberingStyle, Person
from desktop.services import meetings as svc
from desktop.services.errors import InvalidInput
from tests.conftest import import_sample


def _herefordshire(database):
    import_sample(database, "herefordshire-board-2018-10-23.json")
    return svc.list_meetings(database)[0]


def _board(database, style=NumberingStyle.DECIMAL, members=3):
    with database.transaction() as session:
        board = Board(key="exec", name="Executive", kind=BoardKind.EXECUTIVE,
                      numbering_style=style)
        people = [Person(key=f"p{i}", name=name) for i, name in
                  enumerate(["Emma Shearer", "Emma Swinglehurst", "Liz Bennett"][:members])]
        deputy = Person(key="deputy", name="Dan Deputy")
        session.add_all([board, deputy, *people])
        session.flush()
        for i, person in enumerate(people):
            session.add(Membership(board=board, person=person, role=f"Role {i}",
                                   deputy=deputy if i == 0 else None))
        return board.id


def _new_meeting(database, board_id, day=dt.date(2026, 1, 15)):
    return svc.create_meeting(database, board_id, svc.MeetingFields(
        day, start=dt.time(9, 30), end=dt.time(12, 30), venue="Plough Lane"))


def test_herefordshire_meeting_reads_as_the_paper(database):
    row = _herefordshire(database)
    assert (row.date, row.status, row.venue) == (
        dt.date(2018, 10, 23), "approved", "Plough Lane Offices, Hereford HR4 0LE")
    record = svc.meeting_record(database, row.id)
    statuses = [a.status for a in record.attendance]
    assert (statuses.count("present"), statuses.count("in_attendance"),
            statuses.count("apologies")) == (17, 2, 4)
    by_initials = {a.initials: a for a in record.attendance}
    assert by_initials["CB"].arrived == dt.time(10, 0)
    assert by_initials["CB"].left == dt.time(12, 10)
    assert by_initials["ESw"].name == "Councillor E Swinglehurst"
    numbers = [i.number for i in record.items]
    assert numbers == ["1", "2", "3", "4", "5", "5.1", "5.2", "5.3", "5.4", "5.5", "6", "(a)",
                       "(b)", "6.1", "7", "7.1", "8"]
    assert [i.depth for i in record.items][4:6] == [0, 1]


def test_new_meeting_has_standing_items_numbered(database):
    meeting_id = _new_meeting(database, _board(database))
    record = svc.meeting_record(database, meeting_id)
    assert [(i.number, i.standing) for i in record.items] == [
        ("1", "apologies"), ("2", "previous_minutes"), ("3", "action_log"),
        ("4", "any_other_business")]
    assert record.details.status == "planned"


def test_agenda_sub_items_by_numbering_style(database):
    meeting_id = _new_meeting(database, _board(database, NumberingStyle.LETTERS))
    items = svc.meeting_record(database, meeting_id).items
    report = svc.add_item(database, meeting_id, svc.ItemFields("Reports"), after_id=items[2].id)
    first = svc.add_item(database, meeting_id, svc.ItemFields("Audit"), after_id=report)
    second = svc.add_item(database, meeting_id, svc.ItemFields("Training"), after_id=first)
    svc.indent_item(database, first)
    svc.indent_item(database, second)
    labels = [(i.number, i.title) for i in svc.meeting_record(database, meeting_id).items]
    assert labels[3:6] == [("4", "Reports"), ("4(a)", "Audit"), ("4(b)", "Training")]
    assert labels[-1] == ("5", "Any other business")
    svc.move_item(database, second, -1)
    svc.outdent_item(database, first)
    labels = [i.number + " " + i.title for i in svc.meeting_record(database, meeting_id).items]
    assert labels[3:7] == ["4 Reports", "4(a) Training", "5 Audit", "6 Any other business"]


def test_a_typed_label_is_kept_and_a_clash_is_refused(database):
    meeting_id = _new_meeting(database, _board(database))
    items = svc.meeting_record(database, meeting_id).items
    svc.update_item(database, items[2].id, svc.ItemFields("Action log", number="3A"))
    assert svc.meeting_record(database, meeting_id).items[2].number == "3A"
    with pytest.raises(InvalidInput, match="numbered 1"):
        svc.update_item(database, items[3].id, svc.ItemFields("Any other business", number="1"))
    assert svc.meeting_record(database, meeting_id).items[3].number == "4"


def test_bad_input_is_refused_and_changes_nothing(database):
    board_id = _board(database)
    with pytest.raises(InvalidInput, match="cannot end") as caught:
        svc.create_meeting(database, board_id, svc.MeetingFields(
            dt.date(2026, 1, 1), start=dt.time(10), end=dt.time(9)))
    assert caught.value.field == "end"
    assert svc.list_meetings(database) == []
    meeting_id = _new_meeting(database, board_id)
    first = svc.meeting_record(database, meeting_id).items[0]
    with pytest.raises(InvalidInput, match="cannot be empty"):
        svc.update_item(database, first.id, svc.ItemFields("   "))
    assert svc.meeting_record(database, meeting_id).items[0].title == first.title


def test_fill_from_members_makes_initials_and_offers_deputies(database):
    meeting_id = _new_meeting(database, _board(database))
    assert svc.fill_from_members(database, meeting_id) == 3
    assert svc.fill_from_members(database, meeting_id) == 0
    rows = svc.meeting_record(database, meeting_id).attendance
    assert [r.initials for r in rows] == ["ES", "ESw", "LB"]
    with pytest.raises(InvalidInput, match="already the initials of Emma Shearer"):
        svc.update_attendance(database, rows[2].id, initials="ES")
    svc.update_attendance(database, rows[0].id, status="apologies")
    offer = svc.deputy_offer(database, rows[0].id)
    assert offer is not None and offer.name == "Dan Deputy"
    deputy_row = svc.add_deputy(database, rows[0].id, offer.id)
    record = svc.meeting_record(database, meeting_id)
    added = next(r for r in record.attendance if r.id == deputy_row)
    assert (added.status, added.representing, added.initials) == ("present", "Emma Shearer", "DD")
    assert svc.deputy_offer(database, rows[0].id) is None


def test_a_person_cannot_be_listed_twice_or_leave_before_arriving(database):
    meeting_id = _new_meeting(database, _board(database))
    svc.fill_from_members(database, meeting_id)
    row = svc.meeting_record(database, meeting_id).attendance[0]
    with pytest.raises(InvalidInput, match="already in this meeting"):
        svc.add_attendee(database, meeting_id, person_id=row.person_id, status="apologies")
    with pytest.raises(InvalidInput, match="before arriving"):
        svc.update_attendance(database, row.id, arrived=dt.time(11), left=dt.time(10))
    new_id = svc.add_attendee(database, meeting_id, new_person=svc.NewPerson("Łukasz Nowak"))
    added = next(r for r in svc.meeting_record(database, meeting_id).attendance if r.id == new_id)
    assert added.initials == "ŁN"


def test_approval_locks_the_minutes_and_edits_become_amendments(database):
    meeting_id = _new_meeting(database, _board(database))
    item = svc.meeting_record(database, meeting_id).items[1]
    svc.save_minutes(database, item.id, "<p>Agreed.</p>")
    svc.set_status(database, meeting_id, "draft")
    svc.approve(database, meeting_id, ["Page 2: 'Smith' corrected to 'Smyth'"],
                dt.date(2026, 2, 20))
    with pytest.raises(svc.AmendmentNeeded):
        svc.save_minutes(database, item.id, "<p>Agreed unanimously.</p>")
    with pytest.raises(InvalidInput, match="only be amended"):
        svc.set_status(database, meeting_id, "draft")
    svc.save_minutes(database, item.id, "<p>Agreed unanimously.</p>", reason="Vote recorded")
    record = svc.meeting_record(database, meeting_id)
    assert record.items[1].minutes_html == "<p>Agreed unanimously.</p>"
    assert [a.text for a in record.amendments] == [
        "Page 2: 'Smith' corrected to 'Smyth'", "Minutes of item 2: Vote recorded"]
    with database.session() as session:
        audited = session.scalars(select(AuditEntry).where(AuditEntry.table_name == "amendment"))
        assert len(list(audited)) == 2


def test_copy_and_delete(database):
    board_id = _board(database)
    meeting_id = _new_meeting(database, board_id)
    first = svc.meeting_record(database, meeting_id).items[0]
    svc.update_item(database, first.id, svc.ItemFields("Welcome, introductions and apologies"))
    copy_id = svc.copy_meeting(database, meeting_id, dt.date(2026, 3, 12))
    copy = svc.meeting_record(database, copy_id)
    assert (copy.details.venue, copy.details.start) == ("Plough Lane", dt.time(9, 30))
    assert [i.title for i in copy.items][:2] == [
        "Welcome, introductions and apologies",
        "Minutes of the last meeting and matters arising"]
    svc.save_minutes(database, copy.items[0].id, "<p>Apologies were received.</p>")
    with pytest.raises(InvalidInput, match="cannot be deleted"):
        svc.delete_meeting(database, copy_id)
    svc.delete_meeting(database, meeting_id)
    assert [m.id for m in svc.list_meetings(database)] == [copy_id]


def test_previous_meeting_and_filters(database):
    board_id = _board(database)
    first = _new_meeting(database, board_id, dt.date(2025, 11, 1))
    second = _new_meeting(database, board_id, dt.date(2026, 1, 15))
    previous = svc.previous_meeting(database, second)
    assert previous is not None and previous.id == first
    assert svc.meeting_years(database, board_id) == [2026, 2025]
    assert [m.id for m in svc.list_meetings(database, board_id, year=2025)] == [first]
    assert svc.list_meetings(database, status="approved") == []


def test_renumbering_is_audited_as_real_changes(database):
    meeting_id = _new_meeting(database, _board(database))
    items = svc.meeting_record(database, meeting_id).items
    with database.session() as session:
        before = session.scalar(select(func.max(AuditEntry.id)))
    svc.move_item(database, items[1].id, +1)  # 2 and 3 swap labels
    with database.session() as session:
        changes = session.execute(
            select(AuditEntry.old, AuditEntry.new).where(AuditEntry.field == "number")
            .where(AuditEntry.id > before)).all()
    assert sorted(changes) == [("2", "3"), ("3", "2")]


def test_minutes_of_a_meeting_that_never_happened_cannot_be_approved(database):
    """The next meeting offered to approve a planned, empty meeting's minutes: refused, and
    the meeting stays as it was."""
    board_id = _board(database)
    planned = _new_meeting(database, board_id, dt.date(2027, 9, 16))
    later = _new_meeting(database, board_id, dt.date(2027, 12, 9))
    with pytest.raises(InvalidInput, match="no minutes to approve"):
        svc.approve_previous(database, later, planned, [])
    assert svc.meeting_record(database, planned).details.status == "planned"


def test_amendments_agreed_at_approval_carry_the_approving_meetings_date(database):
    board_id = _board(database)
    first = _new_meeting(database, board_id, dt.date(2026, 1, 15))
    item = svc.meeting_record(database, first).items[1]
    svc.save_minutes(database, item.id, "<p>Agreed.</p>")
    second = _new_meeting(database, board_id, dt.date(2026, 3, 12))
    svc.approve_previous(database, second, first, ["Item 2: 'Smith' corrected to 'Smyth'"])
    record = svc.meeting_record(database, first)
    assert record.details.status == "approved"
    assert [(a.date, a.text) for a in record.amendments] == [
        (dt.date(2026, 3, 12), "Item 2: 'Smith' corrected to 'Smyth'")]


def test_approving_from_a_stale_screen_is_refused(database):
    board_id = _board(database)
    first = _new_meeting(database, board_id, dt.date(2026, 1, 15))
    svc.save_minutes(database, svc.meeting_record(database, first).items[1].id, "<p>x</p>")
    third = _new_meeting(database, board_id, dt.date(2026, 5, 14))
    _new_meeting(database, board_id, dt.date(2026, 3, 12))  # added since the screen was shown
    with pytest.raises(InvalidInput, match="changed since"):
        svc.approve_previous(database, third, first, [])


def test_members_filled_in_before_the_meeting_are_expected_not_present(database):
    """Planning a meeting and filling its attendance from the members marked everyone
    present before anyone had come: they are expected, and count for nothing until marked."""
    from desktop.services.figures.boards import board_attendance, meeting_quorum
    from desktop.services.figures.period import Period
    from desktop.services.meetings import room

    board_id = _board(database)
    planned = _new_meeting(database, board_id, dt.date(2026, 1, 15))
    svc.fill_from_members(database, planned)
    assert {r.status for r in svc.meeting_record(database, planned).attendance} == {"expected"}
    year = Period(dt.date(2025, 4, 1), dt.date(2026, 3, 31))
    assert board_attendance(database, board_id, year).meetings_held == 0  # never took place
    assert meeting_quorum(database, board_id, year) == ()
    # On the day: the meeting starts, and an expected member arriving becomes present.
    svc.set_status(database, planned, "in_progress")
    liz = next(r for r in svc.meeting_record(database, planned).attendance if r.initials == "LB")
    arrival = room.record_arrival(database, planned, dt.time(9, 40), person_id=liz.person_id)
    rows = {r.initials: r for r in svc.meeting_record(database, planned).attendance}
    assert arrival.was_listed and rows["LB"].status == "present"
    assert room.room_count(database, planned).present == 1
    # Filled in once the meeting has begun, members are present.
    started = _new_meeting(database, board_id, dt.date(2026, 2, 15))
    svc.set_status(database, started, "in_progress")
    svc.fill_from_members(database, started)
    assert {r.status for r in svc.meeting_record(database, started).attendance} == {"present"}


def test_the_expected_status_migration_goes_down_and_up_keeping_attendance(database):
    from alembic import command
    from sqlalchemy import text

    from desktop.models.migrate import migrate

    board_id = _board(database)
    meeting_id = _new_meeting(database, board_id)
    svc.fill_from_members(database, meeting_id)
    first = svc.meeting_record(database, meeting_id).attendance[0]
    svc.update_attendance(database, first.id, status="apologies")
    migrate(database, lambda config: command.downgrade(config, "0004"))
    with database.engine.connect() as connection:
        statuses = sorted(connection.execute(text("SELECT status FROM attendance")).scalars())
        indexes = {row[1] for row in connection.execute(text("PRAGMA index_list(attendance)"))}
    assert statuses == ["absent", "absent", "apologies"]  # nobody left only "expected"
    assert {"ix_attendance_meeting_id", "ix_attendance_person_id"} <= indexes
    migrate(database, lambda config: command.upgrade(config, "head"))
    svc.update_attendance(database, first.id, status="expected")
    assert svc.meeting_record(database, meeting_id).attendance[0].status == "expected"


def test_a_change_agreed_at_approval_needs_words_and_changes_nothing_without(database):
    board_id = _board(database)
    first = _new_meeting(database, board_id, dt.date(2026, 1, 15))
    item = svc.meeting_record(database, first).items[1]
    svc.save_minutes(database, item.id, "<p>Agreed.</p>")
    second = _new_meeting(database, board_id, dt.date(2026, 3, 12))
    change = svc.TextChange(item.id, "<p>Agreed unanimously.</p>", "  ")
    with pytest.raises(InvalidInput, match="Say what the board changed"):
        svc.approve_previous(database, second, first, [], (change,))
    record = svc.meeting_record(database, first)
    assert record.details.status != "approved" and record.items[1].minutes_html == "<p>Agreed.</p>"
    other = svc.meeting_record(database, second).items[1]
    stray = svc.TextChange(other.id, "<p>x</p>", "wrong meeting")
    with pytest.raises(InvalidInput, match="no longer in these minutes"):
        svc.approve_previous(database, second, first, [], (stray,))

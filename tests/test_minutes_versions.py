"""Minutes from draft to published: the steps, with dates and who, and the versions kept."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.models import Board, BoardKind
from desktop.services import meetings as svc
from desktop.services.errors import InvalidInput
from desktop.services.meetings import versions


def _meeting(database, day=dt.date(2026, 1, 15)):
    with database.transaction() as session:
        board = Board(key="exec", name="Executive", kind=BoardKind.EXECUTIVE)
        session.add(board)
        session.flush()
        board_id = board.id
    return board_id, svc.create_meeting(database, board_id, svc.MeetingFields(day))


def _item(database, meeting_id, index=1):
    return svc.meeting_record(database, meeting_id).items[index]


def test_minutes_go_from_draft_to_published_with_who_when_and_versions(database):
    board_id, meeting_id = _meeting(database)
    item = _item(database, meeting_id)
    svc.save_minutes(database, item.id, "<p>The minutes were agreed as a true record.</p>")
    with pytest.raises(InvalidInput, match="cannot be marked published"):
        versions.move_to(database, meeting_id, "published", public=True)
    versions.move_to(database, meeting_id, "drafted")
    versions.move_to(database, meeting_id, "sent_to_chair", note="by e-mail")
    svc.save_minutes(database, item.id, "<p>The minutes were agreed as an accurate record.</p>")
    versions.move_to(database, meeting_id, "chair_changes")
    versions.move_to(database, meeting_id, "circulated")
    assert svc.meeting_record(database, meeting_id).details.status == "circulated"
    with pytest.raises(InvalidInput, match="Approve minutes"):
        versions.move_to(database, meeting_id, "approved")
    next_id = svc.create_meeting(database, board_id, svc.MeetingFields(dt.date(2026, 3, 1)))
    svc.approve_previous(database, next_id, meeting_id, [])
    versions.move_to(database, meeting_id, "published", public=True)

    found = versions.history(database, meeting_id)
    assert [s.state for s in found.steps] == [
        "drafted", "sent_to_chair", "chair_changes", "circulated", "approved", "published"]
    assert all(s.by and isinstance(s.at, dt.datetime) for s in found.steps)
    # Drafted and sent to the chair share the text; the chair's changes made version 2,
    # which was circulated, approved and published as it was.
    assert [s.version for s in found.steps] == [1, 1, 2, 2, 2, 2]
    assert [v.label for v in found.versions] == ["Draft", "With the chair's changes"]
    assert found.steps[1].note == "by e-mail"
    assert found.steps[4].approved_at == "Executive, 01/03/2026"
    assert found.steps[5].label == "Published (public copy)" and found.steps[5].public
    assert found.state == "published" and found.next_states == ("published",)


def test_the_chairs_changes_are_word_differences(database):
    _, meeting_id = _meeting(database)
    item = _item(database, meeting_id)
    svc.save_minutes(database, item.id, "<p>Mr Smith reported on the audit.</p>")
    versions.move_to(database, meeting_id, "sent_to_chair")
    svc.save_minutes(database, item.id, "<p>Mr Smyth reported on the section 11 audit.</p>")
    versions.move_to(database, meeting_id, "chair_changes")
    changes = versions.compare(database, meeting_id, 1, 2)
    changed = [c for c in changes if c.change == "changed"]
    assert len(changed) == 1 and changed[0].label == "2"
    pieces = [p for p in changed[0].pieces if p[0] != "equal"]
    assert pieces == [("delete", "Smith"), ("insert", "Smyth"), ("insert", "section 11 ")]
    assert {c.change for c in changes if c is not changed[0]} == {"same"}


def test_amendments_at_approval_keep_the_text_before_and_after(database):
    _, meeting_id = _meeting(database)
    item = _item(database, meeting_id)
    svc.save_minutes(database, item.id, "<p>Apologies from J Bloggs.</p>")
    svc.set_status(database, meeting_id, "draft")  # "Mark as draft minutes" records the step
    svc.approve(database, meeting_id, [], dt.date(2026, 3, 1), changes=(
        svc.TextChange(item.id, "<p>Apologies from J Blogg.</p>", "name corrected"),))
    found = versions.history(database, meeting_id)
    assert [s.state for s in found.steps] == ["drafted", "approved"]
    assert [v.label for v in found.versions] == ["Draft", "As approved"]
    pieces = versions.compare(database, meeting_id, 1, 2)[1].pieces
    assert ("delete", "Bloggs.") in pieces and ("insert", "Blogg.") in pieces


def test_steps_in_the_wrong_order_or_without_minutes_are_refused(database):
    _, meeting_id = _meeting(database)
    with pytest.raises(InvalidInput, match="Nothing has been minuted"):
        versions.move_to(database, meeting_id, "drafted")
    svc.save_minutes(database, _item(database, meeting_id).id, "<p>Noted.</p>")
    with pytest.raises(InvalidInput, match="cannot be marked"):
        versions.move_to(database, meeting_id, "chair_changes")
    with pytest.raises(InvalidInput, match="not a step"):
        versions.move_to(database, meeting_id, "lost")
    assert versions.history(database, meeting_id).steps == ()


def test_word_differences_of_plain_text():
    assert versions.word_differences("a b c", "a x c") == (
        ("equal", "a "), ("delete", "b"), ("insert", "x"), ("equal", " c"))


def test_minutes_state_from_the_command_line(database, database_path, capsys):
    from desktop.cli import main

    _, meeting_id = _meeting(database)
    svc.save_minutes(database, _item(database, meeting_id).id, "<p>Noted.</p>")
    with database.session() as session:
        from desktop.models import Meeting
        key = session.get(Meeting, meeting_id).key
    database.close()
    assert main(["--database", str(database_path), "minutes", "state", "--meeting", key,
                 "--to", "sent_to_chair", "--note", "e-mailed"]) == 0
    out = capsys.readouterr().out
    assert "Sent to the chair." in out and "Sent to the chair, version 1, by" in out
    assert "(e-mailed)" in out and "Next: chair_changes, circulated." in out
    with pytest.raises(SystemExit, match="cannot be marked published"):
        main(["--database", str(database_path), "minutes", "state", "--meeting", key,
              "--to", "published"])
    with pytest.raises(SystemExit, match="no meeting 'nope'"):
        main(["--database", str(database_path), "minutes", "state", "--meeting", "nope"])


def test_the_cycle_migration_goes_down_and_up_keeping_meetings(database):
    from alembic import command
    from sqlalchemy import text

    from desktop.models.migrate import migrate

    _, meeting_id = _meeting(database)
    svc.save_minutes(database, _item(database, meeting_id).id, "<p>Kept.</p>")
    migrate(database, lambda config: command.downgrade(config, "0010"))
    with database.engine.connect() as connection:
        tables = set(connection.execute(text(
            "SELECT name FROM sqlite_master WHERE type='table'")).scalars())
    assert "minutes_version" not in tables and "decision" not in tables
    migrate(database, lambda config: command.upgrade(config, "head"))
    assert svc.meeting_record(database, meeting_id).items[1].minutes_html
    versions.move_to(database, meeting_id, "drafted")
    assert versions.history(database, meeting_id).versions[0].number == 1

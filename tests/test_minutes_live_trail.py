"""Live saves (the autosave while someone types) continue one audit entry per sitting at
an item, instead of keeping both whole texts for every save: the trail still says who
changed the minutes, from what, to what and when, and stays in order."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select, text

from desktop.models import AuditEntry
from desktop.services import meetings as svc
from desktop.services.meetings import agenda
from tests.test_meetings import _board, _new_meeting
from tests.test_minutes_autosave_write import _trail


def _items(database):
    meeting_id = _new_meeting(database, _board(database))
    return svc.meeting_record(database, meeting_id).items[1:3]


def _entries(database) -> int:
    with database.session() as session:
        return session.scalar(select(func.count()).select_from(AuditEntry))


def test_a_sitting_of_live_saves_is_one_entry_from_the_text_before_to_the_last(database):
    first, second = _items(database)
    svc.save_minutes(database, first.id, "<p>Welcome.</p>")  # the Save minutes button
    svc.save_minutes(database, second.id, "<p>Apologies.</p>")  # another item between
    before = _entries(database)
    for words in ("Welcome. The", "Welcome. The chair", "Welcome. The chair opened."):
        svc.save_minutes(database, first.id, f"<p>{words}</p>", live=True)
    assert _entries(database) == before + 1
    assert [e[2:4] for e in _trail(database, first.id)] == [
        (None, "<p>Welcome.</p>"),
        ("<p>Welcome.</p>", "<p>Welcome. The chair opened.</p>")]
    with database.session() as session:
        newest = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert abs(newest.at - dt.datetime.now()) < dt.timedelta(minutes=1)


def test_a_change_recorded_between_starts_a_new_entry(database):
    """Another item typed into, or anything else recorded, ends the sitting's entry: the
    trail keeps the order in which things happened."""
    first, second = _items(database)
    svc.save_minutes(database, first.id, "<p>One.</p>", live=True)
    svc.save_minutes(database, second.id, "<p>Two.</p>", live=True)
    svc.save_minutes(database, first.id, "<p>One more.</p>", live=True)
    assert [e[2:4] for e in _trail(database, first.id)] == [
        (None, "<p>One.</p>"), ("<p>One.</p>", "<p>One more.</p>")]
    assert len(_trail(database, second.id)) == 1


def test_a_pause_longer_than_the_gap_starts_a_new_entry(database):
    first, _second = _items(database)
    svc.save_minutes(database, first.id, "<p>Before the break.</p>", live=True)
    earlier = dt.datetime.now() - agenda.LIVE_ENTRY_GAP - dt.timedelta(seconds=5)
    with database.transaction() as session:  # as if saved before a long pause
        session.execute(text("UPDATE audit_entry SET at = :at WHERE id = "
                             "(SELECT max(id) FROM audit_entry)"),
                        {"at": earlier.strftime("%Y-%m-%d %H:%M:%S.000000")})
    svc.save_minutes(database, first.id, "<p>After the break.</p>", live=True)
    assert [e[2:4] for e in _trail(database, first.id)] == [
        (None, "<p>Before the break.</p>"),
        ("<p>Before the break.</p>", "<p>After the break.</p>")]


def test_another_persons_entry_is_never_continued(database, monkeypatch):
    first, _second = _items(database)
    svc.save_minutes(database, first.id, "<p>Mine.</p>", live=True)
    monkeypatch.setattr("desktop.models.audit.current_user", lambda: "another.officer")
    svc.save_minutes(database, first.id, "<p>Mine, then theirs.</p>", live=True)
    with database.session() as session:
        users = session.scalars(select(AuditEntry.user).where(
            AuditEntry.table_name == "agenda_item", AuditEntry.row_id == str(first.id))
            .order_by(AuditEntry.id)).all()
    assert users[-1] == "another.officer" and users[-2] != "another.officer"


def test_text_changed_outside_the_sitting_is_not_hidden(database):
    """When the stored text is not what the newest entry ended with (changed by a path
    that wrote no entry of this kind), the live save records its own entry."""
    first, _second = _items(database)
    svc.save_minutes(database, first.id, "<p>Draft.</p>", live=True)
    with database.transaction() as session:
        session.execute(text("UPDATE agenda_item SET minutes_html = '<p>Elsewhere.</p>' "
                             "WHERE id = :id"), {"id": first.id})
    svc.save_minutes(database, first.id, "<p>Draft again.</p>", live=True)
    assert [e[2:4] for e in _trail(database, first.id)][-1] == \
        ("<p>Elsewhere.</p>", "<p>Draft again.</p>")


def test_saves_without_live_keep_an_entry_each(database):
    first, _second = _items(database)
    svc.save_minutes(database, first.id, "<p>A.</p>")
    svc.save_minutes(database, first.id, "<p>A, B.</p>")
    assert len(_trail(database, first.id)) == 2

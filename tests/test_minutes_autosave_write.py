"""The autosave's write of an item's minutes (one UPDATE and its audit row, not the ORM's
unit of work): the text, the audit trail and the search index as the ORM path leaves them."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, text

from desktop.models import AgendaItem, AuditEntry
from desktop.services import meetings as svc
from desktop.services.errors import InvalidInput
from desktop.services.meetings import agenda
from desktop.services.search import search
from tests.test_meetings import _board, _new_meeting


def _trail(database, item_id):
    with database.session() as session:
        return [(e.operation, e.field, e.old, e.new, e.row_id) for e in session.scalars(
            select(AuditEntry).where(AuditEntry.table_name == "agenda_item",
                                     AuditEntry.row_id == str(item_id),
                                     AuditEntry.field == "minutes_html")
            .order_by(AuditEntry.id))]


def _item(database):
    meeting_id = _new_meeting(database, _board(database))
    return meeting_id, svc.meeting_record(database, meeting_id).items[1]


def test_saved_text_is_stored_audited_and_found(database):
    meeting_id, item = _item(database)
    svc.save_minutes(database, item.id, "<p>The <b>escalation</b> protocol was agreed.</p>")
    svc.save_minutes(database, item.id, '<p style="x">The <span style="font-weight:700">'
                                        "escalation</span> protocol was revised.</p>")
    stored = svc.meeting_record(database, meeting_id).items[1].minutes_html
    assert stored == "<p>The <b>escalation</b> protocol was revised.</p>"
    assert _trail(database, item.id) == [
        ("update", "minutes_html", None, "<p>The <b>escalation</b> protocol was agreed.</p>",
         str(item.id)),
        ("update", "minutes_html", "<p>The <b>escalation</b> protocol was agreed.</p>",
         stored, str(item.id))]
    with database.session() as session:
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert entry is not None and entry.user and entry.seq == 0
        assert abs(entry.at - dt.datetime.now()) < dt.timedelta(minutes=1)
    assert [h.item_id for h in search(database, "revised")] == [item.id]
    assert search(database, "agreed") == []  # the old words left the index


def test_the_same_text_again_writes_nothing(database):
    _meeting_id, item = _item(database)
    svc.save_minutes(database, item.id, "<p>Noted.</p>")
    svc.save_minutes(database, item.id, "<p>Noted.</p>")
    assert len(_trail(database, item.id)) == 1


def test_emptied_minutes_are_stored_as_none_and_leave_the_index(database):
    meeting_id, item = _item(database)
    svc.save_minutes(database, item.id, "<p>Trafficking referrals rose.</p>")
    svc.save_minutes(database, item.id, "<p></p>")
    assert svc.meeting_record(database, meeting_id).items[1].minutes_html == "<p></p>"
    svc.save_minutes(database, item.id, "")
    with database.session() as session:
        assert session.get(AgendaItem, item.id).minutes_html is None
    assert _trail(database, item.id)[-1][2:4] == ("<p></p>", None)
    assert search(database, "trafficking") == []


def test_the_plain_write_matches_the_orm_write(database):
    """Same stored text and the same audit entry as write_minutes under the flush hook."""
    meeting_id = _new_meeting(database, _board(database))
    first, second = svc.meeting_record(database, meeting_id).items[1:3]
    html = "<p>Item <i>one</i> &amp; <u>two</u><script>x()</script></p><ul><li>a</li></ul>"
    svc.save_minutes(database, first.id, html)
    with database.transaction() as session:
        agenda.write_minutes(session, agenda._item(session, second.id), html)
    items = {i.id: i for i in svc.meeting_record(database, meeting_id).items}
    assert items[first.id].minutes_html == items[second.id].minutes_html
    assert [e[:4] for e in _trail(database, first.id)] == \
        [e[:4] for e in _trail(database, second.id)]


def test_approved_minutes_still_need_a_reason(database):
    meeting_id, item = _item(database)
    svc.save_minutes(database, item.id, "<p>Agreed.</p>")
    svc.set_status(database, meeting_id, "draft")
    svc.approve(database, meeting_id, [], dt.date(2026, 2, 20))
    with pytest.raises(svc.AmendmentNeeded):
        svc.save_minutes(database, item.id, "<p>Agreed unanimously.</p>")
    assert len(_trail(database, item.id)) == 1


def test_an_item_removed_meanwhile_is_said_plainly(database):
    with pytest.raises(InvalidInput, match="no longer exists"):
        svc.save_minutes(database, 987654, "<p>Lost?</p>")


def test_the_plain_audit_row_is_stored_as_the_flush_hook_stores_it(database):
    """The autosave writes its audit row by the driver's cursor: every column as SQLAlchemy
    would have stored it (the time in the same text form, the same user, seq 0)."""
    meeting_id = _new_meeting(database, _board(database))
    first, second = svc.meeting_record(database, meeting_id).items[1:3]
    svc.save_minutes(database, first.id, "<p>Noted.</p>")
    with database.transaction() as session:
        agenda.write_minutes(session, agenda._item(session, second.id), "<p>Noted.</p>")
    with database.session() as session:
        rows = {row[0]: row[1:] for row in session.execute(text(
            "SELECT row_id, typeof(at), length(at), substr(at, 20), user, table_name, "
            "operation, field, old, new, seq FROM audit_entry WHERE table_name = 'agenda_item' "
            "AND field = 'minutes_html' AND row_id IN (:a, :b)"),
            {"a": str(first.id), "b": str(second.id)})}
    assert rows[str(first.id)] == rows[str(second.id)]
    assert rows[str(first.id)][:3] == ("text", 26, ".000000")

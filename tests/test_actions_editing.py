"""Changing actions: owners, due dates, updates with status and RAG, withdrawal, and the
board's confirmation of "to close" — each whole or not at all, and audited."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from desktop.models import Action, ActionOwner, AuditEntry, Meeting
from desktop.models.database import Database
from desktop.services.actions import (
    SUGGESTED,
    ActionEdit,
    ActionError,
    ActionFilter,
    NewUpdate,
    UnknownOwners,
    action_detail,
    action_rows,
    add_update,
    confirm_to_close,
    edit_action,
    find_action_ids,
    withdraw_action,
)
from tests.test_actions import load

TODAY = dt.date(2018, 10, 24)


@pytest.fixture
def hereford(database: Database) -> Database:
    load(database, "herefordshire-board-2018-10-23.json")
    return database


def number(db: Database, n: int) -> int:
    (found,) = find_action_ids(db, ActionFilter(statuses="all", text=str(n), today=TODAY))
    return found


def row(db: Database, n: int):  # type: ignore[no-untyped-def]
    return action_rows(db, [number(db, n)], TODAY)[0]


def audit_count(db: Database) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def test_edit_resolves_initials_keys_names_and_known_groups(hereford: Database) -> None:
    edit = ActionEdit("Thresholds", "Review thresholds.", dt.date(2019, 1, 15),
                      ("LB", "sally-halls", "Chris Baird", "cse sub group"))
    edit_action(hereford, number(hereford, 114), edit)
    assert row(hereford, 114).owners == ("LB", "SH", "CB", "CSE Sub Group")
    detail = action_detail(hereford, number(hereford, 114))
    assert detail.owner_entries == ("LB", "SH", "CB", "CSE Sub Group")


def test_an_unknown_owner_is_refused_until_kept_as_a_group(hereford: Database) -> None:
    action_id = number(hereford, 115)
    before = audit_count(hereford)
    edit = ActionEdit("Ofsted", "Progress report.", None, ("CB", "Ofsted Task Group"))
    with pytest.raises(UnknownOwners) as refused:
        edit_action(hereford, action_id, edit)
    assert refused.value.names == ("Ofsted Task Group",)
    assert "matches nobody" in str(refused.value)
    assert row(hereford, 115).owners == ("CB",) and audit_count(hereford) == before
    edit_action(hereford, action_id, edit, frozenset({"Ofsted Task Group"}))
    assert row(hereford, 115).owners == ("CB", "Ofsted Task Group")
    assert row(hereford, 115).title == "Ofsted" and audit_count(hereford) > before


def test_due_date_before_the_raising_meeting_is_refused(hereford: Database) -> None:
    action_id = number(hereford, 116)
    with pytest.raises(ActionError, match="before the action was raised on 23/10/2018") as bad:
        edit_action(hereford, action_id, ActionEdit("T", "X", dt.date(2018, 10, 1), ("LB",)))
    assert bad.value.field == "due"
    assert row(hereford, 116).due == dt.date(2019, 1, 15) and row(hereford, 116).title != "T"


def test_no_owner_or_no_text_is_refused(hereford: Database) -> None:
    action_id = number(hereford, 116)
    with pytest.raises(ActionError, match="at least one owner"):
        edit_action(hereford, action_id, ActionEdit("T", "X", None, (" ",)))
    with pytest.raises(ActionError, match="needs its text"):
        edit_action(hereford, action_id, ActionEdit("T", "  ", None, ("LB",)))


def test_completing_needs_words_of_what_was_done(hereford: Database) -> None:
    action_id = number(hereford, 116)
    with pytest.raises(ActionError, match="Say what was done") as refused:
        add_update(hereford, action_id, NewUpdate("  ", TODAY, status="completed"))
    assert refused.value.field == "text"
    assert row(hereford, 116).status == "open"
    assert action_detail(hereford, action_id).updates == ()
    add_update(hereford, action_id, NewUpdate("Report sent to members.", TODAY, "completed"))
    done = row(hereford, 116)
    assert (done.status, done.rag, done.latest_text) == (
        "completed", "green", "Report sent to members.")


def test_status_and_rag_changes_enter_the_history(hereford: Database) -> None:
    action_id = number(hereford, 112)
    add_update(hereford, action_id, NewUpdate("", TODAY, status="in_progress"))
    add_update(hereford, action_id, NewUpdate("Behind plan.", TODAY, rag="red"))
    manual = row(hereford, 112)
    assert (manual.status, manual.rag, manual.rag_manual) == ("in_progress", "red", True)
    assert manual.rag_name == "Red"
    history = action_detail(hereford, action_id).updates
    assert [(u.text, u.status, u.rag) for u in history] == [
        ("Status set to in progress.", "in_progress", None), ("Behind plan.", None, "red")]
    # A manual RAG stays through later updates until a person changes it.
    add_update(hereford, action_id, NewUpdate("Meeting held.", TODAY))
    assert row(hereford, 112).rag == "red"
    add_update(hereford, action_id, NewUpdate("", TODAY, rag=SUGGESTED))
    back = row(hereford, 112)
    assert (back.rag, back.rag_manual) == (None, False)
    with pytest.raises(ActionError, match="Write the update"):
        add_update(hereford, action_id, NewUpdate(" ", TODAY))


def test_withdrawal_keeps_the_number_and_says_why(hereford: Database) -> None:
    action_id = number(hereford, 111)
    with pytest.raises(ActionError, match="Say why"):
        withdraw_action(hereford, action_id, " ", TODAY)
    withdraw_action(hereford, action_id, "Raised twice: see 115.", TODAY)
    gone = row(hereford, 111)
    assert (gone.number, gone.status, gone.rag) == (111, "withdrawn", None)
    assert gone.latest_text == "Withdrawn: Raised twice: see 115."
    assert 111 not in [r.number for r in action_rows(hereford, find_action_ids(
        hereford, ActionFilter(today=TODAY)))]
    with pytest.raises(ActionError, match="already withdrawn"):
        withdraw_action(hereford, action_id, "Again", TODAY)
    with pytest.raises(ActionError, match="Withdraw an action"):
        add_update(hereford, number(hereford, 110), NewUpdate("x", TODAY, "withdrawn"))
    with hereford.session() as s:
        assert s.scalar(select(func.count()).select_from(Action)) == 16


def next_meeting(db: Database) -> None:
    with db.transaction() as s:
        board_id = s.scalar(select(Action.board_id))
        s.add(Meeting(key="hscb-2019-01-15", board_id=board_id, title="Board Meeting",
                      date=dt.date(2019, 1, 15)))


def test_to_close_is_confirmed_at_the_next_meeting(hereford: Database) -> None:
    # 105 was proposed for closing on 23/10/2018: not confirmed by that same meeting.
    assert confirm_to_close(hereford, "hscb-2018-10-23") == []
    add_update(hereford, number(hereford, 112), NewUpdate("Done; to close.", TODAY, "to_close"))
    next_meeting(hereford)
    closed = confirm_to_close(hereford, "hscb-2019-01-15")
    assert closed == [105, 112]
    for n in closed:
        detail = action_detail(hereford, number(hereford, n))
        assert detail.row.status == "closed"
        last = detail.updates[-1]
        assert (last.date, last.meeting, last.status, last.text) == (
            dt.date(2019, 1, 15), "Board Meeting 15/01/2019", "closed",
            "Closure confirmed by the board.")
    assert row(hereford, 107).status == "in_progress"
    assert confirm_to_close(hereford, "hscb-2019-01-15") == []
    with pytest.raises(ActionError, match="no meeting"):
        confirm_to_close(hereford, "no-such-meeting")


def test_edits_are_audited(hereford: Database) -> None:
    action_id = number(hereford, 109)
    edit_action(hereford, action_id, ActionEdit("CSE", "New text.", None, ("DC", "LB")))
    with hereford.session() as s:
        tables = set(s.scalars(select(AuditEntry.table_name)
                               .where(AuditEntry.operation.is_not(None))))
        owners = s.scalars(select(ActionOwner).where(ActionOwner.action_id == action_id)).all()
    assert {"action", "action_owner"} <= tables
    assert len(owners) == 2

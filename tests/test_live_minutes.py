"""The services behind live minute-taking, on the Herefordshire sample meeting."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from desktop.models import Meeting, MeetingStatus
from desktop.services import live_minutes as live
from desktop.services import meetings as svc
from desktop.services.actions.common import UnknownOwners
from desktop.services.actions.detail import action_detail
from desktop.services.errors import InvalidInput
from tests.conftest import import_sample


@pytest.fixture
def meeting(database):
    """The sample meeting as if it were happening now (the sample's minutes are approved)."""
    import_sample(database, "herefordshire-board-2018-10-23.json")
    with database.transaction() as session:
        row = session.scalars(select(Meeting)).one()
        row.status = MeetingStatus.IN_PROGRESS
        meeting_id = row.id
    return svc.meeting_record(database, meeting_id)


def test_an_action_line_becomes_action_119_owned_by_lb(database, meeting):
    line = "Action: LB to provide a report to the Executive by December"
    proposal = live.propose_action(database, meeting.details.id, line)
    assert proposal is not None and proposal.owners == ("LB",)
    item = next(i for i in meeting.items if i.number == "5.3")
    raised = live.raise_action(database, meeting.details.id, item.id, proposal.text,
                               proposal.owners, proposal.due)
    assert raised.number == 119  # the sample's last is 118
    rows = live.item_actions(database, item.id)
    assert [(r.number, r.owners, r.due) for r in rows][-1] == (
        119, ("LB",), dt.date(2018, 12, 31))


def test_unknown_owner_needs_confirming_as_a_group(database, meeting):
    with pytest.raises(UnknownOwners):
        live.raise_action(database, meeting.details.id, None, "Write the policy",
                          ("Policy Group",), None)
    raised = live.raise_action(database, meeting.details.id, None, "Write the policy",
                               ("Policy Group",), None, frozenset({"Policy Group"}))
    assert action_detail(database, raised.id).owner_names == ("Policy Group",)


def test_due_before_the_meeting_is_refused(database, meeting):
    with pytest.raises(InvalidInput, match="before this meeting"):
        live.raise_action(database, meeting.details.id, None, "Late", ("SH",),
                          dt.date(2018, 1, 1))


def test_matters_arising_and_an_update_at_the_meeting(database, meeting):
    open_before = live.matters_arising(database, meeting.details.id)
    assert {r.number for r in open_before} >= {69}
    live.record_update(database, meeting.details.id, open_before[0].id, "Report received.",
                       status="completed")
    detail = action_detail(database, open_before[0].id)
    assert detail.updates[-1].text == "Report received."
    assert detail.updates[-1].meeting is not None


def test_arrival_and_departure_by_initials(database, meeting):
    name = live.mark_time(database, meeting.details.id, "esw", "arrived", dt.time(9, 45))
    assert name == "Councillor E Swinglehurst"
    with pytest.raises(InvalidInput, match="initials 'ZZ'"):
        live.mark_time(database, meeting.details.id, "ZZ", "left", dt.time(11, 0))


def test_withdrawing_an_action_raised_in_error_keeps_its_number(database, meeting):
    raised = live.raise_action(database, meeting.details.id, None, "Oops", ("SH",), None)
    live.withdraw_raised(database, raised.id, meeting.details.date)
    assert action_detail(database, raised.id).row.status == "withdrawn"
    again = live.raise_action(database, meeting.details.id, None, "Next", ("SH",), None)
    assert again.number == raised.number + 1


def test_an_action_and_the_minutes_it_came_from_are_saved_together(database, meeting):
    item = next(i for i in meeting.items if i.number == "5.3")
    typed = f"{item.minutes_html}<p>Action: PG to write the policy</p>"

    def minutes() -> str:
        return next(i.minutes_html for i in svc.meeting_record(database, meeting.details.id)
                    .items if i.id == item.id)

    with pytest.raises(UnknownOwners):  # refused: neither the action nor the line is saved
        live.raise_action(database, meeting.details.id, item.id, "Write the policy",
                          ("Policy Group",), None, minutes_html=typed)
    assert "Action: PG" not in minutes()
    raised = live.raise_action(database, meeting.details.id, item.id, "Write the policy",
                               ("Policy Group",), None, frozenset({"Policy Group"}), typed)
    assert "Action: PG to write the policy" in minutes()
    assert [r.number for r in live.item_actions(database, item.id)][-1] == raised.number


def test_group_and_agency_names_with_and_are_one_owner(database, meeting):
    from desktop.models import Agency

    with database.transaction() as session:
        session.add(Agency(key="li", name="Learning and Improvement Sub-group"))
    line = "Action: Learning and Improvement Sub-group and LB to review the audit"
    proposal = live.propose_action(database, meeting.details.id, line)
    assert proposal is not None
    assert proposal.owners == ("Learning and Improvement Sub-group", "LB")
    unknown = live.propose_action(database, meeting.details.id,
                                  "Action: L&I Sub-group to report back")
    assert unknown is not None and unknown.owners == ("L&I Sub-group",)
    assert live.propose_action(database, meeting.details.id, "We agreed.") is None

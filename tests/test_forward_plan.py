"""The forward plan: business planned per board by month, placed on meetings, taken into a
new agenda, what slipped; and kept when the agenda item or the meeting goes."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.models import Board, BoardKind, Meeting
from desktop.models.meetings import MeetingStatus
from desktop.services.errors import InvalidInput
from desktop.services.meetings import meeting_record
from desktop.services.meetings.agenda import remove_item
from desktop.services.meetings.forward_plan import (
    DONE,
    ON_AGENDA,
    PLANNED,
    SLIPPED,
    PlanFields,
    add_entries,
    offered_for,
    plan_entries,
    remove_entry,
    take_into_agenda,
    update_entry,
)

TODAY = dt.date(2027, 2, 15)


@pytest.fixture
def board(database) -> dict[str, int]:
    """A board meeting in January (held), March, July and October 2027."""
    with database.transaction() as s:
        board = Board(key="lscb", name="Safeguarding Board", kind=BoardKind.BOARD)
        other = Board(key="cdop", name="Child Death Overview Panel", kind=BoardKind.PANEL)
        s.add_all([board, other])
        meetings = {
            "jan": Meeting(key="jan", board=board, date=dt.date(2027, 1, 20),
                           status=MeetingStatus.APPROVED),
            "mar": Meeting(key="mar", board=board, date=dt.date(2027, 3, 17)),
            "jul": Meeting(key="jul", board=board, date=dt.date(2027, 7, 14)),
            "oct": Meeting(key="oct", board=board, date=dt.date(2027, 10, 13)),
            "panel": Meeting(key="panel", board=other, date=dt.date(2027, 3, 3)),
        }
        s.add_all(meetings.values())
        s.flush()
        return {"board": board.id, "other": other.id,
                **{name: m.id for name, m in meetings.items()}}


def _titles(entries) -> list[tuple[str, str, str]]:
    return [(e.title, e.month_text, e.state) for e in entries]


def test_entries_are_for_the_month_s_first_meeting_unless_placed(database, board) -> None:
    add_entries(database, board["board"], PlanFields("Annual report", dt.date(2027, 7, 1),
                                                     lead="Business Manager",
                                                     purpose="decision"))
    add_entries(database, board["board"], PlanFields("Section 11 audit", dt.date(2027, 10, 5)))
    add_entries(database, board["board"], PlanFields("Learning review", dt.date(2027, 5, 1),
                                                     meeting_id=board["mar"]))
    entries = plan_entries(database, board["board"], TODAY)
    assert _titles(entries) == [("Learning review", "March 2027", PLANNED),
                                ("Annual report", "July 2027", PLANNED),
                                ("Section 11 audit", "October 2027", PLANNED)]
    assert [e.meeting_id for e in entries] == [board["mar"], board["jul"], board["oct"]]
    assert entries[0].placed and not entries[1].placed
    assert entries[1].lead == "Business Manager" and entries[1].purpose == "decision"


def test_a_sub_group_report_repeats_on_its_cycle(database, board) -> None:
    ids = add_entries(database, board["board"], PlanFields("CSE sub-group report",
                                                           dt.date(2027, 1, 1)),
                      repeat_every_months=3, until=dt.date(2027, 12, 31))
    assert len(ids) == 4
    months = [e.month_text for e in plan_entries(database, board["board"], TODAY)]
    assert months == ["January 2027", "April 2027", "July 2027", "October 2027"]
    with pytest.raises(InvalidInput, match="Repeat every 1 to 12 months"):
        add_entries(database, board["board"], PlanFields("x", TODAY), repeat_every_months=13)


def test_a_new_agenda_takes_its_items_from_the_plan(database, board) -> None:
    [report] = add_entries(database, board["board"], PlanFields(
        "Annual report", dt.date(2027, 3, 1), lead="Jo Bloggs", purpose="decision"))
    [slipped] = add_entries(database, board["board"], PlanFields("Neglect strategy",
                                                                 dt.date(2027, 1, 1)))
    add_entries(database, board["board"], PlanFields("Not yet", dt.date(2027, 7, 1)))
    add_entries(database, board["other"], PlanFields("Other board's", dt.date(2027, 3, 1)))
    offered = offered_for(database, board["mar"], TODAY)
    assert [(e.title, e.state) for e in offered] == [("Annual report", PLANNED),
                                                     ("Neglect strategy", SLIPPED)]
    made = take_into_agenda(database, board["mar"], [report, slipped])
    items = meeting_record(database, board["mar"]).items
    assert [(i.id, i.title, i.presenter, i.purpose) for i in items] == [
        (made[0], "Annual report", "Jo Bloggs", "decision"),
        (made[1], "Neglect strategy", "", None)]
    states = {e.title: (e.state, e.item_number, e.month_text)
              for e in plan_entries(database, board["board"], TODAY)}
    assert states["Annual report"] == (ON_AGENDA, items[0].number, "March 2027")
    assert states["Neglect strategy"] == (ON_AGENDA, items[1].number, "March 2027")
    assert offered_for(database, board["mar"], TODAY) == []
    assert take_into_agenda(database, board["mar"], [report]) == []  # taken once
    # after the meeting: done
    after = {e.title: e.state for e in plan_entries(database, board["board"],
                                                    dt.date(2027, 3, 18))}
    assert after["Annual report"] == DONE


def test_another_board_s_entry_or_an_approved_agenda_is_refused(database, board) -> None:
    [other] = add_entries(database, board["other"], PlanFields("Panel", dt.date(2027, 3, 1)))
    with pytest.raises(InvalidInput, match="another board"):
        take_into_agenda(database, board["mar"], [other])
    [mine] = add_entries(database, board["board"], PlanFields("Late", dt.date(2027, 1, 1)))
    with pytest.raises(InvalidInput):
        take_into_agenda(database, board["jan"], [mine])  # its minutes are approved
    assert meeting_record(database, board["jan"]).items == []
    with pytest.raises(InvalidInput, match="not one of this board"):
        add_entries(database, board["board"], PlanFields("x", TODAY, meeting_id=board["panel"]))


def test_removing_the_item_puts_the_entry_back_in_the_plan(database, board) -> None:
    [entry] = add_entries(database, board["board"], PlanFields("Audit", dt.date(2027, 3, 1)))
    [item] = take_into_agenda(database, board["mar"], [entry])
    remove_item(database, item)
    [shown] = plan_entries(database, board["board"], TODAY)
    assert (shown.state, shown.item_number, shown.meeting_id) == (PLANNED, "", board["mar"])


def test_edit_and_remove(database, board) -> None:
    [entry] = add_entries(database, board["board"], PlanFields("Audit", dt.date(2027, 3, 1)))
    update_entry(database, entry, PlanFields("Section 11 audit", dt.date(2027, 10, 1),
                                             lead="Chair"))
    [shown] = plan_entries(database, board["board"], TODAY)
    assert (shown.title, shown.month_text, shown.lead) == ("Section 11 audit",
                                                          "October 2027", "Chair")
    with pytest.raises(InvalidInput, match="The business"):
        update_entry(database, entry, PlanFields("  ", TODAY))
    remove_entry(database, entry)
    assert plan_entries(database, board["board"], TODAY) == []


@pytest.fixture
def second(tmp_path):
    from desktop.models.keystore import KeyStore
    from desktop.models.opening import open_database

    opened = open_database(tmp_path / "rebuilt.db", KeyStore())
    yield opened.database
    opened.database.close()


def test_the_plan_travels_in_export_data_with_its_meetings_and_items(database, board,
                                                                      second) -> None:
    from desktop.services.interchange import export_data, import_documents

    [taken] = add_entries(database, board["board"], PlanFields(
        "Annual report", dt.date(2027, 3, 1), lead="Jo", purpose="decision", notes="Draft"))
    add_entries(database, board["board"], PlanFields("Audit", dt.date(2027, 5, 1),
                                                     meeting_id=board["jul"]))
    add_entries(database, board["board"], PlanFields("Later", dt.date(2027, 12, 1)))
    take_into_agenda(database, board["mar"], [taken])
    document = export_data(database)
    plan = document["forward_plan"]
    assert [(e["title"], e["month"], e.get("meeting"), e.get("item")) for e in plan] == [
        ("Annual report", "2027-03-01", "mar", "1"), ("Audit", "2027-07-01", "jul", None),
        ("Later", "2027-12-01", None, None)]
    import_documents(second, [("backup.json", document)])
    assert export_data(second) == document  # round trip, nothing lost or added
    again = import_documents(second, [("backup.json", document)])
    assert not again.created  # re-import adds nothing
    assert _titles(plan_entries(second, None, TODAY)) == _titles(
        plan_entries(database, None, TODAY))


def test_a_plan_entry_naming_an_unknown_board_rejects_the_import(database, board) -> None:
    from desktop.services.interchange import ImportRejected, import_documents

    document = {"format": "boardwork/2", "forward_plan": [
        {"key": "x", "board": "nowhere", "title": "Audit", "month": "2027-03-01"},
        {"key": "y", "board": "lscb", "title": "Audit", "month": "2027-03-01",
         "item": "4"}]}
    with pytest.raises(ImportRejected) as rejected:
        import_documents(database, [("plan.json", document)])
    assert any("forward_plan[0].board: no board 'nowhere'" in p for p in rejected.value.errors)
    assert any("forward_plan[1].item" in p for p in rejected.value.errors)
    assert plan_entries(database, None, TODAY) == []


def test_a_new_meeting_s_agenda_takes_the_business_planned_for_its_month(database,
                                                                         board) -> None:
    from desktop.services.meetings import MeetingFields, copy_meeting, create_meeting

    add_entries(database, board["board"], PlanFields("Annual report", dt.date(2027, 9, 1),
                                                     lead="Chair"))
    add_entries(database, board["board"], PlanFields("Audit", dt.date(2027, 11, 1)))
    september = create_meeting(database, board["board"], MeetingFields(dt.date(2027, 9, 8)),
                               from_plan=True)
    titles = [i.title for i in meeting_record(database, september).items]
    assert titles[-1] == "Annual report" and "Audit" not in titles
    assert titles[:-1] and all(t != "Annual report" for t in titles[:-1])  # standing first
    plain = create_meeting(database, board["board"], MeetingFields(dt.date(2027, 11, 2)))
    assert "Audit" not in [i.title for i in meeting_record(database, plain).items]
    november = copy_meeting(database, september, dt.date(2027, 11, 10), from_plan=True)
    copied = [i.title for i in meeting_record(database, november).items]
    assert copied.count("Audit") == 1 and "Annual report" not in copied
    states = {e.title: e.state for e in plan_entries(database, board["board"], TODAY)}
    assert states == {"Annual report": ON_AGENDA, "Audit": ON_AGENDA}


def test_two_plan_entries_with_one_key_reject_the_import(database, board) -> None:
    from desktop.services.interchange import ImportRejected, import_documents

    entry = {"key": "audit", "board": "lscb", "title": "Audit", "month": "2027-03-01"}
    document = {"format": "boardwork/2",
                "forward_plan": [entry, {**entry, "title": "Another audit"}]}
    with pytest.raises(ImportRejected) as rejected:
        import_documents(database, [("plan.json", document)])
    assert any("forward_plan[1].key: 'audit' is used twice (also forward_plan[0])" in p
               for p in rejected.value.errors)
    assert plan_entries(database, None, TODAY) == []

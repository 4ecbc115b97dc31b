"""Two councils' real minutes, in their own Word layouts, imported as draft minutes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from desktop.models import Action, AttendanceStatus, Meeting, MeetingStatus
from desktop.models.database import Database
from desktop.services.importing import import_file
from desktop.services.interchange import import_documents

DATA = Path(__file__).resolve().parent.parent / "data" / "importing"


def _boards(database: Database) -> None:
    import_documents(database, [("boards", {"format": "boardwork/2", "boards": [
        {"key": "hscb", "name": "Herefordshire Safeguarding Children Board",
         "short_name": "HSCB", "kind": "board"},
        {"key": "dscb", "name": "Dudley Safeguarding Children Board", "short_name": "DSCB",
         "kind": "board"}]})])


def _owners(action: Action) -> list[str]:
    return [o.person.name if o.person else o.group_name or "" for o in action.owners]


def test_herefordshire_minutes(database: Database) -> None:
    _boards(database)
    _plan, report = import_file(database, DATA / "herefordshire-board-minutes-2018-10-23.docx")
    assert report.created["attendance"] == 23 and report.created["actions"] == 4
    with database.session() as session:
        meeting = session.scalars(select(Meeting)).one()
        assert meeting.board.key == "hscb"  # named in the title block
        assert (meeting.date, meeting.start, meeting.end) == (
            dt.date(2018, 10, 23), dt.time(9, 30), dt.time(12, 30))
        assert meeting.venue == "Plough Lane Offices, Hereford HR4 0LE"
        assert meeting.status == MeetingStatus.DRAFT
        by_status: dict[AttendanceStatus, int] = {}
        for row in meeting.attendance:
            by_status[row.status] = by_status.get(row.status, 0) + 1
        assert by_status == {AttendanceStatus.PRESENT: 17, AttendanceStatus.IN_ATTENDANCE: 2,
                             AttendanceStatus.APOLOGIES: 4}
        initials = {a.person.name: a.initials for a in meeting.attendance}
        assert initials["Councillor E Swinglehurst"] == "ESw"
        titles = {i.number: i.title for i in meeting.items}
        assert titles["3"] == "Serious Safeguarding Incidents"
        assert "<u>Minutes of the last meeting</u>" in next(
            i.minutes_html for i in meeting.items if i.number == "2")
        actions = {a.item.number if a.item else "": a for a in session.scalars(select(Action))}
        assert _owners(actions["5.1"]) == ["CE Sub Group"]
        assert _owners(actions["5.2"]) == ["Ellen Footman"]  # EF, from the action column
        assert _owners(actions["7.1"]) == ["Lisa Beavan"]  # "LB to provide ..."
        assert actions["6"].due == dt.date(2018, 10, 31)


def test_dudley_minutes(database: Database) -> None:
    _boards(database)
    _plan, report = import_file(database, DATA / "dudley-board-minutes-2014-11-21.docx")
    assert report.created["attendance"] == 36
    with database.session() as session:
        meeting = session.scalars(select(Meeting)).one()
        assert meeting.board.key == "dscb"
        assert meeting.venue == "Saltwells Education Centre"
        assert (meeting.start, meeting.end) == (dt.time(9, 30), dt.time(12, 30))
        apologies = sorted(a.person.name for a in meeting.attendance
                           if a.status == AttendanceStatus.APOLOGIES)
        assert apologies == ["Nicky Campbell", "Pam Smith", "Viv Townsend"]
        assert [i.number for i in meeting.items] == [str(n) for n in range(1, 11)]
        owned = {a.text: _owners(a) for a in session.scalars(select(Action))}
        assert owned["feedback to future meeting of DSCB"] == [
            "Jassi Broadmeadow", "Sue Vincent", "Andy Parsons"]
        assert any(owners == ["Roger Clayton"] and "briefing pack" in text
                   for text, owners in owned.items())
    # Action lines without an owner are listed to check, by their place in the file.
    assert any("names no owner" in w for w in report.warnings)
    # Imported again: the same meeting, nothing added.
    _plan, again = import_file(database, DATA / "dudley-board-minutes-2014-11-21.docx")
    assert not again.created

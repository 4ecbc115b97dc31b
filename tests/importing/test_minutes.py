"""Word minutes in councils' own layouts become draft minutes with attendance and actions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.models import Action, AttendanceStatus, Meeting, MeetingStatus
from desktop.models.database import Database
from desktop.services.importing import import_file
from desktop.services.interchange import ImportRejected
from tests.importing import files


def _meeting(database: Database) -> tuple[Meeting, list[Action]]:
    """The one meeting and its actions, everything they show loaded."""
    with database.session() as session:
        meeting = session.scalars(select(Meeting)).one()
        _ = [(a.person.name, a.initials) for a in meeting.attendance]
        _ = [(i.title, i.minutes_html) for i in meeting.items]
        actions = list(session.scalars(select(Action).where(Action.meeting_id == meeting.id)))
        _ = [([o.person.name if o.person else o.group_name for o in a.owners], a.item)
             for a in actions]
        return meeting, actions


def test_minutes_in_tables_with_present_rows(database: Database, tmp_path: Path) -> None:
    files.add_board(database)
    path = files.minutes_in_tables(tmp_path / "HSCB minutes 23.10.18.docx")
    import_file(database, path)
    meeting, actions = _meeting(database)
    assert meeting.date == dt.date(2018, 10, 23)
    assert (meeting.start, meeting.end) == (dt.time(9, 30), dt.time(12, 30))
    assert meeting.venue == "Plough Lane Offices, Hereford HR4 0LE"
    assert meeting.status == MeetingStatus.DRAFT
    statuses = {a.person.name: (a.status, a.initials) for a in meeting.attendance}
    assert statuses == {
        "Sally Halls": (AttendanceStatus.PRESENT, "SH"),
        "Lorna Hunt": (AttendanceStatus.PRESENT, "LH"),
        "Mairead Panetta": (AttendanceStatus.PRESENT, "MP"),
        "Lisa Beavan": (AttendanceStatus.IN_ATTENDANCE, "LB"),
        "Liz Elgar": (AttendanceStatus.APOLOGIES, "LE"),
    }
    titles = [(i.number, i.title) for i in meeting.items]
    assert titles == [("1", "Introduction"), ("2", "Scrutiny / Assurance – Thematic Scorecard"),
                      ("3", "Any other business")]
    html = meeting.items[1].minutes_html
    assert "<b>discussed</b>" in html and "<i> the scorecard.</i>" in html
    assert "<ul><li>a general data update</li><li>a report on a board priority</li></ul>" in html
    [action] = actions
    assert [o.person.name for o in action.owners] == ["Lisa Beavan"]  # LB, by her initials
    assert action.due == dt.date(2018, 12, 31)
    assert action.item is not None and action.item.title.startswith("Scrutiny")
    # The existing Lorna Hunt was found by name, not added again.
    with database.session() as session:
        from desktop.models import Person
        assert session.scalar(select(func.count()).select_from(Person)) == 5


def test_minutes_with_headings_and_side_by_side_attendance(
    database: Database, tmp_path: Path,
) -> None:
    files.add_board(database)
    path = files.minutes_with_headings(tmp_path / "minutes.docx")
    import_file(database, path)
    meeting, actions = _meeting(database)
    assert meeting.date == dt.date(2014, 11, 21)
    assert meeting.venue == "Saltwells Education Centre"
    statuses = {a.person.name: a.status for a in meeting.attendance}
    assert statuses["Viv Townsend"] == AttendanceStatus.APOLOGIES
    assert statuses["Mairead Panetta"] == AttendanceStatus.PRESENT
    assert [i.title for i in meeting.items] == ["Introductions & Apologies", "Neglect strategy"]
    [action] = actions
    assert [o.person.name for o in action.owners] == ["Lorna Hunt", "Mairead Panetta"]
    assert action.text == "review the neglect toolkit with schools"
    # Importing again updates the same draft meeting: nothing doubled.
    _plan, report = import_file(database, path)
    assert not report.created
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Action)) == 1


def test_minutes_without_a_date_import_nothing(database: Database, tmp_path: Path) -> None:
    files.add_board(database)
    path = files.minutes_with_headings(tmp_path / "minutes.docx", date_line="Date: to follow")
    with pytest.raises(ImportRejected) as rejected:
        import_file(database, path, board="hscb", dry_run=True)
    assert "no date of the meeting" in rejected.value.errors[0]
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Meeting)) == 0


def test_minutes_of_a_meeting_already_planned_update_it(database: Database, tmp_path: Path) -> None:
    files.add_board(database)
    from desktop.services.interchange import import_documents

    import_documents(database, [("planned", {"format": "boardwork/2", "meetings": [
        {"key": "board-nov-2014", "board": "hscb", "date": "2014-11-21", "status": "planned"}]})])
    _plan, report = import_file(database, files.minutes_with_headings(tmp_path / "m.docx"))
    assert "meetings" not in report.created
    meeting, _actions = _meeting(database)
    assert (meeting.key, meeting.status) == ("board-nov-2014", MeetingStatus.DRAFT)


def test_actions_at_the_end_of_paragraphs_and_present_paragraphs(
    database: Database, tmp_path: Path,
) -> None:
    files.add_board(database)
    import_file(database, files.minutes_in_numbered_rows(tmp_path / "dudley.docx"))
    meeting, actions = _meeting(database)
    statuses = {a.person.name: a.status for a in meeting.attendance}
    assert statuses == {"Roger Clayton": AttendanceStatus.PRESENT,
                        "Jassi Broadmeadow": AttendanceStatus.PRESENT,
                        "Sue Vincent": AttendanceStatus.PRESENT,
                        "Andy Parsons": AttendanceStatus.APOLOGIES}
    assert [i.title for i in meeting.items] == ["Action Tracker Review", "Date of next meeting"]
    owned = {a.text: [o.person.name for o in a.owners] for a in actions}
    assert owned == {
        "A briefing pack is being prepared for members before Christmas.": ["Roger Clayton"],
        "feedback to a future meeting of the Board": ["Jassi Broadmeadow", "Sue Vincent"],
    }


def test_items_numbered_by_word_itself(database: Database, tmp_path: Path) -> None:
    """Bold paragraphs of Word's own numbering ("List Number") are the items; numbered
    points inside an item that are not bold stay its minutes, as a numbered list."""
    import docx

    files.add_board(database)
    document = docx.Document()
    document.add_paragraph("HSCB Executive – 3rd March 2021, 2pm to 4pm, by video")
    document.add_paragraph("Present: Sally Halls (SH), Lorna Hunt (LH)")
    for title, points in (("Welcome and apologies", ["No apologies."]),
                          ("Neglect strategy", ["Draft agreed.", "Launch in May."])):
        document.add_paragraph(style="List Number").add_run(title).bold = True
        for point in points:
            document.add_paragraph(point, style="List Number 2")
    document.add_paragraph("Action: LH to publish the strategy by 31/05/2021")
    path = tmp_path / "exec.docx"
    document.save(path)
    import_file(database, path, board="hscb")
    meeting, actions = _meeting(database)
    assert meeting.date == dt.date(2021, 3, 3)
    assert (meeting.start, meeting.end) == (dt.time(14, 0), dt.time(16, 0))
    assert [(i.number, i.title) for i in meeting.items] == [
        ("1", "Welcome and apologies"), ("2", "Neglect strategy")]
    assert meeting.items[1].minutes_html.startswith("<ol><li>Draft agreed.</li>")
    [action] = actions
    assert [o.person.name for o in action.owners] == ["Lorna Hunt"]
    assert action.due == dt.date(2021, 5, 31)


def test_lists_numbered_or_bulleted_as_the_document_defines_them(
    database: Database, tmp_path: Path,
) -> None:
    """A "List Paragraph" with Word's numbering: numbers or bullets as its list is defined."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    files.add_board(database)
    document = docx.Document()
    numbering = document.part.numbering_part.element
    for abstract, shape in ((90, "decimal"), (91, "bullet")):
        numbering.append(parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract}"><w:lvl w:ilvl="0">'
            f'<w:numFmt w:val="{shape}"/></w:lvl></w:abstractNum>'))
        numbering.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{abstract}"><w:abstractNumId w:val="{abstract}"/>'
            "</w:num>"))

    def listed(text: str, num_id: int, bold: bool = False) -> None:
        paragraph = document.add_paragraph(style="List Paragraph")
        paragraph.add_run(text).bold = bold
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))

    document.add_paragraph("Minutes of the HSCB, 12 May 2022")
    document.add_paragraph("Present: Sally Halls")
    listed("Welcome", 90, bold=True)
    document.add_paragraph("The Chair welcomed everyone.")
    listed("Budget", 90, bold=True)
    listed("income agreed", 91)
    listed("costs noted", 91)
    path = tmp_path / "listed.docx"
    document.save(path)
    import_file(database, path)
    meeting, _actions = _meeting(database)
    assert [(i.number, i.title) for i in meeting.items] == [("1", "Welcome"), ("2", "Budget")]
    assert meeting.items[1].minutes_html == "<ul><li>income agreed</li><li>costs noted</li></ul>"

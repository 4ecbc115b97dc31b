"""Files laid out as business units lay them out, written by hand here (not by Boardwork):
a title row and blank rows before the headers, merged cells, dates in several shapes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from openpyxl.styles import Font

from desktop.models.database import Database
from desktop.services.interchange import import_documents


def add_board(database: Database) -> None:
    import_documents(database, [("board", {"format": "boardwork/2", "boards": [
        {"key": "hscb", "name": "Herefordshire Safeguarding Children Board",
         "short_name": "HSCB", "kind": "board"},
    ], "people": [{"key": "lorna-hunt", "name": "Lorna Hunt", "email": "lhunt@example.org"}]})])


def action_log(path: Path, *, bad_date: bool = False) -> Path:
    """An action log as kept in Excel: a merged title, the date it was printed, a blank row,
    then the headers; RAG as letters and words; dates as Excel dates, text and month names."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Action Log"
    sheet["A1"] = "HSCB Action Log 2018/19"
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.merge_cells("A1:G1")
    sheet["A2"] = "Updated 01/10/2018"
    sheet.append([])
    sheet.append(["Action No.", "Meeting date", "Action", "Lead officer", "Target date",
                  "Progress", "RAG"])
    sheet.append([104, dt.datetime(2018, 7, 3), "Write to RL about the police inspection",
                  "Lorna Hunt", dt.datetime(2018, 9, 30), "Completed", "G"])
    sheet.append([105, "03/07/2018", "Publicise 'signs to look out for' for parents",
                  "Nancy / Carol", "31.12.18" if not bad_date else "31/13/2018",
                  "In progress", "Amber"])
    sheet.append([])
    sheet.append(["106", "03.07.18", "Re-send the draft annual report to members",
                  "Business Unit", "Jan 2019", "Awaiting the CE group's reply", "r"])
    book.save(path)
    return path


def bookings_csv(path: Path, encoding: str = "utf-8-sig") -> Path:
    """An online booking system's attendee export: a report title, then the columns."""
    lines = [
        "Attendee report,,,,,,",
        "Generated 02/12/2026,,,,,,",
        ",,,,,,",
        "Event Name,Event Date,Start Time,First Name,Last Name,Email,Organisation,"
        "Attendee Status",
        "Neglect Awareness,07/12/2026,9.30am,Siân,Bowen,sian.bowen@example.org,"
        "Wye Valley NHS Trust,Checked In",
        "Neglect Awareness,07/12/2026,9.30am,Tom,Price,tom.price@example.org,"
        "West Mercia Police,Not Checked In",
        "Neglect Awareness,07/12/2026,9.30am,Amy,Clarke,amy@example.org,"
        "West Mercia Police,Cancelled",
        "Neglect Awareness,07/12/2026,9.30am,Lorna,Hunt,LHUNT@example.org,"
        "Herefordshire Council,Waitlist",
        "Early Help Assessment,15.01.27,13:30,Tom,Price,tom.price@example.org,"
        "West Mercia Police,Booked",
    ]
    path.write_bytes("\r\n".join(lines).encode(encoding, errors="replace"))
    return path


def membership_list(path: Path) -> Path:
    """A membership list with the board's name merged over the first column of every row."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["HSCB membership"])
    sheet.append([])
    sheet.append(["Board", "Name", "Job Title", "Organisation", "E-mail", "Role", "Date joined"])
    sheet.append(["HSCB", "Sally Halls", "Independent Chair", "HSCB", "sally@example.org",
                  "Chair", "Apr 2016"])
    sheet.append([None, "Lorna Hunt", "Head of Service", "Herefordshire Council",
                  "lhunt@example.org", "Member", dt.datetime(2017, 1, 9)])
    sheet.append([None, "Chris Baird", "Director", "Herefordshire Council", None, "Member",
                  "09/01/2017"])
    sheet.merge_cells("A4:A6")
    book.save(path)
    return path


def _bold_italic(paragraph, parts):  # type: ignore[no-untyped-def]
    for text, style in parts:
        run = paragraph.add_run(text)
        run.bold = "b" in style
        run.italic = "i" in style


def minutes_in_tables(path: Path, date_line: str = "Tuesday 23.10.2018 9.30am to 12.30pm") -> Path:
    """Minutes laid out as Herefordshire's: title lines, "Present:" rows in a table with
    name, initials and role, then the items as rows (number, minutes, action column)."""
    import docx

    document = docx.Document()
    document.add_paragraph("")
    document.add_paragraph("Minutes of Herefordshire Safeguarding Children Board")
    document.add_paragraph("Board Meeting")
    document.add_paragraph(date_line)
    document.add_paragraph("Plough Lane Offices, Hereford HR4 0LE")
    people = document.add_table(rows=0, cols=3)
    for cells in (("Present:", "", ""),
                  ("Sally Halls", "SH", "Independent Chair"),
                  ("Lorna Hunt", "LH", "Head of Service, Herefordshire Council"),
                  ("Mairead Panetta", "MP", "Designated Nurse"),
                  ("In attendance:", "", ""),
                  ("Lisa Beavan", "LB", "Learning & Development Officer"),
                  ("Apologies:", "", ""),
                  ("Liz Elgar", "LE", "Assistant Director")):
        row = people.add_row().cells
        for cell, text in zip(row, cells, strict=True):
            cell.text = text
    items = document.add_table(rows=0, cols=3)
    row = items.add_row().cells
    row[0].text, row[1].text, row[2].text = "1.", "Introduction", ""
    row[1].add_paragraph("The Chair welcomed all to the meeting.")
    row = items.add_row().cells
    row[0].text = "2."
    row[1].text = "Scrutiny / Assurance – Thematic Scorecard"
    _bold_italic(row[1].add_paragraph(), [("Members ", ""), ("discussed", "b"),
                                          (" the scorecard.", "i")])
    row[1].add_paragraph("a general data update", style="List Bullet")
    row[1].add_paragraph("a report on a board priority", style="List Bullet")
    row[1].add_paragraph("Action: LB to circulate the scorecard template by December.")
    row[2].text = "LB"
    row = items.add_row().cells
    row[0].text, row[1].text = "3.", "Any other business"
    row[1].add_paragraph("None.")
    document.save(path)
    return path


def minutes_with_headings(path: Path, date_line: str = "Date: 21st November 2014") -> Path:
    """Minutes laid out as Dudley's: labelled title block, attendees and apologies side by
    side in one table, items as numbered headings, "ACTION 2: ..." lines."""
    import docx

    document = docx.Document()
    document.add_paragraph("MINUTES")
    document.add_paragraph("Subject: Herefordshire Safeguarding Children Board")
    document.add_paragraph("Venue: Saltwells Education Centre")
    document.add_paragraph(date_line)
    document.add_paragraph("Time: 9.30 am – 12.30 pm")
    table = document.add_table(rows=0, cols=4)
    for cells in (("Attendees", "Agency", "Apologies", "Agency"),
                  ("Sally Halls", "Independent Chair", "Viv Townsend", "Probation"),
                  ("Lorna Hunt", "Herefordshire Council", "", ""),
                  ("Mairead Panetta", "CCG", "", "")):
        row = table.add_row().cells
        for cell, text in zip(row, cells, strict=True):
            cell.text = text
    document.add_heading("1. Introductions & Apologies", level=2)
    document.add_paragraph("Apologies were noted.")
    document.add_heading("2. Neglect strategy", level=2)
    _bold_italic(document.add_paragraph(), [("The strategy was ", ""), ("agreed", "b"), (".", "")])
    document.add_paragraph(
        "ACTION 2: Lorna Hunt, Mairead Panetta – review the neglect toolkit with schools"
    )
    document.save(path)
    return path


def minutes_in_numbered_rows(path: Path) -> Path:
    """Dudley's other habit: items as rows of a two-column table, actions at the end of a
    paragraph ("... Action: Roger Clayton") or after a dash with the owners last."""
    import docx

    document = docx.Document()
    document.add_paragraph("Subject: Herefordshire Safeguarding Children Board")
    document.add_paragraph("Date: 16th January 2015")
    document.add_paragraph("Present: Roger Clayton, Jassi Broadmeadow, Sue Vincent")
    document.add_paragraph("Apologies: Andy Parsons")
    table = document.add_table(rows=0, cols=2)
    row = table.add_row().cells
    row[0].text = "1."
    row[1].text = "Action Tracker Review"
    row[1].add_paragraph(
        "A briefing pack is being prepared for members before Christmas. Action: Roger Clayton"
    )
    row[1].add_paragraph("Action: feedback to a future meeting of the Board – Jassi "
                         "Broadmeadow/Sue Vincent")
    row = table.add_row().cells
    row[0].text = "2."
    row[1].text = "Date of next meeting"
    document.save(path)
    return path

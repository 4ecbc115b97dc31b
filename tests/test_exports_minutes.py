"""Minutes and agenda of the Herefordshire sample, written as Word and PDF and read back."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from desktop.exports.agenda import agenda_document
from desktop.exports.minutes import CONFIDENTIAL, minutes_document
from desktop.exports.render import write_document
from desktop.models import AgendaItem, Meeting, MeetingStatus
from desktop.models.database import Database
from desktop.services.documents import DocumentError, meeting_record
from desktop.services.interchange import import_documents, read_document
from tests.conftest import SAMPLES, import_sample

MEETING = "hscb-2018-10-23"
PRESENT = [
    ("Sally Halls", "SH"), ("Chris Baird", "CB"), ("Alison Curson", "AC"),
    ("Councillor E Swinglehurst", "ESw"), ("Emma Shearer", "ES"), ("Sian Bailey", "SB"),
    ("Julie Taylor", "JT"), ("Lucy Flanagan", "LF"), ("Dr Sally Stucke", "SS"),
    ("Philip Hudson", "PH"), ("Keith Barham", "KB"), ("Jocelyn Anderson", "JA"),
    ("Tim Knapp", "TK"), ("George Branch", "GB"), ("Ellen Footman", "EF"),
    ("Ali Wells", "AW"), ("David Cookson", "DC"),
]
IN_ATTENDANCE = [("Ed Hughes", "EH"), ("Lisa Beavan", "LB")]
APOLOGIES = [("Liz Elgar", "LE"), ("Debra Baldwin", "DB"), ("Sue Thomas", "ST"),
             ("Julie Shaw", "JS")]
ITEMS = [
    ("1", "Introduction"), ("2", "Minutes of last meeting, matters arising and action log"),
    ("3", "Serious Safeguarding Incidents"), ("4", "Scrutiny / Assurance – Thematic Scorecard"),
    ("5", "Board Effectiveness – Delivering the Board Business Plan"),
    ("5.1", "Serious Organised Crime report"), ("5.2", "CCG Safeguarding annual report"),
    ("5.3", "Board member attendance at Child Protection Conferences"),
    ("5.4", "Ofsted improvement plan: progress report"),
    ("5.5", "Member attendance at Child Protection Conferences: summary report"),
    ("6", "Board Effectiveness - Delivering the HSCB Business Plan"),
    ("(a)", "Executive Report"), ("(b)", "Draft Annual Report"), ("6.1", "Sub Group attendance"),
    ("7", "Any other Business (notified to the Chair in advance)"),
    ("7.1", "Contributions by agencies to the costs of learning reviews"),
    ("8", "Information items"),
]
# The Action column as printed: one line per action raised under the item, with its number
# and due date (the reference prints only the owners, which cannot be told apart).
ACTION_OWNERS = {
    "2": ["109: DC"], "3": ["110: SH / EH"], "4": ["111: AB"], "5.1": ["112: CE Sub Group"],
    "5.2": ["113: EF / CCG colleagues, due 15/01/2019"],
    "5.3": ["114: Exec / SH, due 15/01/2019"], "5.4": ["115: CB"],
    "5.5": ["116: LB, due 15/01/2019"], "(b)": ["117: Board members, due 31/10/2018"],
    "7.1": ["118: LB / Exec, due 15/01/2019"],
}


@pytest.fixture
def hereford(database: Database) -> Database:
    path = SAMPLES / "herefordshire-board-2018-10-23.json"
    import_documents(database, [(path.name, read_document(path))])
    return database


def _set_status(db: Database, status: MeetingStatus) -> None:
    with db.transaction() as s:
        meeting = s.query(Meeting).filter_by(key=MEETING).one()
        meeting.status = status


def _write(db: Database, fmt: str, tmp_path: Path, public: bool = False) -> Path:
    path = tmp_path / f"minutes.{fmt}"
    write_document(minutes_document(meeting_record(db, MEETING), "Herefordshire SCB", public),
                   fmt, path)
    return path


def _docx_tables(path: Path) -> list[list[list[str]]]:
    word = docx.Document(str(path))
    return [[[c.text for c in row.cells] for row in table.rows] for table in word.tables]


def _docx_text(path: Path) -> str:
    word = docx.Document(str(path))
    parts = [p.text for p in word.paragraphs]
    parts += [p.text for p in word.sections[0].header.paragraphs]
    for table in word.tables:
        parts += [c.text for row in table.rows for c in row.cells]
    return "\n".join(parts)


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def test_word_minutes_attendance_items_and_actions(hereford: Database, tmp_path: Path) -> None:
    *groups, items = _docx_tables(_write(hereford, "docx", tmp_path))
    # In Word each group is a table of its own, headed by its label and the column headings.
    assert [group[:2] for group in groups] == [
        [[label] * 3, ["Name", "Initials", "Role and agency"]]
        for label in ("Present:", "In attendance:", "Apologies:")]
    attendance = [row for group in groups for row in group if row[0] != "Name"]
    people = [(row[0], row[1]) for row in attendance if row[0] != row[1]]
    assert people == PRESENT + IN_ATTENDANCE + APOLOGIES
    headings = [row[0] for row in attendance if row[0] == row[2]]
    assert headings == ["Present:", "In attendance:", "Apologies:"]
    roles = {row[0]: row[2] for row in attendance}
    assert roles["Chris Baird"] == ("Director of Children's Wellbeing Services, Herefordshire "
                                    "Council (arrived 10:00, left 12:10)")
    assert roles["Julie Taylor"].endswith("representing Sue Thomas")
    assert roles["Liz Elgar"].startswith("Assistant Director Safeguarding")
    assert [row[0] for row in items[1:]] == [number for number, _ in ITEMS]
    assert [row[1].split("\n")[0] for row in items[1:]] == [title for _, title in ITEMS]
    actions = {row[0]: row[2].split("\n") for row in items[1:] if row[2]}
    assert actions == ACTION_OWNERS
    word = docx.Document(str(tmp_path / "minutes.docx"))
    closing = [p.text for p in word.paragraphs][-2:]
    assert closing == ["Meeting closed at 12:35.", "Date of next meeting: Tuesday 15/01/2019"]
    assert "DRAFT" not in _docx_text(tmp_path / "minutes.docx")


def test_word_minutes_use_house_styles(hereford: Database, tmp_path: Path) -> None:
    word = docx.Document(str(_write(hereford, "docx", tmp_path)))
    assert word.paragraphs[0].style.name == "Title"
    assert word.paragraphs[0].text == "Minutes of Herefordshire Safeguarding Children Board"
    assert [p.text for p in word.paragraphs[1:4]] == [
        "Board Meeting", "Tuesday 23/10/2018, 09:30 to 12:30",
        "Plough Lane Offices, Hereford HR4 0LE"]
    items = word.tables[-1]
    assert items.style.name == "Table Grid"
    styles = {p.style.name for row in items.rows for c in row.cells for p in c.paragraphs}
    assert {"List Bullet", "List Number", "Table Text", "Table Heading"} <= styles
    grid = [int(col.get(docx.oxml.ns.qn("w:w"))) for col in
            items._tbl.tblGrid.findall(docx.oxml.ns.qn("w:gridCol"))]
    assert grid == [794, 7370, 1701]  # 14, 130 and 30 mm in twips
    widths = {round(c.width.mm) for row in items.rows for c in row.cells}
    assert widths == {14, 130, 30}
    spanning = word.tables[0].rows[0].cells[0]
    assert spanning.text == "Present:" and round(spanning.width.mm) == 174


def test_pdf_minutes_read_back(hereford: Database, tmp_path: Path) -> None:
    text = _pdf_text(_write(hereford, "pdf", tmp_path))
    flat = re.sub(r"\s+", " ", text)
    position = 0
    for name, initials in PRESENT + IN_ATTENDANCE + APOLOGIES:
        found = flat.find(f"{name} {initials} ", position)
        assert found >= 0, name
        position = found
    assert flat.index("Present:") < flat.index("In attendance:") < flat.index("Apologies:")
    position = 0
    for number, title in ITEMS:
        found = flat.find(f"{number} {title}", position)
        assert found >= 0, (number, title)
        position = found
    for owners in ACTION_OWNERS.values():
        assert owners[0] in flat
    assert "Meeting closed at 12:35." in flat
    assert "Date of next meeting: Tuesday 15/01/2019" in flat
    assert "DRAFT" not in text


def test_draft_until_approved(hereford: Database, tmp_path: Path) -> None:
    _set_status(hereford, MeetingStatus.DRAFT)
    assert "DRAFT" in _docx_text(_write(hereford, "docx", tmp_path))
    assert "DRAFT" in _pdf_text(_write(hereford, "pdf", tmp_path))


def test_public_version_leaves_out_confidential_items(hereford: Database,
                                                      tmp_path: Path) -> None:
    with hereford.transaction() as s:
        item = s.query(AgendaItem).filter_by(number="5.3").one()
        item.confidential = True
        secret = "Board member attendance at Child Protection Conferences"
    for fmt, read in (("docx", _docx_text), ("pdf", _pdf_text)):
        full = re.sub(r"\s+", " ", read(_write(hereford, fmt, tmp_path)))
        public = re.sub(r"\s+", " ", read(_write(hereford, fmt, tmp_path, public=True)))
        assert secret in full and secret not in public
        assert f"5.3 {CONFIDENTIAL}" in public
        assert "5.4 Ofsted improvement plan: progress report" in public


def test_amendments_of_approved_minutes(hereford: Database, tmp_path: Path) -> None:
    from desktop.models import Amendment

    with hereford.transaction() as s:
        meeting = s.query(Meeting).filter_by(key=MEETING).one()
        s.add(Amendment(meeting=meeting, position=0, date=__import__("datetime").date(
            2019, 1, 15), text="Item 3: the letter was dated August 2018."))
    text = _docx_text(_write(hereford, "docx", tmp_path))
    assert "15/01/2019: Item 3: the letter was dated August 2018." in text


def test_agenda_lists_every_item(hereford: Database, tmp_path: Path) -> None:
    record = meeting_record(hereford, MEETING)
    for fmt in ("docx", "pdf"):
        path = tmp_path / f"agenda.{fmt}"
        write_document(agenda_document(record), fmt, path)
    table = _docx_tables(tmp_path / "agenda.docx")[0]
    assert [row[0] for row in table[1:]] == [number for number, _ in ITEMS]
    flat = re.sub(r"\s+", " ", _pdf_text(tmp_path / "agenda.pdf"))
    assert "Agenda: Herefordshire Safeguarding Children Board" in flat
    assert "3 Serious Safeguarding Incidents SH" in flat


def test_unknown_meeting_is_a_plain_message(hereford: Database) -> None:
    with pytest.raises(DocumentError, match="no meeting 'nope'"):
        meeting_record(hereford, "nope")


def test_sub_items_of_a_confidential_item_are_left_out_too(hereford: Database,
                                                          tmp_path: Path) -> None:
    with hereford.transaction() as s:
        s.query(AgendaItem).filter_by(number="5").one().confidential = True
    items = _docx_tables(_write(hereford, "docx", tmp_path, public=True))[-1]
    rows = {row[0]: row[1:] for row in items[1:]}
    for number in ("5", "5.1", "5.2", "5.3", "5.4", "5.5"):
        assert rows[number] == [CONFIDENTIAL, ""]
    assert rows["6"][0] == "Board Effectiveness - Delivering the HSCB Business Plan"


def test_a_presenter_given_by_person_key_prints_as_their_name(database: Database,
                                                              tmp_path: Path) -> None:
    # The Dudley example names its presenter by person key ("roger-clayton"): the agenda
    # and the minutes print the person, not the key.
    import_sample(database, "dudley-board-2014-11-21.json")
    record = meeting_record(database, "dscb-2014-11-21")
    presenters = {item.number: item.presenter for item in record.items if item.presenter}
    assert presenters == {"4": "Roger Clayton", "9": "Roger Clayton"}
    write_document(agenda_document(record, "Dudley SCB"), "pdf", tmp_path / "agenda.pdf")
    assert "roger-clayton" not in _pdf_text(tmp_path / "agenda.pdf")
    assert "Roger Clayton" in _pdf_text(tmp_path / "agenda.pdf")

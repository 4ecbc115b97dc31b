"""Awkward user text comes out literally in Word and PDF: markup, ampersands, control
characters, emoji and accented names; and the document model reads the minutes' HTML."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from desktop.exports.action_log import action_log_document
from desktop.exports.document import ListBlock, Paragraph, Run, html_blocks
from desktop.exports.minutes import minutes_document
from desktop.exports.render import write_document
from desktop.models import AgendaItem, Attendance, Person
from desktop.models.database import Database
from desktop.services.actions import action_log
from desktop.services.documents import meeting_record
from desktop.services.interchange import import_documents, read_document
from desktop.services.richtext import sanitise_html
from tests.conftest import SAMPLES

MEETING = "hscb-2018-10-23"
# What a person typed, as the editor stores it: their "<b>" is text, not a tag.
TYPED = "Use <b>bold</b> & <img src=x onerror=alert(1)> – £5 ✓ 😀 for Zoë"
TYPED_HTML = ("<p>" + TYPED.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
              + "\x0b</p><ul><li>Łukasz Żółć\x00 agreed</li></ul>")


@pytest.fixture
def awkward(database: Database) -> Database:
    path = SAMPLES / "herefordshire-board-2018-10-23.json"
    import_documents(database, [(path.name, read_document(path))])
    with database.transaction() as s:
        item = s.query(AgendaItem).filter_by(number="1").one()
        item.minutes_html = sanitise_html(TYPED_HTML)
        item.title = "Intro <i>x</i> & more\x0c"
        person = s.query(Person).filter_by(name="Sally Halls").one()
        person.name = "Łukasz Zoë Ñúñez"
        attendance = s.query(Attendance).filter_by(person_id=person.id).one()
        attendance.role = "Chair & <Independent>"
    return database


def test_html_blocks_read_the_subset() -> None:
    blocks = html_blocks("<p>a <b>b <i>c</i></b> <u>d</u><br>e</p><ol><li>one</li></ol>"
                         "<ul><li>two</li></ul>")
    assert blocks[0] == Paragraph((Run("a "), Run("b ", bold=True),
                                   Run("c", bold=True, italic=True), Run(" "),
                                   Run("d", underline=True), Run("\n"), Run("e")))
    assert blocks[1] == ListBlock(((Run("one"),),), ordered=True)
    assert blocks[2] == ListBlock(((Run("two"),),), ordered=False)


def test_awkward_text_comes_out_literally_in_word(awkward: Database, tmp_path: Path) -> None:
    path = tmp_path / "m.docx"
    write_document(minutes_document(meeting_record(awkward, MEETING)), "docx", path)
    word = docx.Document(str(path))
    attendance, items = word.tables[0], word.tables[-1]  # Present: the first group's table
    assert attendance.rows[2].cells[0].text == "Łukasz Zoë Ñúñez"
    assert attendance.rows[2].cells[2].text == "Chair & <Independent>"
    minutes = items.rows[1].cells[1].text.split("\n")
    assert minutes == ["Intro <i>x</i> & more", TYPED, "Łukasz Żółć agreed"]


def test_awkward_text_comes_out_literally_in_pdf(awkward: Database, tmp_path: Path) -> None:
    path = tmp_path / "m.pdf"
    write_document(minutes_document(meeting_record(awkward, MEETING)), "pdf", path)
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(str(path)).pages))
    assert "Łukasz Zoë Ñúñez SH Chair & <Independent>" in text
    assert "Intro <i>x</i> & more" in text
    assert TYPED in text
    assert "Łukasz Żółć agreed" in text


def test_action_log_in_word_and_pdf_with_coloured_rag(awkward: Database,
                                                      tmp_path: Path) -> None:
    log = action_log(awkward, "hscb", today=dt.date(2019, 2, 1))
    document = action_log_document(log, "Herefordshire SCB")
    write_document(document, "docx", tmp_path / "log.docx")
    write_document(document, "pdf", tmp_path / "log.pdf")
    table = docx.Document(str(tmp_path / "log.docx")).tables[0]
    numbers = [row.cells[0].text for row in table.rows[1:]]
    assert numbers == [str(row.number) for row in log.rows]
    assert table.rows[0].cells[8].text == "Latest update"
    fills = [row.cells[7]._tc.xpath("./w:tcPr/w:shd/@w:fill") for row in table.rows[1:]]
    assert ["F4B6B6"] in fills  # the overdue actions of 15/01/2019 are red
    text = " ".join(p.extract_text() for p in PdfReader(str(tmp_path / "log.pdf")).pages)
    assert "Criminal Justice agencies (YJS/CRC/NPS)" in re.sub(r"\s+", " ", text)


def test_a_whole_afternoons_minutes_come_out_whole_and_in_order_in_pdf(
        awkward: Database, tmp_path: Path) -> None:
    """A long item is laid out over several table rows (desktop/exports/pdf.py): every
    paragraph must still come out once, in order, under its item, across the page breaks."""
    paragraphs = [f"Paragraph {n:04} of the long discussion, minuted as it happened."
                  for n in range(600)]
    with awkward.transaction() as s:
        item = s.query(AgendaItem).filter_by(number="3").one()
        item.minutes_html = "".join(f"<p>{p}</p>" for p in paragraphs)
    path = tmp_path / "long.pdf"
    write_document(minutes_document(meeting_record(awkward, MEETING)), "pdf", path)
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(str(path)).pages))
    found = re.findall(r"Paragraph (\d{4}) of the long discussion", text)
    assert found == [f"{n:04}" for n in range(600)]
    assert text.index("Serious Safeguarding Incidents") < text.index("Paragraph 0000")
    assert text.index("Paragraph 0599") < text.index("Scrutiny")

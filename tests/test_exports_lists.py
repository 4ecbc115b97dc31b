"""Nested lists keep their order and their levels, read from the minutes' HTML into the
document model and written to Word and PDF; and what Word pastes as a vertical tab comes out
as a space while the other control characters stay out."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader

from desktop.exports.document import Document, ListBlock, Run, html_blocks
from desktop.exports.minutes import minutes_document
from desktop.exports.render import write_document
from desktop.models import AgendaItem
from desktop.models.database import Database
from desktop.services.documents import meeting_record
from desktop.services.richtext import sanitise_html
from desktop.xmlchars import xml_safe
from tests.conftest import import_sample

MEETING = "hscb-2018-10-23"
NESTED = ("<p>Discussed:</p><ol><li>Top point<ul><li>Sub point<ol><li>Third level<ul>"
          "<li>Fourth level<ul><li>Fifth level</li></ul></li></ul></li></ol></li>"
          "<li>Another sub point</li></ul></li><li>Second top point</li></ol>"
          "<ol><li>Fresh list</li></ol>")
# (text, level, numbered), in reading order.
EXPECTED = [("Top point", 0, True), ("Sub point", 1, False), ("Third level", 2, True),
            ("Fourth level", 3, False), ("Fifth level", 4, False),
            ("Another sub point", 1, False), ("Second top point", 0, True),
            ("Fresh list", 0, True)]


def test_nested_lists_are_read_in_order_with_their_levels() -> None:
    paragraph, first, second = html_blocks(NESTED)
    assert paragraph.runs == (Run("Discussed:"),)
    assert isinstance(first, ListBlock) and isinstance(second, ListBlock)
    assert first.items == ((Run("Top point"),), (Run("Second top point"),))
    (at, sub), = first.nested
    assert at == 0 and not sub.ordered and sub.items[1] == (Run("Another sub point"),)
    entries = [(runs[0].text, level, ordered) for block in (first, second)
               for level, ordered, runs in block.entries()]
    assert entries == EXPECTED


def test_a_list_nested_before_any_item_comes_first_one_level_in() -> None:
    (block,) = html_blocks("<ul><ul><li>inner</li></ul><li>outer</li></ul>")
    assert isinstance(block, ListBlock)
    assert [(runs[0].text, level) for level, _o, runs in block.entries()] == [
        ("inner", 1), ("outer", 0)]


@pytest.fixture
def nested(database: Database) -> Database:
    import_sample(database, "herefordshire-board-2018-10-23.json")
    with database.transaction() as s:
        item = s.query(AgendaItem).filter_by(number="1").one()
        item.minutes_html = sanitise_html(NESTED)
        item.title = "Welcome\x0band\x0cintroductions\x01\x1f"
    return database


def _write(db: Database, fmt: str, tmp_path: Path) -> Path:
    path = tmp_path / f"minutes.{fmt}"
    write_document(minutes_document(meeting_record(db, MEETING), "Herefordshire SCB"), fmt,
                   path)
    return path


def test_word_lists_keep_order_level_and_numbering(nested: Database, tmp_path: Path) -> None:
    word = docx.Document(str(_write(nested, "docx", tmp_path)))
    minutes = word.tables[-1].rows[1].cells[1]
    listed = [p for p in minutes.paragraphs if p._p.pPr is not None
              and p._p.pPr.numPr is not None]
    levels = [(p.text, p._p.pPr.numPr.ilvl.val) for p in listed]
    assert levels == [(text, level) for text, level, _n in EXPECTED]
    styles = [p.style.name for p in listed]
    assert styles == ["List Number", "List Bullet 2", "List Number 3", "List Bullet 3",
                      "List Bullet 3", "List Bullet 2", "List Number", "List Number"]
    numbering = word.part.numbering_part.element
    number_ids = [p._p.pPr.numPr.numId.val for p in listed]
    # The top list goes on counting after its sub-points; the next list starts again at 1.
    assert number_ids[0] == number_ids[6] != number_ids[7]
    indents, formats = [], []
    for paragraph, number_id in zip(listed, number_ids, strict=True):
        level = paragraph._p.pPr.numPr.ilvl.val
        instance = numbering.num_having_numId(number_id)
        definition = next(a for a in numbering.findall(qn("w:abstractNum"))
                          if a.get(qn("w:abstractNumId")) == str(instance.abstractNumId.val))
        lvl = definition.find(f"{qn('w:lvl')}[@{qn('w:ilvl')}='{level}']")
        indents.append(int(lvl.find(f"{qn('w:pPr')}/{qn('w:ind')}").get(qn("w:left"))))
        formats.append(lvl.find(qn("w:numFmt")).get(qn("w:val")))
        start = instance.find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}")
        assert start.get(qn("w:val")) == "1"
    assert indents[:5] == sorted(set(indents[:5]))  # each level further in
    assert indents[5] == indents[1] and indents[6] == indents[0]
    assert formats == ["decimal", "bullet", "lowerRoman", "bullet", "bullet", "bullet",
                       "decimal", "decimal"]


def _pdf_lines(path: Path) -> list[tuple[str, float]]:
    """Each piece of text, page after page, with the x position it starts at."""
    pieces: list[tuple[str, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            pieces.append((text.strip(), tm[4] * cm[0] + tm[5] * cm[2] + cm[4]))

    for page in PdfReader(str(path)).pages:
        page.extract_text(visitor_text=visit)
    return pieces


def test_pdf_lists_keep_order_and_indent_by_level(nested: Database, tmp_path: Path) -> None:
    pieces = _pdf_lines(_write(nested, "pdf", tmp_path))
    found = {}
    for index, (text, x) in enumerate(pieces):
        for label, _level, _n in EXPECTED:
            if text == label and label not in found:
                found[label] = (index, x)
    assert list(found) == [label for label, _l, _n in EXPECTED]
    order = [found[label][0] for label, _l, _n in EXPECTED]
    assert order == sorted(order)  # read in the order written
    x = {label: found[label][1] for label, _l, _n in EXPECTED}
    firsts = [x[label] for label in ("Top point", "Sub point", "Third level", "Fourth level",
                                     "Fifth level")]
    assert firsts == sorted(set(firsts))  # each level further in
    assert x["Another sub point"] == pytest.approx(x["Sub point"])
    assert x["Second top point"] == pytest.approx(x["Top point"])


def test_vertical_tabs_become_spaces_in_word_and_pdf(nested: Database, tmp_path: Path) -> None:
    word = docx.Document(str(_write(nested, "docx", tmp_path)))
    title = word.tables[-1].rows[1].cells[1].paragraphs[0]
    assert title.text == "Welcome and introductions"
    assert title.style.name == "Item Heading 1"
    text = " ".join(p.extract_text() for p in PdfReader(str(_write(nested, "pdf", tmp_path)))
                    .pages)
    assert "Welcome and introductions" in re.sub(r"\s+", " ", text)


@pytest.mark.parametrize(("typed", "written"), [
    ("first line\x0bsecond", "first line second"),
    ("page one\x0c\x0bpage two", "page one page two"),
    ("ends with a break\x0b", "ends with a break"),
    ("\x0bstarts with one", "starts with one"),
    ("spaced \x0b out", "spaced  out"),
    ("nul\x00 bell\x07 escape\x1b unit\x1f", "nul bell escape unit"),
    ("not\ufffe characters\uffff", "not characters"),
    ("tab\tand\nnewline kept", "tab\tand\nnewline kept"),
])
def test_control_characters(typed: str, written: str) -> None:
    assert xml_safe(typed) == written


def test_a_list_nested_before_any_item_has_no_bullet_of_its_own(tmp_path: Path) -> None:
    blocks = html_blocks("<ul><ul><li>inner</li></ul><li>outer</li></ul>")
    path = tmp_path / "orphan.pdf"
    write_document(Document(title="Lists", blocks=blocks), "pdf", path)
    text = re.sub(r"\s+", " ", PdfReader(str(path)).pages[0].extract_text())
    assert "Lists ◦ inner • outer" in text  # the inner list's own bullet, and no other
    inner, outer = (x for label, x in _pdf_lines(path) if label in ("inner", "outer"))
    assert inner > outer


def test_an_import_keeps_words_apart_at_a_vertical_tab(database: Database) -> None:
    from desktop.services.interchange import export_data, import_documents
    from tests.test_interchange_hostile import meeting

    document = meeting(items=[{"title": "Safeguarding\x0bupdate\x0b",
                               "minutes_html": "<p>Noted\x0bby all\x07</p>"}])
    import_documents(database, [("doc", document)])
    item = export_data(database)["meetings"][0]["items"][0]
    assert item["title"] == "Safeguarding update"
    assert item["minutes_html"] == "<p>Noted by all</p>"

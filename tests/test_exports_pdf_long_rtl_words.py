"""A right-to-left word too long for its table cell (an Arabic organisation's name typed without
spaces, a Hebrew name run together) is cut across lines from its first letter, as it is read:
before desktop/exports/pdf_shaping.py `split_word`, reportlab cut it in the order its glyphs
are drawn, so the first line held the word's end and the last line its start. Read back from
the PDF as drawn (tests/support/pdf_pages.py), each line's glyphs turned to reading order."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest

from desktop.exports.action_log import COLUMNS as ACTION_LOG_COLUMNS
from desktop.exports.document import Column, Document, Row, Table, cell, text_row
from desktop.exports.pdf import write_pdf
from tests.support.pdf_pages import Shown, shown_text

ARABIC = "مستشفىالأطفالوالنساءالجامعيةللرعايةالصحيةالمتكاملة"
HEBREW = "בריאותהילדיםוהמשפחהבמחוזהצפוןהמאוחדשלהמדינה"


def _read(text: str) -> str:
    """A right-to-left piece as drawn, in reading order, its letters' joined forms undone."""
    return unicodedata.normalize("NFKC", text[::-1])


def _lines_of(path: Path, x: float) -> list[list[Shown]]:
    """The lines of the column starting at `x` below its heading (bold), top to bottom,
    each piece as drawn."""
    lines: dict[float, list[Shown]] = defaultdict(list)
    for shown in shown_text(path)[0]:
        if abs(shown.x - x) < 0.5 and shown.text.strip() and shown.font == "DejaVuSans":
            lines[round(shown.y, 1)].append(shown)
    return [lines[y] for y in sorted(lines, reverse=True)]


def _column_x(path: Path, first_word: str) -> float:
    return next(s.x for s in shown_text(path)[0] if s.text == first_word)


@pytest.mark.parametrize("word", [ARABIC, HEBREW], ids=["arabic", "hebrew"])
def test_a_long_word_in_an_attendance_table_starts_on_the_first_line(
        tmp_path: Path, word: str) -> None:
    path = tmp_path / "attendance.pdf"
    table = Table((Column("Name", 40), Column("Initials", 18), Column("Role and agency", 30)),
                  (Row((cell(word), cell("AB"), cell("Chief nurse"))),))
    write_pdf(Document("Attendance", blocks=(table,)), path)
    lines = _lines_of(path, _column_x(path, "Name"))
    pieces = [_read(line[0].text) for line in lines if len(line) == 1]
    assert len(pieces) == len(lines) >= 2  # cut across lines, one piece a line
    assert pieces[0] and word.startswith(pieces[0])  # the first line: the word's start
    assert "".join(pieces) == word  # then each line goes on where the last stopped


def test_a_long_word_after_english_in_the_action_log(tmp_path: Path) -> None:
    path = tmp_path / "log.pdf"
    owner = "Hospital " + ARABIC
    rows = (text_row("1", "25/01/2017", "6(a)", "Review the referral pathway", owner,
                     "31/12/2017", "Open", "Amber", ""),)
    write_pdf(Document(title="Actions", blocks=(Table(ACTION_LOG_COLUMNS, rows),),
                       landscape=True), path)
    lines = _lines_of(path, _column_x(path, "Hospital"))
    assert lines[0][0].text == "Hospital"  # English first, at the left
    arabic = [_read(s.text) for line in lines for s in line if s.text != "Hospital"]
    assert ARABIC.startswith(arabic[0])  # the start of the word follows "Hospital"
    assert "".join(arabic) == ARABIC

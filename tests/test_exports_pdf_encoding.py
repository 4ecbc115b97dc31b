"""The minutes export's shortcuts change nothing in the file: in the PDF writer
(desktop/exports/pdf_text.py) strings encoded by `str.translate` get the codes reportlab's
own loop gives them, and the words' widths measured once per document are the widths
reportlab measures each time; the HTML reader (desktop/exports/document.py) collapses
layout spaces as its pattern does, scanning only text that has some."""

from __future__ import annotations

import re

import pytest
from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop.exports import document as document_module
from desktop.exports import pdf_text
from desktop.exports.document import (
    Column,
    Document,
    Heading,
    Paragraph,
    Row,
    Run,
    Table,
    cell,
    para,
)
from desktop.exports.pdf import pdf_bytes
from desktop.exports.pdf_text import FONT, register_fonts, word_widths

# ASCII, Latin letters outside ASCII, a no-break space, a character DejaVu lacks (drawn as
# its box), an empty string, and more distinct characters than one subset holds (256).
STRINGS = [
    "Minutes of the board", "café Łódź", "10\u00a0am", "🎉 party", "", "the board again",
    "".join(chr(code) for code in range(0x400, 0x4FF)),  # Cyrillic: a second subset
    "Ц and café", "\u00a0",
]


class _Doc:
    """Stands for a PDF document: the font keeps its subsets per document object."""


def _encoded(split: object) -> tuple[list[object], object]:
    register_fonts()
    font = pdfmetrics.getFont(FONT)
    doc = _Doc()
    results = [split(font, text, doc) for text in STRINGS]  # type: ignore[operator]
    results += [split(font, text, doc) for text in STRINGS]  # now all known
    state = font.state[doc]
    return results, (state.assignments, state.subsets, state.nextCode)


def test_strings_are_encoded_as_reportlab_encodes_them() -> None:
    ours, our_state = _encoded(pdf_text._Font.splitString)
    theirs, their_state = _encoded(TTFont.splitString)
    assert ours == theirs
    assert our_state == their_state
    assert ours[STRINGS.index("10\u00a0am")] == [(0, b"10 am")]


def test_word_widths_are_reportlab_s_and_kept_only_while_a_document_is_laid_out() -> None:
    register_fonts()
    words = ["board", "safeguarding", "café", "board", "🎉", ""]
    expected = [pdfmetrics.stringWidth(word, FONT, 9.5) for word in words]
    with word_widths():
        assert [pdf_text._word_width(word, FONT, 9.5) for word in words] == expected
        table = pdf_text._WIDTHS.get()
        assert table is not None and len(table) == 5  # "board" measured once
    assert pdf_text._WIDTHS.get() is None  # dropped with the document
    assert pdf_text._word_width("board", FONT, 12) == pdfmetrics.stringWidth("board", FONT, 12)


def _document() -> Document:
    long_minutes = " ".join(["The board agreed the escalation policy; café Łódź 10\u00a0am."] * 40)
    rows = tuple(Row((cell(f"Item {n}"), cell(f"Ц{n} {long_minutes}"), cell("Chair 🤝")))
                 for n in range(12))
    return Document(
        title="Minutes", subtitle=("Venue: the town hall",),
        blocks=(Heading("Items"),
                Table((Column("Item", 30), Column("Minutes", 120), Column("Owner", 30)), rows),
                para("Closed at 12:00."),
                Paragraph((Run("Bold ", bold=True), Run("italic", italic=True),
                           Run(" مرحبا بالعالم")))),
        header="Board", footer="Minutes 🎉", page_numbers=True)


def test_the_file_is_byte_for_byte_what_reportlab_alone_writes(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rl_config, "invariant", 1)  # no dates or random ids in the file
    document = _document()
    fast = pdf_bytes(document)
    monkeypatch.setattr(pdf_text, "WORD_MEMO", False)
    monkeypatch.setattr(pdf_text._Font, "splitString", TTFont.splitString)
    plain = pdf_bytes(document)
    assert fast.count(b"/Type /Page\n") >= 3
    assert fast == plain


def test_layout_spaces_collapse_as_the_pattern_collapses_them() -> None:
    texts = ["", " ", "a b", "a  b", "a\nb", "a\r\n  b", "\ttab", "end ", " start",
             "no\u00a0break", "a \u2003 b", "one two three " * 50, "x\n"]
    for text in texts:
        assert document_module._collapsed(text) == re.sub(r"[ \t\r\n]+", " ", text), text
    html = "<p>The board  agreed\n the <b>policy</b>.</p><p>Next\u00a0week</p>"
    assert [block.runs for block in document_module.html_blocks(html)] == [
        (Run("The board agreed the "), Run("policy", bold=True), Run("."),),
        (Run("Next\u00a0week"),)]

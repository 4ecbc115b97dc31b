"""Right-to-left text and emoji in the PDFs, read back as drawn (tests/support/pdf_pages.py):
Arabic joined and its words in display order, Hebrew in order, in titles, venues, names,
minutes, headers and footers; emoji and symbols DejaVu Sans lacks printed in the embedded
fallback font (Symbola), not as empty boxes."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from pypdf import PdfReader

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
from desktop.exports.pdf import write_pdf
from desktop.exports.pdf_bidi import LTR, RTL, base_direction, visual_order
from desktop.exports.pdf_text import font_runs, markup
from tests.support.pdf_pages import embedded_fonts, page_fonts, shown_text

HELLO = "مرحبا"  # "hello": five letters that join
HELLO_WORLD = "مرحبا بالعالم"
HEBREW = "שלום עולם"
# Arabic presentation forms: what the shaped (joined) letters are drawn as.
JOINED = range(0xFE70, 0xFF00)


def _document() -> Document:
    names = Table((Column("Name", 48), Column("Initials", 18), Column("Role and agency", 108)), (
        Row((cell(HELLO), cell("AB"), cell("Chair ✅"))),
        Row((cell(HEBREW), cell("ŁZ"), cell("Lead 🤝 and 🎉"))),
        Row((cell(f"Fatima {HELLO}"), cell("FH"),
             (Paragraph((Run(HELLO, italic=True), Run(" was thanked", bold=True))),))),
    ))
    return Document(
        title=f"Minutes {HELLO}", subtitle=(f"Venue: {HELLO_WORLD}",),
        blocks=(Heading("Apologies ✅"), names,
                para(f"The meeting was opened by {HELLO_WORLD} at 10:00.")),
        header=f"Board {HELLO}", footer=f"Minutes: {HEBREW} 🎉")


def _display(logical: str) -> str:
    """How a right-to-left run looks drawn left to right: its letters in reverse."""
    return logical[::-1]


def _lines(path: Path) -> list[str]:
    """Each line's text as drawn, left to right, presentation forms folded back to letters
    (NFKC); a cell is a line of its own."""
    lines: dict[tuple[int, float, float], str] = {}
    for number, page in enumerate(shown_text(path)):
        for shown in page:
            key = (number, round(shown.y, 1), round(shown.x, 1))
            lines[key] = lines.get(key, "") + unicodedata.normalize("NFKC", shown.text)
    return list(lines.values())


def _drawn(path: Path) -> str:
    return " | ".join(_lines(path))


def test_arabic_is_joined_and_read_right_to_left_everywhere(tmp_path: Path) -> None:
    path = tmp_path / "rtl.pdf"
    write_pdf(_document(), path)
    shown = [s for page in shown_text(path) for s in page]
    arabic = [s.text for s in shown if any(0x600 <= ord(c) < 0x700 or ord(c) in JOINED
                                           for c in s.text)]
    # Joined: the letters are drawn as their initial, medial and final forms ...
    assert arabic and all(any(ord(c) in JOINED for c in text) for text in arabic)
    drawn = _drawn(path)
    # ... right to left: the title, venue, names and minutes, header included.
    assert f"Minutes {_display(HELLO)}" in drawn  # the title
    assert drawn.count(_display(HELLO)) >= 5
    assert _display(HELLO_WORLD) in drawn  # venue and minutes: words in display order
    assert HELLO not in drawn  # never left to right as typed ("ابحرم" on the page)


def test_hebrew_reads_right_to_left_aligned_as_its_column(tmp_path: Path) -> None:
    path = tmp_path / "rtl.pdf"
    write_pdf(_document(), path)
    shown = [s for page in shown_text(path) for s in page]
    hebrew = [s for s in shown if "ש" in s.text]
    assert _display(HEBREW) in _lines(path)  # the name, in its cell
    name_column = next(s for s in shown if s.text.startswith("Fatima")).x
    assert abs(hebrew[0].x - name_column) < 0.5  # at the left, like the names round it
    # pypdf's own extraction reorders right-to-left runs back into typed order.
    text = unicodedata.normalize("NFKC", PdfReader(str(path)).pages[0].extract_text())
    assert HEBREW in text and HELLO_WORLD in text


def test_emoji_and_symbols_print_in_the_embedded_fallback_font(tmp_path: Path) -> None:
    path = tmp_path / "emoji.pdf"
    write_pdf(_document(), path)
    assert "Symbola" in page_fonts(path)
    assert {"Symbola", "DejaVuSans", "DejaVuSans-Bold"} <= embedded_fonts(path)
    shown = [s for page in shown_text(path) for s in page]
    in_symbola = "".join(s.text for s in shown if s.font == "Symbola")
    assert {"✅", "🤝", "🎉"} <= set(in_symbola)
    text = PdfReader(str(path)).pages[0].extract_text()
    for emoji in ("Apologies ✅", "Chair ✅", "Lead 🤝 and 🎉", "🎉"):
        assert emoji in text


def test_the_footer_is_shaped_and_keeps_its_place(tmp_path: Path) -> None:
    path = tmp_path / "footer.pdf"
    write_pdf(_document(), path)
    shown = shown_text(path)[0]
    footer = [s for s in shown if abs(s.y - 25.5) < 1]  # 9 mm from the foot, as before
    assert "".join(unicodedata.normalize("NFKC", s.text) for s in footer).startswith(
        f"Minutes: {_display(HEBREW)} 🎉")
    assert any(s.font == "Symbola" and "🎉" in s.text for s in footer)
    header = [s for s in shown if abs(s.y - 810.7) < 1]  # 11 mm from the top
    assert "".join(unicodedata.normalize("NFKC", s.text) for s in header) == (
        f"Board {_display(HELLO)}")


def test_italic_arabic_is_printed_upright_with_its_brackets() -> None:
    """DejaVu's oblique faces have no Arabic: the word goes upright, brackets with it, so
    it is shaped in one font."""
    assert font_runs(f"see ({HELLO})", "DejaVuSans-Oblique") == [
        (None, "see "), ("DejaVuSans", f"({HELLO})")]
    assert font_runs("plain text", "DejaVuSans") == [(None, "plain text")]
    assert markup((Run("a ✅ <b>", bold=True),)) == (
        '<b>a <font name="Symbola">✅</font> &lt;b&gt;</b>')


def test_words_are_drawn_in_display_order() -> None:
    """UAX #9 at word level: RTL runs reversed, numbers keep their order, neutral spaces
    between two RTL words join them, trailing spaces stay at the end."""
    words = ["Meeting", " ", "مرحبا", " ", "بالعالم", " ", "2024", " ", "at", " "]
    order = visual_order(words, LTR)
    assert [words[i] for i in order] == [
        "Meeting", " ", "2024", " ", "بالعالم", " ", "مرحبا", " ", "at", " "]
    # A paragraph is right to left only when it holds no left-to-right letter.
    assert base_direction(f"{HELLO_WORLD}.") == RTL
    assert base_direction(f"119: {HELLO}, due 31/12/2018") == LTR
    assert base_direction(f"<b>{HELLO}</b> &amp;") == RTL
    rtl = ["مرحبا", " ", "Board", " ", "meeting", " ", "بالعالم"]
    assert [rtl[i] for i in visual_order(rtl, RTL)] == [
        "بالعالم", " ", "Board", " ", "meeting", " ", "مرحبا"]


def test_paragraphs_made_without_the_parser_are_what_the_parser_makes() -> None:
    # TextParagraph skips reportlab's XML parser for our own b/i/u markup (pdf_frags.py): the
    # fragments must be the parser's, and anything else still goes through the parser.
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph as ReportlabParagraph

    from desktop.exports.pdf_frags import own_frags
    from desktop.exports.pdf_text import FONT, TextParagraph, register_fonts

    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5)
    bold = ParagraphStyle("bold", parent=body, fontName=f"{FONT}-Bold")
    runs = [
        (Run("RESOLVED: ", bold=True), Run("The Board  agreed\tthe plan. ")),
        (Run("Decisions", underline=True),),
        (Run("Action No. 5", bold=True), Run(" (1/2/2020) title - text "),
         Run("ONGOING – work", italic=True)),
        (Run("  both ", bold=True, italic=True, underline=True), Run("")),
    ]
    for style in (body, bold):
        for paragraph_runs in runs:
            text = markup(paragraph_runs, style.fontName)
            assert own_frags(text, style) is not None
            ours, theirs = TextParagraph(text, style), ReportlabParagraph(text, style)
            assert ours.text == theirs.text
            assert [f.__dict__ for f in ours.frags] == [f.__dict__ for f in theirs.frags]
    for escaped in ((Run("R&D <i>"),), (Run("two\nlines"),), (Run("Party 🎉"),)):
        assert own_frags(markup(escaped), body) is None
        assert TextParagraph(markup(escaped), body).getPlainText() == \
            ReportlabParagraph(markup(escaped), body).getPlainText()

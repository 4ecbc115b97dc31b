"""The light paragraphs (desktop/exports/pdf_lines.py, pdf_runs.py) break lines and draw
them exactly as reportlab does: the same lines for thousands of random paragraphs at many
widths, and files byte for byte the same with them off."""

from __future__ import annotations

import io
import random
import re
from collections.abc import Callable

import pytest
from pypdf import PdfReader
from reportlab import rl_config
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph as ReportlabParagraph

from desktop.exports import pdf, pdf_lines, pdf_runs, pdf_tables, pdf_text
from desktop.exports.document import (
    Block,
    Column,
    Document,
    Heading,
    ListBlock,
    Paragraph,
    Row,
    Run,
    Table,
    cell,
    para,
)
from desktop.exports.pdf import pdf_bytes
from desktop.exports.pdf_text import FONT, TextParagraph, markup, register_fonts, word_widths

WORDS = " ".join((
    "the board agreed to escalate safeguarding concerns action no. 12 (ES)",
    "multi-agency partners café Łódź children's services – 01/04/2016 reviewed",
    "a an of to in it is on at by x y z I Ltd. re: 100% £2,500 e-mail")).split()
LONG_WORD = "https://www.example.org/safeguarding/boards/minutes/2016/an-address-too-long"


def _random_text(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(0, 120))]
    if rng.random() < 0.05:
        words.insert(rng.randint(0, len(words)), LONG_WORD)
    spaces = [rng.choice(("  ", " ", " ", " ", "\t", "\u2003")) for _ in words]
    return "".join(w + s for w, s in zip(words, spaces, strict=True)).strip(" ")


def _random_runs(rng: random.Random) -> tuple[Run, ...]:
    """A few runs, bold, italic or plain, meeting inside words or at spaces."""
    runs = []
    for _ in range(rng.randint(2, 6)):
        text = _random_text(rng)[: rng.randint(0, 200)]
        if rng.random() < 0.3:
            text = " " + text
        if rng.random() < 0.3:
            text += " "
        runs.append(Run(text, bold=rng.random() < 0.4, italic=rng.random() < 0.3))
    return tuple(runs)


def _lines(paragraph: ReportlabParagraph) -> list[object]:
    laid_out = paragraph.blPara
    if laid_out.kind == 0:
        return [(extra, list(words)) for extra, words in laid_out.lines]
    lines: list[object] = [
        (line.extraSpace, line.wordCount, line.lineBreak, line.fontSize, line.ascent,
         line.descent, line.maxWidth, line.sFW,
         [(w.text, w.fontName, w.fontSize, w._fkind) for w in line.words])
        for line in laid_out.lines]
    # the fragments become reportlab's word list, which splitting the paragraph reads
    words = [(type(w).__name__, w[0], [(f.fontName, t) for f, t in w[1:]])
             for w in paragraph.frags]
    return [*lines, words]


def test_lines_break_where_reportlab_breaks_them(monkeypatch: pytest.MonkeyPatch) -> None:
    register_fonts()
    rng = random.Random(19)
    styles = [ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5),
              ParagraphStyle("table", fontName=FONT, fontSize=9, leading=11.5),
              ParagraphStyle("bold", fontName=f"{FONT}-Bold", fontSize=10.5, leading=13),
              ParagraphStyle("indented", fontName=FONT, fontSize=9, leading=11,
                             firstLineIndent=14, leftIndent=6)]
    light = 0
    for number in range(4000):
        runs = _random_runs(rng) if number % 2 else (Run(_random_text(rng)),)
        style = rng.choice(styles)
        width = rng.uniform(40, 480)
        with word_widths():
            ours = TextParagraph(markup(runs, style.fontName), style)
            ours.wrap(width, 1e6)
            counted = TextParagraph(markup(runs, style.fontName), style)
            light += (pdf_lines.break_plain if len(runs) == 1 else pdf_runs.break_runs)(
                counted, list(ours._wrapWidths), pdf_lines_widths()) is not None
        monkeypatch.setattr(pdf_lines, "LIGHT", False)
        with word_widths():
            theirs = TextParagraph(markup(runs, style.fontName), style)
            theirs.wrap(width, 1e6)
        monkeypatch.setattr(pdf_lines, "LIGHT", True)
        assert _lines(ours) == _lines(theirs), (runs, width)
        assert (ours.width, ours.height, ours._width_max) == (
            theirs.width, theirs.height, theirs._width_max)
        # the pieces of a paragraph split across pages break as reportlab breaks them too
        if len(theirs.blPara.lines) > 3:
            halves = [ours.split(width, style.leading * 2), theirs.split(width, style.leading * 2)]
            for half in (0, 1):
                halves[0][half].wrap(width, 1e6)
                halves[1][half].wrap(width, 1e6)
                assert _lines(halves[0][half]) == _lines(halves[1][half])
    assert light > 3000  # most went the light way (not empty, no over-long word)


def pdf_lines_widths() -> dict[tuple[str, str, float], float]:
    from desktop.exports.pdf_text import _WIDTHS

    widths = _WIDTHS.get()
    assert widths is not None
    return widths


def _minutes_like() -> Document:
    rng = random.Random(7)
    rows = tuple(Row((cell(f"{n}."),
                      (Paragraph((Run(f"Item {n}: {rng.choice(WORDS)}", bold=True),)),
                       *(Paragraph((Run(_random_text(rng)),)) for _ in range(rng.randint(1, 9))),
                       Paragraph((Run("Action No. 3", bold=True), Run(" (01/04/2016) agreed "),
                                  Run("ONGOING – with partners", italic=True)))),
                      cell("ES 01/05/2016")))
                 for n in range(1, 30))
    return Document(
        title="Minutes", subtitle=("Town hall", "Tuesday"),
        blocks=(Heading("Items"),
                Table((Column("No.", 14), Column("Minutes", 130), Column("Action", 30)), rows),
                para(_random_text(rng) + " café 10\u00a0am " + LONG_WORD),
                para("Ünïcödé ĦĲ words new to the document at its end")),
        header="Board", footer="Minutes", page_numbers=True)


def _mixed() -> Document:
    """Everything the light paths leave to reportlab, among what they take: lists, right and
    centred columns, underlines, bold rows, headings, no-break spaces, soft hyphens, an
    over-long word, fallback fonts, right-to-left text."""
    rng = random.Random(5)
    words = [*WORDS, "10\u00a0am", "soft\u00adhyphen", LONG_WORD, "🎉"]

    def runs() -> tuple[Run, ...]:
        return tuple(Run(" ".join(rng.choice(words) for _ in range(rng.randint(1, 30))),
                         bold=rng.random() < 0.3, italic=rng.random() < 0.3,
                         underline=rng.random() < 0.2) for _ in range(rng.randint(1, 4)))

    blocks: list[Block] = [Heading("Items"), Heading("Sub", level=2),
                           Paragraph((Run("مرحبا بالعالم", bold=True), Run(" and more")))]
    for number in range(24):
        blocks.append(Paragraph(runs(), style=rng.choice(["body", "small", "strong", "right"])))
        if number % 5 == 0:
            blocks.append(ListBlock(tuple(runs() for _ in range(4)), ordered=number % 10 == 0,
                                    nested=((1, ListBlock((runs(), runs()))),)))
        if number % 7 == 0:
            blocks.append(Table(
                (Column("No.", 14), Column("Text", 110), Column("Sum", 25, "right"),
                 Column("C", 25, "centre")),
                tuple(Row((cell(str(k)), (Paragraph(runs()), Paragraph(runs())),
                           cell("12.50"), cell("yes")), bold=k % 3 == 0) for k in range(8))))
    return Document(title="Mixed", subtitle=("one",), blocks=tuple(blocks), header="Head",
                    footer="Foot 🎉", page_numbers=True, draft=True)


@pytest.mark.parametrize(("make", "collector"), [(_minutes_like, True), (_minutes_like, False),
                                                 (_mixed, True)])
def test_the_file_is_byte_for_byte_what_reportlab_alone_writes(
        monkeypatch: pytest.MonkeyPatch, make: Callable[[], Document], collector: bool) -> None:
    monkeypatch.setattr(rl_config, "invariant", 1)  # no dates or random ids in the file
    monkeypatch.setattr(pdf, "PAUSE_COLLECTOR", collector)
    document = make()
    drawn: list[str] = []

    def counting(name: str) -> Callable[..., bool]:
        draw = getattr(pdf_text, name)

        def counted(*args: object) -> bool:
            done = bool(draw(*args))
            if done:
                drawn.append(name)
            return done
        return counted

    for name in ("draw_plain", "draw_runs"):
        monkeypatch.setattr(pdf_text, name, counting(name))
    light = pdf_bytes(document)
    assert {"draw_plain", "draw_runs"} <= set(drawn)  # both light ways were taken
    monkeypatch.setattr(pdf_lines, "LIGHT", False)
    plain = pdf_bytes(document)
    assert light.count(b"/Type /Page\n") >= 4
    assert light == plain


EMPTY_TEXT = re.compile(rb"BT 1 0 0 1 [-\d.]+ [-\d.]+ Tm  T\* ET\n")


def test_empty_cells_draw_nothing_and_nothing_else_changes(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Beside a long row's later pieces the other columns' cells are empty: reportlab wrote
    an empty text object for each; now they are left out and every other byte of every page
    is the same (so the pages look the same), and the text read back is the same but for
    the stray space such an object put before the next line."""
    monkeypatch.setattr(rl_config, "invariant", 1)
    document = _minutes_like()
    ours = PdfReader(io.BytesIO(pdf_bytes(document)))
    monkeypatch.setattr(pdf_tables, "SKIP_EMPTY", False)
    theirs = PdfReader(io.BytesIO(pdf_bytes(document)))
    assert len(ours.pages) == len(theirs.pages)
    skipped = 0
    for mine, reportlab_s in zip(ours.pages, theirs.pages, strict=True):
        content = reportlab_s.get_contents().get_data()
        skipped += len(EMPTY_TEXT.findall(content))
        assert mine.get_contents().get_data() == EMPTY_TEXT.sub(b"", content)
        assert [line.lstrip(" ") for line in mine.extract_text().splitlines()] == [
            line.lstrip(" ") for line in reportlab_s.extract_text().splitlines()]
    assert skipped > 20

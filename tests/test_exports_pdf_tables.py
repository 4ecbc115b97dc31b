"""PDF tables read back from the page: a table broken across pages has its heading row once,
at the top of each page, every piece in the same place and within the margins (portrait and
landscape); no word breaks inside a column heading or a date; a heading is never left alone
at the foot of a page."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm

from desktop.exports.action_log import COLUMNS as ACTION_LOG_COLUMNS
from desktop.exports.document import (
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
    text_row,
)
from desktop.exports.pdf import MARGIN, _styles, write_pdf
from desktop.exports.pdf_tables import (
    PADDING,
    _column_words,
    column_runs,
    column_widths,
    share_widths,
)
from desktop.exports.pdf_text import text_width
from tests.support.pdf_pages import rightmost_lines, shown_text

ITEM_COLUMNS = (Column("No.", 14), Column("Minutes", 130), Column("Action", 30))
WIDE_ITEM_COLUMNS = (Column("No.", 14), Column("Minutes", 217), Column("Action", 30))


def _long_minutes(columns: tuple[Column, ...]) -> Table:
    """Items whose minutes run over pages: one a single paragraph of 9,000 characters (split
    inside by reportlab before), the others many paragraphs, with actions beside them."""
    huge = " ".join(f"word{n:04}" for n in range(1000))
    rows = [Row((cell("1"), cell("Welcome", "Short minutes."), cell("1: AB")))]
    rows.append(Row((cell("2"), (para("Long item", bold=True), para(huge)),
                     cell("2: CD, due 25/01/2017", "3: EF"))))
    rows += [Row((cell(str(n)), cell(*(f"Item {n} paragraph {p} " + "text " * 40
                                        for p in range(12))), cell(f"{n}: GH")))
             for n in range(3, 6)]
    return Table(columns, tuple(rows))


@pytest.mark.parametrize("wide", [False, True], ids=["portrait", "landscape"])
def test_a_table_over_pages_has_its_heading_once_at_the_top_and_stays_in_place(
        tmp_path: Path, wide: bool) -> None:
    path = tmp_path / "long.pdf"
    columns = WIDE_ITEM_COLUMNS if wide else ITEM_COLUMNS
    write_pdf(Document(title="Minutes", blocks=(_long_minutes(columns),), landscape=wide,
                       footer="f"), path)
    page_width, page_height = landscape(A4) if wide else A4
    pages = shown_text(path)
    assert len(pages) >= 4
    number_x: set[float] = set()
    for page in pages:
        body = [s for s in page if 40 < s.y < page_height - 40 and s.text.strip()]
        headings = [s for s in body if s.text == "No."]
        assert len(headings) == 1  # never again in the middle of the page
        table = [s for s in body if s.y <= headings[0].y + 0.5]
        assert headings[0].y == max(s.y for s in table)
        number_x |= {round(s.x, 1) for s in body if s.text in ("No.", "1", "2", "3", "4", "5")}
    assert len(number_x) == 1  # every piece of the table starts at the same place
    assert number_x == {round(MARGIN + 6 + PADDING, 1)}
    for right in rightmost_lines(path):
        assert right <= page_width - MARGIN - 6 + 0.5  # within the frame, inside the margin
    words = [w for page in PdfReader(str(path)).pages for w in page.extract_text().split()]
    found = [w for w in words if w.startswith("word")]
    assert found == [f"word{n:04}" for n in range(1000)]  # once each, in order


def test_a_list_longer_than_a_page_does_not_bring_the_heading_row_mid_page(
        tmp_path: Path) -> None:
    """A list longer than a page is split inside its row by reportlab: the rest of the
    table then goes to the next page, not split again under a repeated heading row."""
    for count in range(100, 124, 3):  # the list ends at different heights on its page
        path = tmp_path / f"list{count}.pdf"
        items = tuple((Run(f"Point {n} " + "text " * 10),) for n in range(count))
        rows = (Row((cell("1"), (para("Long list"), ListBlock(items, ordered=True)),
                     cell("1: AB"))),
                Row((cell("2"), cell(*(f"Paragraph {p} " + "text " * 150 for p in range(6))),
                     cell("2: CD"))))
        write_pdf(Document(title="T", blocks=(Table(ITEM_COLUMNS, rows),)), path)
        for page in shown_text(path):
            body = [s for s in page if 40 < s.y < A4[1] - 40 and s.text.strip()]
            headings = [s for s in body if s.text == "No."]
            assert len(headings) == 1, f"{count} points"
            assert headings[0].y == max(s.y for s in body if s.text != "T")


def test_the_columns_of_a_long_row_run_side_by_side(tmp_path: Path) -> None:
    """A long row is laid out as several rows drawn as one: the action column's lines are
    not pushed apart by the pieces of the minutes beside them."""
    path = tmp_path / "row.pdf"
    actions = cell(*(f"{n}: Quality Assurance Group, due 16/01/2015" for n in range(1, 6)))
    minutes = cell("Action Tracker Review", "The tracker was updated:",
                   *(f"Paragraph {p} " + "of the discussion " * 30 for p in range(8)))
    write_pdf(Document(title="T", blocks=(Table(ITEM_COLUMNS, (Row((cell("2"), minutes,
                                                                      actions)),)),)), path)
    page = shown_text(path)[0]
    action_lines = sorted((s.y for s in page if s.x > 400 and s.y > 40 and s.text.strip()),
                          reverse=True)
    gaps = [a - b for a, b in itertools.pairwise(action_lines)]
    assert len(action_lines) >= 15 and max(gaps) < 2 * 11.5  # no empty lines between them


def test_no_column_is_narrower_than_its_widest_heading_word_or_date() -> None:
    styles = _styles()
    text = styles["table"]
    bold = styles["table"].clone("b", fontName="DejaVuSans-Bold")
    table = Table(ACTION_LOG_COLUMNS, (
        text_row("69", "25/01/2017", "2", "Discuss", "Criminal Justice agencies",
                 "28/02/2017 (overdue)", "Completed", "Red (suggested)", "25/01/2017: done"),
    ))
    widths = column_widths(table, text, bold, 261 * mm - 12)
    assert sum(widths) <= 261 * mm - 12 + 0.01
    for column, width in zip(ACTION_LOG_COLUMNS, widths, strict=True):
        for word in column.header.split():
            assert text_width(word, bold.fontName, bold.fontSize) + 2 * PADDING <= width
    for index, word in ((1, "25/01/2017"), (5, "28/02/2017"), (6, "Completed"),
                        (7, "(suggested)")):
        assert text_width(word, text.fontName, text.fontSize) + 2 * PADDING <= widths[index]
    # What the narrow columns need is taken from the wide ones, in proportion to their room.
    assert share_widths([10, 100], [20, 30], 110) == [20, 90]
    assert share_widths([10, 50], [20, 30], 110) == [20, 50]  # room on the page: it grows
    assert share_widths([10, 10], [40, 60], 50) == [20, 30]  # nothing fits: shares


def test_action_log_and_training_figures_print_headings_and_dates_whole(
        tmp_path: Path) -> None:
    path = tmp_path / "log.pdf"
    rows = tuple(text_row(str(n), "25/01/2017", "6(a)", "An action " * 8, "Business Unit",
                          "31/12/2017 (overdue)", "Completed", "Red (suggested)",
                          "25/01/2017: Completed - report on agenda.") for n in range(40))
    figures = Table((Column("Course", 74), Column("Times ran", 18, "right"),
                     Column("Places offered", 22, "right"), Column("Attendees", 20, "right"),
                     Column("Did not attend", 20, "right"),
                     Column("Cancellations", 20, "right")),
                    (text_row("Safeguarding children", "2", "60", "35", "5", "1"),))
    write_pdf(Document(title="Actions", blocks=(Table(ACTION_LOG_COLUMNS, rows),),
                       landscape=True), path)
    write_pdf(Document(title="Training", blocks=(figures,)), tmp_path / "training.pdf")
    words = {w for page in shown_text(path) for s in page for w in s.text.split()}
    assert {"Raised", "Owners", "Status", "Completed", "(suggested)"} <= words
    text = " ".join(p.extract_text() for p in PdfReader(str(path)).pages)
    assert text.count("25/01/2017") == 80 and text.count("31/12/2017") == 40
    training = {w for s in shown_text(tmp_path / "training.pdf")[0] for w in s.text.split()}
    assert {"Attendees", "Cancellations", "offered", "attend"} <= training


def _pages_of(path: Path, *texts: str) -> list[int]:
    pages = shown_text(path)
    return [next(n for n, page in enumerate(pages) if any(s.text.startswith(t) for s in page))
            for t in texts]


@pytest.mark.parametrize("following", ["short table", "long table", "list", "paragraph"])
def test_a_heading_is_never_left_alone_at_the_foot_of_a_page(tmp_path: Path,
                                                             following: str) -> None:
    after = {
        "short table": Table((Column("Agency", 100), Column("Attended", 30)),
                             (text_row("FirstRow", "3"), text_row("Police", "2"))),
        "long table": Table((Column("Agency", 100), Column("Attended", 30)),
                            tuple(text_row("FirstRow" if n == 0 else f"Agency {n}", "3")
                                  for n in range(80))),
        "list": ListBlock(((Run("FirstRow"),), (Run("second"),))),
        "paragraph": para("FirstRow " + "and more of it " * 40),
    }[following]
    for filler in range(34, 50):  # the heading moves down the page, past its foot
        path = tmp_path / f"h{filler}.pdf"
        blocks = (*(para(f"Filler paragraph {n}") for n in range(filler)),
                  Heading("Appendix"), after)
        write_pdf(Document(title="Annual report", blocks=blocks), path)
        heading_page, first_page = _pages_of(path, "Appendix", "FirstRow")
        assert heading_page == first_page, f"after {filler} paragraphs"


def test_a_heading_before_a_long_table_does_not_push_it_to_the_next_page(
        tmp_path: Path) -> None:
    path = tmp_path / "gap.pdf"
    rows = tuple(text_row(f"Agency {n}", "3") for n in range(80))
    blocks = (*(para(f"Filler paragraph {n}") for n in range(10)), Heading("Appendix"),
              Table((Column("Agency", 100), Column("Attended", 30)), rows))
    write_pdf(Document(title="Annual report", blocks=blocks), path)
    assert _pages_of(path, "Appendix", "Agency 0") == [0, 0]


def _words_one_by_one(block: Table, index: int) -> dict[str, bool]:
    """The column's words as `_column_words` gave them before it took a run at a time."""
    words: dict[str, bool] = {}
    for run, row_bold in column_runs(block, index):
        for word in run.text.split():
            words[word] = words.get(word, False) or run.bold or row_bold
    return words


_WORDS = st.lists(st.sampled_from(["a", "bb", "Board", "board", "25/01/2017", "Łukasz",
                                   "مرحبا", " ", "\t", "x" * 30]), max_size=8).map("".join)
_RUNS = st.lists(st.builds(Run, _WORDS, bold=st.booleans()), min_size=1, max_size=3).map(tuple)
_PART = st.one_of(st.builds(Paragraph, _RUNS),
                  st.builds(ListBlock, st.lists(_RUNS, min_size=1, max_size=3).map(tuple)))
_ROWS = st.lists(st.builds(Row, st.lists(st.lists(_PART, max_size=3).map(tuple), max_size=3)
                           .map(tuple), span=st.booleans(), bold=st.booleans()), max_size=6)


@settings(max_examples=300, derandomize=True)
@given(_ROWS)
def test_a_columns_words_come_in_the_same_order_with_the_same_boldness(rows: list[Row]) -> None:
    block = Table(ITEM_COLUMNS, tuple(rows))
    for index in range(3):
        assert list(_column_words(block, index).items()) == list(
            _words_one_by_one(block, index).items())

"""Every PDF is accessible: title shown as the window title, language, author, bookmarks for
the items and headings, embedded fonts, and tags a screen reader reads in order (headings,
paragraphs, lists, tables with header cells, the logo with its text), the page furniture
marked as artifacts. Checked by reading the files back with pypdf (tests/support/pdf_tags.py)."""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from desktop.exports.action_log import action_log_document
from desktop.exports.agenda import agenda_document
from desktop.exports.annual_report import annual_figures, annual_report_document
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
)
from desktop.exports.minutes import CONFIDENTIAL, minutes_document
from desktop.exports.render import write_document, write_for
from desktop.exports.training_figures import training_document
from desktop.exports.training_papers import (
    certificates_document,
    charges_document,
    register_document,
)
from desktop.models import AgendaItem
from desktop.models.database import Database
from desktop.services.actions import action_log
from desktop.services.documents import meeting_record
from desktop.services.documents.training_session import session_papers
from desktop.services.settings import save_settings
from desktop.services.training import invoice_list
from tests.conftest import import_sample
from tests.support.pdf_tags import Tagged, read_tags, unembedded_fonts
from tests.test_exports_reports import SESSION, YEAR, herts  # noqa: F401 (the fixture)
from tests.test_logo import tiny_png

MEETING = "hscb-2018-10-23"
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
SUB_ITEMS = {"5.1", "5.2", "5.3", "5.4", "5.5", "(a)", "(b)", "6.1", "7.1"}


@pytest.fixture
def hereford(database: Database) -> Database:
    import_sample(database, "herefordshire-board-2018-10-23.json")
    save_settings(database, organisation_name="Herefordshire Safeguarding Children Board")
    return database


def _words(text: str) -> str:
    return " ".join(text.split())


def _outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(depth, title, page index) of every bookmark, in order."""
    found: list[tuple[int, str, int]] = []

    def walk(entries: list[Any], depth: int) -> None:
        for entry in entries:
            if isinstance(entry, list):
                walk(entry, depth + 1)
            else:
                found.append((depth, entry.title, reader.get_destination_page_number(entry)))

    walk(reader.outline, 0)
    return found


def _accessible(path: Path, title: str) -> Tagged:
    """What every PDF the app writes must have; returns its tags for more checks."""
    reader = PdfReader(path)
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "en-GB"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712 (a BooleanObject)
    assert catalog["/MarkInfo"]["/Marked"] == True  # noqa: E712
    assert reader.metadata is not None
    assert reader.metadata.title == title
    assert reader.metadata.creator == "Boardwork"
    assert reader.metadata.subject
    xmp = reader.xmp_metadata  # the same again where PDF/UA checkers look
    assert xmp is not None
    assert xmp.dc_title == {"x-default": title}
    assert xmp.dc_language == ["en-GB"]
    assert xmp.dc_creator == [reader.metadata.author]
    assert unembedded_fonts(path) == []
    tags = read_tags(path)
    assert tags.problems == []
    # (read_tags also found every word tagged or an artifact, and every page's MCIDs in the
    # ParentTree under the page's /StructParents.)
    assert tags.elements[0].role == "Document"
    return tags


def test_minutes_have_title_language_author_and_bookmarks_for_every_item(
        hereford: Database, tmp_path: Path) -> None:
    path = tmp_path / "minutes.pdf"
    document = minutes_document(meeting_record(hereford, MEETING), "Herefordshire SCB")
    write_for(hereford, document, "pdf", path)
    _accessible(path, "Minutes of Herefordshire Safeguarding Children Board")
    reader = PdfReader(path)
    assert reader.metadata is not None
    assert reader.metadata.author == "Herefordshire Safeguarding Children Board"
    assert reader.metadata.subject == "Minutes: Board Meeting 23/10/2018"
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"
    outline = _outline(reader)
    assert [title for _, title, _ in outline] == [f"{n} {t}" for n, t in ITEMS]
    # Items at the first level, their sub-items under them (closed: the first level shows).
    assert [depth for depth, _, _ in outline] == [int(n in SUB_ITEMS) for n, _ in ITEMS]
    for _, title, page in outline:  # each bookmark opens the page its item starts on
        heading = title.split(" ", 1)[1]
        assert heading in _words(reader.pages[page].extract_text())


def test_minutes_are_tagged_in_reading_order(hereford: Database, tmp_path: Path) -> None:
    path = tmp_path / "minutes.pdf"
    write_document(minutes_document(meeting_record(hereford, MEETING), "Herefordshire SCB"),
                   "pdf", path)
    tags = _accessible(path, "Minutes of Herefordshire Safeguarding Children Board")
    assert {"H1", "H2", "H3", "P", "Table", "TR", "TH", "TD", "L", "LI", "Lbl",
            "LBody"} <= tags.roles()
    assert [_words(t) for t in tags.texts("H1")] == [
        "Minutes of Herefordshire Safeguarding Children Board"]
    headings = [(e.role, _words(e.text)) for e in tags.elements if e.role in ("H2", "H3")]
    assert headings == [("H3" if n in SUB_ITEMS else "H2", t) for n, t in ITEMS]
    # The header cells, once each though the items table runs over seven pages.
    assert [_words(t) for t in _texts_under(tags, "TH")] == [
        "Name", "Initials", "Role and agency", "No.", "Minutes", "Action"]
    assert all(e.attributes.get("/Scope") == "/Column" for e in tags.elements
               if e.role == "TH")
    # One TR per item; its cells read number, minutes, action.
    items_table = [e for e in tags.elements if e.role == "Table"][1]
    rows = items_table.kids[1:]
    assert len(rows) == len(ITEMS)
    first = [_words(_all_text(c)) for c in rows[1].kids]
    assert first[0] == "2" and first[1].startswith(ITEMS[1][1]) and first[2] == "109: DC"
    # The lists keep their items, each with its label and its words.
    lists = [e for e in tags.elements if e.role == "L"]
    assert lists and all(item.role == "LI" for lst in lists for item in lst.kids)
    labels = [_words(item.kids[0].text) for lst in lists for item in lst.kids]
    assert set(labels) <= {"•", *(f"{n}." for n in range(1, 20))}
    assert all(_all_text(item.kids[1]).strip() for lst in lists for item in lst.kids)
    # The tags are read in the order the pages print them (a long item's minutes, laid out
    # as several table rows, are read whole before its action column), and only the page
    # furniture is left out: running header and footer, page numbers, DRAFT, the table
    # header repeated on each page.
    top = [e for e in tags.elements if e.depth == 1]
    rows = [e for e in tags.elements if e.role == "TR"]
    for sequence in (top, rows):
        spans = [_marks(e) for e in sequence if _marks(e)]
        assert all(max(a) < min(b) for a, b in pairwise(spans))
    furniture = {"Herefordshire SCB", "Minutes: Board Meeting 23/10/2018", "No.",
                 "Minutes", "Action"}
    assert {_words(a) for a in tags.artifacts if not re.fullmatch(r"Page \d+ of \d+",
                                                                  _words(a))} == furniture


def _marks(element: Any) -> list[tuple[int, int]]:
    return element.marks + [m for kid in element.kids for m in _marks(kid)]


def _all_text(element: Any) -> str:
    return element.text + "".join(_all_text(kid) for kid in element.kids)


def _texts_under(tags: Tagged, role: str) -> list[str]:
    return [_all_text(e) for e in tags.elements if e.role == role]


def test_public_minutes_bookmark_a_confidential_item_by_its_number(
        hereford: Database, tmp_path: Path) -> None:
    with hereford.transaction() as s:
        s.query(AgendaItem).filter_by(number="5.3").one().confidential = True
    path = tmp_path / "public.pdf"
    write_document(minutes_document(meeting_record(hereford, MEETING), "", public=True),
                   "pdf", path)
    tags = _accessible(path, "Minutes of Herefordshire Safeguarding Children Board")
    titles = [title for _, title, _ in _outline(PdfReader(path))]
    assert f"5.3 {CONFIDENTIAL}" in titles
    assert "5.3 Board member attendance at Child Protection Conferences" not in titles
    assert _words(" ".join(tags.texts("H3"))).count(CONFIDENTIAL) == 1


def test_the_logo_is_a_figure_with_its_text_on_the_first_page_only(
        hereford: Database, tmp_path: Path) -> None:
    save_settings(hereford, organisation_name="Herefordshire SCB", logo=tiny_png())
    path = tmp_path / "agenda.pdf"
    write_for(hereford, agenda_document(meeting_record(hereford, MEETING)), "pdf", path)
    tags = _accessible(path, "Agenda: Herefordshire Safeguarding Children Board")
    figures = [e for e in tags.elements if e.role == "Figure"]
    assert [f.alt for f in figures] == ["Logo of Herefordshire SCB"]
    assert tags.elements[1] is figures[0]  # read first, as it is printed first
    # The agenda's items are its bookmarks too.
    titles = [title for _, title, _ in _outline(PdfReader(path))]
    assert titles == [f"{n} {t}" for n, t in ITEMS]


def _long_minutes() -> Document:
    """An afternoon's minutes in one item: split over pages and over table rows."""
    sentence = "The board discussed the multi-agency audit findings at length. "
    long_text = tuple(para(f"{n}. " + sentence * 12) for n in range(60))
    items = (Row((cell("1"), (Paragraph((Run("Long item", bold=True),), heading=1,
                                        outline="1 Long item"),
                              *long_text,
                              ListBlock(((Run("first point"),), (Run("second point"),)))),
                  cell("12: AB"))),
             Row((cell("2"), (Paragraph((Run("Next item", bold=True),), heading=1,
                              outline="2 Next item"),
                              para("Short.")), cell(""))))
    return Document("Minutes of the Long Board", ("Board meeting",), blocks=(
        Heading("Before the items"), para("An opening paragraph."),
        Table((Column("No.", 14), Column("Minutes", 130), Column("Action", 30)), items),
        Heading("Updates on actions", 2), para("None."),
    ), header="Org", footer="Minutes: long")


def test_a_long_item_split_over_pages_is_read_as_one_row(tmp_path: Path) -> None:
    path = tmp_path / "long.pdf"
    write_document(_long_minutes(), "pdf", path)
    tags = _accessible(path, "Minutes of the Long Board")
    assert len(PdfReader(path).pages) > 3
    table = next(e for e in tags.elements if e.role == "Table")
    assert [r.role for r in table.kids] == ["TR", "TR", "TR"]  # header and the two items
    minutes = _words(_all_text(table.kids[1].kids[1]))
    assert minutes.startswith("Long item 0. The board")
    assert all(f" {n}. The board" in minutes for n in range(1, 60))
    assert minutes.endswith("• first point • second point")
    assert _words(_all_text(table.kids[1].kids[2])) == "12: AB"
    # A heading after the table is not a child of the table's last item.
    assert _outline(PdfReader(path)) == [
        (0, "Before the items", 0), (0, "1 Long item", 0),
        (0, "2 Next item", _outline(PdfReader(path))[2][2]),
        (0, "Updates on actions", _outline(PdfReader(path))[3][2])]


Build = Callable[[Database], Document]


@pytest.mark.parametrize("name", ["register", "certificates", "charges", "annual", "training"])
def test_every_training_and_report_pdf_is_accessible(herts: Database,  # noqa: F811
                                                     tmp_path: Path, name: str) -> None:
    builds: dict[str, Build] = {
        "register": lambda db: register_document(session_papers(db, SESSION), "Herts SCB"),
        "certificates": lambda db: certificates_document(session_papers(db, SESSION),
                                                         "Herts SCB"),
        "charges": lambda db: charges_document(invoice_list(db, YEAR), "Herts SCB"),
        "annual": lambda db: annual_report_document(annual_figures(db, YEAR, "hertscb"),
                                                    "Herts SCB"),
        "training": lambda db: training_document(db, YEAR, "Herts SCB"),
    }
    document = builds[name](herts)
    path = tmp_path / f"{name}.pdf"
    write_document(document, "pdf", path)
    tags = _accessible(path, document.title)
    assert PdfReader(path).metadata.author == "Herts SCB"  # type: ignore[union-attr]
    assert "P" in tags.roles()
    headings = [b.text for b in document.blocks if isinstance(b, Heading)]
    titles = [title for _, title, _ in _outline(PdfReader(path))]
    assert titles == headings
    if any(isinstance(b, Table) for b in document.blocks):
        assert {"Table", "TR", "TD"} <= tags.roles()


def test_action_log_is_accessible_with_the_organisation_as_author(
        hereford: Database, tmp_path: Path) -> None:
    log = action_log(hereford, "hscb")
    path = tmp_path / "log.pdf"
    write_document(action_log_document(log), "pdf", path)
    tags = _accessible(path, log.title)
    reader = PdfReader(path)
    assert reader.metadata is not None
    assert reader.metadata.author == "Herefordshire Safeguarding Children Board"
    rows = next(e for e in tags.elements if e.role == "Table").kids
    assert [_words(_all_text(c)) for c in rows[0].kids][:4] == ["No.", "Raised", "Item",
                                                                  "Action"]
    assert len(rows) == len(log.rows) + 1


def test_a_document_with_a_blank_page_and_no_headings_is_still_well_formed(
        tmp_path: Path) -> None:
    from desktop.exports.document import PageBreak

    path = tmp_path / "short.pdf"
    write_document(Document("Nothing to report & <none>", blocks=(PageBreak(), PageBreak()),
                            footer="Empty"), "pdf", path)
    tags = _accessible(path, "Nothing to report & <none>")  # escaped in the XMP
    reader = PdfReader(path)
    assert len(reader.pages) >= 2
    assert "/StructParents" in reader.pages[0]
    assert "/StructParents" not in reader.pages[-1]  # nothing but artifacts on it
    assert reader.outline == [] and reader.trailer["/Root"]["/PageMode"] == "/UseNone"
    assert [(e.role, _words(e.text)) for e in tags.elements] == [
        ("Document", ""), ("H1", "Nothing to report & <none>")]


def test_a_grouped_table_laid_out_again_after_a_page_break_keeps_its_tags(
        tmp_path: Path) -> None:
    """The attendance table starts again after a page break ("Present (continued):"): the
    rows after it are still read, the label is page furniture."""
    from desktop.exports.document import span_row, text_row

    present = [f"Person {n:03d}" for n in range(90)]
    rows = (span_row("Present:"), *(text_row(name, f"P{n}", "Member") for n, name
                                    in enumerate(present)),
            span_row("Apologies:"), *(text_row(f"Absent {n}", "", "") for n in range(5)))
    table = Table((Column("Name", 48), Column("Initials", 18), Column("Role and agency", 108)),
                  rows, grouped=True)
    path = tmp_path / "attendance.pdf"
    write_document(Document("Minutes of the Big Board", blocks=(table,)), "pdf", path)
    tags = _accessible(path, "Minutes of the Big Board")
    assert len(PdfReader(path).pages) >= 2
    names = [_words(e.text) for e in tags.elements if e.role == "TD"]
    assert [n for n in names if n.startswith("Person")] == present
    assert [n for n in names if n.startswith("Absent")] == [f"Absent {n}" for n in range(5)]
    assert any("continued" in a for a in tags.artifacts)
    assert not any("continued" in n for n in names)

"""Every Word document the app writes, opened as Word and LibreOffice would: tables kept apart,
heading rows marked to repeat, British English, the file's own properties, alt text on the
logo, page numbers at the right margin, the items in the navigation pane, a lean template."""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from lxml import etree

from desktop.cli_documents import DocumentCommand, export_commands, report_commands
from desktop.models.database import Database
from desktop.services.interchange import import_documents, read_document
from desktop.services.settings import save_settings
from tests.conftest import SAMPLES
from tests.test_logo import tiny_png

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1], "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
      "dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/",
      "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
      "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"}
ORGANISATION = "Herefordshire SCB"
MEETING = "hscb-2018-10-23"
SESSION = "herts-multi-agency-course-2015-04-09"
HERTS_YEAR = ["--from", "2015-04-01", "--to", "2016-03-31"]
# Each Word document, by the command-line entry that writes it (the screens call the same
# layouts) and that entry's arguments.
DOCUMENTS: dict[str, tuple[str, list[str]]] = {
    "minutes": ("minutes", ["--meeting", MEETING]),
    "minutes-public": ("minutes", ["--meeting", MEETING, "--public"]),
    "agenda": ("agenda", ["--meeting", MEETING]),
    "agenda-public": ("agenda", ["--meeting", MEETING, "--public"]),
    "action-log": ("action-log", ["--board", "hscb"]),
    "annual-report": ("annual", ["--from", "2018-04-01", "--to", "2019-03-31",
                                 "--board", "hscb"]),
    "training-figures": ("training", HERTS_YEAR),
    "register": ("register", ["--session", SESSION]),
    "certificates": ("certificates", ["--session", SESSION]),
    "charges": ("charges", HERTS_YEAR),
}


def _commands() -> dict[str, DocumentCommand]:
    return {c.name: c for c in export_commands() + report_commands() if "docx" in c.formats}


def test_every_word_document_is_checked_here() -> None:
    assert set(_commands()) == {command for command, _ in DOCUMENTS.values()}


@pytest.fixture(scope="module")
def word_files(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """Both samples imported once, the organisation and its logo set, every document written."""
    import keyring

    from desktop.models.keystore import KeyStore
    from desktop.models.opening import open_database
    from tests.conftest import MemoryKeyring

    folder = tmp_path_factory.mktemp("word")
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    opened = open_database(folder / "b.db", KeyStore())
    db: Database = opened.database
    for name in ("herefordshire-board-2018-10-23.json", "hertfordshire-2015-16.json"):
        import_documents(db, [(name, read_document(SAMPLES / name))])
    save_settings(db, organisation_name=ORGANISATION, logo=tiny_png())
    commands = _commands()
    files = {}
    for name, (command_name, argv) in DOCUMENTS.items():
        command = commands[command_name]
        parser = argparse.ArgumentParser()
        command.arguments(parser)
        files[name] = folder / f"{name}.docx"
        command.write(db, parser.parse_args(argv), "docx", files[name])
    keyring.set_keyring(previous)
    yield files
    db.close()


def _part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name))


def _body(path: Path) -> list[etree._Element]:
    return list(_part(path, "word/document.xml").find(f"{W}body"))


@pytest.mark.parametrize("name", DOCUMENTS)
def test_no_table_touches_another(word_files: dict[str, Path], name: str) -> None:
    tags = [element.tag for element in _body(word_files[name])]
    pairs = list(itertools.pairwise(tags))
    assert (f"{W}tbl", f"{W}tbl") not in pairs
    # And what Word and LibreOffice then read: as many tables as were written.
    assert len(docx.Document(str(word_files[name])).tables) == tags.count(f"{W}tbl")


def test_minutes_attendance_and_items_stay_apart(word_files: dict[str, Path]) -> None:
    """Each attendance group is a table of its own headed by its label (repeated over a page
    break), then the items' table: none of them joined to another."""
    for name in ("minutes", "minutes-public"):
        tables = docx.Document(str(word_files[name])).tables
        firsts = [t.rows[0].cells[0].text for t in tables]
        assert firsts[-1] == "No." and firsts[0] == "Present:"
        assert all(first.endswith(":") for first in firsts[:-1])
        assert all(t.rows[1].cells[0].text == "Name" for t in tables[:-1])


def test_charges_lines_and_summary_stay_two_tables(word_files: dict[str, Path]) -> None:
    lines, summary = docx.Document(str(word_files["charges"])).tables
    assert [c.text for c in lines.rows[0].cells] == ["Delegate", "Course", "Date", "Reason",
                                                      "Charge"]
    assert [c.text for c in summary.rows[0].cells] == ["Agency", "Charges"]
    assert len(summary.columns) == 2


@pytest.mark.parametrize("name", DOCUMENTS)
def test_heading_rows_are_marked_to_repeat(word_files: dict[str, Path], name: str) -> None:
    for table in _part(word_files[name], "word/document.xml").iter(f"{W}tbl"):
        rows = table.findall(f"{W}tr")
        marked = [row.find(f"{W}trPr/{W}tblHeader") is not None for row in rows]
        # The heading row (under an attendance group's label, which repeats with it), and
        # no row of the body.
        assert marked[0] and marked == sorted(marked, reverse=True) and sum(marked) <= 2


@pytest.mark.parametrize("name", DOCUMENTS)
def test_british_english(word_files: dict[str, Path], name: str) -> None:
    styles = _part(word_files[name], "word/styles.xml")
    language = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert language.get(f"{W}val") == "en-GB"
    assert not [e for e in styles.iter(f"{W}lang") if e.get(f"{W}val") not in (None, "en-GB")]
    assert docx.Document(str(word_files[name])).core_properties.language == "en-GB"


@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_files_own_properties(word_files: dict[str, Path], name: str) -> None:
    word = docx.Document(str(word_files[name]))
    properties = word.core_properties
    titles = [p.text for p in word.paragraphs if p.style.name == "Title"]
    # The title printed at the top (a certificate prints none, but its file has one).
    assert [properties.title] == titles or (name == "certificates" and properties.title)
    if name not in ("action-log",):  # the action log's writer is given no organisation
        assert properties.author == ORGANISATION
        assert properties.last_modified_by == ORGANISATION
    now = dt.datetime.now(dt.UTC)
    for when in (properties.created, properties.modified):  # not the template's 2013
        assert when is not None and abs(now - when) < dt.timedelta(minutes=30)
    assert properties.revision == 1
    assert "python-docx" not in (properties.comments or "")
    application = _part(word_files[name], "docProps/app.xml").find("ep:Application", NS)
    assert application.text == "Boardwork"


def test_title_is_the_documents(word_files: dict[str, Path]) -> None:
    word = docx.Document(str(word_files["minutes"]))
    assert word.core_properties.title == "Minutes of Herefordshire Safeguarding Children Board"
    assert word.core_properties.subject == "Board Meeting"


@pytest.mark.parametrize("name", DOCUMENTS)
def test_pictures_have_alt_text(word_files: dict[str, Path], name: str) -> None:
    header = docx.Document(str(word_files[name])).sections[0].header
    pictures = list(header._element.iter(f"{{{NS['wp']}}}docPr"))
    # The action log's and the charges' writers are not given the logo (yet).
    assert pictures or name in ("action-log", "charges")
    assert [p.get("descr") for p in pictures] == [f"Logo of {ORGANISATION}"] * len(pictures)


def test_the_logo_sits_at_the_right_margin(word_files: dict[str, Path]) -> None:
    section = docx.Document(str(word_files["minutes"])).sections[0]
    header = section.header.paragraphs[0]
    assert header.text.startswith(ORGANISATION)
    assert header._p.xpath(".//wp:docPr/@descr") == [f"Logo of {ORGANISATION}"]
    assert header.text.endswith("\t")  # the picture follows the tab
    _assert_right_tab(section, header)


@pytest.mark.parametrize("name", ["minutes", "action-log", "register"])
def test_page_numbers_at_the_right_margin(word_files: dict[str, Path], name: str) -> None:
    section = docx.Document(str(word_files[name])).sections[0]
    footer = section.footer.paragraphs[0]
    assert "\tPage 1 of 1" in footer.text
    assert footer._p.xpath(".//w:instrText/text()") == [" PAGE ", " NUMPAGES "]
    _assert_right_tab(section, footer)


def _assert_right_tab(section: docx.section.Section, paragraph: docx.text.paragraph.Paragraph
                      ) -> None:
    """The paragraph's one tab stop is a right tab at the right margin of its page, and its
    style adds none (the template's were at the edge of US Letter paper)."""
    width = section.page_width - section.left_margin - section.right_margin
    stops = list(paragraph.paragraph_format.tab_stops)
    assert [(s.alignment, s.position) for s in stops] == [
        (docx.enum.text.WD_TAB_ALIGNMENT.RIGHT, width)]
    assert not list(paragraph.style.paragraph_format.tab_stops)


def test_landscape_right_margin_is_further_out(word_files: dict[str, Path]) -> None:
    log = docx.Document(str(word_files["action-log"])).sections[0]
    minutes = docx.Document(str(word_files["minutes"])).sections[0]
    assert log.page_width > log.page_height
    stop = next(iter(log.footer.paragraphs[0].paragraph_format.tab_stops)).position
    assert round(docx.shared.Length(stop).mm) == 261  # 297 mm less 2 × 18 mm
    stop = next(iter(minutes.footer.paragraphs[0].paragraph_format.tab_stops)).position
    assert round(docx.shared.Length(stop).mm) == 174


def test_items_are_headings_in_the_navigation_pane(word_files: dict[str, Path]) -> None:
    word = docx.Document(str(word_files["minutes"]))
    items = word.tables[-1]  # after the attendance groups, each a table of its own
    levels = {}
    for row in items.rows[1:]:
        first = row.cells[1].paragraphs[0]
        levels[first.text] = first.style.name
    assert levels["Introduction"] == "Item Heading 1"
    assert levels["Serious Organised Crime report"] == "Item Heading 2"
    assert levels["Executive Report"] == "Item Heading 2"
    # Word's navigation pane lists paragraphs by outline level: 0 and 1 are Heading 1 and 2.
    for level in (1, 2):
        style = word.styles[f"Item Heading {level}"]
        assert style.base_style.name == f"Heading {level}"
        assert style.element.pPr.outlineLvl.val == level - 1
        assert not style.paragraph_format.keep_with_next  # it would hold rows together


@pytest.mark.parametrize("name", DOCUMENTS)
def test_no_unused_template_styles(word_files: dict[str, Path], name: str) -> None:
    path = word_files[name]
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
    assert "word/stylesWithEffects.xml" not in names
    assert "docProps/thumbnail.jpeg" not in names
    styles = [s.name for s in docx.Document(str(path)).styles]
    assert "Light Shading Accent 1" not in styles and len(styles) < 50
    # The template was 37 KB before; a short document is now much less.
    if name == "agenda":
        assert path.stat().st_size < 20_000


def test_house_fonts_are_not_overridden_by_the_theme(word_files: dict[str, Path]) -> None:
    styles = _part(word_files["minutes"], "word/styles.xml")
    for fonts in styles.iter(f"{W}rFonts"):
        if fonts.get(f"{W}ascii"):
            assert fonts.get(f"{W}asciiTheme") is None

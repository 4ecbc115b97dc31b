"""Papers on agenda items: checked on the way in (PDF, Word through a converter, size),
kept inside the database, listed with what is missing, attached and removed from the command
line, carried by export-data, and kept through the 0009 migration."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader, PdfWriter
from sqlalchemy import select, text

from desktop.models import AgendaItem, Meeting, Paper
from desktop.models.database import Database
from desktop.models.keystore import KeyStore
from desktop.models.opening import open_database
from desktop.services import papers
from desktop.services.errors import InvalidInput
from desktop.services.interchange import export_data, import_documents
from desktop.services.meetings.agenda import remove_item
from desktop.services.papers import convert, intake
from tests.conftest import import_sample
from tests.support.papers import compressed_paper_pdf, paper_pdf, write_paper

MEETING = "hscb-2018-10-23"


@pytest.fixture
def sample(database: Database) -> Database:
    import_sample(database, "herefordshire-board-2018-10-23.json")
    return database


def _item(database: Database, number: str) -> int:
    meeting_id = papers.meeting_id_of(database, MEETING)
    return papers.item_id_of(database, meeting_id, number)


def test_a_pdf_is_kept_inside_the_database_and_listed(sample: Database, tmp_path: Path,
                                                      database_path: Path) -> None:
    paper = papers.read_paper_file(write_paper(tmp_path, "Scorecard", 4))
    paper_id = papers.attach_paper(sample, _item(sample, "4"), paper, "Thematic scorecard",
                                   "Performance sub-group", dt.date(2018, 10, 1))
    meeting_id = papers.meeting_id_of(sample, MEETING)
    row, = papers.meeting_papers(sample, meeting_id)
    assert (row.item_number, row.title, row.author, row.pages, row.filename) == (
        "4", "Thematic scorecard", "Performance sub-group", 4, "Scorecard.pdf")
    name, data = papers.paper_pdf(sample, paper_id)
    assert name == "Scorecard.pdf" and len(PdfReader(__import__("io").BytesIO(data)).pages) == 4
    # encrypted at rest: the file on disk never holds the PDF's text
    assert b"Scorecard page 1" not in database_path.read_bytes()
    # the audit trail records the size of the PDF, not the PDF
    with sample.session() as s:
        entries = s.execute(text("SELECT new FROM audit_entry WHERE table_name = 'paper'"))
        logged = " ".join(row[0] or "" for row in entries)
    assert f"({len(data)} bytes)" in logged and "%PDF" not in logged


def test_a_backup_carries_the_papers(sample: Database, tmp_path: Path) -> None:
    from desktop.services.maintenance import backup_database

    papers.attach_paper(sample, _item(sample, "4"),
                        papers.read_paper_file(write_paper(tmp_path, "Kept", 2)), "Kept")
    copy = backup_database(sample, tmp_path / "backups")
    assert b"Kept page" not in copy.read_bytes()  # encrypted like the database
    assert sample.key is not None
    reopened = open_database(copy, KeyStore({"BOARDWORK_DATABASE_KEY": sample.key.hex()}))
    try:
        row, = papers.meeting_papers(reopened.database,
                                     papers.meeting_id_of(reopened.database, MEETING))
        _name, data = papers.paper_pdf(reopened.database, row.id)
    finally:
        reopened.database.close()
    assert row.title == "Kept" and b"%PDF" in data[:10]


def test_missing_papers_are_items_expected_without_one(sample: Database,
                                                       tmp_path: Path) -> None:
    meeting_id = papers.meeting_id_of(sample, MEETING)
    papers.set_paper_expected(sample, _item(sample, "3"), True)
    papers.set_paper_expected(sample, _item(sample, "5.2"), True)
    assert [m.item_number for m in papers.missing_papers(sample, meeting_id)] == ["3", "5.2"]
    papers.attach_paper(sample, _item(sample, "5.2"),
                        papers.read_paper_file(write_paper(tmp_path, "CCG", 1)))
    assert [m.item_number for m in papers.missing_papers(sample, meeting_id)] == ["3"]


def test_the_deadline_must_not_be_after_the_meeting(sample: Database) -> None:
    meeting_id = papers.meeting_id_of(sample, MEETING)
    with pytest.raises(InvalidInput, match="on or before the meeting's date"):
        papers.set_paper_deadline(sample, meeting_id, dt.date(2018, 10, 24))
    papers.set_paper_deadline(sample, meeting_id, dt.date(2018, 10, 16))
    assert papers.paper_deadline(sample, meeting_id) == dt.date(2018, 10, 16)


def test_an_item_with_papers_is_not_removed_with_them(sample: Database, tmp_path: Path) -> None:
    with sample.transaction() as s:  # an agenda being prepared, not approved minutes
        s.scalars(select(Meeting).where(Meeting.key == MEETING)).one().status = "planned"
        s.scalars(select(AgendaItem).where(AgendaItem.number == "8")).one().minutes_html = None
    item_id = _item(sample, "8")
    papers.attach_paper(sample, item_id, papers.read_paper_file(write_paper(tmp_path, "x", 1)))
    with pytest.raises(InvalidInput, match="This item has papers"):
        remove_item(sample, item_id)


def test_deleting_a_planned_meeting_deletes_its_papers(database: Database,
                                                      tmp_path: Path) -> None:
    from desktop.services import meetings as svc
    from desktop.services.boards import BoardInput, save_board

    board = save_board(database, None, BoardInput("Executive"))
    meeting_id = svc.create_meeting(database, board.id, svc.MeetingFields(dt.date(2027, 1, 5)))
    item_id = svc.add_item(database, meeting_id, svc.ItemFields("Budget"))
    papers.attach_paper(database, item_id, papers.read_paper_file(write_paper(tmp_path, "B", 1)))
    svc.delete_meeting(database, meeting_id)
    with database.session() as s:
        assert s.scalars(select(Paper)).all() == []


@pytest.mark.parametrize(("content", "name", "message"), [
    (b"%PDF-1.4\n1 0 obj garbage", "broken.pdf", "not a readable PDF"),
    (b"hello", "notes.pdf", "not a readable PDF"),
    (b"hello", "notes.txt", "not a PDF or a Word document"),
])
def test_a_bad_file_is_refused_plainly(tmp_path: Path, content: bytes, name: str,
                                       message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InvalidInput, match=message):
        papers.read_paper_file(path)


def test_a_pdf_with_an_object_stream_is_taken_and_one_damaged_there_refused(
        tmp_path: Path) -> None:
    """Newer Word and Acrobat exports pack their objects into object streams. One is taken
    with its pages; one whose object stream is damaged is refused plainly. (pypdf checks the
    stream's type with an assert: under python -O, which the frozen build could be made
    with, this PDF was taken in as a 3-page paper: benchmarks/FINDINGS.md, issue 19,
    session 9.)"""
    good = tmp_path / "exported.pdf"
    good.write_bytes(compressed_paper_pdf("Exported", 3))
    paper = papers.read_paper_file(good)
    assert paper.pages == 3
    assert "Exported page 2" in PdfReader(good).pages[1].extract_text()
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(compressed_paper_pdf("Exported", 3).replace(b"/ObjStm", b"/ObjStn", 1))
    with pytest.raises(InvalidInput, match="not a readable PDF"):
        papers.read_paper_file(damaged)


def test_a_pdf_with_a_password_is_refused_and_one_only_locked_is_unlocked(
        tmp_path: Path) -> None:
    import io

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(paper_pdf("Locked", 2))))
    writer.encrypt(user_password="secret", owner_password="owner")
    (tmp_path / "secret.pdf").write_bytes(_written(writer))
    with pytest.raises(InvalidInput, match="protected by a password"):
        papers.read_paper_file(tmp_path / "secret.pdf")
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(paper_pdf("Locked", 2))))
    writer.encrypt(user_password="", owner_password="owner")
    (tmp_path / "locked.pdf").write_bytes(_written(writer))
    unlocked = papers.read_paper_file(tmp_path / "locked.pdf")
    assert unlocked.pages == 2 and not PdfReader(io.BytesIO(unlocked.pdf)).is_encrypted


def _written(writer: PdfWriter) -> bytes:
    import io

    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_a_paper_over_the_size_limit_is_refused(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_paper(tmp_path, "Big", 3)
    monkeypatch.setattr(intake, "MAX_BYTES", path.stat().st_size - 1)
    with pytest.raises(InvalidInput, match="a paper can be at most"):
        papers.read_paper_file(path)


# --- Word documents ---------------------------------------------------------------------------

def _word_file(folder: Path) -> Path:
    document = docx.Document()
    document.add_heading("Section 11 audit", 1)
    document.add_paragraph("Every agency returned its audit on time.")
    path = folder / "Section 11 audit.docx"
    document.save(str(path))
    return path


FAKE_SOFFICE = '''#!{python}
"""Stands in for LibreOffice: writes a one-page PDF saying which file it converted."""
import sys
from pathlib import Path
from reportlab.pdfgen.canvas import Canvas
args = sys.argv[1:]
assert "--headless" in args and args[args.index("--convert-to") + 1] == "pdf"
out = Path(args[args.index("--outdir") + 1])
out.mkdir(parents=True, exist_ok=True)
source = Path(args[-1])
canvas = Canvas(str(out / (source.stem + ".pdf")))
canvas.drawString(72, 720, "Converted " + source.name)
canvas.showPage()
canvas.save()
'''


@pytest.fixture
def converter(tmp_path: Path) -> Iterator[Path]:
    """LibreOffice where it is installed; else a script that converts as it would (so that
    the conversion is tested on every machine, never skipped)."""
    found = convert.find_converter()
    if found is not None:
        yield found
        return
    script = tmp_path / "bin" / "soffice"
    script.parent.mkdir()
    script.write_text(FAKE_SOFFICE.format(python=sys.executable))
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    yield script


def test_a_word_paper_is_converted_to_pdf(tmp_path: Path, converter: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(convert, "find_converter", lambda: converter)
    paper = papers.read_paper_file(_word_file(tmp_path))
    assert paper.filename == "Section 11 audit.docx" and paper.pages >= 1
    import io

    text_of = PdfReader(io.BytesIO(paper.pdf)).pages[0].extract_text()
    assert "Section 11 audit" in text_of or "Converted paper.docx" in text_of


def test_a_word_paper_is_refused_plainly_without_a_converter(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(convert, "find_converter", lambda: None)
    with pytest.raises(InvalidInput, match="no converter is installed") as refused:
        papers.read_paper_file(_word_file(tmp_path))
    assert "Save it as PDF from Word" in refused.value.message


def test_the_converter_is_found_in_the_windows_program_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    program = tmp_path / "Program Files" / "LibreOffice" / "program" / "soffice.exe"
    program.parent.mkdir(parents=True)
    program.write_bytes(b"")
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setenv("ProgramFiles", str(tmp_path / "Program Files"))
    assert convert.find_converter() == program


# --- command line -----------------------------------------------------------------------------

def test_attach_and_remove_from_the_command_line(sample: Database, database_path: Path,
                                                 tmp_path: Path, capsys) -> None:
    from desktop.cli import main

    sample.close()
    base = ["--database", str(database_path), "attach", "--meeting", MEETING]
    paper = write_paper(tmp_path, "Ofsted-plan", 2)
    assert main([*base, "--item", "5.4", str(paper), "--title", "Ofsted plan",
                 "--author", "Children's Services", "--received", "2018-10-15"]) == 0
    assert "Attached Ofsted-plan.pdf to item 5.4 of hscb-2018-10-23: 2 pages." in \
        capsys.readouterr().out
    assert main([*base, "--item", "5.4", str(write_paper(tmp_path, "Annex", 1))]) == 0
    assert main([*base, "--item", "9", str(paper)]) == 1
    assert "The meeting has no item '9'" in capsys.readouterr().err
    assert main([*base, "--item", "5.4", "--remove"]) == 1
    assert "Say which paper to remove" in capsys.readouterr().err
    assert main([*base, "--item", "5.4", "--remove", "--title", "ofsted plan"]) == 0
    assert "Removed 'Ofsted plan'" in capsys.readouterr().out
    opened = open_database(database_path, KeyStore())
    try:
        meeting_id = papers.meeting_id_of(opened.database, MEETING)
        rows = papers.meeting_papers(opened.database, meeting_id)
    finally:
        opened.database.close()
    assert [(r.title, r.received) for r in rows] == [("Annex", dt.date.today())]


def test_export_pack_from_the_command_line(sample: Database, database_path: Path,
                                           tmp_path: Path, capsys) -> None:
    from desktop.cli import main

    papers.attach_paper(sample, _item(sample, "3"),
                        papers.read_paper_file(write_paper(tmp_path, "Incidents", 2)))
    sample.close()
    target = tmp_path / "pack.pdf"
    assert main(["--database", str(database_path), "export", "pack", "--meeting", MEETING,
                 "--public", "--output", str(target)]) == 0
    assert "pages, 1 paper." in capsys.readouterr().out
    assert "Incidents page 2" in PdfReader(str(target)).pages[-1].extract_text()


# --- export-data and migration ----------------------------------------------------------------

@pytest.fixture
def second(tmp_path: Path) -> Iterator[Database]:
    opened = open_database(tmp_path / "second.db", KeyStore())
    yield opened.database
    opened.database.close()


def test_papers_and_the_deadline_round_trip_through_export_data(
        sample: Database, second: Database, tmp_path: Path) -> None:
    meeting_id = papers.meeting_id_of(sample, MEETING)
    papers.set_paper_deadline(sample, meeting_id, dt.date(2018, 10, 16))
    papers.set_paper_expected(sample, _item(sample, "7"), True)
    for name, pages in (("One", 1), ("Two", 3)):
        papers.attach_paper(sample, _item(sample, "5.1"),
                            papers.read_paper_file(write_paper(tmp_path, name, pages)),
                            f"Paper {name}", "Police", dt.date(2018, 10, 11))
    exported = export_data(sample)
    dumped = json.dumps(exported, ensure_ascii=False, indent=2)
    import_documents(second, [("export.json", json.loads(dumped))])
    assert json.dumps(export_data(second), ensure_ascii=False, indent=2) == dumped
    second_id = papers.meeting_id_of(second, MEETING)
    assert papers.paper_deadline(second, second_id) == dt.date(2018, 10, 16)
    assert [(r.item_number, r.title, r.pages) for r in papers.meeting_papers(
        second, second_id)] == [("5.1", "Paper One", 1), ("5.1", "Paper Two", 3)]
    assert [m.item_number for m in papers.missing_papers(second, second_id)] == ["7"]
    # importing the same again adds nothing
    report = import_documents(second, [("export.json", json.loads(dumped))])
    assert "papers" not in report.created


def test_a_damaged_paper_in_a_document_is_refused(sample: Database) -> None:
    from desktop.services.interchange import ImportRejected

    exported = export_data(sample)
    item = exported["meetings"][0]["items"][0]
    item["papers"] = [{"title": "X", "received": "2018-10-01", "filename": "x.pdf",
                       "pdf": "aGVsbG8="}]
    with pytest.raises(ImportRejected, match="not a readable PDF"):
        import_documents(sample, [("bad.json", exported)])


def test_the_papers_migration_keeps_the_data(sample: Database, tmp_path: Path) -> None:
    from alembic import command

    from desktop.models.migrate import migrate

    migrate(sample, lambda config: command.downgrade(config, "0009"))
    with sample.engine.connect() as connection:
        tables = set(connection.execute(text(
            "SELECT name FROM sqlite_master WHERE type='table'")).scalars())
        items_before = connection.execute(text("SELECT count(*) FROM agenda_item")).scalar()
    assert "paper" not in tables and items_before == 17
    migrate(sample, lambda config: command.upgrade(config, "head"))
    with sample.session() as s:
        meeting = s.scalars(select(Meeting).where(Meeting.key == MEETING)).one()
        assert meeting.paper_deadline is None and meeting.venue
        items = s.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)).all()
        assert len(items) == 17 and not any(i.paper_expected for i in items)
        assert s.scalars(select(Paper)).all() == []
    papers.attach_paper(sample, _item(sample, "1"),
                        papers.read_paper_file(write_paper(tmp_path, "After", 1)))
    assert os.path.exists(tmp_path)

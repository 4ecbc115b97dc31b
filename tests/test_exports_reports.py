"""Annual report appendices, training figures, register, certificates and charges of the
Hertfordshire sample as Word and PDF, read back; and the same from the command line."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from desktop.cli import main
from desktop.exports.annual_report import annual_figures, annual_report_document
from desktop.exports.render import write_document
from desktop.exports.training_papers import (
    certificates_document,
    charges_document,
    register_document,
)
from desktop.models.database import Database
from desktop.services.documents import DocumentError
from desktop.services.documents.training_session import session_papers
from desktop.services.figures import Period
from desktop.services.interchange import import_documents, read_document
from desktop.services.training import invoice_list
from tests.conftest import SAMPLES

HERTS = SAMPLES / "hertfordshire-2015-16.json"
YEAR = Period(dt.date(2015, 4, 1), dt.date(2016, 3, 31))
BY_COURSE = [
    ("Safeguarding children - the impact of parental learning difficulties", "35", "2"),
    ("Safeguarding children - the impact of parental mental health", "35", "2"),
    ("Safeguarding disabled children", "51", "3"),
    ("What to do if you identify a baby/child with bruises lite bite", "86", "4"),
    ("Child sexual exploitation prevention, protection and investigation", "61", "3"),
    ("Serious and partnership case reviews and audits lite bite", "53", "3"),
    ("Graded Care Profile lite bite", "103", "6"),
    ("Self Harm Awareness lite bite", "43", "2"),
    ("Substance misuse lite bite", "31", "2"),
    ("Safeguarding and Child Protection Multi-agency course", "171", "8"),
    ("Safeguarding children - understanding the impact of neglect", "24", "1"),
    ("Total", "693", "(36)"),
]
BY_AGENCY = {
    "Adult Care Services": 3, "Children's centre": 57, "Children's Services": 279,
    "Colleges": 8, "District Council": 6, "Drug and Alcohol Service": 3, "Education": 5,
    "Health & Community Services (was ACS)": 18, "Health - East and North Herts NHS Trust": 7,
    "Health - Hertfordshire Community NHS Trust": 107, "Health - Herts NHS Foundation Trust": 11,
    "Health - NHS Hertfordshire": 14, "Health - West Herts Hospitals Trusts": 3,
    "Health - Other": 6, "Herts Constabulary": 2, "Housing Provider": 6, "HSCB": 1,
    "Nursery/Pre School": 30, "Other": 24, "School": 4,
    "Schools - designated senior person": 54, "Schools - non designated senior person": 10,
    "Schools Family Support": 1, "South West Partnership": 9, "Voluntary Sector": 19,
}
BOARD = {
    "Independent Chair": "4/4",
    "Assistant Chief Constable, Hertfordshire Constabulary": "3/4",
    "Service Manager, CAFCASS": "2/4",
    "Deputy Principal, Further Education": "1/4",
    "Lay Member #1": "0/4",
    "Lay Member #2 (from September 2015)": "2/4",
    "Operational Director, Herts BeNCH CRC(from December 2015)": "1/4",
    "HSCB Data Analyst": "3/4",
}
SESSION = "herts-multi-agency-course-2015-04-09"


@pytest.fixture(scope="module")
def herts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """The Hertfordshire year, imported once: it is large, and nothing here changes it."""
    import keyring

    from desktop.models.keystore import KeyStore
    from desktop.models.opening import open_database
    from tests.conftest import MemoryKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    opened = open_database(tmp_path_factory.mktemp("herts") / "b.db", KeyStore())
    import_documents(opened.database, [(HERTS.name, read_document(HERTS))])
    keyring.set_keyring(previous)
    yield opened.database
    opened.database.close()


def _tables(path: Path) -> list[list[list[str]]]:
    word = docx.Document(str(path))
    return [[[c.text for c in row.cells] for row in table.rows] for table in word.tables]


def _pdf_text(path: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(str(path)).pages))


def test_annual_report_appendices_carry_the_papers_figures(herts: Database,
                                                           tmp_path: Path) -> None:
    document = annual_report_document(annual_figures(herts, YEAR, "hertscb"), "Herts SCB")
    write_document(document, "docx", tmp_path / "annual.docx")
    board, non_attendance, by_course, by_agency = _tables(tmp_path / "annual.docx")
    assert len(board) == 1 + 29
    assert {row[0]: row[1] for row in board[1:] if row[0] in BOARD} == BOARD
    assert non_attendance[0] == ["Agency", "Meetings", "Attended", "Not attended"]
    assert [tuple(row) for row in by_course[1:]] == BY_COURSE
    agencies = {row[0]: int(row[1]) for row in by_agency[1:-1]}
    assert {name: n for name, n in agencies.items() if name in BY_AGENCY} == BY_AGENCY
    assert sum(BY_AGENCY.values()) == 687
    assert set(agencies) - set(BY_AGENCY) == {"Not recorded"}  # the 6 without an agency
    assert agencies["Not recorded"] == 6
    assert by_agency[-1] == ["Total", "693"]

    write_document(document, "pdf", tmp_path / "annual.pdf")
    text = _pdf_text(tmp_path / "annual.pdf")
    for title, attendees, times in BY_COURSE:
        assert f"{title} {attendees} {times}" in text
    assert "Lay Member #2 (from September 2015) 2/4" in text
    assert "Children's Services 279" in text


def test_register_lists_the_delegates_with_a_signature_column(herts: Database,
                                                             tmp_path: Path) -> None:
    papers = session_papers(herts, SESSION)
    assert papers.delegates
    for fmt in ("docx", "pdf"):
        write_document(register_document(papers, "Herts SCB"), fmt, tmp_path / f"reg.{fmt}")
    table = _tables(tmp_path / "reg.docx")[0]
    assert table[0] == ["No.", "Name", "Job title", "Agency", "Signature"]
    names = [row[1] for row in table[1:] if row[1]]
    assert names == [d.name for d in papers.delegates]
    assert all(row[4] == "" for row in table[1:])
    text = _pdf_text(tmp_path / "reg.pdf")
    assert "Register: Safeguarding and Child Protection Multi-agency course" in text
    assert "Thursday 09/04/2015, 09:30 to 16:30" in text
    assert all(d.name in text for d in papers.delegates)


def test_one_certificate_page_per_attendee(herts: Database, tmp_path: Path) -> None:
    papers = session_papers(herts, SESSION)
    write_document(certificates_document(papers, "Herts SCB"), "pdf", tmp_path / "cert.pdf")
    pages = PdfReader(str(tmp_path / "cert.pdf")).pages
    assert len(pages) == len(papers.attended) > 0
    for page, delegate in zip(pages, papers.attended, strict=True):
        text = re.sub(r"\s+", " ", page.extract_text())
        assert delegate.name in text
        assert "Safeguarding and Child Protection Multi-agency course" in text
    write_document(certificates_document(papers), "docx", tmp_path / "cert.docx")
    word = docx.Document(str(tmp_path / "cert.docx"))
    names = [p.text for p in word.paragraphs if p.style.name == "Certificate Name"]
    assert names.count("Certificate of attendance") == len(papers.attended)


def test_charges_per_agency(herts: Database, tmp_path: Path) -> None:
    write_document(charges_document(invoice_list(herts, YEAR)), "pdf", tmp_path / "c.pdf")
    text = _pdf_text(tmp_path / "c.pdf")
    assert "Children's Services total £1,575.00" in text
    assert "Total £3,150.00" in text
    write_document(charges_document(invoice_list(herts, YEAR)), "docx", tmp_path / "c.docx")
    summary = _tables(tmp_path / "c.docx")[1]
    assert ["Housing Provider", "1", "£50.00"] in summary


def test_unknown_session_is_a_plain_message(herts: Database) -> None:
    with pytest.raises(DocumentError, match="no training session 'nope'"):
        session_papers(herts, "nope")


def test_documents_from_the_command_line(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "b.db")
    hereford = SAMPLES / "herefordshire-board-2018-10-23.json"
    assert main(["--database", db, "import", str(hereford)]) == 0
    out = tmp_path / "minutes.pdf"
    assert main(["--database", db, "export", "minutes", "--meeting", "hscb-2018-10-23",
                 "--public", "--format", "pdf", "--output", str(out)]) == 0
    assert "Minutes of Herefordshire Safeguarding Children Board" in _pdf_text(out)
    assert main(["--database", db, "export", "agenda", "--meeting", "hscb-2018-10-23",
                 "--format", "docx", "--output", str(tmp_path / "agenda.docx")]) == 0
    assert main(["--database", db, "report", "annual", "--from", "2018-04-01", "--to",
                 "2019-03-31", "--board", "hscb", "--format", "docx", "--output",
                 str(tmp_path / "annual.docx")]) == 0
    assert main(["--database", db, "export", "action-log", "--board", "hscb", "--open-only",
                 "--format", "pdf", "--output", str(tmp_path / "log.pdf")]) == 0
    assert "open actions" in _pdf_text(tmp_path / "log.pdf")
    assert "Wrote" in capsys.readouterr().out
    with pytest.raises(SystemExit, match="no meeting 'nope'"):
        main(["--database", db, "export", "minutes", "--meeting", "nope", "--output",
              str(tmp_path / "x.pdf")])


def test_charges_as_word_from_the_command_line(tmp_path: Path) -> None:
    db, out = str(tmp_path / "b.db"), tmp_path / "charges.docx"
    assert main(["--database", db, "import", str(HERTS)]) == 0
    assert main(["--database", db, "report", "charges", "--from", "2015-04-01", "--to",
                 "2016-03-31", "--format", "docx", "--output", str(out)]) == 0
    assert ["Total", "", "", "", "£3,150.00"] in _tables(out)[0]

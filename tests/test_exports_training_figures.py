"""The training figures document of a period, as Word and PDF, read back: its title names
the period, its columns are what partnerships publish, agencies come by name; and the
command line refuses --board, which the figures cannot honour."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from desktop.cli import main
from desktop.exports.render import write_document
from desktop.exports.training_figures import (
    AGENCY_COLUMNS,
    PLACES_COLUMNS,
    REGISTRATION_COLUMNS,
    training_document,
)
from desktop.models.database import Database
from desktop.services.figures import Period
from desktop.services.interchange import import_documents, read_document
from tests.conftest import SAMPLES

HERTS = SAMPLES / "hertfordshire-2015-16.json"
Q1 = Period(dt.date(2015, 4, 1), dt.date(2015, 6, 30))
YEAR = Period(dt.date(2015, 4, 1), dt.date(2016, 3, 31))


@pytest.fixture(scope="module")
def herts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
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


def _pdf_text(path: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(str(path)).pages))


def test_the_word_document_names_the_quarter_and_has_the_published_columns(
    herts: Database, tmp_path: Path,
) -> None:
    document = training_document(herts, Q1, "Hertfordshire SCB")
    assert document.title == "Training figures April–June 2015"
    write_document(document, "docx", tmp_path / "q1.docx")
    word = docx.Document(str(tmp_path / "q1.docx"))
    text = "\n".join(p.text for p in word.paragraphs)
    assert "Training figures April–June 2015" in text and "Training figures 2015" not in text
    places, registrations, agencies = (
        [[c.text for c in row.cells] for row in t.rows] for t in word.tables[:3])
    assert places[0] == list(PLACES_COLUMNS)
    assert registrations[0] == list(REGISTRATION_COLUMNS)
    assert agencies[0] == list(AGENCY_COLUMNS)
    assert places[-1][0] == registrations[-1][0] == agencies[-1][0] == "Total"
    assert [row[0] for row in places] == [row[0] for row in registrations]
    names = [row[0] for row in agencies[1:-1]]
    assert names[-1] == "Not recorded"
    assert names[:-1] == sorted(names[:-1], key=str.casefold)
    assert all(re.fullmatch(r"\d+%|–", row[6]) for row in places[1:])  # places used


def test_the_year_s_pdf_carries_the_figures(herts: Database, tmp_path: Path) -> None:
    document = training_document(herts, YEAR)
    assert document.title == "Training figures April 2015–March 2016"
    write_document(document, "pdf", tmp_path / "year.pdf")
    text = _pdf_text(tmp_path / "year.pdf")
    assert "Training figures April 2015–March 2016" in text
    for header in ("Registrations", "Walk-ins", "Places used", "No-show rate",
                   "Cancellation rate"):
        assert header in text
    # The multi-agency course: 8 run, 0 still to run, 240 places, 171 attended, 0 walk-ins,
    # 71% of the places used; 196 registrations, 171 attended (87%), 17 did not attend (9%),
    # 8 cancelled (4%).
    assert "Safeguarding and Child Protection Multi-agency course 8 0 240 171 0 71%" in text
    assert "Safeguarding and Child Protection Multi-agency course 196 171 87% 17 9% 8 4%" in text
    assert "Children's Services" in text


def test_report_training_refuses_board_and_says_why(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "b.db")
    assert main(["--database", db, "import", str(HERTS)]) == 0
    out = tmp_path / "t.pdf"
    with pytest.raises(SystemExit, match="--board applies to `report annual` only"):
        main(["--database", db, "report", "training", "--from", "2015-04-01", "--to",
              "2015-06-30", "--board", "hertscb", "--output", str(out)])
    assert not out.exists()
    assert main(["--database", db, "report", "training", "--from", "2015-04-01", "--to",
                 "2015-06-30", "--format", "pdf", "--output", str(out)]) == 0
    assert "Wrote" in capsys.readouterr().out
    assert "Training figures April–June 2015" in _pdf_text(out)

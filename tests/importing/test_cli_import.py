"""`boardwork import` with Excel, CSV and Word files, --kind, --board and --dry-run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main
from tests.importing import files

HSCB = {"format": "boardwork/2", "boards": [
    {"key": "hscb", "name": "Herefordshire Safeguarding Children Board", "short_name": "HSCB",
     "kind": "board"}]}


def run_cli(*args: str | Path) -> int:
    return main([str(a) for a in args])


@pytest.fixture
def database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "cli.db"
    board = tmp_path / "board.json"
    board.write_text(json.dumps(HSCB), encoding="utf-8")
    assert run_cli("--database", path, "import", board) == 0
    capsys.readouterr()
    return path


def _exported(database: Path, tmp_path: Path) -> dict:  # type: ignore[type-arg]
    assert run_cli("--database", database, "export-data", tmp_path / "out.json") == 0
    return json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_dry_run_lists_what_it_would_do_and_changes_nothing(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    log = files.action_log(tmp_path / "log.xlsx")
    assert run_cli("--database", database, "import", log, "--board", "HSCB", "--dry-run") == 0
    err = capsys.readouterr().err
    assert "Would import" in err and "3 actions added" in err and "nothing was changed" in err
    assert "row 8: Target date: 'Jan 2019' has no day" in err
    assert _exported(database, tmp_path).get("actions", []) == []


def test_errors_listed_by_row_and_nothing_imported(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    log = files.action_log(tmp_path / "log.xlsx", bad_date=True)
    assert run_cli("--database", database, "import", log, "--kind", "actions",
                   "--board", "hscb") == 1
    err = capsys.readouterr().err
    assert "nothing was imported: 1 problem(s) found" in err
    assert "row 6: Target date: '31/13/2018' is not a date that exists" in err
    assert _exported(database, tmp_path).get("actions", []) == []


def test_bookings_then_minutes_imported(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    csv_file = files.bookings_csv(tmp_path / "attendees.csv")
    minutes = files.minutes_with_headings(tmp_path / "minutes.docx")
    assert run_cli("--database", database, "import", csv_file, minutes) == 0
    err = capsys.readouterr().err
    assert "Imported" in err and "(training bookings)" in err and "(minutes" in err
    exported = _exported(database, tmp_path)
    assert len(exported["bookings"]) == 5
    assert exported["meetings"][0]["status"] == "draft"


def test_a_word_file_is_minutes_only(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    minutes = files.minutes_with_headings(tmp_path / "minutes.docx")
    assert run_cli("--database", database, "import", minutes, "--kind", "people") == 1
    assert "imported as minutes only" in capsys.readouterr().err


def test_minutes_over_approved_ones_need_a_reason(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    approved = tmp_path / "approved.json"
    approved.write_text(json.dumps({"format": "boardwork/2", "meetings": [
        {"key": "hscb-nov", "board": "hscb", "date": "2014-11-21", "status": "approved"}]}),
        encoding="utf-8")
    assert run_cli("--database", database, "import", approved) == 0
    minutes = files.minutes_with_headings(tmp_path / "minutes.docx")
    assert run_cli("--database", database, "import", minutes) == 1
    assert "are approved" in capsys.readouterr().err
    assert run_cli("--database", database, "import", minutes, "--amend-approved",
                   "--reason", "Minutes typed up from the Word copy") == 0
    meeting = _exported(database, tmp_path)["meetings"][0]
    assert meeting["status"] == "approved" and len(meeting["items"]) == 2
    assert meeting["amendments"][0]["text"].endswith("Minutes typed up from the Word copy")


def test_a_dry_run_of_a_boardwork_document_keeps_its_options(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    person = tmp_path / "person.json"
    person.write_text(json.dumps({"format": "boardwork/2", "people": [
        {"key": "amy", "name": "Amy Clarke", "email": "amy@example.org"}]}), encoding="utf-8")
    assert run_cli("--database", database, "import", person) == 0
    bare = tmp_path / "bare.json"
    bare.write_text(json.dumps({"format": "boardwork/2", "people": [
        {"key": "amy", "name": "Amy Clarke"}]}), encoding="utf-8")
    capsys.readouterr()
    assert run_cli("--database", database, "import", bare, "--replace", "--dry-run") == 0
    assert "1 people updated" in capsys.readouterr().err  # the e-mail would be emptied
    assert run_cli("--database", database, "import", bare, "--dry-run") == 0
    assert "no change" in capsys.readouterr().err
    assert _exported(database, tmp_path)["people"][0]["email"] == "amy@example.org"

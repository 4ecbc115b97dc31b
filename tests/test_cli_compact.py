"""`boardwork compact`: as an IT person runs it, with the window closed; refused at once, in
words and with nothing changed, while the window (or another command) holds the database."""

from __future__ import annotations

from pathlib import Path

from desktop.cli import main
from desktop.models.database import Database
from desktop.models.lock import DatabaseLock
from tests.compact_support import DELETED, fingerprint, old_style_deletes
from tests.raw_pages import still_there


def _old_file(database: Database) -> bytes:
    old_style_deletes(database, filler=200)
    assert database.key is not None
    key = database.key
    database.close()
    return key


def test_compact_from_the_command_line(database: Database, database_path: Path, capsys):
    key = _old_file(database)
    assert still_there(database_path, key, DELETED) == [DELETED]
    assert main(["--database", str(database_path), "compact"]) == 0
    out, err = capsys.readouterr()
    assert "Compacting" in err and "do not switch the computer off" in err
    assert "The database was compacted in" in out and "MB before" in out and "MB now" in out
    assert still_there(database_path, key, DELETED) == []


def test_refused_while_the_window_has_the_database(database: Database, database_path: Path,
                                                    capsys):
    key = _old_file(database)
    before = fingerprint(database_path)
    window = DatabaseLock(database_path)  # what the open window holds
    assert window.try_acquire()
    try:
        assert main(["--database", str(database_path), "compact"]) == 1
    finally:
        window.release()
    err = capsys.readouterr().err
    assert "is open in Boardwork" in err and "nothing was changed" in err
    assert "Traceback" not in err
    assert fingerprint(database_path) == before
    assert still_there(database_path, key, DELETED) == [DELETED]


def test_no_database_no_compacting(tmp_path: Path, capsys):
    missing = tmp_path / "none.db"
    assert main(["--database", str(missing), "compact"]) == 1
    assert "There is no database at" in capsys.readouterr().err
    assert not missing.exists()

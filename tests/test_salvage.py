"""A database with a damaged page: everything still readable comes out as interchange JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop.cli import main
from desktop.models.database import Database
from desktop.models.keystore import ENV_VAR, KeyStore
from desktop.models.opening import open_database
from desktop.services.interchange import import_documents
from desktop.services.salvage import salvage_database
from tests.conftest import import_sample

PAGE = 4096
PEOPLE = 400


def damaged_database(path: Path, keys: KeyStore) -> Path:
    """The sample board, then people two to a page (long notes, which no index holds),
    then one page in the middle of theirs overwritten: a disk error, or a bad copy."""
    database = open_database(path, keys).database
    import_sample(database, "herefordshire-board-2018-10-23.json")
    with database.engine.connect() as connection:
        first_page = connection.exec_driver_sql("PRAGMA page_count").scalar()
    with database.transaction() as session:
        for i in range(PEOPLE):
            session.execute(
                text("INSERT INTO person (key, name, notes) VALUES (:k, :n, :j)"),
                {"k": f"filler-{i:04}", "n": f"Filler {i:04}", "j": "x" * 1500})
    database.close()
    assert first_page is not None
    data = bytearray(path.read_bytes())
    middle = first_page + (len(data) // PAGE - first_page) // 2
    data[middle * PAGE: (middle + 1) * PAGE] = b"\x5a" * PAGE
    path.write_bytes(bytes(data))
    return path


@pytest.fixture
def keys(env_key: str) -> KeyStore:
    return KeyStore({ENV_VAR: env_key})


def test_salvage_reads_round_the_damaged_page_and_says_what_it_lost(tmp_path, keys):
    path = damaged_database(tmp_path / "damaged.db", keys)
    before = path.read_bytes()
    found = salvage_database(path, keys)
    assert path.read_bytes() == before  # only read
    fillers = [p for p in found.document["people"] if p["key"].startswith("filler-")]
    assert PEOPLE - 10 <= len(fillers) < PEOPLE
    assert list(found.unreadable) == ["person"]
    assert not found.complete
    # Everything else came out whole, and imports into a new database.
    assert len(found.document["meetings"]) == 1
    fresh = open_database(tmp_path / "fresh.db", keys).database
    import_documents(fresh, [("salvaged.json", found.document)])
    fresh.close()


def test_salvage_of_a_whole_database_is_complete(database: Database, database_path):
    import_sample(database, "herefordshire-board-2018-10-23.json")
    found = salvage_database(database_path, KeyStore())
    assert found.complete
    assert found.document["people"] and found.document["meetings"]


def test_check_salvage_from_the_command_line(tmp_path, env_key, monkeypatch, capsys):
    monkeypatch.setenv(ENV_VAR, env_key)
    path = damaged_database(tmp_path / "damaged.db", KeyStore())
    out = tmp_path / "salvaged.json"
    assert main(["--database", str(path), "check", "--salvage", str(out)]) == 1
    printed = capsys.readouterr().out
    assert "damaged" in printed and "person: could not read the rows from id" in printed
    assert "Filler" not in printed  # no record contents in a message
    assert json.loads(out.read_text(encoding="utf-8"))["people"]

"""A database as one used before deletes were secure: text deleted then still lies in its free
pages and the unused space of its pages (tests/raw_pages.py reads them), and no mark says
it was ever compacted. Shared by the compaction's tests."""

from __future__ import annotations

import hashlib
from pathlib import Path

from desktop.models.database import Database, connect_raw
from desktop.models.settings import COMPACTED

DELETED = "Zebulon Qwertyvanderhoek"
# Long text (a case history pasted in) spills into overflow pages, which are freed whole.
DELETED_NOTES = "Trembelowitz family seen at home; " * 300
KEPT = "Kept Arbuthnot-Yelverton"


def old_style_deletes(database: Database, rows: int = 40, filler: int = 0) -> None:
    """Write rows holding DELETED (and KEPT, which stays), `filler` more rows of 1 KB, then
    delete the DELETED ones as this app did before secure_delete: their text left behind in
    the file. The database's log is emptied into the file afterwards."""
    assert database.path is not None and database.key is not None
    raw = connect_raw(database.path, database.key)
    try:
        raw.execute("PRAGMA secure_delete = OFF")
        raw.execute("BEGIN")
        raw.execute("DELETE FROM setting WHERE name = ?", (COMPACTED,))
        for n in range(rows):
            raw.execute("INSERT INTO setting (name, value) VALUES (?, ?)",
                        (f"test.deleted.{n}", f"{DELETED} {n}: {DELETED_NOTES}"))
        raw.execute("INSERT INTO setting (name, value) VALUES ('test.kept', ?)", (KEPT,))
        for n in range(filler):
            raw.execute("INSERT INTO setting (name, value) VALUES (?, ?)",
                        (f"test.filler.{n:06d}", hashlib.sha512(str(n).encode()).hexdigest()
                         * 8))
        raw.execute("COMMIT")
        raw.execute("DELETE FROM setting WHERE name LIKE 'test.deleted.%'")
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    finally:
        raw.close()


def every_row(path: Path, key: bytes) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, in rowid order: what must survive anything."""
    raw = connect_raw(path, key, read_only=True)
    try:
        tables = [name for (name,) in raw.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'search_index_%' ORDER BY name")]
        return {table: raw.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall()
                for table in tables}
    finally:
        raw.close()


def checks(path: Path, key: bytes) -> tuple[list[str], list[str]]:
    """SQLCipher's page authentication and SQLite's structure check, opened with `key`."""
    raw = connect_raw(path, key, read_only=True)
    try:
        cipher = [row[0] for row in raw.execute("PRAGMA cipher_integrity_check")]
        structure = [row[0] for row in raw.execute("PRAGMA integrity_check")]
        return cipher, structure
    finally:
        raw.close()


def fingerprint(path: Path) -> str:
    """The bytes of the file and its log: unchanged means unchanged."""
    digest = hashlib.sha256()
    for part in (path, path.with_name(path.name + "-wal")):
        digest.update(part.read_bytes() if part.exists() else b"-")
    return digest.hexdigest()

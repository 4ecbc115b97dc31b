"""The backup's own page check (services/page_check.py) finds exactly the pages SQLCipher's
`PRAGMA cipher_integrity_check` finds, and is not used when the cipher settings differ."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3
from sqlalchemy import func, select

from desktop.models import Person
from desktop.models.database import Database, connect_raw
from desktop.services import backup_copy, maintenance, page_check

PAGE = 4096


@pytest.fixture
def sound_file(database: Database, database_path: Path) -> tuple[Path, bytes]:
    """A closed database of a few hundred pages, its log emptied into the file."""
    assert database.key is not None
    with database.transaction() as session:
        session.add_all(Person(key=f"p{i}", name=f"Person {i} " + "x" * 200)
                        for i in range(3000))
    key = database.key
    database.close()
    connection = connect_raw(database_path, key)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    connection.close()
    assert database_path.stat().st_size // PAGE > 100
    return database_path, key


def _keyed(path: Path, key: bytes) -> Any:
    """Keyed, nothing read yet: SQLCipher's check runs even when the schema cannot be read."""
    connection = sqlcipher3.connect(str(path))
    connection.execute("PRAGMA cipher_log_level = NONE").fetchall()
    connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return connection


def sqlcipher_verdict(path: Path, key: bytes) -> list[int]:
    connection = _keyed(path, key)
    try:
        rows = connection.execute("PRAGMA cipher_integrity_check").fetchall()
    finally:
        connection.close()
    pages = [int(m.group(1)) for (text,) in rows
             if (m := re.fullmatch(r"HMAC verification failed for page (\d+)", text))]
    assert len(pages) == len(rows), rows  # nothing else reported
    return pages


def our_verdict(path: Path, key: bytes) -> list[int]:
    data = path.read_bytes()
    connection = _keyed(path, key)
    try:
        form = page_check.page_format(connection, key, data[:page_check.SALT_SIZE])
    finally:
        connection.close()
    assert form is not None
    return page_check.failing_pages(form, data, 1, len(data) // form.page_size)


def _flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x04
    path.write_bytes(bytes(data))


def test_a_sound_file_passes_both_checks(sound_file: tuple[Path, bytes]) -> None:
    path, key = sound_file
    assert sqlcipher_verdict(path, key) == our_verdict(path, key) == []


@pytest.mark.parametrize("where", ["page 1", "a middle page", "the last page", "the salt",
                                   "an HMAC byte", "an IV byte"])
def test_one_flipped_bit_is_found_on_the_same_pages_as_sqlcipher(
        sound_file: tuple[Path, bytes], where: str) -> None:
    path, key = sound_file
    pages = path.stat().st_size // PAGE
    middle = pages // 2
    offset, expected = {
        "page 1": (100, [1]),
        "a middle page": ((middle - 1) * PAGE + 1234, [middle]),
        "the last page": ((pages - 1) * PAGE + 3000, [pages]),
        # The salt derives the HMAC key: no page authenticates any more.
        "the salt": (5, list(range(1, pages + 1))),
        "an HMAC byte": ((middle - 1) * PAGE + PAGE - 64 + 7, [middle]),
        "an IV byte": ((middle - 1) * PAGE + PAGE - 80 + 3, [middle]),
    }[where]
    _flip(path, offset)
    assert sqlcipher_verdict(path, key) == expected
    assert our_verdict(path, key) == expected


def test_pages_are_checked_part_by_part_on_threads_as_the_copy_is_written(
        sound_file: tuple[Path, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Parts of 8 pages, so many parts are checked on the checking threads: each damaged page
    is found under its own number, and the copy is the file byte for byte."""
    path, key = sound_file
    pages = path.stat().st_size // PAGE
    for number in (2, 9, pages):
        _flip(path, (number - 1) * PAGE + 500)
    monkeypatch.setattr(backup_copy, "CHUNK", 8 * PAGE)
    connection = _keyed(path, key)
    form = page_check.page_format(connection, key, path.read_bytes()[:16])
    connection.close()
    copied = backup_copy.copy_bytes(path, tmp_path / "copy.db", form)
    assert copied.size == path.stat().st_size
    assert list(copied.failing) == sqlcipher_verdict(path, key) == [2, 9, pages]
    assert (tmp_path / "copy.db").read_bytes() == path.read_bytes()


def test_the_page_sqlite_never_uses_is_not_checked(sound_file: tuple[Path, bytes]) -> None:
    """The page holding byte 2**30 (page 262,145 of 4 KB) has no content: SQLCipher skips
    it, and so does this check (a file that large is not made here: the numbering is)."""
    path, key = sound_file
    connection = _keyed(path, key)
    form = page_check.page_format(connection, key, path.read_bytes()[:16])
    connection.close()
    assert form is not None and form.skipped_page == 262145
    junk = bytes(3 * PAGE)
    assert page_check.failing_pages(form, junk, 262144, 3) == [262144, 262146]
    assert page_check.failing_pages(form, junk[:PAGE], 262144, 3) == [262144, 262146]


@pytest.mark.parametrize("setting", ["cipher_page_size", "cipher_hmac_algorithm",
                                     "cipher_plaintext_header_size", "fast_kdf_iter"])
def test_other_cipher_settings_fall_back_to_sqlciphers_check(
        database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        setting: str) -> None:
    """When SQLCipher reports any setting the check does not know, the copy is still made
    and authenticated, by `PRAGMA cipher_integrity_check`."""
    assert database.path is not None and database.key is not None
    with database.transaction() as session:
        session.add_all(Person(key=f"p{i}", name=f"Person {i}") for i in range(50))
    monkeypatch.setitem(page_check.KNOWN_SETTINGS, setting, "something else")
    connection = connect_raw(database.path, database.key, read_only=True)
    salt = database.path.read_bytes()[:16]
    assert page_check.page_format(connection, database.key, salt) is None
    connection.close()
    asked = []
    ask = backup_copy.page_problems
    monkeypatch.setattr(backup_copy, "page_problems",
                        lambda path, key: asked.append(path) or ask(path, key))
    made = maintenance.backup_database(database, tmp_path / "backup.db")
    assert len(asked) == 1
    copy = Database.open(made, database.key)
    try:
        with copy.session() as session:
            assert session.scalar(select(func.count()).select_from(Person)) == 50
    finally:
        copy.close()


def test_a_sound_backup_is_not_checked_twice(database: Database, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """With the settings known, SQLCipher's slower check is asked only when a page fails."""
    monkeypatch.setattr(backup_copy, "page_problems", lambda path, key: pytest.fail(
        "SQLCipher's check was run on a sound copy"))
    made = maintenance.backup_database(database, tmp_path / "backup.db")
    assert database.key is not None and maintenance.verify_copy(made, database.key) == []

"""The backup's own page check (services/page_check.py) finds exactly the pages SQLCipher's
`PRAGMA cipher_integrity_check` finds, and is not used when the cipher settings differ."""

from __future__ import annotations

import hmac
import os
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


@pytest.mark.parametrize("kernel", [True, False], ids=["kernel copy", "read and write"])
def test_the_first_share_is_checked_by_sqlcipher_and_the_rest_in_python(
        sound_file: tuple[Path, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        kernel: bool) -> None:
    """With the key, SQLCipher's own check authenticates the first parts (once written,
    the file as long as it then is) and Python the parts after them: a damaged page is
    found under its own number in either, and the copy is the file byte for byte."""
    path, key = sound_file
    pages = path.stat().st_size // PAGE
    for number in (2, 9, pages):
        _flip(path, (number - 1) * PAGE + 500)
    monkeypatch.setattr(backup_copy, "CHUNK", 8 * PAGE)
    monkeypatch.setattr(backup_copy, "KERNEL_COPY", kernel)
    prefix = int(pages * PAGE * backup_copy.SQLCIPHER_SHARE) // (8 * PAGE) * 8 * PAGE
    assert 9 * PAGE < prefix < (pages - 1) * PAGE  # pages 2 and 9 in it, the last not
    in_python: list[int] = []
    by_sqlcipher: list[int] = []
    check_part, sqlcipher_check = backup_copy._check_part, backup_copy._sqlcipher_check

    def python_part(form: page_check.PageFormat, dest: Path, offset: int,
                    length: int) -> list[int]:
        in_python.append(offset)
        return check_part(form, dest, offset, length)

    def sqlcipher(form: page_check.PageFormat, dest: Path, key: bytes,
                  written: int) -> list[int]:
        by_sqlcipher.append(dest.stat().st_size)
        return sqlcipher_check(form, dest, key, written)

    monkeypatch.setattr(backup_copy, "_check_part", python_part)
    monkeypatch.setattr(backup_copy, "_sqlcipher_check", sqlcipher)
    connection = _keyed(path, key)
    form = page_check.page_format(connection, key, path.read_bytes()[:16])
    connection.close()
    copied = backup_copy.copy_bytes(path, tmp_path / "copy.db", form, key)
    assert copied.size == path.stat().st_size
    assert sorted(copied.failing) == sqlcipher_verdict(path, key) == [2, 9, pages]
    assert len(by_sqlcipher) == 1 and by_sqlcipher[0] >= prefix
    assert min(in_python) == prefix and sorted(in_python) == list(
        range(prefix, pages * PAGE, 8 * PAGE))
    assert (tmp_path / "copy.db").read_bytes() == path.read_bytes()


def test_a_file_system_the_kernel_cannot_copy_to_is_copied_by_read_and_write(
        sound_file: tuple[Path, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path, key = sound_file
    monkeypatch.setattr(backup_copy, "KERNEL_COPY", True)
    monkeypatch.setattr(backup_copy, "CHUNK", 8 * PAGE)

    calls = []

    def refused(writing: int, reading: int, offset: int, count: int) -> int:
        """Copies a little of the first part, then refuses (as a file system may)."""
        calls.append(offset)
        if len(calls) > 1:
            raise OSError(22, "Invalid argument")
        os.write(writing, os.pread(reading, 100, offset))
        return 100

    monkeypatch.setattr(backup_copy.os, "sendfile", refused, raising=False)
    connection = _keyed(path, key)
    form = page_check.page_format(connection, key, path.read_bytes()[:16])
    connection.close()
    copied = backup_copy.copy_bytes(path, tmp_path / "copy.db", form, key)
    assert copied.size == path.stat().st_size and copied.failing == ()
    assert calls == [0, 100]  # then read and write, from the part's start
    assert (tmp_path / "copy.db").read_bytes() == path.read_bytes()


def test_the_hmac_written_out_is_hmac_sha512() -> None:
    """Pages signed with the standard library's HMAC pass; a changed page number fails."""
    form = page_check.PageFormat(PAGE, bytes(range(32)))
    pages = bytearray()
    for number in (5, 6, 7):
        body = bytes((number * 7 + i) % 251 for i in range(form.signed_end))
        pages += body + hmac.new(form.hmac_key, body + number.to_bytes(4, "little"),
                                 "sha512").digest()
    assert page_check.failing_pages(form, pages, 5, 3) == []
    assert page_check.failing_pages(form, pages, 6, 3) == [6, 7, 8]
    assert page_check.failing_pages(form, pages[:2 * PAGE + 100], 5, 3) == [7]


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


def test_each_part_is_sent_to_the_disk_as_soon_as_it_is_written(
        sound_file: tuple[Path, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Linux: each part's writing back starts at once (so the fsync has little left to wait
    for), every byte of the copy once; the copy is still the file byte for byte."""
    path, _key = sound_file
    monkeypatch.setattr(backup_copy, "CHUNK", 8 * PAGE)
    monkeypatch.setattr(backup_copy, "WRITE_BACK_EARLY", True)
    advised: list[tuple[int, int, int]] = []
    monkeypatch.setattr(backup_copy.os, "posix_fadvise",
                        lambda fd, offset, length, advice: advised.append(
                            (offset, length, advice)), raising=False)
    monkeypatch.setattr(backup_copy.os, "POSIX_FADV_DONTNEED", 4, raising=False)
    copied = backup_copy.copy_bytes(path, tmp_path / "copy.db")
    size = path.stat().st_size
    assert copied.size == size
    assert [(offset, length) for offset, length, _ in advised] == [
        (offset, min(8 * PAGE, size - offset)) for offset in range(0, size, 8 * PAGE)]
    assert {advice for _, _, advice in advised} == {4}
    assert (tmp_path / "copy.db").read_bytes() == path.read_bytes()


def test_when_sqlcipher_cannot_open_the_copy_its_share_is_checked_in_python(
        sound_file: tuple[Path, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path, key = sound_file
    pages = path.stat().st_size // PAGE
    for number in (2, pages):
        _flip(path, (number - 1) * PAGE + 500)
    monkeypatch.setattr(backup_copy, "CHUNK", 8 * PAGE)

    def cannot_open(*args: Any, **kwargs: Any) -> Any:
        raise sqlcipher3.OperationalError("unable to open database file")

    connection = _keyed(path, key)
    form = page_check.page_format(connection, key, path.read_bytes()[:16])
    connection.close()
    monkeypatch.setattr(backup_copy.sqlcipher3, "connect", cannot_open)
    copied = backup_copy.copy_bytes(path, tmp_path / "copy.db", form, key)
    assert sorted(copied.failing) == [2, pages]

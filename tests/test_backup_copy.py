"""A backup as a byte copy: one moment of the database even while another connection writes,
and any byte that differs in the copy, or any damaged page, refuses it. The daily check of
the database's structure, and what the rota does when it fails."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop.models import Person
from desktop.models.database import Database, DatabaseProblem, connect_raw
from desktop.services import backup_copy, backups, maintenance, structure_check
from desktop.services.backups import BackupPlan

NOON = dt.datetime(2026, 12, 1, 12, 0)


def _add_people(database: Database, count: int, prefix: str = "p") -> None:
    with database.transaction() as session:
        session.add_all(Person(key=f"{prefix}{i}", name=f"Person {i}") for i in range(count))


def _people_in(path: Path, key: bytes) -> int:
    copy = Database.open(path, key)
    try:
        with copy.session() as session:
            return int(session.scalar(select(func.count()).select_from(Person)) or 0)
    finally:
        copy.close()


def test_a_copy_taken_while_another_connection_writes_holds_the_moment_it_began(
        database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another connection commits, and forces a checkpoint, after the copy's read began and
    before its bytes are read: the copy holds what was committed before, and is whole."""
    assert database.path is not None and database.key is not None
    _add_people(database, 300)
    other = Database.open(database.path, database.key)  # as another process would
    checkpointer = connect_raw(database.path, database.key)
    copied = backup_copy.copy_bytes
    calls = []

    def write_then_copy(source: Path, dest: Path, *rest: Any) -> backup_copy.Copied:
        _add_people(other, 500, "late")
        # The checkpoint may not write the new rows into the file being copied.
        checkpointer.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        calls.append(source)
        return copied(source, dest, *rest)

    monkeypatch.setattr(backup_copy, "copy_bytes", write_then_copy)
    try:
        made = maintenance.backup_database(database, tmp_path / "backup.db")
    finally:
        other.close()
        checkpointer.close()
    assert calls == [database.path]  # the byte copy, not the re-written one
    assert maintenance.verify_copy(made, database.key) == []  # b-trees and references too
    # One file: no log left beside it by that read (as a restore reads it), nor half-written.
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("backup")) == \
        ["backup.db"]
    assert _people_in(made, database.key) == 300
    monkeypatch.undo()
    # The rows written during the backup are in the database, and in the next backup.
    again = maintenance.backup_database(database, tmp_path / "next.db")
    assert _people_in(again, database.key) == 800


@pytest.mark.parametrize("kernel", [True, False], ids=["kernel copy", "read and write"])
@pytest.mark.parametrize("where", ["first part", "last part"])
def test_a_changed_byte_in_the_copy_is_caught(database: Database, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch, kernel: bool,
                                              where: str) -> None:
    """A byte changed between reading the database and the copy's file (memory, a driver):
    the page read back from the copy no longer authenticates, whether it lies in the part
    SQLCipher's own check reads (the first) or in one checked in Python (the last)."""
    _add_people(database, 300)
    earlier = maintenance.backup_database(database, tmp_path / "backup.db")
    before = earlier.read_bytes()
    monkeypatch.setattr(backup_copy, "CHUNK", 2 * 4096)  # many parts, a first share for SQLCipher
    monkeypatch.setattr(backup_copy, "KERNEL_COPY", kernel)
    assert len(before) * backup_copy.SQLCIPHER_SHARE > 2 * backup_copy.CHUNK
    copied = backup_copy._Copy.part
    damaged = []

    def copy_damaged(copy: Any, offset: int, length: int) -> int:
        done = copied(copy, offset, length)
        last = offset + done == os.fstat(copy.reading.fileno()).st_size
        if not damaged and (where == "first part" or last):
            with open(copy.writing.name, "r+b") as changing:
                changing.seek(offset + done // 2)
                byte = changing.read(1)[0]
                changing.seek(offset + done // 2)
                changing.write(bytes([byte ^ 0x01]))  # one bit
            damaged.append(offset // 4096 + done // 2 // 4096 + 1)
        return done

    monkeypatch.setattr(backup_copy._Copy, "part", copy_damaged)
    with pytest.raises(DatabaseProblem, match="failed its check: damaged page: HMAC "
                                              "verification failed for page") as refused:
        maintenance.backup_database(database, tmp_path / "backup.db")
    assert str(refused.value).endswith(f"for page {damaged[0]}")
    # The earlier backup of that name is kept as it was, and nothing half-checked is left.
    assert earlier.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("backup")) == \
        ["backup.db"]


def test_a_short_copy_is_caught(database: Database, tmp_path: Path) -> None:
    """Every page that is there authenticates, but the last is missing: the size says so."""
    assert database.path is not None and database.key is not None
    _add_people(database, 300)
    copy = tmp_path / "copy.db"
    copied = backup_copy.snapshot_copy(database.path, database.key, copy)
    assert copied is not None and copied.form is not None and copied.failing == ()
    assert backup_copy.copy_problems(copy, database.key, copied) == []
    with open(copy, "r+b") as writing:
        writing.truncate(copied.size - copied.form.page_size)
    assert backup_copy.copy_problems(copy, database.key, copied) == [
        f"the copy on the disk is {copied.size - 4096:,} bytes where {copied.size:,} were "
        "read (a failing disk or drive?)"]


def test_a_damaged_page_in_the_database_is_caught_before_the_backup_counts(
        database: Database, database_path: Path, tmp_path: Path) -> None:
    """A page that no longer authenticates with the key (a bad sector) is copied faithfully,
    so the page check of the copy is what catches it."""
    assert database.key is not None
    _add_people(database, 3000)
    key = database.key
    database.close()
    connection = connect_raw(database_path, key)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    connection.close()
    data = bytearray(database_path.read_bytes())
    data[len(data) - 3000] ^= 0x10  # inside the last page, away from the schema on page 1
    database_path.write_bytes(bytes(data))
    damaged = Database.open(database_path, key)
    try:
        with pytest.raises(DatabaseProblem, match="failed its check: damaged page"):
            maintenance.backup_database(damaged, tmp_path / "backup.db")
    finally:
        damaged.close()
    assert not list(tmp_path.glob("backup.db*"))


def test_when_no_byte_copy_can_be_had_the_copy_is_rewritten_and_checked_whole(
        database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A log kept busy by a long reader elsewhere: the backup is still made, the old way."""
    assert database.key is not None
    _add_people(database, 40)
    monkeypatch.setattr(backup_copy, "snapshot_copy", lambda *args: None)
    checked = []
    verify = maintenance.verify_copy
    monkeypatch.setattr(maintenance, "verify_copy",
                        lambda path, key: checked.append(path) or verify(path, key))
    made = maintenance.backup_database(database, tmp_path / "backup.db")
    assert checked and _people_in(made, database.key) == 40


def test_the_structure_is_checked_once_a_day_and_a_failure_keeps_every_backup(
        database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "share"
    folder.mkdir()
    plan = backups.save_plan(database, BackupPlan(folder, every_hours=1, keep_daily=1,
                                                  keep_weekly=0))
    assert structure_check.is_due(database, NOON)
    assert structure_check.check_structure(database, NOON) == []
    assert structure_check.last_check(database) == structure_check.StructureCheck(
        NOON.date(), True)
    assert not structure_check.is_due(database, NOON + dt.timedelta(hours=11))
    tomorrow = NOON + dt.timedelta(days=1)
    assert structure_check.is_due(database, tomorrow)
    # The rota keeps one daily copy while the database is sound...
    for hour in range(3):
        backups.make_backup(database, plan, NOON + dt.timedelta(hours=hour))
    assert len(backups.backups_in(folder)) == 1
    # ...and deletes none once the structure check has failed.
    monkeypatch.setattr(structure_check, "structure_problems",
                        lambda connection: ["damaged structure: page 7 is never used"])
    assert structure_check.check_structure(database, tomorrow) == [
        "damaged structure: page 7 is never used"]
    for hour in range(3):
        backups.make_backup(database, plan, tomorrow + dt.timedelta(hours=hour))
    assert len(backups.backups_in(folder)) == 4
    status = backups.backup_status(plan, tomorrow + dt.timedelta(hours=3),
                                   structure_check.last_check(database))
    assert status.warning and "Check the database" in status.text
    # The setting is this installation's: export-data leaves it out.
    from desktop.services.interchange import export_data
    assert "settings" not in export_data(database)


def test_a_check_stopped_because_the_app_closes_records_nothing(
        database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """Closing interrupts the daily check instead of waiting for it: no verdict is kept, so
    it runs again another time, and the rota is not held up by a check that never ended."""
    def stopped_part_way(connection: Any) -> list[str]:
        # A statement that stops the check while it runs, as closing the window does.
        connection.create_function("close_window", 1,
                                   lambda _row: structure_check.interrupt())
        connection.execute(
            "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n LIMIT 100000) "
            "SELECT close_window(x) FROM n").fetchall()
        return ["never reached"]

    monkeypatch.setattr(structure_check, "structure_problems", stopped_part_way)
    assert structure_check.check_structure(database, NOON) is None
    assert structure_check.last_check(database) is None
    assert structure_check.is_due(database, NOON)

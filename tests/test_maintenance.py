"""Backup, restore, check and unlock: the user's data survives every mistake and mishap."""

from __future__ import annotations

import secrets
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.models import Agency, Person
from desktop.models.database import CannotOpen, Database, DatabaseProblem
from desktop.models.keystore import KeyProblem, KeyStore, account_for, format_recovery_key
from desktop.models.opening import open_database
from desktop.services import maintenance
from desktop.services.restore import restore_database


def _add_people(database: Database, count: int, prefix: str = "p") -> None:
    with database.transaction() as session:
        session.add_all(Person(key=f"{prefix}{i}", name=f"Person {i}") for i in range(count))


def _count_people(database: Database) -> int:
    with database.session() as session:
        return int(session.scalar(select(func.count()).select_from(Person)) or 0)


def test_check_passes_on_a_healthy_database(database, database_path):
    _add_people(database, 10)
    report = maintenance.check_database(database_path, KeyStore())
    assert report.ok, report.problems
    assert report.schema == report.newest_schema


def test_check_reports_a_truncated_file(database, database_path, tmp_path):
    _add_people(database, 3000)  # enough rows for many pages
    backup = maintenance.backup_database(database, tmp_path / "whole.db")
    database.close()
    data = backup.read_bytes()
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(data[: len(data) // 2 + 100])
    keys = KeyStore({"BOARDWORK_DATABASE_KEY": database.key.hex()})  # type: ignore[union-attr]
    report = maintenance.check_database(damaged, keys)
    assert not report.ok
    assert any("cut short" in p or "damaged" in p for p in report.problems)


def test_check_reports_a_file_that_is_not_a_database(tmp_path, env_key):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database" * 500)
    report = maintenance.check_database(junk, KeyStore({"BOARDWORK_DATABASE_KEY": env_key}))
    assert not report.ok and "does not open" in report.problems[-1]


def test_backup_is_encrypted_consistent_and_opens_with_the_same_key(database, tmp_path):
    _add_people(database, 50)
    written = maintenance.backup_database(database, tmp_path)
    assert written.parent == tmp_path and written.name.startswith("boardwork-backup-")
    assert b"Person 1" not in written.read_bytes()
    copy = Database.open(written, database.key)  # type: ignore[arg-type]
    assert _count_people(copy) == 50
    copy.close()


def test_backup_while_the_app_is_writing_is_a_consistent_snapshot(database, tmp_path):
    """Each writer transaction adds a person and an agency together; a copy has equal numbers."""
    stop = threading.Event()

    def keep_writing() -> None:
        i = 0
        while not stop.is_set():
            with database.transaction() as session:
                session.add(Person(key=f"w{i}", name="Writer"))
                session.add(Agency(key=f"w{i}", name="Writer agency"))
            i += 1

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        copies = [maintenance.backup_database(database, tmp_path / f"b{n}.db") for n in range(3)]
    finally:
        stop.set()
        writer.join()
    for path in copies:
        copy = Database.open(path, database.key)  # type: ignore[arg-type]
        with copy.session() as session:
            people = session.scalar(select(func.count()).select_from(Person))
            agencies = session.scalar(select(func.count()).select_from(Agency))
        copy.close()
        assert people == agencies


def test_backup_refuses_to_overwrite_the_database(database, database_path):
    with pytest.raises(DatabaseProblem):
        maintenance.backup_database(database, database_path)


def test_restore_replaces_the_database_and_keeps_the_replaced_file(
    database, database_path, tmp_path
):
    _add_people(database, 5)
    backup = maintenance.backup_database(database, tmp_path / "backup.db")
    _add_people(database, 7, prefix="later")
    database.close()
    result = restore_database(database_path, backup, KeyStore())
    restored = open_database(database_path, KeyStore(), create=False).database
    assert _count_people(restored) == 5
    restored.close()
    assert result.replaced_copy is not None and result.replaced_copy.exists()
    kept = Database.open(result.replaced_copy, database.key)  # type: ignore[arg-type]
    assert _count_people(kept) == 12
    kept.close()


def test_restore_of_a_damaged_backup_changes_nothing(database, database_path, tmp_path):
    _add_people(database, 2000)
    backup = maintenance.backup_database(database, tmp_path / "backup.db")
    database.close()
    truncated = tmp_path / "truncated.db"
    truncated.write_bytes(backup.read_bytes()[:8192])
    before = database_path.read_bytes()
    with pytest.raises(DatabaseProblem, match="nothing was changed"):
        restore_database(database_path, truncated, KeyStore())
    assert database_path.read_bytes() == before


def test_restore_of_a_backup_with_another_key_needs_its_recovery_key(database_path, tmp_path):
    other_key = secrets.token_hex(32)
    other_path = tmp_path / "other" / "boardwork.db"
    other = open_database(other_path, KeyStore({"BOARDWORK_DATABASE_KEY": other_key})).database
    _add_people(other, 3)
    other.close()
    open_database(database_path, KeyStore()).database.close()
    with pytest.raises(DatabaseProblem, match="recovery key"):
        restore_database(database_path, other_path, KeyStore())
    recovery = format_recovery_key(bytes.fromhex(other_key))
    restore_database(database_path, other_path, KeyStore(), recovery)
    reopened = open_database(database_path, KeyStore(), create=False).database
    assert _count_people(reopened) == 3
    reopened.close()


def test_unlock_puts_the_key_back_after_the_keyring_was_lost(database_path, memory_keyring):
    opened = open_database(database_path, KeyStore())
    opened.database.close()
    memory_keyring.passwords.clear()  # a rebuilt laptop profile
    with pytest.raises(KeyProblem, match="unlock --recovery-key"):
        open_database(database_path, KeyStore())
    wrong = format_recovery_key(secrets.token_bytes(32))
    with pytest.raises(CannotOpen):
        maintenance.unlock_database(database_path, KeyStore(), wrong)
    assert memory_keyring.passwords == {}
    assert opened.recovery_key is not None
    maintenance.unlock_database(database_path, KeyStore(), opened.recovery_key)
    assert ("Boardwork", account_for(database_path)) in memory_keyring.passwords
    open_database(database_path, KeyStore()).database.close()


def test_unlock_of_a_missing_file(tmp_path: Path):
    with pytest.raises(DatabaseProblem, match="no database"):
        maintenance.unlock_database(tmp_path / "none.db", KeyStore(), "00" * 32)

"""Restore and create never lose a database or a key (issue 14, points 3 to 6)."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import keyring.backends.fail
import pytest
from sqlalchemy import func, select

from desktop.models import Person
from desktop.models.database import Database, DatabaseProblem
from desktop.models.keystore import ENV_VAR, KeyProblem, KeyStore, account_for, format_recovery_key
from desktop.models.lock import DatabaseInUse, DatabaseLock, holding
from desktop.models.opening import open_database
from desktop.services import maintenance
from desktop.services.restore import restore_database
from tests.support.step_faults import count_people

ROOT = Path(__file__).resolve().parent.parent


def add_people(database: Database, count: int, prefix: str = "p") -> None:
    with database.transaction() as session:
        session.add_all(Person(key=f"{prefix}{i}", name=f"Person {i}") for i in range(count))


@pytest.fixture
def live_and_backup(database: Database, database_path: Path, tmp_path: Path):
    """A database of 12 people, and a backup of it taken at 5."""
    add_people(database, 5)
    backup = maintenance.backup_database(database, tmp_path / "backup.db")
    add_people(database, 7, prefix="later")
    database.close()
    assert database.key is not None
    return database_path, backup, database.key


def test_restore_is_refused_while_a_window_has_the_database_open(live_and_backup):
    """The window's own lock, taken in another process as the GUI takes it."""
    path, backup, key = live_and_backup
    child = subprocess.Popen(
        [sys.executable, "-c", "import sys; from pathlib import Path;"
         "from desktop.app import lock_for_gui; lock = lock_for_gui(Path(sys.argv[1]));"
         "print('LOCKED' if lock else 'REFUSED', flush=True); sys.stdin.read()", str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "LOCKED"
        before = path.read_bytes()
        with pytest.raises(DatabaseInUse, match="open in Boardwork"):
            restore_database(path, backup, KeyStore())
        assert path.read_bytes() == before
        assert not list(path.parent.glob("*.replaced-*"))
    finally:
        child.communicate("", timeout=30)
    # The window has closed: now the restore goes ahead.
    restore_database(path, backup, KeyStore())
    assert count_people(path, key) == 5


def test_a_window_cannot_take_the_database_during_a_restore(database_path):
    with holding(database_path):
        assert not DatabaseLock(database_path).try_acquire()
    lock = DatabaseLock(database_path)
    assert lock.try_acquire()
    lock.release()


def test_restore_of_the_database_onto_itself_is_refused(live_and_backup):
    path, _, key = live_and_backup
    with pytest.raises(DatabaseProblem, match="the database itself"):
        restore_database(path, path, KeyStore())
    assert count_people(path, key) == 12


def test_a_disk_full_during_the_copy_leaves_the_database_where_it_was(
    live_and_backup, monkeypatch
):
    """The copy is cut short as on a full tmpfs: no `.partial` or `.replaced` is left, and
    the next command opens the original rather than making a new empty database."""
    import desktop.models.database as database_module

    path, backup, key = live_and_backup
    real_connect = database_module.connect_raw

    def connect_to_a_small_disk(target: Path, with_key: bytes, read_only: bool = False,
                                *more: object):
        connection = real_connect(target, with_key, read_only, *more)
        real_execute = connection.execute

        def execute(sql: str, *args):  # the copy may grow to 3 pages only
            if "sqlcipher_export" in sql:
                real_execute("PRAGMA copy.max_page_count = 3").fetchall()
            return real_execute(sql, *args)

        class Limited:
            def __getattr__(self, name: str):
                return execute if name == "execute" else getattr(connection, name)

        return Limited()

    monkeypatch.setattr(database_module, "connect_raw", connect_to_a_small_disk)
    before = path.read_bytes()
    with pytest.raises(DatabaseProblem, match=r"nothing was changed.*not enough free space"):
        restore_database(path, backup, KeyStore())
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == sorted(
        ["backup.db", "boardwork.db", "boardwork.db.lock"])
    opened = open_database(path, KeyStore())
    assert opened.recovery_key is None  # the original, not a new one
    opened.database.close()
    assert count_people(path, key) == 12


def test_an_empty_file_is_never_replaced_and_its_key_never_overwritten(
    database_path, memory_keyring
):
    database_path.write_bytes(b"")
    memory_keyring.set_password("Boardwork", account_for(database_path), "ab" * 32)
    with pytest.raises(DatabaseProblem, match="empty file"):
        open_database(database_path, KeyStore())
    assert database_path.read_bytes() == b""
    assert memory_keyring.get_password("Boardwork", account_for(database_path)) == "ab" * 32
    report = maintenance.check_database(database_path, KeyStore())
    assert not report.ok and "empty file (0 bytes)" in report.problems[0]


def test_a_new_database_keeps_a_key_already_in_the_keyring(database_path, memory_keyring):
    """A key left by a deleted database is the user's: it is used, not replaced."""
    memory_keyring.set_password("Boardwork", account_for(database_path), "cd" * 32)
    opened = open_database(database_path, KeyStore())
    opened.database.close()
    assert memory_keyring.get_password("Boardwork", account_for(database_path)) == "cd" * 32
    assert opened.recovery_key == format_recovery_key(bytes.fromhex("cd" * 32))


def test_create_never_replaces_a_file_that_appears_meanwhile(database_path, monkeypatch):
    import desktop.models.opening as opening

    real_build = opening.Database.open

    def open_and_race(path: Path, key: bytes):
        database_path.write_bytes(b"someone else's file")
        return real_build(path, key)

    monkeypatch.setattr(opening.Database, "open", open_and_race)
    with pytest.raises(DatabaseProblem, match="left as it is"):
        open_database(database_path, KeyStore())
    assert database_path.read_bytes() == b"someone else's file"
    assert not list(database_path.parent.glob("*.creating*"))


def test_a_backup_with_another_key_is_restored_under_the_databases_own_key(
    database_path, tmp_path, memory_keyring
):
    """The keyring keeps its key; the replaced file still opens with it."""
    other_key = secrets.token_hex(32)
    other_path = tmp_path / "other" / "boardwork.db"
    other = open_database(other_path, KeyStore({ENV_VAR: other_key})).database
    add_people(other, 3)
    other.close()
    live = open_database(database_path, KeyStore())
    add_people(live.database, 4)
    live.database.close()
    own_key = live.database.key
    assert own_key is not None
    result = restore_database(database_path, other_path, KeyStore(),
                              format_recovery_key(bytes.fromhex(other_key)))
    assert memory_keyring.get_password("Boardwork", account_for(database_path)) == own_key.hex()
    assert count_people(database_path, own_key) == 3
    assert result.replaced_copy is not None
    assert count_people(result.replaced_copy, own_key) == 4
    assert "same key" in result.key_note
    kept = KeyStore().find(result.replaced_copy)  # `--database <replaced>` finds its key
    assert kept == own_key


def test_restore_with_a_recovery_key_in_environment_key_mode_changes_nothing_or_all(
    tmp_path, env_key
):
    """It used to replace the file, then stop with "No keyring is available"."""
    keyring.set_keyring(keyring.backends.fail.Keyring())
    other_key = secrets.token_hex(32)
    other_path = tmp_path / "other.db"
    other = open_database(other_path, KeyStore({ENV_VAR: other_key})).database
    add_people(other, 3)
    other.close()
    path = tmp_path / "live.db"
    keys = KeyStore({ENV_VAR: env_key})
    live = open_database(path, keys).database
    add_people(live, 4)
    live.close()
    result = restore_database(path, other_path, keys,
                              format_recovery_key(bytes.fromhex(other_key)))
    assert count_people(path, bytes.fromhex(env_key)) == 3
    assert result.replaced_copy is not None
    assert count_people(result.replaced_copy, bytes.fromhex(env_key)) == 4
    assert "BOARDWORK_DATABASE_KEY" in result.key_note


def test_restore_without_a_key_anywhere_is_refused_before_anything_changes(
    database_path, tmp_path
):
    other_key = secrets.token_hex(32)
    backup = tmp_path / "backup.db"
    open_database(backup, KeyStore({ENV_VAR: other_key})).database.close()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    with pytest.raises(KeyProblem, match="No keyring"):
        restore_database(database_path, backup, KeyStore(),
                         format_recovery_key(bytes.fromhex(other_key)))
    assert not database_path.exists()


def test_restore_onto_a_database_whose_key_was_lost_stores_the_backups_key(
    live_and_backup, memory_keyring
):
    """No key overwritten (there was none); the replaced file keeps its own key."""
    path, backup, key = live_and_backup
    memory_keyring.passwords.clear()
    result = restore_database(path, backup, KeyStore(), format_recovery_key(key))
    assert KeyStore().find(path) == key
    assert "own recovery key" in result.key_note
    assert count_people(path, key) == 5


def test_a_backup_from_an_older_version_is_upgraded_before_it_replaces_anything(
    live_and_backup, monkeypatch
):
    """The upgrade runs on the copy beside the database: a failure there changes nothing."""
    from alembic import command

    from desktop.models import migrate as migrate_module
    from desktop.models.migrate import HEAD_REVISION, migrate, stored_revision

    path, backup, key = live_and_backup
    old = Database.open(backup, key)
    migrate(old, lambda config: command.downgrade(config, "0001"))
    old.close()
    before = path.read_bytes()

    def failing(*_args, **_kwargs):
        raise DatabaseProblem("the upgrade failed")

    monkeypatch.setattr(migrate_module, "migrate", failing)
    with pytest.raises(DatabaseProblem, match="nothing was changed"):
        restore_database(path, backup, KeyStore())
    assert path.read_bytes() == before
    monkeypatch.undo()
    restore_database(path, backup, KeyStore())
    restored = Database.open(path, key)
    assert stored_revision(restored) == HEAD_REVISION
    restored.close()
    assert count_people(path, key) == 5
    assert not list(path.parent.glob("*.before-upgrade-*"))  # the backup was the copy


def test_restore_from_the_command_line_says_where_the_old_file_is_and_how_it_opens(
    live_and_backup, capsys
):
    from desktop.cli import main

    path, backup, _ = live_and_backup
    assert main(["--database", str(path), "restore", str(backup)]) == 0
    out = capsys.readouterr().out
    assert "Restored" in out and ".replaced-" in out and "opens with that same key" in out


def _as_on_a_read_only_disk(path: Path) -> None:
    """SQLite cannot make the shared-memory file beside it, as on a write-protected stick
    (a link to nowhere does that for any user, root included)."""
    path.with_name(path.name + "-shm").symlink_to(path.parent / "no-such-folder" / "shm")


def test_a_backup_on_a_read_only_disk_can_be_restored(live_and_backup):
    path, backup, key = live_and_backup
    wal_backup = backup.with_name("wal-mode.db")  # as the previous version left its backups
    database = Database.open(backup, key)
    maintenance.backup_database(database, wal_backup)
    database.close()
    Database.open(wal_backup, key).close()  # a read-write open turns it to WAL mode
    _as_on_a_read_only_disk(wal_backup)
    restore_database(path, wal_backup, KeyStore())
    assert count_people(path, key) == 5


def test_a_database_on_a_read_only_disk_opens_read_only(live_and_backup, monkeypatch):
    import desktop.models.opening as opening

    path, _, _ = live_and_backup
    _as_on_a_read_only_disk(path)
    monkeypatch.setattr(opening, "writable", lambda _path: False)
    opened = open_database(path, KeyStore())
    assert opened.database.read_only
    with opened.database.session() as session:
        assert session.scalar(select(func.count()).select_from(Person)) == 12
    opened.database.close()


def test_a_backup_is_one_self_contained_file(live_and_backup):
    """Rollback-journal mode, not WAL: it reads from any medium with nothing beside it."""
    from desktop.models.database import connect_raw

    _, backup, key = live_and_backup
    assert sorted(p.name for p in backup.parent.glob("backup.db*")) == ["backup.db"]
    connection = connect_raw(backup, key, read_only=True)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    connection.close()

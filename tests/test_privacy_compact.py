"""Compacting the database (services/privacy/compact.py): text deleted before deletes were
secure is gone from the file itself, every row is kept, the file opens with the same key and
passes both checks; refused in words, with nothing changed, on a full disk or while another
process writes."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.models.database import Database
from desktop.models.keystore import KeyStore
from desktop.models.lock import DatabaseInUse
from desktop.models.opening import open_database
from desktop.models.settings import Setting
from desktop.services.people import PersonInput, save_person
from desktop.services.privacy.compact import (
    MIB,
    NotEnoughSpace,
    compact_database,
    last_compacted,
    may_hold_deleted_text,
)
from tests.compact_support import (
    DELETED,
    KEPT,
    checks,
    every_row,
    fingerprint,
    old_style_deletes,
)
from tests.raw_pages import still_there

ROOT = Path(__file__).resolve().parent.parent


def _key(database: Database) -> bytes:
    assert database.key is not None
    return database.key


def test_text_deleted_before_is_gone_from_the_file_and_every_row_is_kept(
        database: Database, database_path: Path):
    save_person(database, None, PersonInput(KEPT, email="kept@example.org"))
    old_style_deletes(database, filler=300)
    key = _key(database)
    assert still_there(database_path, key, DELETED, "Trembelowitz") == [DELETED, "Trembelowitz"]
    assert may_hold_deleted_text(database)
    rows = every_row(database_path, key)

    done = compact_database(database)

    assert still_there(database_path, key, DELETED, "Trembelowitz") == []
    assert still_there(database_path, key, KEPT) == [KEPT]
    assert done.log_emptied and done.after_bytes < done.before_bytes
    assert done.after_bytes == database_path.stat().st_size
    assert not database_path.with_name(database_path.name + "-wal").stat().st_size
    assert f"{done.before_bytes / MIB:.1f} MB before" in done.message()
    assert not may_hold_deleted_text(database)
    assert last_compacted(database) is not None
    database.close()
    # Opened again with the same key: the same rows, both checks passing, and nothing of
    # the deleted text anywhere in the file or its log.
    again = open_database(database_path, KeyStore()).database
    try:
        assert again.key == key
        after = every_row(database_path, key)
        marks = [row for row in after["setting"] if row[0] == "privacy.compacted"]
        assert len(marks) == 1  # the day it was compacted: the one row added
        after["setting"].remove(marks[0])
        assert after == rows
        # cipher_integrity_check lists the pages that fail their HMAC: none.
        assert checks(database_path, key) == ([], ["ok"])
        assert still_there(database_path, key, DELETED, "Trembelowitz") == []
    finally:
        again.close()


def test_a_new_database_is_never_offered_compacting(database: Database):
    """Made since deletes became secure, it has nothing of the kind to give back."""
    assert last_compacted(database) is not None
    assert not may_hold_deleted_text(database)


def test_refused_without_the_room_with_nothing_changed(database: Database,
                                                        database_path: Path):
    old_style_deletes(database)
    before = fingerprint(database_path)
    with pytest.raises(NotEnoughSpace) as refused:
        compact_database(database, free_space=lambda _folder: 3 * MIB)
    message = str(refused.value)
    assert "3.0 MB free" in message and "needs about" in message
    assert "nothing was changed" in message
    assert fingerprint(database_path) == before
    assert still_there(database_path, _key(database), DELETED) == [DELETED]


_WRITER = """
import sys
from pathlib import Path
from desktop.models.database import connect_raw
raw = connect_raw(Path(sys.argv[1]), bytes.fromhex(sys.argv[2]))
raw.execute("BEGIN IMMEDIATE")
raw.execute("INSERT INTO setting (name, value) VALUES ('test.writer', 'busy')")
print("holding", flush=True)
sys.stdin.readline()
raw.execute("ROLLBACK")
raw.close()
"""


def test_another_process_writing_gets_a_plain_message(database: Database,
                                                       database_path: Path):
    """A second process in the middle of a change: refused once the wait is over, saying
    what to do, and the database as it was."""
    old_style_deletes(database)
    rows = every_row(database_path, _key(database))
    writer = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(database_path), _key(database).hex()],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "holding"
        with pytest.raises(DatabaseInUse) as refused:
            compact_database(database, busy_timeout_ms=200)
        assert "is writing to" in str(refused.value)
        assert "nothing was changed" in str(refused.value)
        assert "Traceback" not in str(refused.value)
    finally:
        assert writer.stdin is not None
        writer.stdin.write("\n")
        writer.stdin.close()
        writer.wait(timeout=60)
    assert every_row(database_path, _key(database)) == rows
    assert still_there(database_path, _key(database), DELETED) == [DELETED]
    assert not database.writes_are_paused  # the app's own writers go on


def test_the_apps_own_writes_wait_for_the_compaction(database: Database,
                                                      database_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch):
    """A change made meanwhile in this process (the minutes autosave's thread) is queued,
    not refused: it is written once the file is compacted, and it is kept."""
    from desktop.services.privacy import compact

    old_style_deletes(database)
    original = compact._rewrite
    order: list[str] = []
    writer: list[threading.Thread] = []

    def save() -> None:
        with database.transaction() as session:
            session.add(Setting(name="test.autosave", value="typed meanwhile"))
        order.append("saved")

    def rewrite(connection: object, path: Path) -> None:
        thread = threading.Thread(target=save)
        thread.start()
        writer.append(thread)
        thread.join(timeout=0.3)
        assert thread.is_alive()  # waiting at the gate, not writing
        original(connection, path)
        order.append("compacted")

    monkeypatch.setattr(compact, "_rewrite", rewrite)
    compact_database(database)
    writer[0].join(timeout=30)
    assert order == ["compacted", "saved"]
    with database.session() as session:
        assert session.scalar(select(Setting.value).where(
            Setting.name == "test.autosave")) == "typed meanwhile"


def test_a_read_only_database_is_refused(database_path: Path, database: Database):
    from desktop.models.database import ReadOnlyDatabase

    reader = Database.open(database_path, _key(database), read_only=True)
    try:
        with pytest.raises(ReadOnlyDatabase):
            compact_database(reader)
        assert not may_hold_deleted_text(reader)
    finally:
        reader.close()


_READER = """
import sys
from pathlib import Path
from desktop.models.database import connect_raw
raw = connect_raw(Path(sys.argv[1]), bytes.fromhex(sys.argv[2]), read_only=True)
raw.execute("BEGIN")
raw.execute("SELECT count(*) FROM setting").fetchone()
print("reading", flush=True)
sys.stdin.readline()
raw.execute("COMMIT")
raw.close()
"""


def test_another_process_reading_is_said_and_the_next_compaction_finishes(
        database: Database, database_path: Path):
    """A backup or an export reading the database meanwhile: the file is rewritten, but the
    new pages stay in the log until that reader is done, and the message says so; once it
    is, compacting again finishes and nothing of the deleted text is left."""
    old_style_deletes(database)
    key = _key(database)
    reader = subprocess.Popen(
        [sys.executable, "-c", _READER, str(database_path), key.hex()],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert reader.stdout is not None and reader.stdout.readline().strip() == "reading"
        done = compact_database(database, busy_timeout_ms=200)
        assert not done.log_emptied
        assert "was reading it" in done.message() and "compact again" in done.message()
    finally:
        assert reader.stdin is not None
        reader.stdin.write("\n")
        reader.stdin.close()
        reader.wait(timeout=60)
    again = compact_database(database)
    assert again.log_emptied
    assert still_there(database_path, key, DELETED) == []


def test_the_copy_kept_from_before_an_upgrade_is_named_as_still_holding_it(
        database: Database, database_path: Path):
    """Compacting clears the database's own file only: the copy the upgrade kept beside it
    still holds what it held, and the result says so, by name."""
    old_style_deletes(database)
    kept = database_path.with_name(
        f"{database_path.stem}.before-upgrade-0011-20261202-101500{database_path.suffix}")
    kept.write_bytes(b"an earlier copy")
    other = database_path.with_name(f"{database_path.stem}-notes{database_path.suffix}")
    other.write_bytes(b"not a copy of this database")
    done = compact_database(database)
    assert done.upgrade_copies == (kept,)
    said = done.message()
    assert f"The copy kept beside it from before an upgrade ({kept.name}) still holds" in said
    assert "delete it once you are sure the upgraded database is fine" in said
    kept.unlink()
    assert "before an upgrade" not in compact_database(database).message()

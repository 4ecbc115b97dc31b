"""A backup as a byte copy of the encrypted file, taken at one moment and proved whole.

Why bytes: every page of the database file is already encrypted with the key, so copying the
file is the backup. Re-writing it row by row (`sqlcipher_export`) decrypted and re-encrypted
every page and re-built every index: 28× a plain `cp` of the ten-year database
(benchmarks/FINDINGS.md, issue 19 session 5).

Why it is one moment, even while the app writes: the database is in WAL mode, where committed
changes first go to `<name>-wal` and a checkpoint later writes them into the file. Here the
log is checkpointed and emptied (TRUNCATE), then a read transaction begins and the log is seen
to be still empty. A reader that began on an empty log reads the file alone, and SQLite lets
no checkpoint write into the file until that reader ends (the checkpointer needs read-lock 0
exclusively). Writers go on appending to the log meanwhile: the file holds exactly what was
committed when the read began. When the log cannot be emptied (a long reader elsewhere), or
the database is read-only, the caller falls back to `sqlcipher_export`.

Why it is known good before it counts: the SHA-256 of the bytes read is compared with that of
the bytes read back from the copy's file once it was synced to disk (what the file holds, not
what was meant to be written), and
`PRAGMA cipher_integrity_check` authenticates every page of the copy with the key (a changed
byte, a page out of place or another key is caught). The b-tree check (`integrity_check`)
of the database itself is in services/structure_check.py, run daily in the background; a
restore runs it on the backup before using it.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import sqlcipher3

from desktop.models.database import CannotOpen, connect_raw

CHUNK = 4 << 20  # 4 MB reads: large enough that Python's loop costs nothing
TRIES = 3  # an empty log is usually had at once; a busy writer may need another go


def snapshot_copy(path: Path, key: bytes, dest: Path) -> str | None:
    """Copy the database file at one moment to `dest` (fsynced); the SHA-256 of the bytes
    read, or None when no moment with an empty log could be had (nothing written)."""
    try:
        connection = connect_raw(path, key)  # writable: the checkpoint writes into the file
    except CannotOpen:
        return None
    try:
        for _ in range(TRIES):
            digest = _copy_if_log_empty(connection, path, dest)
            if digest is not None:
                return digest
        return None
    finally:
        connection.close()


def _copy_if_log_empty(connection: Any, path: Path, dest: Path) -> str | None:
    try:
        # Waits (busy timeout) for readers of the log to finish, then empties it.
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    except sqlcipher3.OperationalError:
        return None
    connection.execute("BEGIN")
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the read begins
        log = path.with_name(path.name + "-wal")
        if log.exists() and log.stat().st_size > 0:
            return None  # a writer came in between: the read may be using the log
        return copy_bytes(path, dest)
    finally:
        connection.execute("COMMIT")


def copy_bytes(source: Path, dest: Path) -> str:
    """Copy `source` to a new file `dest`, on disk before returning; the bytes' SHA-256."""
    digest = hashlib.sha256()
    with open(source, "rb") as reading, open(dest, "xb") as writing:
        while chunk := reading.read(CHUNK):
            digest.update(chunk)
            writing.write(chunk)
        writing.flush()
        os.fsync(writing.fileno())
    return digest.hexdigest()


def digest_of(path: Path) -> str:
    with open(path, "rb") as reading:
        return hashlib.file_digest(reading, "sha256").hexdigest()


def as_one_file(path: Path, key: bytes) -> None:
    """The copy in rollback-journal mode, as a `sqlcipher_export` copy is: opening it to read
    (a restore, a check) then leaves no `-wal` or `-shm` files beside it in the backup folder.
    SQLite rewrites page 1 for this, so it comes after the byte comparison and before the
    pages are authenticated."""
    connection = connect_raw(path, key)
    try:
        connection.execute("PRAGMA journal_mode = DELETE").fetchall()
    finally:
        connection.close()


def page_problems(path: Path, key: bytes) -> list[str]:
    """Every page of the file at `path` authenticated with `key` (SQLCipher's HMAC)."""
    try:
        connection = connect_raw(path, key, read_only=True)
    except CannotOpen as exc:
        return [str(exc)]
    try:
        return pages_not_authentic(connection)
    except sqlcipher3.DatabaseError as exc:
        return [f"the file is damaged: {exc}"]
    finally:
        connection.close()


def pages_not_authentic(connection: Any) -> list[str]:
    """SQLCipher's HMAC check of every page on an open connection, in words."""
    return [f"damaged page: {message}" for (message,) in
            connection.execute("PRAGMA cipher_integrity_check").fetchall()]

"""The encrypted database file: opening it with its key, sessions and units of work.

SQLCipher is opened with the raw 256-bit key (`PRAGMA key = "x'…'"`), which skips the
key-derivation function a passphrase would cost on every connection.
"""

from __future__ import annotations

import contextlib
import errno
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from desktop.models.search_index import register_functions

BUSY_TIMEOUT_MS = 10_000
# SQLCipher's cache of decrypted pages, per connection, in KiB. The search keeps the index's
# pages for the common words between searches in a larger one, on a connection of its own
# (`Database.search_engine`): 8 MB against 2 MB was 4.3 against 15.5 ms for four searches
# (benchmarks/FINDINGS.md). Every other connection keeps SQLite's default 2 MB: the lists
# and the Overview read their rows once, and an 8 MB cache on the connection they share was
# 3 MB of the peak memory with every action listed (issue 19, session 7).
CACHE_KIB = 2000
SEARCH_CACHE_KIB = 8192


class DatabaseProblem(Exception):
    """The database cannot be used; the message says why in plain words."""


class CannotOpen(DatabaseProblem):
    """The key does not open the file, or the file is not a (whole) Boardwork database."""


class ReadOnlyDatabase(DatabaseProblem):
    """A change was asked of a database opened read-only; the message says why it is."""


def _key_pragma(key: bytes) -> str:
    return f"PRAGMA key = \"x'{key.hex()}'\""


def connect_raw(path: Path, key: bytes, read_only: bool = False,
                cache_kib: int = CACHE_KIB) -> Any:
    """A DB-API connection to `path`, keyed, checked, with the pragmas every connection needs.

    `read_only` opens it so that nothing, not even the journal mode, is written to it: for
    checks, copies and a database on a read-only disk. `cache_kib`: its page cache.
    """
    if not read_only:
        return _connect(str(path), path, key, read_only=False, cache_kib=cache_kib)
    uri = path.resolve().as_uri()
    try:
        return _connect(uri + "?mode=ro", path, key, read_only=True, cache_kib=cache_kib)
    except CannotOpen as exc:
        if "unable to open" not in str(exc.__cause__):
            raise
        # On a read-only disk SQLite cannot make the shared-memory file that reading a WAL
        # database needs. With no log beside it (or an empty one) the file alone is the
        # whole database, and "immutable" reads it without that file.
        log = path.with_name(path.name + "-wal")
        if log.exists() and log.stat().st_size > 0:
            raise
        return _connect(uri + "?mode=ro&immutable=1", path, key, read_only=True,
                        cache_kib=cache_kib)


def _connect(target: str, path: Path, key: bytes, read_only: bool, cache_kib: int) -> Any:
    connection = sqlcipher3.connect(target, timeout=BUSY_TIMEOUT_MS / 1000,
                                    check_same_thread=False, uri=read_only)
    try:
        # SQLCipher otherwise prints its own lines to stderr about a wrong key.
        connection.execute("PRAGMA cipher_log_level = NONE").fetchall()
        connection.execute(_key_pragma(key))
        # Reading the schema is the first thing that needs the key to be right.
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA foreign_keys = ON")
        # Deleted and overwritten content is overwritten with zeros, in freed pages too: what
        # is erased or anonymised is gone from the file, not left for the next VACUUM.
        connection.execute("PRAGMA secure_delete = ON")
        connection.execute(f"PRAGMA cache_size = -{int(cache_kib)}")
        if not read_only:
            connection.execute("PRAGMA journal_mode = WAL").fetchone()
            connection.execute("PRAGMA synchronous = FULL")
        register_functions(connection)
    except sqlcipher3.DatabaseError as exc:
        connection.close()
        raise CannotOpen(cannot_open_message(path, exc)) from exc
    # Transactions are begun explicitly (see _begin) instead of by the driver's guesswork.
    connection.isolation_level = None
    return connection


def cannot_open_message(path: Path, exc: Exception) -> str:
    if "not a database" in str(exc) or "encrypted" in str(exc):
        return (
            f"The key does not open {path}: either it is not this database's key, or the "
            "file is damaged or not a Boardwork database."
        )
    if "malformed" in str(exc):
        return f"{path} is damaged: its contents are cut short or corrupted ({exc})."
    return f"{path} cannot be opened: {exc}."


class Database:
    """One open database: an engine bound to the file and the sessions made from it."""

    def __init__(self, engine: Engine, path: Path | None = None, key: bytes | None = None,
                 read_only: bool = False):
        self.engine = engine
        self.path = path
        self.key = key
        # Set for a file on a read-only disk or folder: every change is refused up front, in
        # words, instead of failing at the first save.
        self.read_only = read_only
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._search: Engine | None = None  # made at the first search
        self._search_lock = threading.Lock()
        # Closed while the database is compacted (services/privacy/compact.py): a unit of
        # work begun meanwhile in this process waits for it to end instead of failing after
        # the busy timeout (a VACUUM of the ten-year database takes about 25 s).
        self._writes_open = threading.Event()
        self._writes_open.set()
        self._pausing = threading.Lock()

    @classmethod
    def open(cls, path: Path, key: bytes, read_only: bool = False) -> Database:
        """Connect to `path` with `key`; raises CannotOpen with a plain message if it cannot."""
        connect_raw(path, key, read_only).close()  # fail here, clearly, not inside a pool
        engine = _engine(path, key, read_only, CACHE_KIB, pool_size=2)
        _use_explicit_transactions(engine)
        return cls(engine, path, key, read_only)

    @property
    def search_engine(self) -> Engine:
        """The full-text search's own connections (opened at the first search), with the
        larger page cache that keeps the index's pages decrypted between searches; reads
        elsewhere neither fill it nor push the index's pages out of it."""
        if self.path is None or self.key is None:
            return self.engine
        with self._search_lock:
            if self._search is None:
                self._search = _engine(self.path, self.key, self.read_only, SEARCH_CACHE_KIB,
                                       pool_size=1)
            return self._search

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A session for reading; closed, never committed, at the end of the block.

        Rows read stay usable afterwards (detached, not expired), as plain values for views.
        """
        with self._sessions() as session:
            yield session

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back entirely if it raises.

        It takes the write lock at the start (BEGIN IMMEDIATE), waiting up to the busy timeout
        for another writer (the minutes saver's thread, another process) to finish. A deferred
        transaction that read before another writer committed cannot wait: its first write
        fails at once with "database is locked", which a minute-taker adding an action while
        the autosave wrote would have seen.
        """
        if self.read_only:
            raise ReadOnlyDatabase(read_only_message(self.path))
        self._writes_open.wait()
        with self._sessions() as session, session.begin():
            session.connection(execution_options={IMMEDIATE: True})
            yield session

    @contextlib.contextmanager
    def writes_paused(self) -> Iterator[None]:
        """For the block, every `transaction()` begun in this process waits (queued, in the
        order the threads wake) until the block ends. Other processes are kept out by
        SQLite's own write lock, which the work in the block takes."""
        with self._pausing:
            self._writes_open.clear()
            try:
                yield
            finally:
                self._writes_open.set()

    @property
    def writes_are_paused(self) -> bool:
        return not self._writes_open.is_set()

    def close(self) -> None:
        with self._search_lock:
            if self._search is not None:
                self._search.dispose()
                self._search = None
        self.engine.dispose()


def _engine(path: Path, key: bytes, read_only: bool, cache_kib: int, pool_size: int) -> Engine:
    return create_engine(
        "sqlite+pysqlite:///" + str(path),
        creator=lambda: connect_raw(path, key, read_only, cache_kib),
        module=sqlcipher3.dbapi2,
        poolclass=QueuePool,
        pool_size=pool_size,
        # An error's text would otherwise carry the values of the statement (names,
        # minutes): error messages and logs must never hold record contents.
        hide_parameters=True,
    )


IMMEDIATE = "boardwork_begin_immediate"


def read_only_message(path: Path | None) -> str:
    return (
        f"{path or 'The database'} is on a disk or in a folder that cannot be written to, so "
        "it is open read-only: nothing can be changed. To work on it, copy it to a folder "
        "you can write to (or ask IT to restore write access) and open that."
    )


def _use_explicit_transactions(engine: Engine) -> None:
    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get(IMMEDIATE)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def encrypted_copy(path: Path, key: bytes, dest: Path, dest_key: bytes | None = None) -> None:
    """Write a consistent copy of `path` to `dest`, encrypted with `dest_key` (default: `key`).

    Safe while the app has the database open: the copy is made inside one read transaction
    (one snapshot of every table), into a temporary file that only replaces `dest` once whole.
    """
    dest = dest.resolve()
    partial = dest.with_name(dest.name + ".partial")
    partial.unlink(missing_ok=True)
    # Read-only: the copy may come from a write-protected stick, and must not change it.
    connection = connect_raw(path, key, read_only=True)
    try:
        connection.execute(
            f"ATTACH DATABASE {_sql_string(str(partial))} AS copy "
            f"KEY \"x'{(dest_key or key).hex()}'\""
        )
        connection.execute("BEGIN")
        connection.execute("SELECT sqlcipher_export('copy')").fetchall()
        connection.execute("COMMIT")
        connection.execute("DETACH DATABASE copy")
    except sqlcipher3.DatabaseError as exc:
        partial.unlink(missing_ok=True)
        partial.with_name(partial.name + "-journal").unlink(missing_ok=True)
        reason = "there is not enough free space on the disk" if "full" in str(exc) else exc
        raise DatabaseProblem(
            f"The copy of {path} could not be written to {dest}: {reason}."
        ) from exc
    finally:
        connection.close()
    try:
        # The copy is a plain rollback-journal file; make sure it is on disk before it counts.
        with open(partial, "rb+") as handle:
            os.fsync(handle.fileno())
        partial.replace(dest)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise DatabaseProblem(
            f"The copy of {path} could not be written to {dest}: {describe_os_error(exc)}."
        ) from exc


def describe_os_error(exc: OSError) -> str:
    """The reason in words a user can act on (the file name is said by the caller)."""
    if exc.errno == errno.ENOSPC:
        return "there is not enough free space on the disk"
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "the disk or folder cannot be written to"
    return exc.strerror or str(exc)

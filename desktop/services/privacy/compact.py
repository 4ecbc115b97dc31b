"""Compacting the database: the file rewritten with nothing in it but what the tables hold.

Every connection deletes securely now (PRAGMA secure_delete, desktop/models/database.py), and
an erase or anonymisation clears what it leaves behind (leftovers.py). A file used before
that still holds, in its free pages and the unused space inside pages, text deleted back
then, readable by anyone with the file and its key. SQLite's VACUUM writes the database
afresh, page by page, from the tables alone, and that is what this does:

1. refuse, changing nothing, when the disks have not the room for it. VACUUM first copies
   the tables into a temporary database, then writes that copy, in WAL mode, into the log
   beside the file: about the file's size in each place at once. The copy goes to a file
   in the user's temporary folder (SQLite's own choice of folder: `temp_folder`), not to
   memory, where this build's TEMP_STORE=2 would put it: on the ten-year database that
   held 292 MB of memory at the peak, and a laptop's memory does not grow with the
   records. SQLCipher encrypts it with the database's key (tests/test_privacy_compact_temp.py
   reads it); it is deleted as it is closed, or when the process ends, killed or not (on
   Windows a power cut can leave it, encrypted, for the system's clean-up of that folder).
   One disk holding both folders counts both;
2. keep this process's own writers waiting (`Database.writes_paused`), while SQLite's
   write lock keeps other processes' out; a process that holds the lock longer than the
   busy timeout gets the compaction refused in words, with nothing changed;
3. merge the search index into one segment (the entries of deleted rows dropped), VACUUM,
   record the day in the file (`COMPACTED`), and empty the log into the file;
4. check the result opens with the same key, every page authentic
   (cipher_integrity_check) and the structure whole (integrity_check).

VACUUM is one transaction: a full disk or a killed process part-way leaves the database as
it was (tests/test_privacy_compact_failures.py proves both).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import select

from desktop.models.database import (
    BUSY_TIMEOUT_MS,
    Database,
    DatabaseProblem,
    ReadOnlyDatabase,
    connect_raw,
    read_only_message,
)
from desktop.models.lock import DatabaseInUse
from desktop.models.migrate import upgrade_copies
from desktop.models.settings import COMPACTED, Setting
from desktop.services.maintenance import verify_copy
from desktop.services.privacy.leftovers import MERGE_SEARCH_INDEX

MIB = 1024 * 1024
# Room kept beyond the copy: the log's shared-memory index and the file system's own needs.
MARGIN = 16 * MIB
# A VACUUM of the ten-year database (228 MB) took 24.7 s with its copy in memory; the copy
# in a file costs about a quarter more (encrypted as written, decrypted as read back: 7.7 s
# of processor time then 9.5 s, benchmarks/FINDINGS.md): about 0.14 s a MB, for the estimate.
SECONDS_PER_MIB = 0.14

FreeSpace = Callable[[Path], int]


class NotEnoughSpace(DatabaseProblem):
    """The disk has not the room compacting needs; nothing was changed."""


@dataclass(frozen=True)
class Compacted:
    before_bytes: int  # the file and its log, before
    after_bytes: int  # the file (its log emptied), after
    seconds: float
    # False when another program kept reading the database, so the log could not be
    # emptied into the file: the old pages stay in the file until it closes.
    log_emptied: bool
    # The copies made before an upgrade, beside it: they hold what the file held then.
    upgrade_copies: tuple[Path, ...] = ()

    def message(self) -> str:
        took = f"{self.seconds:.1f}" if self.seconds < 10 else f"{self.seconds:.0f}"
        said = (f"The database was compacted in {took} s: "
                f"{megabytes(self.before_bytes)} before, {megabytes(self.after_bytes)} now. "
                "Nothing deleted or erased before can be read in it any more; it was checked "
                "and opens as before.")
        if not self.log_emptied:
            said += (" Another copy of Boardwork or a command was reading it, so the last "
                     "step waits until that closes: close it and compact again to be sure.")
        return said + upgrade_copies_note(self.upgrade_copies)


def upgrade_copies_note(copies: tuple[Path, ...] | list[Path]) -> str:
    """Said wherever compacting is: the copies kept from before an upgrade are not cleared."""
    if not copies:
        return ""
    names = ", ".join(copy.name for copy in copies)
    if len(copies) == 1:
        return (f" The copy kept beside it from before an upgrade ({names}) still holds what "
                "the database held then: delete it once you are sure the upgraded database "
                "is fine.")
    return (f" The copies kept beside it from before upgrades ({names}) still hold what the "
            "database held then: delete them once you are sure the upgraded database is fine.")


def megabytes(size: int) -> str:
    return f"{size / MIB:.1f} MB"


def _size(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0


def _log(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def file_size(path: Path) -> int:
    """The database file and its write-ahead log together."""
    return _size(path) + _size(_log(path))


def temp_folder() -> Path:
    """The folder SQLite puts the temporary copy in: its own rule, as os_unix.c
    (unixTempFileDir) and os_win.c (GetTempPathW) choose it. (SQLite reads the variables
    once, when it starts: the app never changes them.)"""
    if sys.platform == "win32":
        import ctypes

        buffer = ctypes.create_unicode_buffer(300)
        if ctypes.windll.kernel32.GetTempPathW(len(buffer), buffer):
            return Path(buffer.value)
        return Path(os.environ.get("TEMP", "."))
    for folder in (os.environ.get("SQLITE_TMPDIR"), os.environ.get("TMPDIR"), "/var/tmp",
                   "/usr/tmp", "/tmp"):
        if folder and os.path.isdir(folder) and os.access(folder, os.W_OK | os.X_OK):
            return Path(folder)
    return Path(".")


@dataclass(frozen=True)
class Room:
    """Room a compaction needs on the disk holding `folder`, and what for, in words."""

    folder: Path
    needed: int
    why: str


def space_needed(path: Path, temp: Path | None = None) -> list[Room]:
    """The room for the new database written into the log beside the file (about the file
    and its log) and for the temporary copy (about the file): both are there at once at the
    end, so one sum when a disk holds both folders."""
    temp = temp or temp_folder()
    log, copy = file_size(path) + MARGIN, _size(path) + MARGIN
    if _same_disk(path.parent, temp):  # one disk: its own needs (the margin) once
        return [Room(path.parent, log + copy - MARGIN,
                     "twice the database's size, for a moment: a temporary copy and the "
                     "new file")]
    return [Room(path.parent, log, "as much again as the database, for a moment"),
            Room(temp, copy, "for a temporary copy of the database, for a moment")]


def _same_disk(one: Path, other: Path) -> bool:
    try:
        return os.stat(one).st_dev == os.stat(other).st_dev
    except OSError:  # not to be told apart: counted as one disk, the larger sum
        return True


def expected_seconds(path: Path) -> float:
    return max(1.0, file_size(path) / MIB * SECONDS_PER_MIB)


def check_space(path: Path, free_space: FreeSpace | None = None,
                temp: Path | None = None) -> None:
    """Raise NotEnoughSpace, in words with both amounts, unless each disk has the room."""
    for room in space_needed(path, temp):
        free = (free_space or _free_space)(room.folder)
        if free < room.needed:
            raise NotEnoughSpace(
                f"Compacting needs about {megabytes(room.needed)} free on the disk that "
                f"holds {room.folder} ({room.why}); there is {megabytes(free)} free. Make "
                "room there and try again; nothing was changed.")


def _free_space(folder: Path) -> int:
    return shutil.disk_usage(folder).free


def compact_database(database: Database, free_space: FreeSpace | None = None,
                     busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Compacted:
    """Rewrite the open database's file from its tables; see the module's docstring.

    Raises DatabaseProblem (NotEnoughSpace, DatabaseInUse, ReadOnlyDatabase …) in plain
    words, with the database as it was."""
    if database.read_only:
        raise ReadOnlyDatabase(read_only_message(database.path))
    path, key = database.path, database.key
    assert path is not None and key is not None
    check_space(path, free_space)
    started = time.monotonic()
    before = file_size(path)
    with database.writes_paused():
        connection = connect_raw(path, key)
        try:
            connection.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            _rewrite(connection, path)
            emptied = _empty_log(connection)
        finally:
            connection.close()
    problems = verify_copy(path, key)
    if problems:  # not seen in any test: said in words, never passed over
        raise DatabaseProblem(
            f"{path} was compacted, but its check then found a problem: {problems[0]}. "
            "Restore the latest backup (File, Restore from a backup).")
    return Compacted(before, _size(path), time.monotonic() - started, emptied,
                     tuple(upgrade_copies(path)))


def _rewrite(connection: Any, path: Path) -> None:
    try:
        # The search index's entries of deleted rows are in its older segments, which
        # VACUUM would copy as they are; merged into one segment, they are gone.
        connection.execute("BEGIN IMMEDIATE")
        connection.execute(MERGE_SEARCH_INDEX)
        connection.execute("COMMIT")
        # The temporary copy in a file, not in memory (see the module's docstring).
        connection.execute("PRAGMA temp_store = FILE")
        connection.execute("VACUUM")
        connection.execute(
            "INSERT INTO setting (name, value) VALUES (?, ?) "
            "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            (COMPACTED, dt.date.today().isoformat()))
    except sqlcipher3.DatabaseError as exc:
        with contextlib.suppress(sqlcipher3.Error):
            connection.execute("ROLLBACK")
        # What a stopped VACUUM wrote to the log is never used; the room it took is given
        # back (when nobody else is reading).
        with contextlib.suppress(sqlcipher3.Error):
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        raise _in_words(exc, path) from exc


def _empty_log(connection: Any) -> bool:
    """The new pages copied from the log into the file, the file cut to its new size and
    the log emptied; False when a reader elsewhere kept it from finishing."""
    busy, _frames, _copied = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return not busy


def _in_words(exc: Exception, path: Path) -> DatabaseProblem:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return DatabaseInUse(
            f"Another copy of Boardwork or a command is writing to {path}, so it cannot be "
            "compacted now. Wait for it to finish (or close it) and try again; nothing was "
            "changed.")
    if "full" in text or "i/o" in text:
        return DatabaseProblem(
            f"Compacting {path} stopped part-way: the disk could not take what was being "
            "written (it is full, or a limit was reached). The database is as it was; "
            "nothing was changed. Make room on the disk and try again.")
    return DatabaseProblem(f"{path} could not be compacted ({exc}); nothing was changed.")


def last_compacted(database: Database) -> dt.date | None:
    """The day the file was last compacted, or made (a file made since deletes became secure
    has nothing of the kind); None for a file from before either."""
    with database.session() as session:
        value = session.scalar(select(Setting.value).where(Setting.name == COMPACTED))
    if value is None:
        return None
    with contextlib.suppress(ValueError):
        return dt.date.fromisoformat(value)
    return None


def may_hold_deleted_text(database: Database) -> bool:
    """Whether the file may still hold, outside its tables, text deleted before deletes were
    secure: it was made before that and has not been compacted since. Asked after an erase
    or anonymisation, to offer compacting. (SQLite's count of free pages cannot tell: pages
    freed since are counted too, zeroed, and old text also lies in the unused space of
    pages in use.)"""
    return not database.read_only and last_compacted(database) is None

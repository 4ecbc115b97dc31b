"""Who has the database file in hand: a lock held by the window, and by a restore.

The lock is the operating system's own lock on `<database>.lock` (flock on Linux and macOS,
a locked byte on Windows). The system drops it when its process ends, however it ends (a
crash, a kill, a power cut), so a lock is never left stale and nothing has to guess from
process ids. The file itself stays: removing it while another process waits on it would let
two processes lock two different files of the same name.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from desktop.models.database import DatabaseProblem


class DatabaseInUse(DatabaseProblem):
    """Another window or command holds the database; the message says what to do."""


def lock_path_for(database: Path, suffix: str = ".lock") -> Path:
    return Path(str(database.expanduser().resolve()) + suffix)


class DatabaseLock:
    """One holder at a time per database file, across processes."""

    def __init__(self, database: Path, suffix: str = ".lock") -> None:
        self.path = lock_path_for(database, suffix)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def try_acquire(self) -> bool:
        """True if this process now holds the lock; False if another holder has it.

        Raises OSError when the lock file cannot be made at all (a folder we cannot write).
        """
        if self._fd is not None:
            return True
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        if not _lock(fd):
            os.close(fd)
            return False
        # For a person looking at the folder: which process has it.
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        _unlock(fd)
        os.close(fd)

    def __del__(self) -> None:
        with contextlib.suppress(Exception):  # at interpreter exit the system drops it anyway
            self.release()


def in_use_message(database: Path) -> str:
    return (
        f"{database} is open in Boardwork (or another Boardwork command is working on it). "
        "Close Boardwork, or wait for that command to finish, then try again; nothing was "
        "changed."
    )


@contextlib.contextmanager
def holding(database: Path) -> Iterator[DatabaseLock]:
    """Hold the database's lock for the block, or raise DatabaseInUse at once."""
    lock = DatabaseLock(database)
    try:
        acquired = lock.try_acquire()
    except OSError as exc:
        raise DatabaseProblem(
            f"Boardwork cannot make its lock file beside {database} ({exc.strerror}); "
            "nothing was changed."
        ) from exc
    if not acquired:
        raise DatabaseInUse(in_use_message(database))
    try:
        yield lock
    finally:
        lock.release()


if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

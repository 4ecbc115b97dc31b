"""Fault injection: a failure (or a kill) at the n-th step that writes or runs SQL.

Steps are the file operations Boardwork's own code makes (os.replace, os.link, os.fsync,
shutil.copyfile) and, inside SQLite, every `SQL_TICK` virtual-machine instructions of any
statement (the copy, the checks, the migration). A run with `at` past the last step
completes: counting the steps of a clean run gives every point to try.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import func, select

from desktop.models import Person
from desktop.models.database import Database

SQL_TICK = 200
FILE_STEPS = ((os, "replace"), (os, "link"), (os, "fsync"), (shutil, "copyfile"))


class Injected(Exception):
    pass


def disk_full() -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def read_only() -> None:
    raise OSError(errno.EROFS, os.strerror(errno.EROFS))


def kill() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


class Faults:
    """Counts steps; at step `at` runs `action` (raise, or kill the process)."""

    def __init__(self, at: int, action: Callable[[], None], sql: bool = True) -> None:
        self.at = at
        self.action = action
        self.sql = sql
        self.steps = 0
        self.fired = False

    def _step(self) -> bool:
        self.steps += 1
        if self.steps == self.at:
            self.fired = True
            return True
        return False

    def install(self, patch: Callable[[Any, str, Any], None]) -> None:
        """`patch` is monkeypatch.setattr, or plain setattr in a child process."""
        for module, name in FILE_STEPS:
            patch(module, name, self._wrap(getattr(module, name)))
        if self.sql:
            patch(sqlcipher3, "connect", self._wrap_connect(sqlcipher3.connect))

    def _wrap(self, real: Callable[..., Any]) -> Callable[..., Any]:
        def step(*args: Any, **kwargs: Any) -> Any:
            if self._step():
                self.action()
            return real(*args, **kwargs)

        return step

    def _wrap_connect(self, real: Callable[..., Any]) -> Callable[..., Any]:
        def connect(*args: Any, **kwargs: Any) -> Any:
            connection = real(*args, **kwargs)

            def tick() -> int:
                if not self._step():
                    return 0
                try:
                    self.action()
                except OSError:
                    return 1  # SQLite stops the statement: "interrupted", rolled back
                return 0

            connection.set_progress_handler(tick, SQL_TICK)
            return connection

        return connect


def count_people(path: Path, key: bytes) -> int:
    """How many people the database at `path` holds: whether it is whole and opens."""
    database = Database.open(path, key)
    try:
        with database.session() as session:
            return int(session.scalar(select(func.count()).select_from(Person)) or 0)
    finally:
        database.close()

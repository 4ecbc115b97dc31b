"""Faults injected for the error-handling tests: a full disk, a read-only or full database."""

from __future__ import annotations

import builtins
import errno
import io
import os
from pathlib import Path
from typing import Any

import pytest

from desktop.models import database as database_module


class _FullDisk:
    """A file whose writes succeed until `budget` bytes, then fail as a full disk does: the
    bytes that fitted are on disk, so a writer that does not clean up leaves them there."""

    def __init__(self, handle: Any, budget: int) -> None:
        self._handle = handle
        self._budget = budget

    def write(self, data: Any) -> int:
        if len(data) > self._budget:
            self._handle.write(data[: self._budget])
            self._handle.flush()
            self._budget = 0
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self._budget -= len(data)
        return int(self._handle.write(data))

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.close()

    def __iter__(self) -> Any:
        return iter(self._handle)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)


def fill_disk(monkeypatch: pytest.MonkeyPatch, folder: Path, budget: int = 64) -> None:
    """Files opened for writing under `folder` take `budget` bytes, then raise ENOSPC."""
    real_open = io.open
    folder = folder.resolve()

    def opening(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real_open(file, mode, *args, **kwargs)
        writing = any(flag in mode for flag in "wax") and "+" not in mode
        if writing and isinstance(file, str | os.PathLike) \
                and Path(file).resolve().is_relative_to(folder):
            return _FullDisk(handle, budget)
        return handle

    monkeypatch.setattr(io, "open", opening)
    monkeypatch.setattr(builtins, "open", opening)


def cap_database(monkeypatch: pytest.MonkeyPatch, *pragmas: str) -> None:
    """Every connection the app opens from now on runs `pragmas` after its own set-up."""
    real_connect = database_module.connect_raw

    def connect(path: Path, key: bytes, read_only: bool = False, *more: Any) -> Any:
        connection = real_connect(path, key, read_only, *more)  # more: the page cache's size
        for pragma in pragmas:
            connection.execute(pragma).fetchall()
        return connection

    monkeypatch.setattr(database_module, "connect_raw", connect)


def database_full(monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite's own "database or disk is full": no page may be added to the file."""
    cap_database(monkeypatch, "PRAGMA max_page_count = 1")  # raised to the current count


def database_read_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite's own "attempt to write a readonly database" on every write."""
    cap_database(monkeypatch, "PRAGMA query_only = ON")


def files_in(folder: Path) -> set[str]:
    return {path.name for path in folder.iterdir()}

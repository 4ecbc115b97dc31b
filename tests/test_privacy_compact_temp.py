"""Compacting's temporary copy (services/privacy/compact.py): a file in the temporary folder,
not memory (the ten-year database held 292 MB of memory at the peak with it in memory),
encrypted with the database's key, gone afterwards; and the space check counts it, on the
disk that holds the temporary folder."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

import pytest

from desktop.models.database import Database
from desktop.services.privacy import compact as compact_service
from desktop.services.privacy.compact import (
    MARGIN,
    MIB,
    NotEnoughSpace,
    check_space,
    compact_database,
    file_size,
    space_needed,
    temp_folder,
)
from tests.compact_support import DELETED, KEPT, fingerprint, old_style_deletes
from tests.raw_pages import still_there


class _Watch:
    """Looks, while SQLite works (its progress handler), at SQLite's temporary files this
    process has open (named etilqs_…): the largest size each reached, and its bytes then."""

    def __init__(self) -> None:
        self.seen: dict[str, bytes] = {}

    def open_now(self) -> list[str]:
        found = []
        for fd in os.listdir("/proc/self/fd"):
            with contextlib.suppress(OSError):  # closed meanwhile
                target = os.readlink(f"/proc/self/fd/{fd}")
                if "/etilqs_" in target:
                    found.append(f"/proc/self/fd/{fd}")
        return found

    def __call__(self) -> int:
        for link in self.open_now():
            with contextlib.suppress(OSError):
                target, size = os.readlink(link), os.stat(link).st_size
                if size > len(self.seen.get(target, b"")):
                    self.seen[target] = Path(link).read_bytes()
        return 0  # go on


def test_the_copy_is_an_encrypted_file_in_the_temporary_folder_deleted_after(
        database: Database, database_path: Path, monkeypatch):
    old_style_deletes(database, filler=3000)
    watch = _Watch()
    real_connect = compact_service.connect_raw

    def watched(path: Path, key: bytes) -> Any:
        connection = real_connect(path, key)
        connection.set_progress_handler(watch, 100)
        return connection

    monkeypatch.setattr(compact_service, "connect_raw", watched)
    compact_database(database)
    assert len(watch.seen) == 1  # one temporary file
    (name, copy), = watch.seen.items()
    # In the folder the space check counted, and already deleted: the system frees it
    # however the process ends.
    assert name.endswith(" (deleted)")
    assert Path(name.removesuffix(" (deleted)")).parent == temp_folder()
    assert len(copy) > MIB  # the tables' copy, written there, not kept in memory
    for text in (DELETED, KEPT, "CREATE TABLE", "SQLite format 3"):
        assert text.encode() not in copy  # encrypted with the database's key
    assert watch.open_now() == []  # closed
    assert still_there(database_path, database.key or b"", DELETED) == []


def test_temporary_folder_as_sqlite_chooses_it(tmp_path: Path, monkeypatch):
    monkeypatch.delenv("SQLITE_TMPDIR", raising=False)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    assert temp_folder() == tmp_path
    monkeypatch.setenv("TMPDIR", str(tmp_path / "missing"))
    assert temp_folder() == Path("/var/tmp")  # SQLite's next, before /tmp


def test_one_disk_holding_both_needs_room_for_both(database: Database, database_path: Path,
                                                   tmp_path: Path):
    old_style_deletes(database)
    size = file_size(database_path)
    (room,) = space_needed(database_path, tmp_path)  # the same disk
    assert room.folder == database_path.parent
    assert room.needed == 2 * size + MARGIN
    before = fingerprint(database_path)
    with pytest.raises(NotEnoughSpace) as refused:
        compact_database(database, free_space=lambda _folder: size + MARGIN)
    assert "twice the database's size" in str(refused.value)
    assert "nothing was changed" in str(refused.value)
    assert fingerprint(database_path) == before
    check_space(database_path, lambda _folder: room.needed, tmp_path)  # enough: no refusal


def test_a_temporary_folder_on_another_disk_is_checked_there(
        database: Database, database_path: Path, tmp_path: Path, monkeypatch):
    old_style_deletes(database)
    temp = tmp_path / "elsewhere"
    temp.mkdir()
    monkeypatch.setenv("SQLITE_TMPDIR", str(temp))
    monkeypatch.setattr(compact_service, "_same_disk", lambda _one, _other: False)
    rooms = space_needed(database_path)
    assert [room.folder for room in rooms] == [database_path.parent, temp]
    free = {database_path.parent: 10_000 * MIB, temp: 1 * MIB}
    before = fingerprint(database_path)
    with pytest.raises(NotEnoughSpace) as refused:
        compact_database(database, free_space=lambda folder: free[folder])
    message = str(refused.value)
    assert f"holds {temp} (for a temporary copy of the database" in message
    assert "1.0 MB free" in message and "nothing was changed" in message
    assert fingerprint(database_path) == before

"""Imports at the same time into one database file: each waits its turn, none fails."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop.models import Person
from desktop.models import database as database_module
from desktop.models.database import Database
from desktop.services.interchange import ImportRejected, import_documents

WRITERS = 6


def people(prefix: str, count: int) -> dict[str, Any]:
    return {"format": "boardwork/1", "people": [
        {"key": f"{prefix}-{i}", "name": f"Person {i}"} for i in range(count)]}


def test_concurrent_imports_wait_for_each_other(database: Database) -> None:
    assert database.path is not None and database.key is not None
    # Each writer has its own engine, as separate processes would.
    others = [Database.open(database.path, database.key) for _ in range(WRITERS)]
    start = threading.Barrier(WRITERS)
    failures: list[BaseException] = []

    def run(index: int) -> None:
        start.wait()
        try:
            # Big enough that the imports overlap: each reads the database, then writes.
            import_documents(others[index], [("doc", people(f"w{index}", 300))])
        except BaseException as exc:  # every failure is the finding
            failures.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(WRITERS)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        for other in others:
            other.close()
    assert failures == []
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Person)) == WRITERS * 300


def test_a_writer_that_waits_too_long_is_told_plainly(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert database.path is not None and database.key is not None
    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_MS", 200)
    late = Database.open(database.path, database.key)
    # Another writer holds the write lock past the (shortened) busy timeout.
    holder = database_module.connect_raw(database.path, database.key)
    try:
        holder.execute("BEGIN IMMEDIATE")
        with pytest.raises(ImportRejected) as caught:
            import_documents(late, [("doc", people("late", 1))])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        late.close()
    assert caught.value.errors == [
        "another import or change to this database is still in progress, so nothing was "
        "imported: try again when it has finished"
    ]

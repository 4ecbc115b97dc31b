"""Getting everything still readable out of a damaged database, as an interchange document.

The damaged file is only read (opened read-only). Each table is read in rowid order; where a
damaged page stops the reading, the reader seeks past it and goes on, noting the ids it could
not reach. What was read goes into a new, temporary database at the current schema; rows that
refer to a record that could not be read are left out (and counted); then the usual export
writes the interchange document, which can be imported into a new database.
"""

from __future__ import annotations

import secrets
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlcipher3

from desktop.models.database import CannotOpen, DatabaseProblem, connect_raw
from desktop.models.keystore import ENV_VAR, KeyProblem, KeyStore
from desktop.models.opening import empty_file_message, missing_key_message, open_database
from desktop.services.interchange import export_data

# Rebuilt by the new database's own triggers, or not part of the records.
SKIPPED = ("sqlite_", "search_index", "alembic_version")
LOWEST_ROWID = -(2**63)
HIGHEST_ROWID = 2**63 - 1


@dataclass
class SalvageReport:
    document: dict[str, Any]
    rows_read: dict[str, int] = field(default_factory=dict)
    # Per table: the ranges of ids that could not be read.
    unreadable: dict[str, list[str]] = field(default_factory=dict)
    # Per table: rows read but left out, because a record they refer to was not readable.
    left_out: dict[str, int] = field(default_factory=dict)
    unreadable_tables: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not (self.unreadable or self.left_out or self.unreadable_tables)


def salvage_database(path: Path, keys: KeyStore) -> SalvageReport:
    """Everything readable in `path`, as an interchange document (what export-data
    writes), and what was not."""
    if not path.exists():
        raise DatabaseProblem(f"There is no database at {path}.")
    if path.stat().st_size == 0:
        raise DatabaseProblem(empty_file_message(path))
    key = keys.find(path)
    if key is None:
        raise KeyProblem(missing_key_message(path))
    try:
        source = _Source(path, key)
    except CannotOpen as exc:
        raise DatabaseProblem(f"Nothing can be salvaged: {exc}") from exc
    try:
        tables = _tables(source)
        with tempfile.TemporaryDirectory(prefix="boardwork-salvage-") as folder:
            return _salvage_into(source, tables, Path(folder) / "salvage.db")
    finally:
        source.close()


class _Source:
    """The damaged file, read-only. After one page fails its check SQLCipher refuses every
    read on that connection, so a failed read is followed by a new connection."""

    def __init__(self, path: Path, key: bytes) -> None:
        self.path, self.key = path, key
        self.connection = connect_raw(path, key, read_only=True)

    def rows(self, sql: str, *params: object) -> Iterator[tuple[Any, ...]]:
        try:
            yield from self.connection.execute(sql, params)
        except sqlcipher3.DatabaseError:
            self.connection.close()
            self.connection = connect_raw(self.path, self.key, read_only=True)
            raise

    def close(self) -> None:
        self.connection.close()


def _tables(source: _Source) -> dict[str, list[str]]:
    try:
        names = [row[0] for row in source.rows(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {name: [row[1] for row in source.rows(f'PRAGMA table_info("{name}")')]
                for name in names if not name.startswith(SKIPPED)}
    except sqlcipher3.DatabaseError as exc:
        raise DatabaseProblem(
            f"Nothing can be salvaged: the list of tables itself is damaged ({exc})."
        ) from exc


def _salvage_into(source: _Source, tables: dict[str, list[str]], scratch: Path) -> SalvageReport:
    # A throwaway key: the scratch file is encrypted like any database and deleted after.
    keys = KeyStore({ENV_VAR: secrets.token_hex(32)})
    opened = open_database(scratch, keys)
    target_columns = {name: [column.name for column in table.columns]
                      for name, table in _model_tables().items()}
    report = SalvageReport(document={})
    assert opened.database.key is not None
    target = connect_raw(scratch, opened.database.key)
    try:
        target.execute("PRAGMA foreign_keys = OFF")
        target.execute("BEGIN")
        for name, columns in tables.items():
            shared = [c for c in columns if c in target_columns.get(name, ())]
            if not shared:
                continue
            _copy_table(source, target, name, shared, report)
        report.left_out = _drop_dangling(target)
        target.execute("COMMIT")
    finally:
        target.close()
    try:
        report.document = export_data(opened.database)
    finally:
        opened.database.close()
    return report


def _model_tables() -> dict[str, Any]:
    from desktop.models import Base

    return dict(Base.metadata.tables)


def _copy_table(source: _Source, target: Any, name: str, columns: list[str],
                report: SalvageReport) -> None:
    listed = ", ".join(f'"{c}"' for c in columns)
    insert = (f'INSERT OR REPLACE INTO "{name}" ({listed}) '
              f"VALUES ({', '.join('?' for _ in columns)})")
    query = f'SELECT rowid, {listed} FROM "{name}" NOT INDEXED WHERE rowid >= ? ORDER BY rowid'
    start = failed_at = LOWEST_ROWID
    count = 0
    while True:
        try:
            for row in source.rows(query, start):
                target.execute(insert, row[1:])
                start = row[0] + 1
                count += 1
            break
        except sqlcipher3.DatabaseError:
            resume = _next_readable(source, name, start)
            if resume == start and start == failed_at:
                # The row is found, but its contents do not read: it alone is lost.
                resume = _next_readable(source, name, start + 1)
            failed_at = start
            first_lost = "the start" if start == LOWEST_ROWID else f"id {start}"
            if resume is None:
                report.unreadable.setdefault(name, []).append(f"from {first_lost} to the end")
                break
            if resume > start:
                report.unreadable.setdefault(name, []).append(
                    f"from {first_lost} to id {resume - 1}")
            start = resume
    report.rows_read[name] = count
    if count == 0 and name in report.unreadable:
        report.unreadable_tables.append(name)


def _next_readable(source: _Source, name: str, start: int) -> int | None:
    """The first rowid, from `start` on, from which reading works again; None if none does.

    Seeks further and further ahead until one lands past the damage, then narrows down
    between the last seek that failed and the first that worked.
    """
    seek = f'SELECT rowid FROM "{name}" NOT INDEXED WHERE rowid >= ? ORDER BY rowid LIMIT 1'

    def landing(at: int) -> tuple[bool, int | None]:
        try:
            found = [int(row[0]) for row in source.rows(seek, at)]
        except sqlcipher3.DatabaseError:
            return False, None
        return True, found[0] if found else None

    start = max(start, 0)
    failed, probe, step = start - 1, start, 1
    while not landing(probe)[0]:
        if probe == HIGHEST_ROWID:
            return None
        failed, probe, step = probe, min(start + step, HIGHEST_ROWID), step * 2
    low, high = failed + 1, probe
    while low < high:  # the smallest start that reads
        middle = (low + high) // 2
        if landing(middle)[0]:
            high = middle
        else:
            low = middle + 1
    return landing(low)[1]


def _drop_dangling(target: Any) -> dict[str, int]:
    """Remove rows whose references were not readable, until none are left."""
    left_out: dict[str, int] = {}
    while True:
        broken = target.execute("PRAGMA foreign_key_check").fetchall()
        if not broken:
            return left_out
        for table, rowid, _parent, _ in broken:
            if rowid is None:
                continue
            target.execute(f'DELETE FROM "{table}" WHERE rowid = ?', (rowid,))
            left_out[table] = left_out.get(table, 0) + 1

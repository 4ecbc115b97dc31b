"""Keeping the database file safe: check, backup, and unlocking with a recovery key.

Restoring a backup is in services/restore.py.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

import sqlcipher3

from desktop.models.database import (
    CannotOpen,
    Database,
    DatabaseProblem,
    connect_raw,
    describe_os_error,
    encrypted_copy,
)
from desktop.models.keystore import KeyStore, parse_recovery_key
from desktop.models.migrate import head_revision, known_revisions
from desktop.models.opening import empty_file_message, missing_key_message
from desktop.services import backup_copy

PAGE_SIZE = 4096  # SQLCipher 4's default page size: a whole file is a multiple of it


@dataclass
class CheckReport:
    path: Path
    problems: list[str] = field(default_factory=list)
    schema: str | None = None
    newest_schema: str | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def stamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S")


def _integrity_problems(connection: object) -> list[str]:
    """Both checks: SQLCipher's page authentication and SQLite's structure check."""
    return backup_copy.pages_not_authentic(connection) + structure_problems(connection)


def structure_problems(connection: object) -> list[str]:
    """SQLite's b-tree check and the references between tables, in words."""
    problems: list[str] = []
    execute = connection.execute  # type: ignore[attr-defined]
    rows = [row[0] for row in execute("PRAGMA integrity_check").fetchall()]
    if rows != ["ok"]:
        problems.extend(f"damaged structure: {row}" for row in rows[:20])
    for table, rowid, parent, _ in execute("PRAGMA foreign_key_check").fetchall()[:20]:
        problems.append(f"{table} row {rowid} refers to a missing {parent}")
    return problems


def check_database(path: Path, keys: KeyStore) -> CheckReport:
    """Look the file over without changing it; every problem found is described in words."""
    report = CheckReport(path, newest_schema=head_revision())
    if not path.exists():
        report.problems.append(f"There is no database at {path}.")
        return report
    if path.stat().st_size == 0:
        report.problems.append(empty_file_message(path))
        return report
    key = keys.find(path)
    if key is None:
        report.problems.append(missing_key_message(path))
        return report
    if path.stat().st_size % PAGE_SIZE:
        report.problems.append(
            f"The file is {path.stat().st_size:,} bytes, not a whole number of pages: "
            "it has probably been cut short (an interrupted copy or a full disk)."
        )
    try:
        connection = connect_raw(path, key, read_only=True)
    except CannotOpen as exc:
        report.problems.append(str(exc))
        return report
    try:
        report.problems.extend(_integrity_problems(connection))
        report.schema = _revision_of(connection)
    except sqlcipher3.DatabaseError as exc:
        report.problems.append(f"The file is damaged: {exc}.")
    finally:
        connection.close()
    if any("damaged" in problem for problem in report.problems):
        report.problems.append(
            "Restore a backup, or write out everything still readable with: boardwork "
            f'--database "{path}" check --salvage FILE.json'
        )
    if report.ok and report.schema != report.newest_schema:
        report.problems.append(
            f"The schema is {report.schema or 'missing'}, not {report.newest_schema}: "
            "open the database with Boardwork to upgrade it."
        )
    return report


def _revision_of(connection: object) -> str | None:
    execute = connection.execute  # type: ignore[attr-defined]
    tables = {row[0] for row in execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "alembic_version" not in tables:
        return None
    row = execute("SELECT version_num FROM alembic_version").fetchone()
    return str(row[0]) if row else None


def backup_path_for(dest: Path) -> Path:
    """A folder gets a dated file name; anything else is taken as the file to write."""
    if dest.is_dir():
        return dest / f"boardwork-backup-{stamp()}.db"
    return dest


def backup_database(database: Database, dest: Path) -> Path:
    """A copy of the open database at one moment, still encrypted, proved whole before it
    counts: a byte copy when the log can be emptied (services/backup_copy.py), otherwise a
    re-written copy checked in full."""
    assert database.path is not None and database.key is not None
    target = backup_path_for(dest)
    if target.resolve() == database.path.resolve():
        raise DatabaseProblem("A backup cannot be written over the database itself.")
    # Checked under another name first: a file at `target` (an earlier backup) is only
    # replaced by a whole, checked one.
    checking = target.with_name(target.name + ".checking")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _remove_with_companions(checking)  # left by a backup that was killed
        problems = _byte_copy(database, checking)
        if problems is None:
            encrypted_copy(database.path, database.key, checking)
            problems = verify_copy(checking, database.key)
        if problems:
            raise DatabaseProblem(f"The backup at {target} failed its check: {problems[0]}")
        os.replace(checking, target)
    except OSError as exc:
        raise DatabaseProblem(
            f"The backup could not be written to {target}: {describe_os_error(exc)}."
        ) from exc
    finally:
        _remove_with_companions(checking)
    return target


def _byte_copy(database: Database, checking: Path) -> list[str] | None:
    """The problems of a byte copy at `checking` (none: it is good), or None when no byte
    copy could be taken at one moment (a read-only database, a log that stayed busy)."""
    assert database.path is not None and database.key is not None
    if database.read_only:
        return None
    copied = backup_copy.snapshot_copy(database.path, database.key, checking)
    if copied is None:
        return None
    try:
        backup_copy.as_one_file(checking, database.key)
    except (CannotOpen, sqlcipher3.DatabaseError) as exc:
        return [f"the copy does not open: {exc}"]
    return backup_copy.copy_problems(checking, database.key, copied)


def _remove_with_companions(path: Path) -> None:
    for name in ("", "-wal", "-shm"):
        path.with_name(path.name + name).unlink(missing_ok=True)


def verify_copy(path: Path, key: bytes) -> list[str]:
    try:
        connection = connect_raw(path, key, read_only=True)
    except CannotOpen as exc:
        return [str(exc)]
    try:
        problems = _integrity_problems(connection)
        revision = _revision_of(connection)
        if revision is not None and revision not in known_revisions():
            problems.append("it was written by a newer version of Boardwork")
        return problems
    except sqlcipher3.DatabaseError as exc:
        return [f"the file is damaged: {exc}"]
    finally:
        connection.close()


def unlock_database(path: Path, keys: KeyStore, recovery_key: str) -> None:
    """Put the key back into this computer's keyring, after checking it opens the file."""
    if not path.exists():
        raise DatabaseProblem(f"There is no database at {path}.")
    key = parse_recovery_key(recovery_key)
    connect_raw(path, key, read_only=True).close()  # CannotOpen says the recovery key is wrong
    keys.store(path, key)


"""The database's structure (SQLite's b-tree check and the references between tables),
checked in the background at most once a day.

A backup is a byte copy proved identical to one moment of the database and authenticated page
by page with the key (services/backup_copy.py). Whether that moment's b-trees are sound is a
property of the database itself, so it is checked here, on the database, once a day, off the
UI thread, in one read that never holds up the app's writes: a full `integrity_check` of the
ten-year database is ~3 s of processor time, more than the whole backup, and doing it inside
every backup held up closing the app. While the last check found a problem, the rota of
automatic backups deletes no copy (the ones from before the damage stay), and the status bar
says to use Help → Check the database. A restore still checks a backup's structure in full
before it is used (services/restore.py), so a damaged copy is never put in place.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from typing import Any

import sqlcipher3

from desktop.models import Setting
from desktop.models.database import CannotOpen, Database, connect_raw
from desktop.services.maintenance import structure_problems

SETTING = "structure_check"  # "<ISO date> ok" or "<ISO date> failed"; not exported
_running: set[Any] = set()  # the connections of checks under way, for `interrupt`
_lock = threading.Lock()


@dataclass(frozen=True)
class StructureCheck:
    day: dt.date
    ok: bool


def last_check(database: Database) -> StructureCheck | None:
    with database.session() as session:
        row = session.get(Setting, SETTING)
    if row is None or not row.value:
        return None
    day, _, result = row.value.partition(" ")
    try:
        return StructureCheck(dt.date.fromisoformat(day), result == "ok")
    except ValueError:
        return None


def is_due(database: Database, now: dt.datetime) -> bool:
    last = last_check(database)
    return not database.read_only and (last is None or last.day != now.date())


def check_structure(database: Database, now: dt.datetime) -> list[str] | None:
    """Check the database's b-trees and references now; the result is kept for the rota and
    the status bar. The problems in words (none: it is sound); None when it was stopped by
    `interrupt` or could not start (nothing is recorded then)."""
    assert database.path is not None and database.key is not None
    try:
        connection = connect_raw(database.path, database.key, read_only=True)
    except CannotOpen:
        return None  # not a verdict on the structure
    with _lock:
        _running.add(connection)
    try:
        problems = structure_problems(connection)
    except sqlcipher3.OperationalError as exc:
        if "interrupt" in str(exc):
            return None
        problems = [f"The file is damaged: {exc}."]
    except sqlcipher3.DatabaseError as exc:
        problems = [f"The file is damaged: {exc}."]
    finally:
        with _lock:
            _running.discard(connection)
        connection.close()
    text = f"{now.date().isoformat()} {'failed' if problems else 'ok'}"
    with database.transaction() as session:
        row = session.get(Setting, SETTING)
        if row is None:
            session.add(Setting(name=SETTING, value=text))
        else:
            row.value = text
    return problems


def interrupt() -> None:
    """Stop a check under way, at once (the app is closing and should not wait for it)."""
    with _lock:
        for connection in _running:
            connection.interrupt()

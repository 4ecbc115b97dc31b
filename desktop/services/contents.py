"""What a database holds, counted: whether it is a first run, and what a backup would bring back.

The counts of a backup are read from the file itself (read-only, with its key), so a restore
can say what it is about to put in place before anything is replaced.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import exists, func, select

from desktop.models import Action, Agency, Board, Meeting, Person
from desktop.models.database import CannotOpen, Database, DatabaseProblem, connect_raw
from desktop.models.keystore import parse_recovery_key
from desktop.models.training import Booking, Course, TrainingSession
from desktop.models.training_records import Trainer, Venue


@dataclass(frozen=True)
class Contents:
    meetings: int
    actions: int
    people: int
    bookings: int
    boards: int = 0
    courses: int = 0
    agencies: int = 0
    sessions: int = 0
    trainers: int = 0
    venues: int = 0
    # The most recent meeting: its board's name and its date.
    newest_meeting: tuple[str, dt.date] | None = None

    @property
    def empty(self) -> bool:
        """No records at all: the state of a database made on first start."""
        return not (self.meetings or self.actions or self.people or self.bookings
                    or self.boards or self.courses or self.agencies or self.sessions
                    or self.trainers or self.venues)

    def summary(self) -> str:
        """In words, for a person deciding whether this is the copy they want."""
        counts = (f"{self.meetings:,} meeting(s), {self.actions:,} action(s), "
                  f"{self.people:,} people, {self.bookings:,} training booking(s)")
        if self.newest_meeting is None:
            return counts + "; no meetings."
        board, day = self.newest_meeting
        return counts + f"; the newest meeting: {board}, {day:%d/%m/%Y}."


@dataclass(frozen=True)
class BackupContents:
    path: Path
    written: dt.datetime  # when the copy was made (the file's modification time)
    contents: Contents


def database_contents(database: Database) -> Contents:
    with database.session() as session:
        def count(model: type) -> int:
            return int(session.scalar(select(func.count()).select_from(model)) or 0)

        newest = session.execute(
            select(func.coalesce(Board.short_name, Board.name), Meeting.date)
            .join(Board, Board.id == Meeting.board_id)
            .order_by(Meeting.date.desc()).limit(1)
        ).first()
        return Contents(count(Meeting), count(Action), count(Person), count(Booking),
                        count(Board), count(Course), count(Agency), count(TrainingSession),
                        count(Trainer), count(Venue),
                        (str(newest[0]), newest[1]) if newest else None)


def what_exists(database: Database) -> Contents:
    """1 for each kind of record there is at least one of, 0 for none: what the empty states
    ask after every change, so it must not count 50,000 bookings to learn there are some."""
    with database.session() as session:
        def there_are(model: type) -> int:
            return int(bool(session.scalar(select(exists().select_from(model)))))

        return Contents(
            there_are(Meeting), there_are(Action), there_are(Person), there_are(Booking),
            there_are(Board), there_are(Course), there_are(Agency), there_are(TrainingSession),
            there_are(Trainer), there_are(Venue))


def is_first_run(database: Database) -> bool:
    """Nothing recorded yet (a name given to the organisation is not a record): the window
    opens on the start page instead of an area's empty lists."""
    return what_exists(database).empty


_COUNTS = {"meetings": "meeting", "actions": "action", "people": "person",
           "bookings": "booking", "boards": "board", "courses": "course",
           "agencies": "agency", "sessions": "training_session", "trainers": "trainer",
           "venues": "venue"}


def backup_contents(path: Path, key: bytes, recovery_key: str | None = None) -> BackupContents:
    """Count what the backup at `path` holds, without changing it. It opens with `key` (the
    database's own: backups keep it), or with `recovery_key` when one is given (a backup made
    on another computer).

    Raises CannotOpen when the key does not open it, DatabaseProblem when it is not readable,
    KeyProblem when the recovery key is not one.
    """
    if recovery_key:
        key = parse_recovery_key(recovery_key)
    if not path.is_file():
        raise DatabaseProblem(f"There is no backup at {path}.")
    written = dt.datetime.fromtimestamp(path.stat().st_mtime)
    connection = connect_raw(path, key, read_only=True)
    try:
        tables = {row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type='table'")}
        counts = {name: _count(connection, table, tables) for name, table in _COUNTS.items()}
        newest = None
        if {"meeting", "board"} <= tables:
            row = connection.execute(
                "SELECT COALESCE(b.short_name, b.name), m.date FROM meeting m "
                "JOIN board b ON b.id = m.board_id ORDER BY m.date DESC LIMIT 1").fetchone()
            if row:
                newest = (str(row[0]), dt.date.fromisoformat(str(row[1])[:10]))
    except CannotOpen:
        raise
    except Exception as exc:  # a damaged file: said in words, never its contents
        raise DatabaseProblem(f"The backup {path.name} cannot be read: it may be damaged.") \
            from exc
    finally:
        connection.close()
    return BackupContents(path, written, Contents(**counts, newest_meeting=newest))


def _count(connection: object, table: str, tables: set[str]) -> int:
    if table not in tables:
        return 0
    execute = connection.execute  # type: ignore[attr-defined]
    return int(execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])

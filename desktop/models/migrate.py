"""Bringing a database's schema up to date through Alembic, without ever risking the data.

Before an existing database is upgraded, a copy of it is written beside it. The upgrade itself
runs in one transaction: if any step fails, SQLite rolls all of it back and the file is as it
was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text
from sqlalchemy.exc import DBAPIError

from desktop.models.database import Database, DatabaseProblem, describe_os_error, encrypted_copy

if TYPE_CHECKING:
    from alembic.config import Config

SCRIPT_LOCATION = Path(__file__).parent / "migrations"
# The newest revision in migrations/versions (a test checks it against Alembic's own answer).
# Opening a database already at it is one query: Alembic, slow to import, is only loaded
# when there is something to upgrade.
HEAD_REVISION = "0012"


@dataclass(frozen=True)
class SchemaState:
    current: str | None
    head: str

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head


def alembic_config(script_location: Path = SCRIPT_LOCATION) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(script_location))
    return config


def head_revision(script_location: Path = SCRIPT_LOCATION) -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config(script_location)).get_current_head()
    assert head is not None, "the migrations folder has no revision"
    return head


def current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def stored_revision(database: Database) -> str | None:
    """The revision the file says it is at, read without Alembic."""
    with database.engine.connect() as connection:
        found = connection.execute(text(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        )).first()
        if found is None:
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def schema_state(database: Database, script_location: Path = SCRIPT_LOCATION) -> SchemaState:
    with database.engine.connect() as connection:
        return SchemaState(current_revision(connection), head_revision(script_location))


def known_revisions(script_location: Path = SCRIPT_LOCATION) -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(script_location))
    return {rev.revision for rev in script.walk_revisions()}


def upgrade(
    database: Database, script_location: Path = SCRIPT_LOCATION, copy_first: bool = True
) -> Path | None:
    """Upgrade to the newest schema; returns the path of the copy made first, if one was.

    `copy_first` False is for a file that is itself a copy (a backup being restored).
    A file that cannot be read or written (a full disk, say) is a DatabaseProblem.
    """
    try:
        return _upgrade(database, script_location, copy_first)
    except (DBAPIError, OSError) as exc:
        raise DatabaseProblem(
            "The database could not be upgraded to this version of Boardwork, and was left "
            f"as it was: {describe_failure(exc)}."
        ) from exc


# The copy made before an upgrade, beside the database: "board.before-upgrade-0011-….db".
BEFORE_UPGRADE = ".before-upgrade-"


def upgrade_copies(path: Path) -> list[Path]:
    """The copies made before an upgrade that are still beside the database at `path`."""
    return sorted(path.parent.glob(f"{path.stem}{BEFORE_UPGRADE}*{path.suffix}"))


def _upgrade(database: Database, script_location: Path, copy_first: bool) -> Path | None:
    if script_location == SCRIPT_LOCATION and stored_revision(database) == HEAD_REVISION:
        return None
    from alembic import command

    state = schema_state(database, script_location)
    if state.up_to_date:
        return None
    if state.current is not None and state.current not in known_revisions(script_location):
        raise DatabaseProblem(
            "This database was written by a newer version of Boardwork "
            f"(schema {state.current}); install that version to open it."
        )
    copy = None
    with database.engine.connect() as connection:
        has_tables = bool(inspect(connection).get_table_names())
    if copy_first and has_tables and database.path is not None and database.key is not None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        copy = database.path.with_name(
            f"{database.path.stem}{BEFORE_UPGRADE}{state.current or 'unversioned'}-{stamp}"
            f"{database.path.suffix}"
        )
        encrypted_copy(database.path, database.key, copy)
    migrate(database, lambda config: command.upgrade(config, "head"), script_location)
    return copy


def describe_failure(exc: DBAPIError | OSError) -> str:
    if isinstance(exc, OSError):
        return describe_os_error(exc)
    reason = str(exc.orig)
    return "there is not enough free space on the disk" if "full" in reason else reason


def migrate(
    database: Database,
    step: Callable[[Config], None],
    script_location: Path = SCRIPT_LOCATION,
) -> None:
    """Run an Alembic command in one transaction, with foreign keys checked at the end.

    Batch mode rebuilds a table by copy, drop and rename, which SQLite only allows with
    foreign keys off (its own 12-step procedure); and that pragma only takes effect outside
    a transaction, so it is set on the raw connection before the transaction begins.
    """
    config = alembic_config(script_location)
    with database.engine.connect() as connection:
        raw = connection.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                step(config)
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise DatabaseProblem(
                        f"The upgrade would leave {len(broken)} broken reference(s), "
                        f"first in table {broken[0][0]}; nothing was changed."
                    )
        finally:
            raw.execute("PRAGMA foreign_keys = ON")

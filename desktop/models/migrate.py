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

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect

from desktop.models.database import Database, DatabaseProblem, encrypted_copy

SCRIPT_LOCATION = Path(__file__).parent / "migrations"


@dataclass(frozen=True)
class SchemaState:
    current: str | None
    head: str

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head


def alembic_config(script_location: Path = SCRIPT_LOCATION) -> Config:
    config = Config()
    config.set_main_option("script_location", str(script_location))
    return config


def head_revision(script_location: Path = SCRIPT_LOCATION) -> str:
    head = ScriptDirectory.from_config(alembic_config(script_location)).get_current_head()
    assert head is not None, "the migrations folder has no revision"
    return head


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def schema_state(database: Database, script_location: Path = SCRIPT_LOCATION) -> SchemaState:
    with database.engine.connect() as connection:
        return SchemaState(current_revision(connection), head_revision(script_location))


def known_revisions(script_location: Path = SCRIPT_LOCATION) -> set[str]:
    script = ScriptDirectory.from_config(alembic_config(script_location))
    return {rev.revision for rev in script.walk_revisions()}


def upgrade(database: Database, script_location: Path = SCRIPT_LOCATION) -> Path | None:
    """Upgrade to the newest schema; returns the path of the copy made first, if one was."""
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
    if has_tables and database.path is not None and database.key is not None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        copy = database.path.with_name(
            f"{database.path.stem}.before-upgrade-{state.current or 'unversioned'}-{stamp}"
            f"{database.path.suffix}"
        )
        encrypted_copy(database.path, database.key, copy)
    migrate(database, lambda config: command.upgrade(config, "head"), script_location)
    return copy


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

"""The encrypted database file: keys, encryption at rest, pragmas, schema upgrades."""

from __future__ import annotations

import secrets
import shutil
import sqlite3
import subprocess
from pathlib import Path

import keyring.backends.fail
import pytest
from sqlalchemy import select, text

from desktop.models import Agency, AuditEntry, Sector
from desktop.models.database import CannotOpen, Database
from desktop.models.keystore import (
    ENV_VAR,
    KeyProblem,
    KeyStore,
    account_for,
    format_recovery_key,
    parse_recovery_key,
)
from desktop.models.migrate import SCRIPT_LOCATION, head_revision, schema_state, upgrade
from desktop.models.opening import open_database


def test_new_database_keeps_a_random_key_in_the_keyring(database_path, memory_keyring):
    opened = open_database(database_path, KeyStore())
    opened.database.close()
    stored = memory_keyring.get_password("Boardwork", account_for(database_path))
    assert stored is not None and len(bytes.fromhex(stored)) == 32
    assert opened.recovery_key == format_recovery_key(bytes.fromhex(stored))
    reopened = open_database(database_path, KeyStore())
    assert reopened.recovery_key is None  # shown once, at creation only
    reopened.database.close()


def test_file_is_unreadable_without_the_key(database, database_path):
    with database.transaction() as session:
        session.add(Agency(key="wmp", name="West Mercia Police", sector=Sector.POLICE))
    raw = database_path.read_bytes()
    assert b"West Mercia" not in raw and b"SQLite format 3" not in raw
    with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
        sqlite3.connect(database_path).execute("SELECT * FROM sqlite_master").fetchall()
    if shutil.which("sqlite3"):
        result = subprocess.run(
            ["sqlite3", str(database_path), ".tables"], capture_output=True, text=True
        )
        assert result.returncode != 0
        assert "file is not a database" in result.stderr


def test_wrong_key_is_a_plain_message_and_changes_nothing(database_path, env_key):
    open_database(database_path, KeyStore({ENV_VAR: env_key})).database.close()
    before = database_path.read_bytes()
    with pytest.raises(CannotOpen) as caught:
        open_database(database_path, KeyStore({ENV_VAR: secrets.token_hex(32)}))
    message = str(caught.value)
    assert "\n" not in message and "does not open" in message
    assert database_path.read_bytes() == before


def test_environment_key_is_used_without_a_keyring(database_path, env_key, memory_keyring):
    keyring.set_keyring(keyring.backends.fail.Keyring())
    opened = open_database(database_path, KeyStore({ENV_VAR: env_key}))
    assert opened.database.key == bytes.fromhex(env_key)
    opened.database.close()


def test_no_keyring_and_no_environment_key_says_what_to_do(database_path):
    keyring.set_keyring(keyring.backends.fail.Keyring())
    with pytest.raises(KeyProblem, match=ENV_VAR):
        open_database(database_path, KeyStore({}))
    assert not database_path.exists()


def test_malformed_environment_key_is_refused(database_path):
    with pytest.raises(KeyProblem, match="64 hex digits"):
        open_database(database_path, KeyStore({ENV_VAR: "not-a-key"}))


def test_recovery_key_round_trip_and_typing_slack():
    key = secrets.token_bytes(32)
    shown = format_recovery_key(key)
    assert len(shown.split("-")) == 16
    assert parse_recovery_key(shown.lower().replace("-", " ")) == key
    with pytest.raises(KeyProblem):
        parse_recovery_key("1234-5678")


def test_connection_pragmas(database):
    with database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000


def test_database_refuses_bad_enumerations_and_dangling_references(database):
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), database.transaction() as session:
        session.execute(text("INSERT INTO agency (key, name, sector) VALUES ('x', 'X', 'polce')"))
    with pytest.raises(IntegrityError), database.transaction() as session:
        session.execute(text("INSERT INTO person (key, name, agency_id) VALUES ('p', 'P', 999)"))


def test_every_change_is_audited_with_old_and_new_values(database):
    with database.transaction() as session:
        session.add(Agency(key="wmp", name="West Mercia Police"))
    with database.transaction() as session:
        agency = session.scalars(select(Agency)).one()
        agency.name = "West Mercia Police Force"
    with database.session() as session:
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [e.operation for e in entries] == ["insert", "update"]
    assert entries[1].field == "name"
    assert (entries[1].old, entries[1].new) == ("West Mercia Police", "West Mercia Police Force")
    assert entries[1].user and entries[1].at is not None


def test_failed_transaction_leaves_nothing_behind(database):
    with pytest.raises(RuntimeError), database.transaction() as session:
        session.add(Agency(key="a", name="A"))
        session.flush()
        raise RuntimeError("power cut")
    with database.session() as session:
        assert session.scalars(select(Agency)).all() == []
        assert session.scalars(select(AuditEntry)).all() == []


def test_a_unit_of_work_holds_the_write_lock_from_its_first_statement(database):
    """Another writer (the minutes saver's thread, a second process) cannot commit between a
    unit of work's reads and its writes; with a deferred BEGIN it could, and the unit's first
    write would then fail at once with "database is locked" instead of waiting its turn."""
    from desktop.models.database import connect_raw

    other = connect_raw(database.path, database.key)
    other.execute("PRAGMA busy_timeout = 0")
    try:
        with database.transaction() as session:
            session.scalars(select(Agency)).all()  # only a read so far
            with pytest.raises(Exception, match="locked"):
                other.execute("BEGIN IMMEDIATE")
            session.add(Agency(key="a", name="A"))
        other.execute("BEGIN IMMEDIATE")  # free again once the unit of work has ended
        other.execute("ROLLBACK")
    finally:
        other.close()


def _script_location_with_failing_revision(tmp_path: Path) -> Path:
    location = tmp_path / "migrations"
    shutil.copytree(SCRIPT_LOCATION, location)
    (location / "versions" / "0099_fails.py").write_text(
        '"""A revision that fails halfway."""\n'
        "from alembic import op\n"
        "import sqlalchemy as sa\n"
        "revision = '0099'\n"
        f"down_revision = {head_revision()!r}\n"
        "branch_labels = None\ndepends_on = None\n"
        "def upgrade():\n"
        "    op.create_table('half_done', sa.Column('id', sa.Integer, primary_key=True))\n"
        "    op.execute(\"UPDATE agency SET name = 'changed'\")\n"
        "    raise RuntimeError('migration failed')\n"
        "def downgrade():\n    pass\n"
    )
    return location


def test_failed_upgrade_leaves_the_original_untouched_and_a_copy_aside(
    database: Database, tmp_path: Path
):
    with database.transaction() as session:
        session.add(Agency(key="a", name="Original"))
    location = _script_location_with_failing_revision(tmp_path)
    with pytest.raises(RuntimeError, match="migration failed"):
        upgrade(database, location)
    assert schema_state(database).current == head_revision()
    with database.session() as session:
        assert session.scalars(select(Agency.name)).all() == ["Original"]
        tables = session.execute(text("SELECT name FROM sqlite_master")).scalars().all()
        assert "half_done" not in tables
    assert database.path is not None and database.key is not None
    copies = list(database.path.parent.glob("boardwork.before-upgrade-*.db"))
    assert len(copies) == 1
    copy = Database.open(copies[0], database.key)
    with copy.session() as session:
        assert session.scalars(select(Agency.name)).all() == ["Original"]
    copy.close()


def test_database_from_a_newer_version_is_refused(database: Database):
    from desktop.models.database import DatabaseProblem

    with database.transaction() as session:
        session.execute(text("UPDATE alembic_version SET version_num = 'ffff-future'"))
    with pytest.raises(DatabaseProblem, match="newer version"):
        upgrade(database)


def test_migrations_build_exactly_the_schema_the_models_describe(database: Database):
    """A model change without its Alembic revision fails here, not on a user's laptop."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from desktop.models import Base
    from desktop.models.search_index import not_the_index

    with database.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_name": not_the_index}
        )
        assert compare_metadata(context, Base.metadata) == []


def test_the_head_revision_constant_is_alembics_head():
    """Opening skips Alembic when the file is at HEAD_REVISION: it must be the real head."""
    from desktop.models.migrate import HEAD_REVISION

    assert head_revision() == HEAD_REVISION


def test_opening_an_up_to_date_database_does_not_load_alembic(database_path, env_key):
    import subprocess
    import sys

    open_database(database_path, KeyStore({ENV_VAR: env_key})).database.close()
    probe = (
        "import sys; from pathlib import Path;"
        "from desktop.models.keystore import KeyStore;"
        "from desktop.models.opening import open_database;"
        f"open_database(Path({str(database_path)!r}), KeyStore({{'{ENV_VAR}': '{env_key}'}}));"
        "print('alembic' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            cwd=Path(__file__).resolve().parent.parent, timeout=60)
    assert result.stdout.strip() == "False", result.stderr


def test_first_starts_at_once_make_one_database_with_one_key(database_path, memory_keyring):
    """A command beside the window, or several imports, on a database not yet made: one
    process makes it and stores its key; the others wait, then open that one."""
    import threading

    starts = 6
    barrier = threading.Barrier(starts)
    opened: list[object] = []
    failures: list[BaseException] = []

    def first_start() -> None:
        barrier.wait()
        try:
            opened.append(open_database(database_path, KeyStore()))
        except BaseException as exc:  # every failure is the finding
            failures.append(exc)

    threads = [threading.Thread(target=first_start) for _ in range(starts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert sum(1 for o in opened if o.recovery_key is not None) == 1  # type: ignore[attr-defined]
    for each in opened:
        each.database.close()  # type: ignore[attr-defined]
    stored = memory_keyring.get_password("Boardwork", account_for(database_path))
    again = open_database(database_path, KeyStore()).database
    assert again.key == bytes.fromhex(stored)
    again.close()
    assert not list(database_path.parent.glob("*.creating*"))  # nothing left of the attempts

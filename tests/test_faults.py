"""Disk full, a read-only disk, or a kill at every step of backup, restore and upgrade: the
original database is always where it was, whole, and opens (tests/support/step_faults.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.models import Person
from desktop.models.database import Database, DatabaseProblem
from desktop.models.keystore import ENV_VAR, KeyStore
from desktop.models.migrate import HEAD_REVISION, migrate, stored_revision
from desktop.models.opening import open_database
from desktop.services import maintenance
from desktop.services.restore import restore_database
from tests.support.step_faults import Faults, count_people, disk_full, read_only

ROOT = Path(__file__).resolve().parent.parent
ACTIONS = {"disk full": disk_full, "read-only": read_only}


def fill(database: Database, count: int, prefix: str) -> None:
    with database.transaction() as session:
        session.add_all(Person(key=f"{prefix}{i}", name=f"Person {i}") for i in range(count))


@pytest.fixture
def keys(env_key: str) -> KeyStore:
    return KeyStore({ENV_VAR: env_key})


@pytest.fixture
def live(tmp_path: Path, keys: KeyStore) -> tuple[Path, Path, bytes]:
    """A database of 40 people and a backup of it taken at 30."""
    path = tmp_path / "boardwork.db"
    database = open_database(path, keys).database
    fill(database, 30, "a")
    backup = maintenance.backup_database(database, tmp_path / "backup.db")
    fill(database, 10, "b")
    database.close()
    assert database.key is not None
    return path, backup, database.key


def every_step(run: Callable[[], object], action: Callable[[], None],
               monkeypatch: pytest.MonkeyPatch, after_failure: Callable[[], None]) -> int:
    """Fail step 1, then 2, ... until a run gets through; check after each failure."""
    at = 1
    while True:
        faults = Faults(at, action)
        with monkeypatch.context() as patch:
            faults.install(patch.setattr)
            try:
                run()
            except DatabaseProblem as exc:
                assert faults.fired, exc
                assert "\n" not in str(exc) and "Traceback" not in str(exc)
            else:
                return at  # got through: the step failed was one it can do without
        after_failure()
        at += 1


@pytest.mark.parametrize("action", ACTIONS.values(), ids=ACTIONS.keys())
def test_restore_fails_whole_at_every_step(live, keys, action, monkeypatch):
    path, backup, key = live
    before = path.read_bytes()
    folder = sorted(p.name for p in path.parent.iterdir())

    def unchanged() -> None:
        assert path.read_bytes() == before
        names = sorted(p.name for p in path.parent.iterdir())
        assert names == sorted([*folder, "boardwork.db.lock"])
        assert count_people(path, key) == 40

    steps = every_step(lambda: restore_database(path, backup, keys), action, monkeypatch,
                       unchanged)
    assert steps > 10
    assert count_people(path, key) == 30


@pytest.mark.parametrize("action", ACTIONS.values(), ids=ACTIONS.keys())
def test_backup_fails_whole_at_every_step(live, keys, action, monkeypatch):
    path, old_backup, key = live
    database = open_database(path, keys).database
    before = old_backup.read_bytes()

    def unchanged() -> None:
        assert old_backup.read_bytes() == before  # the earlier backup, not half a new one
        assert not list(path.parent.glob("*.partial*"))
        assert count_people(path, key) == 40

    try:
        every_step(lambda: maintenance.backup_database(database, old_backup), action,
                   monkeypatch, unchanged)
    finally:
        database.close()
    assert count_people(old_backup, key) == 40


def at_first_revision(path: Path, keys: KeyStore) -> None:
    from alembic import command

    database = open_database(path, keys).database
    migrate(database, lambda config: command.downgrade(config, "0001"))
    database.close()


def revision(path: Path, key: bytes) -> str | None:
    database = Database.open(path, key)
    try:
        return stored_revision(database)
    finally:
        database.close()


@pytest.mark.parametrize("action", ACTIONS.values(), ids=ACTIONS.keys())
def test_upgrade_fails_whole_at_every_step(live, keys, action, monkeypatch):
    path, _, key = live
    at_first_revision(path, keys)

    def unchanged() -> None:
        assert revision(path, key) == "0001"
        assert count_people(path, key) == 40
        for copy in path.parent.glob("*.before-upgrade-*"):
            assert count_people(copy, key) == 40

    every_step(lambda: open_database(path, keys).database.close(), action, monkeypatch,
               unchanged)
    assert revision(path, key) == HEAD_REVISION
    assert count_people(path, key) == 40


def run_child(*args: object, key: bytes) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, ENV_VAR: key.hex(), "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "tests.support.fault_child", *map(str, args)],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)


def kill_points(total: int) -> list[int]:
    """Eight points spread over the run, the first and last steps included."""
    return sorted({1, total, *range(1, total, max(1, total // 6))})


def test_a_restore_killed_at_any_point_leaves_a_database_that_opens(live, keys):
    path, backup, key = live
    dry = Path(str(path) + "-dry")
    dry.write_bytes(path.read_bytes())
    counted = run_child("restore", dry, backup, 0, key=key)
    total = int(counted.stdout.split()[-1])
    original = path.read_bytes()
    for at in kill_points(total):
        path.write_bytes(original)
        result = run_child("restore", path, backup, at, key=key)
        assert result.returncode == -9, (at, result.stderr)
        found = count_people(path, key)
        asides = list(path.parent.glob("boardwork.replaced-*.db"))
        if found == 40:  # killed before the swap: the original, untouched
            assert path.read_bytes() == original
        else:  # killed after it: the restored copy, and the original beside it
            assert found == 30 and len(asides) == 1 and count_people(asides[0], key) == 40
        for aside in asides:
            aside.unlink()
    # What a killed restore left beside the database does not stop the next one.
    restore_database(path, backup, keys)
    assert count_people(path, key) == 30
    assert not list(path.parent.glob("*.restoring*"))


def test_an_upgrade_killed_at_any_point_leaves_a_database_that_opens(live, keys):
    path, _, key = live
    at_first_revision(path, keys)
    dry = path.with_name("dry.db")
    dry.write_bytes(path.read_bytes())
    total = int(run_child("upgrade", dry, 0, key=key).stdout.split()[-1])
    original = path.read_bytes()
    for at in kill_points(total):
        path.write_bytes(original)
        for log in path.parent.glob("boardwork.db-*"):
            log.unlink()
        result = run_child("upgrade", path, at, key=key)
        assert result.returncode == -9, (at, result.stderr)
        assert revision(path, key) in ("0001", HEAD_REVISION)  # one or the other, never between
        assert count_people(path, key) == 40
    open_database(path, keys).database.close()
    assert revision(path, key) == HEAD_REVISION

"""Automatic backups: the plan, the copies, the rota of generations, the status in words."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.models.database import Database
from desktop.models.keystore import KeyStore
from desktop.models.opening import open_database
from desktop.services import backups
from desktop.services.backups import BackupPlan
from desktop.services.errors import InvalidInput
from desktop.services.people import list_people
from tests.conftest import import_sample

NOON = dt.datetime(2026, 12, 1, 12, 0)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "share" / "Boardwork backups"
    path.mkdir(parents=True)
    return path


def test_the_plan_is_checked_and_kept(database: Database, folder: Path) -> None:
    assert backups.load_plan(database) == BackupPlan()
    saved = backups.save_plan(database, BackupPlan(folder, every_hours=2, keep_daily=5))
    assert saved == BackupPlan(folder, 2, 5, 4) == backups.load_plan(database)
    with pytest.raises(InvalidInput, match="cannot be found"):
        backups.save_plan(database, BackupPlan(folder / "gone"))
    with pytest.raises(InvalidInput, match="from 1 to 168"):
        backups.save_plan(database, BackupPlan(folder, every_hours=0))
    assert database.path is not None
    with pytest.raises(InvalidInput, match="another disk"):
        backups.save_plan(database, BackupPlan(database.path.parent))
    assert backups.load_plan(database) == saved  # a refused plan changes nothing
    assert backups.save_plan(database, BackupPlan(None)).folder is None


def test_a_backup_is_a_whole_encrypted_copy_that_opens(database: Database, folder: Path,
                                                       tmp_path: Path) -> None:
    import_sample(database, "herefordshire-board-2018-10-23.json")
    plan = backups.save_plan(database, BackupPlan(folder))
    assert backups.is_due(plan, NOON)
    made = backups.make_backup(database, plan, NOON)
    assert made.name == "boardwork-auto-20261201-120000.db"
    assert not made.read_bytes().startswith(b"SQLite format 3")  # encrypted as the database
    assert not backups.is_due(plan, NOON + dt.timedelta(hours=3))
    assert backups.is_due(plan, NOON + dt.timedelta(hours=4))
    # The copy opens with the database's key and holds what the database holds.
    assert database.key is not None
    copy = tmp_path / "restored.db"
    copy.write_bytes(made.read_bytes())
    reopened = open_database(copy, KeyStore({"BOARDWORK_DATABASE_KEY": database.key.hex()}))
    assert len(list_people(reopened.database)) == len(list_people(database))
    reopened.database.close()


def test_the_rota_keeps_the_newest_of_each_day_and_week(database: Database,
                                                        folder: Path) -> None:
    plan = backups.save_plan(database, BackupPlan(folder, every_hours=4, keep_daily=3,
                                                  keep_weekly=2))
    # Three copies a day for three weeks, by a fake clock.
    start = dt.datetime(2026, 11, 10, 9, 0)
    for day in range(21):
        for hour in (0, 4, 8):
            backups.make_backup(database, plan, start + dt.timedelta(days=day, hours=hour))
    kept = [stamp for stamp, _ in backups.backups_in(folder)]
    assert kept == [
        dt.datetime(2026, 11, 30, 17, 0),  # the newest, and the newest of its day and week
        dt.datetime(2026, 11, 29, 17, 0),  # the newest of the day before (and of its week)
        dt.datetime(2026, 11, 28, 17, 0),  # and of the day before that
    ]
    other = folder / "minutes.docx"
    other.write_bytes(b"not ours")
    backups.make_backup(database, plan, dt.datetime(2026, 12, 1, 9, 0))
    assert other.exists()  # only the app's own copies are ever deleted


@settings(max_examples=60, deadline=None)
@given(st.lists(st.datetimes(min_value=dt.datetime(2026, 1, 1),
                             max_value=dt.datetime(2026, 12, 31)), min_size=1, max_size=40),
       st.integers(1, 10), st.integers(0, 6))
def test_the_rota_always_keeps_the_newest_and_never_more_than_planned(
        stamps: list[dt.datetime], daily: int, weekly: int) -> None:
    plan = BackupPlan(Path("/nowhere"), keep_daily=daily, keep_weekly=weekly)
    kept = backups.to_keep(stamps, plan)
    assert max(stamps) in kept
    assert kept <= set(stamps)
    assert len(kept) <= 1 + daily + weekly
    days = {s.date() for s in stamps}
    assert len({s.date() for s in kept}) >= min(daily, len(days))


def test_the_status_says_what_to_do(database: Database, folder: Path) -> None:
    off = backups.backup_status(BackupPlan(), NOON)
    assert off.warning and "off" in off.text
    plan = BackupPlan(folder, every_hours=4)
    assert backups.backup_status(plan, NOON).warning  # nothing made yet
    backups.make_backup(database, plan, NOON)
    fine = backups.backup_status(plan, NOON + dt.timedelta(hours=1))
    assert (fine.warning, fine.text) == (False, "Last backup today 12:00")
    late = backups.backup_status(plan, NOON + dt.timedelta(days=2))
    assert late.warning and "01/12/2026 12:00" in late.text and "older" in late.text
    folder.rename(folder.with_name("moved"))
    gone = backups.backup_status(plan, NOON)
    assert gone.warning and "cannot be reached" in gone.text
    with pytest.raises(InvalidInput, match="cannot be reached"):
        backups.make_backup(database, plan, NOON)


def test_the_plan_is_not_exported_with_the_records(database: Database, folder: Path) -> None:
    from desktop.services.interchange import export_data

    backups.save_plan(database, BackupPlan(folder))
    assert "settings" not in export_data(database)

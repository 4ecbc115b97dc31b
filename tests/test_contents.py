"""What a database, and a backup of it, holds: the start page's and the restore's counts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop.models.database import CannotOpen, Database, DatabaseProblem
from desktop.services import maintenance
from desktop.services.contents import (
    backup_contents,
    database_contents,
    is_first_run,
    what_exists,
)
from desktop.services.settings import save_settings
from tests.conftest import import_sample


def test_a_new_database_is_a_first_run_even_once_the_organisation_is_named(database):
    assert database_contents(database).empty
    assert is_first_run(database)
    save_settings(database, organisation_name="Dudley Safeguarding Children Board")
    assert is_first_run(database)  # a name is not a record: the start page still shows
    assert database_contents(database).summary() == (
        "0 meeting(s), 0 action(s), 0 people, 0 training booking(s); no meetings.")


def test_counts_and_the_newest_meeting_of_the_samples(database):
    import_sample(database, "herefordshire-board-2018-10-23.json",
                  "dudley-board-2014-11-21.json", "hertfordshire-2015-16.json")
    contents = database_contents(database)
    assert not contents.empty and not is_first_run(database)
    assert contents.meetings >= 2 and contents.bookings == 796 and contents.people > 25
    assert contents.newest_meeting is not None
    assert contents.newest_meeting[1] == dt.date(2018, 10, 23)
    assert "23/10/2018" in contents.summary()
    present = what_exists(database)
    assert (present.meetings, present.bookings, present.people) == (1, 1, 1)


def test_a_backup_is_counted_from_its_own_file(database: Database, tmp_path: Path):
    import_sample(database, "herefordshire-board-2018-10-23.json")
    backup = maintenance.backup_database(database, tmp_path / "copy.db")
    import_sample(database, "hertfordshire-2015-16.json")  # after the backup: not in it
    assert database.key is not None
    read = backup_contents(backup, database.key)
    assert read.contents.people == 25
    assert read.contents.bookings == 0 and read.contents.meetings == 1
    assert read.contents.newest_meeting is not None
    assert abs((read.written - dt.datetime.now()).total_seconds()) < 600


def test_a_backup_read_with_the_wrong_key_or_missing_says_so(database: Database,
                                                             tmp_path: Path):
    backup = maintenance.backup_database(database, tmp_path / "copy.db")
    with pytest.raises(CannotOpen):
        backup_contents(backup, bytes(32))
    with pytest.raises(DatabaseProblem, match="There is no backup"):
        backup_contents(tmp_path / "gone.db", bytes(32))

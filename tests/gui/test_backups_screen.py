"""Automatic backups through the screens: the plan's dialog, a copy made while the app runs
(off the UI thread), one made on closing, and the status bar saying how things stand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QLabel

from desktop.services import backups
from desktop.services.backups import BackupPlan
from desktop.views.backups.dialog import BackupDialog
from desktop.views.main_window import MainWindow


class Clock:
    """A clock the test moves on: each backup gets its own time."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 12, 1, 9, 0)

    def __call__(self) -> dt.datetime:
        return self.now


def _status(window: MainWindow) -> str:
    label = window.findChild(QLabel, "backupStatus")
    assert label is not None
    return label.text()


def test_the_dialog_saves_a_plan_and_refuses_a_missing_folder(qtbot, database, tmp_path):
    dialog = BackupDialog(database)
    qtbot.addWidget(dialog)
    assert dialog.folder.text() == "" and "off" in dialog.message.text()
    dialog.folder.setText(str(tmp_path / "not there"))
    dialog.save()
    assert "cannot be found" in dialog.message.text()
    assert backups.load_plan(database).folder is None  # nothing saved
    share = tmp_path / "share"
    share.mkdir()
    dialog.folder.setText(str(share))
    dialog.every.setValue(2)
    dialog.save()
    assert dialog.result() == BackupDialog.DialogCode.Accepted
    assert backups.load_plan(database) == BackupPlan(share, 2, 7, 4)


def test_a_backup_while_running_and_another_on_closing(qtbot, database, tmp_path):
    share = tmp_path / "share"
    share.mkdir()
    backups.save_plan(database, BackupPlan(share, every_hours=4))
    window = MainWindow(database)
    qtbot.addWidget(window)
    clock = Clock()
    window.auto_backup.clock = clock  # before the first check, on the next turn of the loop
    window.show()
    qtbot.waitUntil(lambda: _status(window) == "Last backup today 09:00", timeout=20_000)
    assert [p.name for _, p in backups.backups_in(share)] == ["boardwork-auto-20261201-090000.db"]
    clock.now += dt.timedelta(hours=1)
    window.auto_backup.check()  # not due yet: nothing new
    qtbot.waitUntil(lambda: not window.auto_backup.running)
    assert len(backups.backups_in(share)) == 1
    clock.now += dt.timedelta(hours=1)
    window.close()  # the day's work copied first, then the window closes
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=20_000)
    assert backups.backups_in(share)[0][0] == dt.datetime(2026, 12, 1, 11)


def test_an_unreachable_folder_is_shown_not_hidden(qtbot, database, tmp_path):
    share = tmp_path / "share"
    share.mkdir()
    backups.save_plan(database, BackupPlan(share))
    share.rmdir()  # the network drive is not connected today
    window = MainWindow(database)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: "cannot be reached" in _status(window), timeout=20_000)
    assert _status(window).startswith("⚠")
    label = window.findChild(QLabel, "backupStatus")
    assert label is not None and "cannot be reached" in label.accessibleName()


def test_no_plan_says_backups_are_off_and_closing_is_immediate(qtbot, database):
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: "off" in _status(window), timeout=20_000)
    window.close()
    assert not window.isVisible()


def test_the_backup_folder_is_never_written_by_a_read_only_check(tmp_path: Path) -> None:
    """The status only reads the folder: nothing appears in it from looking."""
    share = tmp_path / "share"
    share.mkdir()
    status = backups.backup_status(BackupPlan(share), dt.datetime(2026, 12, 1))
    assert status.warning and list(share.iterdir()) == []


def test_the_daily_structure_check_runs_on_the_timer_and_a_failure_is_shown(
        qtbot, database, tmp_path, monkeypatch):
    from desktop.services import structure_check

    share = tmp_path / "share"
    share.mkdir()
    backups.save_plan(database, BackupPlan(share, every_hours=4))
    window = MainWindow(database)
    qtbot.addWidget(window)
    clock = Clock()
    window.auto_backup.clock = clock
    window.show()
    qtbot.waitUntil(lambda: _status(window) == "Last backup today 09:00", timeout=20_000)
    assert structure_check.last_check(database) is None  # not in the minutes after start
    window.auto_backup.timer.timeout.emit()  # the timer's next turn
    qtbot.waitUntil(lambda: structure_check.last_check(database) is not None, timeout=20_000)
    qtbot.waitUntil(lambda: not window.auto_backup.running)
    assert structure_check.last_check(database) == structure_check.StructureCheck(
        clock.now.date(), True)
    assert _status(window) == "Last backup today 09:00"
    clock.now += dt.timedelta(days=1)
    monkeypatch.setattr(structure_check, "structure_problems",
                        lambda connection: ["damaged structure: page 7 is never used"])
    window.auto_backup.timer.timeout.emit()
    qtbot.waitUntil(lambda: "failed its check" in _status(window), timeout=20_000)
    assert "Help → Check the database" in _status(window)

"""File → Restore from a backup, Help → Check the database, and the recovery key asked for at
start when the keyring has lost it: driven through their screens (issue 21)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from desktop.models import Person
from desktop.models.database import Database
from desktop.models.keystore import format_recovery_key
from desktop.services import maintenance
from desktop.services.database import KeyStore, open_database
from desktop.services.maintenance import CheckReport
from desktop.views.backups import check_dialog
from desktop.views.backups.check_dialog import CheckDialog
from desktop.views.backups.restore_dialog import RestoreDialog
from desktop.views.start import session as sessions
from desktop.views.start.session import AppSession
from desktop.views.start.unlock_dialog import WRONG_KEY, UnlockDialog


def _people(database: Database) -> int:
    with database.session() as session:
        return int(session.scalar(select(func.count()).select_from(Person)) or 0)


def _add_people(database: Database, count: int, prefix: str) -> None:
    with database.transaction() as session:
        session.add_all(Person(key=f"{prefix}{i}", name=f"Person {prefix}{i}")
                        for i in range(count))


@pytest.fixture
def with_backup(database_path: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A database of 12 people, and a backup of it when it had 5."""
    database = open_database(database_path, KeyStore()).database
    _add_people(database, 5, "early")
    folder = tmp_path / "backups"
    folder.mkdir()
    backup = maintenance.backup_database(database, folder / "boardwork-backup.db")
    _add_people(database, 7, "later")
    database.close()
    return database_path, backup


def _session(qtbot, path: Path) -> AppSession:
    session = AppSession(path, KeyStore())
    assert session.open()
    window = session.show_window()
    window.backed_up_on_closing = True
    return session


def _finish(session: AppSession) -> None:
    """The window (whichever the session has now) closed, the database and lock let go."""
    if session.window is not None:
        session.window.backed_up_on_closing = True
        session.window.close()
        session.window.deleteLater()
    session.release()


def test_a_restore_through_the_screen_keeps_the_replaced_database(qtbot, with_backup,
                                                                  monkeypatch):
    path, backup = with_backup
    session = _session(qtbot, path)
    old = session.window
    assert old is not None and _people(old.database) == 12
    seen: dict[str, str] = {}

    def choose_and_confirm(dialog: RestoreDialog) -> int:
        assert "12 people" in dialog.findChild(object, "restoreCurrent").text()
        dialog.file.setText(str(backup))
        dialog.read_backup()
        qtbot.waitUntil(dialog.restore_button.isEnabled, timeout=20_000)
        seen["summary"] = dialog.summary.text()
        dialog.restore_button.click()
        return int(dialog.result())

    monkeypatch.setattr(RestoreDialog, "exec", choose_and_confirm)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    from PySide6.QtGui import QAction

    old.findChild(QAction, "restoreBackup").trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=30_000)
    try:
        assert "Backup made" in seen["summary"] and "5 people" in seen["summary"]
        assert "0 meeting(s)" in seen["summary"]
        new = session.window
        assert new is not None and new is not old
        assert _people(new.database) == 5  # the backup's records
        replaced = list(path.parent.glob("*.replaced-*"))
        assert len(replaced) == 1 and str(replaced[0]) in told[0]
        kept = Database.open(replaced[0], KeyStore().find(path))  # the same key
        try:
            assert _people(kept) == 12  # the database it replaced, whole
        finally:
            kept.close()
        assert session.lock is not None and session.lock.held
    finally:
        _finish(session)


def test_a_file_that_is_not_a_backup_is_said_plainly_and_restores_nothing(
        qtbot, with_backup, tmp_path):
    path, _backup = with_backup
    session = _session(qtbot, path)
    try:
        window = session.window
        assert window is not None
        junk = tmp_path / "notes.db"
        junk.write_bytes(b"minutes of the last meeting" * 400)
        dialog = RestoreDialog(window)
        qtbot.addWidget(dialog)
        dialog.file.setText(str(junk))
        dialog.read_backup()
        qtbot.waitUntil(lambda: "Reading" not in dialog.summary.text(), timeout=20_000)
        assert "does not open with this database's key" in dialog.summary.text()
        assert not dialog.restore_button.isEnabled()
        assert _people(window.database) == 12
    finally:
        _finish(session)


def test_a_restore_that_fails_reopens_the_database_as_it_was(qtbot, with_backup,
                                                            monkeypatch):
    path, backup = with_backup
    session = _session(qtbot, path)
    old = session.window
    assert old is not None
    failures: list[Exception] = []
    done: list[object] = []
    monkeypatch.setattr(sessions, "restore_database",
                        lambda *_a: (_ for _ in ()).throw(
                            sessions.DatabaseProblem("the disk is full")))
    session.restore(backup, None, done.append, failures.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=30_000)
    try:
        assert "the disk is full" in str(failures[0]) and not done
        assert session.window is not None and session.window is not old
        assert _people(session.window.database) == 12
    finally:
        _finish(session)


def test_the_missing_key_is_asked_for_and_a_wrong_one_said_plainly(qtbot, database_path,
                                                                   monkeypatch):
    opened = open_database(database_path, KeyStore())
    _add_people(opened.database, 3, "p")
    key = opened.database.key
    assert key is not None
    opened.database.close()
    KeyStore().forget(database_path)  # a rebuilt laptop: the keyring is new
    said: list[str] = []

    def type_keys(dialog: UnlockDialog) -> int:
        dialog.key_field.setText(format_recovery_key(bytes(32)))  # someone else's key
        dialog.unlock()
        said.append(dialog.message.text())
        assert not dialog.result()
        dialog.key_field.setText("not a key")
        dialog.unlock()
        said.append(dialog.message.text())
        dialog.key_field.setText(format_recovery_key(key).lower())
        dialog.unlock()
        return int(dialog.result())

    monkeypatch.setattr(UnlockDialog, "exec", type_keys)
    session = AppSession(database_path, KeyStore())
    try:
        assert session.open()
        assert said[0] == WRONG_KEY
        assert "64 letters and digits" in said[1]
        assert KeyStore().find(database_path) == key  # back in the keyring
        assert session.database is not None and _people(session.database) == 3
    finally:
        _finish(session)


def test_giving_up_on_the_recovery_key_opens_nothing_and_creates_nothing(
        qtbot, database_path, monkeypatch):
    opened = open_database(database_path, KeyStore())
    opened.database.close()
    before = database_path.read_bytes()
    KeyStore().forget(database_path)
    monkeypatch.setattr(UnlockDialog, "exec", lambda _dialog: 0)
    session = AppSession(database_path, KeyStore())
    assert not session.open()
    assert session.lock is None and session.database is None
    assert database_path.read_bytes() == before


def test_check_the_database_says_it_is_whole(qtbot, database):
    from desktop.views.main_window import MainWindow

    _add_people(database, 2, "c")
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.backed_up_on_closing = True
    dialog = CheckDialog(window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=30_000)
    text = dialog.outcome.text()
    assert "No problems found" in text and "2 people" in text
    assert dialog.busy.isHidden()


def test_check_the_database_lists_each_problem(qtbot, database, monkeypatch):
    from desktop.views.main_window import MainWindow

    monkeypatch.setattr(check_dialog, "check_database", lambda path, _keys: CheckReport(
        path, ["damaged page: 7", "attendance row 4 refers to a missing person"]))
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.backed_up_on_closing = True
    dialog = CheckDialog(window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=30_000)
    text = dialog.outcome.text()
    assert "2 problem(s) found" in text
    assert "damaged page: 7" in text and "refers to a missing person" in text
    assert "Restore a recent backup" in text


def test_a_backup_from_another_computer_is_read_and_restored_with_its_recovery_key(
        qtbot, with_backup, tmp_path, monkeypatch):
    path, _backup = with_backup
    other = open_database(tmp_path / "other" / "boardwork.db", KeyStore()).database
    _add_people(other, 4, "elsewhere")
    elsewhere = maintenance.backup_database(other, tmp_path / "from-the-old-laptop.db")
    assert other.key is not None
    recovery_key = format_recovery_key(other.key)
    other.close()
    session = _session(qtbot, path)

    def with_its_key(dialog: RestoreDialog) -> int:
        dialog.file.setText(str(elsewhere))
        dialog.read_backup()
        qtbot.waitUntil(lambda: "Reading" not in dialog.summary.text(), timeout=20_000)
        assert "another computer" in dialog.summary.text()  # this database's key: no
        dialog.key.setText("1234")
        dialog.read_backup()
        qtbot.waitUntil(lambda: "Reading" not in dialog.summary.text(), timeout=20_000)
        assert "64 letters and digits" in dialog.summary.text()
        dialog.key.setText(recovery_key)
        dialog.read_backup()
        qtbot.waitUntil(dialog.restore_button.isEnabled, timeout=20_000)
        assert "4 people" in dialog.summary.text()
        dialog.restore_button.click()
        return int(dialog.result())

    monkeypatch.setattr(RestoreDialog, "exec", with_its_key)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    from desktop.views.backups.restore_dialog import restore_from_backup

    old = session.window
    assert old is not None
    key_before = KeyStore().find(path)
    restore_from_backup(old)
    qtbot.waitUntil(lambda: bool(told), timeout=30_000)
    try:
        assert session.window is not None and _people(session.window.database) == 4
        assert KeyStore().find(path) == key_before  # still opens with this laptop's key
        assert "same key as before" in told[0]
    finally:
        _finish(session)


def test_browse_starts_in_the_backup_folder(qtbot, database, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from desktop.services import backups
    from desktop.views.main_window import MainWindow

    folder = tmp_path / "share"
    folder.mkdir()
    backups.save_plan(database, backups.BackupPlan(folder))
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.backed_up_on_closing = True
    dialog = RestoreDialog(window)
    qtbot.addWidget(dialog)
    opened_at: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda _parent, _title, where, _filter: (opened_at.append(where)
                                                                 or "", ""))
    qtbot.mouseClick(dialog.findChild(object, "restoreBrowse"), _left())
    assert opened_at == [str(folder)]
    assert not dialog.restore_button.isEnabled()


def _left():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_only_the_file_chosen_last_is_summarised(qtbot, with_backup, tmp_path):
    path, backup = with_backup
    session = _session(qtbot, path)
    try:
        assert session.window is not None
        dialog = RestoreDialog(session.window)
        qtbot.addWidget(dialog)
        junk = tmp_path / "empty.db"
        junk.write_bytes(b"\0" * 4096)
        dialog.file.setText(str(backup))
        dialog.read_backup()
        dialog.file.setText(str(junk))  # changed before the first reading is shown
        dialog.read_backup()
        qtbot.waitUntil(lambda: "Reading" not in dialog.summary.text(), timeout=20_000)
        from PySide6.QtCore import QThreadPool
        from PySide6.QtWidgets import QApplication

        QThreadPool.globalInstance().waitForDone(20_000)
        QApplication.processEvents()  # both readings' results delivered to the dialog
        assert "5 people" not in dialog.summary.text()
        assert not dialog.restore_button.isEnabled() and dialog.read is None
        dialog.file.setText("")
        dialog.read_backup()
        assert "Choose a backup" in dialog.summary.text()
    finally:
        _finish(session)


def test_a_restore_asked_during_an_automatic_backup_follows_it(qtbot, with_backup):
    path, backup = with_backup
    session = _session(qtbot, path)
    old = session.window
    assert old is not None
    qtbot.waitUntil(lambda: not old.auto_backup.running, timeout=20_000)
    old.auto_backup.running = True  # a copy being made from the database just now
    done: list[object] = []
    failures: list[Exception] = []
    session.restore(backup, None, done.append, failures.append)
    try:
        assert session.window is old and session.database is not None  # not let go yet
        assert _people(session.database) == 12
        from desktop.services.backups import BackupStatus

        old.auto_backup._done(BackupStatus("Last backup today", False))  # the copy is made
        qtbot.waitUntil(lambda: bool(done or failures), timeout=30_000)
        assert not failures and session.window is not old
        assert session.window is not None and _people(session.window.database) == 5
    finally:
        _finish(session)

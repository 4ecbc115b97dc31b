"""Compact the database… in the window: explained first, run off the UI thread behind a busy
dialog, the result in the page's message bar; offered ("Compact now…") after an erase, an
anonymisation or a retention step on a database from before deletes were secure, and never
run without asking."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QPushButton

from desktop.services.people import PersonInput, save_person
from desktop.services.privacy.compact import last_compacted, may_hold_deleted_text
from desktop.views.main_window import MainWindow
from desktop.views.privacy import anonymise as anonymise_view
from desktop.views.privacy import compact as compact_view
from desktop.views.privacy.compact import OFFER, CompactDialog
from desktop.views.privacy.erase_dialog import EraseDialog
from desktop.views.privacy.retention_dialog import Confirm, RetentionDialog
from tests.compact_support import DELETED, old_style_deletes
from tests.conftest import import_sample
from tests.raw_pages import still_there

HEREFORDSHIRE = "herefordshire-board-2018-10-23.json"
HERTFORDSHIRE = "hertfordshire-2015-16.json"


def _window(qtbot, database) -> MainWindow:  # type: ignore[no-untyped-def]
    """The window at 1366×768 on the Overview, a database with records in it."""
    import_sample(database, HEREFORDSHIRE)
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    assert hasattr(window.stack.currentWidget(), "message_bar")
    return window


def _bar(window: MainWindow):  # type: ignore[no-untyped-def]
    return window.stack.currentWidget().message_bar


def test_the_dialog_says_what_it_does_how_long_and_about_backups(qtbot, database):
    old_style_deletes(database)
    dialog = CompactDialog(database)
    qtbot.addWidget(dialog)
    dialog.show()
    text = dialog.findChild(compact_view.QLabel, "compactExplanation").text()
    assert "rewrites the database file" in text and "never been compacted" in text
    assert "a few seconds" in text and "30 seconds" in text and "MB free" in text
    assert "a temporary copy and the new file" in text  # its room counted too
    assert "Backups made before now still hold these details" in text
    start = dialog.findChild(QPushButton, "compactStart")
    assert start.text() == "&Compact now" and start.isDefault()
    # Keyboard: the Compact and Cancel buttons are on the Tab path.
    assert start.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert dialog.findChild(QPushButton, "compactCancel").focusPolicy() & Qt.FocusPolicy.TabFocus
    assert dialog.sizeHint().height() < 700


def test_the_dialog_names_the_copy_kept_from_before_an_upgrade(qtbot, database, database_path):
    old_style_deletes(database)
    kept = database_path.with_name(f"{database_path.stem}.before-upgrade-0011-20261202-101500"
                                   f"{database_path.suffix}")
    kept.write_bytes(b"an earlier copy")
    dialog = CompactDialog(database)
    qtbot.addWidget(dialog)
    text = dialog.findChild(compact_view.QLabel, "compactExplanation").text()
    assert f"from before an upgrade ({kept.name}) still holds what the database held" in text


def test_compacting_from_the_menu_ends_in_the_page_message_bar(qtbot, database,
                                                               database_path, monkeypatch):
    old_style_deletes(database, filler=200)
    window = _window(qtbot, database)
    asked: list[CompactDialog] = []

    def accept(dialog: CompactDialog) -> int:
        asked.append(dialog)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(CompactDialog, "exec", accept)
    threads: list[bool] = []
    original = compact_view.compact_database
    monkeypatch.setattr(compact_view, "compact_database", lambda db: threads.append(
        threading.current_thread() is threading.main_thread()) or original(db))
    window.findChild(QAction, "compactDatabase").trigger()
    assert len(asked) == 1
    qtbot.waitUntil(lambda: "compacted in" in _bar(window).message(), timeout=30_000)
    said = _bar(window).message()
    assert said.startswith("Done: The database was compacted in")
    assert " MB before, " in said and " MB now" in said
    assert threads == [False]  # off the UI thread
    assert still_there(database_path, database.key, DELETED) == []
    assert last_compacted(database) is not None


def test_cancelled_changes_nothing(qtbot, database, database_path, monkeypatch):
    old_style_deletes(database)
    window = _window(qtbot, database)
    monkeypatch.setattr(CompactDialog, "exec", lambda _self: QDialog.DialogCode.Rejected)
    window.findChild(QAction, "compactDatabase").trigger()
    assert _bar(window).message() == ""
    assert still_there(database_path, database.key, DELETED) == [DELETED]
    assert may_hold_deleted_text(database)


def test_a_refusal_is_said_in_the_message_bar(qtbot, database, monkeypatch):
    old_style_deletes(database)
    window = _window(qtbot, database)
    monkeypatch.setattr(CompactDialog, "exec", lambda _self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr("desktop.services.privacy.compact._free_space", lambda _folder: 1024)
    window.findChild(QAction, "compactDatabase").trigger()
    qtbot.waitUntil(lambda: "Problem:" in _bar(window).message(), timeout=20_000)
    assert "0.0 MB free" in _bar(window).message()
    assert "nothing was changed" in _bar(window).message()


def _erased_person(qtbot, database, monkeypatch, key: str) -> EraseDialog:
    """The erase dialog, shown, after erasing the person `key` (the confirmation answered yes)."""
    dialog = EraseDialog(database)
    qtbot.addWidget(dialog)
    dialog.show()
    monkeypatch.setattr(Confirm, "ask", staticmethod(lambda _parent, _text: True))
    dialog.kind.setCurrentIndex(dialog.kind.findData("person"))
    dialog.key.setText(key)
    dialog.reason.setText("Entered twice")
    dialog.erase()
    qtbot.waitUntil(lambda: dialog.erased, timeout=20_000)
    return dialog


def test_an_erase_on_an_old_database_offers_compacting(qtbot, database, database_path,
                                                       monkeypatch):
    import_sample(database, HEREFORDSHIRE)
    made = save_person(database, None, PersonInput("Duplicate Entry"))
    old_style_deletes(database)
    dialog = _erased_person(qtbot, database, monkeypatch, made.key)
    assert "details deleted before may still lie in its file" in dialog.feedback.text()
    assert dialog.compact_button.isVisible()  # offered, not run
    assert still_there(database_path, database.key, DELETED) == [DELETED]
    qtbot.mouseClick(dialog.compact_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "compacted in" in dialog.feedback.text(), timeout=30_000)
    assert not dialog.compact_button.isVisible()
    assert still_there(database_path, database.key, DELETED) == []


def test_an_erase_on_a_new_database_offers_nothing(qtbot, database, monkeypatch):
    made = save_person(database, None, PersonInput("Duplicate Entry"))
    dialog = _erased_person(qtbot, database, monkeypatch, made.key)
    assert "compact" not in dialog.feedback.text().lower()
    assert dialog.compact_button.isHidden()


def test_an_anonymisation_on_an_old_database_offers_compacting(qtbot, database,
                                                               database_path, monkeypatch):
    window = _window(qtbot, database)
    made = save_person(database, None, PersonInput("Jo Delegate", email="jo@example.org"))
    old_style_deletes(database)
    window.findChild(QAction, "gopeopleArea").trigger()
    page = window.stack.currentWidget()
    assert type(page).__name__ == "PeoplePage"
    panel = page.people
    monkeypatch.setattr(anonymise_view.AnonymiseReason, "ask",
                        staticmethod(lambda _parent, _name: "Asked by e-mail"))
    panel.table.select_where(lambda r: r.id == made.id)
    qtbot.mouseClick(panel.findChild(QPushButton, "anonymisePerson"),
                     Qt.MouseButton.LeftButton)
    bar = page.message_bar
    qtbot.waitUntil(lambda: "may still lie in its file" in bar.message(), timeout=20_000)
    assert f"now Former contact {made.id}" in bar.message()
    assert bar.action_button.isVisible() and bar.action_button.text() == OFFER
    assert still_there(database_path, database.key, DELETED) == [DELETED]  # asked, not run
    qtbot.mouseClick(bar.action_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "compacted in" in bar.message(), timeout=30_000)
    assert not bar.action_button.isVisible()
    assert still_there(database_path, database.key, DELETED) == []


def _retention_step_taken(qtbot, database, monkeypatch) -> RetentionDialog:
    """The retention review, shown, after its step (the confirmation answered yes) on the
    Hertfordshire sample, whose 2015-16 bookings have passed their period."""
    dialog = RetentionDialog(database)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=20_000)
    monkeypatch.setattr(Confirm, "ask", staticmethod(lambda _parent, _text: True))
    dialog.reason.setText("Annual review")
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Anonymised" in dialog.feedback.text(), timeout=60_000)
    return dialog


def test_a_retention_step_on_an_old_database_offers_compacting(qtbot, database,
                                                               database_path, monkeypatch):
    import_sample(database, HERTFORDSHIRE)
    old_style_deletes(database)
    dialog = _retention_step_taken(qtbot, database, monkeypatch)
    assert "details deleted before may still lie in its file" in dialog.feedback.text()
    offer = dialog.findChild(QPushButton, "retentionCompact")
    assert offer is dialog.compact_button and offer.isVisible()  # offered, not run
    assert offer.text() == "Compact &now…"
    assert still_there(database_path, database.key, DELETED) == [DELETED]
    qtbot.mouseClick(offer, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "compacted in" in dialog.feedback.text(), timeout=30_000)
    assert not offer.isVisible()
    assert still_there(database_path, database.key, DELETED) == []
    assert not may_hold_deleted_text(database)


def test_a_retention_step_on_a_new_database_offers_nothing(qtbot, database, monkeypatch):
    import_sample(database, HERTFORDSHIRE)
    dialog = _retention_step_taken(qtbot, database, monkeypatch)
    assert "compact" not in dialog.feedback.text().lower()
    assert dialog.compact_button.isHidden()

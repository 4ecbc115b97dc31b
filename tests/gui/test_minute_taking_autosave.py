"""Autosave of the minute-taking view: its timing, its waits, and what a restart is told.

The crash tests (test_minute_taking_crash.py) kill a typing process; these check the parts
in-process."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt

from desktop.services import meetings as svc
from desktop.views.minute_taking import autosave
from desktop.views.minute_taking.session import what_was_saved
from desktop.views.minute_taking.view import MinuteTakingView
from tests.gui.conftest import live_meeting, open_minute_taking


@pytest.fixture
def view(qtbot, database) -> MinuteTakingView:
    widget = open_minute_taking(qtbot, database, live_meeting(database), size=None)
    widget.go_to(next(i.id for i in widget.record.items if i.number == "5.1"))
    return widget


def _minutes(view: MinuteTakingView, number: str) -> str:
    items = svc.meeting_record(view.database, view.meeting_id).items
    return next(i.minutes_html or "" for i in items if i.number == number)


def test_steady_typing_does_not_put_the_save_off(qtbot, view):
    qtbot.keyClicks(view.editor, "T")
    assert view.save_timer.isActive()
    assert view.save_timer.interval() <= 500  # half the promised second: the rest is headroom
    due = view.save_timer.remainingTime()
    qtbot.keyClicks(view.editor, "he chair")
    # Timed from the first unsaved keystroke: later ones never restart it.
    assert view.save_timer.isActive() and view.save_timer.remainingTime() <= due
    qtbot.waitUntil(lambda: "The chair" in _minutes(view, "5.1"), timeout=3000)


def test_moving_to_the_next_item_returns_once_the_text_is_written(qtbot, view):
    qtbot.keyClicks(view.editor, " Moved on at once")
    qtbot.keyClick(view.editor, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert view.current is not None and view.current.number == "5.2"
    assert "Moved on at once" in _minutes(view, "5.1")  # no flush: already in the database


def test_the_restart_message_tells_of_a_failed_save(qtbot, view, monkeypatch, problems):
    def refuse(*_args: object, **_options: object) -> None:
        raise OSError("disk full")

    assert what_was_saved().startswith("Everything typed until a second before")
    save_minutes = autosave.save_minutes
    monkeypatch.setattr(autosave, "save_minutes", refuse)
    qtbot.keyClicks(view.editor, " Lost?")
    view.save_current()
    qtbot.waitUntil(lambda: view.save_state.text() == "NOT SAVED")
    assert problems and "could not be saved" in problems[0]
    assert "had failed" in what_was_saved()
    monkeypatch.setattr(autosave, "save_minutes", save_minutes)
    qtbot.keyClicks(view.editor, " Saved after all")
    view.save_current()
    qtbot.waitUntil(lambda: view.save_state.text() == "All saved ✓")
    assert what_was_saved().startswith("Everything typed until a second before")
    assert "Lost? Saved after all" in _minutes(view, "5.1")


def test_a_save_finishing_after_more_was_typed_still_says_saving(qtbot, view, monkeypatch):
    """The label follows the document: "All saved" only when nothing typed is waiting."""
    gate = threading.Event()
    save_minutes = autosave.save_minutes

    def slow_save(*args: object, **options: bool) -> None:
        gate.wait(5)
        save_minutes(*args, **options)

    monkeypatch.setattr(autosave, "save_minutes", slow_save)
    qtbot.keyClicks(view.editor, " First")
    assert view.save_state.text() == "Saving…"
    view.save_current()  # handed to the writer, which waits at the gate
    qtbot.keyClicks(view.editor, " second")  # typed while that save is under way
    assert view.save_timer.isActive()  # the first keystroke after the hand-over restarted it
    with qtbot.waitSignal(view.signals.saved, timeout=3000):  # handled after the view's own
        gate.set()
    assert "First" in _minutes(view, "5.1")
    assert view.save_state.text() == "Saving…"
    view.save_current()
    qtbot.waitUntil(lambda: view.save_state.text() == "All saved ✓", timeout=3000)
    assert "First second" in _minutes(view, "5.1")


def test_a_sitting_of_autosaves_is_one_change_in_the_audit_trail(qtbot, view):
    """Each autosave no longer keeps both whole texts in the trail: typing with several
    saves leaves one entry for the item, from the text before to the text saved last."""
    from sqlalchemy import select

    from desktop.models import AuditEntry

    def entries() -> list[tuple[str | None, str | None]]:
        with view.database.session() as session:
            return [(e.old, e.new) for e in session.scalars(
                select(AuditEntry).where(AuditEntry.table_name == "agenda_item",
                                         AuditEntry.field == "minutes_html",
                                         AuditEntry.row_id == str(view.current.id))
                .order_by(AuditEntry.id))]

    before = entries()
    for words in (" First words", " and more", " and the last"):
        qtbot.keyClicks(view.editor, words)
        view.save_current()
        qtbot.waitUntil(lambda: view.save_state.text() == "All saved ✓", timeout=3000)
    after = entries()
    assert len(after) == len(before) + 1
    assert "First words and more and the last" in (after[-1][1] or "")
    assert "First words" not in (after[-1][0] or "")

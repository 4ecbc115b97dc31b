"""Spell checking while taking minutes: underlines as words are finished, suggestions by
keyboard and mouse, words added to the user's dictionary, the meeting's names left alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QTextCharFormat
from PySide6.QtWidgets import QApplication, QMenu

from desktop.services import meetings as svc
from desktop.views.minute_taking.view import MinuteTakingView
from tests.gui.conftest import live_meeting, open_minute_taking


@pytest.fixture
def view(qtbot, database) -> MinuteTakingView:
    widget = open_minute_taking(qtbot, database, live_meeting(database), size=(1366, 768))
    widget.editor.selectAll()
    widget.editor.textCursor().removeSelectedText()
    return widget


def underlined(view: MinuteTakingView) -> list[str]:
    """The words drawn with the spelling underline, in order."""
    words = []
    block = view.editor.document().begin()
    while block.isValid():
        for fmt in block.layout().formats():
            if fmt.format.underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline:
                words.append(block.text()[fmt.start:fmt.start + fmt.length])
        block = block.next()
    return words


def open_menu(qtbot) -> QMenu:
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    return menu


def test_a_misspelt_word_is_underlined_once_it_is_finished(qtbot, view):
    qtbot.keyClicks(view.editor, "We will recie")
    assert underlined(view) == []  # a word being typed is left alone
    qtbot.keyClicks(view.editor, "ve the definately")
    assert underlined(view) == ["recieve"]
    qtbot.keyClick(view.editor, Qt.Key.Key_Home)  # the caret leaves the last word
    assert underlined(view) == ["recieve", "definately"]


def test_british_spellings_and_this_meetings_names_are_not_underlined(qtbot, view):
    row = next(r for r in view.record.attendance if r.agency)
    qtbot.keyClicks(view.editor, f"The organisation's programme needs judgement, said "
                                 f"{row.name} ({row.initials}) of {row.agency}. ")
    assert underlined(view) == []
    qtbot.keyClicks(view.editor, "Qwertyx Zumbido agreed. ")
    assert underlined(view) == ["Qwertyx", "Zumbido"]


def test_a_suggestion_is_applied_from_the_keyboard(qtbot, view):
    qtbot.keyClicks(view.editor, "We will recieve it")
    for _ in range(5):
        qtbot.keyClick(view.editor, Qt.Key.Key_Left)  # into "recieve"
    qtbot.keyClick(view.editor, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    menu = open_menu(qtbot)
    assert [a.text() for a in menu.actions()][:2] == ["receive", "relieve"]
    assert menu.activeAction().text() == "receive"
    qtbot.keyClick(menu, Qt.Key.Key_Return)
    assert view.editor.toPlainText() == "We will receive it"
    assert underlined(view) == []
    qtbot.keyClick(view.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert view.editor.toPlainText() == "We will recieve it"


def test_the_menu_key_and_the_mouse_offer_suggestions_too(qtbot, view):
    qtbot.keyClicks(view.editor, "The comittee met. ")
    qtbot.keyClick(view.editor, Qt.Key.Key_Home)
    qtbot.keyClick(view.editor, Qt.Key.Key_Right)  # a correct word: only the usual menu
    QApplication.sendEvent(view.editor, QContextMenuEvent(
        QContextMenuEvent.Reason.Keyboard, QPoint(0, 0), view.editor.mapToGlobal(QPoint(0, 0))))
    menu = open_menu(qtbot)
    assert "committee" not in [a.text() for a in menu.actions()]
    assert any("Copy" in a.text() for a in menu.actions())
    menu.close()
    cursor = view.editor.textCursor()
    cursor.setPosition(6)  # inside "comittee"
    at = view.editor.cursorRect(cursor).center()
    QApplication.sendEvent(view.editor.viewport(), QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, at, view.editor.viewport().mapToGlobal(at)))
    menu = open_menu(qtbot)
    menu.actions()[0].trigger()
    assert view.editor.toPlainText() == "The committee met. "


def test_a_word_added_to_the_dictionary_is_kept_for_the_user(
        qtbot, view, isolated_personal_dictionary: Path):
    qtbot.keyClicks(view.editor, "Met at the Cwtch today. Cwtch again. ")
    assert underlined(view) == ["Cwtch", "Cwtch"]
    qtbot.keyClick(view.editor, Qt.Key.Key_Home)
    for _ in range(12):  # into the first "Cwtch"
        qtbot.keyClick(view.editor, Qt.Key.Key_Right)
    qtbot.keyClick(view.editor, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    menu = open_menu(qtbot)
    next(a for a in menu.actions() if a.objectName() == "addToDictionary").trigger()
    assert underlined(view) == []
    assert isolated_personal_dictionary.read_text(encoding="utf-8") == "Cwtch\n"


def test_underlining_is_not_an_edit(qtbot, view):
    """Checking the text must not mark it changed, or autosave would say "Saving…" forever."""
    qtbot.keyClicks(view.editor, "The comittee")
    view.save_current()
    view.saver.flush()
    qtbot.waitUntil(lambda: view.save_state.text() == "All saved ✓")
    qtbot.keyClick(view.editor, Qt.Key.Key_Home)  # underlines "comittee"
    assert underlined(view) == ["comittee"]
    assert not view.editor.document().isModified()
    assert not view.save_timer.isActive()
    assert view.save_state.text() == "All saved ✓"


def test_typing_after_a_save_still_starts_the_autosave_timer(qtbot, view, database):
    """The autosave ignores format-only changes by asking whether the text is modified; a key
    typed just after a save must count as modified (Qt merges typed keys into one undo step)."""
    qtbot.keyClicks(view.editor, "The comittee")
    view.save_current()
    assert not view.save_timer.isActive()
    qtbot.keyClicks(view.editor, "s")
    assert view.save_timer.isActive()
    assert view.save_state.text() == "Saving…"
    qtbot.waitUntil(lambda: not view.save_timer.isActive(), timeout=5000)  # the real timer
    view.saver.flush()
    item = next(i for i in svc.meeting_record(database, view.meeting_id).items
                if i.id == view.current.id)
    assert "The comittees" in item.minutes_html


def test_a_late_arrivals_name_stops_being_flagged(qtbot, view, monkeypatch):
    from desktop.views.minute_taking import dialogs
    from desktop.views.minute_taking import room as room_view

    qtbot.keyClicks(view.editor, "Qwertyx Zumbido joined the meeting. ")
    assert underlined(view) == ["Qwertyx", "Zumbido"]
    monkeypatch.setattr(room_view.LateArrivalName, "ask", lambda *_: "Qwertyx Zumbido")
    monkeypatch.setattr(dialogs.Ask, "yes", lambda *_a, **_k: True)  # a new person: yes
    qtbot.keyClick(view.editor, Qt.Key.Key_F8)  # late arrival, not expected
    assert any(row.name == "Qwertyx Zumbido" for row in view.record.attendance)
    assert underlined(view) == []


def test_approved_minutes_offer_no_replacements(qtbot, view):
    qtbot.keyClicks(view.editor, "The comittee")
    view.editor.setReadOnly(True)
    qtbot.keyClick(view.editor, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    menu = open_menu(qtbot)
    assert "committee" not in [a.text() for a in menu.actions()]
    assert not any(a.objectName() == "addToDictionary" for a in menu.actions())


def test_a_dictionary_that_cannot_be_written_is_a_plain_message(
        qtbot, view, isolated_personal_dictionary: Path, monkeypatch):
    from desktop.views.minute_taking import spelling

    shown: list[str] = []
    monkeypatch.setattr(spelling.Problem, "show", lambda _p, text: shown.append(text))
    isolated_personal_dictionary.mkdir()  # a folder where the file should be
    qtbot.keyClicks(view.editor, "The Cwtch ")
    view.spelling.add_to_dictionary("Cwtch")
    assert len(shown) == 1 and shown[0].startswith("The word could not be added")
    assert "Traceback" not in shown[0]
    assert view.spelling.checker.personal.words == []
    assert underlined(view) == ["Cwtch"]

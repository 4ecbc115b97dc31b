"""The Trainers and venues tab, and adding a venue from the session form without leaving it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from desktop.services.training import (
    CourseDetails,
    SessionDetails,
    VenueDetails,
    list_trainers,
    list_venues,
    save_course,
    save_venue,
    schedule_session,
)
from desktop.views.areas import AppContext
from desktop.views.notices import Notices
from desktop.views.training.page import TrainingPage
from desktop.views.training.records import TrainerDialog, VenueDialog
from desktop.views.training.session_form import SessionDialog


def _when_modal(qtbot, kind: type, fill) -> None:  # type: ignore[no-untyped-def]
    """Fill in the dialog of `kind` once it is open."""

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, kind), dialog
        fill(dialog)

    QTimer.singleShot(0, act)


def _page(qtbot, database) -> TrainingPage:  # type: ignore[no-untyped-def]
    page = TrainingPage(AppContext(database, Notices()))
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    page.tabs.setCurrentWidget(page.records)
    return page


def test_a_venue_is_added_on_the_tab_with_its_room_size(qtbot, database) -> None:
    page = _page(qtbot, database)

    def fill(dialog: VenueDialog) -> None:
        qtbot.keyClicks(dialog.name, "Robertson House, Stevenage")
        qtbot.keyClicks(dialog.contact, "Reception")
        dialog.capacity.setValue(24)
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)

    _when_modal(qtbot, VenueDialog, fill)
    page.findChild(QPushButton, "newVenue").click()
    assert [(v.name, v.contact, v.room_capacity) for v in list_venues(database)] == [
        ("Robertson House, Stevenage", "Reception", 24)]
    table = page.records.venues.proxy
    assert [table.index(0, c).data() for c in range(table.columnCount())] == [
        "Robertson House, Stevenage", "24", "Reception", "", "0"]
    assert page.records.feedback.text() == "Venue added."


def test_a_trainer_s_name_twice_is_refused_in_the_form(qtbot, database) -> None:
    page = _page(qtbot, database)
    for attempt in range(2):
        def fill(dialog: TrainerDialog, attempt: int = attempt) -> None:
            qtbot.keyClicks(dialog.name, "Ann Ash")
            dialog.accept()
            if attempt == 1:
                assert dialog.problem.text() == "There is already a trainer called Ann Ash."
                dialog.reject()

        _when_modal(qtbot, TrainerDialog, fill)
        page.findChild(QPushButton, "newTrainer").click()
    assert [t.name for t in list_trainers(database)] == ["Ann Ash"]


def test_a_venue_in_use_is_kept_with_the_reason(qtbot, database, monkeypatch) -> None:
    venue = save_venue(database, VenueDetails("County Hall"))
    course = save_course(database, CourseDetails("Neglect")).id
    schedule_session(database, SessionDetails(course, dt.datetime(2026, 12, 2, 9, 30),
                                              venue_id=venue))
    page = _page(qtbot, database)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args: QMessageBox.StandardButton.Yes)
    page.findChild(QPushButton, "removeVenue").click()
    assert page.records.feedback.text() == (
        "County Hall is the venue of 1 session(s): change those sessions first.")
    assert len(list_venues(database)) == 1


def test_a_new_venue_from_the_session_form_is_chosen_for_the_session(qtbot, database) -> None:
    save_course(database, CourseDetails("Neglect", capacity=30))
    dialog = SessionDialog(None, database, None)
    qtbot.addWidget(dialog)

    def fill(venue: VenueDialog) -> None:
        qtbot.keyClicks(venue.name, "Small room")
        venue.capacity.setValue(12)
        venue.accept()

    _when_modal(qtbot, VenueDialog, fill)
    dialog.findChild(QPushButton, "newVenueFromSession").click()
    assert dialog.venue.currentText() == "Small room (room holds 12)"
    # 30 places in a room for 12: warned, and going back saves nothing.
    seen: list[str] = []

    def answer(box: QMessageBox) -> None:
        seen.append(box.text())
        next(b for b in box.buttons() if b.text() == "&Go back").click()

    _when_modal(qtbot, QMessageBox, answer)
    dialog.accept()
    assert "The session offers 30 places but the room holds 12." in seen[0]

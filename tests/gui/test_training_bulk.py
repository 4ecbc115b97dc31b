"""Booking several people in one go, through the dialog and from the Sessions tab."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from desktop.models import Agency, Person
from desktop.services.training import (
    CourseDetails,
    SessionDetails,
    book,
    list_bookings,
    save_course,
    schedule_session,
)
from desktop.views.areas import AppContext
from desktop.views.notices import Notices
from desktop.views.training.bulk_dialog import BulkBookingDialog
from desktop.views.training.page import TrainingPage

SOON = dt.datetime.combine(dt.date.today() + dt.timedelta(days=10), dt.time(9, 30))


def _setup(database, capacity: int = 2) -> tuple[int, dict[str, int]]:
    course = save_course(database, CourseDetails("Neglect", capacity=30))
    session_id = schedule_session(database, SessionDetails(course.id, SOON,
                                                           capacity=capacity)).id
    with database.transaction() as s:
        police = Agency(key="police", name="Police")
        social = Agency(key="social-care", name="Social Care")
        people = [Person(key=n.lower().replace(" ", "-"), name=n, agency=a)
                  for n, a in (("Ann Ash", police), ("Ben Birch", police),
                               ("Cat Cole", police), ("Dan Dale", social))]
        s.add_all(people)
        s.flush()
        return session_id, {p.name: p.id for p in people}


def _shown(dialog: BulkBookingDialog) -> list[str]:
    return [dialog.people.item(r).text() for r in range(dialog.people.count())]


def test_the_dialog_filters_ticks_across_filters_and_books(qtbot, database) -> None:
    session_id, ids = _setup(database, capacity=2)
    book(database, session_id, ids["Dan Dale"])
    dialog = BulkBookingDialog(None, database, session_id, "Neglect")
    qtbot.addWidget(dialog)
    dialog.show()
    assert _shown(dialog)[-1] == "Dan Dale — Social Care  (already booked)"
    qtbot.keyClicks(dialog.filter, "police")
    assert len(_shown(dialog)) == 3
    qtbot.mouseClick(dialog.findChild(QPushButton, "bulkTickAll"),
                     Qt.MouseButton.LeftButton)
    assert dialog.summary.text() == "3 to book, in this order: Ann Ash, Ben Birch, Cat Cole"
    # Space on the person under the cursor unticks them; the ticks outlive a new filter.
    dialog.people.setFocus()
    dialog.people.setCurrentRow(1)
    qtbot.keyClick(dialog.people, Qt.Key.Key_Space)
    dialog.filter.clear()
    assert len(dialog.chosen) == 2 and len(_shown(dialog)) == 4
    dialog.accept()
    assert dialog.result_ is not None
    assert dialog.result_.describe() == (
        "Booked: Ann Ash. On the waiting list: Cat Cole (number 1).")
    assert [(b.person, b.status) for b in list_bookings(database, session_id)] == [
        ("Dan Dale", "booked"), ("Ann Ash", "booked"), ("Cat Cole", "waiting")]


def test_nothing_ticked_is_said_and_books_nobody(qtbot, database) -> None:
    session_id, _ids = _setup(database)
    dialog = BulkBookingDialog(None, database, session_id, "Neglect")
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.problem.text() == "Choose the people to book."
    assert list_bookings(database, session_id) == ()


def test_book_several_from_the_sessions_tab_tells_who_went_where(qtbot, database) -> None:
    session_id, _ids = _setup(database, capacity=1)
    page = TrainingPage(AppContext(database, Notices()))
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)

    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, BulkBookingDialog)
        qtbot.keyClicks(dialog.filter, "police")
        dialog.tick_all_shown()
        qtbot.keyClick(dialog.filter, Qt.Key.Key_Return)

    QTimer.singleShot(0, fill_in)
    # Ctrl+Shift+K: Ctrl+Shift+B is File → Back up… in the main window.
    qtbot.keyClick(page.sessions.sessions, Qt.Key.Key_K,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    message = page.findChild(QLabel, "trainingMessage").text()
    assert message == ("Booked: Ann Ash. On the waiting list: Ben Birch (number 1), Cat Cole "
                       "(number 2).")
    assert len(list_bookings(database, session_id)) == 3

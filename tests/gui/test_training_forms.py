"""The course and session forms: typed in, checked by their service, nothing saved when wrong."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.services.training import list_courses, list_sessions
from desktop.views.areas import AppContext
from desktop.views.notices import Notices
from desktop.views.training.forms import CourseDialog
from desktop.views.training.page import TrainingPage
from desktop.views.training.session_form import SessionDialog


def test_course_form_needs_a_title_then_saves(qtbot, database) -> None:
    dialog = CourseDialog(None, database, None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.accept()
    assert dialog.problem.text() == "A course needs a title."
    assert list_courses(database) == ()
    qtbot.keyClicks(dialog.title, "Neglect lite bite")
    dialog.format.setCurrentIndex(dialog.format.findData("lite_bite"))
    dialog.capacity.setValue(25)
    dialog.charge.setValue(35)
    qtbot.keyClick(dialog.title, Qt.Key.Key_Return)
    [course] = list_courses(database)
    assert (course.title, course.details.format, course.details.capacity,
            course.details.non_attendance_charge_pence,
            course.details.late_cancellation_charge_pence) == (
        "Neglect lite bite", "lite_bite", 25, 3500, None)


def _type_over(qtbot, field, text: str) -> None:
    """Select what the field holds and type over it, as a user does."""
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)


def test_session_form_takes_a_whole_date_and_times_typed_over_a_selection(qtbot,
                                                                         database) -> None:
    from desktop.services.training import CourseDetails, VenueDetails, save_course, save_venue

    save_course(database, CourseDetails("Neglect", capacity=20))
    save_venue(database, VenueDetails("County Hall, Hertford"))
    dialog = SessionDialog(None, database, None)
    qtbot.addWidget(dialog)
    dialog.show()
    _type_over(qtbot, dialog.day, "02/12/2026")
    _type_over(qtbot, dialog.start, "15:30")
    _type_over(qtbot, dialog.end, "14:00")
    dialog.accept()
    assert dialog.problem.text() == "A session must end after it starts."
    _type_over(qtbot, dialog.end, "17.45")
    dialog.venue.setCurrentIndex(dialog.venue.findText("County Hall, Hertford"))
    qtbot.keyClick(dialog.end, Qt.Key.Key_Return)
    [session] = list_sessions(database)
    assert (session.course, session.start, session.end, session.venue, session.capacity) == (
        "Neglect", dt.datetime(2026, 12, 2, 15, 30), dt.datetime(2026, 12, 2, 17, 45),
        "County Hall, Hertford", 20)


def test_session_form_says_what_it_cannot_read_and_saves_nothing(qtbot, database) -> None:
    from desktop.services.training import CourseDetails, save_course

    save_course(database, CourseDetails("Neglect"))
    dialog = SessionDialog(None, database, None)
    qtbot.addWidget(dialog)
    _type_over(qtbot, dialog.day, "31/02/2026")
    dialog.accept()
    assert dialog.problem.text() == (
        "Date: '31/02/2026' is not a date (write it as 23/10/2018).")
    _type_over(qtbot, dialog.day, "02/12/2026")
    _type_over(qtbot, dialog.start, "25:00")
    dialog.accept()
    assert "Start time: '25:00' is not a time" in dialog.problem.text()
    assert list_sessions(database) == ()


def _clashing_form(qtbot, database) -> SessionDialog:
    from desktop.services.training import (
        CourseDetails,
        SessionDetails,
        TrainerDetails,
        save_course,
        save_trainer,
        schedule_session,
    )

    course = save_course(database, CourseDetails("Neglect", capacity=20)).id
    ann = save_trainer(database, TrainerDetails("Ann Ash"))
    schedule_session(database, SessionDetails(course, dt.datetime(2026, 12, 2, 9, 30),
                                              dt.datetime(2026, 12, 2, 12, 30), trainer_id=ann))
    dialog = SessionDialog(None, database, course)
    qtbot.addWidget(dialog)
    _type_over(qtbot, dialog.day, "02/12/2026")
    _type_over(qtbot, dialog.start, "11:00")
    _type_over(qtbot, dialog.end, "13:00")
    dialog.trainer.setCurrentIndex(dialog.trainer.findData(ann))
    return dialog


def _answer_warning(qtbot, button_text: str, seen: list[str]) -> None:
    """Click a button of the clash warning once it is showing."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox) and box.objectName() == "sessionClashWarning"
        seen.append(box.text())
        [chosen] = [b for b in box.buttons() if b.text().replace("&", "") == button_text]
        chosen.click()

    QTimer.singleShot(0, answer)


def test_a_clash_is_shown_and_going_back_saves_nothing(qtbot, database) -> None:
    dialog = _clashing_form(qtbot, database)
    seen: list[str] = []
    _answer_warning(qtbot, "Go back", seen)
    dialog.accept()
    assert "Neglect on 02/12/2026 09:30–12:30 is also with Ann Ash." in seen[0]
    assert dialog.problem.text().startswith("Not saved")
    assert len(list_sessions(database)) == 1


def test_a_clash_confirmed_is_saved(qtbot, database) -> None:
    dialog = _clashing_form(qtbot, database)
    seen: list[str] = []
    _answer_warning(qtbot, "Save anyway", seen)
    dialog.accept()
    assert len(seen) == 1 and dialog.result() == dialog.DialogCode.Accepted
    assert [s.start.hour for s in list_sessions(database)] == [9, 11]


def test_course_duration_is_typed_in_hours_and_minutes(qtbot, database) -> None:
    dialog = CourseDialog(None, database, None)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.title, "Neglect")
    _type_over(qtbot, dialog.duration, "3:30")
    dialog.accept()
    [course] = list_courses(database)
    assert course.details.duration_minutes == 210
    again = CourseDialog(None, database, course)
    qtbot.addWidget(again)
    assert again.duration.text() == "3:30"
    _type_over(qtbot, again.duration, "seven hours")
    again.accept()
    assert "Duration: 'seven hours' is not a length of time" in again.problem.text()
    _type_over(qtbot, again.duration, "7h")
    again.accept()
    assert list_courses(database)[0].details.duration_minutes == 420


def test_courses_tab_lists_the_catalogue(qtbot, database) -> None:
    from desktop.services.training import CourseDetails, save_course

    save_course(database, CourseDetails("Neglect", level="universal", format="full_day",
                                        capacity=20, non_attendance_charge_pence=5000))
    page = TrainingPage(AppContext(database, Notices()))
    qtbot.addWidget(page)
    proxy = page.courses.table.proxy
    assert [proxy.index(0, c).data() for c in range(proxy.columnCount())] == [
        "Neglect", "Universal", "Full day", "20", "£50.00", ""]


def test_training_is_an_area_of_the_main_window(qtbot, database) -> None:
    from desktop.views.areas import AREAS
    from desktop.views.main_window import MainWindow

    window = MainWindow(database)
    qtbot.addWidget(window)
    row = [area.object_name for area in AREAS].index("trainingArea")
    window.show_area(row)
    assert window.findChild(TrainingPage, "trainingPage") is not None


def _tab_order(qtbot, dialog) -> list[str]:
    """What Tab visits, from where the dialog opens, once round."""
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    visited: list[str] = []
    for _ in range(30):
        widget = QApplication.focusWidget()
        name = widget.objectName() or widget.text()
        if name in visited:
            break
        visited.append(name)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    return visited


def test_a_form_opens_in_its_first_field_and_tab_ends_on_ok_and_cancel(qtbot, database):
    """The forms' OK and Cancel were made before their fields: the form opened on OK (Enter
    saved a new session of the defaults before anything was typed) and Tab went to OK and
    Cancel before the fields. Found by keyboard alone under Xvfb."""
    from desktop.views.training.records import TrainerDialog

    for dialog, first in ((SessionDialog(None, database, None), "sessionCourse"),
                          (CourseDialog(None, database, None), "courseTitle"),
                          (TrainerDialog(None, database, None), "trainerName")):
        qtbot.addWidget(dialog)
        order = _tab_order(qtbot, dialog)
        assert order[0] == first
        assert order[-2:] == ["OK", "Cancel"]
        dialog.close()
    assert list_sessions(database) == ()

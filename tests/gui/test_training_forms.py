"""The course and session forms: typed in, checked by their service, nothing saved when wrong."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.services.training import list_courses, list_sessions
from desktop.views.areas import AppContext
from desktop.views.notices import Notices
from desktop.views.training.forms import CourseDialog, SessionDialog
from desktop.views.training.page import TrainingPage


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


def test_session_form_schedules_and_refuses_backwards_times(qtbot, database) -> None:
    from desktop.services.training import CourseDetails, save_course

    save_course(database, CourseDetails("Neglect", capacity=20))
    dialog = SessionDialog(None, database, None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.end.setTime(dialog.start.time().addSecs(-3600))
    dialog.accept()
    assert dialog.problem.text() == "A session must end after it starts."
    dialog.end.setTime(dialog.start.time().addSecs(3 * 3600))
    qtbot.keyClicks(dialog.venue, "County Hall, Hertford")
    dialog.accept()
    [session] = list_sessions(database)
    assert (session.course, session.venue, session.capacity, session.places_taken) == (
        "Neglect", "County Hall, Hertford", 20, 0)


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

"""The Training area driven as the coordinator would: mostly by keyboard."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel
from sqlalchemy import select

from desktop.models import Agency, Person
from desktop.services.interchange import import_documents, read_document
from desktop.services.training import (
    BookingInfo,
    CourseDetails,
    Reason,
    SessionDetails,
    book,
    list_bookings,
    save_course,
    schedule_session,
)
from desktop.views.areas import AppContext
from desktop.views.notices import Notices
from desktop.views.table_models.training_bookings import (
    BookingsTableModel,
    ChargesTableModel,
    RegisterTableModel,
)
from desktop.views.table_models.training_sessions import CoursesTableModel, SessionsTableModel
from desktop.views.training.delegate_dialog import DelegateChoice, DelegateDialog
from desktop.views.training.page import TrainingPage
from desktop.views.training.sessions import SessionsPanel
from tests.conftest import SAMPLES

HERTS = SAMPLES / "hertfordshire-2015-16.json"
SOON = dt.datetime.combine(dt.date.today() + dt.timedelta(days=10), dt.time(9, 30))


def _people(database, *names: str) -> list[int]:
    with database.transaction() as s:
        agency = Agency(key="childrens-services", name="Children's Services")
        people = [Person(key=n.lower().replace(" ", "-"), name=n, agency=agency) for n in names]
        s.add_all(people)
        s.flush()
        return [p.id for p in people]


def _small_session(database, capacity: int = 2) -> int:
    course = save_course(database, CourseDetails(
        "Safeguarding disabled children", format="full_day", capacity=30,
        non_attendance_charge_pence=5000))
    return schedule_session(database, SessionDetails(
        course.id, SOON, SOON.replace(hour=16, minute=30),
        _venue(database, "County Hall, Hertford"),
        capacity=capacity)).id


def _page(qtbot, database) -> TrainingPage:
    page = TrainingPage(AppContext(database, Notices()))
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    # Shortcuts reach only the active window.
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    return page


def _message(page: TrainingPage, name: str) -> str:
    label = page.findChild(QLabel, name)
    assert label is not None
    return label.text()


def test_every_table_model_passes_the_model_tester(qtmodeltester, database) -> None:
    import_documents(database, [(HERTS.name, read_document(HERTS))])
    page = TrainingPage(AppContext(database, Notices()))
    page.sessions.past.setChecked(True)
    models = [page.sessions.sessions.rows_model, page.sessions.bookings.rows_model,
              page.register.table.rows_model, page.courses.table.rows_model]
    assert [type(m) for m in models] == [SessionsTableModel, BookingsTableModel,
                                        RegisterTableModel, CoursesTableModel]
    charges = ChargesTableModel()
    from desktop.services.figures import Period
    from desktop.services.training import list_charges

    charges.set_rows(list_charges(database, Period(dt.date(2015, 4, 1), dt.date(2016, 3, 31))))
    for model in [*models, charges]:
        assert model.rowCount() > 0
        qtmodeltester.check(model)
    page.deleteLater()


def test_sessions_list_shows_how_full_and_hides_the_past(qtbot, database) -> None:
    import_documents(database, [(HERTS.name, read_document(HERTS))])
    _small_session(database, capacity=2)
    page = _page(qtbot, database)
    table = page.sessions.sessions
    assert table.proxy.rowCount() == 1  # the sample's sessions are all in the past
    past = page.findChild(QCheckBox, "showPastSessions")
    past.setChecked(True)
    assert table.proxy.rowCount() == 37
    first = [table.proxy.index(0, c).data() for c in range(table.proxy.columnCount())]
    assert first == ["Thu 09/04/2015", "09:30–16:30",
                     "Safeguarding and Child Protection Multi-agency course",
                     "Apsley Training Centre, Hemel Hempstead", "27 / 30", "3 left", "", "Run"]


def test_booking_beyond_capacity_waits_and_a_cancellation_promotes(
    qtbot, database, monkeypatch: pytest.MonkeyPatch
) -> None:
    session_id = _small_session(database, capacity=1)
    ann, ben = _people(database, "Ann Ash", "Ben Birch")
    page = _page(qtbot, database)
    chosen = iter([DelegateChoice(person_id=ann), DelegateChoice(person_id=ben)])
    monkeypatch.setattr(SessionsPanel, "_ask_delegate", lambda self, title: next(chosen))
    qtbot.keyClick(page.sessions.sessions, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert _message(page, "trainingMessage") == "Ann Ash is booked."
    qtbot.keyClick(page.sessions.sessions, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert "full: Ben Birch is number 1 on the waiting list" in _message(page, "trainingMessage")
    bookings = page.sessions.bookings
    assert [bookings.proxy.index(r, 2).data() for r in range(2)] == ["Booked", "Waiting (1)"]
    asked: list[str] = []

    def confirm(_self, question):
        asked.append(question)
        return True, Reason("work_demands", "Court hearing")

    monkeypatch.setattr(SessionsPanel, "ask_cancel_reason", confirm)
    bookings.setFocus()
    bookings.selectRow(0)
    qtbot.keyClick(bookings, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert asked and asked[0].startswith("Cancel Ann Ash's place on Safeguarding disabled")
    assert "late cancellation" not in asked[0]  # ten days ahead: free
    text = _message(page, "trainingMessage")
    assert "Ann Ash's booking is cancelled" in text
    assert "Ben Birch moved up from the waiting list" in text
    assert [(b.status, b.reason_text) for b in list_bookings(database, session_id)] == [
        ("booked", ""), ("cancelled", "Work demands: Court hearing")]


def test_register_by_keyboard(qtbot, database, monkeypatch) -> None:
    from desktop.views.training.register import RegisterPanel

    session_id = _small_session(database, capacity=5)
    for person in _people(database, "Ann Ash", "Ben Birch", "Cat Cole"):
        book(database, session_id, person, now=SOON - dt.timedelta(days=3))
    page = _page(qtbot, database)
    page.register.now = lambda: SOON + dt.timedelta(hours=1)  # the session has begun
    monkeypatch.setattr(RegisterPanel, "ask_absence_reason",
                        lambda self, person: (True, Reason("illness")))
    page.tabs.setCurrentWidget(page.register)
    table = page.register.table
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_A)  # Ann attended; the cursor moves to Ben
    qtbot.keyClick(table, Qt.Key.Key_D)  # Ben did not attend
    qtbot.keyClick(table, Qt.Key.Key_Up)
    qtbot.keyClick(table, Qt.Key.Key_Up)
    qtbot.keyClick(table, Qt.Key.Key_N)  # Ann back to not marked, a slip undone
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_A)  # Cat attended
    marks = {b.person: (b.status, b.charge_pence) for b in list_bookings(database, session_id)}
    assert marks == {"Ann Ash": ("booked", None), "Ben Birch": ("did_not_attend", 5000),
                     "Cat Cole": ("attended", None)}
    assert _message(page, "registerCounts") == "1 attended, 1 did not attend, 1 not marked"
    assert "Cat Cole: attended" in _message(page, "registerMessage")


def test_walk_in_added_as_attended(qtbot, database, monkeypatch) -> None:
    session_id = _small_session(database)
    page = _page(qtbot, database)
    page.register.now = lambda: SOON
    page.tabs.setCurrentWidget(page.register)
    from desktop.services.training import NewDelegate
    from desktop.views.training.register import RegisterPanel

    monkeypatch.setattr(RegisterPanel, "_ask_delegate", lambda self: DelegateChoice(
        new_delegate=NewDelegate("Dee Walker", job_title="Health visitor")))
    qtbot.keyClick(page.register.table, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    [walk_in] = list_bookings(database, session_id)
    assert (walk_in.person, walk_in.status, walk_in.job_title) == (
        "Dee Walker", "attended", "Health visitor")
    assert page.register.table.proxy.index(0, 3).data() == "Attended"


def test_delegate_dialog_warns_of_a_likely_duplicate(qtbot, database) -> None:
    _people(database, "Ann Ash")
    dialog = DelegateDialog(None, database, "Book a delegate")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name, "ann ash")
    dialog.name.editingFinished.emit()
    assert "Probably already recorded" in dialog.duplicates.text()
    assert "Ann Ash" in dialog.duplicates.text()
    dialog.name.clear()
    qtbot.keyClicks(dialog.search, "ash")
    assert dialog.results.count() == 1
    with database.session() as s:
        ann = s.scalar(select(Person.id))
    assert dialog.choice() == DelegateChoice(person_id=ann)


def test_waive_and_export_charges(qtbot, database, tmp_path: Path, monkeypatch) -> None:
    import_documents(database, [(HERTS.name, read_document(HERTS))])
    page = _page(qtbot, database)
    charges = page.charges
    charges.start.setDate(charges.start.date().fromString("01/04/2015", "dd/MM/yyyy"))
    charges.end.setDate(charges.end.date().fromString("31/03/2016", "dd/MM/yyyy"))
    assert charges.table.proxy.rowCount() == 81
    assert "£3,150.00" in charges.total.text()
    monkeypatch.setattr(type(charges), "ask_reason", lambda self, person: "Agreed by chair")
    charges.table.selectRow(0)
    charges.waive()
    assert "waived" in _message(page, "chargesMessage")
    assert "£3,150.00" not in charges.total.text()
    out = tmp_path / "charges.xlsx"
    monkeypatch.setattr(type(charges), "ask_path", lambda self: out)
    charges.export()
    qtbot.waitUntil(lambda: "Saved" in _message(page, "chargesMessage"), timeout=20_000)
    summary = list(load_workbook(out)["By agency"].iter_rows(values_only=True))
    assert summary[-1][1] == 80


def test_booking_info_is_plain(database) -> None:
    session_id = _small_session(database)
    [ann] = _people(database, "Ann Ash")
    assert isinstance(book(database, session_id, ann), BookingInfo)


def test_more_places_move_the_waiting_list_up(qtbot, database, monkeypatch) -> None:
    from desktop.services.training import change_session, get_session_info
    from desktop.views.training.session_form import SessionDialog
    from desktop.views.training.sessions import SessionsPanel as Panel

    session_id = _small_session(database, capacity=1)
    for person in _people(database, "Ann Ash", "Ben Birch"):
        book(database, session_id, person)
    page = _page(qtbot, database)

    def more_places(parent, db, course_id, session):
        assert isinstance(parent, Panel) and session.id == session_id
        info = get_session_info(db, session_id)
        details = SessionDetails(info.course_id, info.start, info.end, capacity=2)
        change = change_session(db, session_id, details)
        return get_session_info(db, session_id), tuple(b.person for b in change.promoted)

    monkeypatch.setattr(SessionDialog, "ask", more_places)
    # Ctrl+E is also "edit course" on the Courses tab: only the visible tab's key acts.
    qtbot.keyClick(page.sessions.sessions, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert "Moved up from the waiting list: Ben Birch" in _message(page, "trainingMessage")
    assert page.sessions.sessions.proxy.index(0, SessionsTableModel.COL_PLACES).data() == (
        "2 / 2")


def test_cancel_a_session_after_confirming(qtbot, database, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    session_id = _small_session(database, capacity=1)
    for person in _people(database, "Ann Ash", "Ben Birch"):
        book(database, session_id, person)
    page = _page(qtbot, database)
    asked: list[str] = []

    def answer(_parent, _title, text):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    page.sessions.cancel_session()
    assert "1 booking(s) and 1 on the waiting list" in asked[0]
    assert "with its 2 booking(s)" in _message(page, "trainingMessage")
    assert page.sessions.sessions.proxy.index(0, SessionsTableModel.COL_STATUS).data() == (
        "Cancelled")
    assert {b.status for b in list_bookings(database, session_id)} == {"cancelled"}


def _venue(database, name: str) -> int:
    """The venue of that name, made the first time it is asked for."""
    from desktop.services.training import VenueDetails, list_venues, save_venue

    found = [v.id for v in list_venues(database) if v.name == name]
    return found[0] if found else save_venue(database, VenueDetails(name))

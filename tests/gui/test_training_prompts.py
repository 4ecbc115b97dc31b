"""The questions the training rules make the screens ask (issue 16), answered as a user would."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop.services.training import (
    CANCELLATION_REASONS,
    Reason,
    SessionDetails,
    book,
    get_session_info,
    list_bookings,
    mark,
)
from desktop.views.training.reason_dialog import ReasonDialog
from desktop.views.training.register import RegisterPanel
from desktop.views.training.sessions import SessionsPanel
from tests.gui.test_training_page import SOON, _message, _page, _people, _small_session

BEGUN = SOON + dt.timedelta(hours=1)
BEFORE = SOON - dt.timedelta(days=3)


def test_the_reason_dialog_takes_a_choice_and_words(qtbot) -> None:
    dialog = ReasonDialog(None, "Cancel a place", "Cancel Ann Ash's place?",
                          CANCELLATION_REASONS, "&Cancel the place", "&Keep the place")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.choice() is None  # nothing said: no reason recorded
    dialog.reason.setCurrentIndex(dialog.reason.findData("other"))
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "what the other reason is" in dialog.problem.text()
    qtbot.keyClicks(dialog.note, "Covering  a colleague")
    assert dialog.choice() == Reason("other", "Covering a colleague")
    dialog.reason.setCurrentIndex(dialog.reason.findData("illness"))
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.choice() == Reason("illness", "Covering a colleague")


def test_a_place_kept_when_the_cancellation_is_not_confirmed(qtbot, database,
                                                             monkeypatch) -> None:
    session_id = _small_session(database)
    [ann] = _people(database, "Ann Ash")
    book(database, session_id, ann)
    page = _page(qtbot, database)
    monkeypatch.setattr(SessionsPanel, "ask_cancel_reason", lambda self, q: (False, None))
    page.sessions.bookings.selectRow(0)
    page.sessions.cancel_booking()
    assert [b.status for b in list_bookings(database, session_id)] == ["booked"]


def test_re_marking_asks_about_the_waiver(qtbot, database, monkeypatch) -> None:
    from desktop.services.training import waive_charge

    session_id = _small_session(database)
    [ann] = _people(database, "Ann Ash")
    booking = book(database, session_id, ann, now=BEFORE)
    mark(database, booking.id, "did_not_attend", now=BEGUN)
    waive_charge(database, booking.id, "Snowed in")
    mark(database, booking.id, "attended", now=BEGUN)
    page = _page(qtbot, database)
    page.register.now = lambda: BEGUN
    monkeypatch.setattr(RegisterPanel, "ask_absence_reason", lambda self, p: (True, None))
    questions: list[str] = []
    answers = iter([None, True])

    def ask(_self, question):
        questions.append(question)
        return next(answers)

    monkeypatch.setattr(RegisterPanel, "ask_waiver", ask)
    page.register.mark(booking.id, "did_not_attend")  # asked, and left as it was
    [now] = list_bookings(database, session_id)
    assert (now.status, now.charge_waived_reason) == ("attended", "Snowed in")
    page.register.mark(booking.id, "did_not_attend")  # asked, and the waiver kept
    assert "waived before (Snowed in)" in questions[0] and len(questions) == 2
    [now] = list_bookings(database, session_id)
    assert (now.status, now.charge_pence, now.charge_waived_reason) == (
        "did_not_attend", 5000, "Snowed in")


def test_marking_run_offers_to_cancel_the_waiting_list(qtbot, database, monkeypatch) -> None:
    session_id = _small_session(database, capacity=1)
    for person in _people(database, "Ann Ash", "Ben Birch"):
        book(database, session_id, person, now=BEFORE)
    page = _page(qtbot, database)
    page.register.now = lambda: BEFORE
    page.register.mark_run()
    assert "once it has started" in _message(page, "registerMessage")
    page.register.now = lambda: BEGUN
    asked: list[str] = []
    monkeypatch.setattr(RegisterPanel, "confirm",
                        lambda self, title, text: asked.append(text) or True)
    page.register.mark_run()
    assert "1 still on the waiting list" in asked[0]
    assert "free of charge" in _message(page, "registerMessage")
    assert get_session_info(database, session_id).status == "completed"
    assert sorted((b.person, b.status) for b in list_bookings(database, session_id)) == [
        ("Ann Ash", "booked"), ("Ben Birch", "cancelled")]


def test_booking_someone_who_attended_asks_first(qtbot, database, monkeypatch) -> None:
    from desktop.services.training import mark_completed, schedule_session
    from desktop.views.training.delegate_dialog import DelegateChoice

    session_id = _small_session(database)
    course_id = get_session_info(database, session_id).course_id
    earlier = schedule_session(database, SessionDetails(course_id, SOON - dt.timedelta(days=60)))
    [ann] = _people(database, "Ann Ash")
    first = book(database, earlier.id, ann, now=SOON - dt.timedelta(days=70))
    mark(database, first.id, "attended", now=SOON - dt.timedelta(days=60))
    mark_completed(database, earlier.id, now=SOON - dt.timedelta(days=59))
    page = _page(qtbot, database)
    page.sessions.sessions.select_where(lambda i: i.id == session_id)
    monkeypatch.setattr(SessionsPanel, "_ask_delegate",
                        lambda self, title: DelegateChoice(person_id=ann))
    asked: list[str] = []
    monkeypatch.setattr(SessionsPanel, "confirm",
                        lambda self, title, text: asked.append(text) or False)
    page.sessions.book_delegate()
    assert "attended Safeguarding disabled children on" in asked[0]
    assert list_bookings(database, session_id) == ()


def test_a_moved_session_says_who_to_tell(qtbot, database, monkeypatch) -> None:
    from desktop.models import Person
    from desktop.services.training import change_session
    from desktop.views.training.session_form import SessionDialog

    session_id = _small_session(database, capacity=1)
    ann, ben = _people(database, "Ann Ash", "Ben Birch")
    with database.transaction() as s:
        s.get(Person, ann).email = "ann@example.org"
    book(database, session_id, ann)
    book(database, session_id, ben)

    def moved(parent, db, course_id, session):
        details = SessionDetails(course_id, SOON + dt.timedelta(days=7), None, capacity=1)
        change_session(db, session_id, details)
        return get_session_info(db, session_id), ()

    monkeypatch.setattr(SessionDialog, "ask", moved)
    told: list[str] = []
    monkeypatch.setattr(SessionsPanel, "show_to_tell", lambda self, text: told.append(text))
    page = _page(qtbot, database)
    page.sessions.change_session()
    assert "Ann Ash <ann@example.org>" in told[0]
    assert "Ben Birch (no e-mail recorded) — on the waiting list" in told[0]
    assert "please tell the 2 booked or waiting" in _message(page, "trainingMessage")



def test_charges_with_no_agency_are_shown_apart(qtbot, database) -> None:
    from desktop.models import Person

    session_id = _small_session(database)
    [ann] = _people(database, "Ann Ash")
    with database.transaction() as s:
        nat = Person(key="nat", name="Nat Noagency")
        s.add(nat)
        s.flush()
        nat_id = nat.id
    for person in (ann, nat_id):
        booking = book(database, session_id, person, now=BEFORE)
        mark(database, booking.id, "did_not_attend", now=BEGUN)
    page = _page(qtbot, database)
    charges = page.charges
    day = SOON.date()
    charges.start.setDate(charges.start.date().fromString(f"{day:%d/%m/%Y}", "dd/MM/yyyy"))
    charges.end.setDate(charges.end.date().fromString(f"{day:%d/%m/%Y}", "dd/MM/yyyy"))
    charges.refresh()
    assert charges.table.proxy.rowCount() == 2
    text = charges.total.text()
    assert "To invoice: <b>£50.00</b>" in text
    assert "<b>£50.00</b> with no agency recorded: needs an agency before invoicing" in text


def test_the_cancellation_question_says_a_late_one_is_charged(qtbot, database,
                                                             monkeypatch) -> None:
    session_id = _small_session(database)
    [ann] = _people(database, "Ann Ash")
    book(database, session_id, ann, now=BEFORE)
    page = _page(qtbot, database)
    page.sessions.now = lambda: SOON - dt.timedelta(hours=20)
    asked: list[str] = []
    monkeypatch.setattr(SessionsPanel, "ask_cancel_reason",
                        lambda self, q: asked.append(q) or (True, Reason("illness")))
    page.sessions.bookings.selectRow(0)
    page.sessions.cancel_booking()
    assert ("This is a late cancellation: a charge of £50.00 is raised to Children's Services."
            in asked[0])
    assert "a charge of £50.00 is raised" in _message(page, "trainingMessage")

"""The Overview's training lines, each leading to its place in the Training area."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.services.training import book, mark
from desktop.views.main_window import MainWindow
from tests.gui.test_training_page import SOON, _people, _small_session


def _window(qtbot, database) -> MainWindow:
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.show_area(0)
    return window


def test_overview_lists_what_the_coordinator_needs(qtbot, database) -> None:
    session_id = _small_session(database, capacity=1)
    ann, ben = _people(database, "Ann Ash", "Ben Birch")
    book(database, session_id, ann)
    book(database, session_id, ben)
    window = _window(qtbot, database)
    training = window.pages[0].training
    assert training.coming.item(0).text().endswith(
        "Safeguarding disabled children: full, 1 waiting")
    assert training.coming.item(0).text().startswith(f"{SOON:%a} {SOON:%d/%m/%Y} 09:30")
    assert training.unmarked.item(0).text() == "Every register of a session held is marked."
    assert training.charges.item(0).text() == "No charges to invoice."
    # Enter on the session leads to it in the Training area's list.
    training.coming.setFocus()
    qtbot.keyClick(training.coming, Qt.Key.Key_Return)
    page = window.stack.currentWidget()
    assert page.objectName() == "trainingPage"
    assert page.tabs.currentWidget() is page.sessions
    assert page.sessions.current_session().id == session_id
    assert QApplication.focusWidget() is page.sessions.sessions


def test_an_unmarked_register_leads_to_the_register(qtbot, database) -> None:
    session_id = _small_session(database, capacity=5)
    ann, ben = _people(database, "Ann Ash", "Ben Birch")
    book(database, session_id, ann)
    mark(database, book(database, session_id, ben).id, "did_not_attend",
         now=SOON + dt.timedelta(days=1))  # marked the day after
    window = _window(qtbot, database)
    training = window.pages[0].training
    training.now = lambda: SOON + dt.timedelta(days=1)  # the day after the session
    training.refresh()
    assert training.unmarked.item(0).text() == (
        f"{SOON:%d/%m/%Y}  Safeguarding disabled children: 1 not marked")
    assert training.charges.item(0).text() == "£50.00 to invoice: 1 charge(s) to 1 agency"
    training.unmarked.setFocus()
    qtbot.keyClick(training.unmarked, Qt.Key.Key_Return)
    page = window.stack.currentWidget()
    assert page.tabs.currentWidget() is page.register
    assert page.register.session.id == session_id
    assert QApplication.focusWidget() is page.register.table
    window.show_area(0)
    training.charges.setFocus()
    qtbot.keyClick(training.charges, Qt.Key.Key_Return)
    assert page.tabs.currentWidget() is page.charges


def test_a_persons_and_an_agencys_bookings_from_the_people_area(qtbot, database) -> None:
    from desktop.services.interchange import import_documents, read_document
    from desktop.services.training.history import booking_history
    from desktop.views.areas import AREAS
    from tests.gui.test_training_page import HERTS

    import_documents(database, [(HERTS.name, read_document(HERTS))])
    window = _window(qtbot, database)
    people_row = next(i for i, a in enumerate(AREAS) if a.object_name == "peopleArea")
    window.show_area(people_row)
    people = window.pages[people_row]
    first = booking_history(database)[0]
    people.people.table.select_where(lambda row: row.id == first.person_id)
    people.people.findChild(type(people.people.merge_button), "personBookings").click()
    training = window.stack.currentWidget()
    panel = training.history
    assert training.tabs.currentWidget() is panel
    qtbot.waitUntil(lambda: not panel.loading and len(panel.model.all_rows) > 0,
                    timeout=20_000)
    assert panel.person.text() == first.person
    assert {line.person_id for line in panel.model.rows} == {first.person_id}
    assert len(panel.model.rows) == len(booking_history(database, person_id=first.person_id))
    # The agency's, from the Agencies tab.
    window.show_area(people_row)
    agencies = people.agencies
    people.tabs.setCurrentWidget(agencies)
    agencies.table.select_where(lambda row: row.id == first.agency_id)
    agencies.findChild(type(people.people.merge_button), "agencyBookings").click()
    assert panel.person.text() == ""
    assert {line.agency_id for line in panel.model.rows} == {first.agency_id}
    assert len(panel.model.rows) == len(booking_history(database, agency_id=first.agency_id))

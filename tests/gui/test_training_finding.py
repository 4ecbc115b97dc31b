"""Finding things in the Training screens: filters as you type, the calendar by keyboard,
every booking of a person or agency, and lists to Excel (read back)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from desktop.services.interchange import import_documents, read_document
from desktop.services.training import book, list_bookings, list_sessions
from desktop.services.training.history import booking_history
from desktop.views.areas import AppContext
from desktop.views.notices import Notices
from desktop.views.table_models.training_history import HistoryTableModel
from desktop.views.table_models.training_sessions import SessionsTableModel
from desktop.views.training import excel
from desktop.views.training.calendar import add_months
from desktop.views.training.page import TrainingPage
from tests.gui.test_training_page import HERTS, SOON, _people, _small_session


def _page(qtbot, database) -> TrainingPage:
    page = TrainingPage(AppContext(database, Notices()))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    return page


def _herts(qtbot, database) -> TrainingPage:
    import_documents(database, [(HERTS.name, read_document(HERTS))])
    page = _page(qtbot, database)
    page.sessions.past.setChecked(True)
    return page


def _column(table, column: int) -> list[str]:
    return [table.proxy.index(r, column).data() for r in range(table.proxy.rowCount())]


def test_sessions_filter_as_you_type_and_esc_clears(qtbot, database) -> None:
    page = _herts(qtbot, database)
    table, bar = page.sessions.sessions, page.sessions.filters
    assert table.proxy.rowCount() == 36
    bar.text.setFocus()
    qtbot.keyClicks(bar.text, "HEMEL")
    venues = _column(table, SessionsTableModel.COL_VENUE)
    assert venues and len(venues) < 36
    assert all("hemel" in v.lower() for v in venues)
    assert bar.count.text() == f"{len(venues)} of 36 shown"
    qtbot.keyClick(bar.text, Qt.Key.Key_Escape)
    assert bar.text.text() == "" and table.proxy.rowCount() == 36
    # A course chosen, then only the full ones of it, then a venue typed.
    bar.course.setCurrentIndex(1)
    course = bar.course.currentText()
    assert set(_column(table, SessionsTableModel.COL_COURSE)) == {course}
    bar.status.setCurrentIndex(bar.status.findData("completed"))
    assert set(_column(table, SessionsTableModel.COL_STATUS)) == {"Run"}
    bar.fullness.setCurrentIndex(bar.fullness.findData("full"))
    assert set(_column(table, SessionsTableModel.COL_FREE)) <= {"Full"}
    bar.fullness.setCurrentIndex(0)
    qtbot.keyClicks(bar.venue, "no such venue")
    assert table.proxy.rowCount() == 0
    # The session's bookings follow the list after a pause in typing.
    qtbot.waitUntil(lambda: page.sessions.heading.text() == "No session chosen.")
    qtbot.keyClick(bar.venue, Qt.Key.Key_Escape)
    assert (bar.course.currentIndex(), bar.venue.text(), table.proxy.rowCount()) == (0, "", 36)
    # Dates: from the first of 2016 on.
    qtbot.keyClicks(bar.first, "01/01/2016")
    starts = [s.start.date() for s in table.rows_model.rows]
    assert starts and min(starts) >= dt.date(2016, 1, 1) and len(starts) < 36
    bar.first.setFocus()
    qtbot.keyClick(bar.first, Qt.Key.Key_Escape)
    assert (bar.first.text(), table.proxy.rowCount()) == ("", 36)


def test_words_match_in_any_column_and_order(qtbot, database) -> None:
    page = _herts(qtbot, database)
    table, bar = page.sessions.sessions, page.sessions.filters
    qtbot.keyClicks(bar.text, "hemel safeguarding")
    both = table.rows_model.rows
    assert both and all("hemel" in (s.venue or "").lower() and "safeguarding" in
                        s.course.lower() for s in both)
    bar.text.setText("safeguarding hemel")
    assert table.rows_model.rows == both
    # Typing back out widens the list again (the narrowing shortcut is not taken).
    bar.text.setText("hemel")
    assert len(table.rows_model.rows) >= len(both)


def test_a_date_from_the_past_shows_past_sessions(qtbot, database) -> None:
    import_documents(database, [(HERTS.name, read_document(HERTS))])
    page = _page(qtbot, database)
    bar = page.sessions.filters
    assert page.sessions.sessions.proxy.rowCount() == 0
    qtbot.keyClicks(bar.first, "01/03/2016")
    assert page.sessions.past.isChecked()
    starts = [s.start.date() for s in page.sessions.sessions.rows_model.rows]
    assert starts and min(starts) >= dt.date(2016, 3, 1)


def test_courses_register_and_charges_filter(qtbot, database) -> None:
    page = _herts(qtbot, database)
    page.tabs.setCurrentWidget(page.courses)
    courses = page.courses
    qtbot.keyClicks(courses.filters.text, "learning")
    assert [c.title for c in courses.table.rows_model.rows] == [
        "Safeguarding children - the impact of parental learning difficulties"]
    # The register of the first session, narrowed to a name.
    page.sessions.sessions.selectRow(0)
    register = page.register
    page.tabs.setCurrentWidget(register)
    everyone = register.table.rows_model.rows
    name = everyone[3].person
    register.filters.text.setFocus()
    qtbot.keyClicks(register.filters.text, name.lower())
    assert [b.person for b in register.table.rows_model.rows] == [name]
    assert register.table.current().person == name
    qtbot.keyClick(register.filters.text, Qt.Key.Key_Escape)
    assert register.table.rows_model.rows == everyone
    # Charges: the waived ones only; the total is that of those shown.
    charges = page.charges
    page.tabs.setCurrentWidget(charges)
    charges.start.setDate(charges.start.date().fromString("01/04/2015", "dd/MM/yyyy"))
    charges.end.setDate(charges.end.date().fromString("31/03/2016", "dd/MM/yyyy"))
    assert charges.table.proxy.rowCount() == 81
    charges.waived.setCurrentIndex(charges.waived.findData("waived"))
    waived = charges.model.rows
    assert all(c.waived for c in waived)
    charges.waived.setCurrentIndex(charges.waived.findData("owed"))
    assert "To invoice of those shown: <b>£3,150.00</b>" in charges.total.text()
    assert charges.table.proxy.rowCount() == 81 - len(waived)
    qtbot.keyClicks(charges.filters.text, "zzz nobody")
    assert charges.table.proxy.rowCount() == 0 and "£0.00" in charges.total.text()


def test_sorting_a_filtered_list_by_a_header(qtbot, database) -> None:
    page = _herts(qtbot, database)
    table = page.sessions.sessions
    qtbot.keyClicks(page.sessions.filters.text, "safeguarding")
    table.sortByColumn(SessionsTableModel.COL_DATE, Qt.SortOrder.DescendingOrder)
    starts = [s.start for s in table.rows_model.rows]
    assert starts == sorted(starts, reverse=True)
    assert all("safeguarding" in s.course.lower() for s in table.rows_model.rows)


# -- the calendar -----------------------------------------------------------------------

def _calendar_page(qtbot, database):
    session_id = _small_session(database, capacity=20)
    for person in _people(database, "Ann Ash", "Ben Birch"):
        book(database, session_id, person)
    page = _page(qtbot, database)
    return page, session_id


def test_calendar_shows_each_session_with_how_full(qtbot, database) -> None:
    page, _ = _calendar_page(qtbot, database)
    calendar = page.sessions.calendar
    calendar.go_to(SOON.date())
    index = calendar.model.index_of(SOON.date())
    assert index.data().splitlines()[1] == "2/20 Safeguarding disabled children"
    said = index.data(Qt.ItemDataRole.AccessibleTextRole)
    assert said == (f"{SOON:%A} {SOON.day} {SOON:%B %Y}: 09:30 Safeguarding disabled children, "
                    "2 of 20 places booked")
    assert calendar.view.accessibleName() == "Sessions calendar"
    assert calendar.day_said.text() == said
    assert calendar.title.text() == f"<b>{SOON:%B %Y}</b>"


def test_calendar_by_keyboard(qtbot, database) -> None:
    page, session_id = _calendar_page(qtbot, database)
    calendar = page.sessions.calendar
    view = calendar.view
    today = calendar.model.today
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.current_day() == today
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.current_day() == today + dt.timedelta(days=8)
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert view.current_day() == add_months(today + dt.timedelta(days=8), 1)
    assert calendar.title.text() == f"<b>{view.current_day():%B %Y}</b>"
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    qtbot.keyClick(view, Qt.Key.Key_Up)
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.current_day() == today
    # On past the end of a month: the next month is shown.
    last = add_months(today.replace(day=1), 1) - dt.timedelta(days=1)
    calendar.go_to(last)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.current_day() == last + dt.timedelta(days=1)
    assert calendar.title.text() == f"<b>{view.current_day():%B %Y}</b>"
    # The week view: one row, Page Down moves a week.
    calendar.week_button.click()
    assert calendar.model.rowCount() == 1
    day = view.current_day()
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert view.current_day() == day + dt.timedelta(weeks=1)
    calendar.month_button.click()
    # Enter on the session's day puts it under the list's cursor, and the cursor there.
    page.sessions.filters.text.setText("zzz")  # hidden by a filter: Enter clears it
    calendar.go_to(SOON.date())
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert page.sessions.current_session().id == session_id
    assert page.sessions.filters.text.text() == ""
    assert QApplication.focusWidget() is page.sessions.sessions


def test_enter_on_a_past_day_shows_past_sessions(qtbot, database) -> None:
    import_documents(database, [(HERTS.name, read_document(HERTS))])
    page = _page(qtbot, database)
    calendar = page.sessions.calendar
    calendar.go_to(dt.date(2015, 4, 9))
    calendar.view.setFocus()
    qtbot.keyClick(calendar.view, Qt.Key.Key_Enter)
    assert page.sessions.past.isChecked()
    chosen = page.sessions.current_session()
    assert chosen is not None and chosen.start.date() == dt.date(2015, 4, 9)


# -- every booking of a person or agency -------------------------------------------------

def _history(qtbot, database) -> TrainingPage:
    page = _herts(qtbot, database)
    panel = page.show_bookings()
    qtbot.waitUntil(lambda: len(panel.model.all_rows) > 0, timeout=20_000)
    return page


def test_bookings_of_a_person_and_of_an_agency(qtbot, database) -> None:
    page = _history(qtbot, database)
    panel = page.history
    assert len(panel.model.all_rows) == len(booking_history(database)) == 796
    assert panel.filters.count.text() == "796"
    name = panel.model.rows[0].person
    panel.person.setFocus()
    qtbot.keyClicks(panel.person, name)
    assert {line.person for line in panel.model.rows} == {name}
    shown = [panel.table.proxy.index(0, c).data() for c in range(6)]
    first = panel.model.rows[0]
    assert shown[:3] == [first.person, first.agency, first.course]
    assert shown[3] == first.session_start.strftime("%d/%m/%Y")
    qtbot.keyClick(panel.person, Qt.Key.Key_Escape)
    assert panel.model.rowCount() == 796
    agency = panel.agency.findText("Children's Services")
    panel.agency.setCurrentIndex(agency)
    lines = panel.model.rows
    assert lines and {line.agency for line in lines} == {"Children's Services"}
    assert len(lines) == len(booking_history(database, agency_id=panel.agency.currentData()))
    panel.status.setCurrentIndex(panel.status.findData("did_not_attend"))
    assert {line.status for line in panel.model.rows} == {"did_not_attend"}
    qtbot.waitUntil(lambda: f"{len(panel.model.rows)} booking(s) shown" in panel.total.text())
    assert "charges to invoice: <b>£" in panel.total.text()
    qtbot.keyClicks(panel.filters.text, "zzz")
    assert panel.model.rowCount() == 0


def test_bookings_list_to_excel(qtbot, database, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    page = _history(qtbot, database)
    panel = page.history
    panel.agency.setCurrentIndex(panel.agency.findText("Children's Services"))
    panel.status.setCurrentIndex(panel.status.findData("charged"))
    lines = panel.model.rows
    assert lines
    out = tmp_path / "herts.xlsx"
    monkeypatch.setattr("desktop.views.training.bookings_list.ask_xlsx_path",
                        lambda *args: out)
    qtbot.keyClick(panel.table, Qt.Key.Key_X,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: "Saved" in panel.feedback.text(), timeout=20_000)
    rows = list(load_workbook(out)["Bookings"].iter_rows(values_only=True))
    assert rows[0] == ("Training bookings: Children's Services",) + (None,) * 8
    assert rows[1][0].startswith(f"{len(lines)} of 796 bookings: agency Children's Services; "
                                 "status with a charge")
    assert rows[2][:5] == ("Delegate", "Agency", "Job title", "Course", "Session date")
    body = rows[3:-1]
    assert [r[0] for r in body] == [line.person for line in lines]
    assert body[0][4] == lines[0].session_start.replace(hour=0, minute=0)
    assert body[0][7] == lines[0].charge_pence / 100
    owed = sum(line.charge_owed_pence for line in lines) / 100
    assert rows[-1][0] == f"{len(lines)} booking(s); charges to invoice" and rows[-1][7] == owed


def test_nothing_shown_nothing_exported(qtbot, database) -> None:
    page = _history(qtbot, database)
    page.history.filters.text.setText("zzz")
    page.history.export()
    assert "nothing to export" in page.history.feedback.text()


def test_a_sessions_delegates_to_excel(qtbot, database, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    session_id = _small_session(database, capacity=1)
    ann, ben = _people(database, "Ann Ash", "=Ben Birch")
    book(database, session_id, ann)
    book(database, session_id, ben)  # waits
    page = _page(qtbot, database)
    out = tmp_path / "delegates.xlsx"
    monkeypatch.setattr("desktop.views.training.session_papers.ask_xlsx_path", lambda *args: out)
    page.sessions.export_delegates()
    qtbot.waitUntil(lambda: "Saved" in page.sessions.feedback.text(), timeout=20_000)
    rows = list(load_workbook(out)["Delegates"].iter_rows(values_only=True))
    assert rows[0][0].startswith("Safeguarding disabled children: ")
    assert rows[1][0] == "1 / 1 booked, 1 waiting"
    assert [(r[0], r[1], r[4]) for r in rows[3:]] == [
        ("Ann Ash", "Children's Services", "Booked"),
        ("=Ben Birch", "Children's Services", "Waiting (1)")]  # text, not a formula
    assert [b.person for b in list_bookings(database, session_id)] == ["Ann Ash", "=Ben Birch"]


def test_the_save_dialog_opens_in_the_last_folder(qtbot, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    folder = tmp_path / "exports"
    folder.mkdir()

    def dialog(_parent, _title, start, _filter):
        asked.append(start)
        return str(folder / "first"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    assert excel.ask_xlsx_path(None, "Export", "a: b/c") == folder / "first.xlsx"
    assert Path(asked[0]).name == "a- b-c.xlsx"
    excel.ask_xlsx_path(None, "Export", "second")
    assert Path(asked[1]) == folder / "second.xlsx"


def test_sessions_list_still_follows_the_service(database) -> None:
    # The filtered model with no filter shows the rows as the service gave them.
    import_documents(database, [(HERTS.name, read_document(HERTS))])
    model = HistoryTableModel()
    lines = booking_history(database)
    model.set_rows(lines)
    assert model.rows == lines
    assert len(list_sessions(database)) == 36


def test_the_calendar_shows_what_the_filter_leaves(qtbot, database) -> None:
    page = _herts(qtbot, database)
    calendar, bar = page.sessions.calendar, page.sessions.filters
    calendar.go_to(dt.date(2015, 6, 23))
    assert calendar.model.sessions_on(dt.date(2015, 6, 24))
    bar.course.setCurrentIndex(bar.course.findText("Substance misuse lite bite"))
    assert [s.course for s in calendar.model.sessions_on(dt.date(2015, 6, 23))] == [
        "Substance misuse lite bite"]
    assert calendar.model.sessions_on(dt.date(2015, 6, 24)) == []
    bar.clear()
    assert calendar.model.sessions_on(dt.date(2015, 6, 24))

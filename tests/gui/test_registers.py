"""The registers in People and groups (interests with what is due, the decision log saved to
Excel, review dates), and decisions and declarations entered in the live view."""

from __future__ import annotations

import datetime as dt

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from desktop.models import Attendance, AttendanceStatus, Board, BoardKind, Person
from desktop.services import meetings as svc
from desktop.services import reviews
from desktop.services.meetings import decisions
from desktop.services.meetings import declarations as declared
from desktop.views.areas import AppContext
from desktop.views.meetings.item_registers import (
    DecisionDialog,
    DeclarationDialog,
    DeclarationEntry,
)
from desktop.views.notices import Notices
from desktop.views.people_page import PeoplePage
from desktop.views.registers import decisions as decision_panel
from tests.gui.conftest import open_minute_taking


def _records(database) -> dict[str, int]:
    with database.transaction() as session:
        board = Board(key="exec", name="Executive Group", kind=BoardKind.EXECUTIVE)
        ann, bob = Person(key="ann", name="Ann Lee"), Person(key="bob", name="Bob Shaw")
        session.add_all([board, ann, bob])
        session.flush()
        ids = {"board": board.id, "ann": ann.id, "bob": bob.id}
    meeting = svc.create_meeting(database, ids["board"], svc.MeetingFields(dt.date(2026, 1, 15)))
    with database.transaction() as session:
        session.add(Attendance(meeting_id=meeting, person_id=ids["ann"], initials="AL",
                               status=AttendanceStatus.PRESENT))
    svc.set_status(database, meeting, "in_progress")
    return ids | {"meeting": meeting}


def _page(qtbot, database) -> PeoplePage:
    page = PeoplePage(AppContext(database, Notices()))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.tabs.setCurrentWidget(page.registers)
    return page


def test_the_register_of_interests_by_keyboard_shows_what_is_due(qtbot, database):
    ids = _records(database)
    page = _page(qtbot, database)
    panel = page.registers.interests
    assert "No interest is due" in panel.due.text()
    panel.person.setCurrentIndex(panel.person.findData(ids["bob"]))
    qtbot.keyClicks(panel.description, "Trustee, Youth Trust")
    qtbot.keyClicks(panel.declared_on, "01/02/2024")
    soon = dt.date.today() + dt.timedelta(days=10)
    qtbot.keyClicks(panel.review_on, soon.strftime("%d/%m/%Y"))
    save = panel.findChild(QPushButton, "saveInterest")
    save.setFocus()
    qtbot.keyClick(save, Qt.Key.Key_Space)
    lines = declared.interests(database)
    assert [(x.person, x.description, x.due) for x in lines] == [
        ("Bob Shaw", "Trustee, Youth Trust", True)]
    assert "1 interest due for review" in panel.due.text()
    assert page.registers.tabs.tabText(0) == "Interests (1 due)"
    assert panel.table.item(0, 5).text() == "Review due"
    # A bad date is refused in words and saves nothing more.
    panel.new()
    qtbot.keyClicks(panel.description, "Governor")
    qtbot.keyClicks(panel.declared_on, "31/02/2024")
    panel.save()
    assert "date" in panel.feedback.text().lower() and len(declared.interests(database)) == 1


def test_the_decision_log_lists_filters_and_exports(qtbot, database, tmp_path, monkeypatch):
    ids = _records(database)
    item = svc.meeting_record(database, ids["meeting"]).items[1]
    decisions.add_decision(database, ids["meeting"], item.id, "Agreed the audit plan.")
    decisions.add_decision(database, ids["meeting"], None, "To meet monthly.")
    page = _page(qtbot, database)
    panel = page.registers.decisions
    page.registers.tabs.setCurrentWidget(panel)
    assert panel.table.rowCount() == 2 and panel.count.text() == "2 decisions"
    qtbot.keyClicks(panel.words, "audit")
    assert panel.table.rowCount() == 1
    assert panel.table.item(0, 2).text().startswith("2 ")
    target = tmp_path / "decisions.xlsx"
    monkeypatch.setattr(decision_panel, "ask_xlsx_path", lambda *_: target)
    panel.export.click()
    qtbot.waitUntil(target.exists)
    qtbot.waitUntil(lambda: "Saved" in panel.feedback.text())
    sheet = openpyxl.load_workbook(target).active
    rows = [tuple(c.value for c in row) for row in sheet.iter_rows(min_row=3)]
    assert [r[3] for r in rows] == ["Agreed the audit plan."]


def test_review_dates_are_due_a_year_later_and_show_when_due(qtbot, database):
    ids = _records(database)
    page = _page(qtbot, database)
    panel = page.registers.reviews
    page.registers.tabs.setCurrentWidget(panel)
    row = next(r for r in range(panel.table.rowCount())
               if panel.table.item(r, 0).text() == "Executive Group")
    panel.table.selectRow(row)
    last_year = dt.date.today() - dt.timedelta(days=360)
    qtbot.keyClicks(panel.fields["membership_reviewed"], last_year.strftime("%d/%m/%Y"))
    panel.save()
    line = next(x for x in reviews.board_reviews(database) if x.board_id == ids["board"])
    assert line.membership_due is not None and line.membership_due.year == last_year.year + 1
    assert line.due and line.due[0].startswith("Membership review due")
    assert "1 review due" in panel.due.text()
    assert page.registers.tabs.tabText(2).endswith("(1 due)")


def test_decisions_and_declarations_in_the_live_view(qtbot, database, monkeypatch):
    ids = _records(database)
    monkeypatch.setattr(DecisionDialog, "ask",
                        staticmethod(lambda _p, _items, item_id: (item_id, "Agreed the plan.")))
    monkeypatch.setattr(DeclarationDialog, "ask", staticmethod(
        lambda _p, _items, item_id, people: DeclarationEntry(item_id, "AL", "Governor", True)))
    view = open_minute_taking(qtbot, database, ids["meeting"])
    item = view.current
    assert item is not None
    qtbot.keyClick(view.editor, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view.editor, Qt.Key.Key_D,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert [d.text for d in decisions.decision_log(database)] == ["Agreed the plan."]
    assert decisions.decision_log(database)[0].item_id == item.id
    said = declared.item_declarations(database, item.id)
    assert [(d.who, d.withdrew) for d in said] == [("Ann Lee", True)]
    shown = [view.said.lines.item(i).text() for i in range(view.said.lines.count())]
    assert shown == ["Interest: Ann Lee declared an interest: Governor. They withdrew from the "
                     "meeting for this item.", "RESOLVED: Agreed the plan."]
    view.saver.close()



def test_the_meeting_editor_takes_decisions_and_declarations_at_the_chosen_item(
        qtbot, database, monkeypatch):
    from desktop.views.meetings_page import MeetingsPage

    ids = _records(database)
    asked: list[int | None] = []

    def decide(_parent, _items, item_id):
        asked.append(item_id)
        return item_id, "Agreed the plan."

    monkeypatch.setattr(DecisionDialog, "ask", staticmethod(decide))
    monkeypatch.setattr(DeclarationDialog, "ask", staticmethod(
        lambda _p, _items, item_id, people: DeclarationEntry(item_id, people[0], "Governor",
                                                             False)))
    page = MeetingsPage(AppContext(database, Notices()))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.set_board(ids["board"])
    editor = page.editor
    editor.open_meeting(ids["meeting"])
    editor.tabs.setCurrentWidget(editor.agenda)
    editor.agenda.table.selectRow(2)
    chosen = editor.agenda.selected()
    assert chosen is not None
    editor.agenda.table.setFocus()
    qtbot.keyClick(editor.agenda.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor.agenda.table, Qt.Key.Key_D,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert asked == [chosen.id]
    listed = [editor.registers.decisions.item(i).text()
              for i in range(editor.registers.decisions.count())]
    assert listed == [f"{chosen.number} {chosen.title}: Agreed the plan."]
    declared_here = declared.item_declarations(database, chosen.id)
    assert [(d.who, d.interest) for d in declared_here] == [("Ann Lee", "Governor")]
    assert editor.registers.declarations.count() == 1


def test_the_interest_and_decision_forms_refuse_an_empty_entry_and_give_what_was_typed(
        qtbot) -> None:
    items = [(1, "1 Welcome"), (2, "2 Minutes")]
    declaration = DeclarationDialog(None, items, 2, ["Ann Lee"])
    qtbot.addWidget(declaration)
    declaration.accept()
    assert declaration.entry is None
    assert declaration.problem.text() == "Say who declared an interest, and what it is."
    declaration.who.setCurrentText("Ann Lee")
    declaration.interest.setText("Trustee of Youth Trust")
    declaration.withdrew.setChecked(True)
    declaration.accept()
    assert declaration.entry is not None
    assert (declaration.entry.item_id, declaration.entry.who, declaration.entry.interest,
            declaration.entry.withdrew) == (2, "Ann Lee", "Trustee of Youth Trust", True)
    decision = DecisionDialog(None, items, None)
    qtbot.addWidget(decision)
    decision.accept()
    assert decision.entry is None and decision.problem.text() == "Say what was decided."
    decision.text.setPlainText("The Board agreed the audit plan.")
    decision.accept()
    assert decision.entry == (None, "The Board agreed the audit plan.")

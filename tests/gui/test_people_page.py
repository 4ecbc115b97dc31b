"""The People and groups area driven with qtbot, mostly by keyboard."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from desktop.models import Attendance, Board, Meeting, Person
from desktop.models.boards import BoardKind
from desktop.models.meetings import AttendanceStatus
from desktop.services.agencies import list_agencies
from desktop.services.boards import list_boards, list_memberships
from desktop.services.figures.period import reporting_year
from desktop.services.interchange import import_documents, read_document
from desktop.services.people import list_people
from desktop.views.areas import AREAS, AppContext
from desktop.views.notices import Notices
from desktop.views.people_merge_dialog import MergeDialog
from desktop.views.people_page import PeoplePage
from desktop.views.table_models.people import MemberAttendanceTableModel
from tests.conftest import SAMPLES

HERTS = SAMPLES / "hertfordshire-2015-16.json"
CTRL = Qt.KeyboardModifier.ControlModifier


def _page(qtbot, database) -> PeoplePage:
    page = PeoplePage(AppContext(database, Notices()))
    qtbot.addWidget(page)
    page.resize(1300, 850)
    page.show()
    page.activateWindow()  # shortcuts reach only the active window
    qtbot.waitUntil(page.isActiveWindow)
    return page


def _text(page: PeoplePage, name: str) -> str:
    label = page.findChild(QLabel, name)
    assert label is not None
    return label.text()


def test_area_is_registered() -> None:
    area = next(a for a in AREAS if a.object_name == "peopleArea")
    assert area.title == "People and groups"


def test_attendance_figures_of_the_hertfordshire_year(qtbot, database) -> None:
    import_documents(database, [(HERTS.name, read_document(HERTS))])
    page = _page(qtbot, database)
    page.tabs.setCurrentWidget(page.figures)
    page.set_board(list_boards(database)[0].id)
    page.figures.set_period(reporting_year(dt.date(2015, 4, 1)))
    qtbot.keyClick(page.figures.group, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: page.figures.figures is not None, timeout=20_000)
    model = page.figures.members
    texts = {model.index(r, model.COL_ROLE).data(): model.index(r, model.COL_ATTENDED).data()
             for r in range(model.rowCount())}
    assert len(texts) == 29
    assert texts["Independent Chair"] == "4/4"
    assert texts["Lay Member #2 (from September 2015)"] == (
        "2/4 — member from 01/09/2015: 2 of 3")
    assert page.figures.quorum.rowCount() == 4
    quorum = page.figures.quorum
    assert quorum.index(0, quorum.COL_PRESENT).data() == "23"
    assert "4 meetings held, 29 seats" in page.figures.heading.text()
    assert page.figures.agencies.rowCount() > 0


def test_backwards_period_is_refused_in_plain_english(qtbot, database) -> None:
    import_documents(database, [(HERTS.name, read_document(HERTS))])
    page = _page(qtbot, database)
    page.tabs.setCurrentWidget(page.figures)
    page.figures.set_period(reporting_year(dt.date(2015, 4, 1)))
    page.figures.end.setDate(page.figures.start.date().addDays(-1))
    qtbot.keyClick(page.figures.group, Qt.Key.Key_F5)
    assert "cannot end (31/03/2015) before it starts" in _text(page, "attendanceMessage")
    assert page.figures.members.rowCount() == 0


def test_find_and_edit_a_person_by_keyboard(qtbot, database) -> None:
    import_documents(database, [(HERTS.name, read_document(HERTS))])
    page = _page(qtbot, database)
    announced: list[frozenset[str]] = []
    page.notices.changed.connect(announced.append)
    qtbot.keyClicks(page.people.search, "grace austin")
    assert page.people.model.rowCount() == 1
    page.people.table.setFocus()
    qtbot.keyClick(page.people.table, Qt.Key.Key_Down)
    job = page.people.fields["job_title"]
    assert job.text() == "Independent Chair"
    job.selectAll()
    qtbot.keyClicks(job, "Independent Chair and Scrutineer")
    qtbot.keyClick(job, Qt.Key.Key_S, CTRL)
    assert list_people(database, "grace austin")[0].job_title == (
        "Independent Chair and Scrutineer")
    assert "Grace Austin saved." in _text(page, "peopleMessage")
    assert frozenset({"people"}) in announced
    # A blank name is refused in words, and nothing changes.
    page.people.fields["name"].clear()
    qtbot.keyClick(job, Qt.Key.Key_S, CTRL)
    assert "needs a name" in _text(page, "peopleMessage")
    assert list_people(database, "grace austin")


def test_new_person_with_an_agency(qtbot, database) -> None:
    import_documents(database, [(HERTS.name, read_document(HERTS))])
    page = _page(qtbot, database)
    qtbot.keyClick(page.people.search, Qt.Key.Key_N, CTRL)
    assert page.people.fields["name"].hasFocus()
    qtbot.keyClicks(page.people.fields["name"], "Sue Vincent")
    page.people.agency.setCurrentIndex(page.people.agency.findText("Colleges"))
    qtbot.keyClick(page.people.fields["name"], Qt.Key.Key_S, CTRL)
    [sue] = list_people(database, "sue vincent")
    assert sue.agency == "Colleges"


def _two_sues(database, same_meeting: bool) -> tuple[int, int]:
    with database.transaction() as s:
        su, sue = Person(key="su", name="Su Vincent"), Person(key="sue", name="Sue Vincent")
        board = Board(key="dscb", name="Dudley SCB", kind=BoardKind.BOARD)
        meeting = Meeting(key="m", board=board, date=dt.date(2014, 11, 21))
        s.add_all([su, sue, board, meeting,
                   Attendance(meeting=meeting, person=su, status=AttendanceStatus.PRESENT,
                              initials="SV")])
        if same_meeting:
            s.add(Attendance(meeting=meeting, person=sue, status=AttendanceStatus.PRESENT,
                             initials="SVi"))
        s.flush()
        return su.id, sue.id


def test_merge_dialog_refuses_two_rows_for_one_meeting(qtbot, database) -> None:
    su, sue = _two_sues(database, same_meeting=True)
    dialog = MergeDialog(database, su)
    qtbot.addWidget(dialog)
    dialog.duplicate.setCurrentIndex(dialog.duplicate.findData(sue))
    qtbot.mouseClick(dialog.findChild(QPushButton, "mergeConfirm"), Qt.MouseButton.LeftButton)
    assert "both in the attendance of Dudley SCB on 21/11/2014" in dialog.feedback.text()
    assert dialog.result_of_merge is None
    assert len(list_people(database, "vincent")) == 2


def test_merge_from_the_people_tab(qtbot, database, monkeypatch) -> None:
    su, _sue = _two_sues(database, same_meeting=False)
    page = _page(qtbot, database)
    announced: list[frozenset[str]] = []
    page.notices.changed.connect(announced.append)
    page.people.show_person(su)

    def choose_sue_and_merge(dialog: MergeDialog) -> int:
        qtbot.keyClicks(dialog.duplicate.lineEdit(), "Sue Vincent")
        dialog.merge()
        return int(dialog.result_of_merge is not None)

    monkeypatch.setattr(MergeDialog, "exec", choose_sue_and_merge)
    qtbot.keyClick(page.people.search, Qt.Key.Key_M, CTRL)
    assert [p.name for p in list_people(database, "vincent")] == ["Su Vincent"]
    assert "Sue Vincent merged into Su Vincent." in _text(page, "peopleMessage")
    assert any("meetings" in areas and "people" in areas for areas in announced)


def test_edit_an_agency(qtbot, database) -> None:
    import_documents(database, [(HERTS.name, read_document(HERTS))])
    page = _page(qtbot, database)
    page.tabs.setCurrentWidget(page.agencies)
    page.agencies.table.setFocus()
    qtbot.keyClick(page.agencies.table, Qt.Key.Key_Down)
    assert "on record" in _text(page, "agencyOverview")
    page.agencies.short_name.setText("2g")
    qtbot.keyClick(page.agencies.name, Qt.Key.Key_S, CTRL)
    assert any(a.short_name == "2g" for a in list_agencies(database))


def test_board_tree_and_a_member_who_leaves(qtbot, database) -> None:
    import_documents(database, [(HERTS.name, read_document(HERTS))])
    page = _page(qtbot, database)
    page.tabs.setCurrentWidget(page.boards)
    boards = page.boards
    board_id = boards.board_id
    assert board_id is not None and len(list_memberships(database, board_id)) == 29
    qtbot.keyClick(boards.tree, Qt.Key.Key_N, CTRL)
    qtbot.keyClicks(boards.name, "Performance Sub Group")
    boards.quorum.setValue(3)
    qtbot.keyClick(boards.name, Qt.Key.Key_S, CTRL)
    tree = list_boards(database)
    assert [(b.name, b.depth, b.kind) for b in tree][1] == (
        "Performance Sub Group", 1, "sub_group")
    assert boards.tree.topLevelItem(0).childCount() == 1
    # A seat on the new group, then the member leaves: the seat stays on record.
    seats = boards.seats
    qtbot.keyClick(seats.role, Qt.Key.Key_N, CTRL | Qt.KeyboardModifier.ShiftModifier)
    seats.person.setCurrentIndex(
        seats.person.findText("Grace Austin", Qt.MatchFlag.MatchStartsWith))
    qtbot.keyClicks(seats.role, "Chair")
    qtbot.keyClicks(seats.from_date, "01/04/2016")
    qtbot.keyClick(seats.role, Qt.Key.Key_S, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert seats.model.rowCount() == 1
    qtbot.keyClicks(seats.to_date, "31/03/2017")
    qtbot.mouseClick(page.findChild(QPushButton, "endSeat"), Qt.MouseButton.LeftButton)
    [seat] = list_memberships(database, tree[1].id)
    assert (seat.person, seat.role, seat.to_date) == ("Grace Austin", "Chair",
                                                      dt.date(2017, 3, 31))
    assert "stays on record" in _text(page, "seatMessage")


def test_the_models_pass_the_model_tester(qtmodeltester, qtbot, database) -> None:
    import_documents(database, [(HERTS.name, read_document(HERTS))])
    page = _page(qtbot, database)
    page.figures.set_period(reporting_year(dt.date(2015, 4, 1)))
    page.figures.count()
    qtbot.waitUntil(lambda: page.figures.figures is not None, timeout=20_000)
    page.boards.seats.show_board(list_boards(database)[0].id, "HSCB")
    for model in (page.people.model, page.agencies.model, page.boards.seats.model,
                  page.figures.members, page.figures.quorum, page.figures.agencies):
        assert model.rowCount() > 0
        qtmodeltester.check(model)
    assert isinstance(page.figures.members, MemberAttendanceTableModel)


def _mnemonic(text: str) -> str | None:
    at = text.replace("&&", "").find("&")
    return text.replace("&&", "")[at + 1].lower() if at >= 0 else None


def test_each_tab_has_distinct_mnemonics_and_labelled_fields(qtbot, database) -> None:
    page = _page(qtbot, database)
    tab_keys = [_mnemonic(page.tabs.tabText(i)) for i in range(page.tabs.count())]
    for index in range(page.tabs.count()):
        tab = page.tabs.widget(index)
        labels = [w for w in tab.findChildren(QLabel) if _mnemonic(w.text())]
        assert all(label.buddy() is not None for label in labels)
        buttons = [b for b in tab.findChildren(QPushButton) if _mnemonic(b.text())]
        keys = [_mnemonic(w.text()) for w in [*labels, *buttons]] + tab_keys
        assert len(keys) == len(set(keys)), page.tabs.tabText(index)
        for widget in tab.findChildren(QWidget):
            if widget.focusPolicy() != Qt.FocusPolicy.NoFocus and widget.objectName() and (
                    not widget.objectName().startswith("qt_")):
                assert widget.accessibleName(), widget.objectName()


def test_choosing_another_group_recounts_once_figures_are_shown(qtbot, database) -> None:
    import_documents(database, [(HERTS.name, read_document(HERTS))])
    with database.transaction() as s:
        s.add(Board(key="exec", name="Executive", kind=BoardKind.EXECUTIVE,
                    parent_id=list_boards(database)[0].id))
    page = _page(qtbot, database)
    page.tabs.setCurrentWidget(page.figures)
    page.figures.set_period(reporting_year(dt.date(2015, 4, 1)))
    page.set_board(list_boards(database)[0].id)
    page.figures.count()
    qtbot.waitUntil(lambda: page.figures.members.rowCount() == 29, timeout=20_000)
    page.notices.announce("boards")  # the group list is reloaded, the choice kept
    page.set_board(list_boards(database)[1].id)
    qtbot.waitUntil(lambda: page.figures.members.rowCount() == 0, timeout=20_000)
    assert "Executive" in page.figures.heading.text()


def test_a_seat_in_the_form_never_lands_on_another_group(qtbot, database) -> None:
    """The seat form kept the last group's seat: choosing another group and "Save seat" put
    that person on it. And "Add seat" emptied a filled, unsaved form instead of saving it."""
    import_documents(database, [(HERTS.name, read_document(HERTS))])
    page = _page(qtbot, database)
    page.tabs.setCurrentWidget(page.boards)
    boards, seats = page.boards, page.boards.seats
    board_id = boards.board_id
    assert board_id is not None
    qtbot.keyClick(boards.tree, Qt.Key.Key_N, CTRL)
    qtbot.keyClicks(boards.name, "Performance Sub Group")
    qtbot.keyClick(boards.name, Qt.Key.Key_S, CTRL)
    group_id = boards.board_id
    assert group_id is not None and group_id != board_id
    boards.tree.setCurrentItem(boards.tree.topLevelItem(0))  # back to the board
    assert boards.board_id == board_id
    seats.table.selectRow(0)
    assert seats.person.currentData() is not None  # the board's first seat in the form
    boards.tree.setCurrentItem(boards.tree.topLevelItem(0).child(0))  # the new group
    assert boards.board_id == group_id
    assert seats.person.currentData() is None and seats.role.text() == ""
    qtbot.mouseClick(page.findChild(QPushButton, "saveSeat"), Qt.MouseButton.LeftButton)
    assert list_memberships(database, group_id) == []
    assert "Choose the member" in _text(page, "seatMessage")

    seats.person.setCurrentIndex(
        seats.person.findText("Grace Austin", Qt.MatchFlag.MatchStartsWith))
    qtbot.keyClicks(seats.role, "Chair")
    qtbot.mouseClick(page.findChild(QPushButton, "addSeat"), Qt.MouseButton.LeftButton)
    assert [(s.person, s.role) for s in list_memberships(database, group_id)] == [
        ("Grace Austin", "Chair")]
    assert seats.role.text() == "" and seats.person.currentData() is None
    assert len(list_memberships(database, board_id)) == 29


def test_non_attendance_by_agency_is_charted_beside_its_table(qtbot, database) -> None:
    import_documents(database, [(HERTS.name, read_document(HERTS))])
    page = _page(qtbot, database)
    page.tabs.setCurrentWidget(page.figures)
    page.set_board(list_boards(database)[0].id)
    page.figures.set_period(reporting_year(dt.date(2015, 4, 1)))
    qtbot.keyClick(page.figures.group, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: page.figures.figures is not None, timeout=20_000)
    chart = page.figures.agency_chart
    assert chart.chart is not None
    assert len(chart.chart.bars) == page.figures.agencies.rowCount()
    assert chart.accessibleName() == "Meetings attended by agency 2015-16"
    assert "Children's Services 100%" in chart.accessibleDescription()

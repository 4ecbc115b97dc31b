"""The Actions area driven as a business manager would: filter, read, update, edit, withdraw."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDialog

from desktop.models.database import Database
from desktop.services.actions import ActionRow, action_rows, find_action_ids
from desktop.services.actions.queries import ActionFilter
from desktop.views.actions import detail as dialogs
from desktop.views.actions.page import ActionsPage
from desktop.views.areas import AppContext
from desktop.views.notices import Notices
from desktop.views.table_models.actions_model import PAGE, ActionsTableModel
from tests.test_actions import load

HEREFORD = "herefordshire-board-2018-10-23.json"


@pytest.fixture
def page(qtbot: Any, database: Database) -> ActionsPage:
    load(database, HEREFORD)
    widget = ActionsPage(AppContext(database, Notices()), today=dt.date(2018, 10, 24))
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    widget.show()
    qtbot.waitUntil(lambda: not widget.loading)  # the first read, on a worker thread
    return widget


def shown_numbers(page: ActionsPage) -> list[str]:
    model = page.model
    return [model.index(r, model.COL_NUMBER).data() for r in range(model.rowCount())]


def select_number(page: ActionsPage, number: int) -> None:
    page.table.selectRow(shown_numbers(page).index(str(number)))


def test_the_model_passes_qtmodeltester(qtmodeltester: Any, database: Database) -> None:
    load(database, HEREFORD)
    model = ActionsTableModel(lambda ids: action_rows(database, ids))
    model.set_rows(find_action_ids(database, ActionFilter(statuses="all")))
    assert model.rowCount() == 16
    qtmodeltester.check(model)


def test_rows_are_fetched_a_page_at_a_time(qtmodeltester: Any) -> None:
    asked: list[list[int]] = []

    def load_rows(ids: Sequence[int]) -> list[ActionRow]:
        asked.append(list(ids))
        return [ActionRow(i, 1, "B", i, None, None, None, f"T{i}", "x", ("SH",), None, "open",
                          None, False, False, None, None) for i in ids]

    model = ActionsTableModel(load_rows)
    model.set_rows(range(1, 10_001))
    assert model.rowCount() == 10_000 and asked == []
    assert model.index(5_050, model.COL_TITLE).data() == "T5051"
    assert model.index(5_001, model.COL_OWNERS).data() == "SH"
    assert asked == [list(range(5_001, 5_001 + PAGE))]


def test_the_log_shows_the_herefordshire_actions(page: ActionsPage) -> None:
    assert page.count.text() == "13 actions"
    page.filters.status.setCurrentIndex(page.filters.status.findData("all"))
    assert shown_numbers(page) == [str(n) for n in (69, 104, 105, 106, 107, 108,
                                                    *range(109, 119))]
    model = page.model
    row = shown_numbers(page).index("105")
    assert model.index(row, model.COL_STATUS).data() == "To close"
    assert model.index(row, model.COL_LATEST).data().startswith(
        "23/10/2018: In progress, on CE group Workplan")
    row = shown_numbers(page).index("118")
    assert model.index(row, model.COL_OWNERS).data() == "LB, Exec"
    assert model.index(row, model.COL_DUE).data() == "15/01/2019"
    assert page.table.isColumnHidden(model.COL_BOARD) is False  # every board shown
    select_number(page, 107)
    text = page.detail.toPlainText()
    assert "107. CSE Films" in text and "Board Meeting 23/10/2018" in text


def test_the_detail_pane_says_to_choose_an_action_while_none_is_chosen(
        qtbot: Any, page: ActionsPage) -> None:
    from desktop.views.actions.detail import NOTHING_CHOSEN

    detail = page.detail
    assert detail.empty and detail.toPlainText() == ""
    assert detail.placeholderText() == NOTHING_CHOSEN
    painted = detail.grab().toImage()
    detail.setPlaceholderText("")
    assert detail.grab().toImage() != painted  # the words were painted in the empty box
    detail.setPlaceholderText(NOTHING_CHOSEN)
    assert detail.accessibleDescription() == NOTHING_CHOSEN  # and said by a screen reader
    select_number(page, 107)
    assert "107. CSE Films" in detail.toPlainText() and detail.accessibleDescription() == ""
    page.filters.text.setText("no action says this")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert detail.empty and detail.toPlainText() == ""
    assert detail.accessibleDescription() == NOTHING_CHOSEN


def test_raised_between_is_ticked_and_its_dates_typed_by_keyboard(
        qtbot: Any, page: ActionsPage) -> None:
    from PySide6.QtWidgets import QDateEdit

    filters = page.filters
    assert filters.findChildren(QDateEdit) == []  # made when first ticked
    filters.status.setCurrentIndex(filters.status.findData("all"))
    page.window().activateWindow()
    qtbot.waitUntil(page.window().isActiveWindow)
    filters.raised_on.setFocus()
    qtbot.keyClick(filters.raised_on, Qt.Key.Key_Space)
    start, end = filters.raised_from, filters.raised_to
    assert start is not None and end is not None and start.isEnabled() and end.isEnabled()
    assert start.date().month() == 1 and start.date().day() == 1  # from 1 January
    qtbot.keyClick(filters.raised_on, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is start  # the dates follow the box by Tab
    after = start.nextInFocusChain()  # (Tab inside a date moves day, month, year first)
    while start.isAncestorOf(after):
        after = after.nextInFocusChain()
    assert after is end
    start.setDate(QDate(2018, 7, 1))
    end.setDate(QDate(2018, 7, 31))
    assert shown_numbers(page) == ["104", "105", "106", "107", "108"]
    filters.raised_on.setChecked(False)  # the dates stay, unused and greyed
    assert not start.isEnabled() and len(shown_numbers(page)) == 16


def test_typing_filters_the_log(qtbot: Any, page: ActionsPage) -> None:
    page.filters.text.setFocus()
    qtbot.keyClicks(page.filters.text, "thresholds")
    qtbot.waitUntil(lambda: shown_numbers(page) == ["114"])
    assert page.count.text() == "1 action"
    page.filters.text.clear()
    qtbot.waitUntil(lambda: len(shown_numbers(page)) == 13)


def test_sorting_by_a_header_runs_the_query(page: ActionsPage) -> None:
    page.table.sortByColumn(ActionsTableModel.COL_DUE, Qt.SortOrder.DescendingOrder)
    first = page.model.index(0, ActionsTableModel.COL_DUE).data()
    assert first == "15/01/2019"
    assert (page.sort, page.descending) == ("due", True)


def test_owner_filter_follows_the_board_selector(page: ActionsPage, database: Database) -> None:
    """With a board chosen the Owner list holds that board's owners and their open actions;
    "All boards and groups" (None) chases an owner across every board."""
    load(database, "dudley-board-2014-11-21.json")
    every = action_rows(database, find_action_ids(database, ActionFilter(statuses="all")))
    hscb = next(r for r in every if r.board == "HSCB").board_id
    other = {r.board for r in every} - {"HSCB"}
    page.set_board(hscb)
    assert page.table.isColumnHidden(ActionsTableModel.COL_BOARD)
    combo = page.filters.owner
    labels = [combo.itemText(i) for i in range(combo.count())]
    sally = next(i for i, text in enumerate(labels) if text.startswith("Sally Halls"))
    assert labels[sally].endswith(" open")
    combo.setCurrentIndex(sally)
    page.filters.status.setCurrentIndex(page.filters.status.findData("all"))
    assert shown_numbers(page) == ["104", "110", "114"]
    assert page.table.isColumnHidden(ActionsTableModel.COL_BOARD)  # still one board
    hscb_owners = set(labels)
    page.set_board(None)
    every_owner = {combo.itemText(i) for i in range(combo.count())}
    assert other and len(every_owner) > len(hscb_owners)
    assert not page.table.isColumnHidden(ActionsTableModel.COL_BOARD)


def test_ctrl_u_adds_an_update_and_completing_needs_words(
        qtbot: Any, page: ActionsPage, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[dialogs.UpdateDialog] = []

    def ask(parent: Any, heading: str, save: Any) -> bool:
        dialog = dialogs.UpdateDialog(parent, heading, save)
        opened.append(dialog)
        dialog.status.setCurrentIndex(dialog.status.findData("completed"))
        dialog.try_save()  # no words yet: refused, the dialog stays open
        assert dialog.error.isVisibleTo(dialog) and "Say what was done" in dialog.error.text()
        assert dialog.result() != QDialog.DialogCode.Accepted
        dialog.text.setPlainText("Report sent to members.")
        dialog.try_save()
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(dialogs.UpdateDialog, "ask", ask)
    select_number(page, 116)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    assert opened and "116." in opened[0].windowTitle()
    assert "116" not in shown_numbers(page)  # completed: no longer open
    assert page.count.text() == "12 actions"


def test_edit_keeps_an_unknown_owner_as_a_group_after_asking(
        qtbot: Any, page: ActionsPage, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[tuple[str, ...]] = []
    monkeypatch.setattr(dialogs, "confirm_groups",
                        lambda _parent, names: asked.append(names) or True)

    def ask(parent: Any, detail: Any, save: Any) -> bool:
        dialog = dialogs.EditDialog(parent, detail, save)
        assert dialog.owners.text() == "CB"
        dialog.due.setText("01/10/2018")
        dialog.try_save()
        assert "before the action was raised" in dialog.error.text()
        assert dialog.focusWidget() is dialog.due or not dialog.isVisible()
        dialog.due.setText("15/01/2019")
        dialog.owners.setText("CB, Ofsted Task Group")
        dialog.try_save()
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(dialogs.EditDialog, "ask", ask)
    select_number(page, 115)
    qtbot.keyClick(page.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert asked == [("Ofsted Task Group",)]
    row = shown_numbers(page).index("115")
    assert page.model.index(row, ActionsTableModel.COL_OWNERS).data() == "CB, Ofsted Task Group"
    assert page.model.index(row, ActionsTableModel.COL_DUE).data() == "15/01/2019"


def test_withdraw_keeps_the_number(qtbot: Any, page: ActionsPage,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    def ask(parent: Any, heading: str, save: Any) -> bool:
        dialog = dialogs.WithdrawDialog(parent, heading, save)
        dialog.reason.setText("Raised twice")
        dialog.try_save()
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(dialogs.WithdrawDialog, "ask", ask)
    select_number(page, 111)
    page.withdraw_action()
    assert "111" not in shown_numbers(page)
    page.filters.status.setCurrentIndex(page.filters.status.findData("withdrawn"))
    assert shown_numbers(page) == ["111"]
    select_number(page, 111)
    assert "Withdrawn: Raised twice" in page.detail.toPlainText()


def test_export_writes_what_the_owner_owes(qtbot: Any, page: ActionsPage,
                                           tmp_path: Any) -> None:
    from openpyxl import load_workbook

    combo = page.filters.owner
    combo.setCurrentIndex(next(i for i in range(combo.count())
                               if combo.itemText(i).startswith("LB") or
                               combo.itemText(i).startswith("Lisa Beavan")))
    out = tmp_path / "lb.xlsx"
    page.write_log(page.filters.criteria(None, "number", False, page.today), out)
    qtbot.waitUntil(out.exists)
    sheet = load_workbook(out).active
    assert sheet is not None
    assert sheet["A1"].value == "All boards: open actions of Lisa Beavan"
    assert [r[0] for r in sheet.iter_rows(min_row=4, values_only=True)] == [
        "HSCB 116", "HSCB 118"]


def test_every_control_is_named(page: ActionsPage) -> None:
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QSpinBox

    mine = {page, page.filters}
    for kind in (QAbstractButton, QComboBox, QLineEdit, QSpinBox):
        for widget in page.findChildren(kind):
            if widget.objectName().startswith("qt_") or widget.parent() not in mine:
                continue  # the parts Qt builds inside a spin box or a line edit
            assert widget.objectName() and widget.accessibleName(), widget


def test_the_export_offers_every_writer_and_loads_none_until_asked():
    import subprocess
    import sys

    from desktop.exports.action_log_xlsx import WRITERS
    from desktop.views.actions.changes import LOG_FORMATS

    assert tuple(WRITERS) == LOG_FORMATS
    code = ("import sys, desktop.views.actions.page\n"
            "print([m for m in ('openpyxl', 'reportlab', 'docx') if m in sys.modules])")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"


def test_typing_in_find_filters_the_ids_already_held(qtbot, database, monkeypatch):
    """Words typed narrow the list in memory; the choices' ids are asked for once, and
    again after a change is announced."""
    from desktop.services.actions import find_action_ids
    from desktop.views.actions import page as actions_page
    from desktop.views.areas import AppContext
    from desktop.views.notices import ACTIONS, Notices

    _import_samples_for_find(database)
    notices = Notices()
    page = actions_page.ActionsPage(AppContext(database, notices))
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.loading)
    asked: list = []

    def counting(db, criteria):  # type: ignore[no-untyped-def]
        asked.append(criteria)
        return find_action_ids(db, criteria)

    monkeypatch.setattr(actions_page, "find_action_ids", counting)
    page.filters.status.setCurrentIndex(page.filters.status.findData("all"))
    page.refresh()
    asked.clear()
    for word in ("c", "co", "cou", "county"):
        page.filters.text.setText(word)
        page.refresh()
        criteria = page.filters.criteria(page.board_id, page.sort, page.descending, page.today)
        assert page.model.ids() == find_action_ids(database, criteria)  # the same actions
    assert asked == []
    assert page.model.ids()
    notices.announce(ACTIONS)
    assert len(asked) == 1 and asked[0].text == ""


def _import_samples_for_find(database):  # type: ignore[no-untyped-def]
    from desktop.services.interchange import import_documents, read_document
    from tests.conftest import SAMPLES

    paths = sorted(SAMPLES.glob("*.json"))
    import_documents(database, [(p.name, read_document(p)) for p in paths])

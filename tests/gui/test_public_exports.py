"""The screens' public exports: the action log without the actions of confidential items,
and the public agenda from a meeting's Export menu."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import docx
import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QMenu, QWidget

from desktop.exports.minutes import CONFIDENTIAL_MARK
from desktop.models import Action, AgendaItem
from desktop.models.database import Database
from desktop.views import export_document
from desktop.views.actions import changes as action_changes
from desktop.views.actions.page import ActionsPage
from desktop.views.areas import AppContext
from desktop.views.export_document import add_meeting_exports
from desktop.views.notices import Notices
from tests.conftest import import_sample

SECRET = "Brief the Lead Member on Kestrel"


@pytest.fixture
def secret(database: Database) -> Database:
    import_sample(database, "herefordshire-board-2018-10-23.json")
    with database.transaction() as s:
        item = s.query(AgendaItem).filter_by(number="5.3").one()
        item.confidential, item.presenter = True, "Detective Inspector Wren"
        s.query(Action).filter_by(number=114).one().text = SECRET
    return database


def _page(qtbot: Any, database: Database) -> ActionsPage:
    page = ActionsPage(AppContext(database, Notices()), today=dt.date(2018, 10, 24))
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    qtbot.waitUntil(lambda: not page.loading)  # read on a worker thread
    page.filters.owner.setCurrentIndex(0)
    return page


@pytest.mark.parametrize(("button", "public"), [("exportActionsButton", False),
                                                 ("exportPublicActionsButton", True)])
def test_the_export_buttons_write_the_full_or_the_public_log(
        qtbot: Any, secret: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        button: str, public: bool) -> None:
    page = _page(qtbot, secret)
    page.set_board(1)
    target = tmp_path / "log.xlsx"
    asked: list[str] = []

    def choose(_parent: object, title: str, suggested: str, _formats: object) -> tuple:
        asked.append(f"{title}|{suggested}")
        return "xlsx", target

    monkeypatch.setattr(action_changes, "choose_target", choose)
    page.findChild(QWidget, button).click()
    qtbot.waitUntil(target.exists, timeout=20_000)
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    numbers = [row[0] for row in rows[3:]]
    if public:
        assert asked == ["Export public action log|action-log-public"]
        assert 114 not in numbers and 113 in numbers
        assert "public version" in rows[0][0]
        assert SECRET not in str(rows)
    else:
        assert 114 in numbers
        assert next(row for row in rows[3:] if row[0] == 114)[-1] == CONFIDENTIAL_MARK


def test_the_public_export_has_a_shortcut(secret: Database, qtbot: Any) -> None:
    page = _page(qtbot, secret)
    keys = {a.shortcut().toString() for a in page.actions()}
    assert "Ctrl+Shift+P" in keys


def test_the_meeting_menu_writes_the_public_agenda(qtbot: Any, secret: Database,
                                                   tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    menu = QMenu(parent)
    add_meeting_exports(menu, parent, secret, lambda: "hscb-2018-10-23")  # type: ignore
    targets = {"exportAgenda": tmp_path / "agenda.docx",
               "exportPublicAgenda": tmp_path / "public.docx"}
    for name, target in targets.items():
        monkeypatch.setattr(export_document, "choose_target",
                            lambda *_a, target=target: ("docx", target))
        next(a for a in menu.actions() if a.objectName() == name).trigger()
        qtbot.waitUntil(target.exists, timeout=20_000)
    texts = {name: " ".join(c.text for t in docx.Document(str(path)).tables
                            for row in t.rows for c in row.cells)
             for name, path in targets.items()}
    assert "Wren" in texts["exportAgenda"] and CONFIDENTIAL_MARK in texts["exportAgenda"]
    assert "Wren" not in texts["exportPublicAgenda"]
    assert "Confidential item" in texts["exportPublicAgenda"]


def test_minutes_of_a_meeting_not_yet_held_are_refused_plainly(
        qtbot: Any, secret: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from desktop.models import Board, Meeting, MeetingStatus

    with secret.transaction() as s:
        board = s.query(Board).filter_by(key="hscb").one()
        s.add(Meeting(key="hscb-next", board_id=board.id, date=dt.date(2030, 1, 15),
                      status=MeetingStatus.PLANNED))
    parent = QWidget()
    qtbot.addWidget(parent)
    menu = QMenu(parent)
    add_meeting_exports(menu, parent, secret, lambda: "hscb-next")  # type: ignore
    target = tmp_path / "minutes.pdf"
    monkeypatch.setattr(export_document, "choose_target", lambda *_a: ("pdf", target))
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warned.append(args[2]))
    next(a for a in menu.actions() if a.objectName() == "exportMinutes").trigger()
    qtbot.waitUntil(lambda: bool(warned), timeout=20_000)
    assert warned == ["Nothing was written: This meeting has not been held yet, so it has "
                      "no minutes: export its agenda instead."]
    assert not target.exists()

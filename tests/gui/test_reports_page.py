"""The Reports area and the export helper: period, board, exports written in the background."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from desktop.models.database import Database
from desktop.services.interchange import import_documents, read_document
from desktop.views.areas import AREAS, AppContext
from desktop.views.export_document import add_meeting_exports, choose_target
from desktop.views.notices import Notices
from desktop.views.reports_page import ReportsPage
from tests.conftest import SAMPLES


def _import(database: Database, name: str) -> None:
    path = SAMPLES / name
    import_documents(database, [(path.name, read_document(path))])


@pytest.fixture
def page(qtbot, database: Database) -> ReportsPage:
    _import(database, "herefordshire-board-2018-10-23.json")
    widget = ReportsPage(AppContext(database, Notices()), today=dt.date(2018, 11, 1))
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _save_as(monkeypatch: pytest.MonkeyPatch, path: Path, chosen_filter: str = "") -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(path), chosen_filter))


def test_reports_is_an_area() -> None:
    assert ("Reports", "reportsArea") in [(a.title, a.object_name) for a in AREAS]


def test_defaults_to_the_reporting_year_and_follows_the_board(page: ReportsPage) -> None:
    assert page.start.date() == QDate(2018, 4, 1)
    assert page.end.date() == QDate(2019, 3, 31)
    assert page.board.currentData() is None
    board_id = page.board.itemData(1)
    page.set_board(board_id)
    assert page.board.currentText() == "Herefordshire Safeguarding Children Board"
    page.set_board(None)  # all boards: the choice stays
    assert page.board.currentData() == board_id
    for widget in page.findChildren(QWidget):
        if (widget.focusPolicy() != Qt.FocusPolicy.NoFocus and widget.isVisible()
                and not widget.objectName().startswith("qt_")):  # parts of a QDateEdit
            assert widget.objectName() and widget.accessibleName(), widget


def test_a_backwards_period_is_refused_beside_the_dates(page: ReportsPage, qtbot,
                                                       monkeypatch, tmp_path: Path) -> None:
    _save_as(monkeypatch, tmp_path / "annual.pdf")
    page.end.setDate(QDate(2018, 1, 1))
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    qtbot.keyClick(page.board, Qt.Key.Key_A,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    bar = page.page.message_bar
    assert bar.message().startswith("Problem: ")
    assert "cannot end (01/01/2018) before it starts (01/04/2018)" in bar.message()
    assert not (tmp_path / "annual.pdf").exists()
    page.year_button.click()
    assert page.period() is not None and bar.message() == ""


def test_annual_report_written_in_the_background(page: ReportsPage, qtbot, monkeypatch,
                                                 tmp_path: Path) -> None:
    target = tmp_path / "annual"  # no extension: the filter chosen gives the format
    _save_as(monkeypatch, target, "Word document (*.docx)")
    page.set_board(page.board.itemData(1))
    page.findChild(QWidget, "exportAnnualReport").click()
    qtbot.waitUntil(lambda: page.last_written is not None, timeout=20_000)
    assert page.last_written == tmp_path / "annual.docx"
    assert f"Done: Saved to {tmp_path / 'annual.docx'}" == page.page.message_bar.message()
    word = docx.Document(str(tmp_path / "annual.docx"))
    assert word.paragraphs[0].text == (
        "Herefordshire Safeguarding Children Board annual report 2018-19: appendices")
    texts = [p.text for p in word.paragraphs]
    assert "Appendix 1: Membership and attendance of Herefordshire Safeguarding Children " \
           "Board" in texts
    # The sample records no memberships: said in words, not as an empty table.
    assert "No members of the board are recorded for the year." in texts
    assert not list(tmp_path.glob("*.partial"))


def test_charges_can_be_a_workbook(page: ReportsPage, qtbot, monkeypatch,
                                   tmp_path: Path) -> None:
    _save_as(monkeypatch, tmp_path / "charges.xlsx")
    page.findChild(QWidget, "exportCharges").click()
    qtbot.waitUntil(lambda: page.last_written is not None, timeout=20_000)
    assert (tmp_path / "charges.xlsx").stat().st_size > 0


def test_choose_target_reads_the_extension(qtbot, monkeypatch, tmp_path: Path) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    _save_as(monkeypatch, tmp_path / "m.DOCX", "PDF document (*.pdf)")
    assert choose_target(parent, "Export", "minutes") == ("docx", tmp_path / "m.DOCX")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    assert choose_target(parent, "Export", "minutes") is None


def test_meeting_export_menu_writes_the_minutes(qtbot, database: Database, monkeypatch,
                                                tmp_path: Path) -> None:
    _import(database, "herefordshire-board-2018-10-23.json")
    parent = QWidget()
    qtbot.addWidget(parent)
    menu = QMenu(parent)
    chosen: list[int | str | None] = [None]
    add_meeting_exports(menu, parent, database, lambda: chosen[0])  # type: ignore[arg-type]
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: shown.append(args[2]))
    menu.findChild(type(menu.actions()[0]), "exportMinutes").trigger()
    assert shown == ["To export, choose a meeting in the list first."]
    chosen[0] = "hscb-2018-10-23"
    _save_as(monkeypatch, tmp_path / "public.pdf")
    menu.findChild(type(menu.actions()[0]), "exportPublicMinutes").trigger()
    qtbot.waitUntil(lambda: (tmp_path / "public.pdf").exists(), timeout=20_000)

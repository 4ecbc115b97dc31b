"""File → Import: the wizard reads a hand-made log, shows its columns and a preview with the
problem rows highlighted, and imports in the background."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from sqlalchemy import func, select

from desktop.models import Action, Setting
from desktop.views import colours
from desktop.views.areas import AppContext
from desktop.views.importing.wizard import COLUMNS, PREVIEW, ImportWizard
from desktop.views.notices import Notices
from tests.importing import files


def _wizard(qtbot, database) -> ImportWizard:  # type: ignore[no-untyped-def]
    files.add_board(database)
    wizard = ImportWizard(AppContext(database, Notices()))
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def _open(qtbot, wizard: ImportWizard, path: Path) -> None:  # type: ignore[no-untyped-def]
    wizard.open_file(path)
    qtbot.waitUntil(lambda: wizard.next.isEnabled(), timeout=10_000)


def _actions(database) -> int:  # type: ignore[no-untyped-def]
    with database.session() as session:
        return session.scalar(select(func.count()).select_from(Action)) or 0


def test_mapping_preview_and_import(qtbot, database, tmp_path: Path) -> None:
    wizard = _wizard(qtbot, database)
    _open(qtbot, wizard, files.action_log(tmp_path / "log.xlsx"))
    assert wizard.kind.currentData() == "actions"
    assert "headers in row 4" in wizard.detected.text()
    qtbot.mouseClick(wizard.next, Qt.MouseButton.LeftButton)
    assert wizard.pages.currentIndex() == COLUMNS
    fields = [c.currentData() for c in wizard.mapping.combos]
    assert fields == ["number", "raised", "text", "owners", "due", "status", "rag"]
    # The user says the "Meeting date" column is not to be imported.
    wizard.mapping.combos[1].setCurrentIndex(0)
    assert wizard.source is not None and wizard.source.mapping[1] == ""
    qtbot.mouseClick(wizard.next, Qt.MouseButton.LeftButton)
    assert wizard.pages.currentIndex() == PREVIEW
    qtbot.waitUntil(lambda: wizard.preview_ready, timeout=10_000)
    assert wizard.preview.rowCount() == 3
    assert "Ready to import" in wizard.summary.text()
    assert _actions(database) == 0  # the preview was a dry run
    qtbot.mouseClick(wizard.do_import, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.imported is not None, timeout=10_000)
    assert _actions(database) == 3
    assert "Imported: actions: 3 new" in wizard.summary.text()
    # The columns chosen are remembered for the next file laid out the same way.
    with database.session() as session:
        stored = session.scalars(
            select(Setting.value).where(Setting.name.startswith("import_layout:"))).one()
    assert json.loads(stored)[1] == ""
    again = _wizard(qtbot, database)
    _open(qtbot, again, files.action_log(tmp_path / "next month.xlsx"))
    assert again.source is not None and again.source.mapping[1] == ""
    assert "chosen for the last file" in again.mapping_note.text()


def test_problem_rows_highlighted_and_nothing_imported(qtbot, database, tmp_path: Path) -> None:
    wizard = _wizard(qtbot, database)
    _open(qtbot, wizard, files.action_log(tmp_path / "log.xlsx", bad_date=True))
    wizard.forward()
    wizard.forward()
    qtbot.waitUntil(lambda: wizard.preview_ready, timeout=10_000)
    assert wizard.preview.problem_rows == [6]
    row = [wizard.preview.item(r, 0).text() for r in range(3)].index("6")
    assert wizard.preview.item(row, 2).background().color().name() == colours.pair("problem")[1]
    assert "31/13/2018" in wizard.preview.item(row, 1).text()
    assert wizard.messages.item(0).text().startswith("row 6: Target date:")
    assert not wizard.do_import.isEnabled()
    assert _actions(database) == 0


def test_word_minutes_skip_the_columns(qtbot, database, tmp_path: Path) -> None:
    wizard = _wizard(qtbot, database)
    _open(qtbot, wizard, files.minutes_in_tables(tmp_path / "minutes.docx"))
    assert wizard.kind.currentData() == "minutes"
    assert wizard.board.currentData() is None  # the board the title block names
    wizard.forward()
    assert wizard.pages.currentIndex() == PREVIEW
    qtbot.waitUntil(lambda: wizard.preview_ready, timeout=10_000)
    parts = [wizard.preview.item(r, 0).text() for r in range(wizard.preview.rowCount())]
    assert parts.count("Item") == 3 and parts.count("Action") == 1
    wizard.import_now()
    qtbot.waitUntil(lambda: wizard.imported is not None, timeout=10_000)
    assert _actions(database) == 1


def test_boardwork_json_goes_through_the_same_wizard(qtbot, database, tmp_path: Path) -> None:
    wizard = _wizard(qtbot, database)
    path = tmp_path / "people.json"
    path.write_text(json.dumps({"format": "boardwork/2", "people": [
        {"key": "amy", "name": "Amy Clarke"}]}), encoding="utf-8")
    _open(qtbot, wizard, path)
    wizard.forward()
    qtbot.waitUntil(lambda: wizard.preview_ready, timeout=10_000)
    wizard.import_now()
    qtbot.waitUntil(lambda: wizard.imported is not None, timeout=10_000)
    assert wizard.imported.created == {"people": 1}


def test_tab_goes_through_each_columns_field(qtbot, database, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QApplication

    wizard = _wizard(qtbot, database)
    _open(qtbot, wizard, files.action_log(tmp_path / "log.xlsx"))
    wizard.forward()
    wizard.activateWindow()
    wizard.mapping.setFocus()
    reached = []
    for _ in range(len(wizard.mapping.combos)):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    assert reached == wizard.mapping.combos


def test_file_import_opens_the_wizard(qtbot, database, monkeypatch) -> None:
    from PySide6.QtGui import QAction

    from desktop.views.main_window import MainWindow

    opened: list[ImportWizard] = []
    monkeypatch.setattr(ImportWizard, "exec", lambda self: opened.append(self) or 0)
    window = MainWindow(database)
    qtbot.addWidget(window)
    action = window.findChild(QAction, "importData")
    assert action is not None and action.shortcut().toString() == "Ctrl+I"
    action.trigger()
    assert len(opened) == 1 and opened[0].kind.count() == 5


def test_minutes_over_approved_ones_ask_for_a_reason(
    qtbot, database, tmp_path: Path, monkeypatch,
) -> None:
    from desktop.services.interchange import import_documents
    from desktop.views.service_call import AmendmentReason

    wizard = _wizard(qtbot, database)
    import_documents(database, [("approved", {"format": "boardwork/2", "meetings": [
        {"key": "hscb-oct", "board": "hscb", "date": "2018-10-23", "status": "approved"}]})])
    asked: list[bool] = []
    monkeypatch.setattr(AmendmentReason, "ask",
                        lambda _parent: asked.append(True) or "Typed up from Word")
    _open(qtbot, wizard, files.minutes_in_tables(tmp_path / "minutes.docx"))
    wizard.forward()
    qtbot.waitUntil(lambda: wizard.preview_ready, timeout=10_000)
    notes = [wizard.messages.item(i).text() for i in range(wizard.messages.count())]
    assert any("are approved" in n for n in notes)
    wizard.import_now()
    qtbot.waitUntil(lambda: wizard.imported is not None, timeout=10_000)
    assert asked == [True] and wizard.imported.amended["hscb-oct"] > 0

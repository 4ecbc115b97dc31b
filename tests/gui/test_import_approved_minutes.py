"""Importing from the File menu a document that changes approved minutes: the user is told
which meeting and asked for a reason; with one, each change is recorded as an amendment."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.models.database import Database
from desktop.services.interchange import export_data, import_documents, read_document
from desktop.views.main_window import MainWindow
from desktop.views.service_call import AmendmentReason
from tests.conftest import SAMPLES

HEREFORDSHIRE = SAMPLES / "herefordshire-board-2018-10-23.json"


def _changed(tmp_path: Path) -> Path:
    document: dict[str, Any] = json.loads(HEREFORDSHIRE.read_text(encoding="utf-8"))
    document["meetings"][0]["items"][2]["minutes_html"] = "<p>Rewritten.</p>"
    path = tmp_path / "changed.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.mark.parametrize("reason", ["Typing error corrected", None])
def test_changing_approved_minutes_asks_for_a_reason(
    qtbot: Any, database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    reason: str | None,
) -> None:
    import_documents(database, [(HEREFORDSHIRE.name, read_document(HEREFORDSHIRE))])
    before = export_data(database)
    shown: list[str] = []
    asked: list[bool] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: shown.append(text))
    monkeypatch.setattr(AmendmentReason, "ask", lambda _parent: asked.append(True) or reason)
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.file_actions.import_files([_changed(tmp_path)])
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=30_000)
    assert "meeting 'hscb-2018-10-23' of 2018-10-23 are approved" in shown[0]
    assert asked == [True]
    if reason is None:
        assert export_data(database) == before
        return
    # What was done is said in the message bar of the page shown, not in a box.
    bar = window.stack.currentWidget().message_bar
    qtbot.waitUntil(lambda: "amendments" in bar.message(), timeout=30_000)
    meeting = export_data(database)["meetings"][0]
    assert bar.message().startswith("Warning: The data was imported.")  # with what to check
    assert "1 change(s) to approved minutes were recorded as amendments" in bar.message()
    assert len(shown) == 1
    assert meeting["items"][2]["minutes_html"] == "<p>Rewritten.</p>"
    assert meeting["amendments"][-1]["text"].endswith(f": {reason}")


def test_a_backup_made_from_the_file_menu_is_said_in_the_page_bar(
    qtbot: Any, database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QFileDialog

    import_documents(database, [(HEREFORDSHIRE.name, read_document(HEREFORDSHIRE))])
    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: boxes.append(text))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a: str(tmp_path))
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.file_actions.back_up()
    bar = window.stack.currentWidget().message_bar
    qtbot.waitUntil(lambda: "Backed up to" in bar.message(), timeout=30_000)
    assert bar.message().startswith(f"Done: Backed up to {tmp_path}")
    assert boxes == []  # no box to dismiss

"""The hidden BOARDWORK_SMOKE_QUIT_MS setting installer/smoke.sh uses to open and close the app."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import pytest
from PySide6 import QtCore
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from desktop.app import quit_soon_for_smoke_test


class FakeApplication:
    def __init__(self) -> None:
        self.quit_calls = 0

    def quit(self) -> None:
        self.quit_calls += 1


def test_with_the_setting_the_app_reports_its_window_then_quits(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    window = QWidget()
    window.setWindowTitle("Boardwork")
    qtbot.addWidget(window)
    app = FakeApplication()
    monkeypatch.setenv("BOARDWORK_SMOKE_QUIT_MS", "10")

    quit_soon_for_smoke_test(app, window)

    qtbot.waitUntil(lambda: app.quit_calls == 1)
    assert "smoke: window shown: Boardwork" in capsys.readouterr().out


def test_the_report_and_picture_files_are_written_for_a_program_with_no_console(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window = QWidget()
    window.setWindowTitle("Boardwork")
    window.resize(120, 80)
    qtbot.addWidget(window)
    app = FakeApplication()
    monkeypatch.setenv("BOARDWORK_SMOKE_QUIT_MS", "10")
    monkeypatch.setenv("BOARDWORK_SMOKE_REPORT", str(tmp_path / "report.txt"))
    monkeypatch.setenv("BOARDWORK_SMOKE_SCREENSHOT", str(tmp_path / "window.png"))

    quit_soon_for_smoke_test(app, window)

    qtbot.waitUntil(lambda: app.quit_calls == 1)
    report = (tmp_path / "report.txt").read_text(encoding="utf-8").splitlines()
    assert report == ["smoke: window shown: Boardwork", "platform: offscreen"]
    picture = QImage(str(tmp_path / "window.png"))
    assert (picture.width(), picture.height()) == (120, 80)


class RecordingTimer:
    scheduled: ClassVar[list[int]] = []

    @classmethod
    def singleShot(cls, msec: int, call: object) -> None:
        cls.scheduled.append(msec)


@pytest.mark.parametrize("value", [None, "", "soon", "-5"])
def test_without_a_number_of_milliseconds_nothing_is_scheduled(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, value: str | None
) -> None:
    if value is None:
        monkeypatch.delenv("BOARDWORK_SMOKE_QUIT_MS", raising=False)
    else:
        monkeypatch.setenv("BOARDWORK_SMOKE_QUIT_MS", value)
    monkeypatch.setattr(RecordingTimer, "scheduled", [])
    monkeypatch.setattr(QtCore, "QTimer", RecordingTimer)
    window = QWidget()
    qtbot.addWidget(window)

    quit_soon_for_smoke_test(FakeApplication(), window)

    assert RecordingTimer.scheduled == []

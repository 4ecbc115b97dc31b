"""Widget tests keep their window settings in a temporary folder, not the user's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings


@pytest.fixture(autouse=True)
def isolated_qsettings(qapp, tmp_path: Path) -> Iterator[None]:
    QCoreApplication.setOrganizationName("BoardworkTests")
    QCoreApplication.setApplicationName("BoardworkTests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    QSettings().clear()
    yield


@pytest.fixture(autouse=True)
def isolated_personal_dictionary(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Words added to the dictionary in a test go to a temporary file, not the user's."""
    path = tmp_path / "personal-dictionary.txt"
    monkeypatch.setattr("desktop.services.spelling.personal.default_personal_path", lambda: path)
    return path


@pytest.fixture(autouse=True)
def no_app_wide_window_fitting(qapp) -> Iterator[None]:
    """A test that starts the app (desktop/app.py start_window) installs the filter that fits
    every window to its screen on the whole application, once per process; left there, every
    later test's window would be shrunk to the offscreen screen (800×600), so a test's result
    would hang on which tests ran before it in the same process (pytest-xdist, ./test.sh)."""
    yield
    from desktop.views import appearance

    if appearance._fitter is not None:
        qapp.removeEventFilter(appearance._fitter)
        appearance._fitter = None


# A dialog that a test forgot to answer would wait for ever inside exec(), and the whole run
# would hang until CI gives up. The dialog's own event loop still runs timers, so a watchdog
# rejects a dialog that has been waiting far longer than any test answers one, and the test
# fails, naming it.
UNANSWERED_AFTER_S = 20.0


@pytest.fixture(autouse=True)
def no_unanswered_dialogs(qapp) -> Iterator[None]:
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialog

    left_open: list[str] = []
    seen: dict[int, float] = {}

    def check() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            seen.clear()
            return
        since = seen.setdefault(id(modal), time.monotonic())
        if time.monotonic() - since < UNANSWERED_AFTER_S:
            return
        left_open.append(modal.windowTitle() or type(modal).__name__)
        if isinstance(modal, QDialog):
            modal.reject()
        else:
            modal.close()

    watchdog = QTimer()
    watchdog.setInterval(1000)
    watchdog.timeout.connect(check)
    watchdog.start()
    yield
    watchdog.stop()
    assert not left_open, f"a dialog was left waiting for an answer: {left_open}"


@pytest.fixture
def problems(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The plain messages the screens would show, instead of showing them."""
    from desktop.views import service_call

    shown: list[str] = []
    monkeypatch.setattr(service_call.Problem, "show", lambda _parent, text: shown.append(text))
    return shown


def live_meeting(database) -> int:  # type: ignore[no-untyped-def]
    """The Herefordshire meeting of the samples, reopened as if it were happening now."""
    from sqlalchemy import select

    from desktop.models import Meeting, MeetingStatus
    from tests.conftest import import_sample

    import_sample(database, "herefordshire-board-2018-10-23.json")
    with database.transaction() as session:
        meeting = session.scalars(select(Meeting)).one()
        meeting.status = MeetingStatus.IN_PROGRESS
        return meeting.id


def open_minute_taking(qtbot, database, meeting_id: int,  # type: ignore[no-untyped-def]
                       size: tuple[int, int] | None = (1400, 850)):
    """The minute-taking view of a meeting, shown and active, as F10 opens it."""
    from desktop.views.minute_taking.view import MinuteTakingView
    from desktop.views.notices import Notices

    widget = MinuteTakingView(database, Notices(), meeting_id)
    qtbot.addWidget(widget)
    if size is not None:
        widget.resize(*size)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget

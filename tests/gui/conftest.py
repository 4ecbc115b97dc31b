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

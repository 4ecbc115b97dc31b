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
